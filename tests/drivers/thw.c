// SPDX-License-Identifier: GPL-2.0-only
/*
 * thw: test driver for the simulated platform bus, registers and DMA memory.
 *
 * Two platform drivers: "thw" (of_match "evlsim,thw" with match data 1, "evlsim,thw2"
 * with 2; id_table "thw-id"; else the name "thw") and "thw-dep" (a provider: "thw"
 * devices with the property "thw,needs-dep" defer their probe until one is bound). A
 * probe logs what it found (properties, resources, irqs, clocks) into a log that
 * /dev/thw reads, acquires three managed actions logging their release, and fails with
 * the errno in "thw,fail" if present. The ioctl runs one operation (thw-abi.h) on the
 * registers or DMA memory of the "thw" device bound last.
 */
#include <linux/module.h>
#include <linux/platform_device.h>
#include <linux/mutex.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include <linux/io.h>
#include <linux/iopoll.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/property.h>
#include <linux/clk.h>
#include <linux/pm_runtime.h>
#include <linux/dma-mapping.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/mm.h>
#include <linux/sizes.h>
#include <linux/gcd.h>
#include "thw-abi.h"

struct thw_dev {
	struct platform_device *pdev;
	void __iomem *regs;
	struct clk *clk;
};

static DEFINE_MUTEX(thw_lock);
static char thw_log[THW_LOG_SIZE];
static size_t thw_log_len;
static struct thw_dev *thw_cur;
static bool thw_dep_bound;
static void __iomem *thw_mapped;	/* THW_IOREMAP */
static void *thw_coh;			/* THW_DMA_ALLOC */
static dma_addr_t thw_coh_dma;
static size_t thw_coh_size;
static u8 *thw_buf;			/* THW_DMA_MAP */

static __printf(1, 2) void thw_logf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	thw_log_len += vscnprintf(thw_log + thw_log_len, sizeof(thw_log) - thw_log_len, fmt, ap);
	va_end(ap);
}

static void thw_release_a(void *data) { thw_logf("release A %s\n", (char *)data); }
static void thw_release_b(void *data) { thw_logf("release B %s\n", (char *)data); }
static void thw_release_c(void *data) { thw_logf("release C %s\n", (char *)data); }

static void thw_log_props(struct device *dev)
{
	struct device_node *np = dev->of_node;
	const char *s = NULL;
	u32 v = 0, arr[3] = { 0 };
	int ret;

	ret = of_property_read_u32(np, "thw,u32", &v);
	thw_logf("u32 %d %u\n", ret, v);
	ret = of_property_read_u32_array(np, "thw,array", arr, 3);
	thw_logf("array %d %u %u %u\n", ret, arr[0], arr[1], arr[2]);
	ret = of_property_read_u32_array(np, "thw,array", arr, 5);
	thw_logf("array5 %d\n", ret);
	ret = of_property_read_string(np, "thw,label", &s);
	thw_logf("label %d %s\n", ret, ret ? "-" : s);
	thw_logf("flag %d\n", of_property_read_bool(np, "thw,flag"));
	ret = of_property_read_u32(np, "thw,flag", &v);
	thw_logf("flag-u32 %d\n", ret);
	ret = device_property_read_u32(dev, "thw,u32", &v);
	thw_logf("dev-u32 %d %u\n", ret, v);
	thw_logf("compatible %d\n", of_device_is_compatible(np, "evlsim,thw"));
}

static void thw_log_resources(struct platform_device *pdev)
{
	struct resource *r = platform_get_resource(pdev, IORESOURCE_MEM, 0);
	struct resource *rn = platform_get_resource_byname(pdev, IORESOURCE_MEM, "ctrl");
	const __be32 *reg;
	u64 size = 0;

	thw_logf("mem0 %s %#llx %llu\n", r ? "yes" : "no", r ? (unsigned long long)r->start : 0ULL,
		 r ? (unsigned long long)resource_size(r) : 0ULL);
	thw_logf("mem-ctrl %s\n", rn ? "yes" : "no");
	thw_logf("irq0 %d\n", platform_get_irq_optional(pdev, 0));
	thw_logf("irq-byname %d\n", platform_get_irq_byname_optional(pdev, "data"));
	thw_logf("irq-count %d\n", platform_irq_count(pdev));
	reg = of_get_address(pdev->dev.of_node, 0, &size, NULL);
	thw_logf("of-reg %#llx %llu\n",
		 reg ? (unsigned long long)of_translate_address(pdev->dev.of_node, reg) : 0ULL,
		 (unsigned long long)size);
}

