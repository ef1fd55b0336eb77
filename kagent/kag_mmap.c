// SPDX-License-Identifier: GPL-2.0
/*
 * kag_mmap.c - mmap of memory BARs into user space: uncached, page granular,
 * bounds-checked, and revocable (pages are inserted at fault time and
 * zapped when the device is closed or removed, so a stale mapping can never
 * reach a device that is no longer ours: it gets SIGBUS instead).
 *
 * The mmap offset selects handle and BAR: slot = handle * 8 + bar, and each
 * slot is a window of KAG_MMAP_BAR_WINDOW bytes.  With handles below 32 the
 * highest offset fits the 32-bit page offset of a 32-bit caller's mmap2.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/mm.h>
#include <linux/slab.h>

#include "kag_priv.h"

#define KAG_MMAP_WINDOW_PAGES (KAG_MMAP_BAR_WINDOW >> PAGE_SHIFT)

/*
 * What a VMA maps; one per VMA (duplicated on split or fork).  BAR and page
 * come from the fault's file offset, so a split needs no bookkeeping.
 */
struct kag_vma {
	struct kag_dev *dev;	/* holds a reference */
	u64 open_gen;		/* the open of the device it belongs to */
};

u64 kag_mmap_offset(u32 handle, unsigned int bar)
{
	return ((u64)handle * 8 + bar) << KAG_MMAP_BAR_SHIFT;
}

/* Zap every user mapping of @kdev's current open; faults then re-check. */
void kag_mmap_revoke(struct kag_dev *kdev)
{
	if (!kdev->mapping)
		return;
	unmap_mapping_range(kdev->mapping,
			    kag_mmap_offset(kdev->handle, 0),
			    KAG_NUM_BARS * KAG_MMAP_BAR_WINDOW, 1);
}

static vm_fault_t kag_vma_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	struct kag_vma *kv = vma->vm_private_data;
	unsigned int bar = (vmf->pgoff / KAG_MMAP_WINDOW_PAGES) % 8;
	unsigned long pg = vmf->pgoff % KAG_MMAP_WINDOW_PAGES;
	vm_fault_t ret = VM_FAULT_SIGBUS;
	struct kag_dev *kdev;

	if (!kv)
		return VM_FAULT_SIGBUS;
	kdev = kv->dev;
	down_read(&kdev->io_lock);
	if (!kdev->removed && kdev->owner && kdev->open_gen == kv->open_gen &&
	    pg < (kdev->bar[bar].len >> PAGE_SHIFT))
		ret = vmf_insert_pfn(vma, vmf->address & PAGE_MASK,
				     (kdev->bar[bar].start >> PAGE_SHIFT) + pg);
	up_read(&kdev->io_lock);
	if (ret == VM_FAULT_SIGBUS)
		kag_trace(KAG_TRACE_LEVEL_WARN, KAG_TRACE_S_MEM, kdev->pdev,
			  "SIGBUS: access at BAR%u page %lu through a mapping of a closed or removed open",
			  bar, pg);
	return ret;
}

static void kag_vma_open(struct vm_area_struct *vma)
{
	struct kag_vma *orig = vma->vm_private_data;
	struct kag_vma *kv;

	/*
	 * A split or fork gives the new VMA its own copy; if that fails the
	 * VMA shares nothing and faults with SIGBUS.
	 */
	kv = orig ? kmemdup(orig, sizeof(*kv), GFP_KERNEL) : NULL;
	if (kv)
		kref_get(&kv->dev->ref);
	vma->vm_private_data = kv;
}

static void kag_vma_close(struct vm_area_struct *vma)
{
	struct kag_vma *kv = vma->vm_private_data;

	if (!kv)
		return;
	kag_dev_put(kv->dev);
	kfree(kv);
}

static const struct vm_operations_struct kag_vm_ops = {
	.open = kag_vma_open,
	.close = kag_vma_close,
	.fault = kag_vma_fault,
};

int kag_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct kag_file *kf = file->private_data;
	unsigned long slot = vma->vm_pgoff / KAG_MMAP_WINDOW_PAGES;
	unsigned long pg = vma->vm_pgoff % KAG_MMAP_WINDOW_PAGES;
	unsigned long npages = vma_pages(vma);
	unsigned int bar = slot % 8;
	struct kag_dev *kdev;
	const char *why = NULL;
	struct kag_vma *kv;
	int ret = 0;

	if (slot / 8 > KAG_MAX_HANDLES || bar >= KAG_NUM_BARS)
		return kag_reject(NULL, KAG_TRACE_S_MEM, "mmap", -EINVAL,
				  "offset %#llx names no handle and BAR",
				  (u64)vma->vm_pgoff << PAGE_SHIFT);
	kdev = kag_dev_get(kf, slot / 8);
	if (!kdev)
		return kag_reject_handle(KAG_TRACE_S_MEM, "mmap",
					 (u32)(slot / 8));
	if (!(vma->vm_flags & VM_SHARED)) {
		/* a private COW copy of registers is nonsense */
		ret = kag_reject(kdev->pdev, KAG_TRACE_S_MEM, "mmap", -EINVAL,
				 "BAR%u: a private mapping (use MAP_SHARED)",
				 bar);
		goto out_put;
	}

	down_read(&kdev->io_lock);
	if (kdev->removed)
		why = "the device was removed";
	else if (!(kdev->bar[bar].flags & IORESOURCE_MEM))
		why = "not a memory BAR";
	else if (kdev->bar[bar].len < PAGE_SIZE ||
		 !PAGE_ALIGNED(kdev->bar[bar].start))
		why = "a BAR smaller than a page (use the ioctls)";
	else if (pg >= (kdev->bar[bar].len >> PAGE_SHIFT) ||
		 npages > (kdev->bar[bar].len >> PAGE_SHIFT) - pg)
		ret = -EINVAL;
	if (why)
		ret = -ENODEV;
	else if (ret)
		why = "the mapping leaves the BAR";
	up_read(&kdev->io_lock);
	if (ret) {
		ret = kag_reject(kdev->pdev, KAG_TRACE_S_MEM, "mmap", ret,
				 "BAR%u, pages %lu..%lu: %s", bar, pg,
				 pg + npages - 1, why);
		goto out_put;
	}
	if (kag_locked_down(kdev, "mmap of a BAR")) {
		ret = -EPERM;
		goto out_put;
	}

	kv = kzalloc(sizeof(*kv), GFP_KERNEL);
	if (!kv) {
		ret = kag_reject(kdev->pdev, KAG_TRACE_S_MEM, "mmap", -ENOMEM,
				 "no memory");
		goto out_put;
	}
	kv->dev = kdev;		/* takes over our reference */
	kv->open_gen = kdev->open_gen;

	vma->vm_private_data = kv;
	vma->vm_ops = &kag_vm_ops;
	vma->vm_page_prot = pgprot_noncached(vma->vm_page_prot);
	vm_flags_set(vma, VM_IO | VM_PFNMAP | VM_DONTEXPAND | VM_DONTDUMP);
	kag_trace(KAG_TRACE_LEVEL_INFO, KAG_TRACE_S_MEM, kdev->pdev,
		  "BAR%u pages %lu..%lu mapped into the process", bar, pg,
		  pg + npages - 1);
	return 0;

out_put:
	kag_dev_put(kdev);
	return ret;
}
