/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to Dovetail include/dovetail/fs.h (linux-evl, "Design B"): the
 * out-of-band state every struct file carries. Drivers never touch it: evl_open_file()
 * sets ->data, and a non-NULL ->data is what makes a file oob-capable.
 */
#ifndef _EVLSIM_DOVETAIL_FS_H
#define _EVLSIM_DOVETAIL_FS_H

#include <linux/irq_work.h>

struct oob_file_state {
	void *data;			/* EVL: struct evl_file * */
	struct irq_work irq_work;	/* fput() deferral from oob to in-band */
};

static inline void init_oob_fstate(struct oob_file_state *state)
{
	state->data = NULL;
}

#endif
