// SPDX-License-Identifier: GPL-2.0
/*
 * kag_wdc.c - the WDC_* register-access API of <wdc/wdc_regs.h> for Kernel
 * PlugIns: the same names and semantics as libwdc, on kagent's kernel
 * mapping, callable from any context (the configuration space calls use
 * the PCI core's spinlocked accessors, so they work in IRQ context too).
 *
 * Accesses run under rcu_read_lock(); remove sets ->removed and waits for
 * an RCU grace period before unmapping, so an access never hits a BAR that
 * is gone: it gets WD_DEVICE_NOT_FOUND instead.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/rcupdate.h>

#include "kag_priv.h"

static WDC_STATUS kag_wdc_rw(WDC_DEVICE_HANDLE hDev, u32 bar, u64 off,
			     u32 width, u64 *val, bool write)
{
	struct kag_dev *kdev;
	WDC_STATUS st = WD_STATUS_SUCCESS;

	if (!hDev)
		return WD_INVALID_HANDLE;
	if (!write && !val)
		return WD_INVALID_PARAMETER;
	kdev = hDev->kdev;
	if (kag_check_access(kdev, bar, width, off, width))
		return WD_INVALID_PARAMETER;
	rcu_read_lock();
	if (READ_ONCE(kdev->removed))
		st = WD_DEVICE_NOT_FOUND;
	else if (write)
		kag_write(&kdev->bar[bar], width, off, *val);
	else
		*val = kag_read(&kdev->bar[bar], width, off);
	rcu_read_unlock();
	return st;
}

#define KAG_WDC_RW(bits)						\
WDC_STATUS WDC_ReadAddr##bits(WDC_DEVICE_HANDLE hDev, uint32_t dwAddrSpace, \
			      uint64_t dwOffset, uint##bits##_t *val)	\
{									\
	u64 v;								\
	WDC_STATUS st;							\
									\
	if (!val)							\
		return hDev ? WD_INVALID_PARAMETER : WD_INVALID_HANDLE;	\
	st = kag_wdc_rw(hDev, dwAddrSpace, dwOffset, bits / 8, &v, false); \
	if (st == WD_STATUS_SUCCESS)					\
		*val = v;						\
	return st;							\
}									\
EXPORT_SYMBOL_GPL(WDC_ReadAddr##bits);					\
WDC_STATUS WDC_WriteAddr##bits(WDC_DEVICE_HANDLE hDev, uint32_t dwAddrSpace, \
			       uint64_t dwOffset, uint##bits##_t val)	\
{									\
	u64 v = val;							\
									\
	return kag_wdc_rw(hDev, dwAddrSpace, dwOffset, bits / 8, &v, true); \
}									\
EXPORT_SYMBOL_GPL(WDC_WriteAddr##bits)

KAG_WDC_RW(8);
KAG_WDC_RW(16);
KAG_WDC_RW(32);
KAG_WDC_RW(64);

static WDC_STATUS kag_wdc_block(WDC_DEVICE_HANDLE hDev, u32 bar, u64 off,
				u32 bytes, u8 *buf, WDC_ADDR_MODE mode,
				WDC_ADDR_RW_OPTIONS options, bool write)
{
	bool fifo = options & WDC_ADDR_RW_NO_AUTOINC;
	struct kag_dev *kdev;
	u32 width = mode, i;
	WDC_STATUS st = WD_STATUS_SUCCESS;

	if (!hDev)
		return WD_INVALID_HANDLE;
	kdev = hDev->kdev;
	if (!buf || !bytes || options & ~WDC_ADDR_RW_NO_AUTOINC ||
	    kag_check_access(kdev, bar, width, off, fifo ? width : bytes) ||
	    bytes % width)
		return WD_INVALID_PARAMETER;
	rcu_read_lock();
	if (READ_ONCE(kdev->removed)) {
		st = WD_DEVICE_NOT_FOUND;
		goto out;
	}
	for (i = 0; i < bytes; i += width) {
		u64 at = fifo ? off : off + i, v = 0;

		if (write) {
			memcpy(&v, buf + i, width);
			kag_write(&kdev->bar[bar], width, at, v);
		} else {
			v = kag_read(&kdev->bar[bar], width, at);
			memcpy(buf + i, &v, width);
		}
	}
out:
	rcu_read_unlock();
	return st;
}

WDC_STATUS WDC_ReadAddrBlock(WDC_DEVICE_HANDLE hDev, uint32_t dwAddrSpace,
			     uint64_t dwOffset, uint32_t dwBytes, void *pData,
			     WDC_ADDR_MODE mode, WDC_ADDR_RW_OPTIONS options)
{
	return kag_wdc_block(hDev, dwAddrSpace, dwOffset, dwBytes, pData,
			     mode, options, false);
}
EXPORT_SYMBOL_GPL(WDC_ReadAddrBlock);

WDC_STATUS WDC_WriteAddrBlock(WDC_DEVICE_HANDLE hDev, uint32_t dwAddrSpace,
			      uint64_t dwOffset, uint32_t dwBytes,
			      const void *pData, WDC_ADDR_MODE mode,
			      WDC_ADDR_RW_OPTIONS options)
{
	return kag_wdc_block(hDev, dwAddrSpace, dwOffset, dwBytes,
			     (u8 *)pData, mode, options, true);
}
EXPORT_SYMBOL_GPL(WDC_WriteAddrBlock);

/* Width and direction of a WinDriver transfer command; false if unknown. */
static bool kag_wdc_cmd(u32 cmd, u32 *width, bool *write, bool *port)
{
	static const u8 widths[] = { 1, 2, 4 };

	if (cmd >= RP_BYTE && cmd <= WP_DWORD) {
		*port = true;
		*write = cmd >= WP_BYTE;
		*width = widths[(cmd - RP_BYTE) % 3];
		return true;
	}
	if (cmd >= RM_BYTE && cmd <= WM_DWORD) {
		*port = false;
		*write = cmd >= WM_BYTE;
		*width = widths[(cmd - RM_BYTE) % 3];
		return true;
	}
	if (cmd == RM_QWORD || cmd == WM_QWORD) {
		*port = false;
		*write = cmd == WM_QWORD;
		*width = 8;
		return true;
	}
	return false;	/* including RP_QWORD/WP_QWORD: no 64-bit port I/O */
}

