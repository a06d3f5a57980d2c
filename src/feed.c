/* feed: RSS and Atom through libxml2's SAX2 push parser. Bytes go first through a small
 * filter (encoding to UTF-8, bad bytes and bare '&' / '<' repaired, control characters
 * dropped), then into libxml2, whose callbacks keep only a stack of elements and the
 * current item: memory follows the largest item, never the document.
 *
 * Safety: no DTD loading, no network, no external entities (no resolveEntity), entities
 * declared in an internal subset are expanded only when they are short plain text and
 * within a total budget; undeclared HTML entity names (&nbsp; &eacute;) are answered from
 * libxml2's HTML table as a browser would.
 *
 * This file holds the public calls and the warnings; feed_int.h says where the rest is. */
#include "config.h"
#include "feed_int.h"
#include "crier/html.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- warnings ---- */

void feed_warn(struct feed_parser *p, long line, const char *fmt, ...)
{
	char msg[CRIER_ERRSZ], full[CRIER_ERRSZ + 64];
	va_list ap;
	if (!p->cb.on_warning)
		return;
	if (++p->nwarn > MAX_WARNINGS) {
		if (p->nwarn == MAX_WARNINGS + 1) {
			snprintf(full, sizeof full, "%s: more problems; not reporting them", p->name);
			p->cb.on_warning(p->cb.ctx, full);
		}
		return;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	text_clean_line(msg);
	if (line > 0)
		snprintf(full, sizeof full, "%s:%ld: %s", p->name, line, msg);
	else
		snprintf(full, sizeof full, "%s: %s", p->name, msg);
	p->cb.on_warning(p->cb.ctx, full);
}

long feed_line(struct feed_parser *p)
{
	return p->ctxt && p->ctxt->input ? p->ctxt->input->line : 0;
}

static void on_xml_error(void *user, xmlErrorPtr e)
{
	xmlParserCtxtPtr ctxt = e ? e->ctxt : NULL;
	struct feed_parser *p = ctxt ? ctxt->_private : user;
	if (!p || !e)
		return;
	if (e->domain == XML_FROM_PARSER || e->domain == XML_FROM_NAMESPACE ||
	    e->domain == XML_FROM_IO || e->domain == XML_FROM_I18N) {
		if (e->code == XML_ERR_TAG_NAME_MISMATCH)
			p->end_mismatch = 1; /* feed_on_end, called next, closes what the tag names */
		if (e->code == XML_ERR_UNDECLARED_ENTITY || e->code == XML_WAR_UNDECLARED_ENTITY)
			; /* reported by our own getEntity */
		else if (e->code == XML_ERR_DOCUMENT_END && p->finishing)
			feed_warn(p, e->line, "the document breaks off before its end%s",
			     p->in_item ? ": the item being read is lost" : "");
		else
			feed_warn(p, e->line, "%s", e->message ? e->message : "parse error");
	}
}

/* libxml2 stops handing out entity references (even &amp;) once a document is known to
 * be ill-formed. We recover from errors instead, so every callback says "still fine";
 * the warnings already told the user. */
#define KEEP_GOING(p) do { if ((p)->ctxt) (p)->ctxt->wellFormed = 1; } while (0)

/* ---- public API ---- */

struct feed_parser *feed_parser_new(const char *doc_url, const char *name,
				    const struct feed_callbacks *cb)
{
	struct feed_parser *p = xcalloc(1, sizeof *p);
	xmlInitParser();
	p->doc_url = doc_url && *doc_url ? xstrdup(doc_url) : NULL;
	p->name = xstrdup(name ? name : doc_url ? doc_url : "feed");
	if (cb)
		p->cb = *cb;
	p->cd = (iconv_t)-1;
	memset(&p->sax, 0, sizeof p->sax);
	p->sax.initialized = XML_SAX2_MAGIC;
	p->sax.startElementNs = feed_on_start;
	p->sax.endElementNs = feed_on_end;
	p->sax.characters = feed_on_chars;
	p->sax.cdataBlock = feed_on_chars;
	p->sax.ignorableWhitespace = feed_on_chars;
	p->sax.getEntity = feed_on_get_entity;
	p->sax.entityDecl = feed_on_entity_decl;
	p->sax.serror = on_xml_error;
	/* no resolveEntity, externalSubset, getParameterEntity: nothing outside the
	 * document is ever read */
	p->ents = xmlHashCreate(64);
	p->aents = xmlHashCreate(16);
	p->decls = xmlHashCreate(16);
	return p;
}

void feed_parser_set_charset(struct feed_parser *p, const char *charset)
{
	if (p->started)
		return;
	free(p->charset);
	p->charset = charset && *charset ? xstrdup(charset) : NULL;
}

int feed_parser_push(struct feed_parser *p, const char *buf, size_t len, char *err, size_t errsz)
{
	if (p->failed) {
		err_set(err, errsz, "%s", p->errbuf);
		return -1;
	}
	if (p->stopped) {
		err_set(err, errsz, "%s: stopped", p->name);
		return -1;
	}
	if (p->is_json) {
		if (feed_json_push(p, buf, len) < 0) {
			err_set(err, errsz, "%s", p->errbuf);
			return -1;
		}
		return 0;
	}
	if (!p->started) {
		sbuf_add(&p->head, buf, len);
		if (feed_json_start(p->head.s, p->head.len)) {
			/* a JSON Feed: read whole at the end */
			p->is_json = 1;
			p->started = 1;
			if (feed_json_push(p, p->head.s, p->head.len) < 0) {
				err_set(err, errsz, "%s", p->errbuf);
				return -1;
			}
			sbuf_free(&p->head);
			return 0;
		}
		/* the encoding is known once the XML declaration (or the first tag) ended */
		if (p->head.len < 1024 && !memchr(p->head.s, '>', p->head.len))
			return 0;
		if (feed_input_start(p, p->errbuf, sizeof p->errbuf) < 0) {
			p->failed = 1;
			err_set(err, errsz, "%s", p->errbuf);
			return -1;
		}
		goto check;
	}
	feed_input_bytes(p, buf, len, 0);
check:
	if (p->stopped) {
		err_set(err, errsz, "%s: stopped", p->name);
		return -1;
	}
	if (p->root_seen && !p->is_feed) {
		err_set(err, errsz, "%s: not an RSS or Atom feed", p->name);
		p->failed = 1;
		snprintf(p->errbuf, sizeof p->errbuf, "%s: not an RSS or Atom feed", p->name);
		xmlStopParser(p->ctxt);
		return -1;
	}
	return 0;
}

int feed_parser_finish(struct feed_parser *p, char *err, size_t errsz)
{
	if (p->failed) {
		err_set(err, errsz, "%s", p->errbuf);
		return -1;
	}
	if (p->is_json)
		return feed_json_finish(p, err, errsz);
	if (!p->started) {
		if (p->head.len == 0) {
			err_set(err, errsz, "%s: empty, no feed in it", p->name);
			return -1;
		}
		if (feed_input_start(p, err, errsz) < 0)
			return -1;
	}
	p->finishing = 1;
	if (!p->stopped) {
		feed_input_bytes(p, "", 0, 1);
		if (p->ncarry) {
			feed_input_parse(p, p->carry, p->ncarry, 0);
			p->ncarry = 0;
		}
		feed_input_parse(p, NULL, 0, 1);
	}
	if (p->stopped) {
		err_set(err, errsz, "%s: stopped", p->name);
		return -1;
	}
	if (!p->is_feed) {
		err_set(err, errsz, "%s: no RSS or Atom feed found", p->name);
		return -1;
	}
	if (p->in_item && p->depth > 0) {
		/* the document broke off inside an item: what was read of it is lost */
		p->in_item = 0;
	}
	if (!p->feed_sent && feed_emit_info(p))
		return err_set(err, errsz, "%s: stopped", p->name), -1;
	return 0;
}

void feed_parser_free(struct feed_parser *p)
{
	if (!p)
		return;
	if (p->ctxt) {
		/* libxml2 keeps internal-subset entities in a stand-in document even in SAX
		 * mode ("expat compatibility"); it is ours to free */
		if (p->ctxt->myDoc)
			xmlFreeDoc(p->ctxt->myDoc);
		p->ctxt->myDoc = NULL;
		xmlFreeParserCtxt(p->ctxt);
	}
	if (p->cd != (iconv_t)-1)
		iconv_close(p->cd);
	while (p->depth) {
		struct elem *e = &p->stack[--p->depth];
		if (e->own_base)
			free(e->base);
	}
	free(p->stack);
	feed_item_reset(p);
	feed_slots_free(&p->feed);
	xmlHashFree(p->ents, feed_free_entity);
	xmlHashFree(p->aents, feed_free_entity);
	xmlHashFree(p->decls, feed_free_str);
	sbuf_free(&p->json);
	sbuf_free(&p->head);
	sbuf_free(&p->conv);
	sbuf_free(&p->filt);
	sbuf_free(&p->cap);
	sbuf_free(&p->tmp);
	sbuf_free(&p->tmp2);
	free(p->doc_url);
	free(p->name);
	free(p->charset);
	free(p->root_uri);
	free(p);
}

