/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* evlsim shim: faithful to linux v6.12 arch/x86 uapi asm/poll.h (the generic one). */
#ifndef _EVLSIM_ASM_POLL_H
#define _EVLSIM_ASM_POLL_H

#include <uapi/asm-generic/poll.h>

#endif
