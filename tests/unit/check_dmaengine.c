// SPDX-License-Identifier: MIT
/*
 * check_dmaengine: the DMA engine client API and the simulated controller evlsim-dma
 * (tests/drivers/tdma.c is the client, the test is the device behind two DMA ports).
 *
 * Proves (spec hardware-model.md A.6, C.5, C.8 item 10): channels by name from "dmas"/
 * "dma-names" (-ENODEV otherwise, or when taken, or on fail_dma_chan), charged to the
 * module and reported when left at unload; the core's refusals on a provider without
 * DMA_OOB (NULL for oob flags on sg and cyclic, not on single) and without hooks
 * (-ENOTSUPP, -ENOSYS, -EINVAL, -ENOSYS); the controller's refusals (pulse on cyclic,
 * other directions); dma_pulse_oob() -EIO before issue and after terminate; one pulsed
 * descriptor serving many pulses, each completing out-of-band; a cyclic oob transfer
 * calling back once per period in oob interrupt context; a plain transfer completing
 * in-band through IRQ_FORWARD with its cookie complete; a stalled port resumed by
 * evlsim_dma_port_ready(); fail_dma_prep.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <evlsim/hw.h>
#include "evlsim-check.h"
#include "../drivers/tdma-abi.h"

#define BASE		0x50000000ULL
#define OFF_TX		0x10
#define OFF_RX		0x20
#define DMA_MEM_TO_DEV	1
#define DMA_DEV_TO_MEM	2
#define OOB_INTERRUPT	(1 << 10)
#define OOB_PULSE	(1 << 11)
#define PREP_INTERRUPT	(1 << 0)
#define ENOTSUPP	524

static struct evlsim_pdev *pdev;
static struct evlsim_mmio *mmio;
static struct evlsim_dma_port *tx_port, *rx_port;
static int fd = -1;

/* the device: TX bytes land in sink, RX gives 0x40 + n, or nothing while stalled */
static unsigned char sink[4096];
static unsigned long sunk, given;
static int stalled, asked;

static unsigned long to_dev(void *ctx, const void *buf, unsigned long len)
{
	unsigned long n = len < sizeof(sink) - sunk ? len : sizeof(sink) - sunk;

	memcpy(sink + sunk, buf, n);
	__atomic_add_fetch(&sunk, n, __ATOMIC_RELEASE);
	return len;
}

static unsigned long from_dev(void *ctx, void *buf, unsigned long len)
{
	unsigned char *p = buf;
	unsigned long i;

	if (__atomic_load_n(&stalled, __ATOMIC_ACQUIRE)) {
		__atomic_add_fetch(&asked, 1, __ATOMIC_RELEASE);
		return 0;
	}
	for (i = 0; i < len; i++)
		p[i] = (unsigned char)(0x40 + given++);
	return len;
}

static unsigned long long rd(void *ctx, unsigned long off, unsigned int w) { return 0; }
static void wr(void *ctx, unsigned long off, unsigned long long v, unsigned int w) { }

static const struct evlsim_mmio_ops regs_ops = { .read = rd, .write = wr };
static const struct evlsim_dma_port_ops tx_ops = { .to_dev = to_dev };
static const struct evlsim_dma_port_ops rx_ops = { .from_dev = from_dev };

static void setup(void)
{
	static const unsigned int dmas[] = { 2, 3, 2 };
	static const char *const names[] = { "tx", "rx", "tx-again" };
	struct evlsim_prop props[] = {
		{ .name = "dmas", .type = EVLSIM_PROP_U32, .count = 3, .u32s = dmas },
		{ .name = "dma-names", .type = EVLSIM_PROP_STRING, .count = 3, .strs = names },
	};
	struct evlsim_pdev_info info = { .name = "tdma", .id = -1, .compatible = "evlsim,tdma",
					 .props = props, .num_props = 2 };

	evlsim_reset_reports();
	ck_assert_ret(evlsim_mmio_create("tdma-dev", BASE, 0x1000, 0, &regs_ops, NULL, &mmio), 0);
	ck_assert_ret(evlsim_dma_port_add(mmio, OFF_TX, &tx_ops, NULL, &tx_port), 0);
	ck_assert_ret(evlsim_dma_port_add(mmio, OFF_RX, &rx_ops, NULL, &rx_port), 0);
	ck_assert_ret(evlsim_platform_device_add(&info, &pdev), 0);
	ck_assert_ret(evlsim_load_module("tdma"), 0);
	ck_assert_int_eq(evlsim_platform_device_state(pdev), 1);
	fd = open_node("/dev/tdma", O_RDWR);
}

