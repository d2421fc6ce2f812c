// SPDX-License-Identifier: GPL-2.0
/*
 * A module that panics the kernel as it loads: the panic trail's test
 * (test/qemu/scenarios/panic_trail_*).  Never for a real machine.
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/module.h>

static int __init crashme_init(void)
{
	panic("crashme: panic on load, as the test asked");
	return 0;
}

module_init(crashme_init);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Panics the kernel on load (rdcheck's panic trail test)");
