// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Fault injection: the caller's stack (user world), as the kernel's fail_stacktrace reads
 * it. The caller filters (only=, never=) match a frame's function, its module prefix or
 * its shared object; systematic mode names a call site by its innermost frames
 * ("site obj:func+0xoff ..."), which stay the same from run to run.
 */
#include <dlfcn.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "internal.h"
#include "core/fault-state.h"
#include "core/backtrace.h"

/* Symbolized frames are cached: libdw reads /proc on every lookup. */
#define SYMS_ORDER	10
#define NR_SYMS		(1U << SYMS_ORDER)
static struct { const void *addr; char *name; char *obj; } syms[NR_SYMS];

/* The program's file name, without libtool's "lt-" prefix: the same in every run. */
static const char *program_name(void)
{
	static char name[256];
	const char *base;
	ssize_t n;

	if (name[0])
		return name;
	n = readlink("/proc/self/exe", name, sizeof(name) - 1);
	if (n <= 0)
		return strcpy(name, "?");
	name[n] = '\0';
	base = strrchr(name, '/');
	base = base ? base + 1 : name;
	if (!strncmp(base, "lt-", 3))
		base += 3;
	memmove(name, base, strlen(base) + 1);
	return name;
}

static void frame_info(const void *addr, const char **name, const char **obj)
{
	unsigned int i = (unsigned int)(((uintptr_t)addr * 0x9E3779B97F4A7C15ULL) >> (64 - SYMS_ORDER));
	unsigned int n;

	for (n = 0; n < NR_SYMS; n++, i = (i + 1) & (NR_SYMS - 1)) {
		if (syms[i].addr == addr)
			break;
		if (!syms[i].addr) {
			char buf[192];
			const char *o = "?", *slash;
			Dl_info info;

			struct link_map *map = NULL;

			evlsim__symbolize(addr, buf, sizeof(buf));
			if (dladdr1(addr, &info, (void **)&map, RTLD_DL_LINKMAP)) {
				if (map && !map->l_name[0])	/* the program */
					o = program_name();
				else if (info.dli_fname && *info.dli_fname)
					o = info.dli_fname;
				slash = strrchr(o, '/');
				o = slash ? slash + 1 : o;
			}
			syms[i].addr = addr;
			syms[i].name = strdup(buf);
			syms[i].obj = strdup(o);
			break;
		}
	}
	if (n == NR_SYMS || !syms[i].name || !syms[i].obj) {	/* full: not cached */
		*name = "?";
		*obj = "?";
		return;
	}
	*name = syms[i].name;
	*obj = syms[i].obj;
}

/* @tok names the frame: its function, a module prefix ("tfault" for tfault_*()), or its
 * shared object ("tfault" for tfault.so or libtfault.so) */
static int frame_matches(const void *addr, const char *tok)
{
	const char *name, *obj, *plus;
	size_t tl = strlen(tok), fl;

	frame_info(addr, &name, &obj);
	plus = strchr(name, '+');
	fl = plus ? (size_t)(plus - name) : strlen(name);
	if (fl == tl && !strncmp(name, tok, tl))
		return 1;
	if (fl > tl && !strncmp(name, tok, tl) && name[tl] == '_')
		return 1;
	if (!strncmp(obj, "lib", 3) && !strncmp(obj + 3, tok, tl) && obj[3 + tl] == '.')
		return 1;
	return !strncmp(obj, tok, tl) && obj[tl] == '.';
}

static int stack_matches(void **frames, int n, const char (*list)[FILTER_LEN], int nr)
{
	int i, f;

	for (f = 0; f < n; f++)
		for (i = 0; i < nr; i++)
			if (frame_matches(frames[f], list[i]))
				return 1;
	return 0;
}

/* The frames from the caller of the hooked service outwards. */
static int caller_stack(const void *caller, void **frames, int max)
{
	void *all[MAX_FRAMES + 8];
	int n = evlsim__backtrace(all, MAX_FRAMES + 8, 0), i;

	for (i = 0; i < n; i++)
		if (all[i] == caller)
			break;
	if (i == n) {		/* not on the stack (a tail call): the caller alone */
		frames[0] = (void *)caller;
		return 1;
	}
	n -= i;
	if (n > max)
		n = max;
	memcpy(frames, all + i, (size_t)n * sizeof(void *));
	return n;
}