static void teardown(void)
{
	if (fd >= 0)
		close(fd);
	evlsim_unload_module("tdma");
	evlsim_platform_device_remove(pdev);
	evlsim_dma_port_remove(tx_port);
	evlsim_dma_port_remove(rx_port);
	evlsim_mmio_destroy(mmio);
}

static struct tdma_io op(struct tdma_io io)
{
	ck_assert_msg(ioctl(fd, TDMA_IOC, &io) == 0, "op %u: %s", io.op, strerror(errno));
	return io;
}

#define OP(...)	op((struct tdma_io){ __VA_ARGS__ })

static void request(unsigned int slot, const char *name, int expect)
{
	struct tdma_io io = { .op = TDMA_REQUEST, .slot = slot };

	strcpy(io.name, name);
	io = op(io);
	ck_assert_msg(io.ret == expect, "request %s: %lld, expected %d", name,
		      (long long)io.ret, expect);
}

/* slot 0: "tx" (channel 2) to the TX port; slot 1: "rx" (channel 3) from the RX port */
static void two_channels(unsigned long len)
{
	request(0, "tx", 0);
	request(1, "rx", 0);
	ck_assert_int_eq(OP(.op = TDMA_CONFIG, .slot = 0, .dir = DMA_MEM_TO_DEV,
			    .addr = BASE + OFF_TX).ret, 0);
	ck_assert_int_eq(OP(.op = TDMA_CONFIG, .slot = 1, .dir = DMA_DEV_TO_MEM,
			    .addr = BASE + OFF_RX).ret, 0);
	OP(.op = TDMA_ALLOC, .len = len);
}

static void release_all(void)
{
	OP(.op = TDMA_RELEASE, .slot = 0);
	OP(.op = TDMA_RELEASE, .slot = 1);
}

static unsigned long long cb_oob(void)
{
	return OP(.op = TDMA_STATS).cb_oob;
}

START_TEST(test_dmaengine_request_chan)
{
	struct evlsim_module_stats st;

	request(0, "none", -ENODEV);
	request(0, "tx", 0);
	request(1, "tx-again", -ENODEV);	/* the same channel, taken */
	request(1, "rx", 0);
	ck_assert_ret(evlsim_module_stats("tdma", &st), 0);
	ck_assert_uint_eq(st.count[EVLSIM_ACCT_DMA_CHANS], 2);
	OP(.op = TDMA_RELEASE, .slot = 0);
	request(2, "tx-again", 0);		/* free again */
	ck_assert_ret(evlsim_fault_set("fail_dma_chan", "times=1"), 0);
	request(3, "rx", -ENODEV);
	ck_assert_ret(evlsim_fault_set("fail_dma_chan", "times=0"), 0);
	OP(.op = TDMA_RELEASE, .slot = 1);
	OP(.op = TDMA_RELEASE, .slot = 2);
	ck_assert_ret(evlsim_module_stats("tdma", &st), 0);
	ck_assert_uint_eq(st.count[EVLSIM_ACCT_DMA_CHANS], 0);
	ck_assert_int_eq(evlsim_report_count(EVLSIM_REPORT_WARN), 0);
}
END_TEST

START_TEST(test_dmaengine_leak_at_unload)
{
	request(0, "rx", 0);
	close(fd);
	fd = -1;
	evlsim_reset_reports();
	ck_assert_ret(evlsim_unload_module("tdma"), 0);
	ck_assert_int_eq(evlsim_report_count(EVLSIM_REPORT_LEAK), 1);
	evlsim_reset_reports();
	/* released: it can be requested again */
	ck_assert_ret(evlsim_load_module("tdma"), 0);
	fd = open_node("/dev/tdma", O_RDWR);
	request(0, "rx", 0);
	OP(.op = TDMA_RELEASE, .slot = 0);
}
END_TEST

START_TEST(test_dmaengine_refusals_without_oob_cap)
{
	struct tdma_io io = OP(.op = TDMA_FAKE);

	ck_assert_int_eq(io.res[0], 0);		/* sg + DMA_OOB_INTERRUPT: NULL */
	ck_assert_int_eq(io.res[1], 0);		/* cyclic + DMA_OOB_INTERRUPT: NULL */
	ck_assert_int_eq(io.res[2], 1);		/* single: left to the provider (K) */
	ck_assert_int_eq(io.res[3], 1);		/* sg without oob flag */
	ck_assert_int_eq(io.res[4], -ENOTSUPP);	/* no device_pulse_oob */
	ck_assert_int_eq(io.res[5], -ENOSYS);	/* no device_config */
	ck_assert_int_eq(io.res[6], -EINVAL);	/* terminate_async, no hook */
	ck_assert_int_eq(io.res[7], -ENOSYS);	/* terminate_all, no hook */
}
END_TEST

