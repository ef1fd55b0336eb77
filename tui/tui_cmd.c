// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * tui_cmd.c - the command layer: result lines, tokenizer, the command
 * table, dispatch, batch mode and the helpers the command files share.
 */
#include "tui_cmd.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "tui_util.h"

/* The command table: adding a command is one file and one line here. */
const struct tui_cmd *const tui_commands[] = {
	&tui_cmd_scan,
	&tui_cmd_info,
	&tui_cmd_agent,
	&tui_cmd_open,
	&tui_cmd_close,
	&tui_cmd_read,
	&tui_cmd_write,
	&tui_cmd_dump,
	&tui_cmd_cfg,
	&tui_cmd_int,
	&tui_cmd_kp,
	&tui_cmd_trace,
	&tui_cmd_help,
	&tui_cmd_quit,
	NULL
};

/* ---- Result lines ------------------------------------------------------- */

void tui_out_init(struct tui_out *o)
{
	memset(o, 0, sizeof(*o));
}

void tui_out_free(struct tui_out *o)
{
	free(o->fields);
	free(o->line);
	tui_lines_free(&o->before);
	memset(o, 0, sizeof(*o));
}

static bool tui_out_grow(struct tui_out *o, size_t more)
{
	size_t cap;
	char *p;

	if (o->len + more + 1 <= o->cap)
		return true;
	cap = o->cap ? o->cap : 128;
	while (cap < o->len + more + 1)
		cap *= 2;
	p = realloc(o->fields, cap);
	if (!p) {
		o->oom = true;
		return false;
	}
	o->fields = p;
	o->cap = cap;
	return true;
}

static void tui_out_append(struct tui_out *o, const char *s, size_t n)
{
	if (!tui_out_grow(o, n))
		return;
	memcpy(o->fields + o->len, s, n);
	o->len += n;
	o->fields[o->len] = '\0';
}

static bool tui_needs_quotes(const char *v)
{
	if (!*v)
		return true;
	for (; *v; v++)
		if (*v <= ' ' || *v >= 0x7f || *v == '"' || *v == '=' ||
		    *v == '\\')
			return true;
	return false;
}

/* Append @v, quoted and escaped if needed. */
static void tui_out_value_str(struct tui_out *o, const char *v)
{
	char esc[5];

	if (!tui_needs_quotes(v)) {
		tui_out_append(o, v, strlen(v));
		return;
	}
	tui_out_append(o, "\"", 1);
	for (; *v; v++) {
		if (*v == '"' || *v == '\\') {
			esc[0] = '\\';
			esc[1] = *v;
			tui_out_append(o, esc, 2);
		} else if ((unsigned char)*v < ' ' || (unsigned char)*v >= 0x7f) {
			snprintf(esc, sizeof(esc), "\\x%02x", (unsigned char)*v);
			tui_out_append(o, esc, 4);
		} else {
			tui_out_append(o, v, 1);
		}
	}
	tui_out_append(o, "\"", 1);
}

void tui_out_kv(struct tui_out *o, const char *key, const char *fmt, ...)
{
	va_list ap;
	char *v;

	va_start(ap, fmt);
	if (vasprintf(&v, fmt, ap) < 0) {
		va_end(ap);
		o->oom = true;
		return;
	}
	va_end(ap);
	tui_out_append(o, " ", 1);
	tui_out_append(o, key, strlen(key));
	tui_out_append(o, "=", 1);
	tui_out_value_str(o, v);
	free(v);
}

void tui_out_hex(struct tui_out *o, const char *key, const uint8_t *data,
		 size_t len)
{
	static const char digit[] = "0123456789abcdef";
	size_t i;

	tui_out_append(o, " ", 1);
	tui_out_append(o, key, strlen(key));
	tui_out_append(o, "=", 1);
	if (!len) {
		tui_out_append(o, "-", 1);
		return;
	}
	if (!tui_out_grow(o, 2 * len))
		return;
	for (i = 0; i < len; i++) {
		o->fields[o->len++] = digit[data[i] >> 4];
		o->fields[o->len++] = digit[data[i] & 0xf];
	}
	o->fields[o->len] = '\0';
}

