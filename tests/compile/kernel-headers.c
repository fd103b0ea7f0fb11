// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Compile test (kernel world): every macro and inline of the basic kernel shim headers
 * is expanded once, and the headers of the in-band services, the page allocator, mmap,
 * poll and the EVL kernel API are included together and their macros and inlines
 * expanded, so that the headers keep type-checking under the kbuild-like flags with
 * -Werror. Nothing here is meant to run; the out-of-line functions are only referenced.
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
#include <linux/slab.h>
#include <linux/lockdep_types.h>
/*
 * Before <linux/jiffies.h>: semaphore.h names a parameter of down_timeout() "jiffies",
 * which that header's jiffies macro would turn into a function pointer parameter.
 */
#include <linux/semaphore.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/wait.h>
#include <linux/completion.h>
#include <linux/mutex.h>
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

/* The EVL kernel API (factory-abi.h: the EVL_CLONE_* flags of evl_run_kthread()). */
#include <uapi/evl/factory-abi.h>
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

/* Simulated hardware: registers, the platform bus, devres, properties, DMA, clocks. */
#include <linux/io.h>
#include <linux/iopoll.h>
#include <linux/ioport.h>
#include <linux/platform_device.h>
#include <linux/mod_devicetable.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/of_address.h>
#include <linux/of_platform.h>
#include <linux/property.h>
#include <linux/dma-mapping.h>
#include <linux/dmaengine.h>
#include <linux/scatterlist.h>
#include <linux/cache.h>
#include <linux/spi/spi.h>
#include <uapi/linux/spi/spi.h>
#include <linux/clk.h>
#include <linux/pm_runtime.h>
#include <linux/pinctrl/consumer.h>
#include <linux/pinctrl/devinfo.h>
#include <linux/sizes.h>
#include <linux/gcd.h>
#include <asm/byteorder.h>

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

/* ---- jiffies.h, sched.h ------------------------------------------------------------------ */

TEST_FN long test_jiffies_sched(unsigned long then, struct task_struct *tsk)
{
	char comm[TASK_COMM_LEN];
	long r = 0;

	r += time_after(jiffies, then) + time_before(then, jiffies) +
		time_after_eq(then, then) + time_before_eq(then, then) +
		time_in_range(then, then, then + 1) + time_in_range_open(then, then, then + 1);
	r += time_after64(get_jiffies_64(), (u64)then) + time_before_eq64((u64)then, (u64)then) +
		time_in_range64((u64)then, (u64)then, (u64)then);
	r += time_is_before_jiffies(then) + time_is_after_jiffies(then) +
		time_is_before_eq_jiffies(then) + time_is_after_eq_jiffies(then) +
		time_is_before_jiffies64((u64)then) + time_is_after_eq_jiffies64((u64)then);
	r += msecs_to_jiffies(10) + usecs_to_jiffies(10) + nsecs_to_jiffies(10) +
		nsecs_to_jiffies64(10) + jiffies_to_msecs(then) + jiffies_to_usecs(then) +
		jiffies_to_nsecs(then) + jiffies64_to_nsecs(then) + jiffies64_to_msecs(then) +
		jiffies_delta_to_msecs(-1) + MAX_JIFFY_OFFSET + INITIAL_JIFFIES + HZ + TICK_NSEC;

	set_current_state(TASK_INTERRUPTIBLE);
	__set_current_state(TASK_RUNNING);
	r += task_is_running(current) + task_pid_nr(current) + task_tgid_nr(tsk);
	get_task_comm(comm, tsk);
	r += comm[0];
	put_task_struct(get_task_struct(tsk));
	r += schedule_timeout(1) + schedule_timeout_interruptible(1) +
		schedule_timeout_killable(1) + schedule_timeout_uninterruptible(1) +
		schedule_timeout_idle(MAX_SCHEDULE_TIMEOUT);
	r += wake_up_process(tsk) + wake_up_state(tsk, TASK_NORMAL);
	schedule();
	yield();
	return r;
}

/* ---- wait.h, completion.h --------------------------------------------------------------- */

static DECLARE_WAIT_QUEUE_HEAD(file_wq);
static DECLARE_COMPLETION(file_done);

TEST_FN int test_wake_fn(struct wait_queue_entry *wq_entry, unsigned mode, int flags, void *key)
{
	return autoremove_wake_function(wq_entry, mode, flags, key) +
		default_wake_function(wq_entry, mode, flags, key);
}

