# feedgen.sh: writes small original feeds for the reload tests. Source it.

# rss_feed FILE NAME N [EXTRA]: an RSS 2.0 feed "NAME" with N dated items; EXTRA is
# appended to every item title (to make a changed feed).
rss_feed() {
	_f=$1 _name=$2 _n=$3 _extra=${4:-}
	{
		echo '<?xml version="1.0" encoding="utf-8"?>'
		echo '<rss version="2.0"><channel>'
		echo "<title>$_name</title><link>https://$_name.example/</link>"
		echo "<description>Notes from the $_name reading room</description>"
		_i=1
		while [ "$_i" -le "$_n" ]; do
			echo "<item><title>$_name story $_i$_extra</title>"
			echo "<link>https://$_name.example/story/$_i</link><guid>$_name-$_i</guid>"
			echo "<pubDate>Mon, 0$((_i % 9 + 1)) Jun 2026 0$((_i % 10)):15:00 GMT</pubDate>"
			echo "<description>The committee of $_name met again about item $_i and the new benches.</description></item>"
			_i=$((_i + 1))
		done
		echo '</channel></rss>'
	} >"$_f"
}

# atom_feed FILE NAME N: an Atom 1.0 feed.
atom_feed() {
	_f=$1 _name=$2 _n=$3
	{
		echo '<?xml version="1.0" encoding="utf-8"?>'
		echo '<feed xmlns="http://www.w3.org/2005/Atom">'
		echo "<title>$_name</title><id>urn:$_name</id><updated>2026-06-01T10:00:00Z</updated>"
		_i=1
		while [ "$_i" -le "$_n" ]; do
			echo "<entry><title>$_name entry $_i</title><id>urn:$_name:$_i</id>"
			echo "<link href=\"https://$_name.example/e/$_i\"/><updated>2026-06-0${_i}T08:00:00Z</updated>"
			echo "<summary>A walk along the $_name towpath, stage $_i.</summary></entry>"
			_i=$((_i + 1))
		done
		echo '</feed>'
	} >"$_f"
}

# sql CACHE QUERY: one value from the cache.
sql() { sqlite3 -batch "$1" "$2"; }
