// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Compile test (kernel world): every macro and inline of the basic kernel shim headers
 * is expanded once, so that the headers keep type-checking under the kbuild-like flags
 * with -Werror. Nothing here is meant to run; the out-of-line functions are only
 * referenced.
 */
#include <linux/container_of.h>
#include <linux/build_bug.h>
#include <linux/minmax.h>
#include <linux/math.h>
#include <linux/align.h>
#include <linux/bits.h>
#include <linux/log2.h>
#include <linux/bitops.h>
#include <linux/poison.h>
#include <linux/list.h>
#include <linux/string.h>
#include <linux/kstrtox.h>
#include <linux/kernel.h>
#include <linux/atomic.h>
#include <linux/refcount.h>
#include <asm/barrier.h>

/* In-band services, page allocator and mmap, poll (added with the EVL kernel API). */
#include <linux/lockdep_types.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/wait.h>
#include <linux/completion.h>
#include <linux/mutex.h>
#include <linux/semaphore.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/workqueue.h>
#include <linux/rcupdate.h>
#include <linux/irq_work.h>
#include <linux/irqstage.h>
#include <linux/gfp.h>
#include <linux/vmalloc.h>
#include <linux/pfn.h>
#include <linux/mm_types.h>
#include <linux/mm.h>
#include <linux/poll.h>
#include <asm/page.h>
#include <asm/page_64.h>
#include <asm-generic/getorder.h>
#include <asm/io.h>
#include <asm/pgtable_types.h>
#include <asm/pgtable.h>
#include <asm/poll.h>
#include <uapi/asm-generic/poll.h>
#include <uapi/linux/poll.h>
#include <uapi/linux/eventpoll.h>

/* The EVL kernel API. */
#include <evl/timeout.h>
#include <evl/clock.h>
#include <evl/sched.h>
#include <evl/thread.h>
#include <evl/kthread.h>
#include <evl/wait.h>
#include <evl/flag.h>
#include <evl/sem.h>
#include <evl/mutex.h>
#include <evl/timer.h>
#include <evl/work.h>
#include <evl/stax.h>
#include <evl/memory.h>
#include <evl/uaccess.h>
#include <evl/poll_head.h>
#include <evl/poll.h>
#include <asm-generic/evl/poll.h>
#include <uapi/evl/types-abi.h>
#include <uapi/evl/poll-abi.h>

int evlsim_compile_test_kernel_headers(void);

/* Opaque to interprocedural analysis: no constant from the caller reaches the tests. */
#define TEST_FN		static __attribute__((__noipa__))

/* Allocation flags come from <linux/gfp.h>, which is not under test here. */
#define TEST_GFP	((__force gfp_t)0)

struct item {
	int key;
	struct list_head node;
	struct hlist_node hnode;
};

/* ---- build_bug.h: file-scope forms ----------------------------------------------------- */

static_assert(sizeof(u32) == 4);
static_assert(sizeof(u64) == 8, "u64 is 64-bit");
static_assert(BUILD_BUG_ON_ZERO(0) == 0);
static_assert(BITS_PER_LONG == 64 && BITS_PER_BYTE == 8);
static_assert(BIT(3) == 8UL && BIT_ULL(40) == (1ULL << 40));
static_assert(GENMASK(7, 0) == 0xffUL && GENMASK(63, 60) == 0xf000000000000000UL);
static_assert(GENMASK_ULL(39, 21) == 0x000000ffffe00000ULL);
static_assert(BIT_WORD(65) == 1 && BIT_MASK(65) == 2UL);
static_assert(__KERNEL_DIV_ROUND_UP(7, 2) == 4 && DIV_ROUND_UP(8, 2) == 4);
static_assert(round_up(13, 8) == 16 && round_down(13, 8) == 8);
static_assert(ALIGN(13, 8) == 16 && ALIGN_DOWN(13, 8) == 8 && IS_ALIGNED(16, 8));
static_assert(ilog2(1) == 0 && ilog2(4096) == 12 && ilog2(0x100000000ULL) == 32);
static_assert(roundup_pow_of_two(5) == 8 && rounddown_pow_of_two(5) == 4);
static_assert(order_base_2(1) == 0 && order_base_2(5) == 3 && bits_per(4) == 3);
static_assert(const_ilog2(64) == 6);
static_assert(MIN(3, 4) == 3 && MAX(3, 4) == 4 && MIN_T(int, 3, 4u) == 3);
static_assert(BITS_TO_LONGS(65) == 2 && BITS_PER_TYPE(u16) == 16);
static_assert(hweight32(0xf0f0) == 8 && hweight64(~0ULL) == 64);
static_assert(REPEAT_BYTE(0x01) == 0x0101010101010101UL);
static_assert(upper_32_bits(0x123456789ULL) == 1 && lower_32_bits(0x123456789ULL) == 0x23456789);
static_assert(REFCOUNT_SATURATED == INT_MIN / 2 && REFCOUNT_MAX == INT_MAX);

