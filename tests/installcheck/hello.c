// SPDX-License-Identifier: MIT
/* A minimal out-of-tree driver: a misc device answering one oob ioctl. */
#include <linux/module.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <evl/file.h>

struct hello_file {
	struct evl_file efile;
};

static int hello_open(struct inode *inode, struct file *filp)
{
	struct hello_file *hf = kzalloc(sizeof(*hf), GFP_KERNEL);

	if (!hf)
		return -ENOMEM;
	evl_open_file(&hf->efile, filp);
	filp->private_data = hf;
	return 0;
}

static int hello_release(struct inode *inode, struct file *filp)
{
	struct hello_file *hf = filp->private_data;

	evl_release_file(&hf->efile);
	kfree(hf);
	return 0;
}

static long hello_oob_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	return cmd == 42 ? 4242 : -ENOIOCTLCMD;
}

static const struct file_operations hello_fops = {
	.owner = THIS_MODULE,
	.open = hello_open,
	.release = hello_release,
	.oob_ioctl = hello_oob_ioctl,
};

static struct miscdevice hello_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "hello",
	.fops = &hello_fops,
};

module_misc_device(hello_misc);
MODULE_LICENSE("GPL");
