// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Program start (user world): the modules of $EVLSIM_MODULES, loaded before main().
 *
 * On a board the modules a program needs are loaded before it starts (modprobe, or built
 * into the kernel), and the program itself only opens device nodes. EVLSIM_MODULES gives
 * the same start to a program written with POSIX and libevl calls alone:
 *
 *	EVLSIM_MODULES="hectic;echo size=64" ./program
 *
 * Each ';'-separated entry is what evlsim_load_module() takes: a module linked into the
 * program, or NAME.so found on $EVLSIM_MODULE_PATH then in the installed module
 * directory, or the path of a module shared object, with its parameters.
 *
 * The entries are loaded after every constructor ran, so that the modules linked into the
 * program are registered (their constructors run after the library's): libevlsim stands
 * in front of the C library's __libc_start_main() and hands it a main() of its own that
 * loads them, then calls the program's. A module that fails to load stops the program
 * with status 1 before its main() runs, after one report naming the entry and the error,
 * as a program would not find its device.
 */
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <evlsim/evlsim.h>
#include "internal.h"

typedef int main_fn(int argc, char **argv, char **envp);
typedef int start_main_fn(main_fn *main, int argc, char **argv, void (*init)(void),
			  void (*fini)(void), void (*rtld_fini)(void), void *stack_end);

/* glibc's entry from _start (csu/libc-start.c); declared by no header */
int __libc_start_main(main_fn *main, int argc, char **argv, void (*init)(void),
		      void (*fini)(void), void (*rtld_fini)(void), void *stack_end);

static main_fn *program_main;

/*
 * Loads each module of the ';'-separated @list (empty entries skipped): 0, or the first
 * error with *@failed set to a copy of its entry (the entries before it stay loaded).
 */
static int load_module_list(const char *list, char **failed)
{
	char *copy, *entry, *save = NULL;
	int ret = 0;

	*failed = NULL;
	copy = evlsim__strdup(list);
	for (entry = strtok_r(copy, ";", &save); entry; entry = strtok_r(NULL, ";", &save)) {
		entry += strspn(entry, " \t\n");
		if (!*entry)
			continue;
		ret = evlsim_load_module(entry);
		if (ret) {
			*failed = evlsim__strdup(entry);
			break;
		}
	}
	evlsim__free(copy);
	return ret;
}

static int evlsim_main(int argc, char **argv, char **envp)
{
	const char *list = getenv("EVLSIM_MODULES");
	char *failed;
	int ret;

	ret = load_module_list(list, &failed);
	if (ret) {
		evlsim__report(EVLSIM_REPORT_DRIVER, "module-load",
			       "EVLSIM_MODULES: cannot load \"%s\": %s", failed, strerror(-ret));
		evlsim__free(failed);
		exit(1);
	}
	return program_main(argc, argv, envp);
}

EVLSIM_EXPORT int __libc_start_main(main_fn *main, int argc, char **argv, void (*init)(void),
				    void (*fini)(void), void (*rtld_fini)(void), void *stack_end)
{
	start_main_fn *real = (start_main_fn *)dlsym(RTLD_NEXT, "__libc_start_main");
	const char *list = getenv("EVLSIM_MODULES");

	if (!real)
		evlsim__die("cannot find the C library's __libc_start_main()");
	if (list && *list) {
		program_main = main;
		main = evlsim_main;
	}
	return real(main, argc, argv, init, fini, rtld_fini, stack_end);
}
