// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Real-time scheduling policies without privileges (user world).
 *
 * EVL programs create their threads SCHED_FIFO or SCHED_RR (hectic and latmus use
 * priorities 1 to 98), which an unprivileged host refuses with EPERM, and which a
 * privileged one would apply to threads that spin on a shared machine. Here the
 * policies are accepted with the kernel's checks, recorded in the thread's state and
 * never applied to the host thread: pthread_getschedparam() and sched_getscheduler() give
 * back what was set, a thread created with an explicit policy in its attributes starts
 * with it, one created with PTHREAD_INHERIT_SCHED inherits its creator's, and an EVL
 * thread waits in EVL priority wait queues at that priority (evl_set_schedattr() sets the
 * same record). What is not reproduced: the host runs every thread under its own policy,
 * so nothing preempts by priority and no real-time latency is to be had.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "internal.h"
#include "core/libc.h"

/* sched_setscheduler(2)'s checks: EINVAL for an unknown policy or a priority outside it */
static int check_policy(int policy, int prio)
{
	switch (policy) {
	case SCHED_FIFO:
	case SCHED_RR:
		return prio >= 1 && prio <= 99 ? 0 : EINVAL;
	case SCHED_OTHER:
	case SCHED_BATCH:
	case SCHED_IDLE:
		return prio == 0 ? 0 : EINVAL;
	default:
		return EINVAL;
	}
}

static void record(struct evlsim_thread *t, int policy, int prio)
{
	__atomic_store_n(&t->sched_prio, prio, __ATOMIC_RELAXED);
	__atomic_store_n(&t->sched_policy, policy, __ATOMIC_RELAXED);
	__atomic_store_n(&t->sched_set, 1, __ATOMIC_RELEASE);
	__atomic_add_fetch(&t->sched_gen, 1, __ATOMIC_RELEASE);
}

struct sched_op {
	unsigned long th;
	int set, policy, prio;	/* in for a set, out for a get */
	int found;
};

/* under the thread registry's lock */
static int sched_one(struct evlsim_thread *t, void *arg)
{
	struct sched_op *op = arg;

	if (t->pthread != op->th || t->forked_away)
		return 0;
	if (op->set) {
		record(t, op->policy, op->prio);
	} else if (__atomic_load_n(&t->sched_set, __ATOMIC_ACQUIRE)) {
		op->policy = __atomic_load_n(&t->sched_policy, __ATOMIC_RELAXED);
		op->prio = __atomic_load_n(&t->sched_prio, __ATOMIC_RELAXED);
	} else {
		return 0;
	}
	op->found = 1;
	return 1;
}

/* the record of thread @th: set (@set) or read; 1 if found */
static int sched_record(pthread_t th, int set, int *policy, int *prio)
{
	struct sched_op op = { .th = (unsigned long)th, .set = set };

	if (set) {
		op.policy = *policy;
		op.prio = *prio;
	}
	if (th == pthread_self())	/* a thread's first call may be this one */
		evlsim__current();
	evlsim__for_each_thread(sched_one, &op);
	if (op.found && !set) {
		*policy = op.policy;
		*prio = op.prio;
	}
	return op.found;
}

EVLSIM_EXPORT int pthread_setschedparam(pthread_t th, int policy,
					const struct sched_param *param)
{
	int prio = param->sched_priority, ret = check_policy(policy, prio);

	if (ret)
		return ret;
	return sched_record(th, 1, &policy, &prio) ? 0 : ESRCH;
}

EVLSIM_EXPORT int pthread_setschedprio(pthread_t th, int prio)
{
	struct sched_param param;
	int policy, ret;

	ret = pthread_getschedparam(th, &policy, &param);
	if (ret)
		return ret;
	param.sched_priority = prio;
	return pthread_setschedparam(th, policy, &param);
}

EVLSIM_EXPORT int pthread_getschedparam(pthread_t th, int *policy, struct sched_param *param)
{
	int prio;

	if (sched_record(th, 0, policy, &prio)) {
		param->sched_priority = prio;
		return 0;
	}
	return REAL(pthread_getschedparam)(th, policy, param);
}

/* sched_*(2) on @pid: 0 and the caller's own tid are the caller, others pass through */
static int is_self(pid_t pid)
{
	return pid == 0 || pid == (pid_t)syscall(SYS_gettid);
}

