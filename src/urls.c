/* urls: newsboat's urls file (URL, tags, "~title", # comments) and OPML import and
 * export. Lines crier cannot use are kept verbatim when the file is rewritten. */
#include "config.h"
#include "crier/urls.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#define URLS_MAX_FILE (16u * 1024 * 1024)

static void entry_clear(struct urls_entry *e)
{
	size_t i;
	free(e->url);
	free(e->title);
	for (i = 0; i < e->ntags; i++)
		free(e->tags[i]);
	free(e->tags);
	memset(e, 0, sizeof *e);
}

/* An open-addressing hash set of entry numbers (plus one; 0 is empty), keyed by URL, so
 * that a list of 100k feeds loads without comparing each entry with every earlier one. */
struct urls_index {
	size_t *slot;
	size_t cap;   /* a power of two, at least twice n */
	size_t n;     /* entries v[0..n) are in the set */
};

static size_t url_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return (size_t)(h ^ (h >> 32));
}

static void index_put(struct urls_index *x, const struct urls *u, size_t i)
{
	size_t m = x->cap - 1, k = url_hash(u->v[i].url) & m;
	while (x->slot[k])
		k = (k + 1) & m;
	x->slot[k] = i + 1;
}

/* Brings the set up to date with u->v: entries appended since are added, and a list
 * that shrank is indexed again. */
static struct urls_index *index_sync(const struct urls *u)
{
	struct urls_index *x = u->index;
	size_t i;
	if (!x)
		return NULL;
	if (x->n > u->n || (u->n + 1) * 2 > x->cap) {
		size_t cap = 64;
		while (cap < (u->n + 1) * 2)
			cap *= 2;
		free(x->slot);
		x->slot = xcalloc(cap, sizeof *x->slot);
		x->cap = cap;
		x->n = 0;
	}
	for (i = x->n; i < u->n; i++)
		index_put(x, u, i);
	x->n = u->n;
	return x;
}

void urls_free(struct urls *u)
{
	size_t i;
	if (!u)
		return;
	for (i = 0; i < u->n; i++)
		entry_clear(&u->v[i]);
	free(u->v);
	free(u->raw);
	if (u->index)
		free(u->index->slot);
	free(u->index);
	memset(u, 0, sizeof *u);
}

static void entry_add_tag(struct urls_entry *e, const char *tag)
{
	size_t i;
	char *t = xstrdup(tag), *p = t;
	/* In a urls file a word starting with ~ is the title: a tag cannot start so. The
	 * tag is kept as it reads back (cleaned, no blank at either end), so that writing
	 * and reading an entry gives the same entry: "~ $" is the tag "$". */
	for (;;) {
		text_clean_line(p);
		if (*p != '~')
			break;
		while (*p == '~')
			p++;
	}
	if (!*p) {
		free(t);
		return;
	}
	for (i = 0; i < e->ntags; i++)
		if (strcmp(e->tags[i], p) == 0) {
			free(t);
			return;
		}
	e->tags = xrealloc(e->tags, (e->ntags + 1) * sizeof *e->tags);
	e->tags[e->ntags++] = xstrdup(p);
	free(t);
}

static struct urls_entry *urls_push(struct urls *u, const char *url)
{
	struct urls_entry *e;
	u->v = xrealloc(u->v, (u->n + 1) * sizeof *u->v);
	e = &u->v[u->n++];
	memset(e, 0, sizeof *e);
	e->url = xstrdup(url);
	if (!u->index)
		u->index = xcalloc(1, sizeof *u->index);
	return e;
}

int urls_find(const struct urls *u, const char *url)
{
	struct urls_index *x;
	size_t i, k, m;
	if (!u->index) {
		/* built by hand, not by urls_load or an import: a plain search */
		for (i = 0; i < u->n; i++)
			if (strcmp(u->v[i].url, url) == 0)
				return (int)i;
		return -1;
	}
	x = index_sync(u);
	m = x->cap - 1;
	for (k = url_hash(url) & m; x->slot[k]; k = (k + 1) & m)
		if (strcmp(u->v[x->slot[k] - 1].url, url) == 0)
			return (int)(x->slot[k] - 1);
	return -1;
}