static DECLARE_BITMAP(file_bitmap, 130);
static int ilog2_sized[ilog2(256)];
static const char *const names[] = { "alpha", "beta", NULL };
static LIST_HEAD(file_list);
static HLIST_HEAD(file_hlist);
static atomic_t file_atomic = ATOMIC_INIT(1);
static atomic64_t file_atomic64 = ATOMIC64_INIT(2);
static atomic_long_t file_atomic_long = ATOMIC_LONG_INIT(3);
static refcount_t file_ref = REFCOUNT_INIT(1);

/* ---- container_of.h ---------------------------------------------------------------------- */

TEST_FN int test_container_of(struct item *it)
{
	const struct item *cit = it;
	struct list_head *l = &it->node;
	const struct list_head *cl = &cit->node;
	struct item *back = container_of(l, struct item, node);
	const struct item *cback = container_of_const(cl, struct item, node);
	struct item *nback = container_of_const(l, struct item, node);
	typeof_member(struct item, key) k = back->key;

	return k + cback->key + nback->key;
}

/* ---- build_bug.h in code -------------------------------------------------------------------- */

TEST_FN void test_build_bug(void)
{
	BUILD_BUG_ON(sizeof(int) != 4);
	BUILD_BUG_ON_MSG(sizeof(long) != 8, "64-bit only");
	BUILD_BUG_ON_NOT_POWER_OF_2(64);
	BUILD_BUG_ON_INVALID(sizeof(int));
	ASSERT_STRUCT_OFFSET(struct item, key, 0);
	compiletime_assert_atomic_type(long);
	static_assert(sizeof(char) == 1);
	if (0)
		BUILD_BUG();
}

/* ---- minmax.h --------------------------------------------------------------------------------- */

TEST_FN long test_minmax(int a, unsigned int b, long c, u8 small, size_t sz)
{
	int x = a, y = a + 1;
	long r = 0;

	r += min(a, 5);			/* non-negative constant mixes with signed */
	r += max(b, 5);			/* ... and with unsigned */
	r += min(a, y);
	r += max(c, (long)a);
	r += min(small, a);		/* u8 promotes to int */
	r += min(sz, sizeof(x));
	r += min_t(int, b, a);
	r += max_t(unsigned long, a, c);
	r += clamp(a, -3, 7);
	r += clamp(b, 1u, 9u);
	r += clamp_t(int, b, 0, 100);
	r += clamp_val(small, 1, 200);
	r += umin(b, sz);
	r += umax(small, b);
	r += min3(a, y, 4);
	r += max3(c, (long)a, 2L);
	r += min_not_zero(b, 5u);
	r += in_range(b, 10u, 5u);
	r += in_range((u64)c, 10ULL, 5ULL);
	r += in_range32(b, 1, 2) + in_range64(c, 1, 2);
	swap(x, y);
	return r + x - y;
}

/* ---- math.h ---------------------------------------------------------------------------------------- */

TEST_FN long test_math(int s, unsigned int u, long l, unsigned long long ull, short sh,
		      signed char sc, char ch)
{
	long r = 0;

	r += DIV_ROUND_UP(u, 8);
	r += DIV_ROUND_UP_ULL(ull, 3);
	r += DIV_ROUND_DOWN_ULL(ull, 3);
	r += DIV_ROUND_CLOSEST(s, 4);
	r += DIV_ROUND_CLOSEST(u, 4u);
	r += DIV_ROUND_CLOSEST(l, -3L);
	r += DIV_ROUND_CLOSEST_ULL(ull, 10u);
	r += roundup(u, 10u);
	r += rounddown(l, 10);
	r += round_up(u, 16u);
	r += round_down(l, 16);
	r += abs(s) + abs(l) + abs((long long)l) + abs(sh) + abs(sc) + abs(ch) + abs(u);
	r += abs_diff(u, 7u);
	r += mult_frac(l, 3L, 7L);
	r += reciprocal_scale(u, 100);
	return r;
}

/* ---- align.h ----------------------------------------------------------------------------------------- */