int tui_out_error(struct tui_out *o, WDC_STATUS code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(o->msg, sizeof(o->msg), fmt, ap);
	va_end(ap);
	o->failed = true;
	o->code = code;
	return -1;
}

const char *tui_out_line(struct tui_out *o)
{
	struct tui_out tmp;
	int n;

	free(o->line);
	o->line = NULL;
	if (o->failed || o->oom) {
		tui_out_init(&tmp);
		if (o->failed)
			tui_out_kv(&tmp, "code", "0x%08x", (unsigned int)o->code);
		else
			tui_out_kv(&tmp, "code", "0x%08x",
				   WD_INSUFFICIENT_RESOURCES);
		tui_out_kv(&tmp, "msg", "%s", o->failed ? o->msg :
				 "out of memory while formatting the result");
		n = asprintf(&o->line, "error %s%s", o->name[0] ? o->name : "?",
			     tmp.fields ? tmp.fields : "");
		tui_out_free(&tmp);
	} else {
		n = asprintf(&o->line, "ok %s%s", o->name,
			     o->fields ? o->fields : "");
	}
	if (n < 0) {
		o->line = NULL;
		return "";
	}
	return o->line;
}

/* ---- Tokenizer ---------------------------------------------------------- */

static int tui_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int tui_tokenize(char *line, struct tui_args *a, char *err, size_t errlen)
{
	char *r = line, *w = line, q;
	int hi, lo;

	a->argc = 0;
	for (;;) {
		while (*r == ' ' || *r == '\t' || *r == '\r' || *r == '\n')
			r++;
		if (!*r || *r == '#')
			return 0;
		if (a->argc == TUI_CMD_MAX_ARGS) {
			snprintf(err, errlen, "too many words (at most %d)",
				 TUI_CMD_MAX_ARGS);
			return -1;
		}
		a->argv[a->argc] = w;
		a->quoted[a->argc] = false;
		while (*r && *r != ' ' && *r != '\t' && *r != '\r' &&
		       *r != '\n') {
			if (*r != '"' && *r != '\'') {
				*w++ = *r++;
				continue;
			}
			q = *r++;
			a->quoted[a->argc] = true;
			while (*r && *r != q) {
				if (q == '"' && *r == '\\') {
					r++;
					if (*r == '"' || *r == '\\') {
						*w++ = *r++;
					} else if (*r == 'x' &&
						   (hi = tui_hex_digit(r[1])) >= 0 &&
						   (lo = tui_hex_digit(r[2])) >= 0 &&
						   (hi || lo)) {
						*w++ = (char)(hi << 4 | lo);
						r += 3;
					} else {
						snprintf(err, errlen,
							 "bad escape in quotes "
							 "(use \\\" \\\\ \\xHH)");
						return -1;
					}
				} else {
					*w++ = *r++;
				}
			}
			if (!*r) {
				snprintf(err, errlen, "unterminated %c quote", q);
				return -1;
			}
			r++;
		}
		/* The word ends here; r may point at the blank w overwrites. */
		if (*r)
			r++;
		*w++ = '\0';
		a->argc++;
	}
}

/* ---- Helpers ------------------------------------------------------------ */

static void tui_usage_of(const struct tui_cmd *cmd, const char *prefix,
			 char *buf, size_t len)
{
	snprintf(buf, len, "%s%s%s%s", prefix, cmd->name,
		 cmd->args[0] ? " " : "", cmd->args);
}

int tui_need_args(const struct tui_args *a, int min, int max,
		  const struct tui_cmd *cmd, struct tui_out *o)
{
	char usage[160];

	if (a->argc >= min && a->argc <= max)
		return 0;
	tui_usage_of(cmd, "", usage, sizeof(usage));
	return tui_out_error(o, WD_INVALID_PARAMETER, "%s: usage: %s",
			     a->argc < min ? "missing arguments" :
					     "too many arguments", usage);
}

int tui_take_opts(struct tui_args *a, struct tui_opt *opts, int nopts,
		  struct tui_out *o)
{
	char *eq;
	int i, j, n = 0;

