// SPDX-License-Identifier: GPL-2.0
/*
 * kag_kp.c - the Kernel PlugIn registry and handles: plugins register at
 * module load (kag_kp_register, via KP_MODULE()), user processes open
 * handles to them for an open device (KP_Open / KP_Open_32_64), send them
 * messages (KP_Call) and close them (KP_Close, also when the process dies).
 * A handle holds a reference on the plugin's module, so a plugin in use
 * cannot be unloaded.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/compat.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "kag_priv.h"

#define KAG_KP_MAX_HANDLES 255
#define KAG_KP_MAX_REFUSED 8

struct kag_kp_driver {
	struct list_head node;
	struct module *owner;
	KP_INIT init;
};

/* A plugin whose registration was refused, remembered to explain why. */
struct kag_kp_refused {
	char module[MODULE_NAME_LEN];
	u32 abi;
};

/*
 * kag_kp_lock protects the list of registered plugins and the refusal
 * records.  Taken in process context only; never held while calling into
 * a plugin.
 */
static DEFINE_MUTEX(kag_kp_lock);
static LIST_HEAD(kag_kp_drivers);
static struct kag_kp_refused kag_kp_refused[KAG_KP_MAX_REFUSED];
static unsigned int kag_kp_nrefused;

static void kag_kp_remember_refusal(struct module *owner, u32 abi)
{
	struct kag_kp_refused *r;

	mutex_lock(&kag_kp_lock);
	r = &kag_kp_refused[kag_kp_nrefused++ % KAG_KP_MAX_REFUSED];
	strscpy(r->module, module_name(owner), sizeof(r->module));
	r->abi = abi;
	mutex_unlock(&kag_kp_lock);
}

/* Was a plugin module of this name refused (its plugin name is unknown)? */
static bool kag_kp_was_refused(const char *name)
{
	unsigned int i, n;
	bool found = false;

	mutex_lock(&kag_kp_lock);
	n = min_t(unsigned int, kag_kp_nrefused, KAG_KP_MAX_REFUSED);
	for (i = 0; i < n && !found; i++)
		found = !strcasecmp(kag_kp_refused[i].module, name);
	mutex_unlock(&kag_kp_lock);
	return found;
}

/* Caller holds kag_kp_lock. */
static struct kag_kp_driver *__kag_kp_find(const char *name)
{
	struct kag_kp_driver *drv;

	lockdep_assert_held(&kag_kp_lock);
	/* Case-insensitive: "KP_PCI" and "kp_pci" are the same plugin. */
	list_for_each_entry(drv, &kag_kp_drivers, node)
		if (!strcasecmp(drv->init.cDriverName, name))
			return drv;
	return NULL;
}

