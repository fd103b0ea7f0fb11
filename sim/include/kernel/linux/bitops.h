/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/bitops.h with the x86_64
 * asm/bitops.h semantics and the find_*() helpers of linux/find.h.
 *
 * Atomic bitops are GCC __atomic builtins (ThreadSanitizer understands them): set_bit(),
 * clear_bit() and change_bit() are relaxed, the value-returning test_and_*() ones are
 * fully ordered, the _lock/_unlock forms acquire/release. test_bit() is a relaxed atomic
 * load (a READ_ONCE() in the kernel). The non-atomic __*() forms are plain accesses, and
 * find_*() read the bitmap with plain loads, as in the kernel. DECLARE_BITMAP() lives in
 * linux/types.h in the kernel.
 */
#ifndef _EVLSIM_LINUX_BITOPS_H
#define _EVLSIM_LINUX_BITOPS_H

#include <linux/bits.h>
#include <linux/build_bug.h>
#include <linux/compiler.h>
#include <linux/math.h>
#include <linux/types.h>

#define BITS_PER_TYPE(type)	(sizeof(type) * BITS_PER_BYTE)
#define BITS_TO_LONGS(nr)	__KERNEL_DIV_ROUND_UP(nr, BITS_PER_TYPE(long))
#define BITS_TO_U64(nr)		__KERNEL_DIV_ROUND_UP(nr, BITS_PER_TYPE(u64))
#define BITS_TO_U32(nr)		__KERNEL_DIV_ROUND_UP(nr, BITS_PER_TYPE(u32))
#define BITS_TO_BYTES(nr)	__KERNEL_DIV_ROUND_UP(nr, BITS_PER_TYPE(char))

#ifndef DECLARE_BITMAP
#define DECLARE_BITMAP(name, bits)	unsigned long name[BITS_TO_LONGS(bits)]
#endif

/* ---- atomic bit operations ------------------------------------------------------------ */

static __always_inline void set_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_or(addr + BIT_WORD((unsigned long)nr), BIT_MASK(nr), __ATOMIC_RELAXED);
}

static __always_inline void clear_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_and(addr + BIT_WORD((unsigned long)nr), ~BIT_MASK(nr), __ATOMIC_RELAXED);
}

static __always_inline void change_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_xor(addr + BIT_WORD((unsigned long)nr), BIT_MASK(nr), __ATOMIC_RELAXED);
}

static __always_inline bool test_and_set_bit(long nr, volatile unsigned long *addr)
{
	unsigned long mask = BIT_MASK(nr);

	return (__atomic_fetch_or(addr + BIT_WORD((unsigned long)nr), mask,
				  __ATOMIC_SEQ_CST) & mask) != 0;
}

static __always_inline bool test_and_clear_bit(long nr, volatile unsigned long *addr)
{
	unsigned long mask = BIT_MASK(nr);

	return (__atomic_fetch_and(addr + BIT_WORD((unsigned long)nr), ~mask,
				   __ATOMIC_SEQ_CST) & mask) != 0;
}

static __always_inline bool test_and_change_bit(long nr, volatile unsigned long *addr)
{
	unsigned long mask = BIT_MASK(nr);

	return (__atomic_fetch_xor(addr + BIT_WORD((unsigned long)nr), mask,
				   __ATOMIC_SEQ_CST) & mask) != 0;
}

/* Lock/unlock forms: test_and_set_bit_lock() acquires, clear_bit_unlock() releases. */
static __always_inline bool test_and_set_bit_lock(long nr, volatile unsigned long *addr)
{
	unsigned long mask = BIT_MASK(nr);

	return (__atomic_fetch_or(addr + BIT_WORD((unsigned long)nr), mask,
				  __ATOMIC_ACQUIRE) & mask) != 0;
}

static __always_inline void clear_bit_unlock(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_and(addr + BIT_WORD((unsigned long)nr), ~BIT_MASK(nr), __ATOMIC_RELEASE);
}

/* Non-atomic read-modify-write with release semantics for the final store. */
static __always_inline void __clear_bit_unlock(long nr, volatile unsigned long *addr)
{
	volatile unsigned long *p = addr + BIT_WORD((unsigned long)nr);
	unsigned long old = __atomic_load_n(p, __ATOMIC_RELAXED);

	__atomic_store_n(p, old & ~BIT_MASK(nr), __ATOMIC_RELEASE);
}

static __always_inline bool test_bit(long nr, const volatile unsigned long *addr)
{
	return 1UL & (__atomic_load_n(addr + BIT_WORD((unsigned long)nr), __ATOMIC_RELAXED) >>
		      ((unsigned long)nr & (BITS_PER_LONG - 1)));
}

static __always_inline bool test_bit_acquire(long nr, const volatile unsigned long *addr)
{
	return 1UL & (__atomic_load_n(addr + BIT_WORD((unsigned long)nr), __ATOMIC_ACQUIRE) >>
		      ((unsigned long)nr & (BITS_PER_LONG - 1)));
}

/* ---- non-atomic bit operations (caller serialises) ------------------------------------ */

