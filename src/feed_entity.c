/* feed_entity: entities as the feed parser answers them: HTML names as a browser reads
 * them, internal-subset ones only when short plain text, nothing from outside. */
#include "config.h"
#include "feed_int.h"
#include "crier/html.h"

#include <stdlib.h>
#include <string.h>

#include <libxml/parserInternals.h>
#include <libxml/entities.h>

/* ---- entities ---- */

void feed_free_entity(void *payload, const xmlChar *name)
{
	xmlEntityPtr e = payload;
	(void)name;
	if (!e)
		return;
	free((char *)e->name);
	free(e->content);
	free(e);
}

void feed_free_str(void *payload, const xmlChar *name)
{
	(void)name;
	free(payload);
}

static xmlEntityPtr make_entity(const char *name, const char *content, int attr)
{
	xmlEntityPtr e = xcalloc(1, sizeof *e);
	e->type = XML_ENTITY_DECL;
	e->name = (xmlChar *)xstrdup(name);
	e->content = (xmlChar *)xstrdup(content);
	e->length = (int)strlen(content);
	/* In text, a "predefined" entity is handed to characters() as it is. In attribute
	 * values libxml2 copies only the first byte of those, so there we answer with an
	 * internal entity that is kept as "&name;" in the value and decoded by attr_value. */
	e->etype = attr ? XML_INTERNAL_GENERAL_ENTITY : XML_INTERNAL_PREDEFINED_ENTITY;
	e->checked = 2; /* nothing to check: plain text */
	e->owner = 0;
	return e;
}

xmlEntityPtr feed_on_get_entity(void *user, const xmlChar *name)
{
	struct feed_parser *p = user;
	int attr = p->ctxt && p->ctxt->instate == XML_PARSER_ATTRIBUTE_VALUE;
	xmlHashTablePtr h = attr ? p->aents : p->ents;
	xmlEntityPtr e = xmlHashLookup(h, name);
	char u[8];
	size_t n;
	const char *decl;
	KEEP_GOING(p);
	if (e)
		return e;
	if (p->ctxt && p->ctxt->inSubset)
		return NULL;
	n = html_entity_utf8((const char *)name, strlen((const char *)name), u);
	if (n) {
		u[n] = '\0';
		e = make_entity((const char *)name, u, attr);
	} else if ((decl = xmlHashLookup(p->decls, name)) != NULL) {
		/* declared in the internal subset as short plain text: expanded, within a
		 * budget, so a document cannot multiply itself */
		size_t len = strlen(decl);
		if (p->ent_total + len > MAX_ENTITY_TOTAL) {
			feed_warn(p, feed_line(p), "entity &%s; not expanded: too much expansion", name);
			return NULL;
		}
		p->ent_total += len;
		/* not cached: every use counts against the budget */
		e = make_entity((const char *)name, decl, attr);
		e->_private = p;
		feed_free_entity(xmlHashLookup(p->ents, BAD_CAST "\x01last"), NULL);
		xmlHashUpdateEntry(p->ents, BAD_CAST "\x01last", e, NULL);
		return e;
	} else {
		/* unknown: kept as text, as a browser shows it */
		char lit[80];
		feed_warn(p, feed_line(p), "undefined entity &%s; kept as text", name);
		snprintf(lit, sizeof lit, "&%s;", (const char *)name);
		/* in text, a "predefined" entity is handed on as it is: "&name;" literally; in
		 * an attribute value libxml2 keeps the reference, which stays undecoded */
		e = make_entity((const char *)name, lit, attr);
		/* not cached: a document of made-up names must not grow a table */
		feed_free_entity(xmlHashLookup(p->ents, BAD_CAST "\x01last"), NULL);
		xmlHashUpdateEntry(p->ents, BAD_CAST "\x01last", e, NULL);
		return e;
	}
	xmlHashAddEntry(h, name, e);
	return e;
}

void feed_on_entity_decl(void *user, const xmlChar *name, int type, const xmlChar *publicId,
			   const xmlChar *systemId, xmlChar *content)
{
	struct feed_parser *p = user;
	(void)publicId;
	if (type != XML_INTERNAL_GENERAL_ENTITY || systemId || !content) {
		feed_warn(p, feed_line(p), "entity %s is external or a parameter entity: ignored", name);
		return;
	}
	if (strlen((const char *)content) > MAX_ENTITY_LEN || strchr((const char *)content, '&') ||
	    strchr((const char *)content, '<') || strchr((const char *)content, '%')) {
		feed_warn(p, feed_line(p), "entity %s is not plain text: not expanded", name);
		return;
	}
	if (!xmlHashLookup(p->decls, name))
		xmlHashAddEntry(p->decls, name, xstrdup((const char *)content));
}
