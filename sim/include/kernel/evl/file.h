/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: faithful to linux-evl include/evl/file.h (K @23ade6e, "Design B"): the
 * out-of-band side of a file, and the reference the core holds across every oob handler.
 *
 * evl_open_file() marks a file oob-capable. evl_get_file() resolves an fd of the calling
 * process to its evl_file and takes a crossing reference (any stage), evl_put_file() drops
 * it. evl_release_file() must be called from ->release before the memory holding the
 * evl_file is freed: it waits until every oob operation in flight on the file has returned.
 */
#ifndef _EVLSIM_EVL_FILE_H
#define _EVLSIM_EVL_FILE_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock_types.h>
#include <linux/fs.h>
#include <evl/crossing.h>

struct file;
struct evl_element;

struct evl_file {
	struct file *filp;
	struct evl_crossing crossing;
	struct list_head watchpoints;	/* poll watchpoints of this file */
	hard_spinlock_t lock;		/* guards ->watchpoints */
};

struct evl_file_binding {
	struct evl_file efile;
	struct evl_element *element;
};

int evl_open_file(struct evl_file *efilp, struct file *filp) __evlsim_ksym(evl_open_file);
void evl_release_file(struct evl_file *efilp) __evlsim_ksym(evl_release_file);
struct evl_file *evl_get_file(unsigned int fd) __evlsim_ksym(evl_get_file);

static inline void evl_get_fileref(struct evl_file *efilp)
{
	evl_down_crossing(&efilp->crossing);
}

static inline void evl_put_file(struct evl_file *efilp)	/* oob or in-band */
{
	evl_up_crossing(&efilp->crossing);
}

#endif