static int thw_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	const struct platform_device_id *id = platform_get_device_id(pdev);
	struct thw_dev *td;
	u32 fail = 0;
	int ret;

	mutex_lock(&thw_lock);
	thw_logf("probe %s data %ld id %s\n", dev_name(dev), (long)device_get_match_data(dev),
		 id ? id->name : "-");
	if (device_property_read_bool(dev, "thw,needs-dep") && !thw_dep_bound) {
		thw_logf("defer %s\n", dev_name(dev));
		mutex_unlock(&thw_lock);
		return dev_err_probe(dev, -EPROBE_DEFER, "waiting for thw-dep\n");
	}
	mutex_unlock(&thw_lock);

	td = devm_kzalloc(dev, sizeof(*td), GFP_KERNEL);
	if (!td)
		return -ENOMEM;
	td->pdev = pdev;
	ret = devm_add_action_or_reset(dev, thw_release_a, (void *)dev_name(dev));
	if (ret)
		return ret;
	ret = devm_add_action_or_reset(dev, thw_release_b, (void *)dev_name(dev));
	if (ret)
		return ret;
	ret = devm_add_action_or_reset(dev, thw_release_c, (void *)dev_name(dev));
	if (ret)
		return ret;

	mutex_lock(&thw_lock);
	if (dev->of_node)
		thw_log_props(dev);
	thw_log_resources(pdev);
	mutex_unlock(&thw_lock);

	if (platform_get_resource(pdev, IORESOURCE_MEM, 0)) {
		td->regs = devm_platform_ioremap_resource(pdev, 0);
		if (IS_ERR(td->regs))
			return dev_err_probe(dev, PTR_ERR(td->regs), "cannot map registers\n");
	}
	td->clk = devm_clk_get_optional_enabled(dev, NULL);
	if (IS_ERR(td->clk))
		return PTR_ERR(td->clk);
	ret = pm_runtime_resume_and_get(dev);
	if (ret)
		return ret;
	pm_runtime_put(dev);

	mutex_lock(&thw_lock);
	thw_logf("clk %lu\n", clk_get_rate(td->clk));
	if (!device_property_read_u32(dev, "thw,fail", &fail) && fail) {
		thw_logf("fail %s %d\n", dev_name(dev), -(int)fail);
		mutex_unlock(&thw_lock);
		return dev_err_probe(dev, -(int)fail, "failing as asked\n");
	}
	thw_cur = td;
	thw_logf("bound %s\n", dev_name(dev));
	mutex_unlock(&thw_lock);
	platform_set_drvdata(pdev, td);
	return 0;
}

static void thw_remove(struct platform_device *pdev)
{
	struct thw_dev *td = platform_get_drvdata(pdev);

	mutex_lock(&thw_lock);
	thw_logf("remove %s\n", dev_name(&pdev->dev));
	if (thw_cur == td)
		thw_cur = NULL;
	mutex_unlock(&thw_lock);
}

static const struct of_device_id thw_of_match[] = {
	{ .compatible = "evlsim,thw", .data = (void *)1 },
	{ .compatible = "evlsim,thw2", .data = (void *)2 },
	{ }
};
MODULE_DEVICE_TABLE(of, thw_of_match);

static const struct platform_device_id thw_ids[] = {
	{ .name = "thw-id" },
	{ .name = "thw" },
	{ }
};

