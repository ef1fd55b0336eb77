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
	kag_reject(kdev->pdev,
		   KAG_TRACE_S_IO | KAG_TRACE_S_MEM | KAG_TRACE_S_PCI, what,
		   -EPERM, "kernel lockdown forbids raw PCI access");
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

/*
 * What the Debug Monitor says of each request: its name and section, the
 * size of its struct (to explain argsz refusals) and whether its handler
 * records why it refuses (else kag_trace_refused() says only that it did).
 */
struct kag_ioc_desc {
	unsigned int cmd;
	const char *name;
	u32 section;
	u32 minsz;
	bool traced;
};

#define KAG_IOC_DESC(c, sect, type, tr)					\
	{ KAG_IOC_##c, #c, KAG_TRACE_S_##sect, sizeof(struct type), tr }

static const struct kag_ioc_desc kag_ioc_descs[] = {
	KAG_IOC_DESC(GET_VERSION, MISC, kag_version, false),
	KAG_IOC_DESC(DEV_OPEN, CARD_REG, kag_dev_open, true),
	KAG_IOC_DESC(DEV_CLOSE, CARD_REG, kag_dev_close, true),
	KAG_IOC_DESC(DEV_INFO, CARD_REG, kag_dev_info, true),
	KAG_IOC_DESC(RW, MEM, kag_rw, true),
	KAG_IOC_DESC(BLOCK, MEM, kag_block, true),
	KAG_IOC_DESC(MULTI, MEM, kag_multi, true),
	KAG_IOC_DESC(CFG, PCI, kag_cfg, true),
	KAG_IOC_DESC(INT_ENABLE, INT, kag_int_enable, false),
	KAG_IOC_DESC(INT_DISABLE, INT, kag_dev_close, false),
	KAG_IOC_DESC(INT_WAIT, INT, kag_int_wait, false),
	KAG_IOC_DESC(INT_SET_EVENTFD, INT, kag_int_eventfd, false),
	KAG_IOC_DESC(INT_TRIGGER, INT, kag_int_trigger, false),
	KAG_IOC_DESC(KP_OPEN, KER_PLUG, kag_kp_open, true),
	KAG_IOC_DESC(KP_CLOSE, KER_PLUG, kag_dev_close, false),
	KAG_IOC_DESC(KP_CALL, KER_PLUG, kag_kp_call, false),
	KAG_IOC_DESC(KP_LIST, KER_PLUG, kag_kp_list, false),
	KAG_IOC_DESC(TRACE_STATUS, MISC, kag_trace_status, true),
	KAG_IOC_DESC(TRACE_CONFIG, MISC, kag_trace_config, true),
	KAG_IOC_DESC(TRACE_ADD, MISC, kag_trace_add, true),
	KAG_IOC_DESC(TRACE_OPEN, MISC, kag_trace_open, true),
};

/*
 * Record why request @cmd failed with @err, when its handler did not:
 * a bad argument struct (every handler starts with kag_copy_args()), or a
 * handler that does not record its reasons, or an unknown request.  Only
 * called while the trace is on.
 */
static void kag_trace_refused(unsigned int cmd, void __user *arg, int err)
{
	const struct kag_ioc_desc *d = NULL;
	const char *why = NULL;
	char buf[96];
	u32 argsz;
	int i, z;

	/* Not refusals: a wait that ended or was interrupted. */
	if (err == -EINTR || err == -ERESTARTSYS || err == -ETIMEDOUT ||
	    err == -EAGAIN)
		return;
	for (i = 0; i < ARRAY_SIZE(kag_ioc_descs); i++)
		if (kag_ioc_descs[i].cmd == cmd)
			d = &kag_ioc_descs[i];
	if (!d) {
		kag_trace(KAG_TRACE_LEVEL_ERROR, KAG_TRACE_S_MISC, NULL,
			  "ioctl %#x refused (%pe): not a kagent request",
			  cmd, ERR_PTR(err));
		return;
	}
	if (!kag_trace_wanted(KAG_TRACE_LEVEL_ERROR, d->section))
		return;
	if (get_user(argsz, (u32 __user *)arg)) {
		why = "the argument pointer is not readable";
	} else if (argsz < d->minsz || argsz > PAGE_SIZE) {
		snprintf(buf, sizeof(buf),
			 "argsz %u: this request's struct has %u bytes",
			 argsz, d->minsz);
		why = buf;
	} else if (argsz > d->minsz &&
		   (z = check_zeroed_user(arg + d->minsz,
					  argsz - d->minsz)) <= 0) {
		snprintf(buf, sizeof(buf),
			 z ? "the argument struct is not readable" :
			 "non-zero bytes past the %u this agent knows (argsz %u): a newer library?",
			 d->minsz, argsz);
		why = buf;
	} else if (err == -EFAULT && check_zeroed_user(arg, d->minsz) < 0) {
		why = "the argument struct is not readable";
	} else if (!d->traced) {
		why = "see the request's documentation";
	}
	if (why)
		kag_trace(KAG_TRACE_LEVEL_ERROR, d->section, NULL,
			  "%s refused (%pe): %s", d->name, ERR_PTR(err), why);
}

static long kag_ioctl_dispatch(struct kag_file *kf, unsigned int cmd,
			       void __user *uarg)
{
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
	case KAG_IOC_TRACE_STATUS:
		return kag_ioctl_trace_status(uarg);
	case KAG_IOC_TRACE_CONFIG:
		return kag_ioctl_trace_config(uarg);
	case KAG_IOC_TRACE_ADD:
		return kag_ioctl_trace_add(kf, uarg);
	case KAG_IOC_TRACE_OPEN:
		return kag_ioctl_trace_open(uarg);
	default:
		return -ENOTTY;
	}
}

static long kag_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;
	long ret;

	ret = kag_ioctl_dispatch(file->private_data, cmd, uarg);
	if (ret && kag_trace_wanted(KAG_TRACE_LEVEL_ERROR, KAG_TRACE_S_ALL))
		kag_trace_refused(cmd, uarg, ret);
	return ret;
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

	/* First: probe and everything after it may write trace records. */
	ret = kag_trace_init();
	if (ret)
		return ret;
	ret = pci_register_driver(&kag_pci_driver);
	if (ret)
		goto out_trace_exit;
	ret = misc_register(&kag_miscdev);
	if (ret)
		goto out_unregister_pci;
	pr_info("version %s (ABI %u.%u) loaded\n", KAG_VERSION,
		KAG_ABI_MAJOR, KAG_ABI_MINOR);
	kag_trace(KAG_TRACE_LEVEL_INFO, KAG_TRACE_S_MISC, NULL,
		  "kagent %s (ABI %u.%u) loaded", KAG_VERSION, KAG_ABI_MAJOR,
		  KAG_ABI_MINOR);
	return 0;

out_unregister_pci:
	pci_unregister_driver(&kag_pci_driver);
out_trace_exit:
	kag_trace_exit();
	return ret;
}

static void __exit kag_exit(void)
{
	misc_deregister(&kag_miscdev);
	pci_unregister_driver(&kag_pci_driver);
	kag_trace_exit();
}

module_init(kag_init);
module_exit(kag_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("wdkit developers");
MODULE_DESCRIPTION("wdkit kernel agent: PCI device access for user-mode drivers");
MODULE_VERSION(KAG_VERSION);
