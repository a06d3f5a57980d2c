/* keys: the key table of keys.def as data, the lookup of an action by any of its names,
 * and the key names of bind-key syntax. No terminal here: the UI maps names to codes. */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include "crier/keys.h"

const struct action_def keys_table[ACT_COUNT] = {
#define KEY(name, keys, aliases, desc) {#name, keys, aliases, desc},
#include "crier/keys.def"
#undef KEY
};

/* Named keys of the bind-key syntax (keys.def's header lists the same), then the names
 * the help shows for them, as a keyboard and the README name them. */
static const char *const key_names[] = {
	"ENTER", "SPACE", "TAB", "BTAB", "BACKSPACE", "UP", "DOWN", "LEFT", "RIGHT",
	"PPAGE", "NPAGE", "HOME", "END", "DEL", "INSERT", "ESC",
	"F1", "F2", "F3", "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F11", "F12",
	"Enter", "Space", "Tab", "Shift-Tab", "Backspace", "Up", "Down", "Left", "Right",
	"PgUp", "PgDn", "Home", "End", "Delete", "Insert", "Esc",
};

/* name equals the n bytes at want, a dash and an underscore counting as the same. */
static int same_name(const char *name, const char *want, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		char a = name[i] == '-' ? '_' : name[i], b = want[i] == '-' ? '_' : want[i];
		if (a != b || !a)
			return 0;
	}
	return name[n] == '\0';
}

enum action keys_find_action(const char *name)
{
	int i;
	if (!name || !*name)
		return ACT_NONE;
	for (i = 0; i < ACT_COUNT; i++)
		if (same_name(name, keys_table[i].name, strlen(keys_table[i].name)))
			return (enum action)i;
	for (i = 0; i < ACT_COUNT; i++) {
		const char *p = keys_table[i].aliases;
		while (*p) {
			size_t n = strcspn(p, " ");
			if (n && same_name(name, p, n))
				return (enum action)i;
			p += n;
			p += strspn(p, " ");
		}
	}
	return ACT_NONE;
}

int keys_name_valid(const char *key)
{
	size_t i, n = strlen(key);
	if (n == 0)
		return 0;
	if ((key[0] == '^' && n == 2) || (strncmp(key, "Ctrl-", 5) == 0 && n == 6))
		return isalpha((unsigned char)key[n - 1]) || strchr("[\\]^_@", key[n - 1]) != NULL;
	for (i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (strcmp(key_names[i], key) == 0)
			return 1;
	/* One printable character: ASCII, or one UTF-8 sequence (a key on another layout). */
	if (n == 1)
		return key[0] > ' ' && key[0] < 0x7f;
	if ((unsigned char)key[0] >= 0xc2 && n <= 4) {
		size_t want = (unsigned char)key[0] >= 0xf0 ? 4 : (unsigned char)key[0] >= 0xe0 ? 3 : 2;
		for (i = 1; i < n; i++)
			if (((unsigned char)key[i] & 0xc0) != 0x80)
				return 0;
		return n == want;
	}
	return 0;
}
