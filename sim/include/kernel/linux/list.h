/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/list.h (circular doubly linked lists
 * and hlists), built without CONFIG_DEBUG_LIST / CONFIG_LIST_HARDENED: deleted entries are
 * poisoned with LIST_POISON1/2 (non-canonical addresses), so reusing one faults at once.
 * The structures themselves (struct list_head, hlist_head, hlist_node) are in linux/types.h.
 */
#ifndef _EVLSIM_LINUX_LIST_H
#define _EVLSIM_LINUX_LIST_H

#include <linux/container_of.h>
#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/poison.h>
#include <asm/barrier.h>

#define LIST_HEAD_INIT(name) { &(name), &(name) }

#define LIST_HEAD(name) \
	struct list_head name = LIST_HEAD_INIT(name)

/**
 * INIT_LIST_HEAD - make @list an empty list (pointing to itself both ways)
 * @list: the list head or entry to initialise
 */
static inline void INIT_LIST_HEAD(struct list_head *list)
{
	WRITE_ONCE(list->next, list);
	WRITE_ONCE(list->prev, list);
}

/*
 * evlsim: the place of CONFIG_DEBUG_LIST's checks. A pointer read from freed driver
 * memory is POISON_FREE repeated (the memory check's poisoning): the list operation is
 * reported as a use-after-free of the freed node (@node), and not done.
 */
#define EVLSIM_POISON_FREE_PTR	((void *)0x6b6b6b6b6b6b6b6bUL)
__evlsim_export bool evlsim__list_poisoned(const void *node);

static inline bool __evlsim_list_freed(const void *a, const void *b, const void *node)
{
	if (likely(a != EVLSIM_POISON_FREE_PTR && b != EVLSIM_POISON_FREE_PTR))
		return false;
	return evlsim__list_poisoned(node);
}

/* Links @entry between two entries known to be adjacent. */
static inline void __list_add(struct list_head *entry, struct list_head *prev,
			      struct list_head *next)
{
	if (unlikely(__evlsim_list_freed(prev, next, prev == EVLSIM_POISON_FREE_PTR ?
					 (const void *)next : (const void *)prev)))
		return;
	next->prev = entry;
	entry->next = next;
	entry->prev = prev;
	WRITE_ONCE(prev->next, entry);
}

/**
 * list_add - insert an entry right after @head (stack order)
 * @new: the entry to insert
 * @head: the list head, or any entry to insert after
 */
static inline void list_add(struct list_head *new, struct list_head *head)
{
	__list_add(new, head, head->next);
}

/**
 * list_add_tail - insert an entry right before @head (queue order)
 * @new: the entry to insert
 * @head: the list head, or any entry to insert before
 */
static inline void list_add_tail(struct list_head *new, struct list_head *head)
{
	__list_add(new, head->prev, head);
}

/* Joins @prev and @next, dropping whatever was between them. */
static inline void __list_del(struct list_head *prev, struct list_head *next)
{
	next->prev = prev;
	WRITE_ONCE(prev->next, next);
}

/* Unlinks @entry without touching its own pointers. */
static inline void __list_del_clearprev(struct list_head *entry)
{
	__list_del(entry->prev, entry->next);
	entry->prev = NULL;
}

static inline void __list_del_entry(struct list_head *entry)
{
	if (unlikely(__evlsim_list_freed(entry->prev, entry->next, entry)))
		return;
	__list_del(entry->prev, entry->next);
}

/**
 * list_del - unlink an entry from its list
 * @entry: the entry to remove
 *
 * The entry is left poisoned: list_empty() on it is not true, and following its
 * pointers faults.
 */
static inline void list_del(struct list_head *entry)
{
	if (unlikely(__evlsim_list_freed(entry->prev, entry->next, entry)))
		return;
	__list_del_entry(entry);
	entry->next = LIST_POISON1;
	entry->prev = LIST_POISON2;
}

/**
 * list_replace - put @new where @old was in its list
 * @old: the entry to replace
 * @new: the entry to put in its place
 *
 * @old keeps its (now stale) pointers.
 */
static inline void list_replace(struct list_head *old, struct list_head *new)
{
	new->next = old->next;
	new->next->prev = new;
	new->prev = old->prev;
	new->prev->next = new;
}

/**
 * list_replace_init - put @new where @old was, and reinitialise @old as empty
 * @old: the entry to replace
 * @new: the entry to put in its place
 */
