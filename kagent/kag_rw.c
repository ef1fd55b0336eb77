// SPDX-License-Identifier: GPL-2.0
/*
 * kag_rw.c - BAR access from user space: single reads/writes, block
 * transfers (auto-increment or FIFO) and multi-transfer command lists.
 * Every request is validated completely before the first access.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/io.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include "kag_priv.h"

/* Bounce buffer size for block transfers. */
#define KAG_BLOCK_CHUNK (64u << 10)

/*
 * Why @span bytes from @offset of @bar in aligned @width accesses are
 * refused, or NULL when they are fine.
 */
static const char *kag_access_problem(struct kag_dev *kdev, u32 bar,
				      u32 width, u64 offset, u64 span)
{
	const struct kag_bar *b;

	if (bar >= KAG_NUM_BARS)
		return "there is no such BAR (0..5)";
	b = &kdev->bar[bar];
	if (!b->len)
		return "the BAR is not implemented";
	switch (width) {
	case 1:
	case 2:
	case 4:
		break;
	case 8:
		if (b->flags & IORESOURCE_IO)
			return "I/O ports take no 64-bit accesses";
		break;
	default:
		return "the width is not 1, 2, 4 or 8 bytes";
	}
	if (offset & (width - 1))
		return "the offset is not aligned to the width";
	if (span > b->len || offset > b->len - span)
		return "the access leaves the BAR";
	return NULL;
}

/* Are @span bytes from @offset inside @bar, in aligned @width accesses? */
int kag_check_access(struct kag_dev *kdev, u32 bar, u32 width,
			    u64 offset, u64 span)
{
	return kag_access_problem(kdev, bar, width, offset, span) ? -EINVAL : 0;
}

u32 kag_bar_section(const struct kag_dev *kdev, u32 bar)
{
	if (bar < KAG_NUM_BARS && (kdev->bar[bar].flags & IORESOURCE_IO))
		return KAG_TRACE_S_IO;
	return KAG_TRACE_S_MEM;
}

/* kag_check_access(), recording why request @op is refused. */
int kag_check_access_op(struct kag_dev *kdev, const char *op, u32 bar,
			u32 width, u64 offset, u64 span)
{
	const char *why = kag_access_problem(kdev, bar, width, offset, span);

	if (!why)
		return 0;
	return kag_reject(kdev->pdev, kag_bar_section(kdev, bar), op, -EINVAL,
			  "BAR %u (%llu bytes), width %u, offset %#llx, %llu bytes: %s",
			  bar, bar < KAG_NUM_BARS ?
			  (u64)kdev->bar[bar].len : 0ULL,
			  width, offset, span, why);
}

/* One access; the caller holds io_lock for reading and checked the range. */
u64 kag_read(const struct kag_bar *b, u32 width, u64 off)
{
	if (b->flags & IORESOURCE_IO) {
		unsigned long port = b->port + off;

		switch (width) {
		case 1: return inb(port);
		case 2: return inw(port);
		default: return inl(port);
		}
	}
	switch (width) {
	case 1: return readb(b->virt + off);
	case 2: return readw(b->virt + off);
	case 4: return readl(b->virt + off);
	default: return readq(b->virt + off);
	}
}

void kag_write(const struct kag_bar *b, u32 width, u64 off, u64 val)
{
	if (b->flags & IORESOURCE_IO) {
		unsigned long port = b->port + off;

		switch (width) {
		case 1: outb(val, port); break;
		case 2: outw(val, port); break;
		default: outl(val, port); break;
		}
		return;
	}
	switch (width) {
	case 1: writeb(val, b->virt + off); break;
	case 2: writew(val, b->virt + off); break;
	case 4: writel(val, b->virt + off); break;
	default: writeq(val, b->virt + off); break;
	}
}

/*
 * Take the device for I/O: io_lock held for reading on success.  Checks
 * removal and kernel lockdown (@what names the access in the log).
 */
static int kag_io_begin(struct kag_dev *kdev, u32 bar, const char *op,
			const char *what)
{
	down_read(&kdev->io_lock);
	if (kdev->removed) {
		up_read(&kdev->io_lock);
		return kag_reject_gone(kdev, kag_bar_section(kdev, bar), op);
	}
	if (kag_locked_down(kdev, what)) {
		up_read(&kdev->io_lock);
		return -EPERM;
	}
	return 0;
}

