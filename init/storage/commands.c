/* SPDX-License-Identifier: MIT */
/* The prompt's commands for stacked roots: look at each layer, redo one by hand. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "log.h"
#include "stack.h"
#include "tool.h"

#define TOOL_OUTPUT_MAX 16384
#define PROMPT_TOOL_TIMEOUT_MS 60000

static int cmd_stack(struct boot *boot, int argc, char **argv)
{
        if (argc != 1) {
                console_printf("stack: usage: stack\n");
                return -EINVAL;
        }
        stack_print(boot, console_printf);
        return 0;
}

static int cmd_unlock(struct boot *boot, int argc, char **argv)
{
        int r;

        if (argc < 2 || argc > 3) {
                console_printf("unlock: usage: unlock DEV [NAME]\n");
                return -EINVAL;
        }
        r = stack_unlock(boot, argv[1], argc == 3 ? argv[2] : NULL);
        switch (r) {
        case 0:
                console_printf("unlock: %s is open; 'retry disks' goes on from there\n", argv[1]);
                break;
        case -ENOTBLK:
                console_printf("unlock: %s: not a LUKS container (see 'blkid')\n", argv[1]);
                break;
        case -ENOENT:
                console_printf("unlock: no " LUKS_TOOL " in the image (rdcheck-mkimage --luks)\n");
                break;
        case -ENOPKG:
                console_printf("unlock: dm_crypt or the kernel crypto interface is not in the image\n");
                break;
        default:
                console_printf("unlock: %s\n", boot->stack.problem[0] ? boot->stack.problem : strerror(-r));
                break;
        }
        return r;
}

static void tool_output(const char *name, int r, const char *out)
{
        if (out[0])
                console_printf("%s\n", out);
        if (r == -ENOENT)
                console_printf("%s: not in the image\n", name);
        else if (r == -ETIMEDOUT)
                console_printf("%s: killed after %d s\n", name, PROMPT_TOOL_TIMEOUT_MS / 1000);
        else if (r < 0)
                console_printf("%s: %s\n", name, strerror(-r));
        else if (r > 0)
                console_printf("%s: exit status %d\n", name, r);
}

static int cmd_lvm(struct boot *boot, int argc, char **argv)
{
        static char out[TOOL_OUTPUT_MAX];
        int r;

        if (argc < 2) {
                console_printf("lvm: usage: lvm COMMAND [ARGS...]\n");
                return -EINVAL;
        }
        r = lvm_command(argc, argv, out, sizeof(out));
        tool_output("lvm", r, out);
        return r < 0 ? r : 0;
}

static int cmd_mdadm(struct boot *boot, int argc, char **argv)
{
        static char out[TOOL_OUTPUT_MAX];
        int r;

        if (argc < 2) {
                console_printf("mdadm: usage: mdadm ARGS...\n");
                return -EINVAL;
        }
        argv[0] = MDADM_TOOL;
        r = tool_run(argv, NULL, NULL, PROMPT_TOOL_TIMEOUT_MS, out, sizeof(out));
        tool_output("mdadm", r, out);
        return r < 0 ? r : 0;
}

const struct command storage_commands[] = {
        {
                "stack", "stack",
                "LUKS, RAID and LVM layers the disks checkpoint saw",
                "Each LUKS container, RAID array and member, LVM volume group and\n"
                "physical volume seen while looking for root, whether it is open,\n"
                "and why not.\n"
                "Example: stack\n",
                cmd_stack,
        },
        {
                "unlock", "unlock DEV [NAME]",
                "ask for a passphrase and open a LUKS container",
                "Opens the LUKS container DEV as /dev/mapper/NAME (default\n"
                "luks-UUID), asking for the passphrase on every console without\n"
                "echo, 3 tries.  Then 'retry disks'.\n"
                "Example: unlock /dev/vda2\n",
                cmd_unlock,
        },
        {
                "lvm", "lvm COMMAND [ARGS...]",
                "run the image's lvm tool (vgs, lvs, vgchange -ay ...)",
                "Runs " LVM_TOOL " with the settings an initramfs without udev needs.\n"
                "Then 'retry disks'.\n"
                "Examples: lvm vgs; lvm pvs; lvm vgchange -ay vg0\n",
                cmd_lvm,
        },
        {
                "mdadm", "mdadm ARGS...",
                "run the image's mdadm (--examine, --assemble, --run ...)",
                "Runs " MDADM_TOOL " with ARGS.  Then 'retry disks'.\n"
                "Examples: mdadm --examine /dev/vda; mdadm --assemble --run /dev/md/root /dev/vda\n",
                cmd_mdadm,
        },
};

const size_t storage_command_count = sizeof(storage_commands) / sizeof(storage_commands[0]);
