// SPDX-License-Identifier: MIT
/*
 * check_acq: the example driver for hardware (drivers/acq) on its device model
 * (drivers/acq/acq-model.c).
 *
 * Proves the probe (registers, reset polled with readl_poll_timeout(), DMA ring, the oob
 * interrupt, properties), the threshold interrupt handled out-of-band in the raising
 * thread and on the IRQ CPU, oob_read() blocking until the handler brings samples, the
 * write-1-to-clear acknowledge lowering the level line, FIFO overrun, the DMA ring mapped
 * read-only, device-side time driving samples, a probe refused for a wrong device id,
 * and that unbinding and unloading leave nothing behind (devm irq, dmam ring, mapping).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <evl/evl.h>
#include <evlsim/hw.h>
#include "evlsim-check.h"
#include "acq/acq-abi.h"
#include "acq/acq-model.h"

#define BASE	0x40000000ULL

static struct acq_model *m;
static int fd = -1;

static void setup(void)
{
	m = acq_model_create(BASE, -1, 0);
	ck_assert_ptr_nonnull(m);
	ck_assert_ret(evlsim_load_module("acq"), 0);
	ck_assert_int_eq(evlsim_platform_device_state(m->pdev), 1);
	fd = open("/dev/acq", O_RDWR);
	ck_assert_int_ge(fd, 0);
}

static void teardown(void)
{
	if (fd >= 0)
		close(fd);
	evlsim_unload_module("acq");
	acq_model_destroy(m);
}

static void start(unsigned int thresh)
{
	ck_assert_int_eq(ioctl(fd, ACQ_IOC_START, &thresh), 0);
}

static struct acq_info info(void)
{
	struct acq_info i;

	ck_assert_int_eq(ioctl(fd, ACQ_IOC_GET_INFO, &i), 0);
	return i;
}

static unsigned long long status(void)
{
	unsigned long long v;

	ck_assert_ret(evlsim_mmio_peek(m->regs, ACQ_REG_STATUS, 4, &v), 0);
	return v;
}

START_TEST(test_acq_probe)
{
	struct acq_info i = info();

	ck_assert_uint_eq(i.id, ACQ_ID);
	ck_assert_uint_eq(i.threshold, 8);
	ck_assert_uint_eq(i.dma_size, 4096);
	ck_assert_uint_eq(m->resets, 1);
	ck_assert_int_eq(evlsim_dma_count(), 1);	/* the ring */
	ck_assert_no_reports();
}
END_TEST

START_TEST(test_acq_threshold_interrupt)
{
	uint32_t s[8];
	struct evlsim_irq_stats st;
	int i, nfd;

	ck_assert_int_ge(evl_attach_self("acq-reader:%d", getpid()), 0);
	start(4);
	for (i = 0; i < 3; i++)
		acq_model_sample(m, 100 + i);
	ck_assert_uint_eq(info().irqs, 0);
	nfd = open("/dev/acq", O_RDWR | O_NONBLOCK);
	ck_assert_int_ge(nfd, 0);
	ck_assert_fails(oob_read(nfd, s, sizeof(s)), EAGAIN);
	/* the 4th sample raises the line: the oob handler runs in this thread, now */
	acq_model_sample(m, 103);
	ck_assert_uint_eq(info().irqs, 1);
	ck_assert_uint_eq(status() & ACQ_STATUS_THRESH, 0);	/* acked (w1c) */
	ck_assert_int_eq(oob_read(nfd, s, sizeof(s)), 16);
	for (i = 0; i < 4; i++)
		ck_assert_uint_eq(s[i], 100 + i);
	ck_assert_int_eq(evlsim_irq_stats(m->irq, &st), 0);
	ck_assert_uint_eq(st.oob_handled, 1);
	ck_assert_uint_eq(st.unhandled, 0);
	close(nfd);
	ck_assert_int_eq(evl_detach_self(), 0);
	ck_assert_no_reports();
}
END_TEST

struct reader {
	int fd;
	int n;			/* samples to read */
	uint32_t s[64];
	int got;
};

