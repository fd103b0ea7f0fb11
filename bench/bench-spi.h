/* SPDX-License-Identifier: MIT */
/* The oob SPI pulse round trip of evlsim-bench (bench-spi.c). */
#ifndef _BENCH_SPI_H
#define _BENCH_SPI_H

int bench_spi_setup(void);
double bench_spi_round(int n);
void bench_spi_teardown(void);

#endif
