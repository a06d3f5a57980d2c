/* keys: the table of key actions (keys.def: name, default keys, aliases, description)
 * and the one lookup of an action by name, for the key handler, bind-key and the help. */
#ifndef CRIER_KEYS_H
#define CRIER_KEYS_H

/* Actions, one per line of keys.def. */
enum action {
#define KEY(name, keys, aliases, desc) ACT_##name,
#include "crier/keys.def"
#undef KEY
	ACT_COUNT,
	ACT_NONE = -1
};

struct action_def {
	const char *name;        /* what bind-key and the help show */
	const char *keys;        /* default keys, bind-key syntax, space-separated */
	const char *aliases;     /* other names, space-separated; may be "" */
	const char *description;
};
extern const struct action_def keys_table[ACT_COUNT];

/* The action a bind-key line names: its name or one of its aliases, with dashes and
 * underscores alike ("open-browser", "open_in_browser"). ACT_NONE when none. */
enum action keys_find_action(const char *name);
/* 1 when key is a key name of bind-key syntax: one printable character (ASCII or one
 * UTF-8 sequence), ^X, or ENTER SPACE TAB BTAB BACKSPACE UP DOWN LEFT RIGHT PPAGE NPAGE
 * HOME END DEL INSERT ESC F1-F12. */
int keys_name_valid(const char *key);

#endif
