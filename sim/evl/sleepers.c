// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * EVL threads sleeping on wait channels inside freed driver memory (kernel world), for
 * the memory check (check/memcheck.c, docs/debugging.md "Memory"): the channels they
 * still sleep on in a block being freed are named to the check, which leaves them
 * unpoisoned, and after a use-after-free report they are woken with -EIDRM so that they
 * leave rather than sleep for ever on a wait queue nobody can reach.
 */
#include <linux/kernel.h>
#include <evl/thread.h>
#include <evl/wait.h>
#include "kinternal.h"

struct in_block {
	unsigned long start, end;
	void (*keep)(void *obj, unsigned long len, void *arg);
	void *arg;
	int reason;			/* 0: name the channels; else wake with it */
};

static int sleeper_in_block(struct evlsim_thread *t, void *arg)
{
	struct in_block *b = arg;
	struct evl_wait_channel *wchan;
	struct evl_thread *thread;
	unsigned long flags;

	if (!__atomic_load_n(&t->evl_thread_ready, __ATOMIC_ACQUIRE) && !t->evl_thread_ext)
		return 0;
	thread = t->evl_thread_ext ?: (struct evl_thread *)t->evl_thread;
	wchan = READ_ONCE(thread->wchan);
	if (!wchan || (unsigned long)wchan < b->start || (unsigned long)wchan >= b->end)
		return 0;
	evlsim__unchecked_begin();
	/* under the channel's lock: ordered after what the sleeper did under it */
	raw_spin_lock_irqsave(&wchan->lock, flags);
	if (!b->reason) {
		if (thread->wchan == wchan)
			b->keep(wchan, sizeof(*wchan), b->arg);
	} else if (thread->wchan == wchan) {
		list_del_init(&thread->wait_next);
		WRITE_ONCE(thread->wchan, NULL);
		thread->info |= b->reason;
		WRITE_ONCE(thread->state, READ_ONCE(thread->state) & ~EVL_T_PEND);
		evlsim__wake(t);
	}
	raw_spin_unlock_irqrestore(&wchan->lock, flags);
	evlsim__unchecked_end();
	return 0;
}

/* memcheck's keep hook: the channels EVL threads still sleep on in a block being freed */
static void keep_channels(void *start, unsigned long size,
			  void (*keep)(void *obj, unsigned long len, void *arg), void *arg)
{
	struct in_block b = { (unsigned long)start, (unsigned long)start + size, keep, arg, 0 };

	evlsim__for_each_thread(sleeper_in_block, &b);
}

/**
 * evlsim__evl_flush_block - wake the EVL threads sleeping on a channel in freed memory
 * @start: the freed block
 * @size: its size
 *
 * After a use-after-free report, so that those threads leave (-EIDRM) instead of sleeping
 * forever on a wait queue nobody can reach any more.
 */
void evlsim__evl_flush_block(void *start, unsigned long size)
{
	struct in_block b = { (unsigned long)start, (unsigned long)start + size, NULL, NULL,
			      EVL_T_RMID };

	evlsim__for_each_thread(sleeper_in_block, &b);
}

static __attribute__((constructor)) void memcheck_hook_init(void)
{
	evlsim__mem_set_keep_hook(keep_channels);
}
