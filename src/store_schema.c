/* store_schema: the cache's tables as a list of migrations, and the SQL of the statements
 * the other store files reuse. */
#include "config.h"
#include "store_internal.h"

#include <stdio.h>

/* The text of an article the search index's 'page' column holds: the standfirst, a
 * blank line, the body; the body alone when there is no standfirst (as before 15).
 * p: the row's prefix ("NEW.", "OLD.", "" inside a SELECT from articles). */
#define PAGE_TEXT(p) "CASE WHEN " p "standfirst IS NULL THEN " p "body" \
	" ELSE " p "standfirst || char(10) || char(10) || COALESCE(" p "body, '') END"
/* The same for the article at a URL (NULL when none is cached). */
#define PAGE_OF(url) "(SELECT " PAGE_TEXT("") " FROM articles WHERE url = " url ")"

/* Migrations, applied in order inside one transaction each; PRAGMA user_version holds
 * how many have run. Never edit a released step: add a new one. */
static const char *const migrations[] = {
	/* 1: feeds, items, articles. */
	"CREATE TABLE feeds ("
	"  id INTEGER PRIMARY KEY,"
	"  url TEXT NOT NULL UNIQUE,"      /* as the urls file lists it */
	"  location TEXT,"                 /* after a permanent redirect, else NULL */
	"  custom_title TEXT,"             /* from the urls file */
	"  title TEXT, site TEXT, description TEXT,"
	"  tags TEXT,"
	"  etag TEXT, last_modified TEXT,"
	"  last_fetch INTEGER, status INTEGER, error TEXT,"
	"  generation INTEGER NOT NULL DEFAULT 0," /* successful updates so far */
	"  position INTEGER NOT NULL DEFAULT 0"
	");"
	"CREATE TABLE items ("
	"  id INTEGER PRIMARY KEY,"
	"  feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,"
	"  guid TEXT NOT NULL,"
	"  title TEXT, link TEXT, ident TEXT, author TEXT, summary TEXT, content TEXT,"
	"  published INTEGER, updated INTEGER,"
	"  categories TEXT, enclosures TEXT, media TEXT,"
	"  first_seen INTEGER NOT NULL,"
	"  date INTEGER NOT NULL,"          /* published, else updated, else first seen */
	"  seen_generation INTEGER NOT NULL," /* the feed's last update that listed it */
	"  unread INTEGER NOT NULL DEFAULT 1,"
	"  UNIQUE(feed_id, guid)"
	");"
	"CREATE INDEX items_feed_unread ON items(feed_id, unread);"
	"CREATE INDEX items_date ON items(date);"
	"CREATE INDEX items_unread_date ON items(unread, date);"
	"CREATE TABLE articles ("
	"  url TEXT PRIMARY KEY,"
	"  title TEXT, byline TEXT, site TEXT, published INTEGER,"
	"  body TEXT, body_html TEXT, fetched INTEGER"
	");"
	"CREATE TABLE figures ("
	"  article_url TEXT NOT NULL REFERENCES articles(url) ON DELETE CASCADE,"
	"  pos INTEGER NOT NULL, image TEXT, caption TEXT, credit TEXT,"
	"  PRIMARY KEY(article_url, pos)"
	");"
	"CREATE TABLE more_links ("
	"  article_url TEXT NOT NULL REFERENCES articles(url) ON DELETE CASCADE,"
	"  pos INTEGER NOT NULL, title TEXT, url TEXT, summary TEXT, section TEXT,"
	"  PRIMARY KEY(article_url, pos)"
	");",
	/* 2: per-feed counts kept by triggers, so that the feed list and print-unread read
	 * one row per feed instead of counting items. */
	"ALTER TABLE feeds ADD COLUMN unread_count INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE feeds ADD COLUMN item_count INTEGER NOT NULL DEFAULT 0;"
	"UPDATE items SET unread = 1 WHERE unread NOT IN (0, 1);"
	"UPDATE feeds SET"
	"  unread_count = (SELECT COUNT(*) FROM items i WHERE i.feed_id = feeds.id AND i.unread = 1),"
	"  item_count = (SELECT COUNT(*) FROM items i WHERE i.feed_id = feeds.id);"
	"CREATE TRIGGER items_count_insert AFTER INSERT ON items BEGIN"
	"  UPDATE feeds SET item_count = item_count + 1, unread_count = unread_count + NEW.unread"
	"  WHERE id = NEW.feed_id;"
	"END;"
	"CREATE TRIGGER items_count_delete AFTER DELETE ON items BEGIN"
	"  UPDATE feeds SET item_count = item_count - 1, unread_count = unread_count - OLD.unread"
	"  WHERE id = OLD.feed_id;"
	"END;"
	"CREATE TRIGGER items_count_update AFTER UPDATE OF unread, feed_id ON items"
	" WHEN OLD.unread IS NOT NEW.unread OR OLD.feed_id IS NOT NEW.feed_id BEGIN"
	"  UPDATE feeds SET item_count = item_count - 1, unread_count = unread_count - OLD.unread"
	"  WHERE id = OLD.feed_id;"
	"  UPDATE feeds SET item_count = item_count + 1, unread_count = unread_count + NEW.unread"
	"  WHERE id = NEW.feed_id;"
	"END;",
	/* 3: counts no longer need (feed, unread); one feed's list is ordered by date. */
	("DROP INDEX items_feed_unread;"
	 "CREATE INDEX items_feed_date ON items(feed_id, date);"),
	/* 4: new items are counted once per feed update (store_update_commit), not by a
	 * trigger per row: a reload of 25k items spends less on it. Every insert into items
	 * goes through store_update_item. */
	"DROP TRIGGER items_count_insert;",
	/* 5: a more-from teaser keeps its own photo, caption and credit. */
	("ALTER TABLE more_links ADD COLUMN image TEXT;"
	 "ALTER TABLE more_links ADD COLUMN caption TEXT;"
	 "ALTER TABLE more_links ADD COLUMN credit TEXT;"),
	/* 6: ensuring a feed moves it last: MAX(position) by index, not by a scan per feed. */
	"CREATE INDEX feeds_position ON feeds(position);",
	/* 7: expiry asks, per old cached article, whether an item still links to it. */
	"CREATE INDEX items_link ON items(link);",
	/* 8: full-text search over each item's title, feed text and fetched page. The index
	 * is contentless (content=''): it keeps the words' positions, not a second copy of
	 * the text. Its triggers keep it in step inside the writing transaction; an entry is
	 * deleted by giving the text it was built from again, so crier_text (registered at
	 * open, deterministic) rebuilds that text from the row, and the page is the body of
	 * the article whose URL is the item's link. This step builds the index of an
	 * existing cache. */
	("CREATE VIRTUAL TABLE search USING fts5(title, text, page, content='',"
	 " tokenize='unicode61 remove_diacritics 2');"
	 "INSERT INTO search(search, rank) VALUES('rank', 'bm25(8.0, 2.0, 1.0)');"
	 "INSERT INTO search(rowid, title, text, page)"
	 " SELECT i.id, i.title, crier_text(i.summary, i.content), a.body"
	 " FROM items i LEFT JOIN articles a ON a.url = i.link;"
	 "CREATE TRIGGER search_item_insert AFTER INSERT ON items BEGIN"
	 "  INSERT INTO search(rowid, title, text, page) VALUES(NEW.id, NEW.title,"
	 "   crier_text(NEW.summary, NEW.content), (SELECT body FROM articles WHERE url = NEW.link));"
	 "END;"
	 "CREATE TRIGGER search_item_delete AFTER DELETE ON items BEGIN"
	 "  INSERT INTO search(search, rowid, title, text, page) VALUES('delete', OLD.id, OLD.title,"
	 "   crier_text(OLD.summary, OLD.content), (SELECT body FROM articles WHERE url = OLD.link));"
	 "END;"
	 "CREATE TRIGGER search_item_update AFTER UPDATE OF title, summary, content, link ON items"
	 " WHEN OLD.title IS NOT NEW.title OR OLD.summary IS NOT NEW.summary"
	 "  OR OLD.content IS NOT NEW.content OR OLD.link IS NOT NEW.link BEGIN"
	 "  INSERT INTO search(search, rowid, title, text, page) VALUES('delete', OLD.id, OLD.title,"
	 "   crier_text(OLD.summary, OLD.content), (SELECT body FROM articles WHERE url = OLD.link));"
	 "  INSERT INTO search(rowid, title, text, page) VALUES(NEW.id, NEW.title,"
	 "   crier_text(NEW.summary, NEW.content), (SELECT body FROM articles WHERE url = NEW.link));"
	 "END;"
	 "CREATE TRIGGER search_article_insert AFTER INSERT ON articles BEGIN"
	 "  INSERT INTO search(search, rowid, title, text, page)"
	 "   SELECT 'delete', i.id, i.title, crier_text(i.summary, i.content), NULL"
	 "   FROM items i WHERE i.link = NEW.url;"
	 "  INSERT INTO search(rowid, title, text, page)"
	 "   SELECT i.id, i.title, crier_text(i.summary, i.content), NEW.body"
	 "   FROM items i WHERE i.link = NEW.url;"
	 "END;"
	 "CREATE TRIGGER search_article_delete AFTER DELETE ON articles BEGIN"
	 "  INSERT INTO search(search, rowid, title, text, page)"
	 "   SELECT 'delete', i.id, i.title, crier_text(i.summary, i.content), OLD.body"
	 "   FROM items i WHERE i.link = OLD.url;"
	 "  INSERT INTO search(rowid, title, text, page)"
	 "   SELECT i.id, i.title, crier_text(i.summary, i.content), NULL"
	 "   FROM items i WHERE i.link = OLD.url;"
	 "END;"
	 "CREATE TRIGGER search_article_update AFTER UPDATE OF url, body ON articles BEGIN"
	 "  INSERT INTO search(search, rowid, title, text, page)"
	 "   SELECT 'delete', i.id, i.title, crier_text(i.summary, i.content), OLD.body"
	 "   FROM items i WHERE i.link = OLD.url;"
	 "  INSERT INTO search(rowid, title, text, page)"
	 "   SELECT i.id, i.title, crier_text(i.summary, i.content), NULL"
	 "   FROM items i WHERE i.link = OLD.url;"
	 "  INSERT INTO search(search, rowid, title, text, page)"
	 "   SELECT 'delete', i.id, i.title, crier_text(i.summary, i.content), NULL"
	 "   FROM items i WHERE i.link = NEW.url;"
	 "  INSERT INTO search(rowid, title, text, page)"
	 "   SELECT i.id, i.title, crier_text(i.summary, i.content), NEW.body"
	 "   FROM items i WHERE i.link = NEW.url;"
	 "END;"),
	/* 9: the index keeps which column holds a word, not where (detail=column): less
	 * than half the size, and all a search of word prefixes needs (the query is cut
	 * into single tokens, so no phrase of several reaches it). bm25 needs positions:
	 * crier_rank (store_search.c, registered at open) ranks by the columns instead.
	 * The triggers name the table and go on working. */
	("DROP TABLE search;"
	 "CREATE VIRTUAL TABLE search USING fts5(title, text, page, content='', detail=column,"
	 " tokenize='unicode61 remove_diacritics 2');"
	 "INSERT INTO search(search, rank) VALUES('rank', 'crier_rank(8.0, 2.0, 1.0)');"
	 "INSERT INTO search(rowid, title, text, page)"
	 " SELECT i.id, i.title, crier_text(i.summary, i.content), a.body"
	 " FROM items i LEFT JOIN articles a ON a.url = i.link;"),
	/* 10: stories of a feed server (remote_id: the server's id) and flags; the queue of
	 * read and flag changes a sync sends, filled by triggers so that every way of marking
	 * a story queues it; nothing is queued while a sync writes the server's own state
	 * (sync_quiet holds a row inside the sync's transaction). */
	("ALTER TABLE feeds ADD COLUMN remote_id INTEGER;"
	 "ALTER TABLE items ADD COLUMN remote_id INTEGER;"
	 "ALTER TABLE items ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0;"
	 "CREATE INDEX items_remote ON items(remote_id) WHERE remote_id IS NOT NULL;"
	 "CREATE INDEX items_flagged ON items(date) WHERE flagged = 1;"
	 "CREATE TABLE changes (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
	 "  remote_id INTEGER NOT NULL, field INTEGER NOT NULL, value INTEGER NOT NULL,"
	 "  made INTEGER NOT NULL);"
	 "CREATE TABLE sync_state (source TEXT PRIMARY KEY, last_id INTEGER NOT NULL DEFAULT 0,"
	 "  synced INTEGER);"
	 "CREATE TABLE sync_quiet (x INTEGER);"
	 "CREATE TRIGGER items_queue_read AFTER UPDATE OF unread ON items"
	 " WHEN NEW.remote_id IS NOT NULL AND OLD.unread IS NOT NEW.unread"
	 " AND NOT EXISTS (SELECT 1 FROM sync_quiet) BEGIN"
	 "  INSERT INTO changes(remote_id, field, value, made)"
	 "  VALUES(NEW.remote_id, 0, NEW.unread = 0, CAST(strftime('%s', 'now') AS INTEGER));"
	 "END;"
	 "CREATE TRIGGER items_queue_flag AFTER UPDATE OF flagged ON items"
	 " WHEN NEW.remote_id IS NOT NULL AND OLD.flagged IS NOT NEW.flagged"
	 " AND NOT EXISTS (SELECT 1 FROM sync_quiet) BEGIN"
	 "  INSERT INTO changes(remote_id, field, value, made)"
	 "  VALUES(NEW.remote_id, 1, NEW.flagged, CAST(strftime('%s', 'now') AS INTEGER));"
	 "END;"),
	/* 11: a permanent redirect moves a feed only once seen on several reloads in a row:
	 * where it pointed last and how many times in a row. */
	("ALTER TABLE feeds ADD COLUMN moved_to TEXT;"
	 "ALTER TABLE feeds ADD COLUMN moved_seen INTEGER NOT NULL DEFAULT 0;"),
	/* 12: a new item enters the search index from C, with its text in hand
	 * (store_update.c): no insert trigger. The other triggers stay: they need the
	 * old text, which only the row has. */
	"DROP TRIGGER IF EXISTS search_item_insert;",
	/* 13: story text is compressed with a zstd dictionary trained on the cache's own
	 * stories (store_dict.c); each frame names its dictionary's id, sum checks that the
	 * dictionary is whole. The file holds it, so VACUUM and copies of the file keep it. */
	("CREATE TABLE dicts (id INTEGER PRIMARY KEY, dict BLOB NOT NULL, sum INTEGER NOT NULL,"
	 "  made INTEGER NOT NULL);"),
	/* 14: the index keeps which stories hold a word, not in which column (detail=none):
	 * a third of the size, and a third less work at every reload. What ranking needs
	 * of the columns, whether the title holds the word, a second index of the titles
	 * alone answers (store_match.c). No column sizes: nothing reads them. The old
	 * triggers name the table and go on working; two more keep the titles' index. */
	("DROP TABLE IF EXISTS search;"
	 "CREATE VIRTUAL TABLE search USING fts5(title, text, page, content='', detail=none,"
	 " columnsize=0, tokenize='unicode61 remove_diacritics 2');"
	 "CREATE VIRTUAL TABLE search_title USING fts5(title, content='', detail=none,"
	 " columnsize=0, tokenize='unicode61 remove_diacritics 2');"
	 /* leaves of 16 KB (the cache's page) rather than 4, and segments merged eight at a
	  * time rather than four: 7% fewer instructions in a cold reload, the same size */
	 "INSERT INTO search(search, rank) VALUES('pgsz', 16000);"
	 "INSERT INTO search(search, rank) VALUES('automerge', 8);"
	 "INSERT INTO search(rowid, title, text, page)"
	 " SELECT i.id, i.title, crier_text(i.summary, i.content), a.body"
	 " FROM items i LEFT JOIN articles a ON a.url = i.link;"
	 "INSERT INTO search_title(rowid, title) SELECT id, title FROM items;"
	 "CREATE TRIGGER search_title_delete AFTER DELETE ON items BEGIN"
	 "  INSERT INTO search_title(search_title, rowid, title) VALUES('delete', OLD.id, OLD.title);"
	 "END;"
	 "CREATE TRIGGER search_title_update AFTER UPDATE OF title ON items"
	 " WHEN OLD.title IS NOT NEW.title BEGIN"
	 "  INSERT INTO search_title(search_title, rowid, title) VALUES('delete', OLD.id, OLD.title);"
	 "  INSERT INTO search_title(rowid, title) VALUES(NEW.id, NEW.title);"
	 "END;"),
	/* 15: an article keeps its standfirst (the lines under the headline that sum the
	 * story up). The index's 'page' is the standfirst and the body (PAGE_TEXT): the
	 * triggers that give the index an article's text are made again with it. A NULL
	 * standfirst gives the body alone, the text every entry so far was built from, so
	 * the index stays as it is. */
	("ALTER TABLE articles ADD COLUMN standfirst TEXT;"
	 "DROP TRIGGER IF EXISTS search_item_delete;"
	 "DROP TRIGGER IF EXISTS search_item_update;"
	 "DROP TRIGGER IF EXISTS search_article_insert;"
	 "DROP TRIGGER IF EXISTS search_article_delete;"
	 "DROP TRIGGER IF EXISTS search_article_update;"
	 "CREATE TRIGGER search_item_delete AFTER DELETE ON items BEGIN"
	 "  INSERT INTO search(search, rowid, title, text, page) VALUES('delete', OLD.id, OLD.title,"
	 "   crier_text(OLD.summary, OLD.content), " PAGE_OF("OLD.link") ");"
	 "END;"
	 "CREATE TRIGGER search_item_update AFTER UPDATE OF title, summary, content, link ON items"
	 " WHEN OLD.title IS NOT NEW.title OR OLD.summary IS NOT NEW.summary"
	 "  OR OLD.content IS NOT NEW.content OR OLD.link IS NOT NEW.link BEGIN"
	 "  INSERT INTO search(search, rowid, title, text, page) VALUES('delete', OLD.id, OLD.title,"
	 "   crier_text(OLD.summary, OLD.content), " PAGE_OF("OLD.link") ");"
	 "  INSERT INTO search(rowid, title, text, page) VALUES(NEW.id, NEW.title,"
	 "   crier_text(NEW.summary, NEW.content), " PAGE_OF("NEW.link") ");"
	 "END;"
	 "CREATE TRIGGER search_article_insert AFTER INSERT ON articles BEGIN"
	 "  INSERT INTO search(search, rowid, title, text, page)"
	 "   SELECT 'delete', i.id, i.title, crier_text(i.summary, i.content), NULL"
	 "   FROM items i WHERE i.link = NEW.url;"
	 "  INSERT INTO search(rowid, title, text, page)"
	 "   SELECT i.id, i.title, crier_text(i.summary, i.content), " PAGE_TEXT("NEW.")
	 "   FROM items i WHERE i.link = NEW.url;"
	 "END;"
	 "CREATE TRIGGER search_article_delete AFTER DELETE ON articles BEGIN"
	 "  INSERT INTO search(search, rowid, title, text, page)"
	 "   SELECT 'delete', i.id, i.title, crier_text(i.summary, i.content), " PAGE_TEXT("OLD.")
	 "   FROM items i WHERE i.link = OLD.url;"
	 "  INSERT INTO search(rowid, title, text, page)"
	 "   SELECT i.id, i.title, crier_text(i.summary, i.content), NULL"
	 "   FROM items i WHERE i.link = OLD.url;"
	 "END;"
	 "CREATE TRIGGER search_article_update AFTER UPDATE OF url, body, standfirst ON articles BEGIN"
	 "  INSERT INTO search(search, rowid, title, text, page)"
	 "   SELECT 'delete', i.id, i.title, crier_text(i.summary, i.content), " PAGE_TEXT("OLD.")
	 "   FROM items i WHERE i.link = OLD.url;"
	 "  INSERT INTO search(rowid, title, text, page)"
	 "   SELECT i.id, i.title, crier_text(i.summary, i.content), NULL"
	 "   FROM items i WHERE i.link = OLD.url;"
	 "  INSERT INTO search(search, rowid, title, text, page)"
	 "   SELECT 'delete', i.id, i.title, crier_text(i.summary, i.content), NULL"
	 "   FROM items i WHERE i.link = NEW.url;"
	 "  INSERT INTO search(rowid, title, text, page)"
	 "   SELECT i.id, i.title, crier_text(i.summary, i.content), " PAGE_TEXT("NEW.")
	 "   FROM items i WHERE i.link = NEW.url;"
	 "END;"),
	/* 16: the indexes' segments are merged only when a level holds 64 (crisismerge),
	 * all of them at once, never a few at a time as the stories come (automerge 0).
	 * Every commit writes a segment; merging eight at a time rewrote each word's list
	 * of stories once per eight segments: 2.8 G of 10.4 G instructions of the index's
	 * upkeep for the 25,000 stories of a cold reload of 500 feeds (59 commits), which
	 * now merges nothing. Searches read up to 63 segments a level (tests/bench/search.sh
	 * stays far under its target). Config rows only: the index is not rebuilt. */
	("INSERT INTO search(search, rank) VALUES('automerge', 0);"
	 "INSERT INTO search(search, rank) VALUES('crisismerge', 64);"
	 "INSERT INTO search_title(search_title, rank) VALUES('automerge', 0);"
	 "INSERT INTO search_title(search_title, rank) VALUES('crisismerge', 64);"),
	/* 17: a level's 64 segments are merged step by step, a bounded share of the work
	 * with each later commit (automerge 64), not all at once (crisismerge only at 128).
	 * With 16's all-at-once merge a level's 64th segment made one commit merge the
	 * whole index: 1.28 s of CPU, 2 s holding the write lock, in a cache of 100,000
	 * stories, where the interface's writes wait. Now the longest commit there takes
	 * 125 ms (automerge 8: 114 ms) and a cold reload's 59 commits still merge nothing.
	 * Config rows only. */
	("INSERT INTO search(search, rank) VALUES('automerge', 64);"
	 "INSERT INTO search(search, rank) VALUES('crisismerge', 128);"
	 "INSERT INTO search_title(search_title, rank) VALUES('automerge', 64);"
	 "INSERT INTO search_title(search_title, rank) VALUES('crisismerge', 128);"),
};
#define SCHEMA_VERSION ((int)(sizeof migrations / sizeof migrations[0]))

