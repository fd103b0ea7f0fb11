// SPDX-License-Identifier: MIT
/*
 * check_dma: DMA memory (tests/drivers/thw.c maps and allocates, the test is the device).
 *
 * Proves coherent memory shared by the driver, the device (evlsim_dma_*()) and user space
 * (dma_mmap_coherent()); streaming mappings through bounce buffers: the device sees a
 * DMA_TO_DEVICE buffer as it was at map time or at the last sync_for_device, the CPU sees
 * what the device wrote to a DMA_FROM_DEVICE buffer only after sync_for_cpu or unmap; the
 * dma-debug reports: a CPU write to a DMA_FROM_DEVICE buffer the device owns, double
 * unmap, unmap of an unknown address, unmap with another size or direction, a device
 * access after unmap, mappings left at unbind (and the leak at unload); DMA masks
 * (-EIO below 24 bits, allocation and mapping failures above the mask); fail_dma_alloc.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <evlsim/hw.h>
#include "evlsim-check.h"
#include "../drivers/thw-abi.h"

#define DMA_BIDIRECTIONAL	0
#define DMA_TO_DEVICE		1
#define DMA_FROM_DEVICE		2

static struct evlsim_pdev *pdev;
static int fd = -1;

static void setup(void)
{
	struct evlsim_pdev_info info = { .name = "thw", .id = 0, .compatible = "evlsim,thw" };

	ck_assert_ret(evlsim_platform_device_add(&info, &pdev), 0);
	ck_assert_ret(evlsim_load_module("thw"), 0);
	fd = open("/dev/thw", O_RDWR);
	ck_assert_int_ge(fd, 0);
}

static void teardown(void)
{
	if (fd >= 0)
		close(fd);
	evlsim_unload_module("thw");
	if (pdev)
		evlsim_platform_device_remove(pdev);
}

static struct thw_io op(unsigned int opc, unsigned int dir, unsigned long off,
			unsigned long long val, unsigned long long arg)
{
	struct thw_io io = { .op = opc, .width = dir, .off = off, .val = val, .arg = arg };

	ck_assert_int_eq(ioctl(fd, THW_IOC, &io), 0);
	return io;
}

START_TEST(test_dma_coherent_shared)
{
	struct thw_io io = op(THW_DMA_ALLOC, 0, 0, 0, 8192);
	unsigned char *u;
	char c;

	ck_assert_int_eq(io.ret, 0);
	ck_assert_uint_ge(io.val, 0x01000000);
	ck_assert_uint_eq(io.val & 0xfff, 0);
	ck_assert_int_eq(evlsim_dma_count(), 1);
	/* device -> driver */
	ck_assert_ret(evlsim_dma_write(io.val + 5000, "x", 1), 0);
	ck_assert_uint_eq(op(THW_DMA_COH_READ, 0, 5000, 0, 0).val, 'x');
	/* driver -> device */
	op(THW_DMA_COH_WRITE, 0, 7, 'y', 0);
	ck_assert_ret(evlsim_dma_read(io.val + 7, &c, 1), 0);
	ck_assert_int_eq(c, 'y');
	/* user space through dma_mmap_coherent() */
	u = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	ck_assert_ptr_ne(u, MAP_FAILED);
	ck_assert_int_eq(u[5000], 'x');
	ck_assert_int_eq(u[7], 'y');
	u[100] = 'z';
	ck_assert_uint_eq(op(THW_DMA_COH_READ, 0, 100, 0, 0).val, 'z');
	ck_assert_int_eq(munmap(u, 8192), 0);
	/* out of the allocation: refused and reported */
	ck_assert_ptr_null(evlsim_dma_ptr(io.val + 8190, 4));
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_RULE), 1);
	evlsim_reset_reports();
	op(THW_DMA_FREE, 0, 0, io.val, 8192);
	ck_assert_int_eq(evlsim_dma_count(), 0);
	ck_assert_no_reports();
}
END_TEST

