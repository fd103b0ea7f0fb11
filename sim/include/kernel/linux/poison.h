/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/poison.h, with x86_64's
 * CONFIG_ILLEGAL_POINTER_VALUE (0xdead000000000000) as the poison delta: the poison
 * pointers are non-canonical addresses, so dereferencing one (a list_del()ed entry used
 * again) faults at once in the simulator as on the real kernel.
 */
#ifndef _EVLSIM_LINUX_POISON_H
#define _EVLSIM_LINUX_POISON_H

#define POISON_POINTER_DELTA	0xdead000000000000UL

/* Non-NULL pointers that fault when dereferenced, left in deleted list entries. */
#define LIST_POISON1		((void *)(0x100 + POISON_POINTER_DELTA))
#define LIST_POISON2		((void *)(0x122 + POISON_POINTER_DELTA))

/* A timer that was never armed. */
#define TIMER_ENTRY_STATIC	((void *)(0x300 + POISON_POINTER_DELTA))

/* Slab poisoning and red zones. */
#define POISON_INUSE		0x5a	/* for use-uninitialised poisoning */
#define POISON_FREE		0x6b	/* for use-after-free poisoning */
#define POISON_END		0xa5	/* end-byte of poisoning */
#define SLUB_RED_INACTIVE	0xbb
#define SLUB_RED_ACTIVE		0xcc

/* Freed init memory. */
#define POISON_FREE_INITMEM	0xcc

/* Debug mutexes. */
#define MUTEX_DEBUG_INIT	0x11
#define MUTEX_DEBUG_FREE	0x22

#endif /* _EVLSIM_LINUX_POISON_H */
