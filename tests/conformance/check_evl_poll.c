// SPDX-License-Identifier: MIT
/*
 * check_evl_poll: the out-of-band poll group (spec 5.8, 6.5, 7 and item 7 of section 8),
 * through libevl's evl_*poll*() calls and raw oob_ioctl() requests, against the
 * tpollsrc test driver (tests/drivers/tpollsrc.c).
 *
 * Proves every code of EVL_POLIOC_CTL (ADD: -EBADF, -ELOOP for a group polling itself,
 * a cycle and a nesting depth of POLLER_NEST_MAX, -EEXIST; DEL/MOD: -ENOENT; other
 * action: -EINVAL) and of EVL_POLIOC_WAIT (-EFAULT, -EINVAL for tv_nsec, nrset < 0 and an
 * empty group, 0 for nrset == 0, -EBADF for a stale fd, -EAGAIN with O_NONBLOCK,
 * -ETIMEDOUT at an absolute date, -EIDRM when the group is closed under a waiter, nrset
 * overwritten with the count); the readiness rules (events_polled | POLLNVAL, POLLERR and
 * POLLHUP always polled, the default mask without ->oob_poll, pollval passed through);
 * wake-ups (one poller per event bit, POLLNVAL when a polled file is released, the
 * 4-head limit of a poller with its report, unwatch callbacks); nested groups.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <evl/evl.h>
#include <evlsim/evlsim.h>
#include "evlsim-check.h"
#include "../drivers/tpollsrc-abi.h"

#define TPS_NODE	"/dev/tpollsrc"
#define TPS_NOPOLL	"/dev/tpollsrc-nopoll"
#define TDRV_INBAND	"/dev/tdrv-inband"
#define POLL_NODE	"/dev/evl/poll"

#define MS		1000000LL
/* how long a poller that must not be woken waits */
#define QUIET_MS	150

/* ---- helpers ------------------------------------------------------------------------- */

static int attach_count;

static int new_poll(void)
{
	int gfd = evl_new_poll();

	ck_assert_msg(gfd >= 0, "evl_new_poll: %s", strerror(-gfd));
	return gfd;
}

static union evl_value intval(long long v)
{
	return (union evl_value){ .lval = v };
}

static void add_fd(int gfd, int fd, unsigned int events, long long pollval)
{
	ck_assert_ret(evl_add_pollfd(gfd, fd, events, intval(pollval)), 0);
}

static void set_ready(int fd, unsigned int mask)
{
	ck_assert_call(ioctl(fd, TPS_IOC_SET_READY, (unsigned long)mask), 0);
}

static void signal_head(int fd, unsigned int head, unsigned int events)
{
	struct tps_signal s = { .head = head, .events = events };

	ck_assert_call(ioctl(fd, TPS_IOC_SIGNAL, &s), 0);
}

static void set_watch(int fd, unsigned int nr_heads, bool dup)
{
	struct tps_watch w = { .nr_heads = nr_heads, .dup = dup };

	ck_assert_call(ioctl(fd, TPS_IOC_SET_WATCH, &w), 0);
}

static int watchers(int fd, unsigned int head)
{
	return ioctl(fd, TPS_IOC_WATCHERS, (unsigned long)head);
}

static int unwatched(int fd)
{
	return ioctl(fd, TPS_IOC_UNWATCHED, 0UL);
}

/* Waits until @n pollers are connected to @head of the file open on @fd. */
static void wait_watchers(int fd, unsigned int head, int n)
{
	int i, r = -1;

	for (i = 0; i < 10000; i++) {
		r = watchers(fd, head);
		if (r == n)
			return;
		usleep(1000);
	}
	ck_abort_msg("head %u: %d watchers, expected %d", head, r, n);
}

/* The absolute CLOCK_MONOTONIC date @ms from now. */
static struct timespec date_in(long long ms)
{
	long long t = now_ns() + ms * MS;

	return (struct timespec){ .tv_sec = t / 1000000000LL, .tv_nsec = t % 1000000000LL };
}

static void assert_event(const struct evl_poll_event *ev, int fd, unsigned int events,
			 long long pollval)
{
	ck_assert_int_eq(ev->fd, fd);
	ck_assert_msg(ev->events == events, "fd %d: events %#x, expected %#x", fd,
		      ev->events, events);
	ck_assert_int_eq(ev->pollval.lval, pollval);
}

/* A thread attaching itself, then polling a group once. */
struct poller {
	pthread_t tid;
	int gfd;
	struct timespec timeout;	/* {0, 0}: no limit */
	int ret;
	struct evl_poll_event set[4];
};

static void *poller_fn(void *arg)
{
	struct poller *p = arg;
	int efd = evl_attach_self("poller:%d", __atomic_add_fetch(&attach_count, 1,
								  __ATOMIC_RELAXED));

	if (efd < 0) {
		p->ret = -10000 + efd;
		return NULL;
	}
	p->ret = evl_timedpoll(p->gfd, p->set, 4, &p->timeout);
	evl_detach_self();
	return NULL;
}

static void start_poller(struct poller *p, int gfd, long long timeout_ms)
{
	memset(p, 0, sizeof(*p));
	p->gfd = gfd;
	if (timeout_ms)
		p->timeout = date_in(timeout_ms);
	ck_assert_int_eq(pthread_create(&p->tid, NULL, poller_fn, p), 0);
}

static int join_poller(struct poller *p)
{
	ck_assert_int_eq(pthread_join(p->tid, NULL), 0);
	return p->ret;
}

