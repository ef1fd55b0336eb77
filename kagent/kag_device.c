// SPDX-License-Identifier: GPL-2.0
/*
 * kag_device.c - binding PCI devices to kagent (pci_driver, driver_override
 * and probe/remove), opening and closing them per file, and device info.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/device.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "kag_priv.h"

/*
 * kag_owner_lock serialises open and close of devices: it protects
 * kag_dev->owner and orders the bind/unbind steps of concurrent opens.
 * Lock order: kag_owner_lock, then the device lock (taken by the driver
 * core inside device_driver_attach/device_release_driver).
 */
static DEFINE_MUTEX(kag_owner_lock);

static void kag_dev_free(struct kref *ref)
{
	struct kag_dev *kdev = container_of(ref, struct kag_dev, ref);

	pci_dev_put(kdev->pdev);
	kfree(kdev);
}

void kag_dev_put(struct kag_dev *kdev)
{
	kref_put(&kdev->ref, kag_dev_free);
}

/* Look up @handle in @kf and return its device with a reference held. */
struct kag_dev *kag_dev_get(struct kag_file *kf, u32 handle)
{
	struct kag_handle *h;
	struct kag_dev *kdev = NULL;

	xa_lock(&kf->handles);
	h = xa_load(&kf->handles, handle);
	if (h) {
		kdev = h->dev;
		kref_get(&kdev->ref);
	}
	xa_unlock(&kf->handles);
	return kdev;
}

static void kag_unmap_bars(struct kag_dev *kdev)
{
	int i;

	for (i = 0; i < KAG_NUM_BARS; i++) {
		if (kdev->bar[i].virt)
			pci_iounmap(kdev->pdev, kdev->bar[i].virt);
		kdev->bar[i].virt = NULL;
	}
}

static int kag_map_bars(struct kag_dev *kdev)
{
	struct pci_dev *pdev = kdev->pdev;
	int i;

	for (i = 0; i < KAG_NUM_BARS; i++) {
		struct kag_bar *bar = &kdev->bar[i];

		bar->start = pci_resource_start(pdev, i);
		bar->len = pci_resource_len(pdev, i);
		bar->flags = pci_resource_flags(pdev, i);
		if (!bar->len)
			continue;
		if (bar->flags & IORESOURCE_IO) {
			bar->port = bar->start;
		} else if (bar->flags & IORESOURCE_MEM) {
			bar->virt = pci_iomap(pdev, i, 0);
			if (!bar->virt) {
				pci_err(pdev, "cannot map BAR%d\n", i);
				kag_unmap_bars(kdev);
				return -ENOMEM;
			}
		}
	}
	return 0;
}

static int kag_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct kag_dev *kdev;
	int ret;

	kdev = kzalloc(sizeof(*kdev), GFP_KERNEL);
	if (!kdev)
		return -ENOMEM;
	kref_init(&kdev->ref);
	init_rwsem(&kdev->io_lock);
	kag_intr_init(kdev);
	kdev->pdev = pci_dev_get(pdev);

	ret = pci_enable_device(pdev);
	if (ret) {
		pci_err(pdev, "cannot enable device: %d\n", ret);
		kag_trace(KAG_TRACE_LEVEL_ERROR, KAG_TRACE_S_PNP, pdev,
			  "probe failed (%pe): cannot enable the device",
			  ERR_PTR(ret));
		goto out_free;
	}
	ret = pci_request_regions(pdev, KAG_NAME);
	if (ret) {
		pci_err(pdev, "cannot claim regions (in use by another driver?): %d\n",
			ret);
		kag_trace(KAG_TRACE_LEVEL_ERROR, KAG_TRACE_S_PNP, pdev,
			  "probe failed (%pe): cannot claim the BARs",
			  ERR_PTR(ret));
		goto out_disable;
	}
	ret = kag_map_bars(kdev);
	if (ret) {
		kag_trace(KAG_TRACE_LEVEL_ERROR, KAG_TRACE_S_PNP, pdev,
			  "probe failed (%pe): cannot map the BARs",
			  ERR_PTR(ret));
		goto out_release;
	}
	pci_save_state(pdev);
	pci_set_drvdata(pdev, kdev);
	pci_info(pdev, "bound to kagent\n");
	kag_trace(KAG_TRACE_LEVEL_INFO, KAG_TRACE_S_PNP, pdev,
		  "bound to kagent (%04x:%04x)", pdev->vendor, pdev->device);
	return 0;

