/*
 * json.h - JSON in the library: the padding every simdjson buffer needs, and
 * a parsed document as a small tree of C values for the small files the
 * library reads whole (model.json, scenario files).
 *
 * Parsing is simdjson's (its DOM API, in json.cpp); this only copies the DOM
 * into plain C structs so C code can walk it without C++. Documents here are
 * small (a model file is a few hundred kB), so the copy costs nothing that
 * matters. Streams of large documents (OpenAlex works) use simdjson's
 * On-Demand API in their reader instead (sources/openalex/json_shim.h),
 * with the same padding.
 *
 * How to use:
 *   struct tf_jdoc *d = NULL;
 *   if (tf_jdoc_parse(&d, buf, len, why, sizeof(why)) < 0) ...;   // buf padded
 *   const struct tf_jv *v = tf_jv_get(tf_jdoc_root(d), "version");
 *   if (v && v->type == TF_JV_NUMBER) use(v->num);
 *   tf_jdoc_free(d);
 *
 * Everything belongs to the document. Not thread-safe per document.
 */
#ifndef TF_UTIL_JSON_H
#define TF_UTIL_JSON_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Readable bytes a buffer needs after its end (simdjson's SIMDJSON_PADDING). */
#define TF_JSON_PADDING 64

enum tf_jv_type {
    TF_JV_NULL = 0,
    TF_JV_BOOL,
    TF_JV_NUMBER,
    TF_JV_STRING,
    TF_JV_ARRAY,
    TF_JV_OBJECT
};

struct tf_jv {
    int type;            /* enum tf_jv_type */
    double num;          /* TF_JV_NUMBER; TF_JV_BOOL: 0 or 1 */
    const char *str;     /* TF_JV_STRING: NUL-terminated */
    size_t n;            /* TF_JV_STRING: length; TF_JV_ARRAY, TF_JV_OBJECT: number of items */
    struct tf_jv *items; /* TF_JV_ARRAY elements, TF_JV_OBJECT values */
    const char **keys;   /* TF_JV_OBJECT keys, NUL-terminated, in document order */
};

struct tf_jdoc;

/*
 * Parses buf[0..len) (with TF_JSON_PADDING readable bytes after it). Returns 0
 * with *out set, -1 for invalid JSON (why: simdjson's message), -2 when out
 * of memory.
 */
int tf_jdoc_parse(struct tf_jdoc **out, const char *buf, size_t len, char *why, size_t why_len);

/*
 * For many documents in turn (one per line of a large file): tf_jdoc_new
 * makes an empty document (a null root), and tf_jdoc_reparse parses
 * buf[0..len) into it, as tf_jdoc_parse does, reusing the memory of the
 * previous parse, so steady state allocates nothing. Every value of the
 * previous document is invalid afterwards; after a failure the root is null.
 * Both return 0, -1 (invalid JSON, reparse only) or -2 (out of memory).
 */
int tf_jdoc_new(struct tf_jdoc **out);
int tf_jdoc_reparse(struct tf_jdoc *d, const char *buf, size_t len, char *why, size_t why_len);

const struct tf_jv *tf_jdoc_root(const struct tf_jdoc *d);

/* The value of `key` in an object, or NULL (absent, or `obj` is NULL or not an object). */
const struct tf_jv *tf_jv_get(const struct tf_jv *obj, const char *key);

void tf_jdoc_free(struct tf_jdoc *d);

#ifdef __cplusplus
}
#endif
#endif
