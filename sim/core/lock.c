// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Internal locks and memory of the simulator itself (user world).
 * Nothing here is visible to, or checked on behalf of, driver code.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include "internal.h"

_Static_assert(sizeof(struct evlsim_mutex) >= sizeof(pthread_mutex_t),
	       "struct evlsim_mutex cannot hold a pthread_mutex_t");
_Static_assert(__alignof__(struct evlsim_mutex) >= __alignof__(pthread_mutex_t),
	       "struct evlsim_mutex is misaligned for a pthread_mutex_t");

void evlsim__mutex_init(struct evlsim_mutex *m)
{
	pthread_mutex_init((pthread_mutex_t *)m, NULL);
}

/* @pm is held by a thread that is not in this process (glibc records the owner's tid) */
static int owner_gone(pthread_mutex_t *pm)
{
	int owner = __atomic_load_n(&pm->__data.__owner, __ATOMIC_RELAXED);

	return owner > 0 && syscall(SYS_tgkill, getpid(), owner, 0) < 0 && errno == ESRCH;
}

/*
 * In a child of fork(), only the forking thread lives on. The mutexes of the tables a
 * child's calls need most (thread registry, fd table, node table) are taken around the
 * fork; any other internal mutex a thread of the parent held at the fork would never be
 * unlocked in the child: the first thread of the child that finds it so re-initialises
 * it (waking whoever might sleep on it) and takes it. What it protects was left as that
 * thread left it: the critical sections are short, and a child must not hang.
 */
static int lock_in_child(pthread_mutex_t *pm)
{
	static pthread_mutex_t takeover = PTHREAD_MUTEX_INITIALIZER;
	int ret, saved_errno = errno;

	for (;;) {
		ret = pthread_mutex_trylock(pm);
		if (ret != EBUSY)
			break;
		if (!owner_gone(pm)) {
			ret = pthread_mutex_lock(pm);
			break;
		}
		pthread_mutex_lock(&takeover);
		if (owner_gone(pm)) {
			pthread_mutex_init(pm, NULL);
			syscall(SYS_futex, &pm->__data.__lock, FUTEX_WAKE_PRIVATE, INT_MAX, NULL,
				NULL, 0);
		}
		pthread_mutex_unlock(&takeover);
	}
	errno = saved_errno;
	return ret;
}

void evlsim__mutex_lock(struct evlsim_mutex *m)
{
	int ret = __builtin_expect(__atomic_load_n(&evlsim__forked, __ATOMIC_RELAXED), 0) ?
		  lock_in_child((pthread_mutex_t *)m) : pthread_mutex_lock((pthread_mutex_t *)m);

	if (ret)
		evlsim__die("pthread_mutex_lock: %s", strerror(ret));
}

void evlsim__mutex_unlock(struct evlsim_mutex *m)
{
	pthread_mutex_unlock((pthread_mutex_t *)m);
}

void *evlsim__malloc(size_t size)
{
	void *p;

	EVLSIM_FPU_GUARDED(p = malloc(size ? size : 1));

	if (!p)
		evlsim__die("out of memory (%zu bytes)", size);
	return p;
}

void *evlsim__zalloc(size_t size)
{
	void *p;

	EVLSIM_FPU_GUARDED(p = calloc(1, size ? size : 1));

	if (!p)
		evlsim__die("out of memory (%zu bytes)", size);
	return p;
}

void evlsim__free(void *p)
{
	EVLSIM_FPU_GUARDED(free(p));
}

char *evlsim__strdup(const char *s)
{
	char *p;

	EVLSIM_FPU_GUARDED(p = strdup(s));

	if (!p)
		evlsim__die("out of memory");
	return p;
}

/*
 * The lock word: Drepper's three-state futex mutex ("Futexes are tricky", mutex #3), with
 * a short spin before sleeping. Acquire/release atomics give ThreadSanitizer the order.
 */
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#define LOCKWORD_SPINS	100

static void lockword_futex(int *word, int op, int val)
{
	syscall(SYS_futex, word, op | FUTEX_PRIVATE_FLAG, val, NULL, NULL, 0);
}

/*
 * ThreadSanitizer ignores synchronization inside some of its interceptors (poll(2),
 * select(2)), which the simulator's interposers run in: the lock word tells it its
 * ordering explicitly, in addition to the atomics, so that it holds there too.
 */
#ifdef __SANITIZE_THREAD__
void __tsan_acquire(void *addr);
void __tsan_release(void *addr);
#define tsan_acquire(addr)	__tsan_acquire(addr)
#define tsan_release(addr)	__tsan_release(addr)
#else
#define tsan_acquire(addr)	do { } while (0)
#define tsan_release(addr)	do { } while (0)
#endif

static int lockword_trylock(int *word)
{
	int c = 0;

	return __atomic_compare_exchange_n(word, &c, 1, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

int evlsim__lockword_trylock(int *word)
{
	if (!lockword_trylock(word))
		return 0;
	tsan_acquire(word);
	return 1;
}

static void lockword_lock(int *word);

void evlsim__lockword_lock(int *word)
{
	lockword_lock(word);
	tsan_acquire(word);
}

static void lockword_lock(int *word)
{
	int c, n;

	for (n = 0; n < LOCKWORD_SPINS; n++) {
		c = 0;
		if (__atomic_compare_exchange_n(word, &c, 1, 0, __ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED))
			return;
#if defined(__x86_64__) || defined(__i386__)
		__builtin_ia32_pause();
#endif
	}
	c = __atomic_exchange_n(word, 2, __ATOMIC_ACQUIRE);
	while (c != 0) {
		lockword_futex(word, FUTEX_WAIT, 2);
		c = __atomic_exchange_n(word, 2, __ATOMIC_ACQUIRE);
	}
}

void evlsim__lockword_unlock(int *word)
{
	tsan_release(word);
	if (__atomic_exchange_n(word, 0, __ATOMIC_RELEASE) == 2)
		lockword_futex(word, FUTEX_WAKE, 1);
}
