/* SPDX-License-Identifier: MIT */
/*
 * tstage: the driver of the stage suite (check_stages). The node /dev/tstage answers
 * TST_IOC_PROBE from .unlocked_ioctl and .oob_ioctl with the stage predicates its handler
 * saw (a TST_* mask); its plain-C entry points run the predicates in an EVL timer handler,
 * an EVL kthread, an irq_work, a workqueue item and an in-band kthread, and return the mask
 * seen there.
 */
#ifndef _TSTAGE_ABI_H
#define _TSTAGE_ABI_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define TST_IOC_PROBE		_IO('s', 1)	/* returns the mask */
#define TST_IOC_HOOK		_IO('s', 2)	/* oob: calls the hook, returns 0 */
#define TST_IOC_SLEEP		_IO('s', 3)	/* oob: evl_sleep(100 us), its result */

#define TST_RUNNING_OOB		0x01	/* running_oob() */
#define TST_RUNNING_INBAND	0x02	/* running_inband() */
#define TST_EVL_INBAND		0x04	/* evl_is_inband() */
#define TST_EVL_IN_IRQ		0x08	/* evl_in_irq() */
#define TST_CANNOT_BLOCK	0x10	/* evl_cannot_block() */
#define TST_CURRENT		0x20	/* evl_current() != NULL */
#define TST_OOB_HANDLER		0x40	/* answered by .oob_ioctl */

/* plain-C entry points, in-band; each returns the mask, or -errno */
int tst_probe_timer(void);
int tst_probe_evl_kthread(void);
int tst_probe_irq_work(void);
int tst_probe_work(void);
int tst_probe_kthread(void);
/* the function TST_IOC_HOOK calls from its oob handler (test code, user world) */
void tst_set_hook(void (*fn)(void));

#endif