TEST_FN long test_wait(wait_queue_head_t *wq, int *cond, spinlock_t *lock, struct completion *x)
{
	DECLARE_WAIT_QUEUE_HEAD_ONSTACK(local_wq);
	DECLARE_COMPLETION_ONSTACK(local_done);
	DECLARE_WAITQUEUE(entry, current);
	DEFINE_WAIT(w);
	DEFINE_WAIT_FUNC(wf, test_wake_fn);
	struct wait_queue_entry e2;
	long r = 0;

	init_waitqueue_head(wq);
	init_waitqueue_entry(&e2, current);
	init_waitqueue_func_entry(&e2, test_wake_fn);
	init_wait(&w);
	add_wait_queue(wq, &entry);
	add_wait_queue_exclusive(wq, &wf);
	add_wait_queue_priority(&local_wq, &e2);
	remove_wait_queue(&local_wq, &e2);
	spin_lock(&wq->lock);
	__add_wait_queue(wq, &e2);
	__remove_wait_queue(wq, &e2);
	__add_wait_queue_exclusive(wq, &e2);
	__remove_wait_queue(wq, &e2);
	__add_wait_queue_entry_tail(wq, &e2);
	__remove_wait_queue(wq, &e2);
	__add_wait_queue_entry_tail_exclusive(wq, &e2);
	__remove_wait_queue(wq, &e2);
	wake_up_locked(wq);
	wake_up_all_locked(wq);
	wake_up_locked_poll(wq, EPOLLIN);
	wake_up_interruptible_sync_poll_locked(wq, EPOLLOUT);
	spin_unlock(&wq->lock);
	r += waitqueue_active(wq) + wq_has_sleeper(wq) + wq_has_single_sleeper(wq);
	prepare_to_wait(wq, &w, TASK_INTERRUPTIBLE);
	r += prepare_to_wait_exclusive(wq, &w, TASK_UNINTERRUPTIBLE);
	r += prepare_to_wait_event(wq, &w, TASK_KILLABLE);
	finish_wait(wq, &w);

	wait_event(*wq, READ_ONCE(*cond));
	wait_event_idle(*wq, READ_ONCE(*cond));
	wait_event_idle_exclusive(*wq, READ_ONCE(*cond));
	r += wait_event_interruptible(*wq, READ_ONCE(*cond));
	r += wait_event_interruptible_exclusive(*wq, READ_ONCE(*cond));
	r += wait_event_killable(*wq, READ_ONCE(*cond));
	r += wait_event_killable_exclusive(*wq, READ_ONCE(*cond));
	r += wait_event_timeout(*wq, READ_ONCE(*cond), HZ);
	r += wait_event_idle_timeout(*wq, READ_ONCE(*cond), HZ);
	r += wait_event_killable_timeout(*wq, READ_ONCE(*cond), HZ);
	r += wait_event_interruptible_timeout(*wq, READ_ONCE(*cond), HZ);
	spin_lock_irq(lock);
	wait_event_lock_irq(*wq, *cond, *lock);
	r += wait_event_interruptible_lock_irq(*wq, *cond, *lock);
	r += wait_event_lock_irq_timeout(*wq, *cond, *lock, HZ);
	r += wait_event_interruptible_lock_irq_timeout(*wq, *cond, *lock, HZ);
	spin_unlock_irq(lock);

	wake_up(wq);
	wake_up_nr(wq, 2);
	wake_up_all(wq);
	wake_up_interruptible(wq);
	wake_up_interruptible_nr(wq, 2);
	wake_up_interruptible_all(wq);
	wake_up_interruptible_sync(wq);
	wake_up_poll(wq, EPOLLIN);
	wake_up_poll_on_current_cpu(wq, EPOLLIN);
	wake_up_interruptible_poll(wq, EPOLLIN | EPOLLRDNORM);
	wake_up_interruptible_sync_poll(wq, EPOLLOUT);
	wake_up_pollfree(wq);
	wake_up(&file_wq);
	r += key_to_poll(poll_to_key(EPOLLHUP));

	init_completion(x);
	reinit_completion(x);
	wait_for_completion(x);
	wait_for_completion_io(x);
	r += wait_for_completion_interruptible(x) + wait_for_completion_killable(x);
	r += wait_for_completion_timeout(x, HZ) + wait_for_completion_io_timeout(x, HZ) +
		wait_for_completion_interruptible_timeout(x, HZ) +
		wait_for_completion_killable_timeout(x, HZ);
	r += try_wait_for_completion(&local_done) + completion_done(&file_done);
	complete(x);
	complete_all(x);
	return r;
}

/* ---- mutex.h, semaphore.h, kthread.h, delay.h --------------------------------------------- */

static DEFINE_MUTEX(file_mutex);
static DEFINE_SEMAPHORE(file_sem, 1);

TEST_FN int test_kthread_fn(void *data)
{
	while (!kthread_should_stop() && !kthread_should_park())
		msleep(1);
	return data != NULL;
}

