/* ttrss_auth: the tt-rss password, from the config, a file only its owner can read, or
 * the output of a command run without a shell. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "crier/settings.h"
#include "crier/ttrss.h"
#include "crier/util.h"

#define PASSWORD_MAX 4096

/* The first line, without its newline (a trailing "\r" too). */
static char *first_line(const char *s, size_t n)
{
	size_t len = 0;
	while (len < n && s[len] != '\n' && s[len] != '\0')
		len++;
	if (len && s[len - 1] == '\r')
		len--;
	return xstrndup(s, len);
}

static char *password_from_file(const char *path, char *err, size_t errsz)
{
	struct stat sb;
	char buf[PASSWORD_MAX];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		err_set(err, errsz, "ttrss-passwordfile %s: %s", path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		err_set(err, errsz, "ttrss-passwordfile %s: not a regular file", path);
		close(fd);
		return NULL;
	}
	/* A password others can read is no secret: refuse it rather than use it. */
	if (sb.st_mode & (S_IRWXG | S_IRWXO)) {
		err_set(err, errsz, "ttrss-passwordfile %s: mode %03o lets others read it; "
			"make it private first (chmod 600 %s)", path,
			(unsigned)(sb.st_mode & 0777), path);
		close(fd);
		return NULL;
	}
	n = read(fd, buf, sizeof buf);
	close(fd);
	if (n < 0) {
		err_set(err, errsz, "ttrss-passwordfile %s: %s", path, strerror(errno));
		return NULL;
	}
	if (n == 0 || buf[0] == '\n') {
		err_set(err, errsz, "ttrss-passwordfile %s: empty", path);
		return NULL;
	}
	return first_line(buf, (size_t)n);
}

/* Runs the command as an argv (split as config values are: blanks, "quotes"), never
 * through a shell, and takes the first line it prints. */
static char *password_from_command(const char *cmd, char *err, size_t errsz)
{
	char *line = xstrdup(cmd), *argv[33];
	char buf[PASSWORD_MAX];
	size_t have = 0;
	int pipefd[2], status, n;
	pid_t pid;

	n = settings_split_words(line, argv, 32, err, errsz);
	if (n <= 0) {
		if (n == 0)
			err_set(err, errsz, "ttrss-passwordeval: no command");
		free(line);
		return NULL;
	}
	argv[n] = NULL;
	if (pipe(pipefd) != 0) {
		err_set(err, errsz, "ttrss-passwordeval %s: %s", argv[0], strerror(errno));
		free(line);
		return NULL;
	}
	pid = fork();
	if (pid < 0) {
		err_set(err, errsz, "ttrss-passwordeval %s: %s", argv[0], strerror(errno));
		close(pipefd[0]);
		close(pipefd[1]);
		free(line);
		return NULL;
	}
	if (pid == 0) {
		int devnull = open("/dev/null", O_RDONLY);
		if (devnull >= 0)
			dup2(devnull, 0);
		dup2(pipefd[1], 1);
		close(pipefd[0]);
		close(pipefd[1]);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(pipefd[1]);
	for (;;) {
		ssize_t r = read(pipefd[0], buf + have, sizeof buf - have);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		have += (size_t)r;
		if (have == sizeof buf)
			break; /* the rest is not a password */
	}
	close(pipefd[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
			err_set(err, errsz, "ttrss-passwordeval %s: cannot run it", argv[0]);
		else
			err_set(err, errsz, "ttrss-passwordeval %s: failed (%s %d)", argv[0],
				WIFEXITED(status) ? "exit status" : "signal",
				WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
		free(line);
		return NULL;
	}
	if (have == 0 || buf[0] == '\n') {
		err_set(err, errsz, "ttrss-passwordeval %s: printed no password", argv[0]);
		free(line);
		return NULL;
	}
	free(line);
	return first_line(buf, have);
}

char *ttrss_password(const struct ttrss_config *cfg, char *err, size_t errsz)
{
	if (cfg->password && *cfg->password)
		return xstrdup(cfg->password);
	if (cfg->password_file && *cfg->password_file)
		return password_from_file(cfg->password_file, err, errsz);
	if (cfg->password_eval && *cfg->password_eval)
		return password_from_command(cfg->password_eval, err, errsz);
	err_set(err, errsz, "tt-rss: no password: set ttrss-passwordfile (a file only you can "
		"read) or ttrss-passwordeval (a command that prints it) in the config");
	return NULL;
}
