// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Process exit (kernel world), after kernel/exit.c: do_exit() kills the other threads
 * (exit_group()), then exit_files() drops the process's references on its files, and
 * ->release runs for each file whose last reference that was. A program that never
 * closes its descriptors (many do not) thus leaves nothing behind on a board, and must
 * not be reported here for what the kernel would have released.
 *
 * Run from the accounting's destructor, before it reports what is left. The other
 * threads are marked first: one blocked in a simulated call sees the kick as a fatal
 * signal, unwinds the call and stops on its way out (core/cancel.h), so that no oob call
 * in flight holds a file that is being released.
 */
#include <linux/fs.h>
#include "kinternal.h"

static void files_at_exit(void)
{
	unsigned int fd;

	if (!__atomic_load_n(&evlsim__nr_sim_files, __ATOMIC_ACQUIRE))
		return;
	evlsim__kill_other_threads();
	for (fd = 0; fd < EVLSIM_NR_FDS; fd++) {
		if (!__atomic_load_n(&evlsim__nr_sim_files, __ATOMIC_ACQUIRE))
			break;
		if (evlsim__fd_is_sim((int)fd))
			evlsim__sys_close((int)fd);
	}
}

static __attribute__((constructor)) void exit_init(void)
{
	evlsim__acct_set_exit_hook(files_at_exit);
}