TEST_FN long test_locks_kthreads(struct mutex *m, struct semaphore *s)
{
	struct task_struct *k;
	long r = 0;

	mutex_init(m);
	mutex_lock(m);
	mutex_unlock(m);
	mutex_lock_io(m);
	mutex_unlock(m);
	mutex_lock_nested(m, 1);
	mutex_unlock(m);
	mutex_lock_nest_lock(m, &file_mutex);
	mutex_unlock(m);
	mutex_lock_io_nested(m, 1);
	mutex_unlock(m);
	r += mutex_lock_interruptible(m);
	r += mutex_lock_killable(m);
	r += mutex_lock_interruptible_nested(m, 1);
	r += mutex_lock_killable_nested(m, 1);
	r += mutex_trylock(&file_mutex) + mutex_is_locked(m);
	mutex_unlock(&file_mutex);
	mutex_destroy(m);

	sema_init(s, 2);
	down(s);
	r += down_interruptible(s) + down_killable(s) + down_trylock(&file_sem) +
		down_timeout(s, msecs_to_jiffies(5));
	up(s);

	k = kthread_create(test_kthread_fn, NULL, "kh/%d", 0);
	if (!IS_ERR(k)) {
		kthread_bind(k, 0);
		r += (long)kthread_data(k);
		r += kthread_stop(k);
	}
	k = kthread_create_on_node(test_kthread_fn, s, NUMA_NO_NODE, "kh");
	if (!IS_ERR(k))
		r += kthread_stop_put(get_task_struct(k));
	k = kthread_run(test_kthread_fn, s, "kh-%s", "run");
	if (!IS_ERR(k))
		r += kthread_stop(k);

	udelay(1);
	ndelay(100);
	mdelay(1);
	msleep(1);
	r += msleep_interruptible(1);
	ssleep(0);
	usleep_range(10, 20);
	usleep_idle_range(10, 20);
	usleep_range_state(10, 20, TASK_UNINTERRUPTIBLE);
	fsleep(5);
	fsleep(50);
	fsleep(50000);
	return r + MAX_UDELAY_MS;
}

/* ---- workqueue.h, rcupdate.h, irq_work.h, irqstage.h ------------------------------------- */

struct rcu_item {
	int key;
	struct rcu_head rcu;
};

TEST_FN void test_work_fn(struct work_struct *work)
{
	struct delayed_work *dw = to_delayed_work(work);

	(void)dw;
}

static DECLARE_WORK(file_work, test_work_fn);
static DECLARE_DELAYED_WORK(file_dwork, test_work_fn);
static DECLARE_DEFERRABLE_WORK(file_defwork, test_work_fn);
static struct rcu_item __rcu *file_rcu_ptr;

TEST_FN void test_rcu_cb(struct rcu_head *head)
{
	kfree(container_of(head, struct rcu_item, rcu));
}

TEST_FN void test_irq_work_fn(struct irq_work *work)
{
}

static DEFINE_IRQ_WORK(file_irq_work, test_irq_work_fn);

TEST_FN long test_deferral(struct work_struct *w, struct delayed_work *dw, struct rcu_item *it,
			   struct irq_work *iw)
{
	struct workqueue_struct *wq, *owq, *lwq, *swq;
	struct rcu_item *old;
	long r = 0;

	INIT_WORK(w, test_work_fn);
	INIT_WORK_ONSTACK(w, test_work_fn);
	INIT_DELAYED_WORK(dw, test_work_fn);
	INIT_DELAYED_WORK_ONSTACK(dw, test_work_fn);
	INIT_DEFERRABLE_WORK(dw, test_work_fn);
	wq = alloc_workqueue("wq-%d", WQ_UNBOUND | WQ_HIGHPRI, 0, 1);
	owq = alloc_ordered_workqueue("owq-%s", WQ_MEM_RECLAIM, "x");
	lwq = create_workqueue("lwq");
	swq = create_singlethread_workqueue("swq");
	r += queue_work(wq, w) + queue_work_on(0, wq, w) + schedule_work(&file_work) +
		schedule_work_on(0, w);
	r += queue_delayed_work(wq, dw, 1) + queue_delayed_work_on(0, owq, dw, 1) +
		mod_delayed_work(wq, dw, 2) + mod_delayed_work_on(0, wq, dw, 0) +
		schedule_delayed_work(&file_dwork, 1) + schedule_delayed_work_on(0, &file_defwork, 1);
	r += work_pending(w) + delayed_work_pending(dw) + (current_work() == w);
	r += flush_work(w) + flush_delayed_work(dw) + cancel_work(w) + cancel_work_sync(w) +
		cancel_delayed_work(dw) + cancel_delayed_work_sync(dw);
	flush_workqueue(wq);
	__flush_workqueue(lwq);
	flush_scheduled_work();
	drain_workqueue(swq);
	destroy_workqueue(wq);
	destroy_workqueue(owq);
	destroy_workqueue(lwq);
	destroy_workqueue(swq);
	destroy_work_on_stack(w);
	destroy_delayed_work_on_stack(dw);
	r += (long)system_wq + (long)system_highpri_wq + (long)system_long_wq +
		(long)system_unbound_wq + (long)system_freezable_wq +
		(long)system_power_efficient_wq + (long)system_freezable_power_efficient_wq;

