/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim uapi: faithful to linux-evl include/uapi/evl/proxy-abi.h, the attributes of a
 * new proxy element (libevl's evl_create_proxy()). Shared by kernel and user code.
 */
#ifndef _EVLSIM_UAPI_EVL_PROXY_ABI_H
#define _EVLSIM_UAPI_EVL_PROXY_ABI_H

#include <linux/types.h>

#define EVL_PROXY_DEV	"proxy"

struct evl_proxy_attrs {
	__u32 fd;
	__u32 bufsz;
	__u32 granularity;
};

#endif /* _EVLSIM_UAPI_EVL_PROXY_ABI_H */