int kag_kp_register(struct module *owner, u32 abi_version,
		    BOOL (*kp_init)(KP_INIT *kpInit))
{
	struct kag_kp_driver *drv;
	size_t len;
	int ret;

	/* Check the ABI before calling anything built against another one. */
	if (abi_version != KP_ABI_VERSION) {
		pr_err("refusing Kernel PlugIn module %s: built for Kernel PlugIn ABI %u.%u, this kagent has %u.%u; rebuild the plugin against this kagent\n",
		       module_name(owner), abi_version >> 16,
		       abi_version & 0xffff, KP_ABI_VERSION >> 16,
		       KP_ABI_VERSION & 0xffff);
		kag_trace(KAG_TRACE_LEVEL_ERROR, KAG_TRACE_S_KER_PLUG, NULL,
			  "refused Kernel PlugIn module %s: built for ABI %u.%u, kagent has %u.%u",
			  module_name(owner), abi_version >> 16,
			  abi_version & 0xffff, KP_ABI_VERSION >> 16,
			  KP_ABI_VERSION & 0xffff);
		kag_kp_remember_refusal(owner, abi_version);
		return -EINVAL;
	}
	drv = kzalloc(sizeof(*drv), GFP_KERNEL);
	if (!drv)
		return -ENOMEM;
	drv->owner = owner;
	drv->init.dwVerWD = KP_ABI_VERSION;
	if (!kp_init(&drv->init)) {
		pr_err("Kernel PlugIn module %s: KP_Init failed\n",
		       module_name(owner));
		ret = -EINVAL;
		goto out_free;
	}
	len = strnlen(drv->init.cDriverName, sizeof(drv->init.cDriverName));
	if (!len || len > KP_DRIVER_NAME_MAX) {
		pr_err("Kernel PlugIn module %s: the name must be 1 to %d characters\n",
		       module_name(owner), KP_DRIVER_NAME_MAX);
		ret = -EINVAL;
		goto out_free;
	}
	if (!drv->init.funcOpen && !drv->init.funcOpen_32_64) {
		pr_err("Kernel PlugIn %s: KP_Init set no KP_Open\n",
		       drv->init.cDriverName);
		ret = -EINVAL;
		goto out_free;
	}

	mutex_lock(&kag_kp_lock);
	if (__kag_kp_find(drv->init.cDriverName)) {
		mutex_unlock(&kag_kp_lock);
		pr_err("Kernel PlugIn %s (module %s): a plugin of that name is already registered\n",
		       drv->init.cDriverName, module_name(owner));
		ret = -EEXIST;
		goto out_free;
	}
	list_add_tail(&drv->node, &kag_kp_drivers);
	mutex_unlock(&kag_kp_lock);
	pr_info("Kernel PlugIn %s registered (module %s)\n",
		drv->init.cDriverName, module_name(owner));
	kag_trace(KAG_TRACE_LEVEL_INFO, KAG_TRACE_S_KER_PLUG, NULL,
		  "Kernel PlugIn %s registered (module %s)",
		  drv->init.cDriverName, module_name(owner));
	return 0;

out_free:
	kfree(drv);
	return ret;
}
EXPORT_SYMBOL_GPL(kag_kp_register);

void kag_kp_unregister(struct module *owner)
{
	struct kag_kp_driver *drv, *tmp;

	mutex_lock(&kag_kp_lock);
	list_for_each_entry_safe(drv, tmp, &kag_kp_drivers, node) {
		if (drv->owner != owner)
			continue;
		list_del(&drv->node);
		pr_info("Kernel PlugIn %s unregistered\n",
			drv->init.cDriverName);
		kag_trace(KAG_TRACE_LEVEL_INFO, KAG_TRACE_S_KER_PLUG, NULL,
			  "Kernel PlugIn %s unregistered", drv->init.cDriverName);
		kfree(drv);
	}
	mutex_unlock(&kag_kp_lock);
}
EXPORT_SYMBOL_GPL(kag_kp_unregister);

/* "name,name" of the registered plugins (and refusals) into @buf. */
static u32 kag_kp_names(char *buf, size_t len, bool refusals)
{
	struct kag_kp_driver *drv;
	size_t used = 0;
	unsigned int i, n;
	u32 count = 0;

	buf[0] = '\0';
	mutex_lock(&kag_kp_lock);
	list_for_each_entry(drv, &kag_kp_drivers, node) {
		used += scnprintf(buf + used, len - used, "%s%s",
				  count ? "," : "", drv->init.cDriverName);
		count++;
	}
	n = min_t(unsigned int, kag_kp_nrefused, KAG_KP_MAX_REFUSED);
	for (i = 0; refusals && i < n; i++)
		used += scnprintf(buf + used, len - used,
				  "%s%s (refused: ABI %u.%u)",
				  used ? "," : "", kag_kp_refused[i].module,
				  kag_kp_refused[i].abi >> 16,
				  kag_kp_refused[i].abi & 0xffff);
	mutex_unlock(&kag_kp_lock);
	return count;
}

