// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libevl r47's mutexes (lib/mutex.c) on the gate monitor element (evl/monitor.c): the
 * kernel side serializes first-order locking; recursion, the ceiling and the owner seen by
 * evl_unlock_mutex() live in struct evl_mutex, as libevl keeps them in the gate's shared
 * state. libevl's fast path (an atomic handle in shared memory) is not simulated: every
 * lock and unlock goes through oob_ioctl().
 */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <unistd.h>
#include <evl/evl.h>
#include <evl/mutex.h>
#include "internal.h"
#include "core/lock.h"

#define __MUTEX_DEAD_MAGIC	0

/* static mutexes are created by their first lock, once */
static struct evlsim_mutex static_init_lock = EVLSIM_MUTEX_INITIALIZER;

static int create_gate(struct evl_mutex *mutex, int clockfd, unsigned int ceiling,
		       int flags, const char *fmt)
{
	int prio_max = sched_get_priority_max(SCHED_FIFO), efd;

	evl_init();
	/* creating an element is an in-band system call in libevl: an oob caller is demoted */
	if (evl_get_self() >= 0 && !evl_is_inband())
		evl_switch_inband();
	if (ceiling && (prio_max < 0 || ceiling > (unsigned int)prio_max))
		return -EINVAL;
	/* the name is only a label (private elements): never formatted */
	if (fmt && *fmt == '/')
		flags |= EVL_CLONE_PUBLIC;
	efd = evlsim__gate_create(clockfd, flags & ~EVL_MUTEX_RECURSIVE);
	if (efd < 0)
		return efd;
	mutex->u.active.efd = efd;
	mutex->u.active.monitor = EVL_MONITOR_GATE;
	mutex->u.active.protocol = ceiling ? EVL_GATE_PP : EVL_GATE_PI;
	mutex->u.active.recursive = !!(flags & EVL_MUTEX_RECURSIVE);
	mutex->u.active.ceiling = ceiling;
	mutex->u.active.nesting = 0;
	__atomic_store_n(&mutex->u.active.owner, NULL, __ATOMIC_RELAXED);
	__atomic_store_n(&mutex->magic, __MUTEX_ACTIVE_MAGIC, __ATOMIC_RELEASE);
	return efd;
}

EVLSIM_EXPORT int evl_create_mutex(struct evl_mutex *mutex, int clockfd,
				   unsigned int ceiling, int flags, const char *fmt, ...)
{
	if (!mutex)
		return -EFAULT;
	return create_gate(mutex, clockfd, ceiling, flags, fmt);
}

EVLSIM_EXPORT int evl_open_mutex(struct evl_mutex *mutex, const char *fmt, ...)
{
	(void)mutex;
	(void)fmt;
	return -ENOENT;
}

static int init_static(struct evl_mutex *mutex)
{
	int ret = 0;

	evlsim__mutex_lock(&static_init_lock);
	if (mutex->magic == __MUTEX_UNINIT_MAGIC) {
		if (mutex->u.uninit.monitor != EVL_MONITOR_GATE)
			ret = -EINVAL;
		else
			ret = create_gate(mutex, mutex->u.uninit.clockfd, mutex->u.uninit.ceiling,
					  mutex->u.uninit.flags, mutex->u.uninit.name);
	}
	evlsim__mutex_unlock(&static_init_lock);
	return ret < 0 ? ret : 0;
}

/* libevl's try_lock(): 0 (nested), -ENODATA (ask the core), or an error */
static int try_lock(struct evl_mutex *mutex)
{
	unsigned int magic;
	int ret;

	if (!mutex)
		return -EFAULT;
	if (evl_get_self() < 0)
		return -EPERM;
	magic = __atomic_load_n(&mutex->magic, __ATOMIC_ACQUIRE);
	if (magic == __MUTEX_UNINIT_MAGIC) {
		ret = init_static(mutex);
		if (ret)
			return ret;
	} else if (magic != __MUTEX_ACTIVE_MAGIC) {
		return -EINVAL;
	}
	if (__atomic_load_n(&mutex->u.active.owner, __ATOMIC_RELAXED) != evlsim__self)
		return -ENODATA;
	if (!mutex->u.active.recursive)
		return -EDEADLK;
	if (++mutex->u.active.nesting == 0) {
		mutex->u.active.nesting = ~0U;
		return -EAGAIN;
	}
	return 0;
}

static void took(struct evl_mutex *mutex)
{
	mutex->u.active.nesting = 1;
	__atomic_store_n(&mutex->u.active.owner, evlsim__self, __ATOMIC_RELAXED);
}

/*
 * The monitor's ENTER or TRYENTER past the fast path, restarted on EINTR; errno back to
 * @saved_errno, the caller's on entry.
 */
