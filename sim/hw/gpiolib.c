// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The GPIO core (kernel world), after linux-evl drivers/gpio/gpiolib.c (K @02acf1f),
 * gpiolib-devres.c and gpiolib-legacy.c: chip registration, descriptors and their
 * requests, values and directions, the legacy number API, and EVL's oob pair
 * gpiod_get_array_value_oob()/gpiod_set_array_value_oob().
 *
 * Consumers find their lines in the "<con_id>-gpios" property of their device, cells
 * <chip line flags> (docs/api/gpio.md). Chips are charged to the module that registers
 * them and reported if left registered at unload.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/property.h>
#include <linux/device/devres.h>
#include <linux/gpio.h>
#include "gpiolib.h"

#define GPIO_DYNAMIC_BASE	512
#define GPIO_DYNAMIC_MAX	INT_MAX
#define GPIO_ACTIVE_LOW		1
#define GPIO_NR_IDS		64

static LIST_HEAD(gpio_devices);
static int gpio_lock;		/* the list, ids, descriptors' labels */
static unsigned long gpio_ids[BITS_TO_LONGS(GPIO_NR_IDS)];

struct gpio_device *evlsim__gpio_find(int id)
{
	struct gpio_device *gdev, *found = NULL;

	evlsim__lockword_lock(&gpio_lock);
	list_for_each_entry(gdev, &gpio_devices, list)
		if (gdev->id == id && gdev->chip) {
			found = gpio_device_get(gdev);
			break;
		}
	evlsim__lockword_unlock(&gpio_lock);
	return found;
}

struct gpio_device *gpio_device_get(struct gpio_device *gdev)
{
	return container_of(get_device(&gdev->dev), struct gpio_device, dev);
}

void gpio_device_put(struct gpio_device *gdev)
{
	put_device(&gdev->dev);
}

struct gpio_desc *gpio_device_get_desc(struct gpio_device *gdev, unsigned int hwnum)
{
	if (hwnum >= gdev->ngpio)
		return ERR_PTR(-EINVAL);
	return &gdev->descs[hwnum];
}

/* ---- chips -------------------------------------------------------------------------------- */

static void gpiodev_release(struct device *dev)
{
	struct gpio_device *gdev = container_of(dev, struct gpio_device, dev);

	evlsim__lockword_lock(&gpio_lock);
	clear_bit(gdev->id, gpio_ids);
	evlsim__lockword_unlock(&gpio_lock);
	kfree(gdev->descs);
	kfree(gdev);
}

/* gpio_lock held: the first base of @ngpio free numbers from GPIO_DYNAMIC_BASE */
static int gpiochip_find_base_unlocked(u16 ngpio)
{
	struct gpio_device *gdev;
	int base = GPIO_DYNAMIC_BASE;

	list_for_each_entry(gdev, &gpio_devices, list) {
		if (gdev->base + gdev->ngpio <= base)
			continue;
		if (gdev->base >= base + ngpio)
			break;
		base = gdev->base + gdev->ngpio;
	}
	return base;
}

/* gpio_lock held: insert @gdev sorted by base; -EBUSY on overlap */
static int gpiodev_add_to_list_unlocked(struct gpio_device *gdev)
{
	struct gpio_device *prev;

	list_for_each_entry(prev, &gpio_devices, list) {
		if (gdev->base + gdev->ngpio <= prev->base) {
			list_add_tail(&gdev->list, &prev->list);
			return 0;
		}
		if (gdev->base < prev->base + prev->ngpio)
			return -EBUSY;
	}
	list_add_tail(&gdev->list, &gpio_devices);
	return 0;
}

/**
 * gpiochip_add_data_with_key - register a gpio_chip
 * @gc: the chip to register, with chip->base initialized
 * @data: driver-private data associated with this chip
 * @lock_key: lockdep class for IRQ lock (unused)
 * @request_key: lockdep class for IRQ request (unused)
 *
 * Creates /dev/gpiochipN. In-band, may sleep. Returns 0, -EINVAL (no lines), -EBUSY (the
 * base overlaps another chip's), -ENOSPC (no chip number left), -ENOMEM.
 */
