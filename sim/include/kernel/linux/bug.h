/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/bug.h and asm-generic/bug.h semantics.
 * Custom: a WARN prints through the simulator's reporter (tagged WARNING line, backtrace,
 * counted); a BUG prints the same way and aborts the process, as an oops kills the task.
 */
#ifndef _EVLSIM_LINUX_BUG_H
#define _EVLSIM_LINUX_BUG_H

#include <linux/compiler.h>
#include <linux/build_bug.h>
#include <linux/printk.h>

#define TAINT_WARN	9
#define BUGFLAG_WARNING	(1 << 0)
#define BUGFLAG_ONCE	(1 << 1)
#define BUGFLAG_TAINT(taint)	((taint) << 8)

void warn_slowpath_fmt(const char *file, const int line, unsigned taint, const char *fmt, ...)
	__evlsim_ksym(warn_slowpath_fmt) __printf(4, 5) __cold;
__evlsim_export void evlsim__bug(const char *file, int line, const char *func) __noreturn __cold;

#define __WARN()		warn_slowpath_fmt(__FILE__, __LINE__, TAINT_WARN, NULL)
#define __WARN_printf(taint, arg...) warn_slowpath_fmt(__FILE__, __LINE__, taint, arg)

#define BUG()			evlsim__bug(__FILE__, __LINE__, __func__)
#define BUG_ON(condition)	do { if (unlikely(condition)) BUG(); } while (0)

#define WARN_ON(condition) ({						\
	int __ret_warn_on = !!(condition);				\
	if (unlikely(__ret_warn_on))					\
		__WARN_printf(TAINT_WARN, "WARN_ON(%s)", #condition);	\
	unlikely(__ret_warn_on);					\
})

#define WARN(condition, format...) ({					\
	int __ret_warn_on = !!(condition);				\
	if (unlikely(__ret_warn_on))					\
		__WARN_printf(TAINT_WARN, format);			\
	unlikely(__ret_warn_on);					\
})

#define WARN_TAINT(condition, taint, format...) WARN(condition, format)

#define __WARN_ONCE_GATE(condition, body) ({				\
	static bool __section(".data.once") __already_done;		\
	int __ret_do_once = !!(condition);				\
	if (unlikely(__ret_do_once &&					\
		     !__atomic_exchange_n(&__already_done, 1, __ATOMIC_RELAXED))) \
		body;							\
	unlikely(__ret_do_once);					\
})

#define WARN_ON_ONCE(condition)						\
	__WARN_ONCE_GATE(condition,					\
		__WARN_printf(TAINT_WARN, "WARN_ON_ONCE(%s)", #condition))
#define WARN_ONCE(condition, format...)					\
	__WARN_ONCE_GATE(condition, __WARN_printf(TAINT_WARN, format))
#define WARN_TAINT_ONCE(condition, taint, format...) WARN_ONCE(condition, format)


#endif