TEST_FN unsigned long test_align(unsigned long v, char *p)
{
	char *ap = PTR_ALIGN(p, 16);
	char *dp = PTR_ALIGN_DOWN(p, 16);

	return ALIGN(v, 64) + ALIGN_DOWN(v, 64) + IS_ALIGNED(v, 8) + __ALIGN_MASK(v, 7UL) +
		(unsigned long)(ap - dp);
}

/* ---- log2.h / bitops.h ------------------------------------------------------------------------------ */

TEST_FN unsigned long test_log2(unsigned int u, unsigned long ul, u64 v)
{
	unsigned long r = 0;

	r += ilog2(u) + ilog2(ul) + ilog2(v);
	r += is_power_of_2(ul);
	r += roundup_pow_of_two(ul) + rounddown_pow_of_two(ul);
	r += order_base_2(ul) + bits_per(ul);
	r += __roundup_pow_of_two(ul) + __rounddown_pow_of_two(ul);
	r += __ilog2_u32(u) + __ilog2_u64(v);
	r += ARRAY_SIZE(ilog2_sized);
	return r;
}

TEST_FN unsigned long test_bitops(unsigned long *map, unsigned long nbits, long nr)
{
	unsigned long r = 0, bit;
	unsigned long word = map[0];

	set_bit(nr, map);
	clear_bit(nr, map);
	change_bit(nr, map);
	r += test_and_set_bit(nr, map);
	r += test_and_clear_bit(nr, map);
	r += test_and_change_bit(nr, map);
	r += test_and_set_bit_lock(nr, map);
	clear_bit_unlock(nr, map);
	__clear_bit_unlock(nr, map);
	r += test_bit(nr, map) + test_bit_acquire(nr, map);
	__set_bit(nr, map);
	__clear_bit(nr, map);
	__change_bit(nr, map);
	r += __test_and_set_bit(nr, map) + __test_and_clear_bit(nr, map) +
		__test_and_change_bit(nr, map);
	assign_bit(nr, map, r & 1);
	__assign_bit(nr, map, r & 2);

	set_bit(3, file_bitmap);
	r += test_bit(3, file_bitmap);

	r += find_first_bit(map, nbits) + find_next_bit(map, nbits, 3) +
		find_first_zero_bit(map, nbits) + find_next_zero_bit(map, nbits, 5) +
		find_last_bit(map, nbits);
	for_each_set_bit(bit, map, nbits)
		r += bit;
	bit = 4;
	for_each_set_bit_from(bit, map, nbits)
		r += bit;
	for_each_clear_bit(bit, map, nbits)
		r += bit;
	bit = 1;
	for_each_clear_bit_from(bit, map, nbits)
		r += bit;

	r += hweight8(word) + hweight16(word) + hweight32(word) + hweight64(word) +
		hweight_long(word);
	r += fls((unsigned int)word) + fls64(word) + fls_long(word) + ffs((int)word);
	if (word) {
		r += __ffs(word) + __fls(word) + __ffs64(word);
		r += ffz(~word);
	}
	r += get_bitmask_order(7) + get_count_order(9) + get_count_order_long(word);
	r += rol64(word, 3) + ror64(word, 3) + rol32(word, 3) + ror32(word, 3) +
		rol16(word, 3) + ror16(word, 3) + rol8(word, 3) + ror8(word, 3);
	r += sign_extend32(word, 7) + sign_extend64(word, 15);
	r += BITS_TO_U64(nbits) + BITS_TO_U32(nbits) + BITS_TO_BYTES(nbits);
	r += BIT_ULL_MASK(nr) + BIT_ULL_WORD(nr);
	return r;
}

/* ---- list.h -------------------------------------------------------------------------------------------- */