static int add_chip(struct gpio_chip *gc, void *data, struct module *acct);

int gpiochip_add_data_with_key(struct gpio_chip *gc, void *data,
			       struct lock_class_key *lock_key,
			       struct lock_class_key *request_key)
{
	evlsim__check_service(EVLSIM_SVC_gpiochip_add_data);
	struct module *acct = evlsim__acct_owner(), *prev;
	int ret;

	/* the chip is the module's; the core's memory for it is the core's */
	prev = evlsim__owner_enter(NULL);
	ret = add_chip(gc, data, acct);
	evlsim__owner_leave(prev);
	return ret;
}

static int add_chip(struct gpio_chip *gc, void *data, struct module *acct)
{
	struct gpio_device *gdev;
	unsigned int i;
	int ret, id;

	if (!gc || !gc->ngpio)
		return -EINVAL;
	gdev = kzalloc(sizeof(*gdev), GFP_KERNEL);
	if (!gdev)
		return -ENOMEM;
	gdev->descs = kcalloc(gc->ngpio, sizeof(*gdev->descs), GFP_KERNEL);
	if (!gdev->descs) {
		kfree(gdev);
		return -ENOMEM;
	}
	for (i = 0; i < gc->ngpio; i++) {
		gdev->descs[i].gdev = gdev;
		if (gc->names)
			gdev->descs[i].name = gc->names[i];
	}
	gdev->chip = gc;
	gdev->data = data;
	gdev->ngpio = gc->ngpio;
	gdev->can_sleep = gc->can_sleep;
	gdev->acct = acct;
	strscpy(gdev->label, gc->label ?: "unknown", sizeof(gdev->label));
	INIT_LIST_HEAD(&gdev->list);
	gc->gpiodev = gdev;

	evlsim__lockword_lock(&gpio_lock);
	id = find_first_zero_bit(gpio_ids, GPIO_NR_IDS);
	if (id >= GPIO_NR_IDS) {
		evlsim__lockword_unlock(&gpio_lock);
		ret = -ENOSPC;
		goto err_free;
	}
	set_bit(id, gpio_ids);
	gdev->id = id;
	gdev->base = gc->base < 0 ? gpiochip_find_base_unlocked(gc->ngpio) : gc->base;
	ret = gpiodev_add_to_list_unlocked(gdev);
	if (ret) {
		clear_bit(id, gpio_ids);
		evlsim__lockword_unlock(&gpio_lock);
		pr_err("gpiochip_add_data_with_key: GPIOs %d..%d (%s) failed to register, %d\n",
		       gdev->base, gdev->base + gdev->ngpio - 1, gdev->label, ret);
		goto err_free;
	}
	if (gc->base < 0)
		gc->base = gdev->base;
	evlsim__lockword_unlock(&gpio_lock);

	device_initialize(&gdev->dev);
	gdev->dev.release = gpiodev_release;
	gdev->dev.parent = gc->parent;
	dev_set_name(&gdev->dev, "gpiochip%d", id);
	ret = evlsim__gpio_cdev_register(gdev);
	if (ret) {
		evlsim__lockword_lock(&gpio_lock);
		list_del(&gdev->list);
		evlsim__lockword_unlock(&gpio_lock);
		gc->gpiodev = NULL;
		put_device(&gdev->dev);
		return ret;
	}
	return 0;

err_free:
	gc->gpiodev = NULL;
	kfree(gdev->descs);
	kfree(gdev);
	return ret;
}

/**
 * gpiochip_remove - unregister a gpio_chip
 * @gc: the chip to unregister
 *
 * Lines still requested are reported ("REMOVING GPIOCHIP WITH GPIOS STILL REQUESTED");
 * open files of its character device get -ENODEV from then on.
 */
