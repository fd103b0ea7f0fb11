// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The golden-rule checker (kernel world): at the entry of each driver-facing service, the
 * calling context is checked against the service's row of the stage classification table
 * (evlsim/services.def), and a violation is reported once per call site, naming the rule,
 * the service and the calling driver function (spec section 4.4 and 4.5).
 *
 * The context: the caller's stage (evlsim__self->stage), whether it runs an interrupt
 * handler (evlsim__self->in_irq: an out-of-band one, an EVL timer's or a device's, the
 * latter also counted in ->in_dev_irq; ->in_inband_irq: an in-band device handler; all
 * set around the handlers by evlsim__oob_irq_enter() and sim/hw/irq-flow.c), its hard lock
 * depth and hard irq flag (spinlock.c), and whether it is an EVL kthread.
 *
 * The simulator's own use of these services never reaches a check: its internal paths
 * call the unchecked variants (__evlsim_*()), or run inside evlsim__unchecked_begin/end()
 * (a per-thread depth, for internal calls of a checked service in a legitimate context).
 */
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <evlsim/services.h>
#include "kinternal.h"

struct evlsim_service_desc {
	const char *name;
	unsigned char stages;
	unsigned char flags;
};

static const struct evlsim_service_desc services[EVLSIM_SVC_NR] = {
#define EVLSIM_SERVICE(__name, __stages, __flags)				\
	[EVLSIM_SVC_##__name] = { .name = #__name, .stages = (__stages), .flags = (__flags) },
#include <evlsim/services.def>
#undef EVLSIM_SERVICE
};

/*
 * The caller's hard irq state, one word (kinternal.h): the spinlocks and the irq flag
 * operations keep it, the checks here and the oob fast path read it.
 */
__thread unsigned int evlsim__hard_state __attribute__((tls_model("initial-exec")));
__thread void *evlsim__wait_site __attribute__((tls_model("initial-exec")));
__thread int evlsim__wait_svc __attribute__((tls_model("initial-exec")));

/* ---- one report per call site ---------------------------------------------------------- */

#define SITES_ORDER	12
#define NR_SITES	(1U << SITES_ORDER)

static struct evlsim_mutex sites_lock = EVLSIM_MUTEX_INITIALIZER;
static const void *sites[NR_SITES];
static unsigned int nr_sites;

/* true the first time @site (with @rule) is seen */
static bool first_at(const void *site, const char *rule)
{
	unsigned long key = (unsigned long)site ^ ((unsigned long)rule << 7);
	unsigned int i = (unsigned int)((key * 0x9E3779B97F4A7C15UL) >> (64 - SITES_ORDER));
	const void *k = (const void *)key;
	bool first = true;

	evlsim__mutex_lock(&sites_lock);
	for (;;) {
		if (!sites[i]) {
			if (nr_sites < NR_SITES - 1) {	/* full: report every time */
				sites[i] = k;
				nr_sites++;
			}
			break;
		}
		if (sites[i] == k) {
			first = false;
			break;
		}
		i = (i + 1) & (NR_SITES - 1);
	}
	evlsim__mutex_unlock(&sites_lock);
	return first;
}

/**
 * evlsim__check_report - report a broken rule once per call site
 * @rule: the rule's fixed name
 * @what: the service (or handler) involved
 * @site: the call site, symbolized as the calling function
 */
static void vreport(const char *rule, const char *what, const void *site, const void *key,
		    const char *fmt, va_list ap)
{
	char func[160], msg[256];

	if (!first_at(key, rule))
		return;
	evlsim__symbolize(site, func, sizeof(func));
	vsnprintf(msg, sizeof(msg), fmt, ap);
	evlsim__report(EVLSIM_REPORT_RULE, rule, "%s called from %s: %s", what, func, msg);
}

void evlsim__check_report(const char *rule, const char *what, const void *site,
			  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(rule, what, site, site, fmt, ap);
	va_end(ap);
}

/* the same, deduplicated on @key rather than on @site */
static __printf(5, 6) void report_keyed(const char *rule, const char *what, const void *site,
					const void *key, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(rule, what, site, key, fmt, ap);
	va_end(ap);
}

/* ---- the context ----------------------------------------------------------------------- */

static bool hard_context(int own_locks)
{
	return evlsim__hard_irq_flag() || evlsim__hard_lock_depth() > own_locks;
}

static void check(int svc, const void *caller, int own_locks)
{
	const struct evlsim_service_desc *d = &services[svc];
	struct evlsim_thread *t = evlsim__self;
	bool oob = t && t->stage == EVLSIM_OOB;
	bool devirq = t && t->in_dev_irq > 0;	/* an oob device handler (hw/irq-flow.c) */
	bool timer = t && t->in_irq > 0 && !devirq;	/* an EVL timer handler (evl/timer.c) */
	bool inband_irq = t && t->in_inband_irq > 0;	/* an in-band device handler */
	const char *where = timer ? " (EVL timer handler)" :
		devirq ? " (out-of-band interrupt handler)" : "";
	int flags = d->flags;

	if (evlsim__unchecked || evlsim__check_mode() == EVLSIM_CHECK_OFF)
		return;
	if (flags & EVLSIM_SVC_MAY_SLEEP)
		flags |= EVLSIM_SVC_NO_HARD;

	if (flags & EVLSIM_SVC_KTHREAD) {
		/* "any stage, from a kernel thread context": an EVL kthread, or in-band task
		 * context; never a timer handler, nor the oob handler of a user thread */
		if (timer || devirq || inband_irq || (oob && !t->evl_thread_ext))
			evlsim__check_report("kthread-context-only", d->name, caller,
					     "%s() may only be called from a kernel thread context, not from %s",
					     d->name, timer ? "an EVL timer handler" :
					     devirq || inband_irq ? "an interrupt handler" :
					     "the out-of-band stage of a user thread");
		return;
	}

	switch (d->stages) {
	case EVLSIM_SVC_OOB:
		if (flags & EVLSIM_SVC_EPERM)
			return;
		if (devirq || inband_irq)
			evlsim__check_report("evl-wait-in-irq", d->name, caller,
					     "blocking EVL wait %s() from an %s interrupt handler (cannot block)",
					     d->name, devirq ? "out-of-band" : "in-band");
		else if (timer)
			evlsim__check_report("evl-wait-in-timer", d->name, caller,
					     "blocking EVL wait %s() from an EVL timer handler (cannot block)",
					     d->name);
		else if (!oob)
			evlsim__check_report("evl-wait-inband", d->name, caller,
					     "blocking EVL wait %s() from the in-band stage (only oob threads may block on EVL wait channels)",
					     d->name);
		else if (hard_context(own_locks))
			evlsim__check_report("sleep-hard-locked", d->name, caller,
					     "blocking EVL wait %s() with a hard lock held or hard irqs off",
					     d->name);
		return;
	case EVLSIM_SVC_INBAND:
		if (oob) {
			if (flags & EVLSIM_SVC_LOCK)
				evlsim__check_report("spinlock-oob", d->name, caller,
						     "%s() on a spinlock_t or raw_spinlock_t from the out-of-band stage%s (only hard_spinlock_t is oob-safe)",
						     d->name, where);
			else
				evlsim__check_report("oob-calls-inband", d->name, caller,
						     "in-band only service %s() called from the out-of-band stage%s",
						     d->name, where);
			return;
		}
		if (inband_irq && (flags & EVLSIM_SVC_MAY_SLEEP)) {
			evlsim__check_report("inband-irq-sleeps", d->name, caller,
					     "%s() may sleep: called from an in-band interrupt handler",
					     d->name);
			return;
		}
		break;
	}
	if ((flags & EVLSIM_SVC_NO_HARD) && hard_context(own_locks))
		evlsim__check_report("sleep-hard-locked", d->name, caller,
				     "%s() %s with a hard lock held or hard irqs off", d->name,
				     flags & EVLSIM_SVC_MAY_SLEEP ? "may sleep: called" : "called");
}

void evlsim__check_service_at(int svc, void *caller)
{
	check(svc, caller, 0);
}

noinline void evlsim__check_service_here(int svc)
{
	if (likely(__atomic_load_n(&evlsim__checks_enabled, __ATOMIC_RELAXED)))
		check(svc, __builtin_return_address(0), 0);
}

/* With @own_locks hard locks of the service itself held (an EVL wait holds its channel's). */
void evlsim__check_service_locked(int svc, void *caller, int own_locks)
{
	if (likely(__atomic_load_n(&evlsim__checks_enabled, __ATOMIC_RELAXED)))
		check(svc, caller, own_locks);
}

/* An oob handler (or an in-band one) returning to user space: no hard lock, irqs on. */
void evlsim__check_return(const char *handler, const void *fn)
{
	if (likely(!hard_context(0)) || !__atomic_load_n(&evlsim__checks_enabled, __ATOMIC_RELAXED) ||
	    evlsim__check_mode() == EVLSIM_CHECK_OFF)
		return;
	/* a handler returning locked and one returning with irqs off: two sites */
	report_keyed("return-locked", handler, fn,
		     (const char *)fn + (evlsim__hard_lock_depth() ? 0 : 1),
			     "%s handler returns to user space with %d hard lock(s) held%s",
			     handler, evlsim__hard_lock_depth(),
			     evlsim__hard_irq_flag() ? ", hard irqs off" : "");
}

/* Hard irqs turned on in an oob interrupt context, at @site (kernel/spinlock.c). */
noinline void evlsim__check_irqs_on(const void *site)
{
	if (evlsim__unchecked || !__atomic_load_n(&evlsim__checks_enabled, __ATOMIC_RELAXED) ||
	    evlsim__check_mode() == EVLSIM_CHECK_OFF)
		return;
	evlsim__check_report("irq-handler-irqs-on", "hard_local_irq_enable", site,
			     "an out-of-band interrupt handler turns hard irqs on (they must stay off)");
}