static __always_inline void __set_bit(unsigned long nr, volatile unsigned long *addr)
{
	addr[BIT_WORD(nr)] |= BIT_MASK(nr);
}

static __always_inline void __clear_bit(unsigned long nr, volatile unsigned long *addr)
{
	addr[BIT_WORD(nr)] &= ~BIT_MASK(nr);
}

static __always_inline void __change_bit(unsigned long nr, volatile unsigned long *addr)
{
	addr[BIT_WORD(nr)] ^= BIT_MASK(nr);
}

static __always_inline bool __test_and_set_bit(unsigned long nr, volatile unsigned long *addr)
{
	unsigned long mask = BIT_MASK(nr);
	unsigned long old = addr[BIT_WORD(nr)];

	addr[BIT_WORD(nr)] = old | mask;
	return (old & mask) != 0;
}

static __always_inline bool __test_and_clear_bit(unsigned long nr, volatile unsigned long *addr)
{
	unsigned long mask = BIT_MASK(nr);
	unsigned long old = addr[BIT_WORD(nr)];

	addr[BIT_WORD(nr)] = old & ~mask;
	return (old & mask) != 0;
}

static __always_inline bool __test_and_change_bit(unsigned long nr, volatile unsigned long *addr)
{
	unsigned long mask = BIT_MASK(nr);
	unsigned long old = addr[BIT_WORD(nr)];

	addr[BIT_WORD(nr)] = old ^ mask;
	return (old & mask) != 0;
}

/* assign_bit - set or clear bit @nr in @addr depending on @value (atomically). */
#define assign_bit(nr, addr, value)					\
	((value) ? set_bit((nr), (addr)) : clear_bit((nr), (addr)))
#define __assign_bit(nr, addr, value)					\
	((value) ? __set_bit((nr), (addr)) : __clear_bit((nr), (addr)))

/* ---- bit searching in a word ------------------------------------------------------------ */

/* __ffs - index of the first (least significant) set bit; undefined for 0. */
static __always_inline unsigned long __ffs(unsigned long word)
{
	return __builtin_ctzl(word);
}

/* __fls - index of the last (most significant) set bit; undefined for 0. */
static __always_inline unsigned long __fls(unsigned long word)
{
	return BITS_PER_LONG - 1 - __builtin_clzl(word);
}

/* ffz - index of the first zero bit; undefined if there is none. */
static __always_inline unsigned long ffz(unsigned long word)
{
	return __ffs(~word);
}

/* ffs - 1-based index of the first set bit, 0 for 0 (the libc ffs() convention). */
static __always_inline int ffs(int x)
{
	return __builtin_ffs(x);
}

/* fls - 1-based index of the last set bit, 0 for 0: fls(1) = 1, fls(0x80000000) = 32. */
static __always_inline int fls(unsigned int x)
{
	return x ? (int)(sizeof(x) * 8) - __builtin_clz(x) : 0;
}

/* fls64 - 1-based index of the last set bit of a 64-bit word, 0 for 0. */
static __always_inline int fls64(__u64 x)
{
	return x ? 64 - __builtin_clzll(x) : 0;
}

static inline unsigned int fls_long(unsigned long l)
{
	return fls64(l);
}

/* __ffs64 - index of the first set bit of a 64-bit word; undefined for 0. */
static inline unsigned long __ffs64(u64 word)
{
	return __builtin_ctzll(word);
}

static inline int get_bitmask_order(unsigned int count)
{
	return fls(count);
}

/* get_count_order - log2 of @count rounded up; -1 for 0. */
static inline int get_count_order(unsigned int count)
{
	if (count == 0)
		return -1;
	return fls(--count);
}

static inline int get_count_order_long(unsigned long l)
{
	if (l == 0UL)
		return -1;
	return (int)fls_long(--l);
}

/* ---- Hamming weight ------------------------------------------------------------------- */

#define hweight8(w)	((unsigned int)__builtin_popcount((u8)(w)))
#define hweight16(w)	((unsigned int)__builtin_popcount((u16)(w)))
#define hweight32(w)	((unsigned int)__builtin_popcount((u32)(w)))
#define hweight64(w)	((unsigned long)__builtin_popcountll((u64)(w)))

static inline unsigned long hweight_long(unsigned long w)
{
	return hweight64(w);
}

/* ---- rotations and sign extension ------------------------------------------------------- */

static inline __u64 rol64(__u64 word, unsigned int shift)
{
	return (word << (shift & 63)) | (word >> ((-shift) & 63));
}

static inline __u64 ror64(__u64 word, unsigned int shift)
{
	return (word >> (shift & 63)) | (word << ((-shift) & 63));
}

static inline __u32 rol32(__u32 word, unsigned int shift)
{
	return (word << (shift & 31)) | (word >> ((-shift) & 31));
}

static inline __u32 ror32(__u32 word, unsigned int shift)
{
	return (word >> (shift & 31)) | (word << ((-shift) & 31));
}

static inline __u16 rol16(__u16 word, unsigned int shift)
{
	return (word << (shift & 15)) | (word >> ((-shift) & 15));
}