	rcu_read_lock();
	r += rcu_dereference(file_rcu_ptr) != NULL;
	r += rcu_dereference_check(file_rcu_ptr, 1) != NULL;
	rcu_read_unlock();
	rcu_read_lock_bh();
	r += rcu_dereference_bh(file_rcu_ptr) != NULL;
	rcu_read_unlock_bh();
	rcu_read_lock_sched();
	r += rcu_dereference_sched(file_rcu_ptr) != NULL;
	rcu_read_unlock_sched();
	r += rcu_access_pointer(file_rcu_ptr) != NULL;
	r += rcu_dereference_raw(file_rcu_ptr) != NULL;
	r += rcu_dereference_protected(file_rcu_ptr, 1) != NULL;
	RCU_INIT_POINTER(file_rcu_ptr, NULL);
	rcu_assign_pointer(file_rcu_ptr, NULL);
	rcu_assign_pointer(file_rcu_ptr, it);
	old = rcu_replace_pointer(file_rcu_ptr, RCU_INITIALIZER(it), 1);
	old = rcu_pointer_handoff(old);
	synchronize_rcu();
	synchronize_rcu_expedited();
	call_rcu(&it->rcu, test_rcu_cb);
	call_rcu_hurry(&it->rcu, test_rcu_cb);
	kfree_rcu(old, rcu);
	kvfree_rcu(old, rcu);
	kfree_rcu_mightsleep(old);
	kvfree_rcu_mightsleep(old);
	rcu_barrier();

	init_irq_work(iw, test_irq_work_fn);
	*iw = IRQ_WORK_INIT_LAZY(test_irq_work_fn);
	*iw = IRQ_WORK_INIT_HARD(test_irq_work_fn);
	r += irq_work_queue(iw) + irq_work_queue_on(&file_irq_work, 0);
	r += irq_work_is_pending(iw) + irq_work_is_busy(iw) + irq_work_is_hard(iw);
	irq_work_sync(iw);
	r += running_oob() + running_inband() + IRQ_WORK_CLAIMED;
	return r;
}

/* ---- gfp.h, vmalloc.h, mm.h, mm_types.h, pfn.h, asm/page*.h, asm/io.h, asm/pgtable*.h ---- */

TEST_FN vm_fault_t test_vm_fault(struct vm_fault *vmf)
{
	return vmf->pgoff ? VM_FAULT_SIGBUS : VM_FAULT_NOPAGE;
}

TEST_FN void test_vm_open(struct vm_area_struct *vma)
{
}

static const struct vm_operations_struct test_vm_ops = {
	.open = test_vm_open,
	.close = test_vm_open,
	.fault = test_vm_fault,
};

static_assert(PFN_UP(4097) == 2 && PFN_DOWN(4097) == 1 && PHYS_PFN(8192) == 2);
static_assert(PFN_PHYS(1) == PAGE_SIZE && PFN_ALIGN(1) == PAGE_SIZE);
static_assert(NR_PAGE_ORDERS == MAX_PAGE_ORDER + 1);