static struct platform_driver thw_driver = {
	.probe = thw_probe,
	.remove = thw_remove,
	.driver = {
		.name = "thw",
		.of_match_table = thw_of_match,
	},
	.id_table = thw_ids,
};

static int thw_dep_probe(struct platform_device *pdev)
{
	mutex_lock(&thw_lock);
	thw_dep_bound = true;
	thw_logf("probe %s\n", dev_name(&pdev->dev));
	mutex_unlock(&thw_lock);
	return 0;
}

static void thw_dep_remove(struct platform_device *pdev)
{
	mutex_lock(&thw_lock);
	thw_dep_bound = false;
	thw_logf("remove %s\n", dev_name(&pdev->dev));
	mutex_unlock(&thw_lock);
}

static struct platform_driver thw_dep_driver = {
	.probe = thw_dep_probe,
	.remove = thw_dep_remove,
	.driver = { .name = "thw-dep" },
};

/* ---- the operations --------------------------------------------------------------------- */

static u64 thw_read(void __iomem *a, struct thw_io *io)
{
	switch (io->variant * 16 + io->width) {
	case THW_V_PLAIN * 16 + 1: return readb(a);
	case THW_V_PLAIN * 16 + 2: return readw(a);
	case THW_V_PLAIN * 16 + 4: return readl(a);
	case THW_V_PLAIN * 16 + 8: return readq(a);
	case THW_V_RELAXED * 16 + 1: return readb_relaxed(a);
	case THW_V_RELAXED * 16 + 2: return readw_relaxed(a);
	case THW_V_RELAXED * 16 + 4: return readl_relaxed(a);
	case THW_V_RELAXED * 16 + 8: return readq_relaxed(a);
	case THW_V_RAW * 16 + 1: return __raw_readb(a);
	case THW_V_RAW * 16 + 2: return __raw_readw(a);
	case THW_V_RAW * 16 + 4: return __raw_readl(a);
	case THW_V_RAW * 16 + 8: return __raw_readq(a);
	case THW_V_IO * 16 + 1: return ioread8(a);
	case THW_V_IO * 16 + 2: return ioread16(a);
	case THW_V_IO * 16 + 4: return ioread32(a);
	case THW_V_IO * 16 + 8: return ioread64(a);
	case THW_V_IOBE * 16 + 2: return ioread16be(a);
	case THW_V_IOBE * 16 + 4: return ioread32be(a);
	case THW_V_IOBE * 16 + 8: return ioread64be(a);
	}
	return -1;
}

static void thw_write(void __iomem *a, struct thw_io *io)
{
	u64 v = io->val;

	switch (io->variant * 16 + io->width) {
	case THW_V_PLAIN * 16 + 1: writeb(v, a); break;
	case THW_V_PLAIN * 16 + 2: writew(v, a); break;
	case THW_V_PLAIN * 16 + 4: writel(v, a); break;
	case THW_V_PLAIN * 16 + 8: writeq(v, a); break;
	case THW_V_RELAXED * 16 + 1: writeb_relaxed(v, a); break;
	case THW_V_RELAXED * 16 + 2: writew_relaxed(v, a); break;
	case THW_V_RELAXED * 16 + 4: writel_relaxed(v, a); break;
	case THW_V_RELAXED * 16 + 8: writeq_relaxed(v, a); break;
	case THW_V_RAW * 16 + 1: __raw_writeb(v, a); break;
	case THW_V_RAW * 16 + 2: __raw_writew(v, a); break;
	case THW_V_RAW * 16 + 4: __raw_writel(v, a); break;
	case THW_V_RAW * 16 + 8: __raw_writeq(v, a); break;
	case THW_V_IO * 16 + 1: iowrite8(v, a); break;
	case THW_V_IO * 16 + 2: iowrite16(v, a); break;
	case THW_V_IO * 16 + 4: iowrite32(v, a); break;
	case THW_V_IO * 16 + 8: iowrite64(v, a); break;
	case THW_V_IOBE * 16 + 2: iowrite16be(v, a); break;
	case THW_V_IOBE * 16 + 4: iowrite32be(v, a); break;
	case THW_V_IOBE * 16 + 8: iowrite64be(v, a); break;
	}
}