static void *reader_thread(void *arg)
{
	struct reader *r = arg;

	if (evl_attach_self("acq-rd:%d", gettid()) < 0)
		return (void *)1;
	while (r->got < r->n) {
		ssize_t ret = oob_read(r->fd, r->s + r->got, (r->n - r->got) * 4);

		if (ret <= 0)
			return (void *)2;
		r->got += ret / 4;
	}
	evl_detach_self();
	return NULL;
}

static void read_while_sampling(int async)
{
	struct reader r = { .fd = fd, .n = 32 };
	pthread_t th;
	void *ret;
	int i;

	if (async)
		ck_assert_ret(evlsim_irq_set_delivery(m->irq, EVLSIM_IRQ_ASYNC), 0);
	start(8);
	ck_assert_int_eq(pthread_create(&th, NULL, reader_thread, &r), 0);
	for (i = 0; i < 32; i++)
		acq_model_sample(m, i);
	/*
	 * The IRQ CPU may take an interrupt late and drain more than THRESH samples in one
	 * pass, leaving fewer than THRESH in the FIFO at the end: no interrupt for them, as
	 * on a board. The device goes on sampling: THRESH - 1 more samples reach the
	 * threshold whatever was left.
	 */
	if (async)
		for (; i < 32 + 7; i++)
			acq_model_sample(m, i);
	ck_assert_int_eq(pthread_join(th, &ret), 0);
	ck_assert_ptr_null(ret);
	for (i = 0; i < 32; i++)
		ck_assert_uint_eq(r.s[i], i);
	ck_assert_ret(evlsim_irq_wait_idle(m->irq), 0);
	if (async) {
		ck_assert_uint_ge(info().samples, 32);
		ck_assert_uint_le(info().samples, 32 + 7);
		ck_assert_uint_ge(info().irqs, 1);
	} else {	/* one per THRESH samples, each in the raising thread */
		ck_assert_uint_eq(info().samples, 32);
		ck_assert_uint_eq(info().irqs, 4);
	}
	ck_assert_no_reports();
}

START_TEST(test_acq_reader_blocks_inject)
{
	read_while_sampling(0);
}
END_TEST

START_TEST(test_acq_reader_blocks_async)
{
	read_while_sampling(1);
}
END_TEST

START_TEST(test_acq_overrun)
{
	uint32_t s[64];
	int i, nfd = open("/dev/acq", O_RDWR | O_NONBLOCK);

	ck_assert_int_ge(nfd, 0);
	ck_assert_int_ge(evl_attach_self("acq-ovr:%d", getpid()), 0);
	start(64);
	for (i = 0; i < 63; i++)
		acq_model_sample(m, i);
	/* the 64th fills the FIFO: interrupt; stop the line and overflow the next FIFO */
	ck_assert_int_eq(ioctl(fd, ACQ_IOC_STOP), 0);
	ck_assert_ret(evlsim_mmio_poke(m->regs, ACQ_REG_CTRL, 4, ACQ_CTRL_ENABLE), 0);
	for (i = 0; i < 65; i++)
		acq_model_sample(m, i);
	ck_assert_uint_eq(info().irqs, 0);
	ck_assert_uint_eq(status() & ACQ_STATUS_OVERRUN, ACQ_STATUS_OVERRUN);
	start(64);	/* IRQ_EN again: the pending OVERRUN|THRESH interrupt is taken */
	acq_model_sample(m, 0);
	ck_assert_uint_eq(info().irqs, 1);
	ck_assert_uint_eq(info().samples, 64);
	ck_assert_uint_ge(info().overruns, 1);
	ck_assert_int_eq(oob_read(nfd, s, sizeof(s)), 256);
	close(nfd);
	evl_detach_self();
	ck_assert_no_reports();
}
END_TEST

START_TEST(test_acq_dma_ring)
{
	const volatile uint32_t *ring;
	int i;

	ck_assert_ptr_eq(mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), MAP_FAILED);
	ck_assert_int_eq(errno, EPERM);
	ring = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	ck_assert_ptr_ne((void *)ring, MAP_FAILED);
	start(0);
	for (i = 0; i < 5; i++)
		acq_model_sample(m, 0x100 + i);
	ck_assert_uint_eq(info().dma_head, 20);
	for (i = 0; i < 5; i++)
		ck_assert_uint_eq(ring[i], ACQ_FIFO_VALID | (0x100 + i));
	ck_assert_int_eq(munmap((void *)ring, 4096), 0);
	ck_assert_no_reports();
}
END_TEST