void gpiochip_remove(struct gpio_chip *gc)
{
	evlsim__check_service(EVLSIM_SVC_gpiochip_remove);
	struct gpio_device *gdev = gc ? gc->gpiodev : NULL;
	unsigned int i;

	if (!gdev)
		return;
	evlsim__lockword_lock(&gpio_lock);
	WRITE_ONCE(gdev->chip, NULL);
	list_del_init(&gdev->list);
	for (i = 0; i < gdev->ngpio; i++)
		if (test_bit(GPIOD_FLAG_REQUESTED, &gdev->descs[i].flags))
			break;
	evlsim__lockword_unlock(&gpio_lock);
	if (i < gdev->ngpio)
		evlsim__report(EVLSIM_REPORT_DRIVER, "gpiochip-busy",
			       "%s: REMOVING GPIOCHIP WITH GPIOS STILL REQUESTED", gdev->label);
	gc->gpiodev = NULL;
	evlsim__gpio_cdev_unregister(gdev);
	gpio_device_put(gdev);
}

static void devm_gpio_chip_release(void *data)
{
	gpiochip_remove(data);
}

/**
 * devm_gpiochip_add_data_with_key - Resource managed gpiochip_add_data_with_key()
 * @dev: pointer to the device that gpio_chip belongs to.
 * @gc: the GPIO chip to register
 * @data: driver-private data associated with this chip
 * @lock_key: lockdep class for IRQ lock
 * @request_key: lockdep class for IRQ request
 *
 * The chip is removed when @dev is unbound. Returns as gpiochip_add_data_with_key().
 */
int devm_gpiochip_add_data_with_key(struct device *dev, struct gpio_chip *gc, void *data,
				    struct lock_class_key *lock_key,
				    struct lock_class_key *request_key)
{
	int ret;

	ret = gpiochip_add_data_with_key(gc, data, lock_key, request_key);
	if (ret < 0)
		return ret;
	return devm_add_action_or_reset(dev, devm_gpio_chip_release, gc);
}

/** gpiochip_get_data - the driver data given to gpiochip_add_data() */
void *gpiochip_get_data(struct gpio_chip *gc)
{
	return gc && gc->gpiodev ? gc->gpiodev->data : NULL;
}

/** gpiochip_is_requested - the label of line @offset if it is requested, else NULL */
const char *gpiochip_is_requested(struct gpio_chip *gc, unsigned int offset)
{
	struct gpio_desc *desc;

	if (!gc || !gc->gpiodev || offset >= gc->ngpio)
		return NULL;
	desc = &gc->gpiodev->descs[offset];
	if (!test_bit(GPIOD_FLAG_REQUESTED, &desc->flags))
		return NULL;
	return READ_ONCE(desc->label) ?: "?";
}

/* ---- the module accounting's service ------------------------------------------------------ */

static int gpiochip_count(struct module *mod)
{
	struct gpio_device *gdev;
	int n = 0;

	evlsim__lockword_lock(&gpio_lock);
	list_for_each_entry(gdev, &gpio_devices, list)
		n += gdev->acct == mod;
	evlsim__lockword_unlock(&gpio_lock);
	return n;
}

static void gpiochip_leftovers(struct module *mod, const char *when)
{
	struct gpio_device *gdev, *found;

	for (;;) {
		found = NULL;
		evlsim__lockword_lock(&gpio_lock);
		list_for_each_entry(gdev, &gpio_devices, list)
			if (gdev->acct == mod && gdev->chip) {
				found = gdev;
				break;
			}
		evlsim__lockword_unlock(&gpio_lock);
		if (!found)
			break;
		evlsim__report(EVLSIM_REPORT_LEAK, "module-leak",
			       "%s: %s with GPIO chip '%s' (gpiochip%d) still registered; removing it",
			       mod->name, when, found->label, found->id);
		gpiochip_remove(found->chip);
	}
}

/* after the platform drivers (25): a managed chip goes with its driver's unbind */
EVLSIM_MODULE_SERVICE(gpiochips, EVLSIM_ACCT_GPIOCHIPS, 26, gpiochip_count,
		      gpiochip_leftovers);
