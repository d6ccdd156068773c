/*
 * json_read.h - a parsed JSON document as a small tree of C values, for the
 * model's own files: model.json and scenario files.
 *
 * Parsing is simdjson's (its DOM API, in json_read.cpp); this only copies
 * the DOM into plain C structs so model_read.c and scenario.c can walk it
 * without C++. Documents here are small (a model file is a few hundred kB),
 * so the copy costs nothing that matters.
 *
 * How to use:
 *   struct jdoc *d = NULL;
 *   if (jdoc_parse(&d, buf, len, why, sizeof(why)) < 0) ...;   // buf padded
 *   const struct jv *v = jv_get(jdoc_root(d), "version");
 *   if (v && v->type == JV_NUMBER) use(v->num);
 *   jdoc_free(d);
 *
 * Everything belongs to the document. Not thread-safe per document.
 */
#ifndef TF_MODEL_JSON_READ_H
#define TF_MODEL_JSON_READ_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Readable bytes a buffer needs after its end (simdjson's padding). */
#define JDOC_PADDING 64

enum jv_type { JV_NULL = 0, JV_BOOL, JV_NUMBER, JV_STRING, JV_ARRAY, JV_OBJECT };

struct jv {
    int type;          /* enum jv_type */
    double num;        /* JV_NUMBER; JV_BOOL: 0 or 1 */
    const char *str;   /* JV_STRING: NUL-terminated */
    size_t n;          /* JV_STRING: length; JV_ARRAY, JV_OBJECT: number of items */
    struct jv *items;  /* JV_ARRAY elements, JV_OBJECT values */
    const char **keys; /* JV_OBJECT keys, NUL-terminated, in document order */
};

struct jdoc;

/*
 * Parses buf[0..len) (with JDOC_PADDING readable bytes after it). Returns 0
 * with *out set, -1 for invalid JSON (why: simdjson's message), -2 when out
 * of memory.
 */
int jdoc_parse(struct jdoc **out, const char *buf, size_t len, char *why, size_t why_len);

const struct jv *jdoc_root(const struct jdoc *d);

/* The value of `key` in an object, or NULL (absent, or `obj` is NULL or not an object). */
const struct jv *jv_get(const struct jv *obj, const char *key);

void jdoc_free(struct jdoc *d);

#ifdef __cplusplus
}
#endif
#endif