static inline void list_replace_init(struct list_head *old, struct list_head *new)
{
	list_replace(old, new);
	INIT_LIST_HEAD(old);
}

/**
 * list_swap - exchange the positions of two entries (of the same list or not)
 * @entry1: one entry
 * @entry2: the other entry
 */
static inline void list_swap(struct list_head *entry1, struct list_head *entry2)
{
	struct list_head *pos = entry2->prev;

	list_del(entry2);
	list_replace(entry1, entry2);
	if (pos == entry1)
		pos = entry2;
	list_add(entry1, pos);
}

/**
 * list_del_init - unlink an entry and reinitialise it as an empty list
 * @entry: the entry to remove
 */
static inline void list_del_init(struct list_head *entry)
{
	__list_del_entry(entry);
	INIT_LIST_HEAD(entry);
}

/**
 * list_del_init_careful - list_del_init() pairing with list_empty_careful()
 * @entry: the entry to remove
 *
 * The final store of ->next is a release, for lockless list_empty_careful() readers.
 */
static inline void list_del_init_careful(struct list_head *entry)
{
	__list_del_entry(entry);
	WRITE_ONCE(entry->prev, entry);
	smp_store_release(&entry->next, entry);
}

/**
 * list_move - move an entry to the front of another list
 * @list: the entry to move
 * @head: the list that will receive it
 */
static inline void list_move(struct list_head *list, struct list_head *head)
{
	__list_del_entry(list);
	list_add(list, head);
}

/**
 * list_move_tail - move an entry to the back of another list
 * @list: the entry to move
 * @head: the list that will receive it
 */
static inline void list_move_tail(struct list_head *list, struct list_head *head)
{
	__list_del_entry(list);
	list_add_tail(list, head);
}

/**
 * list_bulk_move_tail - move the sublist [@first, @last] to the tail of @head
 * @head: the list that will receive the entries
 * @first: first entry of the run to move
 * @last: last entry of the run to move (same list as @first)
 */
static inline void list_bulk_move_tail(struct list_head *head, struct list_head *first,
				       struct list_head *last)
{
	first->prev->next = last->next;
	last->next->prev = first->prev;

	head->prev->next = first;
	first->prev = head->prev;

	last->next = head;
	head->prev = last;
}

/**
 * list_is_first - whether @list is the first entry of @head
 * @list: the entry to test
 * @head: the list head
 */
static inline int list_is_first(const struct list_head *list, const struct list_head *head)
{
	return list->prev == head;
}

/**
 * list_is_last - whether @list is the last entry of @head
 * @list: the entry to test
 * @head: the list head
 */
static inline int list_is_last(const struct list_head *list, const struct list_head *head)
{
	return list->next == head;
}

/**
 * list_is_head - whether @list is the head @head itself
 * @list: the entry to test
 * @head: the list head
 */
static inline int list_is_head(const struct list_head *list, const struct list_head *head)
{
	return list == head;
}

/**
 * list_empty - whether a list has no entry
 * @head: the list head
 */
static inline int list_empty(const struct list_head *head)
{
	return READ_ONCE(head->next) == head;
}

/**
 * list_empty_careful - list_empty() that also checks ->prev
 * @head: the list head
 *
 * Safe against a concurrent list_del_init_careful() on another CPU, and nothing else:
 * any other concurrent change needs the list's lock.
 */
static inline int list_empty_careful(const struct list_head *head)
{
	struct list_head *next = smp_load_acquire(&head->next);

	return list_is_head(next, head) && (next == READ_ONCE(head->prev));
}

/**
 * list_rotate_left - move the first entry of a list to its tail
 * @head: the list head
 */
static inline void list_rotate_left(struct list_head *head)
{
	struct list_head *first;

	if (!list_empty(head)) {
		first = head->next;
		list_move_tail(first, head);
	}
}

/**
 * list_rotate_to_front - rotate a list so that @list becomes its first entry
 * @list: the entry that becomes first
 * @head: the list head
 */
static inline void list_rotate_to_front(struct list_head *list, struct list_head *head)
{
	list_move_tail(head, list);
}

/**
 * list_is_singular - whether a list holds exactly one entry
 * @head: the list head
 */
static inline int list_is_singular(const struct list_head *head)
{
	return !list_empty(head) && (head->next == head->prev);
}