static inline __u16 ror16(__u16 word, unsigned int shift)
{
	return (word >> (shift & 15)) | (word << ((-shift) & 15));
}

static inline __u8 rol8(__u8 word, unsigned int shift)
{
	return (word << (shift & 7)) | (word >> ((-shift) & 7));
}

static inline __u8 ror8(__u8 word, unsigned int shift)
{
	return (word >> (shift & 7)) | (word << ((-shift) & 7));
}

/* sign_extend32 - treat bit @index of @value as its sign bit and extend it to 32 bits */
static inline __s32 sign_extend32(__u32 value, int index)
{
	__u8 shift = 31 - index;

	return (__s32)(value << shift) >> shift;
}

/* sign_extend64 - treat bit @index of @value as its sign bit and extend it to 64 bits */
static inline __s64 sign_extend64(__u64 value, int index)
{
	__u8 shift = 63 - index;

	return (__s64)(value << shift) >> shift;
}

/* ---- bitmap searching (linux/find.h) ------------------------------------------------------ */

/* Bits >= @start of the word holding bit @start (BITMAP_FIRST_WORD_MASK). */
#define evlsim__first_word_mask(start)	(~0UL << ((start) & (BITS_PER_LONG - 1)))
/* Bits < @nbits of the last word of an @nbits-bit map (BITMAP_LAST_WORD_MASK). */
#define evlsim__last_word_mask(nbits)	(~0UL >> (-(nbits) & (BITS_PER_LONG - 1)))

static inline unsigned long evlsim__find_next(const unsigned long *addr, unsigned long size,
					      unsigned long start, unsigned long invert)
{
	unsigned long word;

	if (unlikely(start >= size))
		return size;

	word = (addr[BIT_WORD(start)] ^ invert) & evlsim__first_word_mask(start);
	start -= start % BITS_PER_LONG;
	while (!word) {
		start += BITS_PER_LONG;
		if (start >= size)
			return size;
		word = addr[BIT_WORD(start)] ^ invert;
	}
	start += __ffs(word);
	return start < size ? start : size;
}

/**
 * find_next_bit - index of the first set bit at or after @offset
 * @addr: the bitmap
 * @size: its length in bits
 * @offset: where the search starts
 *
 * Return: the index found, or @size if there is none.
 */
static inline unsigned long find_next_bit(const unsigned long *addr, unsigned long size,
					  unsigned long offset)
{
	return evlsim__find_next(addr, size, offset, 0UL);
}

/**
 * find_next_zero_bit - index of the first clear bit at or after @offset
 * @addr: the bitmap
 * @size: its length in bits
 * @offset: where the search starts
 *
 * Return: the index found, or @size if there is none.
 */
static inline unsigned long find_next_zero_bit(const unsigned long *addr, unsigned long size,
					       unsigned long offset)
{
	return evlsim__find_next(addr, size, offset, ~0UL);
}

/**
 * find_first_bit - index of the lowest set bit of a bitmap
 * @addr: the bitmap
 * @size: its length in bits
 *
 * Return: the index found, or @size if there is none.
 */
static inline unsigned long find_first_bit(const unsigned long *addr, unsigned long size)
{
	return evlsim__find_next(addr, size, 0, 0UL);
}

/**
 * find_first_zero_bit - index of the lowest clear bit of a bitmap
 * @addr: the bitmap
 * @size: its length in bits
 *
 * Return: the index found, or @size if there is none.
 */
static inline unsigned long find_first_zero_bit(const unsigned long *addr, unsigned long size)
{
	return evlsim__find_next(addr, size, 0, ~0UL);
}

/**
 * find_last_bit - index of the highest set bit of a bitmap
 * @addr: the bitmap
 * @size: its length in bits
 *
 * Return: the index found, or @size if there is none.
 */
static inline unsigned long find_last_bit(const unsigned long *addr, unsigned long size)
{
	if (size) {
		unsigned long idx = (size - 1) / BITS_PER_LONG;
		unsigned long word = addr[idx] & evlsim__last_word_mask(size);

		for (;;) {
			if (word)
				return idx * BITS_PER_LONG + __fls(word);
			if (!idx)
				break;
			word = addr[--idx];
		}
	}
	return size;
}

#define for_each_set_bit(bit, addr, size)					\
	for ((bit) = 0; (bit) = find_next_bit((addr), (size), (bit)), (bit) < (size); (bit)++)

/* Same as for_each_set_bit(), but starting at the current value of @bit. */
#define for_each_set_bit_from(bit, addr, size)					\
	for (; (bit) = find_next_bit((addr), (size), (bit)), (bit) < (size); (bit)++)

#define for_each_clear_bit(bit, addr, size)					\
	for ((bit) = 0;								\
	     (bit) = find_next_zero_bit((addr), (size), (bit)), (bit) < (size);	\
	     (bit)++)

#define for_each_clear_bit_from(bit, addr, size)				\
	for (; (bit) = find_next_zero_bit((addr), (size), (bit)), (bit) < (size); (bit)++)

#endif /* _EVLSIM_LINUX_BITOPS_H */
