// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * wdc_cfg.c - configuration space access of open devices: 8/16/32/64-bit
 * reads and writes, and byte ranges built from aligned accesses.
 */
#include "wdc_internal.h"

#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>

/* The largest configuration space (PCI Express). */
#define WDC_CFG_MAX 4096u

static WDC_STATUS wdc_cfg_check(struct wdc_device *dev, const char *fn,
				uint32_t offset, uint32_t width, uint32_t align)
{
	uint32_t size = dev->info.dwCfgSize;

	if (offset & (align - 1))
		return wdc_dev_err(dev, fn, WD_INVALID_PARAMETER,
				   "configuration offset 0x%x is not aligned to %u bytes",
				   (unsigned int)offset, (unsigned int)align);
	if (width > size || offset > size - width)
		return wdc_dev_err(dev, fn, WD_INVALID_PARAMETER,
				   "configuration offset 0x%x, %u bytes: outside the configuration space (0x%x bytes)",
				   (unsigned int)offset, (unsigned int)width,
				   (unsigned int)size);
	return WD_STATUS_SUCCESS;
}

/* One access of 1, 2 or 4 bytes through the agent; checked by the caller. */
static WDC_STATUS wdc_cfg_rw(struct wdc_device *dev, const char *fn,
			     uint32_t offset, uint32_t width, uint32_t *val,
			     bool write)
{
	struct kag_cfg c;

	memset(&c, 0, sizeof(c));
	c.argsz = sizeof(c);
	c.handle = dev->handle;
	c.offset = offset;
	c.width = width;
	if (write) {
		c.value = *val;
		c.flags = KAG_RW_WRITE;
	}
	if (ioctl(dev->drv->fd, KAG_IOC_CFG, &c) < 0)
		return wdc_dev_ioctl_err(dev, fn,
					 write ? "KAG_IOC_CFG (write)"
					       : "KAG_IOC_CFG (read)",
					 errno);
	if (!write)
		*val = c.value;
	return WD_STATUS_SUCCESS;
}

static WDC_STATUS wdc_cfg_read(struct wdc_device *dev, const char *fn,
			       uint32_t offset, uint32_t width, uint64_t *val)
{
	uint32_t lo, hi;
	WDC_STATUS status;

	status = wdc_cfg_check(dev, fn, offset, width, width > 4 ? 4 : width);
	if (status)
		return status;
	if (width <= 4) {
		status = wdc_cfg_rw(dev, fn, offset, width, &lo, false);
		if (!status)
			*val = lo;
		return status;
	}
	status = wdc_cfg_rw(dev, fn, offset, 4, &lo, false);
	if (!status)
		status = wdc_cfg_rw(dev, fn, offset + 4, 4, &hi, false);
	if (!status)
		*val = (uint64_t)hi << 32 | lo;
	return status;
}

static WDC_STATUS wdc_cfg_write(struct wdc_device *dev, const char *fn,
				uint32_t offset, uint32_t width, uint64_t val)
{
	uint32_t lo = (uint32_t)val, hi = (uint32_t)(val >> 32);
	WDC_STATUS status;

	status = wdc_cfg_check(dev, fn, offset, width, width > 4 ? 4 : width);
	if (status)
		return status;
	status = wdc_cfg_rw(dev, fn, offset, width > 4 ? 4 : width, &lo, true);
	if (!status && width > 4)
		status = wdc_cfg_rw(dev, fn, offset + 4, 4, &hi, true);
	return status;
}