TEST_FN size_t test_list(struct item *a, struct item *b, struct item *c)
{
	LIST_HEAD(head);
	struct list_head other = LIST_HEAD_INIT(other);
	struct list_head cut, *pos, *n;
	struct item *it, *tmp;
	size_t r = 0;

	INIT_LIST_HEAD(&cut);
	list_add(&a->node, &head);
	list_add_tail(&b->node, &head);
	list_add_tail(&c->node, &file_list);
	r += list_is_first(&a->node, &head) + list_is_last(&b->node, &head);
	r += list_is_head(&head, &head);
	r += list_empty(&head) + list_empty_careful(&head) + list_is_singular(&head);
	list_move(&c->node, &head);
	list_move_tail(&c->node, &head);
	list_replace(&c->node, &c->node);
	list_del(&c->node);
	list_add(&c->node, &other);
	list_replace_init(&c->node, &c->node);
	list_add(&c->node, &other);
	list_del_init(&c->node);
	list_add(&c->node, &other);
	list_del_init_careful(&c->node);
	list_add(&c->node, &other);
	list_swap(&a->node, &c->node);
	list_swap(&a->node, &c->node);
	list_rotate_left(&head);
	list_rotate_to_front(&b->node, &head);
	list_bulk_move_tail(&head, &a->node, &a->node);
	list_splice(&other, &head);
	INIT_LIST_HEAD(&other);
	list_splice_tail(&other, &head);
	list_splice_init(&other, &head);
	list_splice_tail_init(&other, &head);
	list_cut_position(&cut, &head, &a->node);
	list_splice_init(&cut, &head);
	list_cut_before(&cut, &head, &b->node);
	list_splice_tail_init(&cut, &head);

	it = list_entry(head.next, struct item, node);
	r += it->key;
	r += list_first_entry(&head, struct item, node)->key;
	r += list_last_entry(&head, struct item, node)->key;
	it = list_first_entry_or_null(&head, struct item, node);
	if (it) {
		r += list_next_entry(it, node)->key + list_prev_entry(it, node)->key;
		r += list_next_entry_circular(it, &head, node)->key;
		r += list_prev_entry_circular(it, &head, node)->key;
	}

	list_for_each(pos, &head)
		r++;
	list_for_each_prev(pos, &head)
		r++;
	list_for_each_safe(pos, n, &head)
		r++;
	list_for_each_prev_safe(pos, n, &head)
		r++;
	pos = &head;
	list_for_each_continue(pos, &head)
		r++;
	r += list_count_nodes(&head);

	list_for_each_entry(it, &head, node)
		r += it->key;
	list_for_each_entry_reverse(it, &head, node)
		r += it->key;
	list_for_each_entry_safe(it, tmp, &head, node) {
		r += it->key;
		list_safe_reset_next(it, tmp, node);
	}
	list_for_each_entry_safe_reverse(it, tmp, &head, node)
		r += it->key;
	it = list_prepare_entry(a, &head, node);
	list_for_each_entry_continue(it, &head, node)
		r += it->key;
	it = a;
	list_for_each_entry_continue_reverse(it, &head, node)
		r += it->key;
	it = a;
	list_for_each_entry_from(it, &head, node)
		r += it->key;
	it = b;
	list_for_each_entry_from_reverse(it, &head, node)
		r += it->key;
	it = a;
	list_for_each_entry_safe_continue(it, tmp, &head, node)
		r += it->key;
	it = a;
	list_for_each_entry_safe_from(it, tmp, &head, node)
		r += it->key;
	r += list_entry_is_head(a, &head, node);

	__list_del_entry(&a->node);
	__list_del_clearprev(&b->node);
	return r + (a->node.next == LIST_POISON1) + (b->node.prev == LIST_POISON2);
}

TEST_FN size_t test_hlist(struct item *a, struct item *b, struct item *c)
{
	struct hlist_head h;
	struct hlist_head h2 = HLIST_HEAD_INIT;
	struct hlist_node *pos, *n;
	struct item *it;
	size_t r = 0;

	INIT_HLIST_HEAD(&h);
	INIT_HLIST_NODE(&a->hnode);
	r += hlist_unhashed(&a->hnode) + hlist_unhashed_lockless(&a->hnode) + hlist_empty(&h);
	hlist_add_head(&a->hnode, &h);
	hlist_add_before(&b->hnode, &a->hnode);
	hlist_add_behind(&c->hnode, &a->hnode);
	r += hlist_is_singular_node(&a->hnode, &h);
	hlist_for_each(pos, &h)
		r++;
	hlist_for_each_safe(pos, n, &h)
		r++;
	hlist_for_each_entry(it, &h, hnode)
		r += it->key;
	hlist_for_each_entry_safe(it, n, &h, hnode)
		r += it->key;
	it = a;
	hlist_for_each_entry_continue(it, hnode)
		r += it->key;
	it = a;
	hlist_for_each_entry_from(it, hnode)
		r += it->key;
	it = hlist_entry(h.first, struct item, hnode);
	it = hlist_entry_safe(it->hnode.next, struct item, hnode);
	r += it ? it->key : 0;
	hlist_move_list(&h, &h2);
	hlist_del(&c->hnode);
	hlist_del_init(&b->hnode);
	hlist_add_head(&c->hnode, &file_hlist);
	hlist_add_fake(&b->hnode);
	r += hlist_fake(&b->hnode);
	__hlist_del(&a->hnode);
	return r + (c->hnode.pprev == LIST_POISON2);
}

/* ---- string.h ---------------------------------------------------------------------------------------------- */