int evlsim__fault_filters_pass(const struct fault_attr *a, const void *caller)
{
	void *frames[MAX_FRAMES];
	int n;

	if (!a->nr_only && !a->nr_never)
		return 1;
	n = caller_stack(caller, frames, MAX_FRAMES);
	if (a->nr_only && !stack_matches(frames, n, a->only, a->nr_only))
		return 0;
	if (a->nr_never && stack_matches(frames, n, a->never, a->nr_never))
		return 0;
	return 1;
}

/*
 * The default scope: the drivers' calls. The simulator's own calls of the services
 * (evl_attach_self()'s allocations, a device's registration for a test) come from
 * libevlsim's text; a driver's come from the program or a module's shared object; what
 * the simulator does on behalf of a driver's call (devm_kzalloc() -> kmalloc(),
 * request_irq()'s allocations) runs with the module as the thread's owner. In a program
 * linked with the static libevlsim, the simulator's text cannot be told apart: only the
 * owner decides there, and calls of linked-in drivers without owner count as the driver's.
 */
int (*evlsim__fault_owner_hook)(void);
static uintptr_t sim_text_start, sim_text_end;	/* libevlsim's executable segment */
static int sim_text_known;			/* 0: not looked up, 1: known, -1: static */

static int find_sim_text(struct dl_phdr_info *info, size_t size, void *data)
{
	uintptr_t self = (uintptr_t)data;
	int i;

	(void)size;
	for (i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		uintptr_t start = info->dlpi_addr + ph->p_vaddr;

		if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_X))
			continue;
		if (self >= start && self < start + ph->p_memsz) {
			if (!info->dlpi_name || !info->dlpi_name[0])
				return -1;		/* the program itself: static link */
			sim_text_start = start;
			sim_text_end = start + ph->p_memsz;
			return 1;
		}
	}
	return 0;
}

static int in_simulator(const void *caller)
{
	int known = __atomic_load_n(&sim_text_known, __ATOMIC_ACQUIRE);

	if (!known) {
		known = dl_iterate_phdr(find_sim_text, (void *)(uintptr_t)&find_sim_text);
		known = known == 1 ? 1 : -1;
		__atomic_store_n(&sim_text_known, known, __ATOMIC_RELEASE);
	}
	return known == 1 && (uintptr_t)caller >= sim_text_start &&
	       (uintptr_t)caller < sim_text_end;
}

int evlsim__fault_in_scope(const struct fault_attr *a, const void *caller)
{
	int (*owner)(void) = __atomic_load_n(&evlsim__fault_owner_hook, __ATOMIC_ACQUIRE);

	if (a->scope_all || (owner && owner()))
		return 1;
	return !in_simulator(caller);
}

/* "site obj:func+0xoff[ obj:func+0xoff...]", malloc()ed */
char *evlsim__fault_site_key(int site, const void *caller, int depth)
{
	void *frames[MAX_FRAMES];
	size_t len = 0, cap = 256;
	char *key = malloc(cap);
	int n, i;

	if (!key)
		return NULL;
	n = depth > 1 ? caller_stack(caller, frames, depth < MAX_FRAMES ? depth : MAX_FRAMES) : 0;
	if (!n) {
		frames[0] = (void *)caller;
		n = 1;
	}
	len = (size_t)snprintf(key, cap, "%s", evlsim__fault_site_names[site]);
	for (i = 0; i < n; i++) {
		const char *name, *obj;
		size_t need;

		frame_info(frames[i], &name, &obj);
		need = len + strlen(name) + strlen(obj) + 3;
		if (need > cap) {
			char *k = realloc(key, need * 2);

			if (!k)
				break;
			key = k;
			cap = need * 2;
		}
		len += (size_t)snprintf(key + len, cap - len, " %s:%s", obj, name);
	}
	return key;
}
