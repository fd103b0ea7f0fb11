// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * In-band poll(2)/select(2) on simulated files (kernel world), after fs/select.c.
 *
 * The user world (user/poll.c) runs the loop of do_poll()/do_select() over a call's
 * descriptors: the simulated ones are polled here, one pass at a time, the real ones by
 * the real ppoll(), which is also where the caller sleeps. A pass calls each file's
 * ->poll (vfs_poll(): DEFAULT_POLLMASK without one) with the call's poll table; a file
 * that is not open gives EPOLLNVAL. The first pass of a call that may wait registers a
 * wait entry on every wait queue the drivers name with poll_wait() (__pollwait(), which
 * takes a file reference, as the kernel's does); as in the kernel, a pass stops
 * registering once an entry is ready, and later passes run with a NULL _qproc. The wake
 * function of those entries (pollwake()) filters on the wake-up key, as the kernel's
 * does, then writes to the eventfd of the polling thread: the real ppoll() the thread
 * sleeps in returns, and the next pass reads the new state. The entries are removed and
 * the file references dropped when the call ends (poll_freewait()).
 */
#include <linux/poll.h>
#include <linux/file.h>
#include "kinternal.h"

#define POLLIN_SET	(EPOLLRDNORM | EPOLLRDBAND | EPOLLIN | EPOLLHUP | EPOLLERR)
#define POLLOUT_SET	(EPOLLWRBAND | EPOLLWRNORM | EPOLLOUT | EPOLLERR)
#define POLLEX_SET	(EPOLLPRI)

static_assert(sizeof(struct pollfd) == sizeof(struct evlsim_pollfd));
static_assert(offsetof(struct pollfd, revents) == offsetof(struct evlsim_pollfd, revents));

/* Any wake-up with a key in the entry's set (or no key at all) kicks the poller. */
static int pollwake(wait_queue_entry_t *wait, unsigned int mode, int sync, void *key)
{
	struct poll_table_entry *entry = container_of(wait, struct poll_table_entry, wait);
	struct poll_wqueues *pwq = wait->private;

	if (key && !(key_to_poll(key) & entry->key))
		return 0;
	__atomic_store_n(&pwq->triggered, 1, __ATOMIC_RELEASE);
	evlsim__poll_kick(pwq->kick_fd);
	return 1;
}

/* Add a new entry: the _qproc of the call's poll table, run from poll_wait(). */
static void __pollwait(struct file *filp, wait_queue_head_t *wait_address, poll_table *p)
{
	struct poll_wqueues *pwq = container_of(p, struct poll_wqueues, pt);
	struct poll_table_entry *entry;

	if (pwq->nr_entries == pwq->max_entries) {
		struct poll_table_entry **old = pwq->entries;
		int max = pwq->max_entries ? pwq->max_entries * 2 : 8;

		pwq->entries = evlsim__malloc(max * sizeof(*pwq->entries));
		if (old)
			memcpy(pwq->entries, old, pwq->nr_entries * sizeof(*old));
		evlsim__free(old);
		pwq->max_entries = max;
	}
	entry = evlsim__malloc(sizeof(*entry));
	entry->filp = get_file(filp);
	entry->wait_address = wait_address;
	entry->key = p->_key;
	init_waitqueue_func_entry(&entry->wait, pollwake);
	entry->wait.private = pwq;
	add_wait_queue(wait_address, &entry->wait);
	pwq->entries[pwq->nr_entries++] = entry;
}

/**
 * poll_initwait - initialise the state of one poll/select call
 * @pwq: the state; its kick_fd must be set by the caller
 */
void poll_initwait(struct poll_wqueues *pwq)
{
	init_poll_funcptr(&pwq->pt, __pollwait);
	pwq->polling_task = current;
	pwq->triggered = 0;
	pwq->error = 0;
	pwq->entries = NULL;
	pwq->nr_entries = 0;
	pwq->max_entries = 0;
}

/**
 * poll_freewait - remove every entry of the call from its wait queue
 * @pwq: the state of the call
 *
 * After it, no wake function of the call runs any more (each removal takes the queue
 * lock a waker holds), and the files the entries referenced may be released.
 */
void poll_freewait(struct poll_wqueues *pwq)
{
	struct poll_table_entry *entry;
	int i;

	for (i = 0; i < pwq->nr_entries; i++) {
		entry = pwq->entries[i];
		remove_wait_queue(entry->wait_address, &entry->wait);
		fput(entry->filp);
		evlsim__free(entry);
	}
	evlsim__free(pwq->entries);
	pwq->entries = NULL;
	pwq->nr_entries = pwq->max_entries = 0;
}

/**
 * evlsim__poll_begin - start a poll/select call on simulated files
 * @kick_fd: the polling thread's eventfd, written to by the call's wake-ups
 * @may_wait: 0 for a call with a zero timeout, which registers nothing
 */
struct poll_wqueues *evlsim__poll_begin(int kick_fd, int may_wait)
{
	struct poll_wqueues *pwq = evlsim__malloc(sizeof(*pwq));

	poll_initwait(pwq);
	pwq->kick_fd = kick_fd;
	if (!may_wait)
		pwq->pt._qproc = NULL;
	return pwq;
}

/* select(2)'s key for the sets the fd is in (POLLIN: read, POLLOUT: write). */
static __poll_t select_key(short sets)
{
	return POLLEX_SET | ((sets & POLLIN) ? POLLIN_SET : 0) |
	       ((sets & POLLOUT) ? POLLOUT_SET : 0);
}

/* Whether @mask makes the fd ready for the sets it is in (POLLPRI: except). */
static bool select_ready(short sets, __poll_t mask)
{
	return ((sets & POLLIN) && (mask & POLLIN_SET)) ||
	       ((sets & POLLOUT) && (mask & POLLOUT_SET)) ||
	       ((sets & POLLPRI) && (mask & POLLEX_SET));
}

/* do_pollfd() (select_poll_one() for select): the fd's mask, also in ->revents. */
static __poll_t do_pollfd(struct evlsim_pollfd *pollfd, poll_table *pwait, int flags)
{
	__poll_t mask = 0, filter;
	struct file *f;

	if (pollfd->fd < 0)
		goto out;
	mask = EPOLLNVAL;
	f = fget(pollfd->fd);
	if (!f)
		goto out;
	if (flags & EVLSIM_POLL_SELECT) {
		pwait->_key = select_key(pollfd->events);
		mask = EVLSIM_SCHED_HANDLER(vfs_poll(f, pwait));
	} else {
		/* userland u16 ->events contains POLL... bitmap */
		filter = demangle_poll(pollfd->events) | EPOLLERR | EPOLLHUP;
		pwait->_key = filter;
		mask = EVLSIM_SCHED_HANDLER(vfs_poll(f, pwait)) & filter;
	}
	fput(f);
out:
	pollfd->revents = mangle_poll(mask);
	return mask;
}

/**
 * evlsim__poll_scan - one pass over the simulated descriptors of a call
 * @pwq: the call
 * @fds: the descriptors; ->revents is set for each
 * @n: how many
 * @flags: EVLSIM_POLL_SELECT for select(2) (->events holds POLLIN, POLLOUT and POLLPRI for
 *	   the read, write and except sets the fd is in; ->revents gets the raw mask)
 *
 * Returns the number of descriptors ready. The first pass registers the poller on the
 * drivers' wait queues until one is ready; later passes never do.
 */
int evlsim__poll_scan(struct poll_wqueues *pwq, struct evlsim_pollfd *fds, unsigned int n,
		      int flags)
{
	poll_table *pt = &pwq->pt;
	unsigned int i;
	__poll_t mask;
	int count = 0;

	for (i = 0; i < n; i++) {
		mask = do_pollfd(&fds[i], pt, flags);
		if ((flags & EVLSIM_POLL_SELECT) ? select_ready(fds[i].events, mask) : !!mask) {
			count++;
			pt->_qproc = NULL;
		}
	}
	/*
	 * All waiters have already been registered, so don't provide a poll table to them
	 * on the next loop iteration.
	 */
	pt->_qproc = NULL;
	return count;
}

/**
 * evlsim__poll_end - end a call: unregister its wait entries, free it
 * @pwq: the call
 *
 * Returns 1 if a wake function kicked the eventfd since the call began (the caller then
 * drains it), 0 otherwise.
 */
int evlsim__poll_end(struct poll_wqueues *pwq)
{
	int triggered;

	poll_freewait(pwq);
	triggered = __atomic_load_n(&pwq->triggered, __ATOMIC_ACQUIRE);
	evlsim__free(pwq);
	return triggered;
}
