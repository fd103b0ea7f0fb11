// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The control element (kernel world), after kernel/evl/control.c: /dev/evl/control, which
 * libevl opens at init to check the ABI and learn the FPU features, and asks for a CPU's
 * state (evl_get_cpustate()). Both requests work from both stages.
 *
 * Every simulated CPU runs oob threads (EVL_CPU_OOB); none is isolated from in-band load
 * (EVL_CPU_ISOL): the host schedules every thread anywhere. There is no shared heap
 * (shm_size 0); fpu_features is 0 until the FPU detection reports the host's.
 */
#include <linux/fs.h>
#include <linux/kernel.h>
#include <linux/miscdevice.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/compat.h>
#include <evl/file.h>
#include <evl/uaccess.h>
#include <uapi/evl/control-abi.h>
#include <uapi/evl/sched-abi.h>
#include <uapi/evl/types-abi.h>
#include "kinternal.h"

struct control_file {
	struct evl_file efile;
};

/* in-band or oob */
static long control_common_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct evl_core_info info;
	struct evl_cpu_state cs;
	__u32 state;

	switch (cmd) {
	case EVL_CTLIOC_GET_COREINFO:
		memset(&info, 0, sizeof(info));
		info.abi_base = EVL_ABI_BASE;
		info.abi_current = EVL_ABI_LEVEL;
		info.fpu_features = 0;
		info.shm_size = 0;
		return raw_copy_to_user((void __user *)arg, &info, sizeof(info)) ? -EFAULT : 0;
	case EVL_CTLIOC_GET_CPUSTATE:
		if (raw_copy_from_user(&cs, (void __user *)arg, sizeof(cs)))
			return -EFAULT;
		if (cs.cpu >= num_online_cpus())
			return -EINVAL;
		state = EVL_CPU_OOB;
		if (raw_copy_to_user(evl_valptr64(cs.state_ptr, __u32), &state, sizeof(state)))
			return -EFAULT;
		return 0;
	default:
		return -ENOTTY;
	}
}

/* in-band */
static int control_open(struct inode *inode, struct file *filp)
{
	struct control_file *cf;
	int ret;

	cf = kzalloc(sizeof(*cf), GFP_KERNEL);
	if (!cf)
		return -ENOMEM;
	ret = evl_open_file(&cf->efile, filp);
	if (ret) {
		kfree(cf);
		return ret;
	}
	filp->private_data = cf;
	return stream_open(inode, filp);
}

/* in-band */
static int control_release(struct inode *inode, struct file *filp)
{
	struct control_file *cf = filp->private_data;

	evl_release_file(&cf->efile);
	kfree(cf);
	return 0;
}

static const struct file_operations control_fops = {
	.open		= control_open,
	.release	= control_release,
	.unlocked_ioctl	= control_common_ioctl,
	.oob_ioctl	= control_common_ioctl,
#ifdef CONFIG_COMPAT
	.compat_ioctl	= compat_ptr_ioctl,
	.compat_oob_ioctl = compat_ptr_oob_ioctl,
#endif
};

static struct miscdevice control_misc = {
	.minor		= MISC_DYNAMIC_MINOR,
	.name		= "evl-control",
	.nodename	= "evl/control",
	.mode		= 0666,
	.fops		= &control_fops,
};

/* part of the EVL core, there from boot */
__attribute__((constructor)) static void control_boot(void)
{
	int ret = misc_register(&control_misc);

	WARN(ret, "EVL: cannot register %s (%d)", EVL_CONTROL_DEV, ret);
}
