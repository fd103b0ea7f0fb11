// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * sort() and sort_r() (kernel world), after lib/sort.c: an in-place heapsort, no
 * allocation, no recursion. The default swap moves 8, 4 or 1 bytes at a time depending
 * on the element size and the base address's alignment.
 */
#include <linux/sort.h>
#include <linux/kernel.h>

static void swap_bytes(void *a, void *b, size_t size)
{
	u8 *p = a, *q = b, t;

	while (size--) {
		t = *p;
		*p++ = *q;
		*q++ = t;
	}
}

static void swap_u32s(void *a, void *b, size_t size)
{
	u32 *p = a, *q = b, t;

	for (; size; size -= sizeof(u32)) {
		t = *p;
		*p++ = *q;
		*q++ = t;
	}
}

static void swap_u64s(void *a, void *b, size_t size)
{
	u64 *p = a, *q = b, t;

	for (; size; size -= sizeof(u64)) {
		t = *p;
		*p++ = *q;
		*q++ = t;
	}
}

struct sorter {
	char *base;
	size_t size;
	cmp_r_func_t cmp_r;
	cmp_func_t cmp;
	swap_r_func_t swap_r;
	swap_func_t swap;
	void (*swap_default)(void *a, void *b, size_t size);
	const void *priv;
};

static int do_cmp(const struct sorter *s, size_t i, size_t j)
{
	const void *a = s->base + i * s->size, *b = s->base + j * s->size;

	return s->cmp ? s->cmp(a, b) : s->cmp_r(a, b, s->priv);
}

static void do_swap(const struct sorter *s, size_t i, size_t j)
{
	void *a = s->base + i * s->size, *b = s->base + j * s->size;

	if (s->swap)
		(s->swap)(a, b, (int)s->size);
	else if (s->swap_r)
		s->swap_r(a, b, (int)s->size, s->priv);
	else
		s->swap_default(a, b, s->size);
}

/* Move element @i down the heap of @n elements until both children are not greater. */
static void sift_down(const struct sorter *s, size_t i, size_t n)
{
	size_t child;

	while ((child = 2 * i + 1) < n) {
		if (child + 1 < n && do_cmp(s, child + 1, child) > 0)
			child++;
		if (do_cmp(s, child, i) <= 0)
			return;
		do_swap(s, i, child);
		i = child;
	}
}

static void heapsort(struct sorter *s, size_t num)
{
	size_t i;

	if (num < 2)
		return;
	if (!s->swap && !s->swap_r) {
		unsigned long align = (unsigned long)s->base | s->size;

		if (s->size % sizeof(u64) == 0 && align % __alignof__(u64) == 0)
			s->swap_default = swap_u64s;
		else if (s->size % sizeof(u32) == 0 && align % __alignof__(u32) == 0)
			s->swap_default = swap_u32s;
		else
			s->swap_default = swap_bytes;
	}
	for (i = num / 2; i-- > 0;)
		sift_down(s, i, num);
	for (i = num - 1; i > 0; i--) {
		do_swap(s, 0, i);
		sift_down(s, 0, i);
	}
}

/**
 * sort_r - sort an array of elements
 * @base: the array
 * @num: number of elements
 * @size: size of each element
 * @cmp_func: comparison: negative, 0 or positive as @a sorts before, with or after @b
 * @swap_func: swaps two elements, NULL for the default swap
 * @priv: passed to @cmp_func and @swap_func
 *
 * Heapsort: not stable, O(n log n) in the worst case, no memory allocated.
 */
void sort_r(void *base, size_t num, size_t size, cmp_r_func_t cmp_func,
	    swap_r_func_t swap_func, const void *priv)
{
	struct sorter s = {
		.base = base, .size = size, .cmp_r = cmp_func, .swap_r = swap_func,
		.priv = priv,
	};

	if (!size)
		return;
	heapsort(&s, num);
}

/**
 * sort - sort an array of elements
 * @base: the array
 * @num: number of elements
 * @size: size of each element
 * @cmp_func: comparison: negative, 0 or positive as @a sorts before, with or after @b
 * @swap_func: swaps two elements, NULL for the default swap
 */
void sort(void *base, size_t num, size_t size, cmp_func_t cmp_func, swap_func_t swap_func)
{
	struct sorter s = {
		.base = base, .size = size, .cmp = cmp_func, .swap = swap_func,
	};

	if (!size)
		return;
	heapsort(&s, num);
}
