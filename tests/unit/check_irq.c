// SPDX-License-Identifier: MIT
/*
 * check_irq: simulated interrupts (docs/api/irq.md; spec hardware-model.md A.1 and C.3).
 * The rules and error codes of request_irq() & co., the contexts handlers run in, the
 * two deliveries, deferred delivery under hard irqs off, IRQ_FORWARD, threaded handlers,
 * the unhandled-interrupt accounting, the golden rules of interrupt context, accounting
 * and fault injection, all on the test driver tirq (tests/drivers/tirq-abi.h).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <sys/syscall.h>
#include <evl/evl.h>
#include <evl/thread.h>
#include <evlsim/hw.h>
#include "evlsim-check.h"
#include "../drivers/tirq-abi.h"

static int line_a, line_b;

static pid_t gettid_(void)
{
	return (pid_t)syscall(SYS_gettid);
}

static void setup(void)
{
	ck_assert_ret(evlsim_load_module("tirq"), 0);
	tirq_reset();
	line_a = evlsim_irq_line_create("a", EVLSIM_IRQ_EDGE_RISING);
	line_b = evlsim_irq_line_create("b", EVLSIM_IRQ_EDGE_RISING);
	ck_assert_int_gt(line_a, 0);
	ck_assert_int_gt(line_b, 0);
	evlsim_reset_reports();
}

static void teardown(void)
{
	ck_assert_ret(evlsim_unload_module("tirq"), 0);
	ck_assert_no_reports();
}

static void config(int slot, int ret, unsigned int todo)
{
	struct tirq_cfg cfg = { .ret = ret, .todo = todo, .thread_ret = TIRQ_HANDLED };

	tirq_config(slot, &cfg);
}

static struct tirq_obs obs(int slot)
{
	struct tirq_obs o;

	tirq_obs(slot, &o);
	return o;
}

static struct evlsim_irq_stats stats(int irq)
{
	struct evlsim_irq_stats st;

	ck_assert_ret(evlsim_irq_stats(irq, &st), 0);
	return st;
}

/* the rule @rule is reported by @what, @n reports in all */
#define expect_rules(what, rule, n)					\
	do {								\
		struct evlsim_capture __c;				\
		char *__out;						\
									\
		evlsim_capture_start(&__c);				\
		what;							\
		__out = evlsim_capture_end(&__c);			\
		ck_assert_msg(strstr(__out, "RULE [" rule "]"), "no %s report", rule); \
		ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_RULE), n); \
		free(__out);						\
		evlsim_reset_reports();					\
	} while (0)
#define expect_rule(what, rule)		expect_rules(what, rule, 1)

/* ---- A.1.2: request and free ---------------------------------------------------------- */

START_TEST(test_irq_request_errors)
{
	config(0, TIRQ_HANDLED, 0);
	ck_assert_ret(tirq_request(0, TIRQ_NOTCONNECTED, 0, TIRQ_REQ_IRQ, "x"), -ENOTCONN);
	ck_assert_ret(tirq_request(0, line_a, TIRQ_F_SHARED, TIRQ_REQ_IRQ | TIRQ_REQ_NULL_DEVID,
				   "x"), -EINVAL);
	ck_assert_ret(tirq_request(0, line_a, TIRQ_F_SHARED | TIRQ_F_NO_AUTOEN, TIRQ_REQ_IRQ, "x"),
		      -EINVAL);
	ck_assert_ret(tirq_request(0, line_a, TIRQ_F_COND_SUSPEND, TIRQ_REQ_IRQ, "x"), -EINVAL);
	ck_assert_ret(tirq_request(0, line_a, TIRQ_F_SHARED | TIRQ_F_NO_SUSPEND |
				   TIRQ_F_COND_SUSPEND, TIRQ_REQ_IRQ, "x"), -EINVAL);
	ck_assert_ret(tirq_request(0, 5, 0, TIRQ_REQ_IRQ, "x"), -EINVAL);	/* no such line */
	ck_assert_ret(tirq_request(0, 100000, 0, TIRQ_REQ_IRQ, "x"), -EINVAL);
	ck_assert_ret(tirq_request(0, line_a, 0, TIRQ_REQ_NO_HANDLER, "x"), -EINVAL);
	/* out-of-band interrupts can be shared but not threaded */
	ck_assert_ret(tirq_request(0, line_a, TIRQ_F_OOB, TIRQ_REQ_THREADED, "x"), -EINVAL);
	/* a thread only, without IRQF_ONESHOT, on a chip that is not oneshot-safe */
	ck_assert_ret(tirq_request(0, line_a, 0, TIRQ_REQ_THREAD_ONLY, "x"), -EINVAL);
	ck_assert_int_eq(tirq_has_action(line_a), 0);
	ck_assert_ret(tirq_request(0, line_a, TIRQ_F_ONESHOT, TIRQ_REQ_THREAD_ONLY, "x"), 0);
	ck_assert_int_eq(tirq_has_action(line_a), 1);
	ck_assert_int_eq(tirq_free(0, line_a), 1);
	ck_assert_int_eq(tirq_has_action(line_a), 0);
}
END_TEST