START_TEST(test_dma_to_device)
{
	struct thw_io io = op(THW_DMA_MAP, DMA_TO_DEVICE, 0xab, 0, 256);
	unsigned char *p;

	ck_assert_int_eq(io.ret, 0);
	p = evlsim_dma_ptr(io.val, 256);
	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(p[0], 0xab);
	ck_assert_int_eq(p[255], 0xab);
	/* a CPU write after the map is not seen until sync_for_device */
	op(THW_DMA_CPU_WRITE, 0, 10, 0x01, 0);
	ck_assert_int_eq(p[10], 0xab);
	op(THW_DMA_SYNC_DEV, DMA_TO_DEVICE, 0, io.val, 256);
	ck_assert_int_eq(p[10], 0x01);
	op(THW_DMA_UNMAP, DMA_TO_DEVICE, 0, io.val, 256);
	ck_assert_int_eq(evlsim_dma_count(), 0);
	ck_assert_no_reports();
}
END_TEST

START_TEST(test_dma_from_device)
{
	struct thw_io io = op(THW_DMA_MAP, DMA_FROM_DEVICE, 0x00, 0, 64);
	unsigned char data[16];

	memset(data, 0x11, sizeof(data));
	ck_assert_ret(evlsim_dma_write(io.val + 8, data, sizeof(data)), 0);
	/* not visible to the CPU before a sync */
	ck_assert_uint_eq(op(THW_DMA_CPU_READ, 0, 8, 0, 0).val, 0);
	op(THW_DMA_SYNC_CPU, DMA_FROM_DEVICE, 0, io.val, 64);
	ck_assert_uint_eq(op(THW_DMA_CPU_READ, 0, 8, 0, 0).val, 0x11);
	ck_assert_uint_eq(op(THW_DMA_CPU_READ, 0, 23, 0, 0).val, 0x11);
	ck_assert_uint_eq(op(THW_DMA_CPU_READ, 0, 24, 0, 0).val, 0);
	/* back to the device, more data, and the unmap hands it over */
	op(THW_DMA_SYNC_DEV, DMA_FROM_DEVICE, 0, io.val, 64);
	memset(data, 0x22, sizeof(data));
	ck_assert_ret(evlsim_dma_write(io.val + 40, data, sizeof(data)), 0);
	op(THW_DMA_UNMAP, DMA_FROM_DEVICE, 0, io.val, 64);
	ck_assert_uint_eq(op(THW_DMA_CPU_READ, 0, 40, 0, 0).val, 0x22);
	ck_assert_no_reports();
}
END_TEST

START_TEST(test_dma_cpu_write_while_device_owns)
{
	struct thw_io io = op(THW_DMA_MAP, DMA_FROM_DEVICE, 0x00, 0, 64);
	struct evlsim_capture cap;
	char *out;

	op(THW_DMA_CPU_WRITE, 0, 33, 0x5a, 0);
	evlsim_capture_start(&cap);
	op(THW_DMA_UNMAP, DMA_FROM_DEVICE, 0, io.val, 64);
	out = evlsim_capture_end(&cap);
	ck_assert_msg(strstr(out, "dma-api") &&
		      strstr(out, "CPU wrote to a buffer mapped DMA_FROM_DEVICE") &&
		      strstr(out, "first changed byte at offset 33"), "%s", out);
	free(out);
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_RULE), 1);
	evlsim_reset_reports();
}
END_TEST

START_TEST(test_dma_unmap_errors)
{
	struct thw_io io = op(THW_DMA_MAP, DMA_TO_DEVICE, 0x00, 0, 128);
	struct evlsim_capture cap;
	char *out;

	evlsim_capture_start(&cap);
	op(THW_DMA_UNMAP, DMA_FROM_DEVICE, 0, io.val, 64);	/* size and direction */
	op(THW_DMA_UNMAP, DMA_TO_DEVICE, 0, io.val, 128);	/* twice */
	op(THW_DMA_UNMAP, DMA_TO_DEVICE, 0, 0x7000000, 128);	/* never mapped */
	op(THW_DMA_SYNC_CPU, DMA_TO_DEVICE, 0, io.val, 128);	/* sync after unmap */
	out = evlsim_capture_end(&cap);
	ck_assert_msg(strstr(out, "frees DMA memory with different size") &&
		      strstr(out, "[mapped as DMA_TO_DEVICE] [unmapped as DMA_FROM_DEVICE]") &&
		      strstr(out, "unmaps DMA memory twice") &&
		      strstr(out, "tries to free DMA memory it has not allocated") &&
		      strstr(out, "tries to sync DMA memory it has not allocated"), "%s", out);
	free(out);
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_RULE), 5);
	/* the device using the address after the unmap */
	ck_assert_ptr_null(evlsim_dma_ptr(io.val, 4));
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_RULE), 6);
	evlsim_reset_reports();
}
END_TEST

