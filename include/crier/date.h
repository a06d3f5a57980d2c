/* date: the dates feeds and pages write (RFC 822 and its real-world variants, RFC 3339 /
 * ISO 8601 / W3CDTF, asctime) to UNIX seconds, UTC. */
#ifndef CRIER_DATE_H
#define CRIER_DATE_H

#include <stdint.h>
#include "crier/util.h"

/* UNIX seconds, or CRIER_NO_DATE when s cannot be read with certainty. */
int64_t date_parse(const char *s);

#endif
