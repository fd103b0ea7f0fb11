/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/poll.h for ->poll implementations:
 * poll_table with the kernel's _qproc/_key, poll_wait(), poll_does_not_wait(),
 * poll_requested_events(), vfs_poll() and DEFAULT_POLLMASK, mangle_poll()/demangle_poll().
 *
 * Custom: struct poll_wqueues (the state of one poll(2)/select(2) call, sim/vfs/select.c)
 * keeps its entries in one growing array and names the polling thread's eventfd, which
 * its wait entries kick; there is no in-kernel core_sys_select()/do_sys_poll() API.
 */
#ifndef _EVLSIM_LINUX_POLL_H
#define _EVLSIM_LINUX_POLL_H

#include <linux/compiler.h>
#include <linux/ktime.h>
#include <linux/wait.h>
#include <linux/string.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include <uapi/linux/poll.h>
#include <uapi/linux/eventpoll.h>

#define DEFAULT_POLLMASK (EPOLLIN | EPOLLOUT | EPOLLRDNORM | EPOLLWRNORM)

struct poll_table_struct;

/*
 * structures and helpers for f_op->poll implementations
 */
typedef void (*poll_queue_proc)(struct file *, wait_queue_head_t *,
				struct poll_table_struct *);

/*
 * Do not touch the structure directly, use the access functions poll_does_not_wait() and
 * poll_requested_events() instead.
 */
typedef struct poll_table_struct {
	poll_queue_proc _qproc;
	__poll_t _key;
} poll_table;

/**
 * poll_wait - register the poller on a wait queue of the file (from ->poll)
 * @filp: the file being polled
 * @wait_address: the wait queue a wake_up*() will signal readiness changes on
 * @p: the poll table ->poll was given (NULL, or no _qproc: nothing to register)
 */
static inline void poll_wait(struct file *filp, wait_queue_head_t *wait_address, poll_table *p)
{
	if (p && p->_qproc) {
		p->_qproc(filp, wait_address, p);
		/*
		 * This memory barrier is paired in the wq_has_sleeper(). See the comment above
		 * prepare_to_wait(), we need to ensure that subsequent tests in this thread
		 * can't be reordered with __add_wait_queue() in _qproc() paths.
		 */
		smp_mb();
	}
}

/*
 * Return true if it is guaranteed that poll will not wait. This is the case if the poll
 * is non-blocking or if the poll table has already been populated.
 */
static inline bool poll_does_not_wait(const poll_table *p)
{
	return p == NULL || p->_qproc == NULL;
}

/*
 * Return the set of events that the application wants to poll for. This is useful for
 * drivers that need to know whether a DMA transfer has to be started implicitly on
 * poll(). You typically only want to do that if the application really polls for
 * POLLIN|POLLRDNORM.
 */
static inline __poll_t poll_requested_events(const poll_table *p)
{
	return p ? p->_key : ~(__poll_t)0;
}

static inline void init_poll_funcptr(poll_table *pt, poll_queue_proc qproc)
{
	pt->_qproc = qproc;
	pt->_key   = ~(__poll_t)0; /* all events enabled */
}

static inline bool file_can_poll(struct file *file)
{
	return file->f_op->poll;
}

static inline __poll_t vfs_poll(struct file *file, struct poll_table_struct *pt)
{
	if (unlikely(!file->f_op->poll))
		return DEFAULT_POLLMASK;
	return file->f_op->poll(file, pt);
}

struct poll_table_entry {
	struct file *filp;
	__poll_t key;
	wait_queue_entry_t wait;
	wait_queue_head_t *wait_address;
};

/*
 * Structures and helpers for select/poll syscall
 */
struct poll_wqueues {
	poll_table pt;
	struct poll_table_entry **entries;	/* evlsim: registered entries */
	int nr_entries, max_entries;
	void *polling_task;			/* the polling thread */
	int kick_fd;				/* evlsim: its eventfd, kicked by pollwake() */
	int triggered;
	int error;
};

void poll_initwait(struct poll_wqueues *pwq) __evlsim_ksym(poll_initwait);
void poll_freewait(struct poll_wqueues *pwq) __evlsim_ksym(poll_freewait);

#define __MAP(v, from, to) \
	(from < to ? (v & from) * (to/from) : (v & from) / (from/to))

static inline __u16 mangle_poll(__poll_t val)
{
	__u16 v = (__force __u16)val;
#define M(X) __MAP(v, (__force __u16)EPOLL##X, POLL##X)
	return M(IN) | M(OUT) | M(PRI) | M(ERR) | M(NVAL) |
		M(RDNORM) | M(RDBAND) | M(WRNORM) | M(WRBAND) |
		M(HUP) | M(RDHUP) | M(MSG);
#undef M
}

static inline __poll_t demangle_poll(u16 val)
{
#define M(X) (__force __poll_t)__MAP(val, POLL##X, (__force __u16)EPOLL##X)
	return M(IN) | M(OUT) | M(PRI) | M(ERR) | M(NVAL) |
		M(RDNORM) | M(RDBAND) | M(WRNORM) | M(WRBAND) |
		M(HUP) | M(RDHUP) | M(MSG);
#undef M
}
#undef __MAP

#endif