/* Next token of a line, newsboat style: words split by blanks, "quoted words" with \"
 * and \\ inside quotes; an unquoted # starts a comment. NULL at the end. */
static char *next_token(const char **pp, int *unterminated)
{
	const char *p = *pp;
	struct sbuf b = SBUF_INIT;
	int quoted = 0, any = 0;
	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p || *p == '#') {
		*pp = p;
		return NULL;
	}
	for (; *p; p++) {
		if (quoted) {
			if (*p == '\\' && (p[1] == '"' || p[1] == '\\')) {
				sbuf_addc(&b, *++p);
			} else if (*p == '"') {
				quoted = 0;
			} else {
				sbuf_addc(&b, *p);
			}
		} else if (*p == '"') {
			quoted = 1;
			any = 1;
		} else if (*p == ' ' || *p == '\t') {
			break;
		} else {
			sbuf_addc(&b, *p);
		}
	}
	*pp = p;
	if (quoted && unterminated)
		*unterminated = 1;
	if (!b.s && any)
		sbuf_adds(&b, "");
	return sbuf_steal(&b);
}

/* 1 when a URL is printable, valid UTF-8 (cleaning would not change it) and holds no
 * blank or quote (which a urls file could not write back). */
static int clean_url(const char *url)
{
	char *c;
	int same;
	if (strpbrk(url, " \t\"") != NULL)
		return 0;
	c = xstrdup(url);
	text_clean_line(c);
	same = strcmp(c, url) == 0;
	free(c);
	return same;
}

static int usable_url(const char *url)
{
	return url_is_http(url) || strncasecmp(url, "file://", 7) == 0;
}

/* Tells why a line is skipped, as "FILE:LINE: skipped: why"; cleaned, since why may
 * quote the line. */
static void skip_line(void (*warn)(void *ctx, const char *msg), void *ctx, const char *path,
		      long lineno, const char *why)
{
	struct sbuf m = SBUF_INIT;
	if (!warn)
		return;
	sbuf_printf(&m, "%s:%ld: skipped: %s", path, lineno, why);
	text_clean_line(m.s);
	warn(ctx, m.s);
	sbuf_free(&m);
}

/* One line (without its newline): a URL, then tags and "~Title". */
static void load_line(struct urls *out, const char *line, const char *path, long lineno,
		      void (*warn)(void *ctx, const char *msg), void *ctx)
{
	const char *p = line;
	int open_quote = 0;
	char *tok = next_token(&p, &open_quote);
	struct sbuf why = SBUF_INIT;
	struct urls_entry *e;
	const char *q;

	if (!tok)
		return;
	for (q = line; *q;) {
		unsigned cp;
		size_t n = utf8_decode(q, &cp);
		if (n == 1 && cp == 0xFFFD && warn) {
			struct sbuf m = SBUF_INIT;
			sbuf_printf(&m, "%s:%ld: not valid UTF-8 (byte %ld); the line is kept as it is",
				    path, lineno, (long)(q - line) + 1);
			warn(ctx, m.s);
			sbuf_free(&m);
			break;
		}
		q += n;
	}
	if (!usable_url(tok)) {
		if (strncmp(tok, "query:", 6) == 0 || strncmp(tok, "exec:", 5) == 0
		    || strncmp(tok, "filter:", 7) == 0)
			sbuf_printf(&why, "crier does not run %.*s lines", (int)strcspn(tok, ":") + 1, tok);
		else
			sbuf_adds(&why, "not an http, https or file URL");
	} else if (!clean_url(tok)) {
		sbuf_adds(&why, "the URL holds a blank, a quote, a control character or invalid UTF-8");
	} else if (urls_find(out, tok) >= 0) {
		sbuf_printf(&why, "%s is listed twice", tok);
	}
	if (why.len) {
		skip_line(warn, ctx, path, lineno, why.s);
		sbuf_free(&why);
		free(tok);
		return;
	}
	e = urls_push(out, tok);
	free(tok);
	while ((tok = next_token(&p, &open_quote)) != NULL) {
		if (tok[0] == '~') {
			free(e->title);
			e->title = xstrdup(tok + 1);
			text_clean_line(e->title);
		} else {
			entry_add_tag(e, tok);
		}
		free(tok);
	}
	if (open_quote && warn) {
		struct sbuf m = SBUF_INIT;
		sbuf_printf(&m, "%s:%ld: a quote is not closed; read to the end of the line", path,
			    lineno);
		warn(ctx, m.s);
		sbuf_free(&m);
	}
}

