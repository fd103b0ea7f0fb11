/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim: the golden-rule checker's hooks (sim/check/checker.c) and the service ids of the
 * stage classification table (evlsim/services.def).
 */
#ifndef _EVLSIM_SERVICES_H
#define _EVLSIM_SERVICES_H

#include <linux/compiler_types.h>

#define EVLSIM_SVC_INBAND	1	/* in-band only */
#define EVLSIM_SVC_OOB		2	/* out-of-band only */
#define EVLSIM_SVC_ANY		3	/* either stage */

#define EVLSIM_SVC_MAY_SLEEP	0x1	/* may sleep (implies EVLSIM_SVC_NO_HARD) */
#define EVLSIM_SVC_NO_HARD	0x2	/* not with a hard lock held or hard irqs off */
#define EVLSIM_SVC_KTHREAD	0x4	/* kernel thread context only */
#define EVLSIM_SVC_LOCK		0x8	/* an in-band spinlock (rule spinlock-oob) */
#define EVLSIM_SVC_EPERM	0x10	/* -EPERM where it cannot block, not reported */

enum evlsim_service {
#define EVLSIM_SERVICE(name, stages, flags)	EVLSIM_SVC_##name,
#include <evlsim/services.def>
#undef EVLSIM_SERVICE
	EVLSIM_SVC_NR
};

/* 0 when $EVLSIM_CHECK=off: the hooks return at once (one load). */
extern int evlsim__checks_enabled;

/* Checks a call of service @svc from @caller (the call site, for the report and the
 * deduplication). Out of line; callers test evlsim__checks_enabled first. */
__evlsim_export void evlsim__check_service_at(int svc, void *caller);

/* For services inlined into the caller (copy_to_user() & co): the call site is the
 * return address of this non-inlined hook. */
__evlsim_export void evlsim__check_service_here(int svc) __attribute__((__noinline__));

/* At the entry of an out-of-line service: its own return address is the call site. */
#define evlsim__check_service(svc)						\
	do {									\
		if (__builtin_expect(__atomic_load_n(&evlsim__checks_enabled, __ATOMIC_RELAXED), 1)) \
			evlsim__check_service_at(svc, __builtin_return_address(0)); \
	} while (0)

#endif
