// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Host threads for the simulator's own execution contexts (user world): the EVL kthreads,
 * the timer CPU that runs EVL timer handlers, the in-band worker that runs irq_work.
 *
 * The kernel world cannot create a pthread itself (it sees no C library header), so it
 * asks here. Threads are created detached: their owners synchronize with them through the
 * simulator's own primitives (completions, the sleep/wake primitive), never by joining,
 * so that a thread may end on its own without anyone collecting it.
 */
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include "internal.h"

struct host_start {
	void (*fn)(void *arg);
	void *arg;
	char name[16];
};

static void *host_trampoline(void *p)
{
	struct host_start start = *(struct host_start *)p;

	evlsim__free(p);
	if (start.name[0])
		pthread_setname_np(pthread_self(), start.name);
	start.fn(start.arg);
	return NULL;
}

/**
 * evlsim__host_thread_spawn - run @fn(@arg) on a new detached host thread
 * @fn: the thread's body
 * @arg: its argument
 * @name: the thread name shown by the host (truncated to 15 characters), or NULL
 *
 * Signals are blocked on the new thread, as a kernel thread receives none: a signal sent
 * to the process goes to one of the program's own threads. Returns 0 or -errno.
 */
typedef int create_fn(pthread_t *th, const pthread_attr_t *attr, void *(*fn)(void *),
		      void *arg);

/*
 * pthread_create() as the program's lookup finds it: a sanitizer's interceptor must see
 * the thread; libevlsim's own interposer (user/sched.c, a layer above) then passes it on.
 * Looked up at run time, so that this layer names nothing above it.
 */
static create_fn *thread_create(void)
{
	static create_fn *fn;
	create_fn *p = __atomic_load_n(&fn, __ATOMIC_ACQUIRE);

	if (!p) {
		p = (create_fn *)dlsym(RTLD_DEFAULT, "pthread_create");
		if (!p)
			evlsim__die("cannot find pthread_create()");
		__atomic_store_n(&fn, p, __ATOMIC_RELEASE);
	}
	return p;
}

int evlsim__host_thread_spawn(void (*fn)(void *arg), void *arg, const char *name)
{
	struct host_start *start = evlsim__zalloc(sizeof(*start));
	sigset_t all, old;
	pthread_attr_t attr;
	pthread_t tid;
	int ret;

	start->fn = fn;
	start->arg = arg;
	if (name) {
		strncpy(start->name, name, sizeof(start->name) - 1);
		start->name[sizeof(start->name) - 1] = '\0';
	}
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	ret = thread_create()(&tid, &attr, host_trampoline, start);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pthread_attr_destroy(&attr);
	if (ret) {
		evlsim__free(start);
		return -ret;
	}
	return 0;
}

/**
 * evlsim__host_atfork_child - run @fn in the child process after fork()
 *
 * Only the forking thread lives on in a child: the simulator's host threads are gone, and
 * the services that own them must forget them (and any lock they held).
 */
void evlsim__host_atfork_child(void (*fn)(void))
{
	pthread_atfork(NULL, NULL, fn);
}

void evlsim__host_atfork(void (*prepare)(void), void (*parent)(void), void (*child)(void))
{
	pthread_atfork(prepare, parent, child);
}

void evlsim__host_thread_once_slow(int *started, int *atfork_registered,
				   void (*atfork_child)(void), void (*fn)(void *arg),
				   void *arg, const char *name)
{
	int expected = 0, ret;

	if (!__atomic_compare_exchange_n(started, &expected, 1, 0, __ATOMIC_ACQ_REL,
					 __ATOMIC_ACQUIRE))
		return;
	expected = 0;
	if (__atomic_compare_exchange_n(atfork_registered, &expected, 1, 0, __ATOMIC_ACQ_REL,
					__ATOMIC_ACQUIRE))
		evlsim__host_atfork_child(atfork_child);
	ret = evlsim__host_thread_spawn(fn, arg, name);
	if (ret)
		evlsim__die("cannot start the host thread %s: %d", name, ret);
}