int urls_load(const char *path, struct urls *out,
	      void (*warn)(void *ctx, const char *msg), void *ctx, char *err, size_t errsz)
{
	struct sbuf text = SBUF_INIT;
	const char *line, *next, *end;
	char *one;
	long lineno = 0;

	memset(out, 0, sizeof *out);
	if (file_read_all(path, URLS_MAX_FILE, &text, err, errsz) != 0) {
		sbuf_free(&text);
		return -1;
	}
	if (warn) {
		char m[CRIER_ERRSZ];
		if (file_others_can_write(path, m, sizeof m))
			warn(ctx, m);
	}
	out->index = xcalloc(1, sizeof *out->index);
	end = sbuf_str(&text) + text.len;
	for (line = sbuf_str(&text); line < end; line = next) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		size_t len;
		next = nl ? nl + 1 : end;
		len = (size_t)(next - line);
		lineno++;
		if (memchr(line, '\0', len)) {
			/* The line cannot be read as text, but it is the user's: urls_save writes
			 * it back untouched. */
			skip_line(warn, ctx, path, lineno, "holds a NUL byte; the line is kept as it is");
			continue;
		}
		one = xstrndup(line, len);
		one[strcspn(one, "\r\n")] = '\0';
		load_line(out, one, path, lineno, warn, ctx);
		free(one);
	}
	out->nloaded = out->n;
	out->rawlen = text.len;
	out->raw = sbuf_steal(&text);
	return 0;
}

/* A token as newsboat reads it back: quoted when it holds a blank, a quote or a #. */
static void put_token(struct sbuf *b, const char *prefix, const char *s)
{
	const char *p;
	int quote = *prefix != '\0' || !*s || strpbrk(s, " \t\"#\\") != NULL;
	if (!quote) {
		sbuf_adds(b, s);
		return;
	}
	sbuf_addc(b, '"');
	sbuf_adds(b, prefix);
	for (p = s; *p; p++) {
		if (*p == '"' || *p == '\\')
			sbuf_addc(b, '\\');
		if (*p != '\n' && *p != '\r')
			sbuf_addc(b, *p);
	}
	sbuf_addc(b, '"');
}

void urls_entry_line(struct sbuf *b, const struct urls_entry *e)
{
	size_t i;
	sbuf_adds(b, e->url);
	for (i = 0; i < e->ntags; i++) {
		sbuf_addc(b, ' ');
		put_token(b, "", e->tags[i]);
	}
	if (e->title) {
		sbuf_addc(b, ' ');
		put_token(b, "~", e->title);
	}
	sbuf_addc(b, '\n');
}

/* The rename is durable once the directory is on disk too. */
static void sync_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

