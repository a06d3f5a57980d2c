# ttrss_lib.sh: a private Tiny Tiny RSS for one test. Source after tests/lib.sh.
#   tt_need                 # exit 77 (skip, with the reason) when tt-rss, PHP or
#                           # PostgreSQL are not installed (.ci/run installs them)
#   tt_start                # PostgreSQL cluster + tt-rss copy under $T_TMP, own ports;
#                           # sets TT_URL (the tt-rss address), TT_USER, TT_PASS
#   tt_sql "SQL"            # psql on tt-rss's database, unaligned output
#   tt_feed ID TITLE URL [CATEGORY]        # a feed of the test user (by SQL)
#   tt_article ID FEED TITLE LINK [BODY] [UNREAD true|false] [MARKED true|false]
#   tt_api '{"op":...}'     # one API call with a fresh session; prints the JSON answer
#   tt_stop_web / tt_start_web   # stop and restart only the web server (an outage)
#   tt_config FILE          # a crier config pointing at it (password file beside it)
# Everything started is stopped when the test exits. Nothing outside $T_TMP is touched:
# the system's PostgreSQL and /etc/tt-rss stay as they are, so two runs can overlap.

TT_WWW=/usr/share/tt-rss/www
TT_SCHEMA=/usr/share/tt-rss/schema/ttrss_schema_pgsql.sql
TT_USER=tester
TT_PASS=secret

tt_need() {
	_miss=
	[ -f "$TT_WWW/api/index.php" ] && [ -f "$TT_SCHEMA" ] || _miss="$_miss tt-rss"
	command -v php >/dev/null 2>&1 && php -m 2>/dev/null | grep -qx pdo_pgsql || _miss="$_miss php-cli/php-pgsql"
	TT_PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
	[ -n "$TT_PGBIN" ] && [ -x "$TT_PGBIN/initdb" ] || _miss="$_miss postgresql"
	command -v psql >/dev/null 2>&1 || _miss="$_miss postgresql-client"
	command -v python3 >/dev/null 2>&1 || _miss="$_miss python3"
	if [ -n "$_miss" ]; then
		echo "SKIP: the live tt-rss tests need:$_miss (.ci/run installs them: see tests/ttrss_lib.sh)"
		exit 77
	fi
}

# A port nothing listens on now.
tt_free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Root runs the servers as nobody: initdb refuses root and tt-rss's updater too.
tt_as() {
	if [ "$(id -u)" = 0 ]; then
		setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"
	else
		"$@"
	fi
}

tt_wait_http() { # URL
	_i=0
	until curl -s -o /dev/null --max-time 2 "$1"; do
		_i=$((_i + 1))
		[ $_i -lt 100 ] || { echo "tt_start: no answer from $1" >&2; cat "$TT_DIR/php.log" >&2; exit 99; }
		sleep 0.1
	done
}

tt_start_web() {
	TT_PORT=${TT_PORT:-$(tt_free_port)}
	TT_URL=http://127.0.0.1:$TT_PORT/
	sed -i -e "s|define('SELF_URL_PATH', '.*');|define('SELF_URL_PATH', '$TT_URL');|" "$TT_DIR/www/config.php"
	# setpriv execs, so $! is php itself; display_errors=0 keeps PHP's notices out of the JSON
	# not through tt_as: $! must be php itself (setpriv execs), not a subshell
	set -- php -d display_errors=0 -d error_reporting=0 -S 127.0.0.1:"$TT_PORT" -t "$TT_DIR/www"
	if [ "$(id -u)" = 0 ]; then
		setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@" >>"$TT_DIR/php.log" 2>&1 &
	else
		"$@" >>"$TT_DIR/php.log" 2>&1 &
	fi
	TT_PHP_PID=$!
	tt_wait_http "${TT_URL}api/"
}

tt_stop_web() {
	if [ -n "${TT_PHP_PID:-}" ]; then
		kill "$TT_PHP_PID" 2>/dev/null
		wait "$TT_PHP_PID" 2>/dev/null
		TT_PHP_PID=
	fi
}