out_release:
	pci_release_regions(pdev);
out_disable:
	pci_disable_device(pdev);
out_free:
	kag_dev_put(kdev);
	return ret;
}

/*
 * Called on unbind (our close, sysfs unbind, hot-unplug, module unload).
 * Waits for accesses in flight, then gives everything back; handles that
 * still point at the device get -ENODEV from now on.
 */
static void kag_remove(struct pci_dev *pdev)
{
	struct kag_dev *kdev = pci_get_drvdata(pdev);
	bool was_open;

	down_write(&kdev->io_lock);
	kdev->removed = true;
	was_open = kdev->owner;
	up_write(&kdev->io_lock);
	/* Plugins access the BARs under RCU only: wait for them too. */
	synchronize_rcu();
	if (was_open)
		kag_trace(KAG_TRACE_LEVEL_WARN, KAG_TRACE_S_EVENT, pdev,
			  "removed while open (handle %u): unbound or unplugged; its calls now fail with -ENODEV",
			  kdev->handle);
	/*
	 * IRQs before the mappings: the hard IRQ handler uses them.  No new
	 * enable can start: it checks ->removed under the interrupt mutex.
	 */
	kag_intr_disable(kdev);
	down_write(&kdev->io_lock);
	kag_unmap_bars(kdev);
	up_write(&kdev->io_lock);
	kag_mmap_revoke(kdev);

	pci_clear_master(pdev);
	pci_restore_state(pdev);
	kag_intr_quiesce(kdev);
	pci_release_regions(pdev);
	pci_disable_device(pdev);
	pci_set_drvdata(pdev, NULL);
	pci_info(pdev, "released by kagent\n");
	kag_trace(KAG_TRACE_LEVEL_INFO, KAG_TRACE_S_PNP, pdev,
		  "released by kagent");
	kag_dev_put(kdev);
}

/*
 * No ID table: kagent binds only devices whose driver_override says
 * "kagent" (set by the open ioctl, or by an administrator who wants the
 * device reserved for user-mode drivers at boot).
 */
struct pci_driver kag_pci_driver = {
	.name = KAG_NAME,
	.id_table = NULL,
	.probe = kag_probe,
	.remove = kag_remove,
	.driver_managed_dma = true,
};

static int kag_set_override(struct pci_dev *pdev, const char *s)
{
	return driver_set_override(&pdev->dev, &pdev->driver_override,
				   s, s ? strlen(s) : 0);
}

/* Bind @pdev to kagent; on -EBUSY @busy_name holds the bound driver. */
static int kag_bind(struct pci_dev *pdev, struct kag_handle *h,
		    char *busy_name, size_t busy_len)
{
	struct device_driver *drv;
	int ret;

	device_lock(&pdev->dev);
	drv = pdev->dev.driver;
	if (drv && drv != &kag_pci_driver.driver)
		strscpy(busy_name, drv->name, busy_len);
	device_unlock(&pdev->dev);
	if (drv == &kag_pci_driver.driver)
		return 0;	/* reserved for kagent by the administrator */
	if (drv)
		return -EBUSY;

	device_lock(&pdev->dev);
	if (pdev->driver_override) {
		h->saved_override = kstrdup(pdev->driver_override, GFP_KERNEL);
		if (!h->saved_override) {
			device_unlock(&pdev->dev);
			return -ENOMEM;
		}
	}
	device_unlock(&pdev->dev);

	ret = kag_set_override(pdev, KAG_NAME);
	if (ret)
		goto out_free_saved;
	ret = device_driver_attach(&kag_pci_driver.driver, &pdev->dev);
	if (ret) {
		/* Lost a race with another driver, or probe failed. */
		device_lock(&pdev->dev);
		drv = pdev->dev.driver;
		if (drv && drv != &kag_pci_driver.driver) {
			strscpy(busy_name, drv->name, busy_len);
			ret = -EBUSY;
		}
		device_unlock(&pdev->dev);
		goto out_restore;
	}
	h->bound_by_us = true;
	return 0;

out_restore:
	kag_set_override(pdev, h->saved_override);
out_free_saved:
	kfree(h->saved_override);
	h->saved_override = NULL;
	return ret;
}