START_TEST(test_irq_request_shared_rules)
{
	struct tirq_log_entry log[8];

	config(0, TIRQ_HANDLED, 0);
	config(1, TIRQ_HANDLED, 0);
	/* not shared: a second action is refused */
	ck_assert_ret(tirq_request(0, line_a, TIRQ_F_OOB, TIRQ_REQ_IRQ, "x0"), 0);
	ck_assert_ret(tirq_request(1, line_a, TIRQ_F_OOB, TIRQ_REQ_IRQ, "x1"), -EBUSY);
	ck_assert_int_eq(tirq_free(0, line_a), 1);
	/* shared, mixed IRQF_OOB */
	ck_assert_ret(tirq_request(0, line_a, TIRQ_F_SHARED | TIRQ_F_OOB, TIRQ_REQ_IRQ, "x0"), 0);
	ck_assert_ret(tirq_request(1, line_a, TIRQ_F_SHARED, TIRQ_REQ_IRQ, "x1"), -EBUSY);
	/* shared, another trigger type */
	ck_assert_ret(tirq_request(1, line_a, TIRQ_F_SHARED | TIRQ_F_OOB | TIRQ_F_TRIGGER_HIGH,
				   TIRQ_REQ_IRQ, "x1"), -EBUSY);
	/* shared alike: both handlers, in chain order, on the oob stage */
	ck_assert_ret(tirq_request(1, line_a, TIRQ_F_SHARED | TIRQ_F_OOB | TIRQ_F_PROBE_SHARED,
				   TIRQ_REQ_IRQ, "x1"), 0);
	ck_assert_ret(evlsim_irq_raise(line_a), 0);
	ck_assert_int_eq(tirq_log(log, 8), 2);
	ck_assert_int_eq(log[0].slot, 0);
	ck_assert_int_eq(log[1].slot, 1);
	ck_assert_int_eq(log[0].kind, TIRQ_LOG_OOB);
	ck_assert_int_eq(log[1].kind, TIRQ_LOG_OOB);
	ck_assert_int_eq(tirq_free(1, line_a), 1);
	ck_assert_int_eq(tirq_free(0, line_a), 1);
	/* IRQF_ONESHOT mismatch, unless the newcomer agrees (request_irq(): COND_ONESHOT) */
	ck_assert_ret(tirq_request(0, line_a, TIRQ_F_SHARED | TIRQ_F_ONESHOT, TIRQ_REQ_THREADED,
				   "x0"), 0);
	ck_assert_ret(tirq_request(1, line_a, TIRQ_F_SHARED, TIRQ_REQ_THREADED, "x1"), -EBUSY);
	ck_assert_ret(tirq_request(1, line_a, TIRQ_F_SHARED, TIRQ_REQ_IRQ, "x1"), 0);
	ck_assert_int_eq(tirq_free(1, line_a), 1);
	ck_assert_int_eq(tirq_free(0, line_a), 1);
}
END_TEST

START_TEST(test_irq_free_warns)
{
	struct evlsim_capture c;
	char *out;

	config(0, TIRQ_HANDLED, 0);
	ck_assert_int_eq(tirq_free(0, 9999), 0);	/* no such line: NULL, silently */
	ck_assert_uint_eq(evlsim_report_total(), 0);
	evlsim_capture_start(&c);
	ck_assert_ret(tirq_request(0, line_a, 0, TIRQ_REQ_IRQ, "x0"), 0);
	ck_assert_int_eq(tirq_free(0, line_a), 1);
	ck_assert_int_eq(tirq_free(0, line_a), 0);	/* already free: WARN, NULL */
	out = evlsim_capture_end(&c);
	ck_assert_ptr_nonnull(strstr(out, "Trying to free already-free IRQ"));
	free(out);
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_WARN), 1);
	evlsim_reset_reports();
}
END_TEST

/* ---- contexts ------------------------------------------------------------------------- */

START_TEST(test_irq_oob_handler_context)
{
	struct tirq_obs o;

	config(0, TIRQ_HANDLED, 0);
	ck_assert_ret(tirq_request(0, line_a, TIRQ_F_OOB, TIRQ_REQ_IRQ, "x0"), 0);
	ck_assert_ret(evlsim_irq_raise(line_a), 0);
	o = obs(0);
	ck_assert_int_eq(o.oob_calls, 1);
	ck_assert_int_eq(o.inband_calls, 0);
	ck_assert_int_eq(o.oob_ctx, TIRQ_OBS_OOB | TIRQ_OBS_IN_IRQ | TIRQ_OBS_HARD_OFF |
			 TIRQ_OBS_INTERRUPT | TIRQ_OBS_CANNOT_BLOCK);
	ck_assert_int_eq(o.oob_tid, gettid_());		/* INJECT: the raising thread */
	ck_assert_int_eq(stats(line_a).oob_handled, 1);
	ck_assert_int_eq(stats(line_a).oob, 1);
	ck_assert_int_eq(tirq_free(0, line_a), 1);
}
END_TEST

START_TEST(test_irq_inband_handler_context)
{
	struct tirq_obs o;

	config(0, TIRQ_HANDLED, 0);
	ck_assert_ret(tirq_request(0, line_a, 0, TIRQ_REQ_IRQ, "x0"), 0);
	ck_assert_ret(evlsim_irq_raise(line_a), 0);
	o = obs(0);
	ck_assert_int_eq(o.oob_calls, 0);
	ck_assert_int_eq(o.inband_calls, 1);
	ck_assert_int_eq(o.inband_ctx, TIRQ_OBS_INTERRUPT | TIRQ_OBS_CANNOT_BLOCK);
	ck_assert_int_eq(o.inband_tid, gettid_());	/* an in-band raiser syncs its log */
	ck_assert_int_eq(tirq_free(0, line_a), 1);
}
END_TEST

