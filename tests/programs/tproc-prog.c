// SPDX-License-Identifier: MIT
/*
 * A program as it runs on a board: POSIX and libevl calls only, no simulator call. It
 * expects /dev/tproc (tests/drivers/tproc.c) to be there, loaded before main() by
 * EVLSIM_MODULES in the simulator, and:
 *
 *	tproc-prog tag		prints "tag=N", the module parameter
 *	tproc-prog cancel N	starts N EVL threads blocked in oob_ioctl() and N threads
 *				blocked in read(), cancels them all with pthread_cancel(),
 *				joins them, prints "cancelled=C waits_ended=E", and exits
 *				without closing its descriptor
 *	tproc-prog leave N	leaves N threads blocked in oob_ioctl() and exits
 *
 * Exit status 0 when every call did what a board does, 1 otherwise.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <evl/evl.h>
#include "tproc-abi.h"

static int fd;

#define fail(...) do { fprintf(stderr, "tproc-prog: " __VA_ARGS__); exit(1); } while (0)

static struct tproc_stats stats(void)
{
	struct tproc_stats st;

	if (ioctl(fd, TPROC_IOC_STATS, &st))
		fail("TPROC_IOC_STATS: %s\n", strerror(errno));
	return st;
}

static void *oob_waiter(void *arg)
{
	int efd = evl_attach_self("tproc-oob:%d.%ld", getpid(), (long)arg);

	if (efd < 0)
		fail("evl_attach_self: %s\n", strerror(-efd));
	oob_ioctl(fd, TPROC_OOB_WAIT);
	return NULL;		/* woken: not what this program expects */
}

static void *inband_waiter(void *arg)
{
	char c;

	(void)arg;
	(void)read(fd, &c, 1);
	return NULL;
}

static void start(pthread_t *th, int n, void *(*fn)(void *), unsigned int *waiting)
{
	long i;

	for (i = 0; i < n; i++)
		if (pthread_create(&th[i], NULL, fn, (void *)i))
			fail("pthread_create\n");
	*waiting += n;
	while (stats().waiting < *waiting)
		usleep(1000);
}

int main(int argc, char **argv)
{
	unsigned int waiting = 0;
	pthread_t th[64];
	int i, n, cancelled = 0;
	void *res;

	fd = open("/dev/tproc", O_RDWR);
	if (fd < 0)
		fail("open /dev/tproc: %s\n", strerror(errno));
	if (argc >= 2 && !strcmp(argv[1], "tag")) {
		printf("tag=%d\n", stats().tag);
		return 0;
	}
	if (argc < 3)
		fail("usage: tproc-prog tag | cancel N | leave N\n");
	n = atoi(argv[2]);
	if (n < 1 || n > 32)
		fail("N out of range\n");
	start(th, n, oob_waiter, &waiting);
	if (!strcmp(argv[1], "leave")) {
		printf("leaving %d\n", n);
		fflush(stdout);
		return 0;
	}
	start(th + n, n, inband_waiter, &waiting);
	for (i = 0; i < 2 * n; i++)
		if (pthread_cancel(th[i]))
			fail("pthread_cancel\n");
	for (i = 0; i < 2 * n; i++) {
		if (pthread_join(th[i], &res))
			fail("pthread_join\n");
		cancelled += res == PTHREAD_CANCELED;
	}
	printf("cancelled=%d waits_ended=%u waiting=%u\n", cancelled, stats().waits_ended,
	       stats().waiting);
	return 0;
}
