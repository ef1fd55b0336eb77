// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * wdc_addr.c - BAR access: single reads and writes (through the user
 * mapping or the agent), block transfers and multi-transfer lists.
 */
#include "wdc_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

/* Commands of a multi-transfer that fit on the stack (no malloc). */
#define WDC_MULTI_STACK_CMDS 16

/* PCI is little-endian; the agent's accessors convert, so must we. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define wdc_le16(v) __builtin_bswap16(v)
#define wdc_le32(v) __builtin_bswap32(v)
#define wdc_le64(v) __builtin_bswap64(v)
#else
#define wdc_le16(v) (v)
#define wdc_le32(v) (v)
#define wdc_le64(v) (v)
#endif

/*
 * Why an access of @width bytes at @offset of BAR @bar, covering @span
 * bytes, is invalid for a device with BARs @bar_desc[WDC_PCI_NUM_BARS].
 * Return: NULL if it is valid, else a constant text.
 */
const char *wdc_access_problem(const WDC_ADDR_DESC *bar_desc, uint32_t bar,
			       uint32_t width, uint64_t offset, uint64_t span)
{
	const WDC_ADDR_DESC *d;

	if (bar >= WDC_PCI_NUM_BARS)
		return "no such BAR (the index is 0..5)";
	d = &bar_desc[bar];
	if (!d->qwBytes)
		return "the device does not implement this BAR";
	switch (width) {
	case 1:
	case 2:
	case 4:
		break;
	case 8:
		if (!d->fIsMemory)
			return "I/O-port BARs take no 64-bit accesses";
		break;
	default:
		return "the access width must be 1, 2, 4 or 8 bytes";
	}
	if (offset & (width - 1))
		return "the offset is not aligned to the access width";
	if (span > d->qwBytes || offset > d->qwBytes - span)
		return "the access is outside the BAR";
	return NULL;
}

static WDC_STATUS wdc_check_access(struct wdc_device *dev, const char *fn,
				   uint32_t bar, uint32_t width,
				   uint64_t offset, uint64_t span)
{
	const char *why = wdc_access_problem(dev->info.addrDesc, bar, width,
					     offset, span);

	if (!why)
		return WD_STATUS_SUCCESS;
	if (bar >= WDC_PCI_NUM_BARS)
		return wdc_dev_err(dev, fn, WD_INVALID_PARAMETER, "BAR%u: %s",
				   (unsigned int)bar, why);
	return wdc_dev_err(dev, fn, WD_INVALID_PARAMETER,
			   "BAR%u (0x%llx bytes) offset 0x%llx, %llu bytes in %u-byte accesses: %s",
			   (unsigned int)bar,
			   (unsigned long long)dev->info.addrDesc[bar].qwBytes,
			   (unsigned long long)offset, (unsigned long long)span,
			   (unsigned int)width, why);
}

/*
 * The mapped address for a checked access, or NULL when it must go through
 * the agent: no mapping, direct access off, or a 64-bit access that a
 * 32-bit process would split in two.
 */
static volatile void *wdc_direct_ptr(struct wdc_device *dev, uint32_t bar,
				     uint32_t width, uint64_t offset)
{
	uint8_t *base = dev->info.addrDesc[bar].pUserDirectMemAddr;

	if (!base || !atomic_load_explicit(&dev->direct, memory_order_relaxed))
		return NULL;
	if (width == 8 && UINTPTR_MAX < UINT64_MAX)
		return NULL;
	if (offset + width > dev->map_len[bar])
		return NULL;
	return base + offset;
}

static uint64_t wdc_mmio_read(const volatile void *p, uint32_t width)
{
	switch (width) {
	case 1:
		return *(const volatile uint8_t *)p;
	case 2:
		return wdc_le16(*(const volatile uint16_t *)p);
	case 4:
		return wdc_le32(*(const volatile uint32_t *)p);
	default:
		return wdc_le64(*(const volatile uint64_t *)p);
	}
}

static void wdc_mmio_write(volatile void *p, uint32_t width, uint64_t val)
{
	switch (width) {
	case 1:
		*(volatile uint8_t *)p = (uint8_t)val;
		break;
	case 2:
		*(volatile uint16_t *)p = wdc_le16((uint16_t)val);
		break;
	case 4:
		*(volatile uint32_t *)p = wdc_le32((uint32_t)val);
		break;
	default:
		*(volatile uint64_t *)p = wdc_le64(val);
		break;
	}
}

