// SPDX-License-Identifier: GPL-2.0
/*
 * kag_cfg.c - configuration space reads and writes of 8, 16 and 32 bits over
 * the whole space the device has (256 bytes, or 4 KiB for PCIe), through
 * the pci_user_* accessors that respect the core's config-access blocking.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/uaccess.h>

#include "kag_priv.h"

static int kag_cfg_read(struct pci_dev *pdev, u32 off, u32 width, u32 *val)
{
	u8 b;
	u16 w;
	int ret;

	switch (width) {
	case 1:
		ret = pci_user_read_config_byte(pdev, off, &b);
		*val = b;
		break;
	case 2:
		ret = pci_user_read_config_word(pdev, off, &w);
		*val = w;
		break;
	default:
		ret = pci_user_read_config_dword(pdev, off, val);
		break;
	}
	return pcibios_err_to_errno(ret);
}

static int kag_cfg_write(struct pci_dev *pdev, u32 off, u32 width, u32 val)
{
	int ret;

	switch (width) {
	case 1:
		ret = pci_user_write_config_byte(pdev, off, val);
		break;
	case 2:
		ret = pci_user_write_config_word(pdev, off, val);
		break;
	default:
		ret = pci_user_write_config_dword(pdev, off, val);
		break;
	}
	return pcibios_err_to_errno(ret);
}

int kag_ioctl_cfg(struct kag_file *kf, void __user *arg)
{
	struct kag_dev *kdev;
	struct kag_cfg c;
	bool write, access = false;
	int ret;

	ret = kag_copy_args(&c, sizeof(c), arg);
	if (ret)
		return ret;
	if (c.flags & ~KAG_RW_WRITE)
		return kag_reject_flags(NULL, KAG_TRACE_S_PCI, "CFG",
					c.flags & ~KAG_RW_WRITE, 0);
	if (c.width != 1 && c.width != 2 && c.width != 4)
		return kag_reject(NULL, KAG_TRACE_S_PCI, "CFG", -EINVAL,
				  "width %u is not 1, 2 or 4", c.width);
	if (c.offset & (c.width - 1))
		return kag_reject(NULL, KAG_TRACE_S_PCI, "CFG", -EINVAL,
				  "offset %#x is not aligned to the width %u",
				  c.offset, c.width);
	write = c.flags & KAG_RW_WRITE;

	kdev = kag_dev_get(kf, c.handle);
	if (!kdev)
		return kag_reject_handle(KAG_TRACE_S_PCI, "CFG", c.handle);
	down_read(&kdev->io_lock);
	if (kdev->removed)
		ret = kag_reject_gone(kdev, KAG_TRACE_S_PCI, "CFG");
	else if (c.offset >= kdev->pdev->cfg_size)
		ret = kag_reject(kdev->pdev, KAG_TRACE_S_PCI, "CFG", -EINVAL,
				 "offset %#x is past the %d bytes of configuration space",
				 c.offset, kdev->pdev->cfg_size);
	else if (write && kag_locked_down(kdev, "config space write"))
		ret = -EPERM;
	else
		access = true;
	if (access && write)
		ret = kag_cfg_write(kdev->pdev, c.offset, c.width, c.value);
	else if (access)
		ret = kag_cfg_read(kdev->pdev, c.offset, c.width, &c.value);
	up_read(&kdev->io_lock);
	if (access && !ret)
		kag_trace(KAG_TRACE_LEVEL_TRACE, KAG_TRACE_S_PCI, kdev->pdev,
			  "cfg %s%u %#x %s %#x", write ? "write" : "read",
			  c.width * 8, c.offset, write ? "<-" : "=", c.value);
	else if (access)
		ret = kag_reject(kdev->pdev, KAG_TRACE_S_PCI, "CFG", ret,
				 "the configuration access failed");
	if (!ret && !write && copy_to_user(arg, &c, sizeof(c)))
		ret = kag_reject(kdev->pdev, KAG_TRACE_S_PCI, "CFG", -EFAULT,
				 "cannot write the value back");
	kag_dev_put(kdev);
	return ret;
}