/* Undo kag_bind and free @h; called with kag_owner_lock held. */
static void __kag_handle_release(struct kag_handle *h)
{
	struct kag_dev *kdev = h->dev;
	struct pci_dev *pdev = kdev->pdev;

	lockdep_assert_held(&kag_owner_lock);
	if (kdev->owner) {
		down_write(&kdev->io_lock);
		kdev->owner = NULL;
		up_write(&kdev->io_lock);
		/* After owner: an enable racing with us checks it. */
		kag_intr_disable(kdev);
		kag_mmap_revoke(kdev);
		kdev->mapping = NULL;
		if (h->bound_by_us) {
			bool ours;

			/*
			 * It may have been unbound meanwhile (sysfs, unplug).
			 * driver_override still says kagent, so no other
			 * driver can have taken it since.
			 */
			device_lock(&pdev->dev);
			ours = pci_get_drvdata(pdev) == kdev;
			device_unlock(&pdev->dev);
			if (ours)
				device_release_driver(&pdev->dev);
			kag_set_override(pdev, h->saved_override);
		}
	}
	kfree(h->saved_override);
	kag_dev_put(kdev);
	kfree(h);
}

int kag_ioctl_dev_open(struct kag_file *kf, void __user *arg)
{
	struct kag_dev_open op;
	struct kag_handle *h;
	struct pci_dev *pdev;
	struct kag_dev *kdev;
	u32 id;
	int ret;

	ret = kag_copy_args(&op, sizeof(op), arg);
	if (ret)
		return ret;
	if (op.flags || op.reserved0 || op.reserved1)
		return kag_reject_flags(NULL, KAG_TRACE_S_CARD_REG, "DEV_OPEN",
					op.flags, op.reserved0 | op.reserved1);
	if (op.dev > 0x1f || op.fn > 7)
		return kag_reject(NULL, KAG_TRACE_S_CARD_REG, "DEV_OPEN",
				  -EINVAL, "slot %u (0..31) or function %u (0..7) out of range",
				  op.dev, op.fn);
	memset(op.bound_driver, 0, sizeof(op.bound_driver));

	pdev = pci_get_domain_bus_and_slot(op.domain, op.bus,
					   PCI_DEVFN(op.dev, op.fn));
	if (!pdev)
		return kag_reject(NULL, KAG_TRACE_S_CARD_REG, "DEV_OPEN",
				  -ENODEV, "no PCI device %04x:%02x:%02x.%u",
				  op.domain, op.bus, op.dev, op.fn);

	h = kzalloc(sizeof(*h), GFP_KERNEL);
	if (!h) {
		ret = kag_reject(pdev, KAG_TRACE_S_CARD_REG, "DEV_OPEN",
				 -ENOMEM, "no memory for the handle");
		goto out_put_pdev;
	}

	mutex_lock(&kag_owner_lock);
	ret = kag_bind(pdev, h, op.bound_driver, sizeof(op.bound_driver));
	if (ret == -EBUSY)
		kag_reject(pdev, KAG_TRACE_S_CARD_REG, "DEV_OPEN", ret,
			   "bound to the driver %s: unbind it first",
			   op.bound_driver);
	else if (ret)
		kag_reject(pdev, KAG_TRACE_S_CARD_REG, "DEV_OPEN", ret,
			   "cannot bind the device to kagent");
	if (ret)
		goto out_unlock;

	device_lock(&pdev->dev);
	kdev = pci_get_drvdata(pdev);
	if (kdev && pdev->dev.driver == &kag_pci_driver.driver)
		kref_get(&kdev->ref);
	else
		kdev = NULL;
	device_unlock(&pdev->dev);
	if (!kdev) {
		ret = kag_reject(pdev, KAG_TRACE_S_CARD_REG, "DEV_OPEN",
				 -ENODEV, "kagent's probe did not take the device");
		goto out_unbind;
	}
	h->dev = kdev;
	if (kdev->owner) {
		/* Open in another file (or process): one owner at a time. */
		strscpy(op.bound_driver, KAG_NAME, sizeof(op.bound_driver));
		ret = kag_reject(pdev, KAG_TRACE_S_CARD_REG, "DEV_OPEN",
				 -EBUSY, "already open (handle %u of %s file)",
				 kdev->handle,
				 kdev->owner == kf ? "this" : "another");
		goto out_put_dev;
	}

	ret = xa_alloc(&kf->handles, &id, h, XA_LIMIT(1, KAG_MAX_HANDLES),
		       GFP_KERNEL);
	if (ret) {
		ret = kag_reject(pdev, KAG_TRACE_S_CARD_REG, "DEV_OPEN",
				 ret == -EBUSY ? -EMFILE : ret,
				 "this file has %u devices open already",
				 KAG_MAX_HANDLES);
		goto out_put_dev;
	}
	down_write(&kdev->io_lock);
	kdev->owner = kf;
	kdev->open_gen++;
	kdev->mapping = kf->mapping;
	kdev->handle = id;
	up_write(&kdev->io_lock);
	mutex_unlock(&kag_owner_lock);
	kag_trace(KAG_TRACE_LEVEL_INFO, KAG_TRACE_S_CARD_REG, pdev,
		  "opened: handle %u (%s)", id,
		  h->bound_by_us ? "bound to kagent for this open" :
		  "reserved for kagent by driver_override");

	op.handle = id;
	if (copy_to_user(arg, &op, sizeof(op))) {
		/* The caller cannot learn the handle: undo the open. */
		kag_reject(pdev, KAG_TRACE_S_CARD_REG, "DEV_OPEN", -EFAULT,
			   "cannot write the handle back: closing it");
		pci_dev_put(pdev);
		mutex_lock(&kag_owner_lock);
		h = xa_erase(&kf->handles, id);
		if (h)
			__kag_handle_release(h);
		mutex_unlock(&kag_owner_lock);
		return -EFAULT;
	}
	pci_dev_put(pdev);
	return 0;

out_put_dev:
	kag_dev_put(kdev);
	h->dev = NULL;
out_unbind:
	if (h->bound_by_us) {
		device_release_driver(&pdev->dev);
		kag_set_override(pdev, h->saved_override);
	}
	kfree(h->saved_override);
out_unlock:
	mutex_unlock(&kag_owner_lock);
	kfree(h);
	if (ret == -EBUSY && copy_to_user(arg, &op, sizeof(op)))
		ret = kag_reject(pdev, KAG_TRACE_S_CARD_REG, "DEV_OPEN",
				 -EFAULT, "cannot write the driver name back");
out_put_pdev:
	pci_dev_put(pdev);
	return ret;
}

