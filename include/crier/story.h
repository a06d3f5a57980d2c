/* story: opening a story, in the core. Whether a teaser needs its page, fetching and
 * extracting the page, merging the feed's own media, storing the article, following a link.
 * The interface asks a story loader and draws what a story holds; it never runs the
 * pipeline itself. No terminal here: tests drive it with file:// pages. */
#ifndef CRIER_STORY_H
#define CRIER_STORY_H

#include <stddef.h>
#include <stdint.h>

struct article;
struct feed_item;
struct fetch;
struct store;
struct store_row;
struct story_loader;

/* A story being read: from the list (item_id set) or a page reached from a link. */
struct story {
	int64_t item_id;          /* 0 for a page opened from a link */
	struct feed_item *item;   /* the feed's item, for its Media RSS figures; may be NULL */
	char *feed_url;           /* decides whether file:// pages may load; may be NULL */
	char *page_url;           /* the page fetched, or being fetched */
	struct article *art;      /* never NULL: the cached page, the feed's text, or the page */
	int loading;              /* its page is on the way */
	unsigned version;         /* grows each time art is replaced: the reader redraws */
	struct story_loader *loader; /* the loader's own: do not touch */
};

/* May a story of the feed at feed_url load the page at page_url? 1 or 0. Pages come over
 * http(s); a file:// page only for a feed the user listed as file:// itself, inside the
 * directory tree that holds it (the offline demo). *allow_file tells the fetcher whether
 * the page is such a permitted file:// one. */
int story_page_allowed(const char *feed_url, const char *page_url, int *allow_file);

/* The fetch policy: does a story whose feed text is html need its page? policy is
 * "always", "short" (only a teaser: fewer than short_words words) or "never". */
int story_wants_page(const char *policy, const char *html, long short_words);

/* An article made of the feed's item (its text as the body, its media as figures), the
 * site named by site. Caller frees with article_free. */
struct article *story_article_from_item(const struct feed_item *it, const char *site);
/* A placeholder article for a link not fetched yet: the title (the URL when NULL) and the
 * summary as its body (escaped as HTML text). Caller frees with article_free. */
struct article *story_article_from_link(const char *url, const char *title, const char *summary);

/* Called when a page has ended: s the story that gets it (the newest opener; NULL when no
 * story waits any more), err NULL on success or a message naming the page. */
typedef void (*story_page_fn)(void *ctx, struct story *s, const char *url, const char *err);

/* A loader opens stories and fetches their pages on the caller's fetcher (the caller
 * polls it). store and fetch must outlive it. */
struct story_loader *story_loader_new(struct store *store, struct fetch *fetch);
/* Drops the pages still loading (without callbacks); stories still open stay valid. */
void story_loader_free(struct story_loader *l);
/* The article-fetch setting and the teaser word count (defaults "short" and 120). */
void story_loader_set_policy(struct story_loader *l, const char *policy, long short_words);
void story_loader_on_page(struct story_loader *l, story_page_fn fn, void *ctx);
/* How long storing a fetched page waits for another connection's write lock (ms; the
 * store's own wait when not set). A page it cannot store is shown all the same and
 * fetched again at its next opening: the interface never stops for a cache copy. */
void story_loader_set_put_wait(struct story_loader *l, int ms);
/* Pages being fetched. */
size_t story_loader_pending(const struct story_loader *l);

/* Opens the list's row: the cached article when there is one, else the feed's text and,
 * by the policy, its page on the way. NULL with err when the item is gone. A problem
 * with the page alone leaves the story open and fills err (else err is ""). */
struct story *story_open_row(struct story_loader *l, const struct store_row *row,
			     char *err, size_t errsz);
/* Opens a page reached from a link of a story of the feed at feed_url (may be NULL): the
 * cached article, else a placeholder of title and summary while the page loads. NULL
 * with err when crier may not load that URL. */
struct story *story_open_url(struct story_loader *l, const char *feed_url, const char *url,
			     const char *title, const char *summary, char *err, size_t errsz);
void story_free(struct story *s);

#endif