static inline void __list_cut_position(struct list_head *list, struct list_head *head,
				       struct list_head *entry)
{
	struct list_head *new_first = entry->next;

	list->next = head->next;
	list->next->prev = list;
	list->prev = entry;
	entry->next = list;
	head->next = new_first;
	new_first->prev = head;
}

/**
 * list_cut_position - move the head of a list, up to and including @entry, to @list
 * @list: an empty (or disposable) list head receiving the entries
 * @head: the list to cut
 * @entry: the last entry moved; @head itself moves nothing
 *
 * Whatever @list held before is overwritten.
 */
static inline void list_cut_position(struct list_head *list, struct list_head *head,
				     struct list_head *entry)
{
	if (list_empty(head))
		return;
	if (list_is_singular(head) && !list_is_head(entry, head) && (entry != head->next))
		return;
	if (list_is_head(entry, head))
		INIT_LIST_HEAD(list);
	else
		__list_cut_position(list, head, entry);
}

/**
 * list_cut_before - move the head of a list, up to but excluding @entry, to @list
 * @list: an empty (or disposable) list head receiving the entries
 * @head: the list to cut
 * @entry: the first entry that stays; @head moves every entry
 *
 * Whatever @list held before is overwritten.
 */
static inline void list_cut_before(struct list_head *list, struct list_head *head,
				   struct list_head *entry)
{
	if (head->next == entry) {
		INIT_LIST_HEAD(list);
		return;
	}
	list->next = head->next;
	list->next->prev = list;
	list->prev = entry->prev;
	list->prev->next = list;
	head->next = entry;
	entry->prev = head;
}

static inline void __list_splice(const struct list_head *list, struct list_head *prev,
				 struct list_head *next)
{
	struct list_head *first = list->next;
	struct list_head *last = list->prev;

	first->prev = prev;
	prev->next = first;

	last->next = next;
	next->prev = last;
}

/**
 * list_splice - insert the entries of @list at the front of @head
 * @list: the list whose entries move (its head is left stale)
 * @head: the list receiving them
 */
static inline void list_splice(const struct list_head *list, struct list_head *head)
{
	if (!list_empty(list))
		__list_splice(list, head, head->next);
}

/**
 * list_splice_tail - insert the entries of @list at the back of @head
 * @list: the list whose entries move (its head is left stale)
 * @head: the list receiving them
 */
static inline void list_splice_tail(struct list_head *list, struct list_head *head)
{
	if (!list_empty(list))
		__list_splice(list, head->prev, head);
}

/**
 * list_splice_init - list_splice(), then reinitialise @list as empty
 * @list: the list whose entries move
 * @head: the list receiving them
 */
static inline void list_splice_init(struct list_head *list, struct list_head *head)
{
	if (!list_empty(list)) {
		__list_splice(list, head, head->next);
		INIT_LIST_HEAD(list);
	}
}

/**
 * list_splice_tail_init - list_splice_tail(), then reinitialise @list as empty
 * @list: the list whose entries move
 * @head: the list receiving them
 */
static inline void list_splice_tail_init(struct list_head *list, struct list_head *head)
{
	if (!list_empty(list)) {
		__list_splice(list, head->prev, head);
		INIT_LIST_HEAD(list);
	}
}

/**
 * list_entry - the structure embedding a list_head
 * @ptr:	address of the embedded list_head
 * @type:	type of the structures on the list
 * @member:	name of their list_head member
 */
#define list_entry(ptr, type, member) \
	container_of(ptr, type, member)

/**
 * list_first_entry - the structure holding the first entry of a list
 * @ptr:	address of the list head; the list must not be empty
 * @type:	type of the structures on the list
 * @member:	name of their list_head member
 */
#define list_first_entry(ptr, type, member) \
	list_entry((ptr)->next, type, member)

/**
 * list_last_entry - the structure holding the last entry of a list
 * @ptr:	address of the list head; the list must not be empty
 * @type:	type of the structures on the list
 * @member:	name of their list_head member
 */
#define list_last_entry(ptr, type, member) \
	list_entry((ptr)->prev, type, member)

/**
 * list_first_entry_or_null - the structure holding the first entry, or NULL if empty
 * @ptr:	address of the list head
 * @type:	type of the structures on the list
 * @member:	name of their list_head member
 */
