// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The out-of-band side of files (kernel world), after kernel/evl/file.c ("Design B"):
 * evl_open_file() marks a file oob-capable, evl_get_file() resolves an fd to its evl_file
 * and takes a crossing reference, evl_release_file() waits until every oob operation in
 * flight on the file has dropped its reference.
 *
 * The oob syscall path itself does not take a crossing reference: it publishes the file
 * in the caller's thread state (evlsim__oob_file_probe()), and evl_release_file() also
 * waits until no thread state names the file. Same semantics, no shared counter to
 * bounce between CPUs when several threads work on one file.
 *
 * evl_get_file() (the driver-facing call) runs under RCU and touches no reference of the
 * struct file itself: the fd slot holds one, and the final fput() waits for a grace
 * period before ->release, so a lookup that found the file has taken its crossing
 * reference before evl_release_file() can start waiting, and a lookup that did not find
 * it never will.
 */
#include <linux/fs.h>
#include <evl/file.h>
#include <evl/poll.h>
#include "kinternal.h"

static void crossing_work(struct irq_work *work)
{
	struct evl_crossing *crossing = container_of(work, struct evl_crossing, oob_work);

	complete(&crossing->oob_done);
}

void evlsim__crossing_init(struct evl_crossing *crossing)
{
	atomic_set(&crossing->oob_refs, 1);
	init_completion(&crossing->oob_done);
	init_irq_work(&crossing->oob_work, crossing_work);
}

/* the crossing's own completion: evl_up_crossing() runs at any stage */
void evlsim__crossing_complete(struct evl_crossing *crossing)
{
	evlsim__unchecked_begin();
	complete(&crossing->oob_done);
	evlsim__unchecked_end();
}

void evlsim__crossing_wait(struct evl_crossing *crossing)
{
	evlsim__unchecked_begin();
	wait_for_completion(&crossing->oob_done);
	evlsim__unchecked_end();
}

/**
 * evl_open_file - make a file oob-capable
 * @efilp: the evl_file, which must live as long as @filp (usually embedded in the
 *	driver's per-open context)
 * @filp: the file being opened
 *
 * Never blocks. Returns 0.
 */
int evl_open_file(struct evl_file *efilp, struct file *filp)
{
	evlsim__check_service(EVLSIM_SVC_evl_open_file);
	efilp->filp = filp;
	evl_init_crossing(&efilp->crossing);
	INIT_LIST_HEAD(&efilp->watchpoints);
	efilp->lock = (hard_spinlock_t)__HARD_SPIN_LOCK_INITIALIZER(efilp->lock);
	__atomic_store_n(&filp->f_oob_state.data, efilp, __ATOMIC_RELEASE);
	return 0;
}

/**
 * evl_release_file - drop the oob side of a file, waiting for oob callers to leave
 * @efilp: the evl_file passed to evl_open_file()
 *
 * Must be called from ->release (in-band), after the driver woke every thread sleeping
 * in its oob handlers and before it frees the memory holding @efilp. Returns when no oob
 * operation is in flight on the file any more.
 */
/*
 * ->release freed the memory holding @efilp before calling us (reported): whoever still
 * sleeps on a wait channel in that block is woken (-EIDRM) and the oob callers of the
 * file being released are waited for, without reading the freed evl_file.
 */
static void release_freed(struct evl_file *efilp)
{
	struct file *filp = evlsim__releasing_file;
	unsigned long size;
	void *start;

	if (evlsim__mem_block(efilp, &start, &size))
		evlsim__evl_flush_block(start, size);
	if (!filp || __atomic_load_n(&filp->f_oob_state.data, __ATOMIC_ACQUIRE) != efilp)
		return;
	evlsim__oob_file_drain(filp);
	__atomic_store_n(&filp->f_oob_state.data, NULL, __ATOMIC_RELEASE);
}

void evl_release_file(struct evl_file *efilp)
{
	evlsim__check_service(EVLSIM_SVC_evl_release_file);
	if (unlikely(evlsim__mem_freed(efilp, "evl_release_file", __builtin_return_address(0)))) {
		release_freed(efilp);
		return;
	}
	evl_release_watchers(efilp);		/* pollers of the file get POLLNVAL */
	evlsim__sched_point(EVLSIM_SP_RELEASE);
	evl_pass_crossing(&efilp->crossing);
	evlsim__oob_file_drain(efilp->filp);
	__atomic_store_n(&efilp->filp->f_oob_state.data, NULL, __ATOMIC_RELEASE);
}

/**
 * evl_get_file - resolve an fd of the calling process to its oob-capable file
 * @fd: the file descriptor
 *
 * Any stage. Returns the evl_file with a crossing reference held (drop it with
 * evl_put_file()), or NULL when @fd is not open or its file is not oob-capable.
 */
struct evl_file *evl_get_file(unsigned int fd)
{
	struct evl_file *efilp = NULL;
	struct file *filp;

	if (fd >= EVLSIM_NR_FDS)
		return NULL;

	evlsim__rcu_read_lock();
	filp = __atomic_load_n(&evlsim__fdt[fd], __ATOMIC_ACQUIRE);
	if (filp) {
		efilp = __atomic_load_n(&filp->f_oob_state.data, __ATOMIC_ACQUIRE);
		if (efilp)
			evl_get_fileref(efilp);
	}
	evlsim__rcu_read_unlock();

	return efilp;
}
