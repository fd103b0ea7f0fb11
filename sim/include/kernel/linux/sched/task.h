/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* evlsim shim: linux v6.12 include/linux/sched/task.h (get_task_struct/put_task_struct),
 * provided by <linux/sched.h>. */
#ifndef _EVLSIM_LINUX_SCHED_TASK_H
#define _EVLSIM_LINUX_SCHED_TASK_H

#include <linux/sched.h>

#endif
