// SPDX-License-Identifier: MIT
/*
 * check_evl_hectic: what EVL's hectic driver needs from the kernel side, through the
 * thectic test driver (tests/drivers/thectic-abi.h): the FPU helpers of
 * asm/evl/fptest.h really loading and checking the registers, across switches between
 * EVL threads; evl_hold_thread() and evl_release_thread(); the tracepoints of
 * trace/events/evl.h; the simulated CPUs (EVLSIM_CPUS, the CPU masks, binding,
 * smp_processor_id() in kthreads and timer handlers on a CPU, agreeing with the host's
 * sched_getcpu()).
 *
 * The suite runs with EVLSIM_CPUS=3 (it re-executes itself so), whatever the host has.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include <evl/evl.h>
#include <asm/evl/fptest.h>
#include <evlsim/evlsim.h>
#include "evlsim-check.h"
#include "../drivers/thectic-abi.h"

#define NR_CPUS_TESTED	3
#define MS		1000000LL

static char self_path[4096];

/* ---- the FPU ------------------------------------------------------------------------- */

START_TEST(test_hectic_fpu_features)
{
	unsigned int features = thec_detect_fpu();

#if defined(__x86_64__)
	ck_assert_uint_eq(features & evl_x86_xmm2, __builtin_cpu_supports("sse2") ? 1 : 0);
	ck_assert_uint_eq(!!(features & evl_x86_avx), __builtin_cpu_supports("avx") ? 1 : 0);
#else
	ck_assert_uint_eq(features, 0);
#endif
	ck_assert_uint_eq(evl_detect_fpu(), features);	/* libevl's view: the core's */
}
END_TEST

/* one row per FPU configuration and register clobbered behind the helpers' back */
static const struct fpu_case {
	unsigned int features;
	int clobber, bad;
} fpu_cases[] = {
	{ 0, -1, -1 },
	{ evl_x86_xmm2, -1, -1 },
	{ evl_x86_avx, -1, -1 },
	{ 0, 0, 7 },		/* the top of the x87 stack pops last */
	{ evl_x86_xmm2, 0, 7 },
	{ evl_x86_xmm2, 11, 11 },
	{ evl_x86_avx, 11, 11 },
	{ 0, 11, -1 },		/* x87 only: xmm3 is not checked */
};

START_TEST(test_hectic_fpu_check_detects)
{
	const struct fpu_case *c = &fpu_cases[_i];
	unsigned int features = c->features & thec_detect_fpu(), v;
	int bad = 42;

	if (c->features && !features)
		return;	/* not on this CPU */
	v = thec_fpu_selftest(features, 1234, c->clobber, &bad);
	ck_assert_msg(bad == c->bad, "row %d: bad register %d, expected %d", _i, bad, c->bad);
	if (c->bad < 0)
		ck_assert_msg(v == 1234, "row %d: value %u", _i, v);
	else
		ck_assert_msg(v != 1234, "row %d: corruption not reported", _i);
}
END_TEST

/*
 * The features the switch tests load: all the host has (x87, and xmm or ymm), as on a
 * board. Between evl_set_fpregs() and evl_check_fpregs() the switch runs through the
 * simulator's user-world code and the C library, built with SSE, which saves the
 * registers of a thread in an FPU section first (core/cpu.h). Under ThreadSanitizer,
 * every function of the simulator's kernel side also runs the sanitizer's runtime, which
 * is no part of the system simulated and uses the vector registers: the x87 stack only
 * there (docs/api/cpus-fpu-trace.md).
 */
static unsigned int switch_features(void)
{
#ifdef __SANITIZE_THREAD__
	return thec_detect_fpu() & ~(evl_x86_xmm2 | evl_x86_avx);
#else
	return thec_detect_fpu();
#endif
}

/* The caller and a peer EVL kthread load different values and switch 200 times: each
 * finds its own values back (see switch_features()). */
