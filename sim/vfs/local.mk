# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Layer 2, kernel world: the in-band VFS, after the kernel's fs/. The fd table, struct
# file and its references, the in-band syscalls routed to a driver's file_operations,
# character device opens, mmap and in-band poll/select.
sim_libevlsim_kernel_la_SOURCES += \
	sim/vfs/char_dev.c sim/vfs/device.c sim/vfs/devobj.c sim/vfs/devtmpfs.c sim/vfs/exit.c \
	sim/vfs/fcntl.c sim/vfs/fdtable.h sim/vfs/fs.c sim/vfs/host-file.c sim/vfs/ioctl.c sim/vfs/memory.c \
	sim/vfs/misc.c sim/vfs/mmap.c sim/vfs/read_write.c \
	sim/vfs/select.c sim/vfs/syscalls.h sim/vfs/vma.h