TEST_FN long test_string(char *out, size_t outlen, const char *in, const void __user *uptr,
			const char __user *ustr)
{
	char buf[16];
	char *dup, *ndup, *mdup, *nul, *p;
	const char *cdup;
	void *u1, *u2, *u3, *u4, *u5, *u6;
	char *u7;
	long r = 0;

	r += strscpy(buf, in);
	r += strscpy(out, in, outlen);
	r += strscpy_pad(buf, in);
	r += strscpy_pad(out, in, outlen);
	r += sized_strscpy(out, in, outlen);

	dup = kstrdup(in, TEST_GFP);
	ndup = kstrndup(in, 4, TEST_GFP);
	cdup = kstrdup_const(in, TEST_GFP);
	mdup = kmemdup(in, 4, TEST_GFP);
	nul = kmemdup_nul(in, 4, TEST_GFP);
	p = kmemdup_array(in, 2, 2, TEST_GFP);
	kfree_const(cdup);
	r += (long)dup + (long)ndup + (long)mdup + (long)nul + (long)p;

	u1 = memdup_user(uptr, 8);
	u2 = vmemdup_user(uptr, 8);
	u3 = memdup_user_nul(uptr, 8);
	u4 = memdup_array_user(uptr, 2, 4);
	u5 = vmemdup_array_user(uptr, 2, 4);
	u6 = NULL;
	u7 = strndup_user(ustr, 64);
	r += (long)u1 + (long)u2 + (long)u3 + (long)u4 + (long)u5 + (long)u6 + (long)u7;

	memzero_explicit(buf, sizeof(buf));
	r += (long)strim(buf) + (long)skip_spaces(in) + (long)strstrip(buf);
	r += sysfs_streq(in, "on");
	r += match_string(names, ARRAY_SIZE(names), in);
	r += match_string(names, -1, in);
	r += __sysfs_match_string(names, 2, in);
	r += sysfs_match_string(names, in);
	r += (long)memchr_inv(in, 0, 4);
	r += (long)strreplace(buf, '/', '!');
	r += str_has_prefix(in, "al") + strstarts(in, "be");

	/* the C library part */
	memcpy(buf, in, 4);
	memmove(buf + 1, buf, 4);
	memset(buf, 0, sizeof(buf));
	r += memcmp(buf, in, 2) + (long)memchr(in, 'a', 3);
	r += strlen(in) + strnlen(in, 3) + strcmp(in, "x") + strncmp(in, "x", 1);
	strcpy(buf, "abc");
	strncpy(buf, "abc", sizeof(buf));
	strcat(buf, "d");
	strncat(buf, in, 1);
	r += (long)strchr(in, 'a') + (long)strrchr(in, 'a') + (long)strstr(in, "ph");
	r += strspn(in, "al") + strcspn(in, "p") + (long)strpbrk(in, "hp");
	p = buf;
	r += (long)strsep(&p, "b");
	r += snprintf(buf, sizeof(buf), "%d", 42) + sprintf(buf, "%s", "x");
	r += sscanf(in, "%15s", buf);
	return r;
}

TEST_FN __printf(3, 0) int test_vformat(char *buf, size_t len, const char *fmt, va_list ap)
{
	va_list aq;
	char *k;
	const char *kc;
	int r;

	if (!fmt)	/* keeps GCC 12's -Wformat-truncation quiet under UBSan */
		return 0;
	va_copy(aq, ap);
	r = vsnprintf(buf, len, fmt, aq);
	va_end(aq);
	va_copy(aq, ap);
	r += vscnprintf(buf, len, fmt, aq);
	va_end(aq);
	va_copy(aq, ap);
	r += vsprintf(buf, fmt, aq);
	va_end(aq);
	va_copy(aq, ap);
	k = kvasprintf(TEST_GFP, fmt, aq);
	va_end(aq);
	va_copy(aq, ap);
	kc = kvasprintf_const(TEST_GFP, fmt, aq);
	va_end(aq);
	r += vsscanf(buf, "%d", ap);
	return r + (k != NULL) + (kc != NULL);
}

TEST_FN __printf(3, 4) int test_format(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = test_vformat(buf, len, fmt, ap);
	va_end(ap);
	return r;
}

/* ---- kstrtox.h ------------------------------------------------------------------------------------------------ */