TEST_FN long test_mm(struct vm_area_struct *vma, unsigned long size)
{
	struct page *page, *pages;
	unsigned long addr;
	void *p, *vu;
	long r = 0;

	page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	pages = alloc_pages(GFP_KERNEL | __GFP_COMP, 2);
	r += (long)alloc_pages_node(NUMA_NO_NODE, GFP_KERNEL, 0);
	addr = __get_free_pages(GFP_KERNEL, get_order(size));
	r += __get_free_page(GFP_KERNEL) + get_zeroed_page(GFP_KERNEL);
	p = alloc_pages_exact(size, GFP_KERNEL);
	vu = vmalloc_user(size);
	r += (long)vmalloc_32_user(size) + (long)vmalloc_to_page(vu) + vmalloc_to_pfn(vu);
	r += is_vmalloc_addr(vu);

	r += page_to_pfn(page) + (long)pfn_to_page(page_to_pfn(page)) + pfn_valid(1);
	r += (long)virt_to_page(p) + virt_addr_valid(p) + __pa(p) + (long)__va(__pa(p));
	r += __pa_symbol(p) + (long)pfn_to_kaddr(1) + (long)page_address(page);
	r += (long)page_to_virt(page) + (long)lowmem_page_address(page);
	r += virt_to_phys(p) + (long)phys_to_virt(virt_to_phys(p)) + page_to_phys(page);
	r += (long)nth_page(pages, 1) + (long)virt_to_head_page(p) + (long)compound_head(pages + 1);
	r += compound_order(pages) + PageHead(pages) + PageTail(pages + 1) + PageCompound(pages);
	SetPageReserved(page);
	ClearPageReserved(page);
	__SetPageDirty(page);
	__ClearPageDirty(page);
	SetPagePrivate(page);
	set_page_private(page, 1);
	r += PageReserved(page) + PageDirty(page) + PagePrivate(page) + PageUptodate(page) +
		PageReferenced(page) + page_private(page);
	get_page(page);
	r += page_count(page) + page_ref_count(page);
	put_page(page);
	split_page(page, 0);
	r += PAGE_ALIGNED(addr) + PAGE_ALIGN_DOWN(addr) + PAGE_ALIGN(addr) + offset_in_page(p);

	vm_flags_init(vma, VM_READ);
	vm_flags_reset(vma, VM_READ | VM_MAYREAD);
	vm_flags_set(vma, VM_IO | VM_DONTEXPAND | VM_DONTDUMP);
	vm_flags_clear(vma, VM_MAYWRITE);
	vm_flags_mod(vma, VM_MIXEDMAP, VM_PFNMAP);
	vma->vm_ops = &test_vm_ops;
	vma->vm_page_prot = pgprot_noncached(vma->vm_page_prot);
	vma->vm_page_prot = pgprot_writecombine(vm_get_page_prot(vma->vm_flags));
	vma->vm_page_prot = pgprot_writethrough(pgprot_device(pgprot_dmacoherent(PAGE_SHARED)));
	r += pgprot_val(PAGE_READONLY) + pgprot_val(PAGE_COPY) + pgprot_val(PAGE_KERNEL) +
		pgprot_val(PAGE_NONE) + pgprot_val(__pgprot(_PAGE_CACHE_MASK));
	r += vma_pages(vma) + is_cow_mapping(vma->vm_flags) + (vma->vm_flags & VM_SPECIAL);
	r += remap_pfn_range(vma, vma->vm_start, page_to_pfn(page), PAGE_SIZE, vma->vm_page_prot);
	r += io_remap_pfn_range(vma, vma->vm_start, PHYS_PFN(virt_to_phys(p)), PAGE_SIZE,
				vma->vm_page_prot);
	r += vm_insert_page(vma, vma->vm_start, page);
	r += vm_iomap_memory(vma, virt_to_phys(p), PAGE_SIZE);
	r += remap_vmalloc_range(vma, vu, 0);
	r += remap_vmalloc_range_partial(vma, vma->vm_start, vu, 0, PAGE_SIZE);

	vfree(vu);
	free_pages_exact(p, size);
	free_pages(addr, get_order(size));
	free_page(0UL);
	__free_pages(pages, 2);
	__free_page(page);
	return r;
}

/* ---- linux/poll.h, the uapi poll headers ----------------------------------------------------- */

TEST_FN void test_qproc(struct file *filp, wait_queue_head_t *wq, poll_table *pt)
{
}

static_assert(POLLIN == 0x0001 && POLLRDHUP == 0x2000 && POLLWRNORM == 0x0100);
static_assert((__force unsigned int)EPOLLET == (1U << 31) && EPOLL_CTL_MOD == 3);

TEST_FN __poll_t test_poll(struct file *filp, poll_table *wait, struct poll_wqueues *pwq)
{
	struct pollfd pfd = { .fd = 0, .events = POLLIN | POLLPRI };
	poll_table pt;
	__poll_t mask = 0;

	init_poll_funcptr(&pt, test_qproc);
	poll_wait(filp, &file_wq, wait);
	mask |= poll_does_not_wait(wait) ? EPOLLERR : 0;
	mask |= poll_requested_events(&pt) & (EPOLLIN | EPOLLOUT);
	mask |= file_can_poll(filp) ? vfs_poll(filp, &pt) : DEFAULT_POLLMASK;
	mask |= demangle_poll(mangle_poll(EPOLLRDNORM | EPOLLWRBAND | EPOLLMSG));
	mask |= (__force __poll_t)(pfd.events | POLLNVAL) | POLLFREE | POLL_BUSY_LOOP;
	poll_initwait(pwq);
	poll_freewait(pwq);
	return mask;
}

/* ---- evl/wait.h, flag.h, sem.h, mutex.h, clock.h, timeout.h, sched.h, thread.h ------------- */

static DEFINE_EVL_FLAG(file_flag);
static DEFINE_EVL_KSEM(file_ksem, 1);
static DEFINE_EVL_KMUTEX(file_kmutex);
static struct evl_wait_queue file_evl_wq = EVL_WAIT_INITIALIZER(file_evl_wq);

TEST_FN long test_evl_wait(struct evl_wait_queue *wq, struct evl_flag *wf, struct evl_ksem *ks,
			   struct evl_kmutex *km, int *cond)
{
	struct evl_wait_queue stack_wq;
	struct evl_thread *pos, *tmp, *curr = evl_current();
	unsigned long flags;
	long r = 0;