START_TEST(test_irq_forward_runs_inband_after_oob)
{
	struct tirq_log_entry log[8];
	struct tirq_obs o;

	config(0, TIRQ_FORWARD, 0);
	ck_assert_ret(tirq_request(0, line_a, TIRQ_F_OOB, TIRQ_REQ_IRQ, "x0"), 0);
	ck_assert_ret(evlsim_irq_raise(line_a), 0);
	ck_assert_ret(evlsim_irq_wait_idle(line_a), 0);
	ck_assert_int_eq(tirq_log(log, 8), 2);
	ck_assert_int_eq(log[0].kind, TIRQ_LOG_OOB);
	ck_assert_int_eq(log[1].kind, TIRQ_LOG_INBAND);
	o = obs(0);
	ck_assert_int_eq(o.inband_ctx, TIRQ_OBS_INTERRUPT | TIRQ_OBS_CANNOT_BLOCK);
	ck_assert_int_eq(stats(line_a).forwarded, 1);
	ck_assert_int_eq(stats(line_a).inband_handled, 1);
	ck_assert_int_eq(tirq_free(0, line_a), 1);
}
END_TEST

START_TEST(test_irq_threaded_handler)
{
	struct tirq_log_entry log[8];
	struct tirq_obs o;

	config(0, TIRQ_WAKE_THREAD, 0);
	ck_assert_ret(tirq_request(0, line_a, TIRQ_F_ONESHOT, TIRQ_REQ_THREADED, "x0"), 0);
	ck_assert_ret(evlsim_irq_raise(line_a), 0);
	ck_assert_ret(evlsim_irq_wait_idle(line_a), 0);
	ck_assert_int_eq(tirq_log(log, 8), 2);
	ck_assert_int_eq(log[0].kind, TIRQ_LOG_INBAND);
	ck_assert_int_eq(log[1].kind, TIRQ_LOG_THREAD);
	o = obs(0);
	ck_assert_int_eq(o.thread_calls, 1);
	ck_assert_int_ne(o.thread_tid, gettid_());
	ck_assert_int_eq(o.thread_ctx, TIRQ_OBS_CANNOT_BLOCK);	/* task context, in-band */
	ck_assert_int_eq(stats(line_a).threaded, 1);
	ck_assert_int_eq(tirq_free(0, line_a), 1);
	/* a thread function only: the default primary handler wakes it */
	ck_assert_ret(tirq_request(1, line_b, TIRQ_F_ONESHOT, TIRQ_REQ_THREAD_ONLY, "x1"), 0);
	ck_assert_ret(evlsim_irq_raise(line_b), 0);
	ck_assert_ret(evlsim_irq_wait_idle(line_b), 0);
	ck_assert_int_eq(obs(1).thread_calls, 1);
	ck_assert_int_eq(obs(1).inband_calls, 0);
	ck_assert_int_eq(tirq_free(1, line_b), 1);
}
END_TEST

/* a level device that deasserts after @n acknowledges */
struct level_dev {
	int irq;
	atomic_int acks;
	int deassert_after;
};

static void level_ack(void *ctx)
{
	struct level_dev *d = ctx;

	if (atomic_fetch_add(&d->acks, 1) + 1 >= d->deassert_after)
		evlsim_irq_lower(d->irq);
}

START_TEST(test_irq_level_refires_while_asserted)
{
	struct level_dev d = { .deassert_after = 3 };
	struct tirq_cfg cfg = { .ret = TIRQ_HANDLED, .todo = TIRQ_DO_ACK, .ack = level_ack,
				.ack_ctx = &d };
	int irq = evlsim_irq_line_create("lvl", EVLSIM_IRQ_LEVEL_HIGH);

	d.irq = irq;
	tirq_config(0, &cfg);
	ck_assert_ret(tirq_request(0, irq, TIRQ_F_OOB, TIRQ_REQ_IRQ, "lvl"), 0);
	ck_assert_ret(evlsim_irq_raise(irq), 0);
	ck_assert_int_eq(obs(0).oob_calls, 3);
	/* lowered: nothing more; the in-band flow masks until its pass, then re-fires too */
	ck_assert_int_eq(tirq_free(0, irq), 1);
	atomic_store(&d.acks, 0);
	ck_assert_ret(tirq_request(1, irq, 0, TIRQ_REQ_IRQ, "lvl"), 0);
	cfg.ack_ctx = &d;
	tirq_config(1, &cfg);
	ck_assert_ret(evlsim_irq_raise(irq), 0);
	ck_assert_int_eq(obs(1).inband_calls, 3);
	ck_assert_int_eq(tirq_free(1, irq), 1);
	ck_assert_ret(evlsim_irq_line_destroy(irq), 0);
}
END_TEST

