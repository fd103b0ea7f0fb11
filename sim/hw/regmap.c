// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Register maps over MMIO (kernel world), after drivers/base/regmap/regmap-mmio.c and
 * the single-register paths of regmap.c (v6.12): the configuration's checks at init
 * (-EINVAL for reg_bits other than 32, padding, a value width MMIO cannot do or a stride
 * smaller than it), then per access the stride (-EINVAL), max_register and the
 * readable/writeable callbacks (-EIO), the access of the value width and endianness
 * through the simulated register accessors, under the map's lock (an in-band spinlock,
 * a hard one with use_raw_spinlock, none with disable_locking).
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/io.h>
#include <linux/spinlock.h>
#include <linux/device/devres.h>
#include <linux/regmap.h>
#include "kinternal.h"

struct regmap {
	struct device *dev;
	void __iomem *regs;
	const char *name;
	int val_bits;
	int reg_stride;
	int reg_shift;
	unsigned int reg_base;
	unsigned int max_register;
	bool big_endian;
	int lock_kind;			/* LOCK_* */
	spinlock_t spinlock;
	hard_spinlock_t raw_spinlock;
	bool (*writeable_reg)(struct device *dev, unsigned int reg);
	bool (*readable_reg)(struct device *dev, unsigned int reg);
};

enum { LOCK_SPIN, LOCK_RAW, LOCK_NONE };

static unsigned long map_lock(struct regmap *map)
{
	unsigned long flags = 0;

	if (map->lock_kind == LOCK_SPIN)
		spin_lock_irqsave(&map->spinlock, flags);
	else if (map->lock_kind == LOCK_RAW)
		raw_spin_lock_irqsave(&map->raw_spinlock, flags);
	return flags;
}

static void map_unlock(struct regmap *map, unsigned long flags)
{
	if (map->lock_kind == LOCK_SPIN)
		spin_unlock_irqrestore(&map->spinlock, flags);
	else if (map->lock_kind == LOCK_RAW)
		raw_spin_unlock_irqrestore(&map->raw_spinlock, flags);
}

/**
 * __regmap_init_mmio_clk - Initialise register map with register clock
 * @dev: Device that will be interacted with
 * @clk_id: register clock consumer ID (NULL here: the clock stub needs no enabling)
 * @regs: Pointer to memory-mapped IO region
 * @config: Configuration for register map
 * @lock_key: Lock class key (unused)
 * @lock_name: Lock name (unused)
 *
 * Returns the map, or ERR_PTR(-EINVAL) (bad configuration), ERR_PTR(-ENOMEM).
 */
struct regmap *__regmap_init_mmio_clk(struct device *dev, const char *clk_id,
				      void __iomem *regs, const struct regmap_config *config,
				      struct lock_class_key *lock_key, const char *lock_name)
{
	evlsim__check_service(EVLSIM_SVC_devm_regmap_init_mmio);
	struct regmap *map;
	int min_stride;

	if (!config || !regs)
		return ERR_PTR(-EINVAL);
	if (config->reg_bits != 32)
		return ERR_PTR(-EINVAL);
	if (config->pad_bits)
		return ERR_PTR(-EINVAL);
	switch (config->val_bits) {
	case 8:
		/* The core treats 0 as 1 */
		min_stride = 0;
		break;
	case 16:
		min_stride = 2;
		break;
	case 32:
		min_stride = 4;
		break;
	case 64:
		min_stride = 8;
		break;
	default:
		return ERR_PTR(-EINVAL);
	}
	if (config->reg_stride < min_stride)
		return ERR_PTR(-EINVAL);
	if (config->val_format_endian == REGMAP_ENDIAN_BIG && config->val_bits == 64)
		return ERR_PTR(-EINVAL);
	map = kzalloc(sizeof(*map), GFP_KERNEL);
	if (!map)
		return ERR_PTR(-ENOMEM);
	map->dev = dev;
	map->regs = regs;
	map->name = config->name;
	map->val_bits = config->val_bits;
	map->reg_stride = config->reg_stride ?: 1;
	map->reg_shift = config->reg_shift;
	map->reg_base = config->reg_base;
	map->max_register = config->max_register;
	map->big_endian = config->val_format_endian == REGMAP_ENDIAN_BIG;
	map->writeable_reg = config->writeable_reg;
	map->readable_reg = config->readable_reg;
	if (config->disable_locking)
		map->lock_kind = LOCK_NONE;
	else if (config->use_raw_spinlock)
		map->lock_kind = LOCK_RAW;
	else
		map->lock_kind = LOCK_SPIN;
	spin_lock_init(&map->spinlock);
	raw_spin_lock_init(&map->raw_spinlock);
	return map;
}

/** regmap_exit - Free a previously allocated register map */
void regmap_exit(struct regmap *map)
{
	kfree(map);
}

static void devm_regmap_release(void *map)
{
	regmap_exit(map);
}

/** __devm_regmap_init_mmio_clk - __regmap_init_mmio_clk(), freed with @dev's unbind */
struct regmap *__devm_regmap_init_mmio_clk(struct device *dev, const char *clk_id,
					   void __iomem *regs,
					   const struct regmap_config *config,
					   struct lock_class_key *lock_key, const char *lock_name)
{
	struct regmap *map = __regmap_init_mmio_clk(dev, clk_id, regs, config, lock_key,
						    lock_name);
	int ret;