	evl_init_wait(wq, &evl_mono_clock, EVL_WAIT_PRIO);
	evl_init_wait_on_stack(&stack_wq, &evl_realtime_clock, EVL_WAIT_FIFO);
	__evl_init_wait(&stack_wq, &evl_mono_raw_clock, EVL_WAIT_FIFO, "w", NULL);
	r += evl_read_clock(wq->clock) + evl_get_clock_resolution(&evl_mono_clock);
	r += timeout_infinite(EVL_INFINITE) + timeout_nonblock(EVL_NONBLOCK) +
		timeout_valid(ms_to_ktime(1));
	r += evl_wait_event(wq, READ_ONCE(*cond));
	r += evl_wait_event_timeout(wq, ms_to_ktime(1), EVL_REL, READ_ONCE(*cond));
	r += evl_wait_event_timeout(&file_evl_wq, EVL_NONBLOCK, EVL_ABS, *cond);
	raw_spin_lock_irqsave(&wq->wchan.lock, flags);
	evl_add_wait_queue(wq, EVL_INFINITE, EVL_REL);
	r += evl_wait_active(wq) + (evl_wait_head(wq) == evl_head_waiter(wq));
	evl_for_each_waiter(pos, wq)
		r += pos->wprio;
	evl_for_each_waiter_safe(pos, tmp, wq)
		r += pos->state + pos->info;
	r += evl_wake_up(wq, curr, EVL_T_BCAST) != NULL;
	r += evl_wake_up_head(wq) != NULL;
	r += evl_flush_wait_locked(wq, EVL_T_RMID);
	raw_spin_unlock_irqrestore(&wq->wchan.lock, flags);
	r += evl_wait_schedule(wq) + __evl_wait_schedule(&wq->wchan);
	r += evl_flush_wait(wq, EVL_T_BREAK);
	evl_destroy_wait(wq);
	evl_schedule();

	evl_init_flag(wf);
	evl_init_flag_on_stack(wf);
	r += evl_wait_flag(wf) + evl_wait_flag_timeout(wf, EVL_NONBLOCK, EVL_REL);
	r += evl_peek_flag(&file_flag);
	evl_lock_flag(wf, flags);
	r += evl_read_flag(wf) + (evl_wait_flag_head(wf) != NULL);
	evl_raise_flag_locked(wf);
	evl_pulse_flag_locked(wf);
	evl_flush_flag_locked(wf, EVL_T_BREAK);
	evl_unlock_flag(wf, flags);
	evl_raise_flag(wf);
	evl_raise_flag_nosched(wf);
	evl_pulse_flag(wf);
	evl_pulse_flag_nosched(wf);
	evl_flush_flag(wf, EVL_T_RMID);
	evl_flush_flag_nosched(wf, EVL_T_NOMEM);
	evl_clear_flag(wf);
	evl_destroy_flag(wf);

	evl_init_ksem(ks, 0);
	r += evl_down(ks) + evl_down_timeout(ks, EVL_INFINITE) + evl_trydown(&file_ksem);
	evl_up(ks);
	evl_broadcast(ks);
	evl_destroy_ksem(ks);

	evl_init_kmutex(km);
	r += evl_lock_kmutex(km) + evl_trylock_kmutex(&file_kmutex);
	evl_unlock_kmutex(km);
	evl_destroy_kmutex(km);
	return r + atomic_read(&km->fastlock);
}

/* ---- evl/timer.h, evl/kthread.h (via evl/thread.h) --------------------------------------- */

TEST_FN void test_timer_handler(struct evl_timer *timer)
{
	evl_stop_timer(timer);
}

TEST_FN void test_evl_kthread_fn(void *arg)
{
	unsigned long overruns;

	if (evl_set_period(&evl_mono_clock, EVL_INFINITE, ms_to_ktime(1)) == 0)
		while (!evl_kthread_should_stop() && !evl_wait_period(&overruns))
			;
	evl_sleep(ms_to_ktime(1));
}

TEST_FN long test_evl_timer_kthread(struct evl_timer *t, struct evl_kthread *kt)
{
	long r = 0;

	evl_init_timer(t, test_timer_handler);
	evl_init_timer_on_cpu(t, 0, test_timer_handler);
	evl_init_timer_on_rq(t, &evl_realtime_clock, test_timer_handler, NULL, EVL_TIMER_KGRAVITY);
	__evl_init_timer(t, &evl_mono_clock, test_timer_handler, NULL, "t", EVL_TIMER_IGRAVITY);
	evl_set_timer_name(t, "timer");
	evl_set_timer_gravity(t, EVL_TIMER_UGRAVITY);
	evl_start_timer(t, evl_abs_timeout(t, ms_to_ktime(1)), ms_to_ktime(1));
	r += evl_timer_is_running(t) + evl_timer_is_periodic(t) + evl_tdate(t);
	r += evl_get_timer_date(t) + evl_get_timer_expiry(t) + evl_get_timer_delta(t) +
		evl_get_timer_next_date(t) + evl_get_timer_overruns(t) + evl_get_timer_gravity(t);
	r += (long)evl_get_timer_name(t);
	evl_stop_timer(t);
	__evl_stop_timer(t);
	evl_destroy_timer(t);

	r += evl_run_kthread(kt, test_evl_kthread_fn, NULL, EVL_FIFO_MIN_PRIO, EVL_CLONE_PUBLIC,
			     "kt:%d", 1);
	r += evl_run_kthread_on_cpu(kt, 0, test_evl_kthread_fn, kt, EVL_CORE_MAX_PRIO,
				    EVL_CLONE_PRIVATE, "kt");
	evl_set_kthread_priority(kt, EVL_FIFO_MAX_PRIO);
	r += (evl_current_kthread() == kt) + evl_kthread_should_stop();
	evl_stop_kthread(kt);
	r += evl_sleep_until(ms_to_ktime(1)) + evl_delay(ms_to_ktime(1), EVL_REL, &evl_mono_clock);
	return r + EVL_CORE_MIN_PRIO;
}