START_TEST(test_dmaengine_controller_refusals)
{
	two_channels(256);
	/* pulse mode on a cyclic transfer */
	ck_assert_int_eq(OP(.op = TDMA_PREP, .slot = 1, .kind = TDMA_CYCLIC,
			    .dir = DMA_DEV_TO_MEM, .len = 256, .period = 64,
			    .flags = OOB_INTERRUPT | OOB_PULSE).ret, -EIO);
	/* a period that does not divide the buffer; a memory-to-memory slave transfer */
	ck_assert_int_eq(OP(.op = TDMA_PREP, .slot = 1, .kind = TDMA_CYCLIC,
			    .dir = DMA_DEV_TO_MEM, .len = 256, .period = 100).ret, -EIO);
	ck_assert_int_eq(OP(.op = TDMA_PREP, .slot = 0, .kind = TDMA_SINGLE, .dir = 0,
			    .len = 64).ret, -EIO);
	/* fail_dma_prep */
	ck_assert_ret(evlsim_fault_set("fail_dma_prep", "times=1"), 0);
	ck_assert_int_eq(OP(.op = TDMA_PREP, .slot = 0, .kind = TDMA_SINGLE,
			    .dir = DMA_MEM_TO_DEV, .len = 64).ret, -EIO);
	ck_assert_ret(evlsim_fault_set("fail_dma_prep", "times=0"), 0);
	release_all();
}
END_TEST

START_TEST(test_dmaengine_pulse_oob)
{
	int i;

	two_channels(64);
	ck_assert_int_eq(OP(.op = TDMA_PULSE, .slot = 1).ret, -EIO);	/* nothing prepared */
	ck_assert_int_eq(OP(.op = TDMA_PREP, .slot = 1, .kind = TDMA_SINGLE,
			    .dir = DMA_DEV_TO_MEM, .len = 16, .flags = OOB_PULSE).ret, 0);
	ck_assert_int_eq(OP(.op = TDMA_PULSE, .slot = 1).ret, -EIO);	/* not submitted */
	ck_assert_int_gt(OP(.op = TDMA_SUBMIT, .slot = 1).ret, 0);
	ck_assert_int_eq(OP(.op = TDMA_PULSE, .slot = 1).ret, -EIO);	/* not issued */
	OP(.op = TDMA_ISSUE, .slot = 1);
	ck_assert_int_eq(cb_oob(), 0);		/* armed, not started */
	for (i = 1; i <= 3; i++) {
		ck_assert_int_eq(OP(.op = TDMA_PULSE, .slot = 1).ret, 0);
		wait_until_ns(cb_oob() == (unsigned long long)i, 5000000000LL, 100);
	}
	/* three frames of 16 bytes, one descriptor */
	struct tdma_io io = OP(.op = TDMA_READ, .addr = 0, .len = 16);
	ck_assert_int_eq(io.data[0], 0x40 + 32);
	ck_assert_int_eq(io.data[15], 0x40 + 47);
	ck_assert_int_eq(OP(.op = TDMA_STATUS, .slot = 1).ret, 1);	/* DMA_IN_PROGRESS */
	ck_assert_int_eq(OP(.op = TDMA_TERMINATE_SYNC, .slot = 1).ret, 0);
	ck_assert_int_eq(OP(.op = TDMA_PULSE, .slot = 1).ret, -EIO);	/* terminated */
	ck_assert_int_eq(OP(.op = TDMA_STATS).cb_bad, 0);
	ck_assert_int_eq(OP(.op = TDMA_STATS).cb_inband, 0);
	release_all();
}
END_TEST