static long thw_regs_op(struct thw_dev *td, struct thw_io *io)
{
	void __iomem *a = td->regs + io->off;
	void __user *ubuf = u64_to_user_ptr(io->val);
	u32 v, buf[16];
	size_t n = min_t(size_t, io->arg, ARRAY_SIZE(buf));

	switch (io->op) {
	case THW_READ:
		io->val = thw_read(a, io);
		return 0;
	case THW_WRITE:
		thw_write(a, io);
		return 0;
	case THW_DIRECT_READ:
		io->val = *(volatile u32 __force *)a;	/* the bug the simulator reports */
		return 0;
	case THW_DIRECT_WRITE:
		*(volatile u32 __force *)a = io->val;
		return 0;
	case THW_POLL:
		io->ret = readl_poll_timeout(a, v, v & io->val, 10, io->arg);
		io->val = v;
		return 0;
	case THW_POLL_ATOMIC:
		io->ret = readl_poll_timeout_atomic(a, v, v & io->val, 1, io->arg);
		io->val = v;
		return 0;
	case THW_READS:
		readsl(a, buf, n);
		return copy_to_user(ubuf, buf, n * 4) ? -EFAULT : 0;
	case THW_WRITES:
		if (copy_from_user(buf, ubuf, n * 4))
			return -EFAULT;
		writesl(a, buf, n);
		return 0;
	case THW_FROMIO:
		memcpy_fromio(buf, a, min_t(size_t, io->arg, sizeof(buf)));
		return copy_to_user(ubuf, buf, min_t(size_t, io->arg, sizeof(buf))) ? -EFAULT : 0;
	case THW_TOIO:
		if (copy_from_user(buf, ubuf, min_t(size_t, io->arg, sizeof(buf))))
			return -EFAULT;
		memcpy_toio(a, buf, min_t(size_t, io->arg, sizeof(buf)));
		return 0;
	}
	return -ENOTTY;
}

static long thw_dma_op(struct thw_dev *td, struct thw_io *io)
{
	struct device *dev = &td->pdev->dev;
	dma_addr_t addr;

	switch (io->op) {
	case THW_DMA_ALLOC:
		thw_coh = dma_alloc_coherent(dev, io->arg, &thw_coh_dma, GFP_KERNEL);
		thw_coh_size = io->arg;
		io->val = thw_coh_dma;
		io->ret = thw_coh ? 0 : -ENOMEM;
		return 0;
	case THW_DMA_FREE:
		dma_free_coherent(dev, io->arg, thw_coh, io->val);
		thw_coh = NULL;
		return 0;
	case THW_DMA_COH_READ:
		io->val = thw_coh ? ((u8 *)thw_coh)[io->off] : 0;
		return 0;
	case THW_DMA_COH_WRITE:
		if (thw_coh)
			((u8 *)thw_coh)[io->off] = io->val;
		return 0;
	case THW_DMA_MAP:
		kfree(thw_buf);
		thw_buf = kmalloc(io->arg, GFP_KERNEL);
		if (!thw_buf)
			return -ENOMEM;
		memset(thw_buf, (int)io->off, io->arg);
		addr = dma_map_single(dev, thw_buf, io->arg, io->width);
		io->val = addr;
		io->ret = dma_mapping_error(dev, addr);
		return 0;
	case THW_DMA_UNMAP:
		dma_unmap_single(dev, io->val, io->arg, io->width);
		return 0;
	case THW_DMA_SYNC_CPU:
		dma_sync_single_for_cpu(dev, io->val, io->arg, io->width);
		return 0;
	case THW_DMA_SYNC_DEV:
		dma_sync_single_for_device(dev, io->val, io->arg, io->width);
		return 0;
	case THW_DMA_CPU_READ:
		io->val = thw_buf ? thw_buf[io->off] : 0;
		return 0;
	case THW_DMA_CPU_WRITE:
		if (thw_buf)
			thw_buf[io->off] = io->val;
		return 0;
	case THW_DMA_CHECK:
		io->ret = dma_mapping_error(dev, io->val);
		return 0;
	case THW_DMA_SET_MASK:
		io->ret = dma_set_mask_and_coherent(dev, io->val);
		return 0;
	}
	return -ENOTTY;
}

