// SPDX-License-Identifier: GPL-2.0-only
/*
 * tfail: a module whose init fails on demand, for the module-loading tests.
 *   fail_at=0  init succeeds (a misc device /dev/tfail)
 *   fail_at=1  init fails with -ENODEV before registering anything
 *   fail_at=2  init registers /dev/tfail, then fails with -EIO WITHOUT unregistering it
 *              (a driver bug the simulator must report and clean up)
 *   fail_at=3  init registers /dev/tfail, unregisters it, fails with -ENOMEM
 *   fail_at=4  init returns 1 (a positive value: loaded anyway, with a diagnostic)
 * Parameters of every basic type, for the parameter tests.
 */
#include <linux/module.h>
#include <linux/miscdevice.h>
#include <linux/fs.h>
#include "tfail-abi.h"

static int fail_at;
module_param(fail_at, int, 0444);
static bool flag;
module_param(flag, bool, 0444);
static char *label = "default";
module_param(label, charp, 0444);
static unsigned long big = 42;
module_param(big, ulong, 0444);
static short small = -3;
module_param(small, short, 0444);
static int values[4] = { 1, 2 };
static unsigned int nr_values = 2;
module_param_array(values, int, &nr_values, 0444);
static char word[8] = "abc";
module_param_string(word, word, sizeof(word), 0444);

int tfail_get_fail_at(void) { return fail_at; }
bool tfail_get_flag(void) { return flag; }
const char *tfail_get_label(void) { return label; }
unsigned long tfail_get_big(void) { return big; }
short tfail_get_small(void) { return small; }
const char *tfail_get_word(void) { return word; }

unsigned int tfail_get_values(int *out, unsigned int max)
{
	unsigned int i;

	for (i = 0; i < nr_values && i < max; i++)
		out[i] = values[i];
	return nr_values;
}

static const struct file_operations tfail_fops = {
	.owner = THIS_MODULE,
};

static struct miscdevice tfail_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "tfail",
	.fops = &tfail_fops,
};

static int __init tfail_init(void)
{
	int ret;

	if (fail_at == 1)
		return -ENODEV;
	ret = misc_register(&tfail_misc);
	if (ret)
		return ret;
	if (fail_at == 2)
		return -EIO;
	if (fail_at == 3) {
		misc_deregister(&tfail_misc);
		return -ENOMEM;
	}
	if (fail_at == 4)
		return 1;
	return 0;
}
module_init(tfail_init);

static void __exit tfail_exit(void)
{
	misc_deregister(&tfail_misc);
}
module_exit(tfail_exit);

MODULE_LICENSE("GPL");
