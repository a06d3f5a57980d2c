/* keys: the key table (crier/keys.h) turned into bindings of curses key codes, and the
 * key names the help screen shows. Action names are looked up by keys_find_action. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "crier/util.h"
#include "ui/ui.h"

/* Each named key: its bind-key name, the name a keyboard and the README give it (what the
 * help shows; bind-key takes it too), and its codes. */
static const struct { const char *name, *shown; int fn; int code; } named_keys[] = {
	{"ENTER", "Enter", 0, '\n'}, {"ENTER", "Enter", 0, '\r'}, {"ENTER", "Enter", 1, KEY_ENTER},
	{"SPACE", "Space", 0, ' '}, {"TAB", "Tab", 0, '\t'}, {"BTAB", "Shift-Tab", 1, KEY_BTAB},
	{"BACKSPACE", "Backspace", 1, KEY_BACKSPACE}, {"BACKSPACE", "Backspace", 0, 127},
	{"BACKSPACE", "Backspace", 0, 8},
	{"UP", "Up", 1, KEY_UP}, {"DOWN", "Down", 1, KEY_DOWN}, {"LEFT", "Left", 1, KEY_LEFT},
	{"RIGHT", "Right", 1, KEY_RIGHT}, {"PPAGE", "PgUp", 1, KEY_PPAGE}, {"NPAGE", "PgDn", 1, KEY_NPAGE},
	{"HOME", "Home", 1, KEY_HOME}, {"END", "End", 1, KEY_END}, {"ESC", "Esc", 0, 27},
	{"DEL", "Delete", 1, KEY_DC}, {"INSERT", "Insert", 1, KEY_IC},
};

int key_parse(const char *name, struct keycode *out, int max)
{
	int n = 0;
	for (size_t i = 0; i < sizeof named_keys / sizeof named_keys[0]; i++) {
		if ((strcmp(named_keys[i].name, name) == 0 || strcmp(named_keys[i].shown, name) == 0) &&
		    n < max) {
			out[n].fn = named_keys[i].fn;
			out[n].code = named_keys[i].code;
			n++;
		}
	}
	if (n)
		return n;
	if (name[0] == 'F' && name[1] >= '1' && name[1] <= '9' && max >= 1) {
		char *end;
		long f = strtol(name + 1, &end, 10);
		if (!*end && f >= 1 && f <= 12) {
			out[0].fn = 1;
			out[0].code = KEY_F(f);
			return 1;
		}
	}
	/* ^X or Ctrl-X: Control and a letter */
	const char *ctl = name[0] == '^' && name[1] && !name[2] ? name + 1 :
		strncmp(name, "Ctrl-", 5) == 0 && name[5] && !name[6] ? name + 5 : NULL;
	if (ctl) {
		int c = *ctl;
		if (c >= 'a' && c <= 'z')
			c -= 'a' - 'A';
		if (c < '@' || c > '_' || max < 1)
			return 0;
		out[0].fn = 0;
		out[0].code = c - '@';
		return 1;
	}
	/* One printable character, which may be a multibyte one. */
	wchar_t wc;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t len = strlen(name);
	size_t r = mbrtowc(&wc, name, len, &st);
	if (len == 0 || r != len || wc < 0x21 || wc == 0x7f || max < 1)
		return 0;
	out[0].fn = 0;
	out[0].code = (int)wc;
	return 1;
}

static void keymap_put(struct keymap *km, struct keycode k, enum action a, int arg)
{
	for (size_t i = 0; i < km->n; i++) {
		if (km->v[i].key.fn == k.fn && km->v[i].key.code == k.code) {
			km->v[i].act = a;
			km->v[i].arg = arg;
			return;
		}
	}
	if (km->n == km->cap) {
		km->cap = km->cap ? km->cap * 2 : 64;
		km->v = xrealloc(km->v, km->cap * sizeof *km->v);
	}
	km->v[km->n].key = k;
	km->v[km->n].act = a;
	km->v[km->n].arg = arg;
	km->n++;
}