static int enter(struct evl_mutex *mutex, unsigned long request, struct __evl_timespec *kts,
		 int saved_errno)
{
	int ret;

	do
		ret = oob_ioctl(mutex->u.active.efd, request, kts);
	while (ret && errno == EINTR);
	ret = ret ? -errno : 0;
	errno = saved_errno;
	if (!ret)
		took(mutex);
	return ret;
}

EVLSIM_EXPORT int evl_timedlock_mutex(struct evl_mutex *mutex, const struct timespec *timeout)
{
	struct __evl_timespec kts;
	int ret, saved_errno = errno;

	ret = try_lock(mutex);
	if (ret != -ENODATA)
		return ret;
	if (!timeout)
		return -EFAULT;
	kts.tv_sec = timeout->tv_sec;
	kts.tv_nsec = timeout->tv_nsec;
	return enter(mutex, EVL_MONIOC_ENTER, &kts, saved_errno);
}

EVLSIM_EXPORT int evl_lock_mutex(struct evl_mutex *mutex)
{
	struct timespec forever = { 0, 0 };

	return evl_timedlock_mutex(mutex, &forever);
}

EVLSIM_EXPORT int evl_trylock_mutex(struct evl_mutex *mutex)
{
	int ret, saved_errno = errno;

	ret = try_lock(mutex);
	if (ret != -ENODATA)
		return ret;
	return enter(mutex, EVL_MONIOC_TRYENTER, NULL, saved_errno);
}

EVLSIM_EXPORT int evl_unlock_mutex(struct evl_mutex *mutex)
{
	int ret, saved_errno = errno;

	if (!mutex || __atomic_load_n(&mutex->magic, __ATOMIC_ACQUIRE) != __MUTEX_ACTIVE_MAGIC)
		return -EINVAL;
	if (!evlsim__self ||
	    __atomic_load_n(&mutex->u.active.owner, __ATOMIC_RELAXED) != evlsim__self)
		return -EPERM;
	if (mutex->u.active.nesting > 1) {
		mutex->u.active.nesting--;
		return 0;
	}
	__atomic_store_n(&mutex->u.active.owner, NULL, __ATOMIC_RELAXED);
	ret = oob_ioctl(mutex->u.active.efd, EVL_MONIOC_EXIT);
	ret = ret ? -errno : 0;
	errno = saved_errno;
	if (ret)	/* the core disagrees: the caller keeps it */
		__atomic_store_n(&mutex->u.active.owner, evlsim__self, __ATOMIC_RELAXED);
	return ret;
}

EVLSIM_EXPORT int evl_set_mutex_ceiling(struct evl_mutex *mutex, unsigned int ceiling)
{
	int prio_max = sched_get_priority_max(SCHED_FIFO);

	if (!mutex || ceiling == 0 || prio_max < 0 || ceiling > (unsigned int)prio_max)
		return -EINVAL;
	if (mutex->magic == __MUTEX_UNINIT_MAGIC) {
		if (mutex->u.uninit.monitor != EVL_MONITOR_GATE || mutex->u.uninit.ceiling == 0)
			return -EINVAL;
		mutex->u.uninit.ceiling = ceiling;
		return 0;
	}
	if (mutex->magic != __MUTEX_ACTIVE_MAGIC ||
	    mutex->u.active.monitor != EVL_MONITOR_GATE ||
	    mutex->u.active.protocol != EVL_GATE_PP)
		return -EINVAL;
	__atomic_store_n(&mutex->u.active.ceiling, ceiling, __ATOMIC_RELAXED);
	return 0;
}

EVLSIM_EXPORT int evl_get_mutex_ceiling(struct evl_mutex *mutex)
{
	if (!mutex)
		return -EINVAL;
	if (mutex->magic == __MUTEX_UNINIT_MAGIC)
		return mutex->u.uninit.monitor == EVL_MONITOR_GATE ?
			(int)mutex->u.uninit.ceiling : -EINVAL;
	if (mutex->magic != __MUTEX_ACTIVE_MAGIC || mutex->u.active.monitor != EVL_MONITOR_GATE)
		return -EINVAL;
	if (mutex->u.active.protocol != EVL_GATE_PP)
		return 0;
	return (int)__atomic_load_n(&mutex->u.active.ceiling, __ATOMIC_RELAXED);
}

EVLSIM_EXPORT int evl_close_mutex(struct evl_mutex *mutex)
{
	int efd;

	if (!mutex)
		return -EINVAL;
	if (mutex->magic == __MUTEX_UNINIT_MAGIC)
		return 0;
	if (mutex->magic != __MUTEX_ACTIVE_MAGIC)
		return -EINVAL;
	efd = mutex->u.active.efd;
	mutex->u.active.efd = -1;
	__atomic_store_n(&mutex->magic, __MUTEX_DEAD_MAGIC, __ATOMIC_RELEASE);
	close(efd);
	return 0;
}