tt_stop() {
	tt_stop_web
	if [ -n "${TT_PGDATA:-}" ] && [ -f "$TT_PGDATA/postmaster.pid" ]; then
		tt_as "$TT_PGBIN/pg_ctl" -D "$TT_PGDATA" -m immediate -w stop >/dev/null 2>&1
	fi
}

tt_sql() {
	PGPASSWORD=ttrss psql -h "$TT_DIR" -p "$TT_PGPORT" -U ttrss -d ttrss -q -At \
		-v ON_ERROR_STOP=1 -c "$1"
}

tt_start() {
	TT_DIR=$T_TMP/tt-rss
	mkdir -p "$TT_DIR"
	TT_PGDATA=$TT_DIR/pg
	TT_PGPORT=$(tt_free_port)
	t_on_exit 'tt_stop'
	[ "$(id -u)" = 0 ] && chown nobody:nogroup "$TT_DIR" && chmod 755 "$T_TMP"
	# 1. PostgreSQL: a cluster of the test's own, on a socket in $TT_DIR and its own port
	tt_as "$TT_PGBIN/initdb" -N -D "$TT_PGDATA" -U ttrss --auth=trust -E UTF8 --locale=C.UTF-8 \
		>"$TT_DIR/initdb.log" 2>&1 || { cat "$TT_DIR/initdb.log" >&2; exit 99; }
	tt_as "$TT_PGBIN/pg_ctl" -D "$TT_PGDATA" -l "$TT_DIR/pg.log" -w \
		-o "-p $TT_PGPORT -k $TT_DIR -c listen_addresses='' -c fsync=off -c full_page_writes=off" \
		start >/dev/null || { cat "$TT_DIR/pg.log" >&2; exit 99; }
	PGPASSWORD=x psql -h "$TT_DIR" -p "$TT_PGPORT" -U ttrss -d postgres -q \
		-c "CREATE DATABASE ttrss ENCODING 'UTF8' TEMPLATE template0" || exit 99
	psql -h "$TT_DIR" -p "$TT_PGPORT" -U ttrss -d ttrss -q -v ON_ERROR_STOP=1 \
		-f "$TT_SCHEMA" >"$TT_DIR/schema.log" 2>&1 || { cat "$TT_DIR/schema.log" >&2; exit 99; }
	# 2. tt-rss: a copy of its web tree with a config of its own (the package's
	#    /etc/tt-rss/config.php names the system database)
	cp -a "$TT_WWW" "$TT_DIR/www"
	rm -f "$TT_DIR/www/config.php" "$TT_DIR/www/feed-icons"
	# the package links its libraries (gettext, Psr, ...) relatively: point the copies'
	# links at the same places
	find "$TT_DIR/www" -type l | while read -r _l; do
		ln -sfn "$(readlink -f "$TT_WWW${_l#"$TT_DIR/www"}")" "$_l"
	done
	mkdir -p "$TT_DIR/www/feed-icons" "$TT_DIR/lock" "$TT_DIR/cache/images" \
		"$TT_DIR/cache/upload" "$TT_DIR/cache/export"
	sed -e "/include_once('\/etc\/tt-rss\/database.php')/d" \
	    -e "s|define('DB_TYPE', .*|define('DB_TYPE', 'pgsql');|" \
	    -e "s|define('DB_HOST', .*|define('DB_HOST', '$TT_DIR');|" \
	    -e "s|define('DB_PORT', .*|define('DB_PORT', '$TT_PGPORT');|" \
	    -e "s|define('DB_USER', .*|define('DB_USER', 'ttrss');|" \
	    -e "s|define('DB_NAME', .*|define('DB_NAME', 'ttrss');|" \
	    -e "s|define('DB_PASS', .*|define('DB_PASS', '');|" \
	    -e "s|define('LOCK_DIRECTORY', .*|define('LOCK_DIRECTORY', '$TT_DIR/lock');|" \
	    -e "s|define('CACHE_DIR', .*|define('CACHE_DIR', '$TT_DIR/cache');|" \
	    -e "s|define('LOG_DESTINATION', .*|define('LOG_DESTINATION', '');|" \
	    /etc/tt-rss/config.php >"$TT_DIR/www/config.php"
	[ "$(id -u)" = 0 ] && chown -R nobody:nogroup "$TT_DIR/www" "$TT_DIR/lock" "$TT_DIR/cache"
	# 3. the test user, with the API on (a legacy SHA1 hash: tt-rss upgrades it at login)
	_hash=$(printf %s "$TT_PASS" | sha1sum | cut -d' ' -f1)
	tt_sql "INSERT INTO ttrss_users (login, pwd_hash, access_level, created, last_login)
		VALUES ('$TT_USER', 'SHA1:$_hash', 0, NOW(), NOW());
		INSERT INTO ttrss_user_prefs (owner_uid, pref_name, value)
		SELECT u.id, p.pref_name, CASE WHEN p.pref_name = 'ENABLE_API_ACCESS' THEN 'true'
			ELSE p.def_value END
		FROM ttrss_users u, ttrss_prefs p WHERE u.login = '$TT_USER';" || exit 99
	TT_UID=$(tt_sql "SELECT id FROM ttrss_users WHERE login = '$TT_USER'")
	tt_start_web
}

tt_q() { printf %s "$1" | sed "s/'/''/g"; } # SQL string quoting

tt_feed() { # ID TITLE URL [CATEGORY]
	_cat=NULL
	if [ -n "${4:-}" ]; then
		_cat=$(tt_sql "SELECT id FROM ttrss_feed_categories WHERE owner_uid = $TT_UID AND title = '$(tt_q "$4")'")
		[ -n "$_cat" ] || _cat=$(tt_sql "INSERT INTO ttrss_feed_categories (owner_uid, title)
			VALUES ($TT_UID, '$(tt_q "$4")') RETURNING id" | head -1)
	fi
	tt_sql "INSERT INTO ttrss_feeds (id, owner_uid, title, feed_url, cat_id)
		VALUES ($1, $TT_UID, '$(tt_q "$2")', '$(tt_q "$3")', $_cat)" >/dev/null
}

tt_article() { # ID FEED TITLE LINK [BODY] [UNREAD] [MARKED]
	tt_sql "INSERT INTO ttrss_entries (id, title, guid, link, updated, content, content_hash,
			no_orig_date, date_entered, date_updated, num_comments, comments, author)
		VALUES ($1, '$(tt_q "$3")', 'crier-test-$1', '$(tt_q "$4")',
			NOW() - INTERVAL '$1 minutes', '$(tt_q "${5:-<p>Story $1.</p>}")', 'h$1',
			false, NOW(), NOW(), 0, '', 'Ada Reporter');
		INSERT INTO ttrss_user_entries (ref_id, feed_id, owner_uid, unread, marked,
			published, tag_cache, label_cache, last_read, score, uuid)
		VALUES ($1, $2, $TT_UID, ${6:-true}, ${7:-false}, false, '', '', NULL, 0, '')" >/dev/null
}

tt_api() { # JSON with "op"; logs in first and adds the session
	_sid=$(curl -s -X POST -H 'Content-Type: application/json' \
		--data "{\"op\":\"login\",\"user\":\"$TT_USER\",\"password\":\"$TT_PASS\"}" "${TT_URL}api/" |
		python3 -c 'import json,sys; print(json.load(sys.stdin)["content"]["session_id"])')
	printf %s "$1" | python3 -c 'import json,sys; d=json.load(sys.stdin); d["sid"]=sys.argv[1]; print(json.dumps(d))' "$_sid" |
		curl -s -X POST -H 'Content-Type: application/json' --data @- "${TT_URL}api/"
}

tt_config() { # FILE: a crier config for the test user; the password in FILE.pw (0600)
	printf '%s\n' "$TT_PASS" >"$1.pw"
	chmod 600 "$1.pw"
	cat >"$1" <<EOF
urls-source "ttrss"
ttrss-url "$TT_URL"
ttrss-login "$TT_USER"
ttrss-passwordfile "$1.pw"
download-timeout 20
EOF
}