int kag_ioctl_dev_close(struct kag_file *kf, void __user *arg)
{
	struct kag_dev_close cl;
	struct kag_dev *kdev;
	struct kag_handle *h;
	int ret;

	ret = kag_copy_args(&cl, sizeof(cl), arg);
	if (ret)
		return ret;
	/* The plugin handles opened for this device go first. */
	kdev = kag_dev_get(kf, cl.handle);
	if (!kdev)
		return -EBADF;
	kag_kp_close_for(kf, kdev);
	kag_dev_put(kdev);
	mutex_lock(&kag_owner_lock);
	h = xa_erase(&kf->handles, cl.handle);
	if (h) {
		kag_trace(KAG_TRACE_LEVEL_INFO, KAG_TRACE_S_CARD_REG,
			  h->dev->pdev, "closed: handle %u", cl.handle);
		__kag_handle_release(h);
	}
	mutex_unlock(&kag_owner_lock);
	return h ? 0 : kag_reject_handle(KAG_TRACE_S_CARD_REG, "DEV_CLOSE",
					 cl.handle);
}

void kag_close_all(struct kag_file *kf)
{
	struct kag_handle *h;
	unsigned long id;

	mutex_lock(&kag_owner_lock);
	xa_for_each(&kf->handles, id, h) {
		xa_erase(&kf->handles, id);
		kag_trace(KAG_TRACE_LEVEL_INFO, KAG_TRACE_S_CARD_REG,
			  h->dev->pdev,
			  "closed: handle %lu (the file was released)", id);
		__kag_handle_release(h);
	}
	mutex_unlock(&kag_owner_lock);
}