START_TEST(test_dma_masks)
{
	ck_assert_int_eq(op(THW_DMA_SET_MASK, 0, 0, 0xffff, 0).ret, -EIO);
	ck_assert_int_eq(op(THW_DMA_SET_MASK, 0, 0, 0xffffff, 0).ret, 0);
	/* the bus starts at 16 MiB: nothing fits a 24-bit mask */
	ck_assert_int_eq(op(THW_DMA_MAP, DMA_TO_DEVICE, 0, 0, 64).ret, -ENOMEM);
	ck_assert_int_eq(op(THW_DMA_ALLOC, 0, 0, 0, 4096).ret, -ENOMEM);
	ck_assert_int_eq(op(THW_DMA_SET_MASK, 0, 0, ~0ULL, 0).ret, 0);
	ck_assert_int_eq(op(THW_DMA_ALLOC, 0, 0, 0, 4096).ret, 0);
	evlsim_reset_reports();	/* the coherent mask warning */
	ck_assert_int_eq(evlsim_dma_count(), 1);
}
END_TEST

START_TEST(test_dma_left_at_unbind_and_unload)
{
	struct thw_io io = op(THW_DMA_ALLOC, 0, 0, 0, 4096);
	struct evlsim_capture cap;
	char *out;

	ck_assert_int_eq(io.ret, 0);
	evlsim_capture_start(&cap);
	ck_assert_ret(evlsim_platform_device_remove(pdev), 0);
	pdev = NULL;
	close(fd);
	fd = -1;
	ck_assert_ret(evlsim_unload_module("thw"), 0);
	out = evlsim_capture_end(&cap);
	ck_assert_msg(strstr(out, "has pending DMA allocations while released from device [count=1]") &&
		      strstr(out, "bytes of DMA buffer memory") && strstr(out, "thw_ioctl"),
		      "%s", out);
	free(out);
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_RULE), 1);
	ck_assert_uint_eq(evlsim_report_count(EVLSIM_REPORT_LEAK), 1);
	evlsim_reset_reports();
}
END_TEST

START_TEST(test_dma_fault_alloc)
{
	ck_assert_ret(evlsim_fault_set("fail_dma_alloc", "times=2"), 0);
	ck_assert_int_eq(op(THW_DMA_ALLOC, 0, 0, 0, 4096).ret, -ENOMEM);
	ck_assert_int_eq(op(THW_DMA_MAP, DMA_TO_DEVICE, 0, 0, 64).ret, -ENOMEM);
	ck_assert_int_eq(evlsim_fault_count("fail_dma_alloc"), 2);
	ck_assert_int_eq(op(THW_DMA_ALLOC, 0, 0, 0, 4096).ret, 0);
	evlsim_fault_reset();
	evlsim_reset_reports();
}
END_TEST

int main(void)
{
	Suite *s = suite_create("dma");
	TCase *tc = tcase_create("dma");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_dma_coherent_shared);
	tcase_add_test(tc, test_dma_to_device);
	tcase_add_test(tc, test_dma_from_device);
	tcase_add_test(tc, test_dma_cpu_write_while_device_owns);
	tcase_add_test(tc, test_dma_unmap_errors);
	tcase_add_test(tc, test_dma_masks);
	tcase_add_test(tc, test_dma_left_at_unbind_and_unload);
	tcase_add_test(tc, test_dma_fault_alloc);
	suite_add_tcase(s, tc);
	return evlsim_check_run(s);
}
