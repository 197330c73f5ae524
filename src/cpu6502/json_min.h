/*
 * json_min.h - a small JSON reader (RFC 8259 subset good for test data) into a value tree.
 *
 * Model: json_parse() builds a tree of json_value nodes owned by the root; json_free() frees
 * it. Numbers are doubles; strings are NUL-terminated UTF-8 (\uXXXX escapes are decoded for
 * the Basic Multilingual Plane). Errors name the line and what was expected.
 *
 * Example
 *   char err[128];
 *   json_value *v = json_parse(text, len, err, sizeof err);
 *   if (!v) fprintf(stderr, "%s: %s\n", path, err);
 *   const json_value *pc = json_get(json_get(&v->items[0], "initial"), "pc");
 *   json_free(v);
 */
#ifndef JSON_MIN_H
#define JSON_MIN_H

#include <stddef.h>

typedef enum { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT } json_type;

typedef struct json_value {
    json_type type;
    double number;            /* JSON_NUMBER; JSON_BOOL as 0/1 */
    char *string;             /* JSON_STRING */
    struct json_value *items; /* JSON_ARRAY elements / JSON_OBJECT member values */
    char **keys;              /* JSON_OBJECT member names */
    size_t count;
} json_value;

/* Parse a whole document. Returns NULL and a message in err on malformed input. */
json_value *json_parse(const char *text, size_t len, char *err, size_t errlen);
void json_free(json_value *v);

/* Member of an object (NULL when v is not an object or has no such key). */
const json_value *json_get(const json_value *v, const char *key);

#endif