START_TEST(test_dmaengine_cyclic_oob_per_period)
{
	struct evlsim_irq_stats st;
	unsigned long long n;

	two_channels(256);
	ck_assert_int_eq(OP(.op = TDMA_PREP, .slot = 1, .kind = TDMA_CYCLIC,
			    .dir = DMA_DEV_TO_MEM, .len = 256, .period = 64,
			    .flags = OOB_INTERRUPT).ret, 0);
	ck_assert_int_gt(OP(.op = TDMA_SUBMIT, .slot = 1).ret, 0);
	OP(.op = TDMA_ISSUE, .slot = 1);
	wait_until_ns(cb_oob() >= 6, 5000000000LL, 100);
	ck_assert_int_eq(OP(.op = TDMA_TERMINATE_SYNC, .slot = 1).ret, 0);
	n = cb_oob();
	/* one callback per period: each period moved 64 bytes */
	ck_assert_uint_ge(__atomic_load_n(&given, __ATOMIC_ACQUIRE), n * 64);
	ck_assert_uint_lt(__atomic_load_n(&given, __ATOMIC_ACQUIRE), (n + 2) * 64);
	ck_assert_int_eq(OP(.op = TDMA_STATS).cb_bad, 0);
	ck_assert_int_eq(OP(.op = TDMA_STATS).cb_inband, 0);
	ck_assert_ret(evlsim_irq_stats(evlsim_dma_chan_irq(3), &st), 0);
	ck_assert_int_eq(st.oob, 1);
	ck_assert_uint_eq(st.forwarded, 0);
	release_all();
}
END_TEST

START_TEST(test_dmaengine_inband_completion)
{
	struct evlsim_irq_stats st;
	struct tdma_io io;

	two_channels(128);
	io = (struct tdma_io){ .op = TDMA_WRITE, .addr = 0, .len = 4 };
	memcpy(io.data, "abcd", 4);
	op(io);
	ck_assert_int_eq(OP(.op = TDMA_PREP, .slot = 0, .kind = TDMA_SG,
			    .dir = DMA_MEM_TO_DEV, .len = 128, .flags = PREP_INTERRUPT).ret, 0);
	ck_assert_int_gt(OP(.op = TDMA_SUBMIT, .slot = 0).ret, 0);
	OP(.op = TDMA_ISSUE, .slot = 0);
	wait_until_ns(OP(.op = TDMA_STATS).cb_inband == 1, 5000000000LL, 100);
	ck_assert_int_eq(OP(.op = TDMA_STATUS, .slot = 0).ret, 0);	/* DMA_COMPLETE */
	ck_assert_uint_eq(__atomic_load_n(&sunk, __ATOMIC_ACQUIRE), 128);
	ck_assert_int_eq(memcmp(sink, "abcd", 4), 0);
	ck_assert_ret(evlsim_irq_stats(evlsim_dma_chan_irq(2), &st), 0);
	ck_assert_uint_ge(st.forwarded, 1);
	ck_assert_int_eq(OP(.op = TDMA_STATS).cb_oob, 0);
	release_all();
}
END_TEST

START_TEST(test_dmaengine_port_stall)
{
	__atomic_store_n(&stalled, 1, __ATOMIC_RELEASE);
	two_channels(64);
	ck_assert_int_eq(OP(.op = TDMA_PREP, .slot = 1, .kind = TDMA_SINGLE,
			    .dir = DMA_DEV_TO_MEM, .len = 32, .flags = OOB_INTERRUPT).ret, 0);
	ck_assert_int_gt(OP(.op = TDMA_SUBMIT, .slot = 1).ret, 0);
	OP(.op = TDMA_ISSUE, .slot = 1);
	ck_assert_int_eq(OP(.op = TDMA_STATUS, .slot = 1).ret, 1);	/* DMA_IN_PROGRESS */
	wait_until_ns(__atomic_load_n(&asked, __ATOMIC_ACQUIRE) > 0, 5000000000LL, 100);
	ck_assert_int_eq(OP(.op = TDMA_STATUS, .slot = 1).val, 32);	/* residue */
	ck_assert_int_eq(evlsim_dma_port_remove(rx_port), -EBUSY);
	__atomic_store_n(&stalled, 0, __ATOMIC_RELEASE);
	ck_assert_ret(evlsim_dma_port_ready(rx_port), 0);
	wait_until_ns(cb_oob() == 1, 5000000000LL, 100);
	ck_assert_int_eq(OP(.op = TDMA_STATUS, .slot = 1).ret, 0);
	release_all();
}
END_TEST

int main(void)
{
	Suite *s = suite_create("dmaengine");
	TCase *tc = tcase_create("dmaengine");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_dmaengine_request_chan);
	tcase_add_test(tc, test_dmaengine_leak_at_unload);
	tcase_add_test(tc, test_dmaengine_refusals_without_oob_cap);
	tcase_add_test(tc, test_dmaengine_controller_refusals);
	tcase_add_test(tc, test_dmaengine_pulse_oob);
	tcase_add_test(tc, test_dmaengine_cyclic_oob_per_period);
	tcase_add_test(tc, test_dmaengine_inband_completion);
	tcase_add_test(tc, test_dmaengine_port_stall);
	suite_add_tcase(s, tc);
	return evlsim_check_run(s);
}
