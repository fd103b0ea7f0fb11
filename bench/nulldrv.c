// SPDX-License-Identifier: MIT
/*
 * nulldrv: the driver the benchmarks measure the simulator with. A misc device,
 * /dev/benchnull, whose out-of-band handlers do nothing but return, so that what a
 * benchmark times is the simulator's dispatch path and nothing else:
 *
 *  - oob_read/oob_write return their count, oob_ioctl returns 0;
 *  - oob_ioctl(BENCH_IOC_SPIN) busy-waits until bench_spin_stop(), then stamps the time
 *    it returns; ->release stamps the time evl_release_file() returned: their
 *    difference is how long release kept waiting after the last operation in flight left.
 *
 * A second node, /dev/benchflag, blocks: oob_read() waits on the file's EVL flag,
 * oob_write() raises it, so that two threads can ping-pong through two such files.
 *
 * The floor is bench_floor_oob_read(): a call that is not inlined, then an indirect call
 * through a file's f_op->oob_read, as the cheapest conceivable dispatch does.
 */
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/slab.h>
#include <linux/ktime.h>
#include <linux/atomic.h>
#include <linux/spinlock.h>
#include <linux/file.h>
#include <linux/interrupt.h>
#include <asm/processor.h>
#include <linux/io.h>
#include <evl/file.h>
#include <evl/flag.h>
#include "bench-abi.h"

struct nulldrv_file {
	struct evl_file efile;
};

static atomic64_t nulldrv_op_left_ns, nulldrv_release_ns;
static atomic_t nulldrv_spinning, nulldrv_stop;

/* plain-C entry points of the benchmark program */
long bench_floor_oob_read(void *buf, size_t count);
size_t bench_ctx_size(void);
void bench_release_delay(long long *op_left_ns, long long *release_ns);
int bench_spinning(void);
void bench_spin_stop(void);

/* the bench's register block at BENCH_REGS_PHYS, mapped by the first open after it exists */
static void __iomem *nulldrv_regs;

static void nulldrv_map_regs(void)
{
	void __iomem *regs;

	if (READ_ONCE(nulldrv_regs))
		return;
	regs = ioremap(BENCH_REGS_PHYS, 4);
	if (regs && cmpxchg(&nulldrv_regs, NULL, regs))
		iounmap(regs);
}

static int nulldrv_open(struct inode *inode, struct file *filp)
{
	struct nulldrv_file *nf;

	nulldrv_map_regs();

	nf = kzalloc(sizeof(*nf), GFP_KERNEL);
	if (!nf)
		return -ENOMEM;
	evl_open_file(&nf->efile, filp);
	filp->private_data = nf;
	return stream_open(inode, filp);
}

static int nulldrv_release(struct inode *inode, struct file *filp)
{
	struct nulldrv_file *nf = filp->private_data;

	evl_release_file(&nf->efile);
	atomic64_set(&nulldrv_release_ns, ktime_get_ns());
	kfree(nf);
	return 0;
}

static ssize_t nulldrv_oob_read(struct file *filp, char __user *buf, size_t count)
{
	return count;
}

static ssize_t nulldrv_oob_write(struct file *filp, const char __user *buf, size_t count)
{
	return count;
}

static DEFINE_HARD_SPINLOCK(nulldrv_lock);

static long nulldrv_oob_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	unsigned long flags, i;
	u32 sum = 0;

	if (cmd == BENCH_IOC_LOCK) {
		raw_spin_lock_irqsave(&nulldrv_lock, flags);
		raw_spin_unlock_irqrestore(&nulldrv_lock, flags);
		return 0;
	}
	if (cmd == BENCH_IOC_READL) {
		if (!nulldrv_regs)
			return -ENXIO;
		for (i = 0; i < arg; i++)
			sum += readl(nulldrv_regs);
		return sum & 1;
	}
	if (cmd != BENCH_IOC_SPIN)
		return 0;
	atomic_set(&nulldrv_stop, 0);
	atomic_set(&nulldrv_spinning, 1);
	while (!atomic_read(&nulldrv_stop))
		cpu_relax();
	atomic_set(&nulldrv_spinning, 0);
	atomic64_set(&nulldrv_op_left_ns, ktime_get_ns());
	return 0;
}

