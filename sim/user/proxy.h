/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* The proxies of stdout and stderr libevl creates at init (user world, libevl-proxy.c). */
#ifndef _EVLSIM_SIM_USER_PROXY_H
#define _EVLSIM_SIM_USER_PROXY_H

/* Once per process, in-band: evl_stdout() and evl_stderr() from then on. */
void evlsim__setup_std_proxies(void);

#endif /* _EVLSIM_SIM_USER_PROXY_H */
