/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: linux v6.12 include/linux/regmap.h, partial: register maps over MMIO
 * (regmap-mmio.c with the core's checks of regmap.c) and the single-register calls.
 * struct regmap_config keeps the fields a MMIO map uses; caches (cache_type), register
 * tables (wr_table & co.), paging, bulk and raw accesses, and the other buses (I2C, SPI)
 * are not provided. As in the kernel a MMIO map is fast_io: it is locked by an in-band
 * spinlock unless the config asks for a raw (hard) spinlock (use_raw_spinlock) or no
 * locking (disable_locking) - only those two are usable from the oob stage.
 */
#ifndef _EVLSIM_LINUX_REGMAP_H
#define _EVLSIM_LINUX_REGMAP_H

#include <linux/types.h>
#include <linux/err.h>
#include <linux/bug.h>

struct device;
struct regmap;
struct lock_class_key;

enum regcache_type {
	REGCACHE_NONE,
	REGCACHE_RBTREE,
	REGCACHE_FLAT,
	REGCACHE_MAPLE,
};

enum regmap_endian {
	/* Unspecified -> 0 -> Backwards compatible default */
	REGMAP_ENDIAN_DEFAULT = 0,
	REGMAP_ENDIAN_BIG,
	REGMAP_ENDIAN_LITTLE,
	REGMAP_ENDIAN_NATIVE,
};

/**
 * struct regmap_config - Configuration for the register map of a device (subset)
 * @name: Optional name of the regmap
 * @reg_bits: Number of bits in a register address, mandatory (32 for MMIO)
 * @reg_stride: The register address stride. Valid register addresses are a multiple of
 *	this value. If set to 0, a value of 1 will be used.
 * @reg_shift: The number of bits to shift the register before performing any operations
 *	(positive: down, negative: up)
 * @reg_base: Value to be added to every register address before performing any operation
 * @pad_bits: Number of bits of padding between register and value (0 for MMIO)
 * @val_bits: Number of bits in a register value, mandatory (8, 16, 32 or 64 for MMIO)
 * @writeable_reg: Optional callback returning true if the register can be written to
 * @readable_reg: Optional callback returning true if the register can be read from
 * @volatile_reg: Optional callback (no cache here: every access reaches the device)
 * @precious_reg: Optional callback (accepted, unused)
 * @disable_locking: This regmap is either protected by external means or is guaranteed
 *	not to be accessed from multiple threads. Don't use any locking mechanisms.
 * @fast_io: Register IO is fast (always true for MMIO)
 * @max_register: Optional, specifies the maximum valid register address (0: none).
 * @cache_type: The actual cache type (only REGCACHE_NONE)
 * @reg_format_endian: Endianness for formatted register addresses (unused for MMIO)
 * @val_format_endian: Endianness for formatted register values
 * @use_raw_spinlock: When fast_io is used, use a raw spinlock instead of a spinlock
 */
struct regmap_config {
	const char *name;
	int reg_bits;
	int reg_stride;
	int reg_shift;
	unsigned int reg_base;
	int pad_bits;
	int val_bits;
	bool (*writeable_reg)(struct device *dev, unsigned int reg);
	bool (*readable_reg)(struct device *dev, unsigned int reg);
	bool (*volatile_reg)(struct device *dev, unsigned int reg);
	bool (*precious_reg)(struct device *dev, unsigned int reg);
	bool disable_locking;
	bool fast_io;
	unsigned int max_register;
	enum regcache_type cache_type;
	enum regmap_endian reg_format_endian;
	enum regmap_endian val_format_endian;
	bool use_raw_spinlock;
};

struct regmap *__regmap_init_mmio_clk(struct device *dev, const char *clk_id,
				      void __iomem *regs, const struct regmap_config *config,
				      struct lock_class_key *lock_key, const char *lock_name)
	__evlsim_ksym(__regmap_init_mmio_clk);
struct regmap *__devm_regmap_init_mmio_clk(struct device *dev, const char *clk_id,
					   void __iomem *regs,
					   const struct regmap_config *config,
					   struct lock_class_key *lock_key, const char *lock_name)
	__evlsim_ksym(__devm_regmap_init_mmio_clk);
void regmap_exit(struct regmap *map) __evlsim_ksym(regmap_exit);

#define regmap_init_mmio_clk(dev, clk_id, regs, config) \
	__regmap_init_mmio_clk(dev, clk_id, regs, config, NULL, #config)
#define devm_regmap_init_mmio_clk(dev, clk_id, regs, config) \
	__devm_regmap_init_mmio_clk(dev, clk_id, regs, config, NULL, #config)
#define regmap_init_mmio(dev, regs, config) regmap_init_mmio_clk(dev, NULL, regs, config)
#define devm_regmap_init_mmio(dev, regs, config) \
	devm_regmap_init_mmio_clk(dev, NULL, regs, config)

int regmap_write(struct regmap *map, unsigned int reg, unsigned int val)
	__evlsim_ksym(regmap_write);
int regmap_read(struct regmap *map, unsigned int reg, unsigned int *val)
	__evlsim_ksym(regmap_read);
int regmap_update_bits_base(struct regmap *map, unsigned int reg, unsigned int mask,
			    unsigned int val, bool *change, bool async, bool force)
	__evlsim_ksym(regmap_update_bits_base);
int regmap_test_bits(struct regmap *map, unsigned int reg, unsigned int bits)
	__evlsim_ksym(regmap_test_bits);
struct device *regmap_get_device(struct regmap *map) __evlsim_ksym(regmap_get_device);

static inline int regmap_update_bits(struct regmap *map, unsigned int reg,
				     unsigned int mask, unsigned int val)
{
	return regmap_update_bits_base(map, reg, mask, val, NULL, false, false);
}

static inline int regmap_update_bits_check(struct regmap *map, unsigned int reg,
					   unsigned int mask, unsigned int val, bool *change)
{
	return regmap_update_bits_base(map, reg, mask, val, change, false, false);
}

static inline int regmap_write_bits(struct regmap *map, unsigned int reg,
				    unsigned int mask, unsigned int val)
{
	return regmap_update_bits_base(map, reg, mask, val, NULL, false, true);
}

static inline int regmap_set_bits(struct regmap *map, unsigned int reg, unsigned int bits)
{
	return regmap_update_bits_base(map, reg, bits, bits, NULL, false, false);
}

static inline int regmap_clear_bits(struct regmap *map, unsigned int reg, unsigned int bits)
{
	return regmap_update_bits_base(map, reg, bits, 0, NULL, false, false);
}

#endif
