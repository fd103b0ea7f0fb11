// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Threads for in-band kernel threads (user world): kthread.c creates every kthread, the
 * workqueue workers and the RCU callback thread included, through this file.
 *
 * A kthread is a detached pthread started with every signal blocked: process-directed
 * signals go to application threads, as no signal is ever delivered to a kernel thread.
 * It is named after the task's comm, so that debuggers and `ps -L` show it.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>
#include "internal.h"

struct spawn {
	void (*fn)(void *arg);
	void *arg;
	char name[16];
};

static void *trampoline(void *p)
{
	struct spawn s = *(struct spawn *)p;

	evlsim__free(p);
	prctl(PR_SET_NAME, s.name, 0, 0, 0);
	s.fn(s.arg);
	return NULL;
}

int evlsim__thread_spawn(void (*fn)(void *arg), void *arg, const char *name)
{
	struct spawn *s = evlsim__malloc(sizeof(*s));
	sigset_t all, old;
	pthread_attr_t attr;
	pthread_t tid;
	int ret;

	s->fn = fn;
	s->arg = arg;
	strncpy(s->name, name, sizeof(s->name) - 1);
	s->name[sizeof(s->name) - 1] = '\0';

	sigfillset(&all);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	ret = pthread_create(&tid, &attr, trampoline, s);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pthread_attr_destroy(&attr);
	if (ret) {
		evlsim__free(s);
		return -ret;
	}
	return 0;
}

void evlsim__thread_comm(char *buf, evlsim_size_t len)
{
	char name[16] = "";

	prctl(PR_GET_NAME, name, 0, 0, 0);
	if (len) {
		strncpy(buf, name, len - 1);
		buf[len - 1] = '\0';
	}
}

int evlsim__getpid(void)
{
	return (int)getpid();
}

void evlsim__yield(void)
{
	sched_yield();
}