int urls_save(const char *path, const struct urls *u, char *err, size_t errsz)
{
	struct sbuf b = SBUF_INIT, tmp = SBUF_INIT;
	struct stat st;
	mode_t mode = 0600;
	size_t i;
	FILE *f;
	int fd;

	if (u->raw && u->rawlen) {
		sbuf_add(&b, u->raw, u->rawlen);
		if (b.s[b.len - 1] != '\n')
			sbuf_addc(&b, '\n');
	}
	if (stat(path, &st) == 0)
		mode = st.st_mode & 07777;
	for (i = u->raw ? u->nloaded : 0; i < u->n; i++)
		urls_entry_line(&b, &u->v[i]);
	sbuf_printf(&tmp, "%s.XXXXXX", path);
	fd = mkstemp(tmp.s);
	if (fd < 0) {
		err_set(err, errsz, "%s: cannot write: %s", path, strerror(errno));
		goto fail;
	}
	if (fchmod(fd, mode) != 0) {
		err_set(err, errsz, "%s: cannot set the mode of %s: %s", path, tmp.s, strerror(errno));
		close(fd);
		unlink(tmp.s);
		goto fail;
	}
	f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		unlink(tmp.s);
		err_set(err, errsz, "%s: cannot write: %s", path, strerror(errno));
		goto fail;
	}
	if ((b.len && fwrite(b.s, 1, b.len, f) != b.len) || fflush(f) != 0 || fsync(fileno(f)) != 0) {
		err_set(err, errsz, "%s: cannot write: %s", tmp.s, strerror(errno));
		fclose(f);
		unlink(tmp.s);
		goto fail;
	}
	if (fclose(f) != 0 || rename(tmp.s, path) != 0) {
		err_set(err, errsz, "%s: cannot replace: %s", path, strerror(errno));
		unlink(tmp.s);
		goto fail;
	}
	sync_dir(path);
	sbuf_free(&b);
	sbuf_free(&tmp);
	return 0;
fail:
	sbuf_free(&b);
	sbuf_free(&tmp);
	return -1;
}

/* ---- OPML ---- */

static char *prop(xmlNode *n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s;
	if (!v)
		return NULL;
	s = xstrdup((const char *)v);
	xmlFree(v);
	text_clean_line(s);
	if (!*s) {
		free(s);
		return NULL;
	}
	return s;
}

struct opml_walk {
	struct urls *u;
	size_t added, refused;
	char *stack[32]; /* folder names, outermost first */
	int depth;
};

/* OPML 2.0 category: comma-separated, each slash-delimited; every part becomes a tag. */
static void add_categories(struct urls_entry *e, const char *cat)
{
	char *c = xstrdup(cat), *save = NULL, *part;
	for (part = strtok_r(c, ",/", &save); part; part = strtok_r(NULL, ",/", &save)) {
		while (*part == ' ')
			part++;
		size_t len = strlen(part);
		while (len && part[len - 1] == ' ')
			part[--len] = '\0';
		if (*part)
			entry_add_tag(e, part);
	}
	free(c);
}

static void walk(struct opml_walk *w, xmlNode *n)
{
	for (; n; n = n->next) {
		char *url, *name;
		if (n->type != XML_ELEMENT_NODE || strcmp((const char *)n->name, "outline") != 0)
			continue;
		url = prop(n, "xmlUrl");
		if (!url)
			url = prop(n, "xmlurl");
		name = prop(n, "title");
		if (!name)
			name = prop(n, "text");
		if (url) {
			/* Only the network: a shared OPML must not point crier at local files. */
			if (!url_is_http(url) || !clean_url(url))
				w->refused++;
			else if (urls_find(w->u, url) < 0) {
				struct urls_entry *e = urls_push(w->u, url);
				char *cat = prop(n, "category");
				int i;
				if (name && strcmp(name, url) != 0)
					e->title = xstrdup(name);
				for (i = 0; i < w->depth; i++)
					if (w->stack[i])
						entry_add_tag(e, w->stack[i]);
				if (cat)
					add_categories(e, cat);
				free(cat);
				w->added++;
			}
		} else if (n->children && w->depth < 32) {
			/* A folder: its name tags every feed inside it. */
			w->stack[w->depth++] = name;
			walk(w, n->children);
			w->depth--;
			w->stack[w->depth] = NULL;
		}
		free(url);
		free(name);
	}
}

static xmlNode *child(xmlNode *n, const char *name)
{
	for (n = n ? n->children : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0)
			return n;
	return NULL;
}