START_TEST(test_irq_oneshot_thread_masks_level_line)
{
	struct level_dev d = { .deassert_after = 1 };
	struct tirq_cfg cfg = { .ret = TIRQ_WAKE_THREAD, .thread_ret = TIRQ_HANDLED,
				.thread_todo = TIRQ_DO_ACK, .ack = level_ack, .ack_ctx = &d };
	int irq = evlsim_irq_line_create("lvl", EVLSIM_IRQ_LEVEL_HIGH);

	d.irq = irq;
	tirq_config(0, &cfg);
	ck_assert_ret(tirq_request(0, irq, TIRQ_F_ONESHOT, TIRQ_REQ_THREADED, "lvl"), 0);
	ck_assert_ret(evlsim_irq_raise(irq), 0);
	ck_assert_ret(evlsim_irq_wait_idle(irq), 0);
	/* masked until the thread acknowledged the device: one primary call, one thread run */
	ck_assert_int_eq(obs(0).inband_calls, 1);
	ck_assert_int_eq(obs(0).thread_calls, 1);
	ck_assert_int_eq(tirq_free(0, irq), 1);
	ck_assert_ret(evlsim_irq_line_destroy(irq), 0);
}
END_TEST

/* ---- EVL wake-ups take effect when the handler returns -------------------------------- */

struct reader {
	pthread_t tid;
	int fd, efd;
	long ret;
	atomic_int ready;
};

static void *reader_fn(void *arg)
{
	struct reader *r = arg;
	char buf[64];

	r->efd = evl_attach_self("irq-reader:%d", gettid_());
	atomic_store(&r->ready, 1);
	r->ret = oob_read(r->fd, buf, sizeof(buf));
	evl_detach_self();
	return NULL;
}

static void wait_pending(struct reader *r)
{
	struct evl_thread_state st;
	int i;

	while (!atomic_load(&r->ready))
		usleep(100);
	for (i = 0; i < 100000; i++) {
		ck_assert_call(evl_get_state(r->efd, &st), 0);
		if (st.state & EVL_T_PEND)
			return;
		usleep(100);
	}
	ck_abort_msg("reader never blocked");
}

static void check_wake_at_handler_end(int how)
{
	struct reader r = { .fd = open("/dev/tirq", O_RDWR) };
	int exits = tirq_handler_exits();

	ck_assert_int_ge(r.fd, 0);
	config(0, TIRQ_HANDLED, TIRQ_DO_RAISE_FLAG | TIRQ_DO_WAIT_READER);
	ck_assert_ret(tirq_request(0, line_a, TIRQ_F_OOB, TIRQ_REQ_IRQ, "x0"), 0);
	ck_assert_ret(evlsim_irq_set_delivery(line_a, how), 0);
	ck_assert_int_eq(pthread_create(&r.tid, NULL, reader_fn, &r), 0);
	wait_pending(&r);
	ck_assert_ret(evlsim_irq_raise(line_a), 0);
	ck_assert_int_eq(pthread_join(r.tid, NULL), 0);
	/* the reader woke after the handler returned, never inside it */
	ck_assert_int_eq(r.ret, exits + 1);
	ck_assert_ret(evlsim_irq_wait_idle(line_a), 0);
	ck_assert_int_eq(tirq_free(0, line_a), 1);
	close(r.fd);
}

START_TEST(test_irq_evl_wakeup_at_handler_end)
{
	check_wake_at_handler_end(EVLSIM_IRQ_INJECT);
	check_wake_at_handler_end(EVLSIM_IRQ_ASYNC);
}
END_TEST

/* ---- delivery under hard irqs off ----------------------------------------------------- */

START_TEST(test_irq_deferred_under_hard_lock)
{
	unsigned long flags;

	config(0, TIRQ_HANDLED, TIRQ_DO_LOCKED_COUNT);
	ck_assert_ret(tirq_request(0, line_a, TIRQ_F_OOB, TIRQ_REQ_IRQ, "x0"), 0);
	tirq_lock();
	ck_assert_ret(evlsim_irq_raise(line_a), 0);	/* logged: hard irqs are off */
	ck_assert_int_eq(obs(0).oob_calls, 0);
	ck_assert_int_eq(stats(line_a).logged, 1);
	tirq_unlock();					/* taken right after the unlock */
	ck_assert_int_eq(obs(0).oob_calls, 1);
	ck_assert_int_eq(tirq_count(), 1);
	/* the same with hard_local_irq_save(), nested */
	flags = tirq_hard_save();
	ck_assert_ret(evlsim_irq_raise(line_a), 0);
	ck_assert_ret(evlsim_irq_raise(line_a), 0);	/* coalesced, as a log bit */
	tirq_lock();
	tirq_unlock();
	ck_assert_int_eq(obs(0).oob_calls, 1);
	tirq_hard_restore(flags);
	ck_assert_int_eq(obs(0).oob_calls, 2);
	ck_assert_int_eq(tirq_free(0, line_a), 1);
}
END_TEST

START_TEST(test_irq_raised_in_handler_runs_after_it)
{
	struct tirq_log_entry log[8];
	struct tirq_cfg cfg = { .ret = TIRQ_HANDLED, .todo = TIRQ_DO_INJECT, .arg = line_b };

	tirq_config(0, &cfg);
	config(1, TIRQ_HANDLED, 0);
	ck_assert_ret(tirq_request(0, line_a, TIRQ_F_OOB, TIRQ_REQ_IRQ, "x0"), 0);
	ck_assert_ret(tirq_request(1, line_b, TIRQ_F_OOB, TIRQ_REQ_IRQ, "x1"), 0);
	ck_assert_ret(evlsim_irq_raise(line_a), 0);
	ck_assert_int_eq(obs(0).last_ret, 0);
	ck_assert_int_eq(tirq_log(log, 8), 2);
	ck_assert_int_eq(log[0].slot, 0);
	ck_assert_int_eq(log[1].slot, 1);
	/* irq_inject_pipeline() from the test thread: delivered at once */
	ck_assert_int_eq(tirq_inject(line_b), 0);
	ck_assert_int_eq(obs(1).oob_calls, 2);
	ck_assert_int_eq(tirq_inject(7), -EINVAL);
	ck_assert_int_eq(tirq_free(0, line_a), 1);
	ck_assert_int_eq(tirq_free(1, line_b), 1);
}
END_TEST