START_TEST(test_acq_device_time)
{
	struct reader r = { .fd = fd, .n = 8 };
	struct acq_model *mp = m;
	pthread_t th;
	void *ret;
	int i;

	start(8);
	ck_assert_int_eq(pthread_create(&th, NULL, reader_thread, &r), 0);
	for (i = 0; i < 8; i++)
		ck_assert_int_gt(evlsim_hw_after(10000ULL * (i + 1), acq_model_sample_cb, &mp), 0);
	ck_assert_int_eq(pthread_join(th, &ret), 0);
	ck_assert_ptr_null(ret);
	ck_assert_int_eq(r.got, 8);
	ck_assert_no_reports();
}
END_TEST

START_TEST(test_acq_unbind_unload_clean)
{
	struct evlsim_module_stats st;

	close(fd);
	fd = -1;
	ck_assert_ret(evlsim_module_stats("acq", &st), 0);
	ck_assert_uint_eq(st.count[EVLSIM_ACCT_IRQS], 1);
	ck_assert_uint_eq(st.count[EVLSIM_ACCT_IOREMAP], 1);
	ck_assert_uint_eq(st.count[EVLSIM_ACCT_DMA], 1);
	ck_assert_uint_eq(st.count[EVLSIM_ACCT_DRIVERS], 1);
	ck_assert_ret(evlsim_unload_module("acq"), 0);
	ck_assert_int_eq(evlsim_platform_device_state(m->pdev), 0);
	ck_assert_int_eq(evlsim_dma_count(), 0);
	ck_assert_int_eq(evlsim_leak_check("acq"), 0);
	ck_assert_ret(evlsim_irq_line_destroy(m->irq), 0);	/* freed: not busy */
	m->irq = evlsim_irq_line_create("acq", EVLSIM_IRQ_LEVEL_HIGH);
	ck_assert_no_reports();
}
END_TEST

START_TEST(test_acq_bad_id)
{
	struct acq_model *m2 = acq_model_create(BASE + 0x1000, 1, 0);

	ck_assert_ptr_nonnull(m2);
	/* bound at once (the driver is loaded): the id was right */
	ck_assert_int_eq(evlsim_platform_device_state(m2->pdev), 1);
	acq_model_destroy(m2);
	close(fd);
	fd = -1;
	ck_assert_ret(evlsim_unload_module("acq"), 0);
	m2 = acq_model_create(BASE + 0x1000, 1, 0);
	ck_assert_ptr_nonnull(m2);
	/* the ID register is read-only for the driver, not for the device model */
	ck_assert_ret(evlsim_mmio_poke(m2->regs, ACQ_REG_ID, 4, 0x12345678), 0);
	ck_assert_ret(evlsim_load_module("acq"), 0);
	ck_assert_int_eq(evlsim_platform_device_state(m2->pdev), -ENODEV);
	ck_assert_int_eq(evlsim_platform_device_state(m->pdev), 1);
	acq_model_destroy(m2);
	evlsim_reset_reports();
}
END_TEST

int main(void)
{
	Suite *s = suite_create("acq");
	TCase *tc = tcase_create("acq");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_acq_probe);
	tcase_add_test(tc, test_acq_threshold_interrupt);
	tcase_add_test(tc, test_acq_reader_blocks_inject);
	tcase_add_test(tc, test_acq_reader_blocks_async);
	tcase_add_test(tc, test_acq_overrun);
	tcase_add_test(tc, test_acq_dma_ring);
	tcase_add_test(tc, test_acq_device_time);
	tcase_add_test(tc, test_acq_unbind_unload_clean);
	tcase_add_test(tc, test_acq_bad_id);
	suite_add_tcase(s, tc);
	return evlsim_check_run(s);
}