START_TEST(test_hectic_fpu_survives_switches)
{
	struct thectic_switch req = { .rounds = 200, .features = switch_features() };
	unsigned int mismatches, switches;
	int fd;

	evlsim_trace_reset();
	ck_assert_ret(thec_start_peer(-1), 0);
	attach();
	fd = open_node("/dev/thectic", O_RDWR);
	errno = 0;
	ck_assert_msg(oob_ioctl(fd, THEC_IOC_SWITCH, &req) == 0,
		      "switch: errno %d, register %d held %u", errno, req.bad_reg, req.bad_val);
	thec_peer_stats(&mismatches, &switches);
	ck_assert_uint_eq(switches, 200);
	ck_assert_uint_eq(mismatches, 0);
	ck_assert_uint_eq(evlsim_trace_count("evl_fpu_corrupt", NULL), 0);
	close_fd(fd);
	thec_stop_peer();
}
END_TEST

/* The allocator and a hard lock in an FPU section leave its registers alone, as the
 * kernel's do (the C library's calloc() and free() use the vector registers). */
START_TEST(test_hectic_fpu_survives_services)
{
	unsigned int features = switch_features(), v;
	int bad;

	v = thec_fpu_services(features, 4321, &bad);
	ck_assert_msg(v == 4321 && bad == -1, "register %d held %u", bad, v);
}
END_TEST

/*
 * hectic's program side: a thread that learnt the features from libevl's
 * evl_detect_fpu() loads its registers, makes an oob call in which the driver loads its
 * own values and switches 20 times with its peer, and finds its values back, as a board's
 * system call leaves them.
 */
START_TEST(test_hectic_fpu_program_survives_calls)
{
	struct thectic_switch req = { .rounds = 20, .features = switch_features() };
	unsigned int features, v, mismatches, switches;
	int fd, bad, ret;

	ck_assert_ret(thec_start_peer(-1), 0);
	attach();
	features = evl_detect_fpu() & switch_features();
	fd = open_node("/dev/thectic", O_RDWR);
	evl_set_fpregs(features, 0x5a5a);
	ret = oob_ioctl(fd, THEC_IOC_SWITCH, &req);
	v = evl_check_fpregs(features, 0x5a5a, bad);
	ck_assert_msg(v == 0x5a5a && bad == -1, "register %d held %#x", bad, v);
	ck_assert_int_eq(ret, 0);
	thec_peer_stats(&mismatches, &switches);
	ck_assert_uint_eq(switches, 20);
	ck_assert_uint_eq(mismatches, 0);
	close_fd(fd);
	thec_stop_peer();
}
END_TEST

START_TEST(test_hectic_switch_needs_peer)
{
	struct thectic_switch req = { .rounds = 1 };
	int fd;

	attach();
	fd = open_node("/dev/thectic", O_RDWR);
	ck_assert_fails(oob_ioctl(fd, THEC_IOC_SWITCH, &req), EAGAIN);
	close_fd(fd);
}
END_TEST

/* ---- holding a thread ------------------------------------------------------------------ */

START_TEST(test_hectic_hold_release)
{
	ck_assert_ret(thec_counter_start(), 0);
	thec_counter_kick();
	wait_until_ns(thec_counter_value() == 1, 10000 * MS, 100);

	thec_counter_hold();
	ck_assert_int_eq(thec_counter_state() & EVL_T_SUSP, EVL_T_SUSP);
	thec_counter_kick();		/* its wait ends, it stops at the hold */
	sleep_ms(20);
	ck_assert_uint_eq(thec_counter_value(), 1);

	thec_counter_release();
	ck_assert_int_eq(thec_counter_state() & EVL_T_SUSP, 0);
	wait_until_ns(thec_counter_value() == 2, 10000 * MS, 100);
	thec_counter_stop();
}
END_TEST

START_TEST(test_hectic_stop_held_thread)
{
	ck_assert_ret(thec_counter_start(), 0);
	thec_counter_hold();
	thec_counter_kick();
	thec_counter_stop();		/* returns: a stop ends the hold */
	ck_assert_uint_le(thec_counter_value(), 1);	/* woken before the stop, maybe */
}
END_TEST

/* ---- tracepoints ----------------------------------------------------------------------- */

START_TEST(test_hectic_tracepoints_recorded)
{
	long last = 0;

	evlsim_trace_reset();
	ck_assert_uint_eq(evlsim_trace_count("evl_fpu_corrupt", &last), 0);
	ck_assert_int_eq(last, 0);
	thec_trace(77);
	thec_trace(78);
	ck_assert_uint_eq(evlsim_trace_count("evl_fpu_corrupt", &last), 2);
	ck_assert_int_eq(last, 78);
	ck_assert_uint_eq(evlsim_trace_count("evl_trigger", NULL), 2);
	ck_assert_uint_eq(evlsim_trace_count("evl_latspot", NULL), 0);
	ck_assert_uint_eq(evlsim_trace_count(NULL, NULL), 0);
}
END_TEST