/* ---- A.1.3: enable and disable -------------------------------------------------------- */

START_TEST(test_irq_disable_enable_nesting)
{
	struct evlsim_capture c;
	char *out;

	config(0, TIRQ_HANDLED, 0);
	ck_assert_ret(tirq_request(0, line_a, TIRQ_F_OOB, TIRQ_REQ_IRQ, "x0"), 0);
	tirq_disable_nosync(line_a);
	tirq_disable(line_a);
	ck_assert_int_eq(stats(line_a).disabled, 1);
	ck_assert_ret(evlsim_irq_raise(line_a), 0);	/* kept pending */
	ck_assert_int_eq(obs(0).oob_calls, 0);
	tirq_enable(line_a);
	ck_assert_int_eq(obs(0).oob_calls, 0);		/* one disable left */
	tirq_enable(line_a);
	ck_assert_int_eq(obs(0).oob_calls, 1);		/* the edge is resent */
	evlsim_capture_start(&c);
	tirq_enable(line_a);
	out = evlsim_capture_end(&c);
	ck_assert_ptr_nonnull(strstr(out, "Unbalanced enable for IRQ"));
	free(out);
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_WARN), 1);
	evlsim_reset_reports();
	tirq_synchronize(line_a);
	ck_assert_int_eq(tirq_free(0, line_a), 1);
	/* IRQF_NO_AUTOEN: started by enable_irq() only */
	ck_assert_ret(tirq_request(0, line_a, TIRQ_F_OOB | TIRQ_F_NO_AUTOEN, TIRQ_REQ_IRQ, "x0"), 0);
	ck_assert_ret(evlsim_irq_raise(line_a), 0);
	ck_assert_int_eq(obs(0).oob_calls, 1);
	tirq_enable(line_a);
	ck_assert_int_eq(obs(0).oob_calls, 2);
	ck_assert_int_eq(tirq_free(0, line_a), 1);
	/* an edge on a line nobody requested is lost */
	ck_assert_ret(evlsim_irq_raise(line_a), 0);
	ck_assert_int_eq(stats(line_a).lost, 1);
}
END_TEST

START_TEST(test_irq_set_type)
{
	ck_assert_int_eq(tirq_set_type(line_a, EVLSIM_IRQ_LEVEL_LOW), 0);
	ck_assert_uint_eq(tirq_get_type(line_a), EVLSIM_IRQ_LEVEL_LOW);
	ck_assert_int_eq(tirq_set_type(line_a, EVLSIM_IRQ_LEVEL_HIGH | EVLSIM_IRQ_EDGE_RISING),
			 -EINVAL);
	ck_assert_int_eq(tirq_set_type(line_a, 0), -EINVAL);
	ck_assert_int_eq(tirq_set_type(3, EVLSIM_IRQ_EDGE_BOTH), -EINVAL);
	ck_assert_uint_eq(tirq_get_type(3), 0);
	ck_assert_int_eq(tirq_set_type(line_a, EVLSIM_IRQ_EDGE_BOTH), 0);
	ck_assert_int_eq(stats(line_a).type, EVLSIM_IRQ_EDGE_BOTH);
}
END_TEST

/* ---- unhandled interrupts and bogus results ------------------------------------------- */

START_TEST(test_irq_unhandled_oob_disables_line)
{
	struct evlsim_capture c;
	struct evlsim_irq_stats st;
	char *out;
	int i;

	config(0, TIRQ_NONE, 0);
	ck_assert_ret(tirq_request(0, line_a, TIRQ_F_OOB, TIRQ_REQ_IRQ, "x0"), 0);
	for (i = 0; i < 1001; i++)
		ck_assert_ret(evlsim_irq_raise(line_a), 0);
	ck_assert_int_eq(stats(line_a).disabled, 0);	/* 1000 in a row are tolerated */
	evlsim_capture_start(&c);
	for (i = 0; i < 100000 && !stats(line_a).disabled; i++)
		ck_assert_ret(evlsim_irq_raise(line_a), 0);
	out = evlsim_capture_end(&c);
	st = stats(line_a);
	ck_assert_int_eq(st.disabled, 1);
	ck_assert_int_eq(st.spurious_disabled, 1);
	ck_assert_int_eq(st.oob, 0);
	ck_assert_uint_ge(st.unhandled, 1002);
	ck_assert_ptr_nonnull(strstr(out, "stuck or unexpected"));
	free(out);
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_WARN), 1);
	evlsim_reset_reports();
	i = obs(0).oob_calls;
	ck_assert_ret(evlsim_irq_raise(line_a), 0);
	ck_assert_int_eq(obs(0).oob_calls, i);		/* no more calls */
	ck_assert_int_eq(tirq_free(0, line_a), 1);
}
END_TEST