	if (IS_ERR(map))
		return map;
	ret = devm_add_action_or_reset(dev, devm_regmap_release, map);
	return ret ? ERR_PTR(ret) : map;
}

/** regmap_get_device - Obtain the device from a regmap */
struct device *regmap_get_device(struct regmap *map)
{
	return map->dev;
}

static bool readable(struct regmap *map, unsigned int reg)
{
	if (map->max_register && reg > map->max_register)
		return false;
	return !map->readable_reg || map->readable_reg(map->dev, reg);
}

static bool writeable(struct regmap *map, unsigned int reg)
{
	if (map->max_register && reg > map->max_register)
		return false;
	return !map->writeable_reg || map->writeable_reg(map->dev, reg);
}

static void __iomem *reg_addr(struct regmap *map, unsigned int reg)
{
	reg += map->reg_base;
	if (map->reg_shift > 0)
		reg >>= map->reg_shift;
	else if (map->reg_shift < 0)
		reg <<= -map->reg_shift;
	return (char __iomem *)map->regs + reg;
}

static unsigned int mmio_read(struct regmap *map, unsigned int reg)
{
	void __iomem *addr = reg_addr(map, reg);

	switch (map->val_bits) {
	case 8:
		return readb(addr);
	case 16:
		return map->big_endian ? ioread16be(addr) : readw(addr);
	case 32:
		return map->big_endian ? ioread32be(addr) : readl(addr);
	default:
		return (unsigned int)readq(addr);
	}
}

static void mmio_write(struct regmap *map, unsigned int reg, unsigned int val)
{
	void __iomem *addr = reg_addr(map, reg);

	switch (map->val_bits) {
	case 8:
		writeb(val, addr);
		break;
	case 16:
		if (map->big_endian)
			iowrite16be(val, addr);
		else
			writew(val, addr);
		break;
	case 32:
		if (map->big_endian)
			iowrite32be(val, addr);
		else
			writel(val, addr);
		break;
	default:
		writeq(val, addr);
		break;
	}
}

/* under the map's lock: -EIO for a register beyond max_register or not readable/writeable */
static int reg_read(struct regmap *map, unsigned int reg, unsigned int *val)
{
	if (!readable(map, reg))
		return -EIO;
	*val = mmio_read(map, reg);
	return 0;
}

static int reg_write(struct regmap *map, unsigned int reg, unsigned int val)
{
	if (!writeable(map, reg))
		return -EIO;
	mmio_write(map, reg, val);
	return 0;
}

/* regmap_read() and regmap_write(): -EINVAL off the stride, else one access under the lock */
static int map_access(struct regmap *map, unsigned int reg, unsigned int *val, bool write)
{
	unsigned long flags;
	int ret;

	if (!IS_ALIGNED(reg, map->reg_stride))
		return -EINVAL;
	flags = map_lock(map);
	ret = write ? reg_write(map, reg, *val) : reg_read(map, reg, val);
	map_unlock(map, flags);
	return ret;
}

/**
 * regmap_write - Write a value to a single register
 * @map: Register map to write to
 * @reg: Register to write to
 * @val: Value to be written
 *
 * 0, -EINVAL (@reg not a multiple of the stride), -EIO (beyond max_register or not
 * writeable).
 */
int regmap_write(struct regmap *map, unsigned int reg, unsigned int val)
{
	evlsim__check_service(EVLSIM_SVC_regmap_read);

	return map_access(map, reg, &val, true);
}

/**
 * regmap_read - Read a value from a single register
 * @map: Register map to read from
 * @reg: Register to be read from
 * @val: Pointer to store read value
 *
 * 0, -EINVAL (stride), -EIO (beyond max_register or not readable).
 */
int regmap_read(struct regmap *map, unsigned int reg, unsigned int *val)
{
	evlsim__check_service(EVLSIM_SVC_regmap_read);

	return map_access(map, reg, val, false);
}

/**
 * regmap_update_bits_base - Perform a read/modify/write cycle on a register
 * @map: Register map to update
 * @reg: Register to update
 * @mask: Bitmask to change
 * @val: New value for bitmask
 * @change: Boolean indicating if a write was done
 * @async: Boolean indicating asynchronously (same as synchronous here)
 * @force: Boolean indicating use force update
 *
 * The write is skipped when the value does not change, unless @force. Errors as
 * regmap_read() and regmap_write().
 */
int regmap_update_bits_base(struct regmap *map, unsigned int reg, unsigned int mask,
			    unsigned int val, bool *change, bool async, bool force)
{
	evlsim__check_service(EVLSIM_SVC_regmap_read);
	unsigned int orig = 0, tmp;
	unsigned long flags;
	int ret;

	if (change)
		*change = false;
	if (!IS_ALIGNED(reg, map->reg_stride))
		return -EINVAL;
	flags = map_lock(map);
	ret = reg_read(map, reg, &orig);
	tmp = (orig & ~mask) | (val & mask);
	if (!ret && (force || tmp != orig)) {
		ret = reg_write(map, reg, tmp);
		if (!ret && change)
			*change = true;
	}
	map_unlock(map, flags);
	return ret;
}

/** regmap_test_bits - 1 if all @bits are set in @reg, 0 if not, or the read's error */
int regmap_test_bits(struct regmap *map, unsigned int reg, unsigned int bits)
{
	unsigned int val;
	int ret;

	ret = regmap_read(map, reg, &val);
	if (ret)
		return ret;
	return (val & bits) == bits;
}