static const struct file_operations nulldrv_fops = {
	.owner		= THIS_MODULE,
	.open		= nulldrv_open,
	.release	= nulldrv_release,
	.oob_read	= nulldrv_oob_read,
	.oob_write	= nulldrv_oob_write,
	.oob_ioctl	= nulldrv_oob_ioctl,
};

static struct miscdevice nulldrv_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "benchnull",
	.fops	= &nulldrv_fops,
};

struct flagdrv_file {
	struct evl_file efile;
	struct evl_flag flag;
};

static int flagdrv_open(struct inode *inode, struct file *filp)
{
	struct flagdrv_file *ff;

	ff = kzalloc(sizeof(*ff), GFP_KERNEL);
	if (!ff)
		return -ENOMEM;
	evl_init_flag(&ff->flag);
	evl_open_file(&ff->efile, filp);
	filp->private_data = ff;
	return stream_open(inode, filp);
}

static int flagdrv_release(struct inode *inode, struct file *filp)
{
	struct flagdrv_file *ff = filp->private_data;

	evl_destroy_flag(&ff->flag);
	evl_release_file(&ff->efile);
	kfree(ff);
	return 0;
}

static ssize_t flagdrv_oob_read(struct file *filp, char __user *buf, size_t count)
{
	struct flagdrv_file *ff = filp->private_data;
	int ret;

	ret = evl_wait_flag(&ff->flag);
	return ret ?: count;
}

static ssize_t flagdrv_oob_write(struct file *filp, const char __user *buf, size_t count)
{
	struct flagdrv_file *ff = filp->private_data;

	evl_raise_flag(&ff->flag);
	return count;
}

static const struct file_operations flagdrv_fops = {
	.owner		= THIS_MODULE,
	.open		= flagdrv_open,
	.release	= flagdrv_release,
	.oob_read	= flagdrv_oob_read,
	.oob_write	= flagdrv_oob_write,
};

static struct miscdevice flagdrv_misc = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "benchflag",
	.fops	= &flagdrv_fops,
};

/*
 * The interrupt round trip: an out-of-band handler raising the flag of an open
 * /dev/benchflag file, as a device's data-ready interrupt wakes its oob reader.
 */
static irqreturn_t benchirq_handler(int irq, void *dev_id)
{
	struct flagdrv_file *ff = dev_id;

	evl_raise_flag(&ff->flag);
	return IRQ_HANDLED;
}

int bench_irq_request(unsigned int irq, int fd)
{
	struct file *filp = fget(fd);
	int ret;

	if (!filp)
		return -EBADF;
	ret = request_irq(irq, benchirq_handler, IRQF_OOB, "benchirq", filp->private_data);
	fput(filp);
	return ret;
}

void bench_irq_free(unsigned int irq, int fd)
{
	struct file *filp = fget(fd);

	if (filp) {
		free_irq(irq, filp->private_data);
		fput(filp);
	}
}

/* Set at init, so the compiler cannot see through the floor's indirect call. */
struct file bench_floor_file;

noinline long bench_floor_oob_read(void *buf, size_t count)
{
	struct file *filp = &bench_floor_file;

	return filp->f_op->oob_read(filp, buf, count);
}

size_t bench_ctx_size(void)
{
	return sizeof(struct nulldrv_file);
}

void bench_release_delay(long long *op_left_ns, long long *release_ns)
{
	*op_left_ns = atomic64_read(&nulldrv_op_left_ns);
	*release_ns = atomic64_read(&nulldrv_release_ns);
}

int bench_spinning(void)
{
	return atomic_read(&nulldrv_spinning);
}

void bench_spin_stop(void)
{
	atomic_set(&nulldrv_stop, 1);
}

static int __init nulldrv_init(void)
{
	int ret;

	bench_floor_file.f_op = &nulldrv_fops;
	ret = misc_register(&nulldrv_misc);
	if (ret)
		return ret;
	ret = misc_register(&flagdrv_misc);
	if (ret)
		misc_deregister(&nulldrv_misc);
	return ret;
}
module_init(nulldrv_init);

static void __exit nulldrv_exit(void)
{
	if (nulldrv_regs)
		iounmap(nulldrv_regs);
	nulldrv_regs = NULL;
	misc_deregister(&flagdrv_misc);
	misc_deregister(&nulldrv_misc);
}
module_exit(nulldrv_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("evlsim benchmark driver: no-op out-of-band handlers");