TEST_FN int test_kstrtox(const char *s, const char __user *us, size_t n)
{
	unsigned long long ull;
	long long ll;
	unsigned long ul;
	long l;
	unsigned int ui;
	int i;
	u64 u64v;
	s64 s64v;
	u32 u32v;
	s32 s32v;
	u16 u16v;
	s16 s16v;
	u8 u8v;
	s8 s8v;
	bool b;
	char *end;
	int r = 0;

	r += kstrtoull(s, 0, &ull) + kstrtoll(s, 10, &ll) + kstrtoul(s, 16, &ul) +
		kstrtol(s, 8, &l) + kstrtouint(s, 0, &ui) + kstrtoint(s, 0, &i);
	r += _kstrtoul(s, 0, &ul) + _kstrtol(s, 0, &l);
	r += kstrtou64(s, 0, &u64v) + kstrtos64(s, 0, &s64v) + kstrtou32(s, 0, &u32v) +
		kstrtos32(s, 0, &s32v) + kstrtou16(s, 0, &u16v) + kstrtos16(s, 0, &s16v) +
		kstrtou8(s, 0, &u8v) + kstrtos8(s, 0, &s8v) + kstrtobool(s, &b);
	r += kstrtoull_from_user(us, n, 0, &ull) + kstrtoll_from_user(us, n, 0, &ll) +
		kstrtoul_from_user(us, n, 0, &ul) + kstrtol_from_user(us, n, 0, &l) +
		kstrtouint_from_user(us, n, 0, &ui) + kstrtoint_from_user(us, n, 0, &i) +
		kstrtou16_from_user(us, n, 0, &u16v) + kstrtos16_from_user(us, n, 0, &s16v) +
		kstrtou8_from_user(us, n, 0, &u8v) + kstrtos8_from_user(us, n, 0, &s8v) +
		kstrtobool_from_user(us, n, &b) + kstrtou64_from_user(us, n, 0, &u64v) +
		kstrtos64_from_user(us, n, 0, &s64v) + kstrtou32_from_user(us, n, 0, &u32v) +
		kstrtos32_from_user(us, n, 0, &s32v);
	r += simple_strtoul(s, &end, 0) + simple_strtol(s, NULL, 10) +
		simple_strtoull(s, &end, 16) + simple_strtoll(s, NULL, 8);
	return r;
}

/* ---- kernel.h --------------------------------------------------------------------------------------------------- */

TEST_FN long test_kernel(u64 uarg, char *buf, size_t len)
{
	void __user *uptr = u64_to_user_ptr(uarg);
	char *s;
	long r = 0;

	might_sleep();
	might_sleep_if(len > 4);
	r += cond_resched();
	r += num_online_cpus() + num_possible_cpus();
	r += upper_32_bits(uarg) + lower_32_bits(uarg) + upper_16_bits(uarg) + lower_16_bits(uarg);
	r += (long)PTR_IF(len > 2, buf);
	r += scnprintf(buf, len, "%d:%s", 1, "x");
	s = kasprintf(TEST_GFP, "%s-%d", "dev", 3);
	r += (long)s + (long)uptr + _RET_IP_ + _THIS_IP_;
	r += test_format(buf, len, "%d", 7);
	pr_debug("%ld\n", r);
	return r;
}

/* ---- asm/barrier.h ------------------------------------------------------------------------------------------------ */

TEST_FN int test_barriers(int *p, int **pp)
{
	int v, *q;

	mb();
	rmb();
	wmb();
	smp_mb();
	smp_rmb();
	smp_wmb();
	smp_mb__before_atomic();
	smp_mb__after_atomic();
	smp_acquire__after_ctrl_dep();
	smp_store_release(p, 1);
	v = smp_load_acquire(p);
	smp_store_mb(*p, 2);
	smp_store_release(pp, p);
	q = smp_load_acquire(pp);
	v += smp_cond_load_relaxed(p, VAL != 0);
	v += smp_cond_load_acquire(p, VAL > 0);
	return v + *q;
}

/* ---- atomic.h ------------------------------------------------------------------------------------------------------- */

