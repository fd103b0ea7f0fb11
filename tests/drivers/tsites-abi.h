/* SPDX-License-Identifier: MIT */
/*
 * tsites: the entry points of the two builds of tests/drivers/tsites.c (-O0 and -O2),
 * for systematic fault mode's site identification; plain C, shared by both worlds.
 * Each returns 0, or -1, -2, -3 when its first, second or third allocation failed.
 */
#ifndef _TSITES_ABI_H
#define _TSITES_ABI_H

int tsites_o0_three_helpers(void);	/* built at -O0 */
int tsites_o2_three_helpers(void);	/* built at -O2 */

#endif
