// SPDX-License-Identifier: MIT
/*
 * The consumer's test: load the module, use it from an EVL thread, unload it; the
 * installed example module echo is found without $EVLSIM_MODULE_PATH.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <evl/evl.h>
#include <evlsim/evlsim.h>

#define expect(cond)								\
	do {									\
		if (!(cond)) {							\
			fprintf(stderr, "hello-test: failed: %s\n", #cond);	\
			return 1;						\
		}								\
	} while (0)

int main(void)
{
	int fd;

	expect(evlsim_load_module("hello") == 0);
	fd = open("/dev/hello", O_RDWR);
	expect(fd >= 0);
	expect(oob_ioctl(fd, 42) == -1 && errno == EPERM);
	expect(evl_attach_self("hello-test:%d", getpid()) >= 0);
	expect(oob_ioctl(fd, 42) == 4242);
	expect(oob_ioctl(fd, 43) == -1 && errno == ENOTTY);
	expect(evlsim_unload_module("hello") == -EBUSY);
	expect(close(fd) == 0);
	expect(evlsim_unload_module("hello") == 0);
	expect(unsetenv("EVLSIM_MODULE_PATH") == 0);
	expect(evlsim_load_module("echo") == 0);	/* <libdir>/evlsim/modules/echo.so */
	expect(evlsim_unload_module("echo") == 0);
	expect(evlsim_report_total() == 0);
	printf("hello-test: ok\n");
	return 0;
}