static void kag_fill_bar_info(struct kag_dev *kdev, u32 handle, int i,
			      struct kag_bar_info *bi)
{
	struct kag_bar *bar = &kdev->bar[i];

	memset(bi, 0, sizeof(*bi));
	if (!bar->len)
		return;
	bi->start = bar->start;
	bi->length = bar->len;
	if (bar->flags & IORESOURCE_IO) {
		bi->flags |= KAG_BAR_IO;
		return;
	}
	bi->flags |= KAG_BAR_MEM;
	if (bar->flags & IORESOURCE_MEM_64)
		bi->flags |= KAG_BAR_64BIT;
	if (bar->flags & IORESOURCE_PREFETCH)
		bi->flags |= KAG_BAR_PREFETCH;
	/* Only whole pages can be mapped without exposing a neighbour. */
	if (bar->len >= PAGE_SIZE && PAGE_ALIGNED(bar->start) &&
	    bar->len <= KAG_MMAP_BAR_WINDOW) {
		bi->flags |= KAG_BAR_MMAP;
		bi->mmap_offset = kag_mmap_offset(handle, i);
	}
}

int kag_ioctl_dev_info(struct kag_file *kf, void __user *arg)
{
	struct kag_dev_info info;
	struct kag_dev *kdev;
	struct pci_dev *pdev;
	int ret, i, pos;
	u32 handle;
	u16 flags;

	ret = kag_copy_args(&info, sizeof(info), arg);
	if (ret)
		return ret;
	handle = info.handle;
	kdev = kag_dev_get(kf, handle);
	if (!kdev)
		return kag_reject_handle(KAG_TRACE_S_CARD_REG, "DEV_INFO",
					 handle);
	pdev = kdev->pdev;

	down_read(&kdev->io_lock);
	if (kdev->removed) {
		ret = kag_reject_gone(kdev, KAG_TRACE_S_CARD_REG, "DEV_INFO");
		goto out;
	}
	memset(&info, 0, sizeof(info));
	info.argsz = sizeof(info);
	info.handle = handle;
	info.domain = pci_domain_nr(pdev->bus);
	info.bus = pdev->bus->number;
	info.dev = PCI_SLOT(pdev->devfn);
	info.fn = PCI_FUNC(pdev->devfn);
	info.revision = pdev->revision;
	info.vendor_id = pdev->vendor;
	info.device_id = pdev->device;
	info.subsys_vendor_id = pdev->subsystem_vendor;
	info.subsys_device_id = pdev->subsystem_device;
	info.class_code = pdev->class;
	info.header_type = pdev->hdr_type;
	info.irq_pin = pdev->pin;
	info.irq_line = pdev->pin ? pdev->irq : 0;
	info.cfg_size = pdev->cfg_size;

	pos = pci_find_capability(pdev, PCI_CAP_ID_MSI);
	if (pos) {
		pci_read_config_word(pdev, pos + PCI_MSI_FLAGS, &flags);
		info.flags |= KAG_DEV_MSI;
		info.msi_vectors = 1 << ((flags & PCI_MSI_FLAGS_QMASK) >> 1);
	}
	if (pdev->msix_cap) {
		info.flags |= KAG_DEV_MSIX;
		info.msix_vectors = pci_msix_vec_count(pdev);
	}
	if (pci_is_pcie(pdev))
		info.flags |= KAG_DEV_PCIE;
	for (i = 0; i < KAG_NUM_BARS; i++)
		kag_fill_bar_info(kdev, handle, i, &info.bar[i]);
	ret = 0;
out:
	up_read(&kdev->io_lock);
	if (!ret && copy_to_user(arg, &info, sizeof(info)))
		ret = kag_reject(pdev, KAG_TRACE_S_CARD_REG, "DEV_INFO",
				 -EFAULT, "cannot write the description back");
	kag_dev_put(kdev);
	return ret;
}
