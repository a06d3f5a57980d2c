/* sync: r and R with a feed server (urls-source "ttrss"). The sync runs in a fresh crier
 * process (`crier -x sync`, spawned, no shell) with its own connection to the cache, so
 * the screen answers keys while the server is slow; the loop reads its lines here. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "crier/settings.h"
#include "crier/util.h"
#include "ui/app.h"

extern char **environ;

/* Output kept from the child besides its result: enough for any error it prints. */
#define SYNC_KEEP 16384

/* The program to run: this very executable. /proc/self/exe names it even when the file
 * was replaced since (an upgrade while crier runs); elsewhere argv[0], looked up on PATH
 * when it has no slash. The caller frees. */
static char *self_exe(const char *argv0)
{
	if (access("/proc/self/exe", X_OK) == 0)
		return xstrdup("/proc/self/exe");
	if (!argv0 || !*argv0)
		return NULL;
	if (strchr(argv0, '/'))
		return xstrdup(argv0);
	const char *path = getenv("PATH");
	while (path && *path) {
		size_t n = strcspn(path, ":");
		struct sbuf b = SBUF_INIT;
		sbuf_add(&b, n ? path : ".", n ? n : 1);
		sbuf_printf(&b, "/%s", argv0);
		struct stat st;
		if (stat(sbuf_str(&b), &st) == 0 && S_ISREG(st.st_mode) && access(sbuf_str(&b), X_OK) == 0)
			return sbuf_steal(&b);
		sbuf_free(&b);
		path += n;
		if (*path == ':')
			path++;
	}
	return NULL;
}

static int spawn_sync(struct app *a, const char *exe, int out_fd, pid_t *pid)
{
	char *argv[] = {(char *)exe, "-x", "sync", "-c", a->cache_path, "-C", a->config_path,
			"-u", a->urls_path, NULL};
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	sigset_t none, dflt;
	int rc;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, out_fd, STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, out_fd, STDERR_FILENO);
#ifdef HAVE_POSIX_SPAWN_FILE_ACTIONS_ADDCLOSEFROM_NP
	/* nothing of ours (curl's sockets, a download's file) goes with it */
	posix_spawn_file_actions_addclosefrom_np(&fa, STDERR_FILENO + 1);
#endif
	posix_spawnattr_init(&at);
	sigemptyset(&none);
	sigemptyset(&dflt);
	/* curses handles these in this process; the sync takes the default actions */
	sigaddset(&dflt, SIGINT);
	sigaddset(&dflt, SIGTERM);
	sigaddset(&dflt, SIGQUIT);
	sigaddset(&dflt, SIGTSTP);
	sigaddset(&dflt, SIGWINCH);
	sigaddset(&dflt, SIGPIPE);
	sigaddset(&dflt, SIGHUP);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setsigdefault(&at, &dflt);
	/* a group of its own: ^C and ^Z at the terminal are the reader's; the reader stops the
	 * sync itself (sync_stop) */
	posix_spawnattr_setpgroup(&at, 0);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF |
				 POSIX_SPAWN_SETPGROUP);
	/* the environment, and who the sync's reader is: it ends when this process does,
	 * whatever ends it (cmd_sync.c follow_reader) */
	size_t n = 0, k = 0;
	while (environ[n])
		n++;
	char **env = xmalloc((n + 2) * sizeof *env), self[48];
	snprintf(self, sizeof self, "CRIER_SYNC_PARENT=%ld", (long)getpid());
	for (size_t i = 0; i < n; i++)
		if (strncmp(environ[i], "CRIER_SYNC_PARENT=", 18) != 0)
			env[k++] = environ[i];
	env[k++] = self;
	env[k] = NULL;
	rc = posix_spawn(pid, exe, &fa, &at, argv, env);
	free(env);
	posix_spawnattr_destroy(&at);
	posix_spawn_file_actions_destroy(&fa);
	return rc;
}

/* The server's address as shown: never its user:password. The caller frees. */
static char *shown_url(const struct app *a)
{
	return url_hide_password(settings_get_str(&a->set, SET_ttrss_url));
}

