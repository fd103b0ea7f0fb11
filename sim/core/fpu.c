// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The FPU of EVL threads (user world): the host features hectic tests and the sections
 * evl_begin_fpu()/evl_end_fpu() open and close (kernel_fpu_begin()/_end() in the kernel).
 * On x86-64 a section saves the caller's x87 control word and resets the x87 unit, so that
 * the register stack is empty for evl_set_fpregs(); its end empties the stack again and
 * restores the control word. Elsewhere there is nothing to do and no feature to test.
 *
 * Inside a section, the sleep and the wake-up save and restore the registers around
 * their work (core/cpu.h, evlsim__fpu_guard_enter()).
 */
#include "core/cpu.h"
#include "core/thread.h"
#if defined(__x86_64__)
#include <cpuid.h>
#endif

#define EVL_X86_XMM2	0x1	/* uapi/asm/evl/fptest.h */
#define EVL_X86_AVX	0x2

static __thread unsigned short saved_cw;

__thread int evlsim__fpu_live __attribute__((tls_model("initial-exec")));
int evlsim__fpu_user;

#if defined(__x86_64__)
/*
 * The state a guard saves: x87, SSE and AVX (XSAVE components 0-2, at their standard
 * offsets: the legacy area, the header, then the upper halves of ymm0-15, 832 bytes), or
 * FXSAVE's 512 bytes (x87 and SSE) where the OS has not enabled XSAVE. 0: not probed.
 */
#define XSAVE_AREA	1024
#define GUARD_LEVELS	4	/* a call, a section's switch in it, a foreign call in that */
static unsigned int xsave_mask;
static int xsave_probed;
static __thread int guard_depth __attribute__((tls_model("initial-exec")));
static __thread unsigned char guard_area[GUARD_LEVELS][XSAVE_AREA]
	__attribute__((aligned(64), tls_model("initial-exec")));

static void probe_xsave(void)
{
	unsigned int a, b, c, d, lo, hi, mask = 0;

	if (__get_cpuid(1, &a, &b, &c, &d) && (c & bit_OSXSAVE)) {
		__asm__ __volatile__("xgetbv" : "=a" (lo), "=d" (hi) : "c" (0));
		mask = lo & 0x7;	/* x87 | SSE | AVX, as the OS enabled them */
	}
	__atomic_store_n(&xsave_mask, mask, __ATOMIC_RELAXED);
	__atomic_store_n(&xsave_probed, 1, __ATOMIC_RELEASE);
}

/*
 * Guards nest, each level with its own copy: a call saves the program's registers, a
 * driver's FPU section inside it loads others, which a switch in it saves in turn.
 * Levels beyond GUARD_LEVELS (never reached by the simulator's own nesting) save nothing.
 */
EVLSIM_GENERAL_REGS_ONLY void evlsim__fpu_guard_enter(void)
{
	unsigned int mask = __atomic_load_n(&xsave_mask, __ATOMIC_RELAXED);
	int level = guard_depth++;

	if (level >= GUARD_LEVELS)
		return;
	if (mask)
		__asm__ __volatile__("xsave %0" : "+m" (guard_area[level]) : "a" (mask), "d" (0));
	else
		__asm__ __volatile__("fxsave %0" : "=m" (guard_area[level]));
}

EVLSIM_GENERAL_REGS_ONLY void evlsim__fpu_guard_leave(void)
{
	unsigned int mask = __atomic_load_n(&xsave_mask, __ATOMIC_RELAXED);
	int level = --guard_depth;

	if (level >= GUARD_LEVELS)
		return;
	if (mask)
		__asm__ __volatile__("xrstor %0" : : "m" (guard_area[level]), "a" (mask), "d" (0));
	else
		__asm__ __volatile__("fxrstor %0" : : "m" (guard_area[level]));
}
#else
void evlsim__fpu_guard_enter(void)
{
}

void evlsim__fpu_guard_leave(void)
{
}
#endif

unsigned int evlsim__fpu_features(void)
{
	unsigned int features = 0;

#if defined(__x86_64__)
	__builtin_cpu_init();
	if (__builtin_cpu_supports("sse2"))
		features |= EVL_X86_XMM2;
	if (__builtin_cpu_supports("avx"))
		features |= EVL_X86_AVX;
#endif
	return features;
}

int evlsim__fpu_begin(void)
{
#if defined(__x86_64__)
	if (!__atomic_load_n(&xsave_probed, __ATOMIC_ACQUIRE))
		probe_xsave();
	__asm__ __volatile__("fnstcw %0\n\tfninit" : "=m" (saved_cw));
	evlsim__fpu_live++;
	return 1;
#else
	return 0;
#endif
}

void evlsim__fpu_end(void)
{
#if defined(__x86_64__)
	evlsim__fpu_live--;
	__asm__ __volatile__("fninit\n\tfldcw %0" : : "m" (saved_cw));
#endif
}

/* libevl's evl_detect_fpu(): the program tests its FPU registers (core/cpu.h) */
void evlsim__fpu_user_detect(struct evlsim_thread *self)
{
#if defined(__x86_64__)
	if (!__atomic_load_n(&xsave_probed, __ATOMIC_ACQUIRE))
		probe_xsave();
	__atomic_store_n(&evlsim__fpu_user, 1, __ATOMIC_RELEASE);
	if (self)
		self->oob_fastpath = 0;
#endif
}

EVLSIM_GENERAL_REGS_ONLY void evlsim__fpu_call_enter(struct evlsim_thread *t)
{
	t->fpu_call = 1;
	evlsim__fpu_live++;
	evlsim__fpu_guard_enter();
}

EVLSIM_GENERAL_REGS_ONLY void evlsim__fpu_call_leave(struct evlsim_thread *t)
{
	evlsim__fpu_guard_leave();
	evlsim__fpu_live--;
	t->fpu_call = 0;
}
