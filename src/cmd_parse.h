/* cmd_parse: what `crier --parse` prints, as functions the tests and the fuzz harness
 * share: one JSON object for the feed, one per item (without the trailing newline). */
#ifndef CRIER_CMD_PARSE_H
#define CRIER_CMD_PARSE_H

#include "crier/feed.h"

void feed_info_json(struct sbuf *b, const struct feed_info *f);
void feed_item_json(struct sbuf *b, const struct feed_item *it);

#endif