START_TEST(test_irq_unhandled_inband_disables_line)
{
	struct evlsim_capture c;
	char *out;
	int i;

	config(0, TIRQ_NONE, 0);
	ck_assert_ret(tirq_request(0, line_a, 0, TIRQ_REQ_IRQ, "x0"), 0);
	evlsim_capture_start(&c);
	for (i = 0; i < 300000 && !stats(line_a).disabled; i++)
		ck_assert_ret(evlsim_irq_raise(line_a), 0);
	out = evlsim_capture_end(&c);
	ck_assert_int_eq(stats(line_a).spurious_disabled, 1);
	ck_assert_int_ge(i, 100000);
	ck_assert_ptr_nonnull(strstr(out, "nobody cared"));
	free(out);
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_WARN), 1);
	evlsim_reset_reports();
	ck_assert_int_eq(tirq_free(0, line_a), 1);
}
END_TEST

START_TEST(test_irq_bogus_return_reported)
{
	struct evlsim_capture c;
	char *out;

	config(0, TIRQ_WAKE_THREAD, 0);		/* not a result of an oob handler */
	ck_assert_ret(tirq_request(0, line_a, TIRQ_F_OOB, TIRQ_REQ_IRQ, "x0"), 0);
	evlsim_capture_start(&c);
	ck_assert_ret(evlsim_irq_raise(line_a), 0);
	out = evlsim_capture_end(&c);
	ck_assert_ptr_nonnull(strstr(out, "bogus return value 0x2"));
	ck_assert_ptr_nonnull(strstr(out, "tirq_handler"));
	free(out);
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_DRIVER), 1);
	evlsim_reset_reports();
	ck_assert_int_eq(tirq_free(0, line_a), 1);
}
END_TEST

/* ---- asynchronous delivery ------------------------------------------------------------ */

/*
 * The IRQ CPU takes the line's events while the main thread raises more and runs the
 * driver's locked code; evlsim_irq_wait_idle() returns once all were taken, including
 * when the IRQ CPU finds a queued event already taken by the pass before (its waiters
 * were once never woken then: a hang under TSan's timing).
 */
START_TEST(test_irq_async_delivery_in_parallel)
{
	int i;

	config(0, TIRQ_HANDLED, TIRQ_DO_LOCKED_COUNT);
	ck_assert_ret(tirq_request(0, line_a, TIRQ_F_OOB, TIRQ_REQ_IRQ, "x0"), 0);
	ck_assert_ret(evlsim_irq_set_delivery(line_a, EVLSIM_IRQ_ASYNC), 0);
	for (i = 0; i < 200; i++) {
		ck_assert_ret(evlsim_irq_raise(line_a), 0);
		tirq_count_locked();		/* the driver's code, racing the handler */
		if (i % 10 == 9)
			ck_assert_ret(evlsim_irq_wait_idle(line_a), 0);
	}
	ck_assert_ret(evlsim_irq_wait_idle(line_a), 0);
	ck_assert_int_ne(obs(0).oob_tid, gettid_());	/* the IRQ CPU */
	ck_assert_int_eq(obs(0).oob_ctx, TIRQ_OBS_OOB | TIRQ_OBS_IN_IRQ | TIRQ_OBS_HARD_OFF |
			 TIRQ_OBS_INTERRUPT | TIRQ_OBS_CANNOT_BLOCK);
	/* edges raised while a pass ran are coalesced: at least one pass per wait_idle */
	ck_assert_int_ge(obs(0).oob_calls, 20);
	ck_assert_int_eq(tirq_count(), 200 + obs(0).lock_waited);
	ck_assert_int_eq(tirq_free(0, line_a), 1);
}
END_TEST

/* a device that raises its line from device-side time */
static atomic_int dev_fired;

static void dev_raise(void *ctx)
{
	evlsim_irq_raise(*(int *)ctx);
	atomic_fetch_add(&dev_fired, 1);
}

START_TEST(test_irq_hw_after_raises_from_the_device)
{
	int id, i;

	config(0, TIRQ_HANDLED, 0);
	ck_assert_ret(tirq_request(0, line_a, TIRQ_F_OOB, TIRQ_REQ_IRQ, "x0"), 0);
	atomic_store(&dev_fired, 0);
	ck_assert_int_gt(evlsim_hw_after(1000, dev_raise, &line_a), 0);
	for (i = 0; i < 100000 && !atomic_load(&dev_fired); i++)
		usleep(100);
	ck_assert_int_eq(atomic_load(&dev_fired), 1);
	ck_assert_ret(evlsim_irq_wait_idle(line_a), 0);
	ck_assert_int_eq(obs(0).oob_calls, 1);
	ck_assert_int_ne(obs(0).oob_tid, gettid_());	/* the device thread */
	id = evlsim_hw_after(3600ULL * 1000000000ULL, dev_raise, &line_a);
	ck_assert_int_gt(id, 0);
	ck_assert_ret(evlsim_hw_cancel(id), 0);
	ck_assert_ret(evlsim_hw_cancel(id), -ENOENT);
	ck_assert_ret(evlsim_hw_after(0, NULL, NULL), -EINVAL);
	ck_assert_int_eq(tirq_free(0, line_a), 1);
}
END_TEST

/* free_irq() waits for a running handler */
struct blocker {
	atomic_int entered, release, freed, freed_at_exit;
};

static void block_ack(void *ctx)
{
	struct blocker *b = ctx;

	atomic_store(&b->entered, 1);
	while (!atomic_load(&b->release))
		sched_yield();
	for (int i = 0; i < 1000; i++)
		sched_yield();
	atomic_store(&b->freed_at_exit, atomic_load(&b->freed));
}

