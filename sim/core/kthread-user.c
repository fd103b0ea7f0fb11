// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * What in-band kernel threads ask of the user world (kernel/kthread.c): their name, the pid,
 * a yield. They are host threads (host-thread.c): detached, every signal blocked, as no
 * signal is ever delivered to a kernel thread, and named after the task's comm, so that
 * debuggers and `ps -L` show them.
 */
#include <sched.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>
#include "internal.h"

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
