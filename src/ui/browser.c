/* browser: open a URL in the user's browser with fork and exec. The URL is one argv
 * element; no shell ever sees it, so quotes, $(...) and backticks in it are inert. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "crier/settings.h"
#include "crier/util.h"
#include "ui/ui.h"

const char *browser_command(const char *setting)
{
	if (setting && *setting)
		return setting;
	const char *b = getenv("BROWSER");
	if (b && *b)
		return b;
	return "xdg-open";
}

int browser_run(const char *command, const char *url, char *err, size_t errsz)
{
	/* The command may carry fixed arguments ("firefox --new-tab"), split as the config
	 * file splits a line, so a program path with spaces can be quoted; then the URL. A
	 * "%u" argument is replaced by the URL. */
	char *cmd = xstrdup(command);
	enum { MAX_WORDS = 32 };
	char *words[MAX_WORDS];
	char **argv = xmalloc((MAX_WORDS + 2) * sizeof *argv);
	size_t n = 0;
	int placed = 0, nw = settings_split_words(cmd, words, MAX_WORDS, err, errsz);
	if (nw < 0) {
		char why[CRIER_ERRSZ];
		snprintf(why, sizeof why, "%s", err);
		err_set(err, errsz, "the browser command '%s': %s", command, why);
		free(argv);
		free(cmd);
		return -1;
	}
	for (int i = 0; i < nw; i++) {
		if (strcmp(words[i], "%u") == 0) {
			argv[n++] = (char *)url;
			placed = 1;
		} else {
			argv[n++] = words[i];
		}
	}
	if (n == 0) {
		err_set(err, errsz, "no browser command");
		free(argv);
		free(cmd);
		return -1;
	}
	if (!placed)
		argv[n++] = (char *)url;
	argv[n] = NULL;
	pid_t pid = fork();
	if (pid < 0) {
		err_set(err, errsz, "cannot start %s: %s", argv[0], strerror(errno));
		free(argv);
		free(cmd);
		return -1;
	}
	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	int st = 0;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	int rc = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	if (rc == 127)
		err_set(err, errsz, "cannot run the browser '%s'", argv[0]);
	free(argv);
	free(cmd);
	return rc == 127 ? -1 : rc;
}
