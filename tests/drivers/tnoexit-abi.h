/* SPDX-License-Identifier: MIT */
/*
 * tnoexit (tests/drivers/tnoexit.c): a module with an init and no exit, which loads and
 * then refuses to unload (-EBUSY, like rmmod of such a module). It registers nothing and
 * has no entry points: its interface is its name.
 */
#ifndef _TNOEXIT_ABI_H
#define _TNOEXIT_ABI_H

#define TNOEXIT_NAME	"tnoexit"

#endif
