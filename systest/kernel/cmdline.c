#include "cmdline.h"
#include <stdint.h>
#include "console.h"
#include "fs.h"
#include "layout.h"
#include "process.h"
#include "string.h"
#include "vaddr.h"

#define MAX_ARGS (CMDLINE_ARGS_LEN / 2 + 1)

static char *argv[MAX_ARGS];
static char args_copy[CMDLINE_ARGS_LEN];

/* Splits the command line (argument count at 0x7d7a, NUL-separated
   arguments at 0x7d7e) into argv, prints it, and returns argv; options
   (leading '-') come first, like Pintos expects. */
char **cmdline_read (int *argc_out) {
	uint32_t argc = *(uint32_t *) ptov (CMDLINE_ARGC);
	memcpy (args_copy, ptov (CMDLINE_ARGS), CMDLINE_ARGS_LEN);
	char *p = args_copy, *end = args_copy + CMDLINE_ARGS_LEN;
	if (argc >= MAX_ARGS)
		panic ("command line: %u arguments is too many", argc);
	for (uint32_t i = 0; i < argc; i++) {
		if (p >= end)
			panic ("command line arguments overflow");
		argv[i] = p;
		p += strnlen (p, end - p) + 1;
	}
	argv[argc] = NULL;
	printf ("cmdline: %u args:", argc);
	for (uint32_t i = 0; i < argc; i++) {
		bool space = false;
		for (char *c = argv[i]; *c != '\0'; c++)
			space |= *c == ' ';
		printf (space ? " '%s'" : " %s", argv[i]);
	}
	printf ("\n");
	*argc_out = argc;
	return argv;
}

/* Runs the actions after the options: "put NAME", "run 'PROG ARGS'",
   "get NAME". */
void cmdline_run_actions (char **args) {
	while (*args != NULL && **args == '-')
		args++;
	while (*args != NULL) {
		const char *action = args[0], *arg = args[1];
		if (arg == NULL)
			panic ("action `%s' needs an argument", action);
		if (strcmp (action, "put") == 0)
			fs_put (arg);
		else if (strcmp (action, "get") == 0)
			fs_get (arg);
		else if (strcmp (action, "run") == 0) {
			/* the lines Pintos prints around a run, which test checkers
			   and `pintos-vm --compare` look for */
			printf ("Executing '%s':\n", arg);
			int status = process_run (arg);
			printf ("Execution of '%s' complete.\n", arg);
			printf ("run: '%s' finished with status %d\n", arg, status);
		} else
			panic ("unknown action `%s'", action);
		args += 2;
	}
}
