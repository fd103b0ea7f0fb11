// SPDX-License-Identifier: GPL-2.0-only
/* tnoexit: a module with an init and no exit, which the kernel refuses to unload. */
#include <linux/module.h>
#include "tnoexit-abi.h"

static int __init tnoexit_init(void)
{
	return 0;
}
module_init(tnoexit_init);

MODULE_LICENSE("GPL");