static void *free_fn(void *arg)
{
	struct blocker *b = arg;

	tirq_free(0, line_a);
	atomic_store(&b->freed, 1);
	return NULL;
}

START_TEST(test_irq_free_waits_for_running_handler)
{
	struct blocker b = { 0 };
	struct tirq_cfg cfg = { .ret = TIRQ_HANDLED, .todo = TIRQ_DO_ACK, .ack = block_ack,
				.ack_ctx = &b };
	pthread_t t;

	tirq_config(0, &cfg);
	ck_assert_ret(tirq_request(0, line_a, TIRQ_F_OOB, TIRQ_REQ_IRQ, "x0"), 0);
	ck_assert_ret(evlsim_irq_set_delivery(line_a, EVLSIM_IRQ_ASYNC), 0);
	ck_assert_ret(evlsim_irq_raise(line_a), 0);
	while (!atomic_load(&b.entered))
		sched_yield();
	ck_assert_int_eq(pthread_create(&t, NULL, free_fn, &b), 0);
	atomic_store(&b.release, 1);
	ck_assert_int_eq(pthread_join(t, NULL), 0);
	ck_assert_int_eq(atomic_load(&b.freed_at_exit), 0);
	ck_assert_int_eq(tirq_has_action(line_a), 0);
}
END_TEST

/* ---- the golden rules of interrupt context -------------------------------------------- */

START_TEST(test_irq_golden_rules)
{
	config(0, TIRQ_HANDLED, TIRQ_DO_EVL_WAIT);
	ck_assert_ret(tirq_request(0, line_a, TIRQ_F_OOB, TIRQ_REQ_IRQ, "x0"), 0);
	expect_rule(evlsim_irq_raise(line_a), "evl-wait-in-irq");
	ck_assert_int_eq(obs(0).last_ret, -ETIMEDOUT);
	config(0, TIRQ_HANDLED, TIRQ_DO_IRQS_ON);
	expect_rule(evlsim_irq_raise(line_a), "irq-handler-irqs-on");
	config(0, TIRQ_HANDLED, TIRQ_DO_KMALLOC);
	expect_rules(evlsim_irq_raise(line_a), "oob-calls-inband", 2);	/* kmalloc, kfree */
	config(0, TIRQ_HANDLED, TIRQ_DO_KEEP_LOCK);
	expect_rule(evlsim_irq_raise(line_a), "irq-handler-returns-locked");
	tirq_unlock();
	ck_assert_int_eq(tirq_free(0, line_a), 1);

	config(0, TIRQ_HANDLED, TIRQ_DO_SLEEP);
	ck_assert_ret(tirq_request(0, line_a, 0, TIRQ_REQ_IRQ, "x0"), 0);
	expect_rule(evlsim_irq_raise(line_a), "inband-irq-sleeps");
	config(1, TIRQ_HANDLED, 0);
	ck_assert_ret(tirq_request(1, line_b, 0, TIRQ_REQ_IRQ, "x1"), 0);
	{
		struct tirq_cfg cfg = { .ret = TIRQ_HANDLED, .todo = TIRQ_DO_FREE_OTHER, .arg = 1 };

		tirq_config(0, &cfg);
	}
	expect_rule(evlsim_irq_raise(line_a), "free-irq-in-irq");
	ck_assert_int_eq(tirq_has_action(line_b), 0);
	ck_assert_int_eq(tirq_free(0, line_a), 1);
	/* irq_post_inband() wants hard irqs off */
	expect_rule(tirq_post_inband(line_a, 0), "irq-post-irqs-on");
}
END_TEST

START_TEST(test_irq_post_inband_runs_on_inband_thread)
{
	config(0, TIRQ_HANDLED, 0);
	ck_assert_ret(tirq_request(0, line_a, TIRQ_F_OOB, TIRQ_REQ_IRQ, "x0"), 0);
	tirq_post_inband(line_a, 1);
	ck_assert_ret(evlsim_irq_wait_idle(line_a), 0);
	ck_assert_int_eq(obs(0).inband_calls, 1);
	ck_assert_int_eq(obs(0).oob_calls, 0);
	ck_assert_int_ne(obs(0).inband_tid, gettid_());
	ck_assert_int_eq(obs(0).inband_ctx, TIRQ_OBS_INTERRUPT | TIRQ_OBS_CANNOT_BLOCK);
	ck_assert_int_eq(tirq_free(0, line_a), 1);
}
END_TEST

/* ---- accounting, faults, devres, the test-side API ------------------------------------ */

START_TEST(test_irq_leak_at_unload_names_irq)
{
	struct evlsim_module_stats ms;
	struct evlsim_capture c;
	char *out, expect[64];

	config(0, TIRQ_HANDLED, 0);
	ck_assert_ret(tirq_request(0, line_a, TIRQ_F_OOB, TIRQ_REQ_IRQ, "leaky"), 0);
	ck_assert_ret(evlsim_module_stats("tirq", &ms), 0);
	ck_assert_uint_eq(ms.count[EVLSIM_ACCT_IRQS], 1);
	ck_assert_int_eq(evlsim_leak_check("tirq"), 2);	/* the line and the misc device */
	evlsim_reset_reports();
	evlsim_capture_start(&c);
	ck_assert_ret(evlsim_unload_module("tirq"), 0);
	out = evlsim_capture_end(&c);
	snprintf(expect, sizeof(expect), "with irq %d (leaky) still requested", line_a);
	ck_assert_ptr_nonnull(strstr(out, expect));
	ck_assert_ptr_nonnull(strstr(out, "tirq_request"));	/* where it was requested */
	free(out);
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_LEAK), 1);
	ck_assert_int_eq(tirq_has_action(line_a), 0);
	evlsim_reset_reports();
	ck_assert_ret(evlsim_load_module("tirq"), 0);
}
END_TEST

