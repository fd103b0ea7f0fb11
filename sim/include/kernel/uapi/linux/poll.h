/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* evlsim shim: faithful to linux v6.12 include/uapi/linux/poll.h. */
#ifndef _EVLSIM_UAPI_LINUX_POLL_H
#define _EVLSIM_UAPI_LINUX_POLL_H

#include <asm/poll.h>

#endif