/* ---- evl/work.h, stax.h, memory.h, uaccess.h ----------------------------------------------- */

TEST_FN void test_evl_work_fn(struct evl_work *work)
{
}

TEST_FN int test_evl_sync_fn(struct evl_sync_work *sync_work)
{
	return sync_work->result;
}

TEST_FN long test_evl_misc(struct evl_work *w, struct evl_sync_work *sw, struct evl_stax *stax,
			   u64 uptr)
{
	struct evl_timespec_union tu = { .kt = 0 };
	struct __evl_itimerspec its = { { 0, 0 }, { 0, 1 } };
	enum evl_tmode tmode = EVL_REL;
	ktime_t timeout = 0;
	void *p;
	long r = 0;

	evl_init_work(w, test_evl_work_fn);
	evl_init_work_safe(w, test_evl_work_fn, NULL);
	evl_init_sync_work(sw, test_evl_sync_fn);
	r += evl_call_inband(w) + evl_call_inband_from(w, system_wq);
	r += evl_call_inband_sync(sw) + evl_call_inband_sync_from(sw, NULL);
	evl_flush_work(w);
	evl_cancel_work(w);

	evl_init_stax(stax, EVL_STAX_INBAND_SPIN);
	r += evl_lock_stax(stax) + evl_trylock_stax(stax);
	evl_unlock_stax(stax);
	evl_destroy_stax(stax);

	p = evl_alloc(16);
	evl_free(p);
	p = evl_zalloc(16);
	r += raw_copy_from_user_ptr64(p, uptr, 8) + raw_copy_to_user_ptr64(uptr, p, 8);
	r += evl_ptrval64(p) + (long)evl_valptr64(uptr, char);
	r += evl_fetch_utimespec(evl_valptr64(uptr, struct __evl_timespec), &timeout, &tmode);
	r += timeout + tmode + tu.abstime + its.it_value.tv_nsec;
	evl_free(p);
	return r;
}

/* ---- evl/poll.h, evl/poll_head.h, asm-generic/evl/poll.h, uapi/evl/poll-abi.h ------------- */

static struct evl_poll_head file_poll_head = EVL_POLLHEAD_INITIALIZER(file_poll_head);

static_assert(EVL_POLIOC_CTL == _IOW('p', 0, struct evl_poll_ctlreq));
static_assert(sizeof(struct evl_poll_waitreq) == 24 && sizeof(union evl_value) == 8);

TEST_FN void test_unwatch(struct evl_poll_head *head)
{
}

TEST_FN __poll_t test_oob_poll(struct file *filp, struct oob_poll_wait *wait,
			       struct evl_poll_head *head, struct oob_poll_queue *pwq)
{
	struct evl_poll_ctlreq ctl = { .action = EVL_POLL_CTLADD, .pollval = { .ptr = 0 } };
	struct evl_poll_event ev = { .events = POLLIN };

	evl_init_poll_head(head);
	init_oob_poll_queue(pwq);
	evl_poll_watch(head, wait, test_unwatch);
	evl_poll_watch(&file_poll_head, wait, NULL);
	poll_wait_oob(pwq, wait);
	evl_signal_poll_events(head, POLLIN);
	__evl_signal_poll_events(head, POLLOUT);
	poll_signal_oob(pwq, POLLIN | POLLRDNORM);
	evl_release_watchers(NULL);
	return (__force __poll_t)(ctl.action + ev.events + wait->connectors[0].events_received +
				  EVL_POLL_NR_CONNECTORS + EVL_POLL_CTLDEL + EVL_POLL_CTLMOD +
				  EVL_POLIOC_WAIT + sizeof(EVL_POLL_DEV));
}

/* ---- entry point ------------------------------------------------------------------------------------------------------------- */