START_TEST(test_irq_fault_request)
{
	config(0, TIRQ_HANDLED, 0);
	ck_assert_ret(evlsim_fault_set("fail_request_irq", "times=1"), 0);
	ck_assert_ret(tirq_request(0, line_a, 0, TIRQ_REQ_IRQ, "x0"), -ENOMEM);
	ck_assert_ret(tirq_request(0, line_a, 0, TIRQ_REQ_IRQ, "x0"), 0);
	ck_assert_int_eq(evlsim_fault_count("fail_request_irq"), 1);
	evlsim_fault_reset();
	evlsim_reset_reports();
	ck_assert_int_eq(tirq_free(0, line_a), 1);
}
END_TEST

START_TEST(test_irq_devm_released_with_device)
{
	config(0, TIRQ_HANDLED, 0);
	config(1, TIRQ_HANDLED, 0);
	ck_assert_ret(tirq_request(0, line_a, 0, TIRQ_REQ_DEVM, "x0"), 0);
	ck_assert_ret(tirq_request(1, line_b, 0, TIRQ_REQ_DEVM, "x1"), 0);
	tirq_devm_free(1, line_b);
	ck_assert_int_eq(tirq_has_action(line_b), 0);
	/* line_a is released with the device: no leak at unload */
	ck_assert_ret(evlsim_unload_module("tirq"), 0);
	ck_assert_int_eq(tirq_has_action(line_a), 0);
	ck_assert_ret(evlsim_load_module("tirq"), 0);
}
END_TEST

START_TEST(test_irq_line_api)
{
	struct evlsim_irq_stats st;

	ck_assert_ret(evlsim_irq_line_create("bad", 0), -EINVAL);
	ck_assert_ret(evlsim_irq_line_create("bad", EVLSIM_IRQ_LEVEL_HIGH | EVLSIM_IRQ_EDGE_BOTH),
		      -EINVAL);
	ck_assert_ret(evlsim_irq_raise(-1), -EINVAL);
	ck_assert_ret(evlsim_irq_lower(0), -EINVAL);
	ck_assert_ret(evlsim_irq_set_delivery(line_a, 7), -EINVAL);
	ck_assert_ret(evlsim_irq_stats(line_a, NULL), -EINVAL);
	ck_assert_ret(evlsim_irq_wait_idle(12345), -EINVAL);
	config(0, TIRQ_HANDLED, 0);
	ck_assert_ret(tirq_request(0, line_a, 0, TIRQ_REQ_IRQ, "x0"), 0);
	ck_assert_ret(evlsim_irq_line_destroy(line_a), -EBUSY);
	ck_assert_int_eq(tirq_free(0, line_a), 1);
	ck_assert_ret(evlsim_irq_line_destroy(line_a), 0);
	ck_assert_ret(evlsim_irq_stats(line_a, &st), -EINVAL);
	ck_assert_ret(evlsim_irq_line_destroy(line_a), -EINVAL);
}
END_TEST

static Suite *irq_suite(void)
{
	Suite *s = suite_create("irq");
	TCase *tc = tcase_create("irq");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_irq_request_errors);
	tcase_add_test(tc, test_irq_request_shared_rules);
	tcase_add_test(tc, test_irq_free_warns);
	tcase_add_test(tc, test_irq_oob_handler_context);
	tcase_add_test(tc, test_irq_inband_handler_context);
	tcase_add_test(tc, test_irq_forward_runs_inband_after_oob);
	tcase_add_test(tc, test_irq_threaded_handler);
	tcase_add_test(tc, test_irq_level_refires_while_asserted);
	tcase_add_test(tc, test_irq_oneshot_thread_masks_level_line);
	tcase_add_test(tc, test_irq_evl_wakeup_at_handler_end);
	tcase_add_test(tc, test_irq_deferred_under_hard_lock);
	tcase_add_test(tc, test_irq_raised_in_handler_runs_after_it);
	tcase_add_test(tc, test_irq_disable_enable_nesting);
	tcase_add_test(tc, test_irq_set_type);
	tcase_add_test(tc, test_irq_unhandled_oob_disables_line);
	tcase_add_test(tc, test_irq_unhandled_inband_disables_line);
	tcase_add_test(tc, test_irq_bogus_return_reported);
	tcase_add_test(tc, test_irq_async_delivery_in_parallel);
	tcase_add_test(tc, test_irq_hw_after_raises_from_the_device);
	tcase_add_test(tc, test_irq_free_waits_for_running_handler);
	tcase_add_test(tc, test_irq_golden_rules);
	tcase_add_test(tc, test_irq_post_inband_runs_on_inband_thread);
	tcase_add_test(tc, test_irq_leak_at_unload_names_irq);
	tcase_add_test(tc, test_irq_fault_request);
	tcase_add_test(tc, test_irq_devm_released_with_device);
	tcase_add_test(tc, test_irq_line_api);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return evlsim_check_run(irq_suite());
}