EVLSIM_EXPORT int sched_setscheduler(pid_t pid, int policy, const struct sched_param *param)
{
	int prio, ret;

	if (!is_self(pid))
		return REAL(sched_setscheduler)(pid, policy, param);
	if (!param) {
		errno = EINVAL;
		return -1;
	}
	prio = param->sched_priority;
	policy &= ~SCHED_RESET_ON_FORK;
	ret = check_policy(policy, prio);
	if (ret) {
		errno = ret;
		return -1;
	}
	record(evlsim__current(), policy, prio);
	return 0;
}

EVLSIM_EXPORT int sched_getscheduler(pid_t pid)
{
	struct evlsim_thread *t;

	if (!is_self(pid))
		return REAL(sched_getscheduler)(pid);
	t = evlsim__current();
	if (__atomic_load_n(&t->sched_set, __ATOMIC_ACQUIRE))
		return __atomic_load_n(&t->sched_policy, __ATOMIC_RELAXED);
	return REAL(sched_getscheduler)(pid);
}

EVLSIM_EXPORT int sched_setparam(pid_t pid, const struct sched_param *param)
{
	if (!is_self(pid))
		return REAL(sched_setparam)(pid, param);
	return sched_setscheduler(pid, sched_getscheduler(pid), param);
}

EVLSIM_EXPORT int sched_getparam(pid_t pid, struct sched_param *param)
{
	struct evlsim_thread *t;

	if (!is_self(pid))
		return REAL(sched_getparam)(pid, param);
	t = evlsim__current();
	if (!__atomic_load_n(&t->sched_set, __ATOMIC_ACQUIRE))
		return REAL(sched_getparam)(pid, param);
	if (!param) {
		errno = EINVAL;
		return -1;
	}
	param->sched_priority = __atomic_load_n(&t->sched_prio, __ATOMIC_RELAXED);
	return 0;
}

/* ---- thread creation ------------------------------------------------------------------ */

struct start {
	void *(*fn)(void *);
	void *arg;
	int policy, prio;
	int record;		/* explicit, or inherited from a creator that set its own */
};

/*
 * The new thread's first instructions. A sanitizer's pthread_create() interceptor comes
 * before this one, so its start routine is @s->fn, which sets up the sanitizer's thread
 * state: until it runs, this function may touch nothing a sanitizer instruments or
 * intercepts. It leaves its record for the thread state's creation (core/thread.h).
 */
__attribute__((no_sanitize_thread)) static void *evlsim_thread_start(void *p)
{
	struct start *s = p;
	void *(*fn)(void *) = s->fn, *arg = s->arg;

	evlsim__seed.policy = s->policy;
	evlsim__seed.prio = s->prio;
	evlsim__seed.set = s->record;
	evlsim__seed.block = s;
#ifndef __SANITIZE_THREAD__
	evlsim__current();
#endif
	return fn(arg);
}

/*
 * Every thread records its policy as it starts, so that pthread_setschedparam() finds
 * its state: an explicit one from @attr (the thread is created with the host's own
 * policy, from a copy of @attr with PTHREAD_INHERIT_SCHED), else its creator's.
 */
EVLSIM_EXPORT int pthread_create(pthread_t *th, const pthread_attr_t *attr,
				 void *(*fn)(void *), void *arg)
{
	struct evlsim_thread *self = evlsim__self;
	struct sched_param param;
	int inherit = PTHREAD_INHERIT_SCHED, policy, ret, rec = 1;
	pthread_attr_t copy;
	struct start *s;

	if (attr)
		pthread_attr_getinheritsched(attr, &inherit);
	if (inherit == PTHREAD_EXPLICIT_SCHED) {
		pthread_attr_getschedpolicy(attr, &policy);
		pthread_attr_getschedparam(attr, &param);
		ret = check_policy(policy, param.sched_priority);
		if (ret)
			return ret;
		/* a shallow copy: glibc reads it during the call only */
		copy = *attr;
		pthread_attr_setinheritsched(&copy, PTHREAD_INHERIT_SCHED);
		attr = &copy;
	} else if (self && __atomic_load_n(&self->sched_set, __ATOMIC_ACQUIRE)) {
		policy = __atomic_load_n(&self->sched_policy, __ATOMIC_RELAXED);
		param.sched_priority = __atomic_load_n(&self->sched_prio, __ATOMIC_RELAXED);
	} else {
		policy = SCHED_OTHER;
		param.sched_priority = 0;
		rec = 0;
	}
	s = malloc(sizeof(*s));
	if (!s)
		return EAGAIN;
	*s = (struct start){ fn, arg, policy, param.sched_priority, rec };
	ret = REAL(pthread_create)(th, attr, evlsim_thread_start, s);
	if (ret)
		free(s);
	return ret;
}