static long test_hw(struct platform_device *pdev, void __iomem *regs)
{
	struct resource res = DEFINE_RES_MEM(0x1000, SZ_4K), irq = DEFINE_RES_IRQ(5);
	struct device *dev = &pdev->dev;
	dma_addr_t handle;
	u32 v = 0, a[2];
	const char *s;
	long r = 0;
	void *buf;

	r += resource_size(&res) + resource_type(&irq) + gcd(12, 18);
	r += readl_poll_timeout(regs, v, v & 1, 10, 100);
	r += readl_relaxed_poll_timeout_atomic(regs, v, v & 1, 1, 100);
	r += ioread32be(regs) + readq(regs) + __raw_readw(regs);
	writel_relaxed(be32_to_cpu(cpu_to_be32(v)), regs);
	r += of_property_read_u32(dev->of_node, "x", &v);
	r += of_property_read_u32_array(dev->of_node, "x", a, 2);
	r += of_property_read_string(dev->of_node, "x", &s) + of_property_read_bool(dev->of_node, "x");
	r += of_property_count_u32_elems(dev->of_node, "x");
	r += device_property_read_u32(dev, "x", &v) + device_property_read_bool(dev, "x");
	r += (long)device_get_match_data(dev) + (long)of_get_address(dev->of_node, 0, NULL, NULL);
	r += platform_get_irq(pdev, 0) + platform_get_irq_byname_optional(pdev, "x");
	r += (long)platform_get_resource_byname(pdev, IORESOURCE_MEM, "x");
	r += PTR_ERR_OR_ZERO(devm_platform_ioremap_resource(pdev, 0));
	r += (long)devm_kcalloc(dev, 2, 4, GFP_KERNEL) + devm_add_action_or_reset(dev, NULL, NULL);
	r += dma_set_mask_and_coherent(dev, DMA_BIT_MASK(32));
	buf = dmam_alloc_coherent(dev, SZ_4K, &handle, GFP_KERNEL);
	r += dma_mapping_error(dev, dma_map_single(dev, buf, 64, DMA_FROM_DEVICE));
	dma_sync_single_range_for_cpu(dev, handle, 0, 64, DMA_FROM_DEVICE);
	r += clk_prepare_enable(devm_clk_get_enabled(dev, NULL)) + pm_runtime_resume_and_get(dev);
	r += pinctrl_pm_select_default_state(dev) + dev_err_probe(dev, -EPROBE_DEFER, "x\n");
	return r;
}

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

	r += test_jiffies_sched(0, current);
	{
		struct mutex m;
		struct semaphore s;
		struct completion done;
		wait_queue_head_t wq;
		spinlock_t lock;
		int cond = 1;

		spin_lock_init(&lock);
		r += test_wait(&wq, &cond, &lock, &done);
		r += test_locks_kthreads(&m, &s);
	}
	{
		struct work_struct w;
		struct delayed_work dw;
		struct rcu_item *it = kzalloc(sizeof(*it), GFP_KERNEL);
		struct irq_work iw;

		r += test_deferral(&w, &dw, it, &iw);
	}
	{
		struct vm_area_struct vma = { .vm_start = 0x10000, .vm_end = 0x12000 };

		r += test_mm(&vma, 3 * PAGE_SIZE);
	}
	{
		struct poll_wqueues pwq;

		r += (__force long)test_poll(NULL, NULL, &pwq);
	}
	{
		struct evl_wait_queue wq;
		struct evl_flag wf;
		struct evl_ksem ks;
		struct evl_kmutex km;
		struct evl_timer t;
		struct evl_kthread kt;
		struct evl_work w;
		struct evl_sync_work sw;
		struct evl_stax stax;
		struct evl_poll_head head;
		struct oob_poll_wait wait;
		struct oob_poll_queue pq;
		int cond = 1;

		r += test_evl_wait(&wq, &wf, &ks, &km, &cond);
		r += test_evl_timer_kthread(&t, &kt);
		r += test_evl_misc(&w, &sw, &stax, 0);
		r += (__force long)test_oob_poll(NULL, &wait, &head, &pq);
	}
	r += test_hw(NULL, NULL);

	return (int)r;
}

/* Interrupts (added with the simulated interrupt lines). */
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irq_pipeline.h>
#include <linux/hardirq.h>

static irqreturn_t test_irq_handler(int irq, void *dev_id)
{
	return IRQ_RETVAL(in_interrupt() && !in_task()) | IRQ_FORWARD;
}

int evlsim_test_irq_headers(unsigned int irq, struct device *dev);
int evlsim_test_irq_headers(unsigned int irq, struct device *dev)
{
	unsigned long flags;
	int r;

	r = request_irq(irq, test_irq_handler, IRQF_OOB | IRQF_SHARED | IRQF_TRIGGER_HIGH,
			"t", &r);
	r += devm_request_irq(dev, irq, test_irq_handler, IRQF_TIMER, NULL, &r);
	r += request_threaded_irq(irq, NULL, test_irq_handler, IRQF_ONESHOT, "t", &r);
	r += irq_set_irq_type(irq, IRQ_TYPE_EDGE_BOTH) + (int)irq_get_trigger_type(irq);
	disable_irq_nosync_lockdep(irq);
	enable_irq_lockdep(irq);
	hard_irq_disable();
	hard_irq_enable();
	flags = oob_irq_save();
	irq_post_oob(irq);
	oob_irq_restore(flags);
	oob_irq_disable();
	irq_post_inband(irq);
	oob_irq_enable();
	r += oob_irqs_disabled() + irq_inject_pipeline(irq) + irq_has_action(irq);
	free_irq(irq, &r);
	return r;
}