WDC_STATUS WDC_MultiTransfer(WDC_DEVICE_HANDLE hDev, WDC_TRANSFER *pTrans,
			     uint32_t dwNumTrans)
{
	struct kag_dev *kdev;
	WDC_STATUS st = WD_STATUS_SUCCESS;
	bool write, port;
	u32 i, width;

	if (!hDev)
		return WD_INVALID_HANDLE;
	if (!pTrans || !dwNumTrans || dwNumTrans > WDC_MULTI_TRANSFER_MAX)
		return WD_INVALID_PARAMETER;
	kdev = hDev->kdev;
	for (i = 0; i < dwNumTrans; i++) {
		const WDC_TRANSFER *t = &pTrans[i];

		if (!kag_wdc_cmd(t->cmdTrans, &width, &write, &port) ||
		    t->dwAddrSpace >= KAG_NUM_BARS ||
		    port != !!(kdev->bar[t->dwAddrSpace].flags & IORESOURCE_IO) ||
		    kag_check_access(kdev, t->dwAddrSpace, width, t->dwOffset,
				     width))
			return WD_INVALID_PARAMETER;
	}
	rcu_read_lock();
	if (READ_ONCE(kdev->removed)) {
		st = WD_DEVICE_NOT_FOUND;
		goto out;
	}
	for (i = 0; i < dwNumTrans; i++) {
		WDC_TRANSFER *t = &pTrans[i];
		const struct kag_bar *b = &kdev->bar[t->dwAddrSpace];
		u64 v;

		kag_wdc_cmd(t->cmdTrans, &width, &write, &port);
		if (write) {
			switch (width) {
			case 1: v = t->Data.Byte; break;
			case 2: v = t->Data.Word; break;
			case 4: v = t->Data.Dword; break;
			default: v = t->Data.Qword; break;
			}
			kag_write(b, width, t->dwOffset, v);
			continue;
		}
		v = kag_read(b, width, t->dwOffset);
		t->Data.Qword = 0;
		switch (width) {
		case 1: t->Data.Byte = v; break;
		case 2: t->Data.Word = v; break;
		case 4: t->Data.Dword = v; break;
		default: t->Data.Qword = v; break;
		}
	}
out:
	rcu_read_unlock();
	return st;
}
EXPORT_SYMBOL_GPL(WDC_MultiTransfer);

static WDC_STATUS kag_wdc_cfg(WDC_DEVICE_HANDLE hDev, u32 off, u32 width,
			      u32 *val, bool write)
{
	struct pci_dev *pdev;
	int ret;

	if (!hDev)
		return WD_INVALID_HANDLE;
	pdev = hDev->kdev->pdev;
	if (!val || off & (width - 1) || off >= pdev->cfg_size ||
	    width > pdev->cfg_size - off)
		return WD_INVALID_PARAMETER;
	if (READ_ONCE(hDev->kdev->removed))
		return WD_DEVICE_NOT_FOUND;
	switch (width | (write ? 0x80 : 0)) {
	case 1: {
		u8 b;

		ret = pci_read_config_byte(pdev, off, &b);
		*val = b;
		break;
	}
	case 2: {
		u16 w;

		ret = pci_read_config_word(pdev, off, &w);
		*val = w;
		break;
	}
	case 4:
		ret = pci_read_config_dword(pdev, off, val);
		break;
	case 0x81:
		ret = pci_write_config_byte(pdev, off, *val);
		break;
	case 0x82:
		ret = pci_write_config_word(pdev, off, *val);
		break;
	default:
		ret = pci_write_config_dword(pdev, off, *val);
		break;
	}
	return ret ? WD_OPERATION_FAILED : WD_STATUS_SUCCESS;
}