static WDC_STATUS wdc_read(struct wdc_device *dev, const char *fn,
			   uint32_t bar, uint64_t offset, uint32_t width,
			   uint64_t *val)
{
	volatile void *p;
	struct kag_rw rw;
	WDC_STATUS status;

	status = wdc_check_access(dev, fn, bar, width, offset, width);
	if (status)
		return status;
	p = wdc_direct_ptr(dev, bar, width, offset);
	if (p) {
		*val = wdc_mmio_read(p, width);
		return WD_STATUS_SUCCESS;
	}
	memset(&rw, 0, sizeof(rw));
	rw.argsz = sizeof(rw);
	rw.handle = dev->handle;
	rw.bar = bar;
	rw.width = width;
	rw.offset = offset;
	if (ioctl(dev->drv->fd, KAG_IOC_RW, &rw) < 0)
		return wdc_dev_ioctl_err(dev, fn, "KAG_IOC_RW (read)", errno);
	*val = rw.value;
	return WD_STATUS_SUCCESS;
}

static WDC_STATUS wdc_write(struct wdc_device *dev, const char *fn,
			    uint32_t bar, uint64_t offset, uint32_t width,
			    uint64_t val)
{
	volatile void *p;
	struct kag_rw rw;
	WDC_STATUS status;

	status = wdc_check_access(dev, fn, bar, width, offset, width);
	if (status)
		return status;
	p = wdc_direct_ptr(dev, bar, width, offset);
	if (p) {
		wdc_mmio_write(p, width, val);
		return WD_STATUS_SUCCESS;
	}
	memset(&rw, 0, sizeof(rw));
	rw.argsz = sizeof(rw);
	rw.handle = dev->handle;
	rw.bar = bar;
	rw.width = width;
	rw.offset = offset;
	rw.value = val;
	rw.flags = KAG_RW_WRITE;
	if (ioctl(dev->drv->fd, KAG_IOC_RW, &rw) < 0)
		return wdc_dev_ioctl_err(dev, fn, "KAG_IOC_RW (write)", errno);
	return WD_STATUS_SUCCESS;
}