const char *const store_stmt_sql[S_COUNT] = {
	[S_FEED_FIND] = "SELECT id FROM feeds WHERE url = ?1",
	[S_FEED_INSERT] = "INSERT INTO feeds(url, custom_title, tags, position)"
		" VALUES(?1, NULLIF(?2, ''), NULLIF(?3, ''),"
		" (SELECT COALESCE(MAX(position), 0) + 1 FROM feeds))",
	/* Ensuring feeds in the urls file's order leaves them in that order. */
	[S_FEED_SET] = "UPDATE feeds SET custom_title = NULLIF(COALESCE(?2, custom_title), ''),"
		" tags = NULLIF(COALESCE(?3, tags), ''),"
		" position = (SELECT COALESCE(MAX(position), 0) + 1 FROM feeds) WHERE id = ?1",
#define FEED_COLS "f.id, f.url, COALESCE(f.custom_title, f.title), f.site, f.tags, f.etag," \
	" f.last_modified, f.last_fetch, f.status, f.error, f.location," \
	" f.unread_count, f.item_count"
	[S_FEEDS] = "SELECT " FEED_COLS " FROM feeds f ORDER BY f.position, f.id",
	[S_FEED_GET] = "SELECT " FEED_COLS " FROM feeds f WHERE f.id = ?1",
	[S_INFO] = "UPDATE feeds SET title = ?2, site = ?3, description = ?4 WHERE id = ?1",
	[S_ITEM_INSERT] = "INSERT INTO items(feed_id, guid, title, link, ident, author, summary,"
		" content, published, updated, categories, enclosures, media, first_seen, date,"
		" seen_generation)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
		" COALESCE(?9, ?10, ?14), ?15)"
		" ON CONFLICT(feed_id, guid) DO NOTHING",
	/* Only touches the row when something changed, so an unchanged item costs no write
	 * beyond its generation mark. */
	[S_ITEM_UPDATE] = "UPDATE items SET title = ?3, link = ?4, ident = ?5, author = ?6,"
		" summary = ?7, content = ?8, published = ?9, updated = ?10, categories = ?11,"
		" enclosures = ?12, media = ?13, date = COALESCE(?9, ?10, first_seen),"
		" seen_generation = ?15"
		" WHERE feed_id = ?1 AND guid = ?2 AND (title IS NOT ?3 OR link IS NOT ?4"
		" OR ident IS NOT ?5 OR author IS NOT ?6 OR summary IS NOT ?7 OR content IS NOT ?8"
		" OR published IS NOT ?9 OR updated IS NOT ?10 OR categories IS NOT ?11"
		" OR enclosures IS NOT ?12 OR media IS NOT ?13)",
	[S_ITEM_SEEN] = "UPDATE items SET seen_generation = ?3 WHERE feed_id = ?1 AND guid = ?2",
	[S_COMMIT_FEED] = "UPDATE feeds SET location = COALESCE(?2, location), etag = ?3,"
		" last_modified = ?4, status = ?5, error = NULL, last_fetch = ?6,"
		" generation = ?7, item_count = item_count + ?8, unread_count = unread_count + ?8"
		" WHERE id = ?1",
	[S_CHECKED] = "UPDATE feeds SET status = ?2, error = ?3, last_fetch = ?4 WHERE id = ?1",
	[S_MOVED_SEEN] = "UPDATE feeds SET moved_seen = CASE WHEN moved_to IS ?2 THEN moved_seen + 1"
		" ELSE 1 END, moved_to = ?2 WHERE id = ?1",
	[S_MOVED_GET] = "SELECT moved_seen FROM feeds WHERE id = ?1",
	[S_MOVED_SET] = "UPDATE feeds SET location = ?2, moved_to = NULL, moved_seen = 0 WHERE id = ?1",
	[S_MOVED_RESET] = "UPDATE feeds SET moved_seen = 0, moved_to = NULL"
		" WHERE id = ?1 AND moved_to IS NOT NULL",
	[S_SEARCH_PUT] = "INSERT INTO search(rowid, title, text, page)"
		" VALUES(?1, ?2, ?3, " PAGE_OF("?4") ")",
	[S_SEARCH_TITLE_PUT] = "INSERT INTO search_title(rowid, title) VALUES(?1, ?2)",
	[S_ITEM_GET] = "SELECT title, link, ident, author, summary, content, published, updated,"
		" categories, enclosures, media FROM items WHERE id = ?1",
	[S_MARK] = "UPDATE items SET unread = ?2 WHERE id = ?1",
	[S_MARK_FEED] = "UPDATE items SET unread = 0 WHERE feed_id = ?1 AND unread = 1",
	[S_UNREAD] = "SELECT COALESCE(SUM(unread_count), 0) FROM feeds",
	[S_COUNT_ALL] = "SELECT COALESCE(SUM(CASE WHEN ?2 THEN unread_count ELSE item_count END), 0)"
		" FROM feeds",
	[S_COUNT_FEED] = "SELECT CASE WHEN ?2 THEN unread_count ELSE item_count END FROM feeds"
		" WHERE id = ?1",
	[S_ART_DEL] = "DELETE FROM articles WHERE url = ?1",
	[S_ART_PUT] = "INSERT INTO articles(url, title, byline, site, published, body, body_html,"
		" fetched, standfirst) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[S_FIG_PUT] = "INSERT INTO figures(article_url, pos, image, caption, credit)"
		" VALUES(?1, ?2, ?3, ?4, ?5)",
	[S_MORE_PUT] = "INSERT INTO more_links(article_url, pos, title, url, summary, section,"
		" image, caption, credit) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[S_ART_GET] = "SELECT url, title, byline, site, published, body, body_html, standfirst"
		" FROM articles WHERE url = ?1",
	[S_FIG_GET] = "SELECT image, caption, credit FROM figures WHERE article_url = ?1"
		" ORDER BY pos",
	[S_MORE_GET] = "SELECT title, url, summary, section, image, caption, credit FROM more_links"
		" WHERE article_url = ?1 ORDER BY pos",
};