/* What the last sync said, dropped. */
static void sync_forget(struct app *a)
{
	free(a->sync_result);
	a->sync_result = NULL;
	free(a->sync_stage);
	a->sync_stage = NULL;
	sbuf_free(&a->sync_other);
	sbuf_free(&a->sync_buf);
}

static void sync_spawn(struct app *a, const char *url)
{
	char *exe = self_exe(a->argv0);
	if (!exe) {
		app_msg(a, 1, "cannot start the sync with %s: crier's own program file was not found "
			"(%s)", url, a->argv0 ? a->argv0 : "no name");
		return;
	}
	int fds[2];
	if (pipe2(fds, O_CLOEXEC) != 0) {
		app_msg(a, 1, "cannot start the sync with %s (pipe): %s", url, strerror(errno));
		free(exe);
		return;
	}
	pid_t pid;
	int rc = spawn_sync(a, exe, fds[1], &pid);
	close(fds[1]);
	if (rc != 0) {
		app_error_add(a, exe, strerror(rc));
		app_msg(a, 1, "cannot start the sync with %s: %s: %s", url, exe, strerror(rc));
		close(fds[0]);
		free(exe);
		return;
	}
	free(exe);
	fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);
	a->sync_pid = pid;
	a->sync_fd = fds[0];
	sync_forget(a);
	a->dirty = 1;
}

void sync_start(struct app *a)
{
	char *url = shown_url(a);
	if (a->sync_pid > 0)
		app_msg(a, 0, "a sync with %s is already running", url);
	else
		sync_spawn(a, url);
	free(url);
}

/* One whole line from the child: progress, the result, or anything else it said. */
static void sync_line(struct app *a, const char *line)
{
	char stage[32];
	long n;
	if (sscanf(line, "progress %31s %ld", stage, &n) == 2) {
		struct sbuf b = SBUF_INIT;
		if (strcmp(stage, "sending") == 0)
			sbuf_printf(&b, "%ld %s sent", n, plural(n, "change", "changes"));
		else if (strcmp(stage, "feeds") == 0)
			sbuf_printf(&b, "%ld %s", n, plural(n, "feed", "feeds"));
		else if (strcmp(stage, "stories") == 0)
			/* not listed page by page: the server sends the oldest first, and each
			 * page above would push the cursor's story down (list_refresh keeps it) */
			sbuf_printf(&b, "%ld %s", n, plural(n, "story", "stories"));
		else
			sbuf_adds(&b, "read and flag state");
		free(a->sync_stage);
		a->sync_stage = clean_dup(sbuf_str(&b));
		sbuf_free(&b);
		a->dirty = 1;
	} else if (strncmp(line, "synced ", 7) == 0 || strncmp(line, "error ", 6) == 0) {
		free(a->sync_result);
		a->sync_result = xstrdup(line);
	} else if (a->sync_other.len < SYNC_KEEP) {
		sbuf_printf(&a->sync_other, "%s%s", a->sync_other.len ? "; " : "", line);
	}
}

/* What the pipe holds now; whole lines are taken, a part line waits for its end. 1 at
 * the end of the output, else 0. */
static int sync_read(struct app *a)
{
	char buf[4096];
	ssize_t n;
	int eof = 0;
	for (;;) {
		n = read(a->sync_fd, buf, sizeof buf);
		if (n > 0) {
			sbuf_add(&a->sync_buf, buf, (size_t)n);
			continue;
		}
		if (n == 0 || (errno != EAGAIN && errno != EINTR))
			eof = 1;
		if (n < 0 && errno == EINTR)
			continue;
		break;
	}
	char *s = a->sync_buf.s, *nl;
	size_t used = 0;
	while (s && (nl = memchr(s + used, '\n', a->sync_buf.len - used)) != NULL) {
		*nl = '\0';
		sync_line(a, s + used);
		used = (size_t)(nl - s) + 1;
	}
	if (used) {
		memmove(s, s + used, a->sync_buf.len - used);
		a->sync_buf.len -= used;
		s[a->sync_buf.len] = '\0';
	}
	if (a->sync_buf.len > SYNC_KEEP) { /* a line without end, too long to keep waiting */
		sync_line(a, sbuf_str(&a->sync_buf));
		sbuf_reset(&a->sync_buf);
	}
	if (eof && a->sync_buf.len) {
		sync_line(a, sbuf_str(&a->sync_buf));
		sbuf_reset(&a->sync_buf);
	}
	return eof;
}

