// SPDX-License-Identifier: GPL-2.0
/*
 * kag_main.c - kagent module entry: the /dev/kagent misc device, per-file
 * context, ioctl dispatch and the checks shared by all handlers.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/security.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "kag_priv.h"

#ifndef KAG_VERSION
#define KAG_VERSION "unknown"
#endif

int kag_copy_args(void *dst, size_t minsz, void __user *arg)
{
	u32 argsz;

	if (get_user(argsz, (u32 __user *)arg))
		return -EFAULT;
	/* A tail larger than a page is never a struct of ours. */
	if (argsz < minsz || argsz > PAGE_SIZE)
		return -EINVAL;
	/* -E2BIG from a non-zero unknown tail is reported as -EINVAL. */
	if (copy_struct_from_user(dst, minsz, arg, argsz))
		return argsz > minsz ? -EINVAL : -EFAULT;
	return 0;
}

bool kag_locked_down(struct kag_dev *kdev, const char *what)
{
	if (!security_locked_down(LOCKDOWN_PCI_ACCESS))
		return false;
	dev_warn_ratelimited(&kdev->pdev->dev,
			     "%s refused: kernel lockdown forbids raw PCI access\n",
			     what);
	return true;
}

static int kag_ioctl_get_version(void __user *arg)
{
	struct kag_version v;
	int ret;

	ret = kag_copy_args(&v, sizeof(v), arg);
	if (ret)
		return ret;
	v.abi_version = KAG_ABI_VERSION;
	strscpy(v.agent_version, KAG_VERSION, sizeof(v.agent_version));
	return copy_to_user(arg, &v, sizeof(v)) ? -EFAULT : 0;
}

static long kag_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct kag_file *kf = file->private_data;
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case KAG_IOC_GET_VERSION:
		return kag_ioctl_get_version(uarg);
	case KAG_IOC_DEV_OPEN:
		return kag_ioctl_dev_open(kf, uarg);
	case KAG_IOC_DEV_CLOSE:
		return kag_ioctl_dev_close(kf, uarg);
	case KAG_IOC_DEV_INFO:
		return kag_ioctl_dev_info(kf, uarg);
	case KAG_IOC_RW:
		return kag_ioctl_rw(kf, uarg);
	case KAG_IOC_BLOCK:
		return kag_ioctl_block(kf, uarg);
	case KAG_IOC_MULTI:
		return kag_ioctl_multi(kf, uarg);
	case KAG_IOC_CFG:
		return kag_ioctl_cfg(kf, uarg);
	case KAG_IOC_INT_ENABLE:
		return kag_ioctl_int_enable(kf, uarg);
	case KAG_IOC_INT_DISABLE:
		return kag_ioctl_int_disable(kf, uarg);
	case KAG_IOC_INT_WAIT:
		return kag_ioctl_int_wait(kf, uarg);
	case KAG_IOC_INT_SET_EVENTFD:
		return kag_ioctl_int_set_eventfd(kf, uarg);
	case KAG_IOC_INT_TRIGGER:
		return kag_ioctl_int_trigger(kf, uarg);
	case KAG_IOC_KP_OPEN:
		return kag_ioctl_kp_open(kf, uarg);
	case KAG_IOC_KP_CLOSE:
		return kag_ioctl_kp_close(kf, uarg);
	case KAG_IOC_KP_CALL:
		return kag_ioctl_kp_call(kf, uarg);
	case KAG_IOC_KP_LIST:
		return kag_ioctl_kp_list(uarg);
	default:
		return -ENOTTY;
	}
}

static int kag_open(struct inode *inode, struct file *file)
{
	struct kag_file *kf;

	kf = kzalloc(sizeof(*kf), GFP_KERNEL);
	if (!kf)
		return -ENOMEM;
	xa_init_flags(&kf->handles, XA_FLAGS_ALLOC1);
	xa_init_flags(&kf->kps, XA_FLAGS_ALLOC1);
	kf->mapping = file->f_mapping;
	file->private_data = kf;
	return 0;
}

/* Runs on the last close of the file, also when the process was killed. */
static int kag_release(struct inode *inode, struct file *file)
{
	struct kag_file *kf = file->private_data;

	kag_kp_close_for(kf, NULL);	/* plugins before their devices */
	kag_close_all(kf);
	xa_destroy(&kf->kps);
	xa_destroy(&kf->handles);
	kfree(kf);
	return 0;
}

static const struct file_operations kag_fops = {
	.owner = THIS_MODULE,
	.open = kag_open,
	.release = kag_release,
	.unlocked_ioctl = kag_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
	.mmap = kag_mmap,
	.llseek = noop_llseek,
};

static struct miscdevice kag_miscdev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = KAG_NAME,
	.fops = &kag_fops,
	.mode = 0600,
};

static int __init kag_init(void)
{
	int ret;

	ret = pci_register_driver(&kag_pci_driver);
	if (ret)
		return ret;
	ret = misc_register(&kag_miscdev);
	if (ret)
		goto out_unregister_pci;
	pr_info("version %s (ABI %u.%u) loaded\n", KAG_VERSION,
		KAG_ABI_MAJOR, KAG_ABI_MINOR);
	return 0;

out_unregister_pci:
	pci_unregister_driver(&kag_pci_driver);
	return ret;
}

static void __exit kag_exit(void)
{
	misc_deregister(&kag_miscdev);
	pci_unregister_driver(&kag_pci_driver);
}

module_init(kag_init);
module_exit(kag_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("wdkit developers");
MODULE_DESCRIPTION("wdkit kernel agent: PCI device access for user-mode drivers");
MODULE_VERSION(KAG_VERSION);