int kag_ioctl_rw(struct kag_file *kf, void __user *arg)
{
	struct kag_dev *kdev;
	struct kag_rw rw;
	bool write;
	int ret;

	ret = kag_copy_args(&rw, sizeof(rw), arg);
	if (ret)
		return ret;
	if (rw.flags & ~KAG_RW_WRITE || rw.reserved)
		return kag_reject_flags(NULL, KAG_TRACE_S_MEM, "RW",
					rw.flags & ~KAG_RW_WRITE, rw.reserved);
	write = rw.flags & KAG_RW_WRITE;
	kdev = kag_dev_get(kf, rw.handle);
	if (!kdev)
		return kag_reject_handle(KAG_TRACE_S_MEM, "RW", rw.handle);
	ret = kag_check_access_op(kdev, "RW", rw.bar, rw.width, rw.offset,
				  rw.width);
	if (ret)
		goto out_put;
	ret = kag_io_begin(kdev, rw.bar, "RW", "BAR access");
	if (ret)
		goto out_put;
	if (write)
		kag_write(&kdev->bar[rw.bar], rw.width, rw.offset, rw.value);
	else
		rw.value = kag_read(&kdev->bar[rw.bar], rw.width, rw.offset);
	up_read(&kdev->io_lock);
	kag_trace(KAG_TRACE_LEVEL_TRACE, kag_bar_section(kdev, rw.bar),
		  kdev->pdev, "%s%u BAR%u+%#llx %s %#llx",
		  write ? "write" : "read", rw.width * 8, rw.bar, rw.offset,
		  write ? "<-" : "=", rw.value);
	if (!write &&
	    put_user(rw.value, (u64 __user *)(arg + offsetof(struct kag_rw, value))))
		ret = kag_reject(kdev->pdev, kag_bar_section(kdev, rw.bar),
				 "RW", -EFAULT, "cannot write the value back");
out_put:
	kag_dev_put(kdev);
	return ret;
}

static void kag_block_chunk(const struct kag_bar *b, u32 width, u64 off,
			    bool fifo, bool write, u8 *buf, u32 len)
{
	u32 i;

	for (i = 0; i < len; i += width) {
		u64 at = fifo ? off : off + i;

		if (write) {
			u64 v = 0;

			memcpy(&v, buf + i, width);
			kag_write(b, width, at, v);
		} else {
			u64 v = kag_read(b, width, at);

			memcpy(buf + i, &v, width);
		}
	}
}

int kag_ioctl_block(struct kag_file *kf, void __user *arg)
{
	struct kag_block blk;
	struct kag_dev *kdev;
	bool write, fifo;
	u8 __user *ubuf;
	u64 done = 0;
	u32 sect;
	u8 *buf;
	int ret;

	ret = kag_copy_args(&blk, sizeof(blk), arg);
	if (ret)
		return ret;
	if (blk.flags & ~(KAG_RW_WRITE | KAG_BLOCK_NO_AUTOINC) || blk.reserved)
		return kag_reject_flags(NULL, KAG_TRACE_S_MEM, "BLOCK",
					blk.flags & ~(KAG_RW_WRITE |
						      KAG_BLOCK_NO_AUTOINC),
					blk.reserved);
	if (!blk.buf)
		return kag_reject(NULL, KAG_TRACE_S_MEM, "BLOCK", -EFAULT,
				  "the buffer pointer is NULL");
	if (!blk.length || blk.length > KAG_BLOCK_MAX_BYTES)
		return kag_reject(NULL, KAG_TRACE_S_MEM, "BLOCK", -EINVAL,
				  "length %llu is not 1..%u", blk.length,
				  KAG_BLOCK_MAX_BYTES);
	write = blk.flags & KAG_RW_WRITE;
	fifo = blk.flags & KAG_BLOCK_NO_AUTOINC;
	ubuf = u64_to_user_ptr(blk.buf);

	kdev = kag_dev_get(kf, blk.handle);
	if (!kdev)
		return kag_reject_handle(KAG_TRACE_S_MEM, "BLOCK", blk.handle);
	sect = kag_bar_section(kdev, blk.bar);
	ret = kag_check_access_op(kdev, "BLOCK", blk.bar, blk.width,
				  blk.offset, fifo ? blk.width : blk.length);
	if (!ret && blk.length % blk.width)
		ret = kag_reject(kdev->pdev, sect, "BLOCK", -EINVAL,
				 "length %llu is not a multiple of the width %u",
				 blk.length, blk.width);
	if (ret)
		goto out_put;

	buf = kmalloc(min_t(u64, blk.length, KAG_BLOCK_CHUNK), GFP_KERNEL);
	if (!buf) {
		ret = kag_reject(kdev->pdev, sect, "BLOCK", -ENOMEM,
				 "no memory for the bounce buffer");
		goto out_put;
	}
	while (done < blk.length) {
		u32 n = min_t(u64, blk.length - done, KAG_BLOCK_CHUNK);

		/* User copies happen outside io_lock: they may fault. */
		if (write && copy_from_user(buf, ubuf + done, n)) {
			ret = kag_reject(kdev->pdev, sect, "BLOCK", -EFAULT,
					 "cannot read the buffer at byte %llu",
					 done);
			break;
		}
		ret = kag_io_begin(kdev, blk.bar, "BLOCK", "BAR block access");
		if (ret)
			break;
		kag_block_chunk(&kdev->bar[blk.bar], blk.width,
				blk.offset + (fifo ? 0 : done), fifo, write,
				buf, n);
		up_read(&kdev->io_lock);
		if (!write && copy_to_user(ubuf + done, buf, n)) {
			ret = kag_reject(kdev->pdev, sect, "BLOCK", -EFAULT,
					 "cannot write the buffer at byte %llu",
					 done);
			break;
		}
		done += n;
		cond_resched();
	}
	kfree(buf);
	if (!ret)
		kag_trace(KAG_TRACE_LEVEL_TRACE, sect, kdev->pdev,
			  "block %s of %llu bytes in %u-bit accesses at BAR%u+%#llx%s",
			  write ? "write" : "read", blk.length, blk.width * 8,
			  blk.bar, blk.offset, fifo ? " (no auto-increment)" : "");
out_put:
	kag_dev_put(kdev);
	return ret;
}