int store_schema_latest(void)
{
	return SCHEMA_VERSION;
}

/* The migrations that build the search index anew from every story (8, 9, 14): long on
 * a big cache (14.6 s for 100k stories), so the caller is told first. */
static int rebuilds_index(int migration)
{
	return migration == 8 || migration == 9 || migration == 14;
}

/* Tells the caller, once, when one of the migrations from+1..upto rebuilds the index of a
 * cache that has stories. */
static void migrate_tell(struct store *s, int from, int upto, store_rebuild_fn told, void *ctx)
{
	int rebuild = 0;
	for (int m = from + 1; m <= upto; m++)
		rebuild |= rebuilds_index(m);
	/* a new cache (from 0) has no items table yet, and nothing to index */
	if (!told || !rebuild || from == 0)
		return;
	sqlite3_stmt *st;
	long n = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT COUNT(*) FROM items", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			n = (long)sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	if (n > 0)
		told(ctx, s->path, n);
}

/* Whether the cache has the table name. */
static int has_table(struct store *s, const char *name)
{
	sqlite3_stmt *st;
	int has = 0;
	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
			       -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	has = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return has;
}

/* A step that only sets the search index's options has nothing to do in a cache whose
 * index was dropped (as a benchmark does): such a cache still opens. */
static int step_applies(struct store *s, int migration)
{
	if (migration == 16 || migration == 17)
		return has_table(s, "search") && has_table(s, "search_title");
	return 1;
}

int store_migrate(struct store *s, int upto, store_rebuild_fn told, void *ctx, char *err,
		  size_t errsz)
{
	sqlite3_stmt *st;
	int version = 0;
	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK) {
		store_db_err(s, err, errsz, "reading the schema version");
		return -1;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (version > SCHEMA_VERSION) {
		err_set(err, errsz, "%s: the cache was written by a newer crier (schema %d, this one knows %d)",
			s->path, version, SCHEMA_VERSION);
		return -1;
	}
	if (upto < 0 || upto > SCHEMA_VERSION)
		upto = SCHEMA_VERSION;
	migrate_tell(s, version, upto, told, ctx);
	for (; version < upto; version++) {
		char pragma[64];
		if (store_exec(s, "BEGIN IMMEDIATE", err, errsz) != 0)
			return -1;
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", version + 1);
		if ((step_applies(s, version + 1) && store_exec(s, migrations[version], err, errsz) != 0)
		    || store_exec(s, pragma, err, errsz) != 0) {
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
		if (store_exec(s, "COMMIT", err, errsz) != 0)
			return -1;
	}
	return 0;
}