#define WDC_DEFINE_READ_ADDR(bits)                                            \
	WDC_STATUS WDC_ReadAddr##bits(WDC_DEVICE_HANDLE hDev,                 \
				      uint32_t dwAddrSpace,                   \
				      uint64_t dwOffset, uint##bits##_t *val) \
	{                                                                     \
		uint64_t v;                                                   \
		WDC_STATUS status;                                            \
                                                                              \
		if (!wdc_dev_valid(hDev))                                     \
			return WD_INVALID_HANDLE;                             \
		if (!val)                                                     \
			return wdc_dev_err(hDev, __func__,                    \
					   WD_INVALID_PARAMETER,              \
					   "the value pointer is NULL");      \
		status = wdc_read(hDev, __func__, dwAddrSpace, dwOffset,      \
				  (bits) / 8, &v);                            \
		if (!status)                                                  \
			*val = (uint##bits##_t)v;                             \
		return status;                                                \
	}

#define WDC_DEFINE_WRITE_ADDR(bits)                                           \
	WDC_STATUS WDC_WriteAddr##bits(WDC_DEVICE_HANDLE hDev,                \
				       uint32_t dwAddrSpace,                  \
				       uint64_t dwOffset, uint##bits##_t val) \
	{                                                                     \
		if (!wdc_dev_valid(hDev))                                     \
			return WD_INVALID_HANDLE;                             \
		return wdc_write(hDev, __func__, dwAddrSpace, dwOffset,       \
				 (bits) / 8, val);                            \
	}

WDC_DEFINE_READ_ADDR(8)
WDC_DEFINE_READ_ADDR(16)
WDC_DEFINE_READ_ADDR(32)
WDC_DEFINE_READ_ADDR(64)
WDC_DEFINE_WRITE_ADDR(8)
WDC_DEFINE_WRITE_ADDR(16)
WDC_DEFINE_WRITE_ADDR(32)
WDC_DEFINE_WRITE_ADDR(64)

/* ------------------------------------------------------------------------
 * Block transfers
 * ------------------------------------------------------------------------ */

static WDC_STATUS wdc_block(struct wdc_device *dev, const char *fn,
			    uint32_t bar, uint64_t offset, uint32_t bytes,
			    void *data, WDC_ADDR_MODE mode,
			    WDC_ADDR_RW_OPTIONS options, bool write)
{
	/* The agent's limit, rounded down to a multiple of every width. */
	const uint64_t max_chunk = KAG_BLOCK_MAX_BYTES & ~(uint64_t)7;
	struct kag_block blk;
	uint32_t width;
	uint64_t done;
	WDC_STATUS status;
	bool fifo;

	switch (mode) {
	case WDC_MODE_8:
	case WDC_MODE_16:
	case WDC_MODE_32:
	case WDC_MODE_64:
		width = (uint32_t)mode;
		break;
	default:
		return wdc_dev_err(dev, fn, WD_INVALID_PARAMETER,
				   "invalid mode %d (WDC_MODE_8/16/32/64)",
				   (int)mode);
	}
	if ((uint32_t)options & ~(uint32_t)WDC_ADDR_RW_NO_AUTOINC)
		return wdc_dev_err(dev, fn, WD_INVALID_PARAMETER,
				   "unknown options 0x%x",
				   (unsigned int)options);
	if (!data)
		return wdc_dev_err(dev, fn, WD_INVALID_PARAMETER,
				   "the data pointer is NULL");
	if (!bytes || bytes % width)
		return wdc_dev_err(dev, fn, WD_INVALID_PARAMETER,
				   "the length (%u bytes) must be a non-zero multiple of the access width (%u bytes)",
				   (unsigned int)bytes, (unsigned int)width);
	fifo = options & WDC_ADDR_RW_NO_AUTOINC;
	status = wdc_check_access(dev, fn, bar, width, offset,
				  fifo ? width : bytes);
	if (status)
		return status;

	for (done = 0; done < bytes;) {
		uint64_t n = bytes - done < max_chunk ? bytes - done : max_chunk;

		memset(&blk, 0, sizeof(blk));
		blk.argsz = sizeof(blk);
		blk.handle = dev->handle;
		blk.bar = bar;
		blk.width = width;
		blk.offset = fifo ? offset : offset + done;
		blk.length = n;
		blk.buf = (uint64_t)(uintptr_t)((uint8_t *)data + done);
		blk.flags = (write ? KAG_RW_WRITE : 0) |
			    (fifo ? KAG_BLOCK_NO_AUTOINC : 0);
		if (ioctl(dev->drv->fd, KAG_IOC_BLOCK, &blk) < 0)
			return wdc_dev_ioctl_err(dev, fn,
						 write ? "KAG_IOC_BLOCK (write)"
						       : "KAG_IOC_BLOCK (read)",
						 errno);
		done += n;
	}
	return WD_STATUS_SUCCESS;
}

WDC_STATUS WDC_ReadAddrBlock(WDC_DEVICE_HANDLE hDev, uint32_t dwAddrSpace,
			     uint64_t dwOffset, uint32_t dwBytes, void *pData,
			     WDC_ADDR_MODE mode, WDC_ADDR_RW_OPTIONS options)
{
	if (!wdc_dev_valid(hDev))
		return WD_INVALID_HANDLE;
	return wdc_block(hDev, __func__, dwAddrSpace, dwOffset, dwBytes, pData,
			 mode, options, false);
}

WDC_STATUS WDC_WriteAddrBlock(WDC_DEVICE_HANDLE hDev, uint32_t dwAddrSpace,
			      uint64_t dwOffset, uint32_t dwBytes,
			      const void *pData, WDC_ADDR_MODE mode,
			      WDC_ADDR_RW_OPTIONS options)
{
	if (!wdc_dev_valid(hDev))
		return WD_INVALID_HANDLE;
	/* The agent only reads the buffer of a write. */
	return wdc_block(hDev, __func__, dwAddrSpace, dwOffset, dwBytes,
			 (void *)(uintptr_t)pData, mode, options, true);
}

/* ------------------------------------------------------------------------
 * Multi-transfer
 * ------------------------------------------------------------------------ */

/* Direction, BAR kind and width of a transfer command; false if unknown. */
static bool wdc_cmd_parse(uint32_t cmd, bool *read, bool *mem,
			  uint32_t *width)
{
	switch (cmd) {
	case RP_BYTE:
	case RP_WORD:
	case RP_DWORD:
	case RP_QWORD:
		*read = true;
		*mem = false;
		break;
	case WP_BYTE:
	case WP_WORD:
	case WP_DWORD:
	case WP_QWORD:
		*read = false;
		*mem = false;
		break;
	case RM_BYTE:
	case RM_WORD:
	case RM_DWORD:
	case RM_QWORD:
		*read = true;
		*mem = true;
		break;
	case WM_BYTE:
	case WM_WORD:
	case WM_DWORD:
	case WM_QWORD:
		*read = false;
		*mem = true;
		break;
	default:
		return false;
	}
	switch (cmd) {
	case RP_BYTE:
	case WP_BYTE:
	case RM_BYTE:
	case WM_BYTE:
		*width = 1;
		break;
	case RP_WORD:
	case WP_WORD:
	case RM_WORD:
	case WM_WORD:
		*width = 2;
		break;
	case RP_DWORD:
	case WP_DWORD:
	case RM_DWORD:
	case WM_DWORD:
		*width = 4;
		break;
	default:
		*width = 8;
		break;
	}
	return true;
}

const char *wdc_trans_cmd_name(uint32_t cmd)
{
	switch (cmd) {
	case RP_BYTE:
		return "RP_BYTE";
	case RP_WORD:
		return "RP_WORD";
	case RP_DWORD:
		return "RP_DWORD";
	case RP_QWORD:
		return "RP_QWORD";
	case WP_BYTE:
		return "WP_BYTE";
	case WP_WORD:
		return "WP_WORD";
	case WP_DWORD:
		return "WP_DWORD";
	case WP_QWORD:
		return "WP_QWORD";
	case RM_BYTE:
		return "RM_BYTE";
	case RM_WORD:
		return "RM_WORD";
	case RM_DWORD:
		return "RM_DWORD";
	case RM_QWORD:
		return "RM_QWORD";
	case WM_BYTE:
		return "WM_BYTE";
	case WM_WORD:
		return "WM_WORD";
	case WM_DWORD:
		return "WM_DWORD";
	case WM_QWORD:
		return "WM_QWORD";
	default:
		return "unknown command";
	}
}

/*
 * Translate one command for KAG_IOC_MULTI, checking it against the BARs
 * @bars[WDC_PCI_NUM_BARS] of the device.
 * Return: NULL on success (*@k filled), else why the command is invalid.
 */
const char *wdc_trans_encode(const WDC_TRANSFER *t,
			     const WDC_ADDR_DESC bars[WDC_PCI_NUM_BARS],
			     struct kag_transfer *k)
{
	uint32_t width;
	const char *why;
	bool read, mem;

	if (!wdc_cmd_parse(t->cmdTrans, &read, &mem, &width))
		return "unknown transfer command";
	if (t->dwAddrSpace < WDC_PCI_NUM_BARS &&
	    bars[t->dwAddrSpace].qwBytes &&
	    mem != bars[t->dwAddrSpace].fIsMemory)
		return mem ? "a memory command (xM_*) on an I/O-port BAR"
			   : "a port command (xP_*) on a memory BAR";
	why = wdc_access_problem(bars, t->dwAddrSpace, width, t->dwOffset,
				 width);
	if (why)
		return why;

	memset(k, 0, sizeof(*k));
	k->cmd = read ? KAG_TRANS_READ : KAG_TRANS_WRITE;
	k->bar = t->dwAddrSpace;
	k->width = width;
	k->offset = t->dwOffset;
	if (!read) {
		switch (width) {
		case 1:
			k->value = t->Data.Byte;
			break;
		case 2:
			k->value = t->Data.Word;
			break;
		case 4:
			k->value = t->Data.Dword;
			break;
		default:
			k->value = t->Data.Qword;
			break;
		}
	}
	return NULL;
}

/* Store the value a read command @k returned into its command @t. */
void wdc_trans_decode(const struct kag_transfer *k, WDC_TRANSFER *t)
{
	if (k->cmd != KAG_TRANS_READ)
		return;
	memset(&t->Data, 0, sizeof(t->Data));
	switch (k->width) {
	case 1:
		t->Data.Byte = (uint8_t)k->value;
		break;
	case 2:
		t->Data.Word = (uint16_t)k->value;
		break;
	case 4:
		t->Data.Dword = (uint32_t)k->value;
		break;
	default:
		t->Data.Qword = k->value;
		break;
	}
}

WDC_STATUS WDC_MultiTransfer(WDC_DEVICE_HANDLE hDev, WDC_TRANSFER *pTrans,
			     uint32_t dwNumTrans)
{
	static const char fn[] = "WDC_MultiTransfer";
	struct kag_transfer stack_cmds[WDC_MULTI_STACK_CMDS];
	struct kag_transfer *cmds = stack_cmds;
	struct kag_multi m;
	WDC_STATUS status = WD_STATUS_SUCCESS;
	const WDC_TRANSFER *bad;
	const char *why;
	uint32_t i;
	int err;

	if (!wdc_dev_valid(hDev))
		return WD_INVALID_HANDLE;
	if (!pTrans)
		return wdc_dev_err(hDev, fn, WD_INVALID_PARAMETER,
				   "the transfer array is NULL");
	if (!dwNumTrans || dwNumTrans > WDC_MULTI_TRANSFER_MAX)
		return wdc_dev_err(hDev, fn, WD_INVALID_PARAMETER,
				   "%u commands: the count must be 1..%u",
				   (unsigned int)dwNumTrans,
				   WDC_MULTI_TRANSFER_MAX);
	if (dwNumTrans > WDC_MULTI_STACK_CMDS) {
		cmds = calloc(dwNumTrans, sizeof(*cmds));
		if (!cmds)
			return wdc_dev_err(hDev, fn, WD_INSUFFICIENT_RESOURCES,
					   "out of memory for %u commands",
					   (unsigned int)dwNumTrans);
	}

	for (i = 0; i < dwNumTrans; i++) {
		why = wdc_trans_encode(&pTrans[i], hDev->info.addrDesc,
				       &cmds[i]);
		if (why) {
			bad = &pTrans[i];
			status = wdc_dev_err(hDev, fn, WD_INVALID_PARAMETER,
					     "command %u of %u (%s, BAR%u offset 0x%llx): %s; nothing was run",
					     (unsigned int)i,
					     (unsigned int)dwNumTrans,
					     wdc_trans_cmd_name(bad->cmdTrans),
					     (unsigned int)bad->dwAddrSpace,
					     (unsigned long long)bad->dwOffset,
					     why);
			goto out;
		}
	}

	memset(&m, 0, sizeof(m));
	m.argsz = sizeof(m);
	m.handle = hDev->handle;
	m.count = dwNumTrans;
	m.cmds = (uint64_t)(uintptr_t)cmds;
	/* Set by the agent only when it refuses a command. */
	m.failed_index = UINT32_MAX;
	if (ioctl(hDev->drv->fd, KAG_IOC_MULTI, &m) < 0) {
		err = errno;
		if (err == EINVAL && m.failed_index < dwNumTrans) {
			bad = &pTrans[m.failed_index];
			status = wdc_dev_err(hDev, fn, WD_INVALID_PARAMETER,
					     "the agent refused command %u of %u (%s, BAR%u offset 0x%llx): invalid argument; nothing was run",
					     (unsigned int)m.failed_index,
					     (unsigned int)dwNumTrans,
					     wdc_trans_cmd_name(bad->cmdTrans),
					     (unsigned int)bad->dwAddrSpace,
					     (unsigned long long)bad->dwOffset);
		} else {
			status = wdc_dev_ioctl_err(hDev, fn, "KAG_IOC_MULTI",
						   err);
		}
		goto out;
	}
	for (i = 0; i < dwNumTrans; i++)
		wdc_trans_decode(&cmds[i], &pTrans[i]);
out:
	if (cmds != stack_cmds)
		free(cmds);
	return status;
}