static void kag_kp_release(struct kref *ref)
{
	struct kag_kp_handle *h = container_of(ref, struct kag_kp_handle, ref);

	kag_trace(KAG_TRACE_LEVEL_INFO, KAG_TRACE_S_KER_PLUG, h->wdev.kdev->pdev,
		  "Kernel PlugIn %s handle %u closed (KP_Close)",
		  h->drv->init.cDriverName, h->id);
	if (h->calls.funcClose)
		h->calls.funcClose(h->drv_context);
	module_put(h->drv->owner);
	kag_dev_put(h->wdev.kdev);
	kfree(h);
}

const char *kag_kp_name(const struct kag_kp_handle *h)
{
	return h->drv->init.cDriverName;
}

void kag_kp_put(struct kag_kp_handle *h)
{
	kref_put(&h->ref, kag_kp_release);
}

struct kag_kp_handle *kag_kp_get(struct kag_file *kf, u32 kp_handle)
{
	struct kag_kp_handle *h;

	xa_lock(&kf->kps);
	h = xa_load(&kf->kps, kp_handle);
	if (h)
		kref_get(&h->ref);
	xa_unlock(&kf->kps);
	return h;
}

/* Close one handle: its interrupts first, then KP_Close (at last put). */
static void kag_kp_close_handle(struct kag_kp_handle *h)
{
	kag_intr_disable_kp(h);
	kag_kp_put(h);
}

int kag_ioctl_kp_open(struct kag_file *kf, void __user *arg)
{
	struct kag_kp_driver *drv;
	struct kag_kp_handle *h;
	struct kag_kp_open op;
	struct kag_dev *kdev;
	KP_FUNC_OPEN open;
	bool compat;
	u32 id;
	int ret;

	ret = kag_copy_args(&op, sizeof(op), arg);
	if (ret)
		return ret;
	if (op.reserved || !memchr(op.name, '\0', sizeof(op.name)))
		return kag_reject(NULL, KAG_TRACE_S_KER_PLUG, "KP_OPEN", -EINVAL,
				  "reserved field %#x, or the name is not NUL-terminated",
				  op.reserved);
	kdev = kag_dev_get(kf, op.handle);
	if (!kdev)
		return kag_reject_handle(KAG_TRACE_S_KER_PLUG, "KP_OPEN",
					 op.handle);

	mutex_lock(&kag_kp_lock);
	drv = __kag_kp_find(op.name);
	if (drv && !try_module_get(drv->owner))
		drv = NULL;	/* being unloaded */
	mutex_unlock(&kag_kp_lock);
	if (!drv) {
		ret = kag_kp_was_refused(op.name) ? -EPROTO : -ENOENT;
		ret = kag_reject(kdev->pdev, KAG_TRACE_S_KER_PLUG, "KP_OPEN",
				 ret, "no Kernel PlugIn named '%s'%s", op.name,
				 ret == -EPROTO ?
				 " (refused at load: wrong ABI)" : "");
		kag_kp_names(op.loaded, sizeof(op.loaded), true);
		if (copy_to_user(arg, &op, sizeof(op)))
			ret = -EFAULT;
		goto out_put_dev;
	}

	compat = in_compat_syscall();
	open = compat ? drv->init.funcOpen_32_64 : drv->init.funcOpen;
	if (!open) {
		ret = kag_reject(kdev->pdev, KAG_TRACE_S_KER_PLUG, "KP_OPEN",
				 -ENOEXEC, "Kernel PlugIn %s has no %s",
				 drv->init.cDriverName,
				 compat ? "KP_Open_32_64" : "KP_Open");
		goto out_put_module;
	}
	h = kzalloc(sizeof(*h), GFP_KERNEL);
	if (!h) {
		ret = kag_reject(kdev->pdev, KAG_TRACE_S_KER_PLUG, "KP_OPEN",
				 -ENOMEM, "out of memory");
		goto out_put_module;
	}
	kref_init(&h->ref);
	h->drv = drv;
	h->wdev.kdev = kdev;
	if (!open(&h->calls, &h->wdev, u64_to_user_ptr(op.open_data),
		  &h->drv_context)) {
		/* Refused: no KP_Close for an open that did not happen. */
		kfree(h);
		ret = kag_reject(kdev->pdev, KAG_TRACE_S_KER_PLUG, "KP_OPEN",
				 -ECANCELED, "%s's KP_Open returned FALSE",
				 drv->init.cDriverName);
		goto out_put_module;
	}
	/* From here the handle owns the module and device references. */
	ret = xa_alloc(&kf->kps, &id, h, XA_LIMIT(1, KAG_KP_MAX_HANDLES),
		       GFP_KERNEL);
	if (ret) {
		ret = kag_reject(kdev->pdev, KAG_TRACE_S_KER_PLUG, "KP_OPEN",
				 ret == -EBUSY ? -EMFILE : ret,
				 "too many Kernel PlugIn handles in this file");
		kag_kp_put(h);	/* KP_Close, module and device references */
		return ret;
	}
	h->id = id;
	h->dev_handle = op.handle;
	op.kp_handle = id;
	kag_trace(KAG_TRACE_LEVEL_INFO, KAG_TRACE_S_KER_PLUG, kdev->pdev,
		  "Kernel PlugIn %s opened: handle %u (%s)",
		  drv->init.cDriverName, id,
		  compat ? "KP_Open_32_64" : "KP_Open");
	if (copy_to_user(arg, &op, sizeof(op))) {
		h = xa_erase(&kf->kps, id);
		if (h)
			kag_kp_close_handle(h);
		return -EFAULT;
	}
	return 0;

out_put_module:
	module_put(drv->owner);
out_put_dev:
	kag_dev_put(kdev);
	return ret;
}