/* Polls once with an EVL_POLIOC_WAIT request built by hand. */
static int raw_wait(int gfd, const struct timespec *ts, struct evl_poll_event *set, int nrset)
{
	struct __evl_timespec kts = { .tv_sec = ts->tv_sec, .tv_nsec = ts->tv_nsec };
	struct evl_poll_waitreq wreq = {
		.timeout_ptr = (__u64)(unsigned long)&kts,
		.pollset_ptr = (__u64)(unsigned long)set,
		.nrset = nrset,
	};
	int ret = oob_ioctl(gfd, EVL_POLIOC_WAIT, &wreq);

	return ret ? -errno : wreq.nrset;
}

/* ---- the group file ------------------------------------------------------------------ */

START_TEST(test_group_open)
{
	int gfd;

	attach();
	gfd = new_poll();
	ck_assert_int_eq(evlsim_is_sim_fd(gfd), 1);
	ck_assert_int_eq(fcntl(gfd, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
	ck_assert_int_eq(fcntl(gfd, F_GETFL) & O_ACCMODE, O_RDWR);
	close_fd(gfd);
	/* the node can be opened directly too */
	gfd = open_node(POLL_NODE, O_RDWR);
	close_fd(gfd);
}
END_TEST

/* No in-band ioctl: the requests only work through oob_ioctl(). */
START_TEST(test_group_inband_ioctl_enotty)
{
	struct evl_poll_ctlreq creq = { .action = EVL_POLL_CTLADD };
	int gfd, src;

	attach();
	gfd = new_poll();
	src = open_node(TPS_NODE, O_RDWR);
	creq.fd = src;
	ck_assert_fails(ioctl(gfd, EVL_POLIOC_CTL, &creq), ENOTTY);
	ck_assert_fails(ioctl(gfd, EVL_POLIOC_WAIT, &creq), ENOTTY);
	ck_assert_fails(oob_ioctl(gfd, _IO('p', 9)), ENOTTY);
	ck_assert_call(oob_ioctl(gfd, EVL_POLIOC_CTL, &creq), 0);
	close_fd(src);
	close_fd(gfd);
}
END_TEST

static void *unattached_fn(void *arg)
{
	int *ret = arg;

	ret[0] = evl_add_pollfd(ret[2], ret[3], POLLIN, evl_nil);
	ret[1] = evl_poll(ret[2], NULL, 1);
	return NULL;
}

/* Only EVL threads can use a group. */
START_TEST(test_group_unattached_eperm)
{
	int r[4];
	pthread_t tid;

	r[2] = new_poll();
	r[3] = open_node(TPS_NODE, O_RDWR);
	ck_assert_int_eq(pthread_create(&tid, NULL, unattached_fn, r), 0);
	ck_assert_int_eq(pthread_join(tid, NULL), 0);
	ck_assert_ret(r[0], -EPERM);
	ck_assert_ret(r[1], -EPERM);
	close_fd(r[3]);
	close_fd(r[2]);
}
END_TEST

/* ---- EVL_POLIOC_CTL ------------------------------------------------------------------ */

START_TEST(test_ctl_add_ebadf)
{
	int gfd, inband, pfd[2];

	attach();
	gfd = new_poll();
	ck_assert_ret(evl_add_pollfd(gfd, 777, POLLIN, evl_nil), -EBADF);
	ck_assert_ret(evl_add_pollfd(gfd, -1, POLLIN, evl_nil), -EBADF);
	/* a real file, a simulated file that is not oob-capable */
	ck_assert_call(pipe(pfd), 0);
	ck_assert_ret(evl_add_pollfd(gfd, pfd[0], POLLIN, evl_nil), -EBADF);
	inband = open_node(TDRV_INBAND, O_RDWR);
	ck_assert_ret(evl_add_pollfd(gfd, inband, POLLIN, evl_nil), -EBADF);
	/* nothing was added */
	ck_assert_ret(evl_poll(gfd, NULL, 1), -EINVAL);
	close_fd(inband);
	close_fd(pfd[0]);
	close_fd(pfd[1]);
	close_fd(gfd);
}
END_TEST

START_TEST(test_ctl_add_eexist)
{
	int gfd, src;

	attach();
	gfd = new_poll();
	src = open_node(TPS_NODE, O_RDWR);
	add_fd(gfd, src, POLLIN, 0);
	ck_assert_ret(evl_add_pollfd(gfd, src, POLLOUT, evl_nil), -EEXIST);
	ck_assert_ret(evl_del_pollfd(gfd, src), 0);
	add_fd(gfd, src, POLLOUT, 0);
	close_fd(src);
	close_fd(gfd);
}
END_TEST

START_TEST(test_ctl_del_mod_enoent)
{
	int gfd, src, other;

	attach();
	gfd = new_poll();
	src = open_node(TPS_NODE, O_RDWR);
	other = open_node(TPS_NODE, O_RDWR);
	ck_assert_ret(evl_del_pollfd(gfd, src), -ENOENT);
	ck_assert_ret(evl_mod_pollfd(gfd, src, POLLIN, evl_nil), -ENOENT);
	add_fd(gfd, src, POLLIN, 0);
	ck_assert_ret(evl_del_pollfd(gfd, other), -ENOENT);
	ck_assert_ret(evl_mod_pollfd(gfd, other, POLLIN, evl_nil), -ENOENT);
	ck_assert_ret(evl_mod_pollfd(gfd, src, POLLOUT, evl_nil), 0);
	ck_assert_ret(evl_del_pollfd(gfd, src), 0);
	ck_assert_ret(evl_del_pollfd(gfd, src), -ENOENT);
	ck_assert_ret(evl_mod_pollfd(gfd, src, POLLIN, evl_nil), -ENOENT);
	/* DEL and MOD do not care whether the fd is still open */
	add_fd(gfd, other, POLLIN, 0);
	close_fd(other);
	ck_assert_ret(evl_mod_pollfd(gfd, other, POLLOUT, evl_nil), 0);
	ck_assert_ret(evl_del_pollfd(gfd, other), 0);
	close_fd(src);
	close_fd(gfd);
}
END_TEST

START_TEST(test_ctl_bad_action_einval)
{
	struct evl_poll_ctlreq creq = { .action = 3 };
	int gfd, src;

	attach();
	gfd = new_poll();
	src = open_node(TPS_NODE, O_RDWR);
	creq.fd = src;
	ck_assert_fails(oob_ioctl(gfd, EVL_POLIOC_CTL, &creq), EINVAL);
	creq.action = ~0U;
	ck_assert_fails(oob_ioctl(gfd, EVL_POLIOC_CTL, &creq), EINVAL);
	ck_assert_fails(oob_ioctl(gfd, EVL_POLIOC_CTL, NULL), EFAULT);
	close_fd(src);
	close_fd(gfd);
}
END_TEST

START_TEST(test_ctl_add_self_eloop)
{
	int gfd;

	attach();
	gfd = new_poll();
	ck_assert_ret(evl_add_pollfd(gfd, gfd, POLLIN, evl_nil), -ELOOP);
	close_fd(gfd);
}
END_TEST

START_TEST(test_ctl_add_cycle_eloop)
{
	int g[3], i;

	attach();
	for (i = 0; i < 3; i++)
		g[i] = new_poll();
	add_fd(g[0], g[1], POLLIN, 0);
	add_fd(g[1], g[2], POLLIN, 0);
	ck_assert_ret(evl_add_pollfd(g[1], g[0], POLLIN, evl_nil), -ELOOP);
	ck_assert_ret(evl_add_pollfd(g[2], g[0], POLLIN, evl_nil), -ELOOP);
	ck_assert_ret(evl_add_pollfd(g[2], g[1], POLLIN, evl_nil), -ELOOP);
	/* once the path is cut, the same request is fine */
	ck_assert_ret(evl_del_pollfd(g[1], g[2]), 0);
	add_fd(g[2], g[0], POLLIN, 0);
	for (i = 0; i < 3; i++)
		close_fd(g[i]);
}
END_TEST

/*
 * POLLER_NEST_MAX (4): an item reached through 4 nested groups below the group it is
 * added to is refused. g1 > g2 > g3 > g4 > src is accepted; adding g1 to g0 would put
 * src at depth 4.
 */
START_TEST(test_ctl_add_nesting_eloop)
{
	int g[5], src, i;

	attach();
	for (i = 0; i < 5; i++)
		g[i] = new_poll();
	src = open_node(TPS_NODE, O_RDWR);
	/* four levels of groups, the innermost empty: accepted */
	for (i = 3; i >= 0; i--)
		add_fd(g[i], g[i + 1], POLLIN, 0);
	for (i = 0; i < 4; i++)
		ck_assert_ret(evl_del_pollfd(g[i], g[i + 1]), 0);
	/* the same chain with a file below the innermost group */
	add_fd(g[4], src, POLLIN, 0);
	for (i = 3; i >= 1; i--)
		add_fd(g[i], g[i + 1], POLLIN, 0);
	ck_assert_ret(evl_add_pollfd(g[0], g[1], POLLIN, evl_nil), -ELOOP);
	/* one level less is fine */
	add_fd(g[0], g[2], POLLIN, 0);
	close_fd(src);
	for (i = 0; i < 5; i++)
		close_fd(g[i]);
}
END_TEST

/* ---- EVL_POLIOC_WAIT: codes ---------------------------------------------------------- */

START_TEST(test_wait_efault)
{
	struct evl_poll_waitreq wreq = { .nrset = 1 };
	struct timespec forever = { 0, 0 };
	struct __evl_timespec kts = { 0, 0 };
	struct evl_poll_event set[1];
	int gfd, src;

	attach();
	gfd = new_poll();
	src = open_node(TPS_NODE, O_RDWR);
	add_fd(gfd, src, POLLIN, 0);
	set_ready(src, POLLIN);
	/* the request, its timeout, the event set */
	ck_assert_fails(oob_ioctl(gfd, EVL_POLIOC_WAIT, NULL), EFAULT);
	ck_assert_ret(evl_timedpoll(gfd, set, 1, NULL), -EFAULT);
	wreq.timeout_ptr = 8;
	wreq.pollset_ptr = (__u64)(unsigned long)set;
	ck_assert_fails(oob_ioctl(gfd, EVL_POLIOC_WAIT, &wreq), EFAULT);
	ck_assert_ret(evl_timedpoll(gfd, NULL, 1, &forever), -EFAULT);
	wreq.timeout_ptr = (__u64)(unsigned long)&kts;
	wreq.pollset_ptr = 16;
	ck_assert_fails(oob_ioctl(gfd, EVL_POLIOC_WAIT, &wreq), EFAULT);
	/* nothing ready: the set is not touched, a bad one is not noticed */
	set_ready(src, 0);
	ck_assert_call(fcntl(gfd, F_SETFL, O_NONBLOCK), 0);
	ck_assert_ret(evl_timedpoll(gfd, NULL, 1, &forever), -EAGAIN);
	close_fd(src);
	close_fd(gfd);
}
END_TEST

/* The count goes back in nrset: a read-only request fails with EFAULT. */
START_TEST(test_wait_nrset_written_back)
{
	struct evl_poll_event set[2];
	struct evl_poll_waitreq *wreq;
	struct __evl_timespec kts = { 0, 0 };
	int gfd, src;

	attach();
	gfd = new_poll();
	src = open_node(TPS_NODE, O_RDWR);
	add_fd(gfd, src, POLLIN, 5);
	set_ready(src, POLLIN);
	wreq = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ck_assert_ptr_ne(wreq, MAP_FAILED);
	wreq->timeout_ptr = (__u64)(unsigned long)&kts;
	wreq->pollset_ptr = (__u64)(unsigned long)set;
	wreq->nrset = 2;
	ck_assert_call(oob_ioctl(gfd, EVL_POLIOC_WAIT, wreq), 0);
	ck_assert_int_eq(wreq->nrset, 1);
	assert_event(&set[0], src, POLLIN, 5);
	wreq->nrset = 2;
	ck_assert_call(mprotect(wreq, 4096, PROT_READ), 0);
	memset(set, 0, sizeof(set));
	ck_assert_fails(oob_ioctl(gfd, EVL_POLIOC_WAIT, wreq), EFAULT);
	assert_event(&set[0], src, POLLIN, 5);	/* written before the count failed */
	ck_assert_call(munmap(wreq, 4096), 0);
	close_fd(src);
	close_fd(gfd);
}
END_TEST

START_TEST(test_wait_einval)
{
	struct evl_poll_event set[1];
	struct timespec ts = { 0, 1000000000 };
	int gfd, src;

	attach();
	gfd = new_poll();
	/* nrset == 0 returns 0 before the group is looked at, even when empty */
	ck_assert_ret(evl_poll(gfd, set, 0), 0);
	/* empty group */
	ck_assert_ret(evl_poll(gfd, set, 1), -EINVAL);
	src = open_node(TPS_NODE, O_RDWR);
	add_fd(gfd, src, POLLIN, 0);
	set_ready(src, POLLIN);
	ck_assert_ret(evl_poll(gfd, set, -1), -EINVAL);
	ck_assert_ret(evl_poll(gfd, set, 0), 0);
	ck_assert_ret(evl_timedpoll(gfd, set, 1, &ts), -EINVAL);
	ts.tv_nsec = -1;
	ck_assert_ret(evl_timedpoll(gfd, set, 1, &ts), -EINVAL);
	ts.tv_nsec = 999999999;
	ts.tv_sec = 0;
	ck_assert_ret(raw_wait(gfd, &ts, set, -5), -EINVAL);
	/* emptied again */
	ck_assert_ret(evl_del_pollfd(gfd, src), 0);
	ck_assert_ret(evl_poll(gfd, set, 1), -EINVAL);
	close_fd(src);
	close_fd(gfd);
}
END_TEST

/* An fd of the group was closed: the wait fails with EBADF. */
START_TEST(test_wait_stale_fd_ebadf)
{
	struct evl_poll_event set[2];
	int gfd, src, stale;

	attach();
	gfd = new_poll();
	src = open_node(TPS_NODE, O_RDWR);
	stale = open_node(TPS_NODE, O_RDWR);
	add_fd(gfd, src, POLLIN, 0);
	add_fd(gfd, stale, POLLIN, 0);
	close_fd(stale);
	set_ready(src, POLLIN);
	ck_assert_ret(evl_poll(gfd, set, 2), -EBADF);
	ck_assert_ret(evl_del_pollfd(gfd, stale), 0);
	ck_assert_ret(evl_poll(gfd, set, 2), 1);
	close_fd(src);
	close_fd(gfd);
}
END_TEST

START_TEST(test_wait_nonblock_eagain)
{
	struct evl_poll_event set[1];
	long long t0;
	int gfd, src;

	attach();
	gfd = new_poll();
	src = open_node(TPS_NODE, O_RDWR);
	add_fd(gfd, src, POLLIN, 0);
	ck_assert_call(fcntl(gfd, F_SETFL, O_NONBLOCK), 0);
	t0 = now_ns();
	ck_assert_ret(evl_poll(gfd, set, 1), -EAGAIN);
	ck_assert_ret(evl_timedpoll(gfd, set, 1, &(struct timespec){ 10, 0 }), -EAGAIN);
	ck_assert_int_lt(now_ns() - t0, 1000 * MS);
	/* a signal nobody watched is not latched */
	signal_head(src, 0, POLLIN);
	ck_assert_ret(evl_poll(gfd, set, 1), -EAGAIN);
	set_ready(src, POLLIN);
	ck_assert_ret(evl_poll(gfd, set, 1), 1);
	/* O_NONBLOCK on the polled file does not matter */
	ck_assert_call(fcntl(gfd, F_SETFL, 0), 0);
	ck_assert_call(fcntl(src, F_SETFL, O_NONBLOCK), 0);
	ck_assert_ret(evl_timedpoll(gfd, set, 1, &(struct timespec){ 1, 0 }), 1);
	close_fd(src);
	close_fd(gfd);
}
END_TEST

/* The timeout is an absolute CLOCK_MONOTONIC date. */
START_TEST(test_wait_timeout_absolute)
{
	struct evl_poll_event set[1];
	struct timespec ts;
	long long t0, dt;
	int gfd, src;

	attach();
	gfd = new_poll();
	src = open_node(TPS_NODE, O_RDWR);
	add_fd(gfd, src, POLLIN, 0);
	/* a date 50 ms ahead */
	ts = date_in(50);
	t0 = now_ns();
	ck_assert_ret(evl_timedpoll(gfd, set, 1, &ts), -ETIMEDOUT);
	dt = now_ns() - t0;
	ck_assert_msg(dt >= 45 * MS, "timed out after %lld ns", dt);
	/* {0, 50 ms} is a date long past, not a delay: no wait at all */
	t0 = now_ns();
	ck_assert_ret(evl_timedpoll(gfd, set, 1, &(struct timespec){ 0, 50 * MS }), -ETIMEDOUT);
	ck_assert_ret(evl_timedpoll(gfd, set, 1, &(struct timespec){ 1, 0 }), -ETIMEDOUT);
	ck_assert_int_lt(now_ns() - t0, 40 * MS);
	/* ready before the date: no timeout */
	set_ready(src, POLLIN);
	ts = date_in(-10);
	ck_assert_ret(evl_timedpoll(gfd, set, 1, &ts), 1);
	close_fd(src);
	close_fd(gfd);
}
END_TEST

/* {0, 0} waits for as long as it takes. */
START_TEST(test_wait_forever)
{
	struct poller p;
	int gfd, src;

	attach();
	gfd = new_poll();
	src = open_node(TPS_NODE, O_RDWR);
	add_fd(gfd, src, POLLIN, 42);
	start_poller(&p, gfd, 0);
	wait_watchers(src, 0, 1);
	usleep(QUIET_MS * 1000);
	ck_assert_int_eq(watchers(src, 0), 1);	/* still waiting */
	signal_head(src, 0, POLLIN);
	ck_assert_ret(join_poller(&p), 1);
	assert_event(&p.set[0], src, POLLIN, 42);
	ck_assert_int_eq(watchers(src, 0), 0);
	close_fd(src);
	close_fd(gfd);
}
END_TEST

/* Closing the group under a waiter wakes it with EIDRM; close() waits for it to leave. */
START_TEST(test_wait_group_closed_eidrm)
{
	struct poller p[2];
	int gfd, src, i;

	attach();
	gfd = new_poll();
	src = open_node(TPS_NODE, O_RDWR);
	add_fd(gfd, src, POLLIN, 0);
	start_poller(&p[0], gfd, 0);
	start_poller(&p[1], gfd, 10000);
	wait_watchers(src, 0, 2);
	close_fd(gfd);
	for (i = 0; i < 2; i++)
		ck_assert_ret(join_poller(&p[i]), -EIDRM);
	ck_assert_int_eq(watchers(src, 0), 0);
	close_fd(src);
}
END_TEST

/* ---- readiness ----------------------------------------------------------------------- */

START_TEST(test_ready_masked_pollval)
{
	struct evl_poll_event set[4];
	int gfd, src;

	attach();
	gfd = new_poll();
	src = open_node(TPS_NODE, O_RDWR);
	add_fd(gfd, src, POLLIN, 0x123456789abcdefLL);
	/* only what is polled */
	set_ready(src, POLLIN | POLLOUT | POLLPRI);
	ck_assert_ret(evl_poll(gfd, set, 4), 1);
	assert_event(&set[0], src, POLLIN, 0x123456789abcdefLL);
	/* POLLERR and POLLHUP are always polled */
	set_ready(src, POLLERR | POLLHUP | POLLOUT);
	ck_assert_ret(evl_poll(gfd, set, 4), 1);
	assert_event(&set[0], src, POLLERR | POLLHUP, 0x123456789abcdefLL);
	/* nothing polled is ready */
	set_ready(src, POLLOUT);
	ck_assert_ret(evl_timedpoll(gfd, set, 4, &(struct timespec){ 1, 0 }), -ETIMEDOUT);
	/* MOD changes the events and the value */
	ck_assert_ret(evl_mod_pollfd(gfd, src, POLLOUT | POLLWRNORM, intval(-7)), 0);
	ck_assert_ret(evl_poll(gfd, set, 4), 1);
	assert_event(&set[0], src, POLLOUT, -7);
	/* POLLNVAL cannot be asked for, but a driver reporting it gets through */
	ck_assert_ret(evl_mod_pollfd(gfd, src, POLLNVAL, intval(1)), 0);
	set_ready(src, POLLIN);
	ck_assert_ret(evl_timedpoll(gfd, set, 4, &(struct timespec){ 1, 0 }), -ETIMEDOUT);
	set_ready(src, POLLNVAL | POLLIN);
	ck_assert_ret(evl_poll(gfd, set, 4), 1);
	assert_event(&set[0], src, POLLNVAL, 1);
	close_fd(src);
	close_fd(gfd);
}
END_TEST

/* Without ->oob_poll, POLLIN|POLLOUT|POLLRDNORM|POLLWRNORM are ready. */
START_TEST(test_ready_default_mask)
{
	struct evl_poll_event set[4];
	int gfd, src;

	attach();
	gfd = new_poll();
	src = open_node(TPS_NOPOLL, O_RDWR);
	add_fd(gfd, src, POLLIN | POLLOUT | POLLPRI | POLLERR | POLLRDBAND, 3);
	ck_assert_ret(evl_poll(gfd, set, 4), 1);
	assert_event(&set[0], src, POLLIN | POLLOUT, 3);
	ck_assert_ret(evl_mod_pollfd(gfd, src, ~0U, intval(4)), 0);
	ck_assert_ret(evl_poll(gfd, set, 4), 1);
	assert_event(&set[0], src, POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM, 4);
	ck_assert_ret(evl_mod_pollfd(gfd, src, POLLPRI, intval(5)), 0);
	ck_assert_ret(evl_timedpoll(gfd, set, 4, &(struct timespec){ 1, 0 }), -ETIMEDOUT);
	close_fd(src);
	close_fd(gfd);
}
END_TEST

/* At most nrset events are written, in the order the fds were added. */
START_TEST(test_ready_nrset_bound)
{
	struct evl_poll_event set[4];
	int gfd, src[3], i;

	attach();
	gfd = new_poll();
	for (i = 0; i < 3; i++) {
		src[i] = open_node(TPS_NODE, O_RDWR);
		add_fd(gfd, src[i], POLLIN, 100 + i);
		set_ready(src[i], POLLIN);
	}
	memset(set, 0xff, sizeof(set));
	ck_assert_ret(evl_poll(gfd, set, 2), 2);
	assert_event(&set[0], src[0], POLLIN, 100);
	assert_event(&set[1], src[1], POLLIN, 101);
	ck_assert_uint_eq(set[2].fd, ~0U);	/* untouched */
	ck_assert_ret(evl_poll(gfd, set, 4), 3);
	assert_event(&set[2], src[2], POLLIN, 102);
	set_ready(src[0], 0);
	ck_assert_ret(evl_poll(gfd, set, 1), 1);
	assert_event(&set[0], src[1], POLLIN, 101);
	for (i = 0; i < 3; i++)
		close_fd(src[i]);
	close_fd(gfd);
}
END_TEST

/* A group has no ->oob_poll: nested in another one, it reads as ready. */
START_TEST(test_ready_nested_group)
{
	struct evl_poll_event set[4];
	int outer, inner, src;

	attach();
	outer = new_poll();
	inner = new_poll();
	src = open_node(TPS_NODE, O_RDWR);
	add_fd(inner, src, POLLIN, 0);
	add_fd(outer, inner, POLLIN | POLLPRI, 9);
	ck_assert_ret(evl_poll(outer, set, 4), 1);
	assert_event(&set[0], inner, POLLIN, 9);
	/* the inner group works on its own */
	ck_assert_ret(evl_timedpoll(inner, set, 4, &(struct timespec){ 1, 0 }), -ETIMEDOUT);
	set_ready(src, POLLIN);
	ck_assert_ret(evl_poll(inner, set, 4), 1);
	assert_event(&set[0], src, POLLIN, 0);
	/* both levels in one outer group */
	add_fd(outer, src, POLLIN, 10);
	ck_assert_ret(evl_poll(outer, set, 4), 2);
	assert_event(&set[1], src, POLLIN, 10);
	close_fd(src);
	close_fd(inner);
	close_fd(outer);
}
END_TEST

/* A compat (32-bit) caller goes through compat_ptr_oob_ioctl(): requests below 4 GiB. */
START_TEST(test_compat_caller)
{
	struct compat_area {
		struct evl_poll_ctlreq creq;
		struct evl_poll_waitreq wreq;
		struct __evl_timespec kts;
		struct evl_poll_event set[1];
	} *a;
	int gfd, src;

	attach();
	gfd = new_poll();
	src = open_node(TPS_NODE, O_RDWR);
	a = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT,
		 -1, 0);
	ck_assert_ptr_ne(a, MAP_FAILED);
	a->creq = (struct evl_poll_ctlreq){
		.action = EVL_POLL_CTLADD, .fd = src, .events = POLLIN, .pollval.lval = 11,
	};
	a->wreq = (struct evl_poll_waitreq){
		.timeout_ptr = (__u64)(unsigned long)&a->kts,
		.pollset_ptr = (__u64)(unsigned long)a->set,
		.nrset = 1,
	};
	set_ready(src, POLLIN);
	evlsim_set_compat_caller(1);
	ck_assert_call(oob_ioctl(gfd, EVL_POLIOC_CTL, &a->creq), 0);
	ck_assert_call(oob_ioctl(gfd, EVL_POLIOC_WAIT, &a->wreq), 0);
	evlsim_set_compat_caller(0);
	ck_assert_int_eq(a->wreq.nrset, 1);
	assert_event(&a->set[0], src, POLLIN, 11);
	ck_assert_call(munmap(a, 4096), 0);
	close_fd(src);
	close_fd(gfd);
}
END_TEST

/* ---- wake-ups ------------------------------------------------------------------------ */

/* Bits that are not polled do not wake a poller; polled ones do. */
START_TEST(test_wake_on_polled_bits_only)
{
	struct poller p;
	int gfd, src;

	attach();
	gfd = new_poll();
	src = open_node(TPS_NODE, O_RDWR);
	add_fd(gfd, src, POLLIN, 0);
	start_poller(&p, gfd, 0);
	wait_watchers(src, 0, 1);
	signal_head(src, 0, POLLOUT | POLLPRI);
	usleep(QUIET_MS * 1000);
	ck_assert_int_eq(watchers(src, 0), 1);
	signal_head(src, 0, POLLIN | POLLOUT | POLLERR);
	ck_assert_ret(join_poller(&p), 1);
	/* what was received, masked: the driver was not asked again */
	assert_event(&p.set[0], src, POLLIN | POLLERR, 0);
	close_fd(src);
	close_fd(gfd);
}
END_TEST

/* One signal wakes one poller per event bit: the second poller times out. */
START_TEST(test_wake_one_poller_per_bit)
{
	struct poller p[2];
	int gfd, src, r0, r1;

	attach();
	gfd = new_poll();
	src = open_node(TPS_NODE, O_RDWR);
	add_fd(gfd, src, POLLIN | POLLOUT, 0);
	start_poller(&p[0], gfd, QUIET_MS + 500);
	start_poller(&p[1], gfd, QUIET_MS + 500);
	wait_watchers(src, 0, 2);
	signal_head(src, 0, POLLIN | POLLOUT);
	r0 = join_poller(&p[0]);
	r1 = join_poller(&p[1]);
	ck_assert_msg((r0 == 1 && r1 == -ETIMEDOUT) || (r0 == -ETIMEDOUT && r1 == 1),
		      "pollers returned %d and %d", r0, r1);
	assert_event(&p[r0 == 1 ? 0 : 1].set[0], src, POLLIN | POLLOUT, 0);
	close_fd(src);
	close_fd(gfd);
}
END_TEST

/* Distinct bits go to distinct pollers: both wake. */
START_TEST(test_wake_distinct_bits)
{
	struct poller p[2];
	int g[2], src, i;

	attach();
	src = open_node(TPS_NODE, O_RDWR);
	for (i = 0; i < 2; i++)
		g[i] = new_poll();
	add_fd(g[0], src, POLLIN, 1);
	add_fd(g[1], src, POLLOUT, 2);
	for (i = 0; i < 2; i++)
		start_poller(&p[i], g[i], 10000);
	wait_watchers(src, 0, 2);
	signal_head(src, 0, POLLIN | POLLOUT);
	ck_assert_ret(join_poller(&p[0]), 1);
	ck_assert_ret(join_poller(&p[1]), 1);
	assert_event(&p[0].set[0], src, POLLIN, 1);
	assert_event(&p[1].set[0], src, POLLOUT, 2);
	for (i = 0; i < 2; i++)
		close_fd(g[i]);
	close_fd(src);
}
END_TEST

/* libevl's poll-close: closing a polled file reports POLLNVAL to its poller. */
START_TEST(test_wake_pollnval_on_close)
{
	struct evl_poll_event set[2];
	struct poller p;
	int gfd, src, other;

	attach();
	gfd = new_poll();
	src = open_node(TPS_NODE, O_RDWR);
	other = open_node(TPS_NODE, O_RDWR);
	add_fd(gfd, other, POLLIN, 1);
	add_fd(gfd, src, POLLIN, 2);
	start_poller(&p, gfd, 0);
	wait_watchers(src, 0, 1);
	close_fd(src);		/* returns once the poller let go of the file */
	ck_assert_ret(join_poller(&p), 1);
	assert_event(&p.set[0], src, POLLNVAL, 2);
	ck_assert_int_eq(watchers(other, 0), 0);
	/* the fd is stale now */
	ck_assert_ret(evl_poll(gfd, set, 2), -EBADF);
	close_fd(other);
	close_fd(gfd);
}
END_TEST

/* A dup'ed fd keeps the file alive: no POLLNVAL until the last one is closed. */
START_TEST(test_wake_pollnval_last_close)
{
	struct poller p;
	int gfd, src, dupfd;

	attach();
	gfd = new_poll();
	src = open_node(TPS_NODE, O_RDWR);
	dupfd = dup(src);
	ck_assert_int_ge(dupfd, 0);
	add_fd(gfd, src, POLLIN, 0);
	start_poller(&p, gfd, 0);
	wait_watchers(src, 0, 1);
	close_fd(src);
	usleep(QUIET_MS * 1000);
	ck_assert_int_eq(watchers(dupfd, 0), 1);
	close_fd(dupfd);
	ck_assert_ret(join_poller(&p), 1);
	assert_event(&p.set[0], src, POLLNVAL, 0);
	close_fd(gfd);
}
END_TEST

/* A nested group closed while the outer one is polled: POLLNVAL too. */
START_TEST(test_wake_pollnval_nested_group)
{
	struct poller p;
	int outer, inner, src;

	attach();
	outer = new_poll();
	inner = new_poll();
	src = open_node(TPS_NODE, O_RDWR);
	add_fd(outer, src, POLLIN, 1);
	add_fd(outer, inner, POLLPRI, 2);	/* default mask: never ready */
	start_poller(&p, outer, 0);
	wait_watchers(src, 0, 1);
	close_fd(inner);
	ck_assert_ret(join_poller(&p), 1);
	assert_event(&p.set[0], inner, POLLNVAL, 2);
	close_fd(src);
	close_fd(outer);
}
END_TEST

/*
 * One poller connects to at most 4 heads: a fifth is reported (WARN) and ignored, and
 * signaling it wakes nobody. Each connected head's unwatch callback runs once.
 */
START_TEST(test_wake_four_heads_max)
{
	struct evl_poll_event set[1];
	struct poller p;
	int gfd, src, base, h;

	attach();
	gfd = new_poll();
	src = open_node(TPS_NODE, O_RDWR);
	add_fd(gfd, src, POLLIN, 0);
	set_watch(src, 5, false);
	base = unwatched(src);
	set_ready(src, POLLIN);
	ck_assert_ret(evl_poll(gfd, set, 1), 1);
	ck_assert_int_eq(evlsim_report_count(EVLSIM_REPORT_WARN), 1);
	ck_assert_int_eq(unwatched(src) - base, 4);
	evlsim_reset_reports();

	/*
	 * The poller's wait runs ->oob_poll(), hence the WARN, again; the report is the
	 * simulator's own I/O and leaves the poller out-of-band: no other report.
	 */
	set_ready(src, 0);
	start_poller(&p, gfd, 0);
	wait_watchers(src, 3, 1);
	for (h = 0; h < 4; h++)
		ck_assert_int_eq(watchers(src, h), 1);
	ck_assert_int_eq(watchers(src, 4), 0);
	signal_head(src, 4, POLLIN);
	usleep(QUIET_MS * 1000);
	ck_assert_int_eq(watchers(src, 3), 1);
	signal_head(src, 3, POLLIN);
	ck_assert_ret(join_poller(&p), 1);
	assert_event(&p.set[0], src, POLLIN, 0);
	ck_assert_int_eq(evlsim_report_count(EVLSIM_REPORT_WARN), 1);
	ck_assert_int_eq(evlsim_report_total(), 1);
	ck_assert_int_eq(unwatched(src) - base, 8);
	evlsim_reset_reports();
	close_fd(src);
	close_fd(gfd);
}
END_TEST

/* Connecting twice to one head is reported and ignored. */
START_TEST(test_wake_same_head_twice)
{
	struct evl_poll_event set[1];
	int gfd, src, base;

	attach();
	gfd = new_poll();
	src = open_node(TPS_NODE, O_RDWR);
	add_fd(gfd, src, POLLIN, 0);
	set_watch(src, 2, true);
	base = unwatched(src);
	ck_assert_call(fcntl(gfd, F_SETFL, O_NONBLOCK), 0);
	ck_assert_ret(evl_poll(gfd, set, 1), -EAGAIN);
	ck_assert_int_eq(evlsim_report_count(EVLSIM_REPORT_WARN), 1);
	ck_assert_int_eq(unwatched(src) - base, 2);
	evlsim_reset_reports();
	close_fd(src);
	close_fd(gfd);
}
END_TEST

/* An oob thread can signal too, and several files of one group wake its poller. */
START_TEST(test_wake_from_oob)
{
	struct tps_signal s = { .head = 1, .events = POLLIN };
	struct poller p;
	int gfd, src[2];

	attach();
	gfd = new_poll();
	src[0] = open_node(TPS_NODE, O_RDWR);
	src[1] = open_node(TPS_NODE, O_RDWR);
	set_watch(src[1], 2, false);
	add_fd(gfd, src[0], POLLIN, 0);
	add_fd(gfd, src[1], POLLIN, 1);
	start_poller(&p, gfd, 0);
	wait_watchers(src[1], 1, 1);
	ck_assert_call(oob_ioctl(src[1], TPS_IOC_SIGNAL, &s), 0);
	ck_assert_ret(join_poller(&p), 1);
	assert_event(&p.set[0], src[1], POLLIN, 1);
	ck_assert_int_eq(watchers(src[0], 0), 0);
	close_fd(src[0]);
	close_fd(src[1]);
	close_fd(gfd);
}
END_TEST

/* ---- suite --------------------------------------------------------------------------- */

static Suite *suite(void)
{
	Suite *s = suite_create("evl_poll");
	TCase *tc;

	evlsim_check_modules("tpollsrc", "testdrv");
	tc = tcase("group");
	tcase_add_test(tc, test_group_open);
	tcase_add_test(tc, test_group_inband_ioctl_enotty);
	tcase_add_test(tc, test_group_unattached_eperm);
	suite_add_tcase(s, tc);

	tc = tcase("ctl");
	tcase_add_test(tc, test_ctl_add_ebadf);
	tcase_add_test(tc, test_ctl_add_eexist);
	tcase_add_test(tc, test_ctl_del_mod_enoent);
	tcase_add_test(tc, test_ctl_bad_action_einval);
	tcase_add_test(tc, test_ctl_add_self_eloop);
	tcase_add_test(tc, test_ctl_add_cycle_eloop);
	tcase_add_test(tc, test_ctl_add_nesting_eloop);
	suite_add_tcase(s, tc);

	tc = tcase("wait");
	tcase_add_test(tc, test_wait_efault);
	tcase_add_test(tc, test_wait_nrset_written_back);
	tcase_add_test(tc, test_wait_einval);
	tcase_add_test(tc, test_wait_stale_fd_ebadf);
	tcase_add_test(tc, test_wait_nonblock_eagain);
	tcase_add_test(tc, test_wait_timeout_absolute);
	tcase_add_test(tc, test_wait_forever);
	tcase_add_test(tc, test_wait_group_closed_eidrm);
	suite_add_tcase(s, tc);

	tc = tcase("ready");
	tcase_add_test(tc, test_ready_masked_pollval);
	tcase_add_test(tc, test_ready_default_mask);
	tcase_add_test(tc, test_ready_nrset_bound);
	tcase_add_test(tc, test_ready_nested_group);
	tcase_add_test(tc, test_compat_caller);
	suite_add_tcase(s, tc);

	tc = tcase("wake");
	tcase_add_test(tc, test_wake_on_polled_bits_only);
	tcase_add_test(tc, test_wake_one_poller_per_bit);
	tcase_add_test(tc, test_wake_distinct_bits);
	tcase_add_test(tc, test_wake_pollnval_on_close);
	tcase_add_test(tc, test_wake_pollnval_last_close);
	tcase_add_test(tc, test_wake_pollnval_nested_group);
	tcase_add_test(tc, test_wake_four_heads_max);
	tcase_add_test(tc, test_wake_same_head_twice);
	tcase_add_test(tc, test_wake_from_oob);
	suite_add_tcase(s, tc);

	return s;
}

int main(void)
{
	return evlsim_check_run(suite());
}