#define KAG_WDC_CFG(bits)						\
WDC_STATUS WDC_PciReadCfg##bits(WDC_DEVICE_HANDLE hDev, uint32_t dwOffset, \
				uint##bits##_t *val)			\
{									\
	u32 v;								\
	WDC_STATUS st;							\
									\
	if (!val)							\
		return hDev ? WD_INVALID_PARAMETER : WD_INVALID_HANDLE;	\
	st = kag_wdc_cfg(hDev, dwOffset, bits / 8, &v, false);		\
	if (st == WD_STATUS_SUCCESS)					\
		*val = v;						\
	return st;							\
}									\
EXPORT_SYMBOL_GPL(WDC_PciReadCfg##bits);				\
WDC_STATUS WDC_PciWriteCfg##bits(WDC_DEVICE_HANDLE hDev, uint32_t dwOffset, \
				 uint##bits##_t val)			\
{									\
	u32 v = val;							\
									\
	return kag_wdc_cfg(hDev, dwOffset, bits / 8, &v, true);	\
}									\
EXPORT_SYMBOL_GPL(WDC_PciWriteCfg##bits)

KAG_WDC_CFG(8);
KAG_WDC_CFG(16);
KAG_WDC_CFG(32);

WDC_STATUS WDC_PciReadCfg64(WDC_DEVICE_HANDLE hDev, uint32_t dwOffset,
			    uint64_t *val)
{
	u32 lo, hi;
	WDC_STATUS st;

	if (!val)
		return hDev ? WD_INVALID_PARAMETER : WD_INVALID_HANDLE;
	if (dwOffset & 7)
		return WD_INVALID_PARAMETER;
	st = WDC_PciReadCfg32(hDev, dwOffset, &lo);
	if (st == WD_STATUS_SUCCESS)
		st = WDC_PciReadCfg32(hDev, dwOffset + 4, &hi);
	if (st == WD_STATUS_SUCCESS)
		*val = (u64)hi << 32 | lo;
	return st;
}
EXPORT_SYMBOL_GPL(WDC_PciReadCfg64);

WDC_STATUS WDC_PciWriteCfg64(WDC_DEVICE_HANDLE hDev, uint32_t dwOffset,
			     uint64_t val)
{
	WDC_STATUS st;

	if (dwOffset & 7)
		return hDev ? WD_INVALID_PARAMETER : WD_INVALID_HANDLE;
	st = WDC_PciWriteCfg32(hDev, dwOffset, lower_32_bits(val));
	if (st == WD_STATUS_SUCCESS)
		st = WDC_PciWriteCfg32(hDev, dwOffset + 4, upper_32_bits(val));
	return st;
}
EXPORT_SYMBOL_GPL(WDC_PciWriteCfg64);

/* Byte ranges, in the widest aligned accesses that fit. */
static WDC_STATUS kag_wdc_cfg_range(WDC_DEVICE_HANDLE hDev, u32 off, u8 *buf,
				    u32 bytes, bool write)
{
	WDC_STATUS st = WD_STATUS_SUCCESS;

	if (!hDev)
		return WD_INVALID_HANDLE;
	if (!buf || !bytes || off >= hDev->kdev->pdev->cfg_size ||
	    bytes > hDev->kdev->pdev->cfg_size - off)
		return WD_INVALID_PARAMETER;
	while (bytes && st == WD_STATUS_SUCCESS) {
		u32 width = !(off & 3) && bytes >= 4 ? 4 :
			    !(off & 1) && bytes >= 2 ? 2 : 1;
		u32 v = 0;

		if (write)
			memcpy(&v, buf, width);
		st = kag_wdc_cfg(hDev, off, width, &v, write);
		if (!write)
			memcpy(buf, &v, width);
		off += width;
		buf += width;
		bytes -= width;
	}
	return st;
}

WDC_STATUS WDC_PciReadCfg(WDC_DEVICE_HANDLE hDev, uint32_t dwOffset,
			  void *pData, uint32_t dwBytes)
{
	return kag_wdc_cfg_range(hDev, dwOffset, pData, dwBytes, false);
}
EXPORT_SYMBOL_GPL(WDC_PciReadCfg);

WDC_STATUS WDC_PciWriteCfg(WDC_DEVICE_HANDLE hDev, uint32_t dwOffset,
			   const void *pData, uint32_t dwBytes)
{
	return kag_wdc_cfg_range(hDev, dwOffset, (u8 *)pData, dwBytes, true);
}
EXPORT_SYMBOL_GPL(WDC_PciWriteCfg);

/* The PCI device behind a plugin's handle (for KP_TraceDev()). */
struct pci_dev *kag_wdc_pci_dev(WDC_DEVICE_HANDLE hDev)
{
	return hDev ? hDev->kdev->pdev : NULL;
}
EXPORT_SYMBOL_GPL(kag_wdc_pci_dev);