static int arg_for(enum action a, const char *keyname)
{
	if (a == ACT_follow_link)
		return keyname[0] >= '1' && keyname[0] <= '9' && !keyname[1] ? keyname[0] - '0' : 1;
	return 0;
}

static int bind_one(struct keymap *km, const char *key, enum action a)
{
	struct keycode kc[4];
	int n = key_parse(key, kc, 4);
	for (int i = 0; i < n; i++)
		keymap_put(km, kc[i], a, arg_for(a, key));
	return n ? 0 : -1;
}

void keymap_init(struct keymap *km)
{
	memset(km, 0, sizeof *km);
	for (int a = 0; a < ACT_COUNT; a++) {
		char buf[128];
		snprintf(buf, sizeof buf, "%s", keys_table[a].keys);
		for (char *save = NULL, *t = strtok_r(buf, " ", &save); t;
		     t = strtok_r(NULL, " ", &save))
			bind_one(km, t, (enum action)a);
	}
}

void keymap_free(struct keymap *km)
{
	free(km->v);
	memset(km, 0, sizeof *km);
}

int keymap_bind(struct keymap *km, const char *key, const char *action, char *err, size_t errsz)
{
	enum action a = keys_find_action(action);
	if (a == ACT_NONE) {
		err_set(err, errsz, "bind-key: no action named '%s'", action);
		return -1;
	}
	if (bind_one(km, key, a) < 0) {
		err_set(err, errsz, "bind-key: '%s' is not a key name", key);
		return -1;
	}
	return 0;
}

enum action keymap_lookup(const struct keymap *km, struct keycode k, int *arg)
{
	for (size_t i = 0; i < km->n; i++) {
		if (km->v[i].key.fn == k.fn && km->v[i].key.code == k.code) {
			if (arg)
				*arg = km->v[i].arg;
			return km->v[i].act;
		}
	}
	return ACT_NONE;
}

/* The name a key has as a keyboard shows it ("PgDn", "Ctrl-D"). */
static void keycode_name(struct keycode k, char *buf, size_t bufsz)
{
	for (size_t i = 0; i < sizeof named_keys / sizeof named_keys[0]; i++) {
		if (named_keys[i].fn == k.fn && named_keys[i].code == k.code) {
			snprintf(buf, bufsz, "%s", named_keys[i].shown);
			return;
		}
	}
	if (k.fn && k.code >= KEY_F(1) && k.code <= KEY_F(12)) {
		snprintf(buf, bufsz, "F%d", k.code - KEY_F(0));
		return;
	}
	if (!k.fn && k.code > 0 && k.code < 32) {
		snprintf(buf, bufsz, "Ctrl-%c", k.code + '@');
		return;
	}
	if (!k.fn) {
		mbstate_t st;
		memset(&st, 0, sizeof st);
		char mb[8];
		size_t r = wcrtomb(mb, (wchar_t)k.code, &st);
		if (r != (size_t)-1 && r < sizeof mb) {
			mb[r] = 0;
			snprintf(buf, bufsz, "%s", mb);
			return;
		}
	}
	snprintf(buf, bufsz, "key%d", k.code);
}

void keymap_describe(const struct keymap *km, enum action a, char *buf, size_t bufsz)
{
	struct sbuf b = SBUF_INIT;
	for (size_t i = 0; i < km->n; i++) {
		if (km->v[i].act != a)
			continue;
		char name[32];
		keycode_name(km->v[i].key, name, sizeof name);
		/* Enter and Backspace stand for several codes: name them once */
		char probe[40];
		snprintf(probe, sizeof probe, " %s ", name);
		struct sbuf tmp = SBUF_INIT;
		sbuf_printf(&tmp, " %s ", sbuf_str(&b));
		int dup = strstr(sbuf_str(&tmp), probe) != NULL;
		sbuf_free(&tmp);
		if (dup)
			continue;
		if (b.len)
			sbuf_addc(&b, ' ');
		sbuf_adds(&b, name);
	}
	snprintf(buf, bufsz, "%s", sbuf_str(&b));
	sbuf_free(&b);
}