#define EXERCISE_ATOMIC(pfx, v, T)						\
({										\
	T __r = 0, __old = 1;							\
										\
	pfx##_set(v, 1);							\
	pfx##_set_release(v, 2);						\
	__r += pfx##_read(v) + pfx##_read_acquire(v);				\
	pfx##_add(1, v);							\
	pfx##_sub(1, v);							\
	pfx##_inc(v);								\
	pfx##_dec(v);								\
	pfx##_and(3, v);							\
	pfx##_or(4, v);								\
	pfx##_xor(5, v);							\
	pfx##_andnot(6, v);							\
	__r += pfx##_add_return(1, v) + pfx##_add_return_relaxed(1, v) +	\
		pfx##_add_return_acquire(1, v) + pfx##_add_return_release(1, v);\
	__r += pfx##_sub_return(1, v) + pfx##_sub_return_relaxed(1, v) +	\
		pfx##_sub_return_acquire(1, v) + pfx##_sub_return_release(1, v);\
	__r += pfx##_inc_return(v) + pfx##_inc_return_relaxed(v) +		\
		pfx##_inc_return_acquire(v) + pfx##_inc_return_release(v);	\
	__r += pfx##_dec_return(v) + pfx##_dec_return_relaxed(v) +		\
		pfx##_dec_return_acquire(v) + pfx##_dec_return_release(v);	\
	__r += pfx##_fetch_add(1, v) + pfx##_fetch_add_relaxed(1, v) +		\
		pfx##_fetch_add_acquire(1, v) + pfx##_fetch_add_release(1, v);	\
	__r += pfx##_fetch_sub(1, v) + pfx##_fetch_sub_relaxed(1, v) +		\
		pfx##_fetch_sub_acquire(1, v) + pfx##_fetch_sub_release(1, v);	\
	__r += pfx##_fetch_inc(v) + pfx##_fetch_inc_relaxed(v) +		\
		pfx##_fetch_inc_acquire(v) + pfx##_fetch_inc_release(v);	\
	__r += pfx##_fetch_dec(v) + pfx##_fetch_dec_relaxed(v) +		\
		pfx##_fetch_dec_acquire(v) + pfx##_fetch_dec_release(v);	\
	__r += pfx##_fetch_and(1, v) + pfx##_fetch_and_relaxed(1, v) +		\
		pfx##_fetch_and_acquire(1, v) + pfx##_fetch_and_release(1, v);	\
	__r += pfx##_fetch_andnot(1, v) + pfx##_fetch_andnot_relaxed(1, v) +	\
		pfx##_fetch_andnot_acquire(1, v) + pfx##_fetch_andnot_release(1, v);\
	__r += pfx##_fetch_or(1, v) + pfx##_fetch_or_relaxed(1, v) +		\
		pfx##_fetch_or_acquire(1, v) + pfx##_fetch_or_release(1, v);	\
	__r += pfx##_fetch_xor(1, v) + pfx##_fetch_xor_relaxed(1, v) +		\
		pfx##_fetch_xor_acquire(1, v) + pfx##_fetch_xor_release(1, v);	\
	__r += pfx##_xchg(v, 1) + pfx##_xchg_relaxed(v, 1) +			\
		pfx##_xchg_acquire(v, 1) + pfx##_xchg_release(v, 1);		\
	__r += pfx##_cmpxchg(v, 1, 2) + pfx##_cmpxchg_relaxed(v, 2, 1) +	\
		pfx##_cmpxchg_acquire(v, 1, 2) + pfx##_cmpxchg_release(v, 2, 1);\
	__r += pfx##_try_cmpxchg(v, &__old, 2) +				\
		pfx##_try_cmpxchg_relaxed(v, &__old, 1) +			\
		pfx##_try_cmpxchg_acquire(v, &__old, 2) +			\
		pfx##_try_cmpxchg_release(v, &__old, 1);			\
	__r += pfx##_add_negative(-1, v) + pfx##_add_negative_relaxed(1, v) +	\
		pfx##_add_negative_acquire(-1, v) + pfx##_add_negative_release(1, v);\
	__r += pfx##_sub_and_test(1, v) + pfx##_dec_and_test(v) +		\
		pfx##_inc_and_test(v);						\
	__r += pfx##_fetch_add_unless(v, 1, 0) + pfx##_add_unless(v, 1, 0) +	\
		pfx##_inc_not_zero(v) + pfx##_inc_unless_negative(v) +		\
		pfx##_dec_unless_positive(v) + pfx##_dec_if_positive(v);	\
	__r += pfx##_cond_read_relaxed(v, VAL >= 0) +				\
		pfx##_cond_read_acquire(v, VAL >= 0);				\
	__r;									\
})