#define list_first_entry_or_null(ptr, type, member) ({			\
	struct list_head *head__ = (ptr);				\
	struct list_head *pos__ = READ_ONCE(head__->next);		\
	pos__ != head__ ? list_entry(pos__, type, member) : NULL;	\
})

/**
 * list_next_entry - the structure following @pos in its list
 * @pos:	a structure on the list
 * @member:	name of its list_head member
 */
#define list_next_entry(pos, member) \
	list_entry((pos)->member.next, typeof(*(pos)), member)

/**
 * list_next_entry_circular - list_next_entry(), wrapping from the last to the first
 * @pos:	a structure on the list
 * @head:	address of the list head
 * @member:	name of its list_head member
 */
#define list_next_entry_circular(pos, head, member) \
	(list_is_last(&(pos)->member, head) ? \
	list_first_entry(head, typeof(*(pos)), member) : list_next_entry(pos, member))

/**
 * list_prev_entry - the structure preceding @pos in its list
 * @pos:	a structure on the list
 * @member:	name of its list_head member
 */
#define list_prev_entry(pos, member) \
	list_entry((pos)->member.prev, typeof(*(pos)), member)

/**
 * list_prev_entry_circular - list_prev_entry(), wrapping from the first to the last
 * @pos:	a structure on the list
 * @head:	address of the list head
 * @member:	name of its list_head member
 */
#define list_prev_entry_circular(pos, head, member) \
	(list_is_first(&(pos)->member, head) ? \
	list_last_entry(head, typeof(*(pos)), member) : list_prev_entry(pos, member))

/* Walks the list_head entries of @head with @pos. */
#define list_for_each(pos, head) \
	for (pos = (head)->next; !list_is_head(pos, (head)); pos = pos->next)

/* Walks on from the entry after @pos. */
#define list_for_each_continue(pos, head) \
	for (pos = pos->next; !list_is_head(pos, (head)); pos = pos->next)

/* Walks the list_head entries of @head backwards. */
#define list_for_each_prev(pos, head) \
	for (pos = (head)->prev; !list_is_head(pos, (head)); pos = pos->prev)

/* Walks the list_head entries, @pos may be removed (@n holds the next one). */
#define list_for_each_safe(pos, n, head) \
	for (pos = (head)->next, n = pos->next; \
	     !list_is_head(pos, (head)); \
	     pos = n, n = pos->next)

/* Walks backwards, @pos may be removed (@n holds the previous one). */
#define list_for_each_prev_safe(pos, n, head) \
	for (pos = (head)->prev, n = pos->prev; \
	     !list_is_head(pos, (head)); \
	     pos = n, n = pos->prev)

/**
 * list_count_nodes - count the entries of a list
 * @head: the list head
 */
static inline size_t list_count_nodes(struct list_head *head)
{
	struct list_head *pos;
	size_t count = 0;

	list_for_each(pos, head)
		count++;

	return count;
}

/**
 * list_entry_is_head - whether the structure @pos is really the list head
 * @pos:	the structure (as computed from a list_head by container_of()).
 * @head:	address of the list head
 * @member:	name of its list_head member
 */
#define list_entry_is_head(pos, head, member) \
	list_is_head(&pos->member, (head))

/* Walks the structures of @head with @pos. */
#define list_for_each_entry(pos, head, member)				\
	for (pos = list_first_entry(head, typeof(*pos), member);	\
	     !list_entry_is_head(pos, head, member);			\
	     pos = list_next_entry(pos, member))

/* Walks the structures of @head backwards. */
#define list_for_each_entry_reverse(pos, head, member)			\
	for (pos = list_last_entry(head, typeof(*pos), member);		\
	     !list_entry_is_head(pos, head, member);			\
	     pos = list_prev_entry(pos, member))

/* Gives @pos a value usable by list_for_each_entry_continue(): @pos itself, or the head. */
#define list_prepare_entry(pos, head, member) \
	((pos) ? : list_entry(head, typeof(*pos), member))

/* Walks the structures after @pos. */
#define list_for_each_entry_continue(pos, head, member)		\
	for (pos = list_next_entry(pos, member);			\
	     !list_entry_is_head(pos, head, member);			\
	     pos = list_next_entry(pos, member))

/* Walks backwards the structures before @pos. */
#define list_for_each_entry_continue_reverse(pos, head, member)	\
	for (pos = list_prev_entry(pos, member);			\
	     !list_entry_is_head(pos, head, member);			\
	     pos = list_prev_entry(pos, member))

