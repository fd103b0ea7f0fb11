/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 include/linux/find.h: finding set and clear bits in a bitmap
 * (find_next_bit(), find_first_bit(), for_each_set_bit(), ...). Faithful; the functions
 * live in linux/bitops.h here, which the kernel's bitops.h reaches too.
 */
#ifndef _EVLSIM_LINUX_FIND_H
#define _EVLSIM_LINUX_FIND_H

#include <linux/bitops.h>

#endif /* _EVLSIM_LINUX_FIND_H */