/* ---- CPUs ------------------------------------------------------------------------------ */

START_TEST(test_hectic_cpu_count)
{
	ck_assert_int_eq(evlsim_nr_cpus(), NR_CPUS_TESTED);
	ck_assert_uint_eq(thec_online_cpus(), NR_CPUS_TESTED);
	ck_assert_uint_eq(thec_possible_cpus(), NR_CPUS_TESTED);
	ck_assert_int_eq(thec_count_possible(), NR_CPUS_TESTED);
	ck_assert_int_eq(thec_count_online(), NR_CPUS_TESTED);
	ck_assert_int_eq(thec_is_evl_cpu(0), 1);
	ck_assert_int_eq(thec_is_evl_cpu(NR_CPUS_TESTED - 1), 1);
	ck_assert_int_eq(thec_is_evl_cpu(NR_CPUS_TESTED), 0);
	ck_assert_int_eq(thec_is_evl_cpu(-1), 0);
}
END_TEST

/* The default is the host's count; a bad value stops the program at once. */
static int run_self(const char *cpus, char *out, size_t len)
{
	char cmd[8192];
	FILE *f;
	int status;

	snprintf(cmd, sizeof(cmd), "%s%s '%s' --print-cpus 2>/dev/null",
		 cpus ? "EVLSIM_CPUS=" : "env -u EVLSIM_CPUS", cpus ? cpus : "", self_path);
	f = popen(cmd, "r");
	ck_assert_ptr_nonnull(f);
	out[0] = 0;
	if (!fgets(out, (int)len, f))
		out[0] = 0;
	status = pclose(f);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

START_TEST(test_hectic_cpu_count_env)
{
	long host = sysconf(_SC_NPROCESSORS_ONLN);
	char out[64], want[64];

	snprintf(want, sizeof(want), "%ld\n", host > 64 ? 64 : host);
	ck_assert_int_eq(run_self(NULL, out, sizeof(out)), 0);
	ck_assert_str_eq(out, want);
	ck_assert_int_eq(run_self("5", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "5\n");
	ck_assert_int_ne(run_self("0", out, sizeof(out)), 0);
	ck_assert_int_ne(run_self("65", out, sizeof(out)), 0);
	ck_assert_int_ne(run_self("2x", out, sizeof(out)), 0);
}
END_TEST

static int host_may_pin(int host_cpu)
{
	cpu_set_t set;

	return !sched_getaffinity(0, sizeof(set), &set) && CPU_ISSET(host_cpu, &set);
}

START_TEST(test_hectic_cpu_bind_self)
{
	long host = sysconf(_SC_NPROCESSORS_ONLN);
	int cpu;

	for (cpu = 0; cpu < NR_CPUS_TESTED; cpu++) {
		int pinnable = host_may_pin((int)(cpu % host));

		ck_assert_ret(thec_bind_self(cpu), 0);
		ck_assert_int_eq(thec_this_cpu(), cpu);
		if (pinnable)	/* the host CPU the program sees is the simulated one's */
			ck_assert_int_eq(sched_getcpu(), (int)(cpu % host));
		ck_assert_ret(thec_unbind_self(), 0);
	}
	ck_assert_ret(thec_bind_self(NR_CPUS_TESTED), -EINVAL);
}
END_TEST

START_TEST(test_hectic_cpu_unbound_follows_host)
{
	long host = sysconf(_SC_NPROCESSORS_ONLN);
	cpu_set_t set;

	/* pinned by the host itself, unbound in the simulator: sched_getcpu() rules */
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		return;
	ck_assert_int_eq(thec_this_cpu(), 0);
	if (host > 1) {
		CPU_ZERO(&set);
		CPU_SET(1, &set);
		ck_assert_int_eq(sched_setaffinity(0, sizeof(set), &set), 0);
		ck_assert_int_eq(thec_this_cpu(), 1 % NR_CPUS_TESTED);
	}
}
END_TEST

START_TEST(test_hectic_cpu_kthread_and_timer)
{
	int cpu;

	for (cpu = 0; cpu < NR_CPUS_TESTED; cpu++) {
		ck_assert_int_eq(thec_kthread_cpu(cpu), cpu);
		ck_assert_int_eq(thec_timer_cpu(cpu), cpu);
	}
	ck_assert_int_eq(thec_kthread_cpu(NR_CPUS_TESTED), -EINVAL);
}
END_TEST

START_TEST(test_hectic_fpu_on_other_cpu)
{
	struct thectic_switch req = { .rounds = 50, .features = switch_features() };
	unsigned int mismatches, switches;
	int fd;

	ck_assert_ret(thec_start_peer(NR_CPUS_TESTED - 1), 0);
	attach();
	fd = open_node("/dev/thectic", O_RDWR);
	ck_assert_call(oob_ioctl(fd, THEC_IOC_SWITCH, &req), 0);
	thec_peer_stats(&mismatches, &switches);
	ck_assert_uint_eq(switches, 50);
	ck_assert_uint_eq(mismatches, 0);
	close_fd(fd);
	thec_stop_peer();
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("evl_hectic");
	TCase *tc;

	evlsim_check_modules("thectic");
	tc = tcase("fpu");
	tcase_add_test(tc, test_hectic_fpu_features);
	tcase_add_loop_test(tc, test_hectic_fpu_check_detects, 0,
			    sizeof(fpu_cases) / sizeof(fpu_cases[0]));
	tcase_add_test(tc, test_hectic_fpu_survives_switches);
	tcase_add_test(tc, test_hectic_fpu_program_survives_calls);
	tcase_add_test(tc, test_hectic_fpu_survives_services);
	tcase_add_test(tc, test_hectic_switch_needs_peer);
	tcase_add_test(tc, test_hectic_fpu_on_other_cpu);
	suite_add_tcase(s, tc);

	tc = tcase("hold");
	tcase_add_test(tc, test_hectic_hold_release);
	tcase_add_test(tc, test_hectic_stop_held_thread);
	suite_add_tcase(s, tc);

	tc = tcase("trace");
	tcase_add_test(tc, test_hectic_tracepoints_recorded);
	suite_add_tcase(s, tc);

	tc = tcase("cpus");
	tcase_add_test(tc, test_hectic_cpu_count);
	tcase_add_test(tc, test_hectic_cpu_count_env);
	tcase_add_test(tc, test_hectic_cpu_bind_self);
	tcase_add_test(tc, test_hectic_cpu_unbound_follows_host);
	tcase_add_test(tc, test_hectic_cpu_kthread_and_timer);
	suite_add_tcase(s, tc);
	return s;
}

/*
 * On a host with AVX-512, the C library's string functions use ymm16-31, which the
 * switch tests do not load: an unguarded call in an FPU section would go unseen there
 * and fail on the next host without it (as a first getenv() in a driver's FPU section
 * did). The program runs with the C library choosing its AVX2 code, which uses the
 * registers checked, on every host.
 */
static void hide_avx512(void)
{
	static const char hide[] = "glibc.cpu.hwcaps=-AVX512F,-AVX512VL,-AVX512BW,-AVX512DQ,-AVX512CD";
	const char *old = getenv("GLIBC_TUNABLES");
	char *both;

	if (!old || !*old) {
		setenv("GLIBC_TUNABLES", hide, 1);
	} else if (!strstr(old, "glibc.cpu.hwcaps") &&
		   asprintf(&both, "%s:%s", old, hide) > 0) {
		setenv("GLIBC_TUNABLES", both, 1);
		free(both);
	}
}

int main(int argc, char **argv)
{
	ssize_t n = readlink("/proc/self/exe", self_path, sizeof(self_path) - 1);

	if (n > 0)
		self_path[n] = 0;
	if (argc > 1 && !strcmp(argv[1], "--print-cpus")) {
		printf("%d\n", evlsim_nr_cpus());
		return 0;
	}
	if (!getenv("EVLSIM_CPUS") && n > 0) {
		setenv("EVLSIM_CPUS", "3", 1);
		hide_avx512();
		execv(self_path, argv);
	}
	return evlsim_check_run(suite());
}
