/*
 * json_min.c - recursive-descent JSON parser (see json_min.h).
 */
#include "json_min.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 64

typedef struct {
    const char *p, *end, *start;
    char *err;
    size_t errlen;
    int failed;
} parser;

static int line_of(const parser *ps)
{
    int line = 1;
    for (const char *q = ps->start; q < ps->p; q++)
        line += *q == '\n';
    return line;
}

static int fail(parser *ps, const char *fmt, ...)
{
    if (!ps->failed) {
        char msg[96];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(msg, sizeof msg, fmt, ap);
        va_end(ap);
        snprintf(ps->err, ps->errlen, "malformed JSON at line %d: %s", line_of(ps), msg);
        ps->failed = 1;
    }
    return -1;
}

static void skip_ws(parser *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' || *ps->p == '\r'))
        ps->p++;
}

static void free_children(json_value *v)
{
    for (size_t k = 0; k < v->count; k++) {
        free_children(&v->items[k]);
        if (v->keys)
            free(v->keys[k]);
    }
    free(v->items);
    free(v->keys);
    free(v->string);
}

static void put_utf8(char *out, size_t *n, unsigned cp)
{
    if (cp < 0x80) {
        out[(*n)++] = (char)cp;
    } else if (cp < 0x800) {
        out[(*n)++] = (char)(0xC0 | cp >> 6);
        out[(*n)++] = (char)(0x80 | (cp & 0x3F));
    } else {
        out[(*n)++] = (char)(0xE0 | cp >> 12);
        out[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[(*n)++] = (char)(0x80 | (cp & 0x3F));
    }
}

static char *parse_string(parser *ps)
{
    ps->p++; /* opening quote */
    const char *q = ps->p;
    while (q < ps->end && *q != '"')
        q += (*q == '\\') ? 2 : 1;
    if (q >= ps->end) {
        fail(ps, "unterminated string");
        return NULL;
    }
    char *out = malloc((size_t)(q - ps->p) * 3 + 1); /* \u escapes expand to at most 3 bytes */
    if (!out) {
        fail(ps, "out of memory");
        return NULL;
    }
    size_t n = 0;
    while (*ps->p != '"') {
        char ch = *ps->p++;
        if ((unsigned char)ch < 0x20) {
            free(out);
            fail(ps, "control character in string");
            return NULL;
        }
        if (ch != '\\') {
            out[n++] = ch;
            continue;
        }
        ch = *ps->p++;
        switch (ch) {
        case '"': case '\\': case '/': out[n++] = ch; break;
        case 'b': out[n++] = '\b'; break;
        case 'f': out[n++] = '\f'; break;
        case 'n': out[n++] = '\n'; break;
        case 'r': out[n++] = '\r'; break;
        case 't': out[n++] = '\t'; break;
        case 'u': {
            unsigned cp = 0;
            for (int k = 0; k < 4; k++) {
                char h = ps->p < ps->end ? *ps->p++ : 0;
                int d = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10
                      : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
                if (d < 0) {
                    free(out);
                    fail(ps, "bad \\u escape");
                    return NULL;
                }
                cp = cp << 4 | (unsigned)d;
            }
            put_utf8(out, &n, cp);
            break;
        }
        default:
            free(out);
            fail(ps, "bad escape '\\%c'", ch);
            return NULL;
        }
    }
    ps->p++; /* closing quote */
    out[n] = '\0';
    return out;
}

static int parse_value(parser *ps, json_value *v, int depth);

/* Append a zeroed slot to an array/object node; returns its index or -1. */
static long grow(parser *ps, json_value *v, size_t *cap, int with_key)
{
    if (v->count == *cap) {
        size_t ncap = *cap ? *cap * 2 : 4;
        json_value *items = realloc(v->items, ncap * sizeof *items);
        if (!items)
            return fail(ps, "out of memory");
        v->items = items;
        if (with_key) {
            char **keys = realloc(v->keys, ncap * sizeof *keys);
            if (!keys)
                return fail(ps, "out of memory");
            v->keys = keys;
        }
        *cap = ncap;
    }
    memset(&v->items[v->count], 0, sizeof v->items[0]);
    if (with_key)
        v->keys[v->count] = NULL;
    return (long)v->count++;
}

static int parse_container(parser *ps, json_value *v, int depth, int is_object)
{
    char close = is_object ? '}' : ']';
    size_t cap = 0;
    v->type = is_object ? JSON_OBJECT : JSON_ARRAY;
    ps->p++;
    skip_ws(ps);
    if (ps->p < ps->end && *ps->p == close) {
        ps->p++;
        return 0;
    }
    for (;;) {
        long k = grow(ps, v, &cap, is_object);
        if (k < 0)
            return -1;
        skip_ws(ps);
        if (is_object) {
            if (ps->p >= ps->end || *ps->p != '"')
                return fail(ps, "expected a member name");
            if (!(v->keys[k] = parse_string(ps)))
                return -1;
            skip_ws(ps);
            if (ps->p >= ps->end || *ps->p != ':')
                return fail(ps, "expected ':'");
            ps->p++;
        }
        if (parse_value(ps, &v->items[k], depth + 1) < 0)
            return -1;
        skip_ws(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
            continue;
        }
        if (ps->p < ps->end && *ps->p == close) {
            ps->p++;
            return 0;
        }
        return fail(ps, "expected ',' or '%c'", close);
    }
}

static int parse_literal(parser *ps, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
        return fail(ps, "unexpected character '%c'", *ps->p);
    ps->p += n;
    return 0;
}

static int parse_number(parser *ps, json_value *v)
{
    const char *q = ps->p;
    if (q < ps->end && *q == '-')
        q++;
    if (q >= ps->end || *q < '0' || *q > '9')
        return fail(ps, "bad number");
    while (q < ps->end && ((*q >= '0' && *q <= '9') || *q == '.' || *q == 'e' || *q == 'E' ||
                           *q == '+' || *q == '-'))
        q++;
    char buf[64];
    size_t n = (size_t)(q - ps->p);
    if (n >= sizeof buf)
        return fail(ps, "number too long");
    memcpy(buf, ps->p, n);
    buf[n] = '\0';
    char *endp;
    v->number = strtod(buf, &endp);
    if (*endp != '\0')
        return fail(ps, "bad number '%s'", buf);
    v->type = JSON_NUMBER;
    ps->p = q;
    return 0;
}

static int parse_value(parser *ps, json_value *v, int depth)
{
    if (depth > MAX_DEPTH)
        return fail(ps, "nesting deeper than %d", MAX_DEPTH);
    skip_ws(ps);
    if (ps->p >= ps->end)
        return fail(ps, "unexpected end of input");
    switch (*ps->p) {
    case '{': return parse_container(ps, v, depth, 1);
    case '[': return parse_container(ps, v, depth, 0);
    case '"':
        v->type = JSON_STRING;
        return (v->string = parse_string(ps)) ? 0 : -1;
    case 't': v->type = JSON_BOOL; v->number = 1; return parse_literal(ps, "true");
    case 'f': v->type = JSON_BOOL; return parse_literal(ps, "false");
    case 'n': v->type = JSON_NULL; return parse_literal(ps, "null");
    default: return parse_number(ps, v);
    }
}

json_value *json_parse(const char *text, size_t len, char *err, size_t errlen)
{
    parser ps = {text, text + len, text, err, errlen, 0};
    json_value *root = calloc(1, sizeof *root);
    if (!root) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    if (parse_value(&ps, root, 0) == 0) {
        skip_ws(&ps);
        if (ps.p == ps.end)
            return root;
        fail(&ps, "trailing characters after the document");
    }
    json_free(root);
    return NULL;
}

void json_free(json_value *v)
{
    if (v) {
        free_children(v);
        free(v);
    }
}

const json_value *json_get(const json_value *v, const char *key)
{
    if (!v || v->type != JSON_OBJECT)
        return NULL;
    for (size_t k = 0; k < v->count; k++)
        if (strcmp(v->keys[k], key) == 0)
            return &v->items[k];
    return NULL;
}
