/*
 * json.cpp - simdjson's DOM copied into the C tree of json.h.
 *
 * Two passes over the DOM: the first counts nodes and string bytes, the
 * second fills one node array, one key array and one string block, so a
 * document is three allocations, kept and reused when it is parsed again
 * (tf_jdoc_reparse). simdjson's exceptions are compiled out; every
 * entry point also catches anything as a last defence, since nothing may
 * unwind into C.
 */
#define SIMDJSON_EXCEPTIONS 0
#include <simdjson.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string_view>

#include "util/json.h"

namespace dom = simdjson::dom;

static_assert(TF_JSON_PADDING >= simdjson::SIMDJSON_PADDING, "padding below simdjson's need");

struct tf_jdoc {
    dom::parser parser;
    struct tf_jv root;
    struct tf_jv *nodes = nullptr;
    const char **keys = nullptr;
    char *text = nullptr;
    size_t n_nodes = 0, n_keys = 0, n_text = 0; /* capacities, kept between parses */
};

namespace
{

struct counts {
    size_t nodes = 0, keys = 0, text = 0;
};

void count(dom::element e, counts &c)
{
    switch (e.type()) {
    case dom::element_type::ARRAY: {
        dom::array a;
        if (e.get_array().get(a))
            return;
        for (dom::element child : a) {
            c.nodes++;
            count(child, c);
        }
        return;
    }
    case dom::element_type::OBJECT: {
        dom::object o;
        if (e.get_object().get(o))
            return;
        for (dom::key_value_pair kv : o) {
            c.nodes++;
            c.keys++;
            c.text += kv.key.size() + 1;
            count(kv.value, c);
        }
        return;
    }
    case dom::element_type::STRING: {
        std::string_view s;
        if (!e.get_string().get(s))
            c.text += s.size() + 1;
        return;
    }
    default:
        return;
    }
}

struct filler {
    tf_jdoc *d;
    size_t node = 0, key = 0, text = 0;

    const char *copy(std::string_view s)
    {
        char *p = d->text + text;
        std::memcpy(p, s.data(), s.size());
        p[s.size()] = '\0';
        text += s.size() + 1;
        return p;
    }

    void scalar(dom::element e, tf_jv *v)
    {
        std::string_view s;
        bool b = false;
        switch (e.type()) {
        case dom::element_type::STRING:
            v->type = TF_JV_STRING;
            if (!e.get_string().get(s)) {
                v->str = copy(s);
                v->n = s.size();
            }
            return;
        case dom::element_type::BOOL:
            v->type = TF_JV_BOOL;
            if (!e.get_bool().get(b))
                v->num = b ? 1.0 : 0.0;
            return;
        case dom::element_type::NULL_VALUE:
            v->type = TF_JV_NULL;
            return;
        default:
            v->type = TF_JV_NUMBER;
            if (e.get_double().get(v->num))
                v->type = TF_JV_NULL;
            return;
        }
    }

    void fill(dom::element e, tf_jv *v)
    {
        std::memset(v, 0, sizeof(*v));
        dom::array a;
        dom::object o;
        if (e.type() == dom::element_type::ARRAY && !e.get_array().get(a)) {
            v->type = TF_JV_ARRAY;
            v->n = a.size();
            v->items = d->nodes + node;
            node += v->n;
            size_t i = 0;
            for (dom::element child : a)
                fill(child, &v->items[i++]);
        } else if (e.type() == dom::element_type::OBJECT && !e.get_object().get(o)) {
            v->type = TF_JV_OBJECT;
            v->n = o.size();
            v->items = d->nodes + node;
            v->keys = d->keys + key;
            node += v->n;
            key += v->n;
            size_t i = 0;
            for (dom::key_value_pair kv : o) {
                v->keys[i] = copy(kv.key);
                fill(kv.value, &v->items[i++]);
            }
        } else
            scalar(e, v);
    }
};

/* Makes room for `n` items of `size` bytes in *p (capacity *cap); the old contents are not kept. */
bool reserve(void **p, size_t *cap, size_t n, size_t size)
{
    if (n <= *cap)
        return true;
    std::free(*p);
    *p = std::malloc(n * size);
    *cap = *p ? n : 0;
    return *p != nullptr;
}

int parse(tf_jdoc *d, const char *buf, size_t len, char *why, size_t why_len)
{
    dom::element root;
    std::memset(&d->root, 0, sizeof(d->root)); /* a failed parse leaves a null root */
    simdjson::error_code ec = d->parser.parse(buf, len, false).get(root);
    if (ec) {
        std::snprintf(why, why_len, "%s", simdjson::error_message(ec));
        return ec == simdjson::MEMALLOC ? -2 : -1;
    }
    counts c;
    count(root, c);
    /* fill() sets every node, key and byte of text it hands out, so the arrays need no zeroing */
    if (!reserve(reinterpret_cast<void **>(&d->nodes), &d->n_nodes, c.nodes + 1, sizeof(tf_jv)) ||
        !reserve(reinterpret_cast<void **>(&d->keys), &d->n_keys, c.keys + 1, sizeof(char *)) ||
        !reserve(reinterpret_cast<void **>(&d->text), &d->n_text, c.text + 1, 1))
        return -2;
    filler f{d};
    f.fill(root, &d->root);
    return 0;
}

} // namespace

extern "C" int tf_jdoc_new(struct tf_jdoc **out)
{
    try {
        *out = new (std::nothrow) tf_jdoc;
        return *out ? 0 : -2;
    } catch (...) {
        *out = nullptr;
        return -2;
    }
}

extern "C" int tf_jdoc_reparse(struct tf_jdoc *d, const char *buf, size_t len, char *why,
                               size_t why_len)
{
    try {
        return parse(d, buf, len, why, why_len);
    } catch (...) {
        std::snprintf(why, why_len, "unexpected failure in the JSON parser");
        return -2;
    }
}

extern "C" int tf_jdoc_parse(struct tf_jdoc **out, const char *buf, size_t len, char *why,
                             size_t why_len)
{
    struct tf_jdoc *d = nullptr;
    *out = nullptr;
    if (tf_jdoc_new(&d) < 0) {
        std::snprintf(why, why_len, "out of memory");
        return -2;
    }
    int rc = tf_jdoc_reparse(d, buf, len, why, why_len);
    if (rc < 0) {
        tf_jdoc_free(d);
        return rc;
    }
    *out = d;
    return 0;
}

extern "C" const struct tf_jv *tf_jdoc_root(const struct tf_jdoc *d)
{
    return &d->root;
}

extern "C" const struct tf_jv *tf_jv_get(const struct tf_jv *obj, const char *key)
{
    if (!obj || obj->type != TF_JV_OBJECT)
        return nullptr;
    for (size_t i = 0; i < obj->n; i++)
        if (std::strcmp(obj->keys[i], key) == 0)
            return &obj->items[i];
    return nullptr;
}

extern "C" void tf_jdoc_free(struct tf_jdoc *d)
{
    if (!d)
        return;
    std::free(d->nodes);
    std::free(d->keys);
    std::free(d->text);
    delete d;
}