static long thw_ioctl(struct file *filp, unsigned int cmd, unsigned long arg)
{
	struct thw_io io;
	long ret;

	if (cmd != THW_IOC)
		return -ENOTTY;
	if (copy_from_user(&io, (void __user *)arg, sizeof(io)))
		return -EFAULT;
	mutex_lock(&thw_lock);
	switch (io.op) {
	case THW_CLEAR_LOG:
		thw_log_len = 0;
		thw_log[0] = '\0';
		ret = 0;
		break;
	case THW_IOREMAP:
		thw_mapped = ioremap(io.val, io.arg);
		io.ret = thw_mapped ? 0 : -ENOMEM;
		ret = 0;
		break;
	case THW_IOUNMAP:
		iounmap(thw_mapped);
		thw_mapped = NULL;
		ret = 0;
		break;
	case THW_ACCESS_MAPPED:
		io.val = thw_mapped ? readl(thw_mapped + io.off) : 0;
		ret = 0;
		break;
	default:
		ret = -ENODEV;
		if (!thw_cur)
			break;
		if (io.op >= THW_DMA_ALLOC)
			ret = thw_dma_op(thw_cur, &io);
		else
			ret = thw_cur->regs ? thw_regs_op(thw_cur, &io) : -ENXIO;
	}
	mutex_unlock(&thw_lock);
	if (!ret && copy_to_user((void __user *)arg, &io, sizeof(io)))
		ret = -EFAULT;
	return ret;
}

static ssize_t thw_read_log(struct file *filp, char __user *buf, size_t count, loff_t *ppos)
{
	ssize_t ret = 0;

	mutex_lock(&thw_lock);
	if (*ppos < thw_log_len) {
		ret = min_t(size_t, count, thw_log_len - *ppos);
		if (copy_to_user(buf, thw_log + *ppos, ret))
			ret = -EFAULT;
		else
			*ppos += ret;
	}
	mutex_unlock(&thw_lock);
	return ret;
}

static int thw_mmap(struct file *filp, struct vm_area_struct *vma)
{
	int ret = -ENXIO;

	mutex_lock(&thw_lock);
	if (thw_cur && thw_coh)
		ret = dma_mmap_coherent(&thw_cur->pdev->dev, vma, thw_coh, thw_coh_dma,
					thw_coh_size);
	mutex_unlock(&thw_lock);
	return ret;
}

static const struct file_operations thw_fops = {
	.owner = THIS_MODULE,
	.read = thw_read_log,
	.unlocked_ioctl = thw_ioctl,
	.mmap = thw_mmap,
};

static struct miscdevice thw_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "thw",
	.fops = &thw_fops,
};

static int __init thw_init(void)
{
	int ret;

	thw_log_len = 0;
	thw_dep_bound = false;
	ret = misc_register(&thw_misc);
	if (ret)
		return ret;
	ret = platform_driver_register(&thw_dep_driver);
	if (ret)
		goto fail_dep;
	ret = platform_driver_register(&thw_driver);
	if (ret)
		goto fail_drv;
	return 0;
fail_drv:
	platform_driver_unregister(&thw_dep_driver);
fail_dep:
	misc_deregister(&thw_misc);
	return ret;
}

static void __exit thw_exit(void)
{
	platform_driver_unregister(&thw_driver);
	platform_driver_unregister(&thw_dep_driver);
	misc_deregister(&thw_misc);
	kfree(thw_buf);
	thw_buf = NULL;
	if (thw_mapped)
		iounmap(thw_mapped);
	thw_mapped = NULL;
}

module_init(thw_init);
module_exit(thw_exit);
MODULE_LICENSE("GPL");