	for (i = 0; i < a->argc; i++) {
		eq = a->quoted[i] ? NULL : strchr(a->argv[i], '=');
		if (!eq) {
			a->argv[n] = a->argv[i];
			a->quoted[n++] = a->quoted[i];
			continue;
		}
		*eq = '\0';
		for (j = 0; j < nopts; j++)
			if (!strcmp(opts[j].key, a->argv[i]))
				break;
		if (j == nopts)
			return tui_out_error(o, WD_INVALID_PARAMETER,
					     "unknown option '%s'", a->argv[i]);
		opts[j].val = eq + 1;
	}
	a->argc = n;
	return 0;
}

int tui_arg_u64(const char *s, const char *what, uint64_t *v,
		struct tui_out *o)
{
	if (tui_parse_u64(s, v))
		return 0;
	return tui_out_error(o, WD_INVALID_PARAMETER,
			     "bad %s '%s': give a number, 0x... for hex", what, s);
}

int tui_arg_bar(const char *s, uint32_t *bar, struct tui_out *o)
{
	uint64_t v;

	if (!strncmp(s, "bar", 3))
		s += 3;
	if (!tui_parse_u64(s, &v) || v >= WDC_PCI_NUM_BARS)
		return tui_out_error(o, WD_INVALID_PARAMETER,
				     "bad BAR '%s': give 0 to 5", s);
	*bar = (uint32_t)v;
	return 0;
}

int tui_arg_width(const char *s, bool allow64, unsigned int *bytes,
		  struct tui_out *o)
{
	if (!strcmp(s, "8"))
		*bytes = 1;
	else if (!strcmp(s, "16"))
		*bytes = 2;
	else if (!strcmp(s, "32"))
		*bytes = 4;
	else if (!strcmp(s, "64") && allow64)
		*bytes = 8;
	else
		return tui_out_error(o, WD_INVALID_PARAMETER,
				     "bad width '%s': give 8, 16, 32%s (bits)", s,
				     allow64 ? " or 64" : "");
	return 0;
}

int tui_arg_dev(struct tui_model *m, const char *s, struct tui_pcidev **d,
		struct tui_out *o)
{
	long i = tui_model_find(m, s);

	if (i < 0)
		return tui_out_model_error(o, m);
	*d = &m->devs[i];
	return 0;
}

int tui_out_model_error(struct tui_out *o, const struct tui_model *m)
{
	return tui_out_error(o, m->err_status, "%s", m->err);
}

void tui_out_value(struct tui_out *o, const char *key, uint64_t v,
		   unsigned int width)
{
	tui_out_kv(o, key, "0x%0*llx", (int)width * 2, (unsigned long long)v);
}

void tui_out_bars(struct tui_out *o, const struct tui_bar *bars)
{
	char key[8];
	int i;

	for (i = 0; i < WDC_PCI_NUM_BARS; i++) {
		if (!bars[i].start && !bars[i].size)
			continue;
		snprintf(key, sizeof(key), "bar%d", i);
		tui_out_kv(o, key, "%s:0x%llx:0x%llx", tui_bar_type(bars[i].flags),
			   (unsigned long long)bars[i].start,
			   (unsigned long long)bars[i].size);
	}
}

/* ---- Dispatch ----------------------------------------------------------- */

static const struct tui_cmd *tui_find_cmd(const struct tui_cmd *const *tab,
					  const char *name)
{
	for (; *tab; tab++)
		if (!strcmp((*tab)->name, name))
			return *tab;
	return NULL;
}

/* The name of a word as a result NAME: only [a-z0-9_-] survive. */
static void tui_safe_name(const char *s, char *buf, size_t len)
{
	size_t i;

	for (i = 0; *s && i + 1 < len; s++)
		if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '_' || *s == '-')
			buf[i++] = *s;
	buf[i] = '\0';
	if (!i)
		snprintf(buf, len, "?");
}

static void tui_sub_names(const struct tui_cmd *cmd, char *buf, size_t len)
{
	const struct tui_cmd *const *s;
	size_t pos = 0;

	buf[0] = '\0';
	for (s = cmd->subs; *s; s++)
		tui_sbprintf(buf, len, &pos, "%s%s", pos ? ", " : "", (*s)->name);
}