/* Walks the structures from @pos (included). */
#define list_for_each_entry_from(pos, head, member)			\
	for (; !list_entry_is_head(pos, head, member);			\
	     pos = list_next_entry(pos, member))

/* Walks backwards the structures from @pos (included). */
#define list_for_each_entry_from_reverse(pos, head, member)		\
	for (; !list_entry_is_head(pos, head, member);			\
	     pos = list_prev_entry(pos, member))

/* Walks the structures of @head, @pos may be removed (@n holds the next one). */
#define list_for_each_entry_safe(pos, n, head, member)			\
	for (pos = list_first_entry(head, typeof(*pos), member),	\
		n = list_next_entry(pos, member);			\
	     !list_entry_is_head(pos, head, member);			\
	     pos = n, n = list_next_entry(n, member))

/* list_for_each_entry_safe() starting after @pos. */
#define list_for_each_entry_safe_continue(pos, n, head, member)		\
	for (pos = list_next_entry(pos, member),				\
		n = list_next_entry(pos, member);				\
	     !list_entry_is_head(pos, head, member);				\
	     pos = n, n = list_next_entry(n, member))

/* list_for_each_entry_safe() starting at @pos (included). */
#define list_for_each_entry_safe_from(pos, n, head, member)			\
	for (n = list_next_entry(pos, member);					\
	     !list_entry_is_head(pos, head, member);				\
	     pos = n, n = list_next_entry(n, member))

/* list_for_each_entry_safe() backwards. */
#define list_for_each_entry_safe_reverse(pos, n, head, member)		\
	for (pos = list_last_entry(head, typeof(*pos), member),		\
		n = list_prev_entry(pos, member);			\
	     !list_entry_is_head(pos, head, member);			\
	     pos = n, n = list_prev_entry(n, member))

/**
 * list_safe_reset_next - refresh the lookahead cursor of a _safe walk
 * @pos:	the loop cursor of the walk.
 * @n:		the lookahead cursor to refresh.
 * @member:	name of its list_head member
 *
 * For walks that drop the list lock in the loop body: once it is retaken and @pos is
 * known to be still on the list, @n may be stale and must be reloaded.
 */
#define list_safe_reset_next(pos, n, member)				\
	n = list_next_entry(pos, member)

/*
 * hlist: doubly linked lists with a single-pointer head, for hash tables. The tail is
 * not reachable in O(1).
 */

#define HLIST_HEAD_INIT { .first = NULL }
#define HLIST_HEAD(name) struct hlist_head name = {  .first = NULL }
#define INIT_HLIST_HEAD(ptr) ((ptr)->first = NULL)

static inline void INIT_HLIST_NODE(struct hlist_node *h)
{
	h->next = NULL;
	h->pprev = NULL;
}

/**
 * hlist_unhashed - whether a node is on no hlist (initialised or hlist_del_init()ed)
 * @h: the node
 */
static inline int hlist_unhashed(const struct hlist_node *h)
{
	return !h->pprev;
}

/**
 * hlist_unhashed_lockless - hlist_unhashed() for callers not holding the list lock
 * @h: the node
 */
static inline int hlist_unhashed_lockless(const struct hlist_node *h)
{
	return !READ_ONCE(h->pprev);
}

/**
 * hlist_empty - whether an hlist has no node
 * @h: the hlist head
 */
static inline int hlist_empty(const struct hlist_head *h)
{
	return !READ_ONCE(h->first);
}

static inline void __hlist_del(struct hlist_node *n)
{
	struct hlist_node *next = n->next;
	struct hlist_node **pprev = n->pprev;

	WRITE_ONCE(*pprev, next);
	if (next)
		WRITE_ONCE(next->pprev, pprev);
}

/**
 * hlist_del - unlink a node from its hlist, leaving it poisoned
 * @n: the node (must be hashed)
 */
static inline void hlist_del(struct hlist_node *n)
{
	__hlist_del(n);
	n->next = LIST_POISON1;
	n->pprev = LIST_POISON2;
}

/**
 * hlist_del_init - unlink a node if it is hashed, and make it unhashed
 * @n: the node
 */
static inline void hlist_del_init(struct hlist_node *n)
{
	if (!hlist_unhashed(n)) {
		__hlist_del(n);
		INIT_HLIST_NODE(n);
	}
}

/**
 * hlist_add_head - insert a node at the front of an hlist
 * @n: the node to insert
 * @h: the hlist head
 */
