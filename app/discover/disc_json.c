/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The netdma authors
 */

#include "disc_json.h"

void
disc_json_init(struct disc_json *j, FILE *out)
{
	j->out = out;
	j->depth = 0;
	j->first[0] = true;
	j->after_key = false;
}

static void
disc_json_indent(struct disc_json *j)
{
	int i;

	fputc('\n', j->out);
	for (i = 0; i < j->depth; i++)
		fputs("  ", j->out);
}

/* Separator and indentation before a value or a key. */
static void
disc_json_pre(struct disc_json *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth == 0)
		return;
	if (!j->first[j->depth])
		fputc(',', j->out);
	j->first[j->depth] = false;
	disc_json_indent(j);
}

static void
disc_json_open(struct disc_json *j, char c)
{
	disc_json_pre(j);
	fputc(c, j->out);
	if (j->depth < DISC_JSON_DEPTH - 1)
		j->depth++;
	j->first[j->depth] = true;
}

static void
disc_json_close(struct disc_json *j, char c)
{
	bool empty = j->first[j->depth];

	if (j->depth > 0)
		j->depth--;
	if (!empty)
		disc_json_indent(j);
	fputc(c, j->out);
	if (j->depth == 0)
		fputc('\n', j->out);
}

void
disc_json_obj_begin(struct disc_json *j)
{
	disc_json_open(j, '{');
}

void
disc_json_obj_end(struct disc_json *j)
{
	disc_json_close(j, '}');
}

void
disc_json_arr_begin(struct disc_json *j)
{
	disc_json_open(j, '[');
}

void
disc_json_arr_end(struct disc_json *j)
{
	disc_json_close(j, ']');
}

static void
disc_json_raw_str(struct disc_json *j, const char *s)
{
	const unsigned char *p;

	fputc('"', j->out);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", j->out);
			break;
		case '\\':
			fputs("\\\\", j->out);
			break;
		case '\n':
			fputs("\\n", j->out);
			break;
		case '\t':
			fputs("\\t", j->out);
			break;
		default:
			if (*p < 0x20)
				fprintf(j->out, "\\u%04x", *p);
			else
				fputc(*p, j->out);
		}
	}
	fputc('"', j->out);
}

void
disc_json_key(struct disc_json *j, const char *key)
{
	disc_json_pre(j);
	disc_json_raw_str(j, key);
	fputs(": ", j->out);
	j->after_key = true;
}

void
disc_json_str(struct disc_json *j, const char *s)
{
	if (s == NULL) {
		disc_json_null(j);
		return;
	}
	disc_json_pre(j);
	disc_json_raw_str(j, s);
}

void
disc_json_int(struct disc_json *j, long long v)
{
	disc_json_pre(j);
	fprintf(j->out, "%lld", v);
}

void
disc_json_bool(struct disc_json *j, bool v)
{
	disc_json_pre(j);
	fputs(v ? "true" : "false", j->out);
}

void
disc_json_null(struct disc_json *j)
{
	disc_json_pre(j);
	fputs("null", j->out);
}

void
disc_json_kstr(struct disc_json *j, const char *key, const char *s)
{
	disc_json_key(j, key);
	disc_json_str(j, s);
}

void
disc_json_kint(struct disc_json *j, const char *key, long long v)
{
	disc_json_key(j, key);
	disc_json_int(j, v);
}

void
disc_json_kbool(struct disc_json *j, const char *key, bool v)
{
	disc_json_key(j, key);
	disc_json_bool(j, v);
}

void
disc_json_knull(struct disc_json *j, const char *key)
{
	disc_json_key(j, key);
	disc_json_null(j);
}