int tui_cmd_exec(struct tui_model *m, const char *line, struct tui_out *out)
{
	const struct tui_cmd *cmd, *sub;
	struct tui_args a;
	char *copy, err[128], names[160];
	int rc, skip = 1;

	tui_out_free(out);
	copy = strdup(line);
	if (!copy) {
		snprintf(out->name, sizeof(out->name), "?");
		return tui_out_error(out, WD_INSUFFICIENT_RESOURCES,
				     "out of memory");
	}
	if (tui_tokenize(copy, &a, err, sizeof(err))) {
		snprintf(out->name, sizeof(out->name), "?");
		rc = tui_out_error(out, WD_INVALID_PARAMETER, "%s", err);
		goto out;
	}
	if (!a.argc) {
		rc = 1;
		goto out;
	}
	tui_safe_name(a.argv[0], out->name, sizeof(out->name));
	cmd = tui_find_cmd(tui_commands, a.argv[0]);
	if (!cmd) {
		rc = tui_out_error(out, WD_INVALID_PARAMETER,
				   "unknown command '%s' (help lists them)",
				   a.argv[0]);
		goto out;
	}
	if (cmd->subs) {
		tui_sub_names(cmd, names, sizeof(names));
		if (a.argc < 2) {
			rc = tui_out_error(out, WD_INVALID_PARAMETER,
					   "%s needs a subcommand: %s",
					   cmd->name, names);
			goto out;
		}
		sub = tui_find_cmd(cmd->subs, a.argv[1]);
		if (!sub) {
			rc = tui_out_error(out, WD_INVALID_PARAMETER,
					   "unknown %s subcommand '%s': %s",
					   cmd->name, a.argv[1], names);
			goto out;
		}
		snprintf(out->name, sizeof(out->name), "%s.%s", cmd->name,
			 sub->name);
		cmd = sub;
		skip = 2;
	}
	a.argc -= skip;
	memmove(a.argv, a.argv + skip, (size_t)a.argc * sizeof(a.argv[0]));
	memmove(a.quoted, a.quoted + skip, (size_t)a.argc * sizeof(a.quoted[0]));
	rc = cmd->run(m, &a, out) ? -1 : 0;
	if (!rc && out->oom)
		rc = -1;
out:
	free(copy);
	return rc;
}

int tui_batch(struct tui_model *m, FILE *in, const char *fname, FILE *out,
	      FILE *err)
{
	struct tui_out res;
	char *line = NULL;
	size_t cap = 0;
	unsigned long lineno = 0;
	int rc, status = 0;

	tui_out_init(&res);
	while (getline(&line, &cap, in) >= 0) {
		lineno++;
		rc = tui_cmd_exec(m, line, &res);
		if (rc > 0)
			continue;
		for (size_t i = 0; i < res.before.n; i++)
			fprintf(out, "%s\n", res.before.v[i]);
		fprintf(out, "%s\n", tui_out_line(&res));
		fflush(out);
		if (rc < 0) {
			fprintf(err, "wdtui: %s:%lu: %s: %s\n", fname, lineno,
				res.name, res.failed ? res.msg : "out of memory");
			status = 1;
			break;
		}
		if (res.quit)
			break;
	}
	if (!status && ferror(in)) {
		fprintf(err, "wdtui: %s: read error\n", fname);
		status = 1;
	}
	free(line);
	tui_out_free(&res);
	return status;
}

/* "  usage   summary" on one line when it fits 79 columns, else two. */
static int tui_help_command(struct tui_lines *out, const struct tui_cmd *cmd,
			    const char *prefix)
{
	char usage[160];

	tui_usage_of(cmd, prefix, usage, sizeof(usage));
	if (2 + 30 + 1 + strlen(cmd->summary) <= 79 && strlen(usage) <= 30)
		return tui_lines_add(out, "  %-30s %s", usage, cmd->summary);
	if (tui_lines_add(out, "  %s", usage))
		return -1;
	return tui_lines_add(out, "  %30s %s", "", cmd->summary);
}

int tui_help_commands(struct tui_lines *out)
{
	const struct tui_cmd *const *c, *const *s;
	char prefix[40];

	for (c = tui_commands; *c; c++) {
		if (!(*c)->subs) {
			if (tui_help_command(out, *c, ""))
				return -1;
			continue;
		}
		snprintf(prefix, sizeof(prefix), "%s ", (*c)->name);
		for (s = (*c)->subs; *s; s++)
			if (tui_help_command(out, *s, prefix))
				return -1;
	}
	return 0;
}
