/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

/*
 * A minimal streaming JSON writer: nested objects and arrays, strings
 * escaped, two-space indentation.
 */

#ifndef DISC_JSON_H
#define DISC_JSON_H

#include <stdbool.h>
#include <stdio.h>

#define DISC_JSON_DEPTH	16

struct disc_json {
	FILE *out;
	int depth;
	bool first[DISC_JSON_DEPTH];
	bool after_key;
};

void disc_json_init(struct disc_json *j, FILE *out);
void disc_json_obj_begin(struct disc_json *j);
void disc_json_obj_end(struct disc_json *j);
void disc_json_arr_begin(struct disc_json *j);
void disc_json_arr_end(struct disc_json *j);
void disc_json_key(struct disc_json *j, const char *key);
void disc_json_str(struct disc_json *j, const char *s);	/* NULL: null */
void disc_json_int(struct disc_json *j, long long v);
void disc_json_bool(struct disc_json *j, bool v);
void disc_json_null(struct disc_json *j);

/* key + value in one call */
void disc_json_kstr(struct disc_json *j, const char *key, const char *s);
void disc_json_kint(struct disc_json *j, const char *key, long long v);
void disc_json_kbool(struct disc_json *j, const char *key, bool v);
void disc_json_knull(struct disc_json *j, const char *key);

#endif /* DISC_JSON_H */