int urls_import_opml(struct urls *u, const char *opml_path, size_t *added, char *err, size_t errsz)
{
	return urls_import_opml_counted(u, opml_path, added, NULL, err, errsz);
}

int urls_import_opml_counted(struct urls *u, const char *opml_path, size_t *added,
			     size_t *refused, char *err, size_t errsz)
{
	struct sbuf text = SBUF_INIT;
	struct opml_walk w;
	xmlDoc *doc;
	xmlNode *root, *body;

	*added = 0;
	if (refused)
		*refused = 0;
	if (file_read_all(opml_path, URLS_MAX_FILE, &text, err, errsz) != 0) {
		sbuf_free(&text);
		return -1;
	}
	/* No network, no DTD, no entity substitution. */
	doc = xmlReadMemory(text.s ? text.s : "", (int)text.len, opml_path, NULL,
			    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	sbuf_free(&text);
	if (!doc) {
		const xmlError *e = xmlGetLastError();
		err_set(err, errsz, "%s:%d: not well-formed XML%s%s", opml_path, e ? e->line : 0,
			e && e->message ? ": " : "", e && e->message ? e->message : "");
		if (err) {
			size_t l = strlen(err);
			while (l && (err[l - 1] == '\n' || err[l - 1] == ' '))
				err[--l] = '\0';
		}
		return -1;
	}
	if (doc->intSubset && doc->intSubset->entities) {
		err_set(err, errsz, "%s: declares entities; crier does not read such OPML", opml_path);
		xmlFreeDoc(doc);
		return -1;
	}
	root = xmlDocGetRootElement(doc);
	if (!root || strcmp((const char *)root->name, "opml") != 0 || !(body = child(root, "body"))) {
		err_set(err, errsz, "%s: not an OPML document (no opml and body elements)", opml_path);
		xmlFreeDoc(doc);
		return -1;
	}
	memset(&w, 0, sizeof w);
	w.u = u;
	walk(&w, body->children);
	xmlFreeDoc(doc);
	*added = w.added;
	if (refused)
		*refused = w.refused;
	return 0;
}

static void xml_attr(struct sbuf *b, const char *name, const char *v)
{
	sbuf_printf(b, " %s=\"", name);
	for (; *v; v++) {
		switch (*v) {
		case '&': sbuf_adds(b, "&amp;"); break;
		case '<': sbuf_adds(b, "&lt;"); break;
		case '>': sbuf_adds(b, "&gt;"); break;
		case '"': sbuf_adds(b, "&quot;"); break;
		case '\t': sbuf_adds(b, "&#9;"); break;
		case '\n': sbuf_adds(b, "&#10;"); break;
		default:
			if ((unsigned char)*v >= 0x20 || *v == '\0')
				sbuf_addc(b, *v);
		}
	}
	sbuf_addc(b, '"');
}

void urls_export_opml(const struct urls *u, struct sbuf *out)
{
	size_t i, t;
	sbuf_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		  "<opml version=\"2.0\">\n"
		  "  <head>\n    <title>crier feeds</title>\n  </head>\n"
		  "  <body>\n");
	for (i = 0; i < u->n; i++) {
		const struct urls_entry *e = &u->v[i];
		if (!url_is_http(e->url) && strncasecmp(e->url, "file://", 7) != 0)
			continue;
		sbuf_adds(out, "    <outline type=\"rss\"");
		xml_attr(out, "text", e->title ? e->title : e->url);
		if (e->title)
			xml_attr(out, "title", e->title);
		xml_attr(out, "xmlUrl", e->url);
		if (e->ntags) {
			struct sbuf cat = SBUF_INIT;
			for (t = 0; t < e->ntags; t++) {
				if (t)
					sbuf_addc(&cat, ',');
				sbuf_adds(&cat, e->tags[t]);
			}
			xml_attr(out, "category", cat.s);
			sbuf_free(&cat);
		}
		sbuf_adds(out, "/>\n");
	}
	sbuf_adds(out, "  </body>\n</opml>\n");
}