TEST_FN long test_atomics(atomic_t *a, atomic64_t *a64, atomic_long_t *al, unsigned long *word,
			 void **slot, u8 *byte)
{
	unsigned long old = 0;
	void *oldp = NULL;
	u8 oldb = 0;
	long r = 0;

	r += EXERCISE_ATOMIC(atomic, a, int);
	r += EXERCISE_ATOMIC(atomic64, a64, s64);
	r += EXERCISE_ATOMIC(atomic_long, al, long);
	r += EXERCISE_ATOMIC(atomic, &file_atomic, int);
	r += EXERCISE_ATOMIC(atomic64, &file_atomic64, s64);
	r += EXERCISE_ATOMIC(atomic_long, &file_atomic_long, long);

	r += xchg(word, 1UL) + xchg_relaxed(word, 2UL) + xchg_acquire(word, 3UL) +
		xchg_release(word, 4UL);
	r += cmpxchg(word, 4UL, 5UL) + cmpxchg_relaxed(word, 5UL, 6UL) +
		cmpxchg_acquire(word, 6UL, 7UL) + cmpxchg_release(word, 7UL, 8UL) +
		cmpxchg64(word, 8UL, 9UL) + cmpxchg64_relaxed(word, 9UL, 1UL) +
		cmpxchg_local(word, 1UL, 2UL) + cmpxchg64_local(word, 2UL, 3UL);
	r += try_cmpxchg(word, &old, 1UL) + try_cmpxchg_relaxed(word, &old, 2UL) +
		try_cmpxchg_acquire(word, &old, 3UL) + try_cmpxchg_release(word, &old, 4UL) +
		try_cmpxchg64(word, &old, 5UL) + try_cmpxchg64_relaxed(word, &old, 6UL) +
		try_cmpxchg_local(word, &old, 7UL) + try_cmpxchg64_local(word, &old, 8UL);
	r += (long)xchg(slot, NULL) + (long)cmpxchg(slot, NULL, (void *)word);
	r += try_cmpxchg(slot, &oldp, (void *)word);
	r += xchg(byte, 1) + cmpxchg(byte, 1, 2) + try_cmpxchg(byte, &oldb, 3);
	return r;
}

/* ---- refcount.h ------------------------------------------------------------------------------------------------------------ */

TEST_FN int test_refcount(refcount_t *ref)
{
	int old, r = 0;

	refcount_set(ref, 1);
	r += refcount_read(ref);
	refcount_add(2, ref);
	refcount_inc(ref);
	__refcount_add(1, ref, &old);
	__refcount_inc(ref, &old);
	r += refcount_add_not_zero(1, ref) + refcount_inc_not_zero(ref);
	r += __refcount_add_not_zero(1, ref, &old) + __refcount_inc_not_zero(ref, &old);
	refcount_dec(ref);
	__refcount_dec(ref, &old);
	r += refcount_sub_and_test(2, ref) + refcount_dec_and_test(ref);
	r += __refcount_sub_and_test(1, ref, &old) + __refcount_dec_and_test(ref, &old);
	r += refcount_dec_if_one(ref) + refcount_dec_not_one(ref);
	r += refcount_read(&file_ref);
	refcount_warn_saturate(ref, REFCOUNT_ADD_OVF);
	return r + old;
}

/* ---- entry point ------------------------------------------------------------------------------------------------------------- */

int evlsim_compile_test_kernel_headers(void)
{
	struct item a = { .key = 1 }, b = { .key = 2 }, c = { .key = 3 };
	unsigned long map[BITS_TO_LONGS(200)] = { 0 };
	char buf[32] = "  alpha\n";
	atomic_t at = ATOMIC_INIT(0);
	atomic64_t at64 = ATOMIC64_INIT(0);
	atomic_long_t atl = ATOMIC_LONG_INIT(0);
	refcount_t ref = REFCOUNT_INIT(1);
	unsigned long word = 0;
	void *slot = NULL;
	u8 byte = 0;
	int iv = 0, *ip = &iv;
	long r = 0;

	INIT_LIST_HEAD(&a.node);
	INIT_LIST_HEAD(&b.node);
	INIT_LIST_HEAD(&c.node);
	INIT_HLIST_NODE(&a.hnode);
	INIT_HLIST_NODE(&b.hnode);
	INIT_HLIST_NODE(&c.hnode);

	test_build_bug();
	r += test_container_of(&a);
	r += test_minmax(-1, 2u, 3L, 4, 5);
	r += test_math(-7, 7u, -9L, 11ULL, -3, -2, 'a');
	r += test_align(13, buf);
	r += test_log2(17u, 33UL, 65ULL);
	r += test_bitops(map, 200, 5);
	r += test_list(&a, &b, &c);
	r += test_hlist(&a, &b, &c);
	r += test_string(buf, sizeof(buf), "alpha", (const void __user *)buf,
			 (const char __user *)buf);
	r += test_kstrtox("42\n", (const char __user *)buf, 3);
	r += test_kernel(0x1000, buf, sizeof(buf));
	r += test_barriers(&iv, &ip);
	r += test_atomics(&at, &at64, &atl, &word, &slot, &byte);
	r += test_refcount(&ref);
	r += atomic_read(&file_atomic) + refcount_read(&file_ref);

	return (int)r;
}