int kag_ioctl_multi(struct kag_file *kf, void __user *arg)
{
	struct kag_transfer *cmds;
	struct kag_multi m;
	struct kag_dev *kdev;
	u32 i;
	int ret;

	ret = kag_copy_args(&m, sizeof(m), arg);
	if (ret)
		return ret;
	if (!m.count || m.count > KAG_MULTI_MAX_CMDS)
		return kag_reject(NULL, KAG_TRACE_S_MEM, "MULTI", -EINVAL,
				  "count %u is not 1..%u", m.count,
				  KAG_MULTI_MAX_CMDS);
	kdev = kag_dev_get(kf, m.handle);
	if (!kdev)
		return kag_reject_handle(KAG_TRACE_S_MEM, "MULTI", m.handle);
	cmds = vmemdup_user(u64_to_user_ptr(m.cmds),
			    array_size(m.count, sizeof(*cmds)));
	if (IS_ERR(cmds)) {
		ret = kag_reject(kdev->pdev, KAG_TRACE_S_MEM, "MULTI",
				 PTR_ERR(cmds), "cannot copy the %u commands",
				 m.count);
		goto out_put;
	}
	for (i = 0; i < m.count; i++) {
		struct kag_transfer *t = &cmds[i];
		const char *why = NULL;

		if (t->cmd != KAG_TRANS_READ && t->cmd != KAG_TRANS_WRITE)
			why = "not a read or write command";
		else if (t->flags)
			why = "non-zero flags";
		else
			why = kag_access_problem(kdev, t->bar, t->width,
						 t->offset, t->width);
		if (why) {
			ret = kag_reject(kdev->pdev,
					 kag_bar_section(kdev, t->bar), "MULTI",
					 -EINVAL,
					 "command %u (cmd %u, BAR %u, width %u, offset %#llx): %s",
					 i, t->cmd, t->bar, t->width, t->offset,
					 why);
			break;
		}
	}
	if (ret) {
		m.failed_index = i;
		if (put_user(i, (u32 __user *)(arg +
				offsetof(struct kag_multi, failed_index))))
			ret = kag_reject(kdev->pdev, KAG_TRACE_S_MEM, "MULTI",
					 -EFAULT,
					 "cannot write the failed index back");
		goto out_free;
	}

	ret = kag_io_begin(kdev, cmds[0].bar, "MULTI", "BAR multi-transfer");
	if (ret)
		goto out_free;
	for (i = 0; i < m.count; i++) {
		struct kag_transfer *t = &cmds[i];
		const struct kag_bar *b = &kdev->bar[t->bar];

		if (t->cmd == KAG_TRANS_WRITE)
			kag_write(b, t->width, t->offset, t->value);
		else
			t->value = kag_read(b, t->width, t->offset);
	}
	up_read(&kdev->io_lock);
	kag_trace(KAG_TRACE_LEVEL_TRACE, kag_bar_section(kdev, cmds[0].bar),
		  kdev->pdev, "multi-transfer of %u commands", m.count);
	if (copy_to_user(u64_to_user_ptr(m.cmds), cmds,
			 array_size(m.count, sizeof(*cmds))))
		ret = kag_reject(kdev->pdev, KAG_TRACE_S_MEM, "MULTI", -EFAULT,
				 "cannot write the values read back");
out_free:
	kvfree(cmds);
out_put:
	kag_dev_put(kdev);
	return ret;
}
