/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux v6.12 include/linux/compiler_types.h and
 * compiler_attributes.h for GCC, minus sparse and instrumentation plumbing.
 *
 * Custom: __evlsim_ksym(name) gives a kernel function its link name. Driver and test code
 * are linked into one process, and some kernel names also exist in libevl or could exist in
 * a test program (evl_switch_inband, up, complete, ...): every kernel-side function of the
 * simulator is therefore linked as evlsim__k_<name> while drivers keep the kernel spelling.
 * libevlsim's kernel world is built with hidden visibility: the kernel API it provides
 * (__evlsim_ksym) and the few simulator entry points the shims' inline code and macros
 * reach (__evlsim_export) are all it exports to drivers, in the program or in a module.
 *
 * Custom: in driver code (KBUILD_MODNAME defined), `inline` means __always_inline, as
 * the kernel had it up to v5.3 without CONFIG_OPTIMIZE_INLINING. The kernel's inline
 * helpers (kzalloc(), kcalloc(), copy_to_user(), request_irq(), ...) then become part of
 * the driver's function at every optimization level, -O0 included, and the simulator's
 * services see the driver's own call site (__builtin_return_address(0)): a fault site
 * per call in systematic mode, the driver function in every report.
 */
#ifndef _EVLSIM_LINUX_COMPILER_TYPES_H
#define _EVLSIM_LINUX_COMPILER_TYPES_H

#include <linux/kconfig.h>

#define __evlsim_export		__attribute__((__visibility__("default")))
#define __evlsim_ksym(name)	__asm__("evlsim__k_" #name) __evlsim_export

/* sparse annotations: no-ops for the compiler, as in the kernel */
#define __user
#define __kernel
#define __iomem
#define __rcu
#define __percpu
#define __force
#define __bitwise
#define __must_hold(x)
#define __acquires(x)
#define __releases(x)
#define __acquire(x)		(void)0
#define __release(x)		(void)0
#define __cond_lock(x, c)	(c)

#define __always_inline		inline __attribute__((__always_inline__))
#ifdef KBUILD_MODNAME
#define inline			inline __attribute__((__always_inline__))
#endif
#define noinline		__attribute__((__noinline__))
#define __noreturn		__attribute__((__noreturn__))
#define __packed		__attribute__((__packed__))
#define __aligned(x)		__attribute__((__aligned__(x)))
#define __section(s)		__attribute__((__section__(s)))
#define __used			__attribute__((__used__))
#define __maybe_unused		__attribute__((__unused__))
#define __always_unused		__attribute__((__unused__))
#define __weak			__attribute__((__weak__))
#define __cold			__attribute__((__cold__))
#define __pure			__attribute__((__pure__))
#define __printf(a, b)		__attribute__((__format__(printf, a, b)))
#define __scanf(a, b)		__attribute__((__format__(scanf, a, b)))
#define __must_check		__attribute__((__warn_unused_result__))
#define __malloc		__attribute__((__malloc__))
#define __alias(sym)		__attribute__((__alias__(#sym)))
#define __visible		__attribute__((__externally_visible__))
#define __init
#define __exit
#define __initdata
#define __exitdata
#define __initconst
#define __read_mostly
#define __ro_after_init
#define __cacheline_aligned	__aligned(64)
#define ____cacheline_aligned	__aligned(64)
#define ____cacheline_aligned_in_smp __aligned(64)
#define __counted_by(m)
#define __nonstring		__attribute__((__nonstring__))
#define fallthrough		__attribute__((__fallthrough__))
#define notrace
#define asmlinkage
#define __randomize_layout
#define __no_randomize_layout
#define __designated_init

#define __same_type(a, b)	__builtin_types_compatible_p(typeof(a), typeof(b))
#define __compiletime_error(msg) __attribute__((__error__(msg)))

#endif