#define WDC_DEFINE_READ_CFG(bits)                                              \
	WDC_STATUS WDC_PciReadCfg##bits(WDC_DEVICE_HANDLE hDev,                \
					uint32_t dwOffset, uint##bits##_t *val) \
	{                                                                      \
		uint64_t v;                                                    \
		WDC_STATUS status;                                             \
                                                                               \
		if (!wdc_dev_valid(hDev))                                      \
			return WD_INVALID_HANDLE;                              \
		if (!val)                                                      \
			return wdc_dev_err(hDev, __func__,                     \
					   WD_INVALID_PARAMETER,               \
					   "the value pointer is NULL");       \
		status = wdc_cfg_read(hDev, __func__, dwOffset, (bits) / 8,    \
				      &v);                                     \
		if (!status)                                                   \
			*val = (uint##bits##_t)v;                              \
		return status;                                                 \
	}

#define WDC_DEFINE_WRITE_CFG(bits)                                             \
	WDC_STATUS WDC_PciWriteCfg##bits(WDC_DEVICE_HANDLE hDev,               \
					 uint32_t dwOffset, uint##bits##_t val) \
	{                                                                      \
		if (!wdc_dev_valid(hDev))                                      \
			return WD_INVALID_HANDLE;                              \
		return wdc_cfg_write(hDev, __func__, dwOffset, (bits) / 8,     \
				     val);                                     \
	}

WDC_DEFINE_READ_CFG(8)
WDC_DEFINE_READ_CFG(16)
WDC_DEFINE_READ_CFG(32)
WDC_DEFINE_READ_CFG(64)
WDC_DEFINE_WRITE_CFG(8)
WDC_DEFINE_WRITE_CFG(16)
WDC_DEFINE_WRITE_CFG(32)
WDC_DEFINE_WRITE_CFG(64)

/* The widest naturally aligned access at @offset with @left bytes to go. */
static uint32_t wdc_cfg_width(uint32_t offset, uint32_t left)
{
	if (!(offset & 3) && left >= 4)
		return 4;
	if (!(offset & 1) && left >= 2)
		return 2;
	return 1;
}

static WDC_STATUS wdc_cfg_range_check(struct wdc_device *dev, const char *fn,
				      uint32_t offset, const void *data,
				      uint32_t bytes)
{
	if (!data)
		return wdc_dev_err(dev, fn, WD_INVALID_PARAMETER,
				   "the data pointer is NULL");
	if (!bytes)
		return wdc_dev_err(dev, fn, WD_INVALID_PARAMETER,
				   "the length is 0");
	return wdc_cfg_check(dev, fn, offset, bytes, 1);
}

WDC_STATUS WDC_PciReadCfg(WDC_DEVICE_HANDLE hDev, uint32_t dwOffset,
			  void *pData, uint32_t dwBytes)
{
	uint8_t buf[WDC_CFG_MAX];
	uint32_t done, width, v, i;
	WDC_STATUS status;

	if (!wdc_dev_valid(hDev))
		return WD_INVALID_HANDLE;
	status = wdc_cfg_range_check(hDev, __func__, dwOffset, pData, dwBytes);
	if (status)
		return status;
	if (dwBytes > sizeof(buf))	/* only if the agent lied about the size */
		return wdc_dev_err(hDev, __func__, WD_SYSTEM_INTERNAL_ERROR,
				   "configuration space of 0x%x bytes is too large",
				   (unsigned int)hDev->info.dwCfgSize);
	for (done = 0; done < dwBytes; done += width) {
		width = wdc_cfg_width(dwOffset + done, dwBytes - done);
		status = wdc_cfg_rw(hDev, __func__, dwOffset + done, width, &v,
				    false);
		if (status)
			return status;
		/* Configuration space is little-endian. */
		for (i = 0; i < width; i++)
			buf[done + i] = (uint8_t)(v >> (8 * i));
	}
	memcpy(pData, buf, dwBytes);
	return WD_STATUS_SUCCESS;
}

WDC_STATUS WDC_PciWriteCfg(WDC_DEVICE_HANDLE hDev, uint32_t dwOffset,
			   const void *pData, uint32_t dwBytes)
{
	const uint8_t *src = pData;
	uint32_t done, width, v, i;
	WDC_STATUS status;

	if (!wdc_dev_valid(hDev))
		return WD_INVALID_HANDLE;
	status = wdc_cfg_range_check(hDev, __func__, dwOffset, pData, dwBytes);
	if (status)
		return status;
	for (done = 0; done < dwBytes; done += width) {
		width = wdc_cfg_width(dwOffset + done, dwBytes - done);
		for (v = 0, i = 0; i < width; i++)
			v |= (uint32_t)src[done + i] << (8 * i);
		status = wdc_cfg_rw(hDev, __func__, dwOffset + done, width, &v,
				    true);
		if (status)
			return status;
	}
	return WD_STATUS_SUCCESS;
}