static inline void hlist_add_head(struct hlist_node *n, struct hlist_head *h)
{
	struct hlist_node *first = h->first;

	WRITE_ONCE(n->next, first);
	if (first)
		WRITE_ONCE(first->pprev, &n->next);
	WRITE_ONCE(h->first, n);
	WRITE_ONCE(n->pprev, &h->first);
}

/**
 * hlist_add_before - insert a node before another one
 * @n: the node to insert
 * @next: the node (already hashed) to insert before
 */
static inline void hlist_add_before(struct hlist_node *n, struct hlist_node *next)
{
	WRITE_ONCE(n->pprev, next->pprev);
	WRITE_ONCE(n->next, next);
	WRITE_ONCE(next->pprev, &n->next);
	WRITE_ONCE(*(n->pprev), n);
}

/**
 * hlist_add_behind - insert a node after another one
 * @n: the node to insert
 * @prev: the node (already hashed) to insert after
 */
static inline void hlist_add_behind(struct hlist_node *n, struct hlist_node *prev)
{
	WRITE_ONCE(n->next, prev->next);
	WRITE_ONCE(prev->next, n);
	WRITE_ONCE(n->pprev, &prev->next);

	if (n->next)
		WRITE_ONCE(n->next->pprev, &n->next);
}

/**
 * hlist_add_fake - make a node look hashed while it is on no list
 * @n: the node; hlist_del() on it then does nothing harmful
 */
static inline void hlist_add_fake(struct hlist_node *n)
{
	n->pprev = &n->next;
}

/**
 * hlist_fake - whether a node was made hashed by hlist_add_fake()
 * @h: the node
 */
static inline bool hlist_fake(struct hlist_node *h)
{
	return h->pprev == &h->next;
}

/**
 * hlist_is_singular_node - whether @n is the only node of @h
 * @n: the node
 * @h: the hlist head
 *
 * Does not need to dereference @h->first, hence safe on a cache-cold head.
 */
static inline bool hlist_is_singular_node(struct hlist_node *n, struct hlist_head *h)
{
	return !n->next && n->pprev == &h->first;
}

/**
 * hlist_move_list - move every node of @old to @new, leaving @old empty
 * @old: the hlist head to empty
 * @new: the hlist head receiving the nodes (its previous nodes are forgotten)
 */
static inline void hlist_move_list(struct hlist_head *old, struct hlist_head *new)
{
	new->first = old->first;
	if (new->first)
		new->first->pprev = &new->first;
	old->first = NULL;
}

#define hlist_entry(ptr, type, member) container_of(ptr, type, member)

#define hlist_for_each(pos, head) \
	for (pos = (head)->first; pos ; pos = pos->next)

#define hlist_for_each_safe(pos, n, head) \
	for (pos = (head)->first; pos && ({ n = pos->next; 1; }); \
	     pos = n)

#define hlist_entry_safe(ptr, type, member) \
	({ typeof(ptr) ____ptr = (ptr); \
	   ____ptr ? hlist_entry(____ptr, type, member) : NULL; \
	})

/* Walks the structures of an hlist with @pos. */
#define hlist_for_each_entry(pos, head, member)				\
	for (pos = hlist_entry_safe((head)->first, typeof(*(pos)), member);\
	     pos;							\
	     pos = hlist_entry_safe((pos)->member.next, typeof(*(pos)), member))

/* Walks the structures after @pos. */
#define hlist_for_each_entry_continue(pos, member)			\
	for (pos = hlist_entry_safe((pos)->member.next, typeof(*(pos)), member);\
	     pos;							\
	     pos = hlist_entry_safe((pos)->member.next, typeof(*(pos)), member))

/* Walks the structures from @pos (included). */
#define hlist_for_each_entry_from(pos, member)				\
	for (; pos;							\
	     pos = hlist_entry_safe((pos)->member.next, typeof(*(pos)), member))

/* Walks the structures, @pos may be removed (@n is a struct hlist_node * cursor). */
#define hlist_for_each_entry_safe(pos, n, head, member)		\
	for (pos = hlist_entry_safe((head)->first, typeof(*pos), member);\
	     pos && ({ n = pos->member.next; 1; });			\
	     pos = hlist_entry_safe(n, typeof(*pos), member))

#endif /* _EVLSIM_LINUX_LIST_H */
