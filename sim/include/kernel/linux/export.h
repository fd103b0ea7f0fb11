/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * evlsim shim: custom. In the simulator every module is linked into one process, so an
 * exported symbol is simply a global C symbol; the macros only check that it exists.
 */
#ifndef _EVLSIM_LINUX_EXPORT_H
#define _EVLSIM_LINUX_EXPORT_H

#define EXPORT_SYMBOL(sym)		extern typeof(sym) sym
#define EXPORT_SYMBOL_GPL(sym)		extern typeof(sym) sym
#define EXPORT_SYMBOL_NS(sym, ns)	extern typeof(sym) sym
#define EXPORT_SYMBOL_NS_GPL(sym, ns)	extern typeof(sym) sym

#endif