int kag_ioctl_kp_close(struct kag_file *kf, void __user *arg)
{
	struct kag_dev_close cl;
	struct kag_kp_handle *h;
	int ret;

	ret = kag_copy_args(&cl, sizeof(cl), arg);
	if (ret)
		return ret;
	h = xa_erase(&kf->kps, cl.handle);
	if (!h)
		return -EBADF;
	kag_kp_close_handle(h);
	return 0;
}

int kag_ioctl_kp_call(struct kag_file *kf, void __user *arg)
{
	WD_KERNEL_PLUGIN_CALL call = { 0 };
	struct kag_kp_handle *h;
	struct kag_kp_call c;
	int ret;

	ret = kag_copy_args(&c, sizeof(c), arg);
	if (ret)
		return ret;
	h = kag_kp_get(kf, c.kp_handle);
	if (!h)
		return -EBADF;
	if (!h->calls.funcCall) {
		ret = -ENOSYS;
		goto out_put;
	}
	call.hKernelPlugIn = h->id;
	call.dwMessage = c.message;
	call.pData = u64_to_user_ptr(c.data);
	h->calls.funcCall(h->drv_context, &call);
	kag_trace(KAG_TRACE_LEVEL_TRACE, KAG_TRACE_S_KER_PLUG, h->wdev.kdev->pdev,
		  "KP_Call of %s: message %u, result %u",
		  h->drv->init.cDriverName, c.message, call.dwResult);
	if (put_user(call.dwResult,
		     (u32 __user *)(arg + offsetof(struct kag_kp_call, result))))
		ret = -EFAULT;
out_put:
	kag_kp_put(h);
	return ret;
}

int kag_ioctl_kp_list(void __user *arg)
{
	struct kag_kp_list l;
	int ret;

	ret = kag_copy_args(&l, sizeof(l), arg);
	if (ret)
		return ret;
	l.count = kag_kp_names(l.names, sizeof(l.names), false);
	return copy_to_user(arg, &l, sizeof(l)) ? -EFAULT : 0;
}

/* Close the plugin handles of @kf opened for @kdev (all if NULL). */
void kag_kp_close_for(struct kag_file *kf, struct kag_dev *kdev)
{
	struct kag_kp_handle *h;
	unsigned long id;

	xa_for_each(&kf->kps, id, h) {
		if (kdev && h->wdev.kdev != kdev)
			continue;
		if (xa_erase(&kf->kps, id) == h)
			kag_kp_close_handle(h);
	}
}