static void sync_done(struct app *a, int status)
{
	char *url = shown_url(a);
	long feeds = 0, fresh = 0, changed = 0, sent = 0;
	const char *res = a->sync_result;
	if (res && sscanf(res, "synced feeds=%ld new=%ld changed=%ld sent=%ld", &feeds, &fresh,
			  &changed, &sent) == 4) {
		app_msg(a, 0, "synced with %s: %ld new %s, %ld changed there, %ld sent", url, fresh,
			plural(fresh, "story", "stories"), changed, sent);
	} else if (res && strncmp(res, "error ", 6) == 0) {
		app_error_add(a, url, res + 6);
		app_msg(a, 1, "%s", res + 6);
	} else {
		struct sbuf b = SBUF_INIT;
		if (WIFSIGNALED(status))
			sbuf_printf(&b, "the sync ended by signal %d without a result", WTERMSIG(status));
		else
			sbuf_printf(&b, "the sync ended (status %d) without a result",
				    WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		if (a->sync_other.len)
			sbuf_printf(&b, ": %s", sbuf_str(&a->sync_other));
		char *said = url_hide_password(sbuf_str(&b));
		app_error_add(a, url, said);
		app_msg(a, 1, "%s with %s (e shows it)", said, url);
		free(said);
		sbuf_free(&b);
	}
	free(url);
	sync_forget(a);
	/* the child wrote the cache: the lists are read afresh */
	list_refresh(a);
	if (a->view == VIEW_FEEDS)
		feeds_refresh(a);
	a->dirty = 1;
}

void sync_poll(struct app *a)
{
	if (a->sync_pid <= 0)
		return;
	int eof = a->sync_fd >= 0 && sync_read(a);
	if (eof) {
		close(a->sync_fd);
		a->sync_fd = -1;
	}
	int status = 0;
	pid_t w = waitpid(a->sync_pid, &status, WNOHANG);
	if (w == 0)
		return; /* still running (or its pipe still open elsewhere) */
	if (a->sync_fd >= 0) { /* ended: what it wrote last is read, then the pipe goes */
		sync_read(a);
		close(a->sync_fd);
		a->sync_fd = -1;
	}
	a->sync_pid = 0;
	sync_done(a, w < 0 ? 0 : status);
}

int sync_running(const struct app *a)
{
	return a->sync_pid > 0;
}

void sync_status(const struct app *a, struct sbuf *b)
{
	if (a->sync_pid <= 0)
		return;
	char *url = shown_url(a);
	sbuf_printf(b, "  syncing with %s", url);
	free(url);
	if (a->sync_stage)
		sbuf_printf(b, ": %s", a->sync_stage);
}

/* Quitting during a sync: the child is told to stop and waited for (killed if it does
 * not end within two seconds). Its open transaction rolls back with it: the cache keeps
 * every page already committed, and changes not yet sent stay queued for the next sync. */
void sync_stop(struct app *a)
{
	if (a->sync_pid <= 0)
		return;
	kill(a->sync_pid, SIGTERM);
	for (int i = 0; i < 200; i++) {
		pid_t w = waitpid(a->sync_pid, NULL, WNOHANG);
		if (w == a->sync_pid || (w < 0 && errno != EINTR))
			break;
		if (i == 199) {
			kill(a->sync_pid, SIGKILL);
			while (waitpid(a->sync_pid, NULL, 0) < 0 && errno == EINTR)
				;
			break;
		}
		struct timespec ts = {0, 10 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	if (a->sync_fd >= 0)
		close(a->sync_fd);
	a->sync_fd = -1;
	a->sync_pid = 0;
	sync_forget(a);
}
