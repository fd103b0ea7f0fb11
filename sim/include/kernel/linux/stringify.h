/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* evlsim shim: faithful to linux v6.12 include/linux/stringify.h. */
#ifndef _EVLSIM_LINUX_STRINGIFY_H
#define _EVLSIM_LINUX_STRINGIFY_H

#define __stringify_1(x...)	#x
#define __stringify(x...)	__stringify_1(x)
#define FILE_LINE		__FILE__ ":" __stringify(__LINE__)

#endif
