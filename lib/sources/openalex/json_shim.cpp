/*
 * json_shim.cpp - simdjson On-Demand behind the C interface of json_shim.h.
 *
 * The only C++ in the library. simdjson's throwing API is compiled out
 * (SIMDJSON_EXCEPTIONS 0), so every call reports through an error code, the
 * arrays come from malloc, and each entry point still catches anything as a
 * last line of defence: nothing may unwind into C.
 *
 * On-Demand reads forward only. A document is walked by a small state
 * machine whose iterators live in struct tf_json between calls, so an API
 * page of 200 works hands them out one at a time without a second pass.
 */
#define SIMDJSON_EXCEPTIONS 0
#include <simdjson.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string_view>

#include "sources/openalex/json_shim.h"

namespace od = simdjson::ondemand;
using simdjson::error_code;

static_assert(TF_JSON_PADDING >= simdjson::SIMDJSON_PADDING, "padding below simdjson's need");

/* Overridable so the fuzz build does not pay for a large parser per input. */
#ifndef JSON_MIN_CAPACITY
#define JSON_MIN_CAPACITY (size_t(64) << 10)
#endif

namespace
{

/* A growable array of plain C structs, reused from work to work. */
template <typename T> struct vec {
    T *v = nullptr;
    size_t n = 0;
    size_t cap = 0;

    vec() = default;
    vec(const vec &) = delete;
    vec &operator=(const vec &) = delete;
    ~vec()
    {
        std::free(v);
    }

    /* Appends a zeroed element; nullptr when memory runs out. */
    T *push() noexcept
    {
        if (n == cap) {
            size_t c = cap ? cap * 2 : 16;
            if (c > SIZE_MAX / sizeof(T))
                return nullptr;
            void *p = std::realloc(v, c * sizeof(T));
            if (!p)
                return nullptr;
            v = static_cast<T *>(p);
            cap = c;
        }
        T *p = &v[n++];
        std::memset(static_cast<void *>(p), 0, sizeof(T));
        return p;
    }
};

enum state {
    S_DONE,    /* nothing (more) to read */
    S_START,   /* a document is open, its root not looked at yet */
    S_ROOT,    /* walking the root object's fields */
    S_RESULTS, /* walking "results" of an API page, then back to S_ROOT */
    S_ARRAY,   /* walking a root array of works */
};

/* Returned by the steps of the state machine when it should keep going. */
constexpr int STEP_AGAIN = 2;

/* Parser memory grows by doubling from MIN_CAPACITY up to here, then to the exact size. */
constexpr size_t MIN_CAPACITY = JSON_MIN_CAPACITY;
constexpr size_t DOUBLING_LIMIT = size_t(64) << 20;

} // namespace

struct tf_json {
    od::parser parser;
    od::document doc;
    size_t capacity = 0;
    const char *buf = nullptr;
    size_t len = 0;
    state st = S_DONE;
    bool page = false;         /* the root object had a "results" array */
    bool has_work_key = false; /* the object has publication_year or authorships */
    od::object_iterator root_it, root_end;
    od::array_iterator item_it, item_end;
    size_t offset = 0;
    const char *msg = "";
    tf_json_work work{};
    vec<tf_json_authorship> authorships;
    vec<tf_json_institution> institutions;
    vec<tf_json_val> countries;
    vec<tf_json_topic> topics;
    vec<tf_json_concept> concepts;
};

namespace
{

int status_of(error_code e)
{
    switch (e) {
    case simdjson::MEMALLOC:
    case simdjson::CAPACITY:
        return TF_JSON_NOMEM;
    case simdjson::UTF8_ERROR:
        return TF_JSON_BAD_UTF8;
    case simdjson::UNINITIALIZED:
    case simdjson::OUT_OF_ORDER_ITERATION:
    case simdjson::INSUFFICIENT_PADDING:
        return TF_JSON_INTERNAL;
    default:
        return TF_JSON_MALFORMED;
    }
}

/* Ends the document with failure `e`, pointing the offset at the trouble. */
int fail(tf_json &j, error_code e)
{
    const char *loc = nullptr;
    if (j.st != S_DONE && !j.doc.current_location().get(loc) && loc >= j.buf &&
        loc <= j.buf + j.len)
        j.offset = size_t(loc - j.buf);
    j.st = S_DONE;
    j.msg = simdjson::error_message(e);
    return status_of(e);
}

/* SUCCESS when the whole document has been consumed. */
error_code check_end(tf_json &j)
{
    const char *loc = nullptr;
    error_code e = j.doc.current_location().get(loc);
    if (e == simdjson::OUT_OF_BOUNDS)
        return simdjson::SUCCESS;
    return e ? e : simdjson::TRAILING_CONTENT;
}

error_code read_number(od::value v, tf_json_val *out)
{
    int64_t i = 0;
    error_code e = v.get_int64().get(i);
    if (!e) {
        out->kind = TF_JSON_INT;
        out->i = i;
        return e;
    }
    if (e == simdjson::NUMBER_ERROR)
        return e;
    /* A float or an integer past 64 bits: valid, but not an integer we use. */
    double d = 0;
    e = v.get_double().get(d);
    if (e == simdjson::NUMBER_ERROR)
        return e;
    out->kind = TF_JSON_OTHER;
    return simdjson::SUCCESS;
}

/* Reads a scalar into *out; an object or array is left for the parent to skip. */
error_code read_val(od::value v, tf_json_val *out)
{
    *out = tf_json_val{};
    od::json_type t;
    error_code e = v.type().get(t);
    if (e)
        return e;
    switch (t) {
    case od::json_type::null: {
        bool null = false;
        if ((e = v.is_null().get(null)))
            return e;
        if (!null)
            return simdjson::N_ATOM_ERROR;
        out->kind = TF_JSON_NULL;
        return e;
    }
    case od::json_type::string: {
        std::string_view s;
        if ((e = v.get_string().get(s)))
            return e;
        out->kind = TF_JSON_STRING;
        out->s = s.data();
        out->len = s.size();
        return e;
    }
    case od::json_type::number:
        return read_number(v, out);
    case od::json_type::boolean: {
        bool b = false;
        if ((e = v.get_bool().get(b)))
            return e;
        out->kind = TF_JSON_OTHER;
        return e;
    }
    default:
        out->kind = TF_JSON_OTHER;
        return e;
    }
}

/* A score: the number, or 0 when it is anything else. */
error_code read_score(od::value v, double *out)
{
    tf_json_val tmp{};
    od::json_type t;
    error_code e = v.type().get(t);
    if (e)
        return e;
    if (t != od::json_type::number)
        return read_val(v, &tmp);
    e = v.get_double().get(*out);
    return e == simdjson::NUMBER_ERROR ? e : simdjson::SUCCESS;
}

/*
 * Calls f(key, value) for each field when `v` is an object. Anything else is
 * checked as a scalar and otherwise ignored: an unexpected type where an
 * object belongs (null, mostly) is not an error.
 */
template <typename F> error_code each_field(od::value v, F &&f)
{
    od::json_type t;
    error_code e = v.type().get(t);
    if (e)
        return e;
    if (t != od::json_type::object) {
        tf_json_val tmp{};
        return read_val(v, &tmp);
    }
    od::object obj;
    if ((e = v.get_object().get(obj)))
        return e;
    for (auto res : obj) {
        od::field fld;
        if ((e = std::move(res).get(fld)))
            return e;
        if ((e = f(fld.key(), fld.value())))
            return e;
    }
    return simdjson::SUCCESS;
}

/* Calls f(element) for each element when `v` is an array; as each_field otherwise. */
template <typename F> error_code each_element(od::value v, F &&f)
{
    od::json_type t;
    error_code e = v.type().get(t);
    if (e)
        return e;
    if (t != od::json_type::array) {
        tf_json_val tmp{};
        return read_val(v, &tmp);
    }
    od::array arr;
    if ((e = v.get_array().get(arr)))
        return e;
    for (auto res : arr) {
        od::value elem;
        if ((e = std::move(res).get(elem)))
            return e;
        if ((e = f(elem)))
            return e;
    }
    return simdjson::SUCCESS;
}

/* The "id" of an object such as {"id": ..., "display_name": ...}. */
error_code read_id(od::value v, tf_json_val *out)
{
    return each_field(v, [out](od::raw_json_string k, od::value x) {
        return k == "id" ? read_val(x, out) : simdjson::SUCCESS;
    });
}

/* A source object: id, issn_l, display_name. */
error_code read_source(od::value v, tf_json_source *out)
{
    return each_field(v, [out](od::raw_json_string k, od::value x) {
        if (k == "id")
            return read_val(x, &out->id);
        if (k == "issn_l")
            return read_val(x, &out->issn_l);
        if (k == "display_name")
            return read_val(x, &out->name);
        return simdjson::SUCCESS;
    });
}

error_code read_location(od::value v, tf_json_source *out)
{
    return each_field(v, [out](od::raw_json_string k, od::value x) {
        return k == "source" ? read_source(x, out) : simdjson::SUCCESS;
    });
}

error_code read_institutions(tf_json &j, od::value v)
{
    return each_element(v, [&j](od::value x) {
        tf_json_institution *in = j.institutions.push();
        if (!in)
            return simdjson::MEMALLOC;
        return each_field(x, [in](od::raw_json_string k, od::value y) {
            if (k == "id")
                return read_val(y, &in->id);
            if (k == "country_code")
                return read_val(y, &in->country_code);
            return simdjson::SUCCESS;
        });
    });
}

error_code read_countries(tf_json &j, od::value v)
{
    return each_element(v, [&j](od::value x) {
        tf_json_val *c = j.countries.push();
        return c ? read_val(x, c) : simdjson::MEMALLOC;
    });
}

/* The author object of an authorship: its id and ORCID iD. */
error_code read_author(od::value v, tf_json_authorship *au)
{
    return each_field(v, [au](od::raw_json_string k, od::value x) {
        if (k == "id")
            return read_val(x, &au->author_id);
        if (k == "orcid")
            return read_val(x, &au->orcid);
        return simdjson::SUCCESS;
    });
}

/*
 * One authorship. Its institutions and countries are appended to the shared
 * arrays while it is read, so they form one contiguous run each.
 */
error_code read_authorship(tf_json &j, od::value v)
{
    if (!j.authorships.push())
        return simdjson::MEMALLOC;
    size_t a = j.authorships.n - 1;
    size_t inst0 = j.institutions.n, country0 = j.countries.n;
    error_code e = each_field(v, [&j, a](od::raw_json_string k, od::value x) {
        if (k == "author")
            return read_author(x, &j.authorships.v[a]);
        if (k == "institutions")
            return read_institutions(j, x);
        if (k == "countries")
            return read_countries(j, x);
        return simdjson::SUCCESS;
    });
    tf_json_authorship &au = j.authorships.v[a];
    au.inst = inst0;
    au.n_inst = j.institutions.n - inst0;
    au.country = country0;
    au.n_countries = j.countries.n - country0;
    return e;
}

error_code read_topic(tf_json &j, od::value v)
{
    tf_json_topic *t = j.topics.push();
    if (!t)
        return simdjson::MEMALLOC;
    return each_field(v, [t](od::raw_json_string k, od::value x) {
        if (k == "id")
            return read_val(x, &t->id);
        if (k == "score")
            return read_score(x, &t->score);
        if (k == "subfield")
            return read_id(x, &t->subfield);
        if (k == "field")
            return read_id(x, &t->field);
        if (k == "domain")
            return read_id(x, &t->domain);
        return simdjson::SUCCESS;
    });
}

error_code read_concept(tf_json &j, od::value v)
{
    tf_json_concept *c = j.concepts.push();
    if (!c)
        return simdjson::MEMALLOC;
    return each_field(v, [c](od::raw_json_string k, od::value x) {
        if (k == "id")
            return read_val(x, &c->id);
        if (k == "score")
            return read_score(x, &c->score);
        if (k == "level")
            return read_val(x, &c->level);
        return simdjson::SUCCESS;
    });
}

/* One field of a work object; unknown keys are left for the iterator to skip. */
error_code work_field(tf_json &j, od::raw_json_string k, od::value v)
{
    tf_json_work &w = j.work;
    if (k == "id")
        return read_val(v, &w.id);
    if (k == "publication_year") {
        j.has_work_key = true;
        return read_val(v, &w.year);
    }
    if (k == "authorships") {
        j.has_work_key = true;
        return each_element(v, [&j](od::value x) { return read_authorship(j, x); });
    }
    if (k == "cited_by_count")
        return read_val(v, &w.cited_by_count);
    if (k == "updated_date")
        return read_val(v, &w.updated);
    if (k == "primary_location")
        return read_location(v, &w.venue);
    if (k == "host_venue")
        return read_source(v, &w.host_venue);
    if (k == "topics")
        return each_element(v, [&j](od::value x) { return read_topic(j, x); });
    if (k == "concepts")
        return each_element(v, [&j](od::value x) { return read_concept(j, x); });
    return simdjson::SUCCESS;
}

void reset_work(tf_json &j, size_t offset)
{
    std::memset(static_cast<void *>(&j.work), 0, sizeof(j.work));
    j.work.offset = offset;
    j.has_work_key = false;
    j.authorships.n = j.institutions.n = j.countries.n = 0;
    j.topics.n = j.concepts.n = 0;
}

/* Points the work at the arrays (which may have moved while growing). */
int publish(tf_json &j, const tf_json_work **out)
{
    tf_json_work &w = j.work;
    w.authorships = j.authorships.v;
    w.n_authorships = j.authorships.n;
    w.institutions = j.institutions.v;
    w.n_institutions = j.institutions.n;
    w.countries = j.countries.v;
    w.n_countries = j.countries.n;
    w.topics = j.topics.v;
    w.n_topics = j.topics.n;
    w.concepts = j.concepts.v;
    w.n_concepts = j.concepts.n;
    j.offset = w.offset;
    *out = &w;
    return TF_JSON_WORK;
}

size_t root_offset(const tf_json &j)
{
    size_t i = 0;
    while (i < j.len &&
           (j.buf[i] == ' ' || j.buf[i] == '\t' || j.buf[i] == '\n' || j.buf[i] == '\r'))
        i++;
    return i;
}

/* A root scalar is valid JSON but never a work. */
int root_scalar(tf_json &j, od::json_type t)
{
    error_code e;
    switch (t) {
    case od::json_type::number: {
        double d;
        e = j.doc.get_double().get(d);
        break;
    }
    case od::json_type::string: {
        std::string_view s;
        e = j.doc.get_string().get(s);
        break;
    }
    case od::json_type::boolean: {
        bool b;
        e = j.doc.get_bool().get(b);
        break;
    }
    default: {
        bool null = false;
        e = j.doc.is_null().get(null);
        if (!e && !null)
            e = simdjson::N_ATOM_ERROR;
        break;
    }
    }
    if (!e)
        e = check_end(j);
    if (e)
        return fail(j, e);
    j.st = S_DONE;
    return TF_JSON_NOT_A_WORK;
}

int start(tf_json &j)
{
    od::json_type t;
    error_code e = j.doc.type().get(t);
    if (e)
        return fail(j, e);
    j.offset = root_offset(j);
    if (t == od::json_type::object) {
        od::object obj;
        if ((e = j.doc.get_object().get(obj)) || (e = obj.begin().get(j.root_it)) ||
            (e = obj.end().get(j.root_end)))
            return fail(j, e);
        reset_work(j, j.offset);
        j.st = S_ROOT;
        return STEP_AGAIN;
    }
    if (t == od::json_type::array) {
        od::array arr;
        if ((e = j.doc.get_array().get(arr)) || (e = arr.begin().get(j.item_it)) ||
            (e = arr.end().get(j.item_end)))
            return fail(j, e);
        j.st = S_ARRAY;
        return STEP_AGAIN;
    }
    return root_scalar(j, t);
}

/*
 * Walks the root object. A "results" array makes it an API page: its
 * elements are handed out by item_step, which comes back here for the keys
 * after it. Otherwise the root object is the work.
 */
int root_step(tf_json &j, const tf_json_work **out)
{
    error_code e;
    while (j.root_it != j.root_end) {
        od::field fld;
        if ((e = (*j.root_it).get(fld)))
            return fail(j, e);
        od::raw_json_string k = fld.key();
        if (k == "results") {
            od::json_type t;
            if ((e = fld.value().type().get(t)))
                return fail(j, e);
            if (t == od::json_type::array) {
                od::array arr;
                if ((e = fld.value().get_array().get(arr)) || (e = arr.begin().get(j.item_it)) ||
                    (e = arr.end().get(j.item_end)))
                    return fail(j, e);
                j.page = true;
                j.st = S_RESULTS;
                return STEP_AGAIN;
            }
        }
        if (!j.page && (e = work_field(j, k, fld.value())))
            return fail(j, e);
        ++j.root_it;
    }
    if ((e = check_end(j)))
        return fail(j, e);
    j.st = S_DONE;
    if (j.page)
        return TF_JSON_END;
    j.offset = j.work.offset;
    return j.has_work_key ? publish(j, out) : TF_JSON_NOT_A_WORK;
}

/* Hands out the next element of "results" or of a root array. */
int item_step(tf_json &j, const tf_json_work **out)
{
    error_code e;
    if (!(j.item_it != j.item_end)) {
        if (j.st == S_RESULTS) {
            j.st = S_ROOT;
            ++j.root_it;
            return STEP_AGAIN;
        }
        if ((e = check_end(j)))
            return fail(j, e);
        j.st = S_DONE;
        return TF_JSON_END;
    }
    od::value v;
    if ((e = (*j.item_it).get(v)))
        return fail(j, e);
    std::string_view tok = v.raw_json_token();
    size_t off =
        tok.data() >= j.buf && tok.data() <= j.buf + j.len ? size_t(tok.data() - j.buf) : j.offset;
    od::json_type t;
    if ((e = v.type().get(t)))
        return fail(j, e);
    reset_work(j, off);
    if (t == od::json_type::object) {
        e = each_field(v, [&j](od::raw_json_string k, od::value x) { return work_field(j, k, x); });
    } else {
        tf_json_val tmp{};
        e = read_val(v, &tmp);
    }
    if (e)
        return fail(j, e);
    ++j.item_it;
    j.offset = off;
    return j.has_work_key ? publish(j, out) : TF_JSON_NOT_A_WORK;
}

int next_work(tf_json &j, const tf_json_work **out)
{
    for (;;) {
        int rc;
        switch (j.st) {
        case S_START:
            rc = start(j);
            break;
        case S_ROOT:
            rc = root_step(j, out);
            break;
        case S_RESULTS:
        case S_ARRAY:
            rc = item_step(j, out);
            break;
        default:
            return TF_JSON_END;
        }
        if (rc != STEP_AGAIN)
            return rc;
    }
}

int open_doc(tf_json &j, const char *buf, size_t len)
{
    j.st = S_DONE;
    j.page = false;
    j.buf = buf;
    j.len = len;
    j.offset = 0;
    j.msg = "";
    if (len > j.capacity) {
        size_t want = j.capacity < DOUBLING_LIMIT ? j.capacity * 2 : 0;
        want = want > len ? want : len;
        want = want > MIN_CAPACITY ? want : MIN_CAPACITY;
        if (want > j.parser.max_capacity())
            want = len;
        error_code e = j.parser.allocate(want);
        if (e) {
            j.capacity = 0;
            j.msg = simdjson::error_message(e);
            return status_of(e);
        }
        j.capacity = want;
    }
    error_code e = j.parser.iterate(buf, len, len + TF_JSON_PADDING).get(j.doc);
    if (e) {
        j.msg = simdjson::error_message(e);
        return status_of(e);
    }
    j.st = S_START;
    return TF_JSON_END;
}

} // namespace

/* ---- the C interface ---------------------------------------------------- */

/*
 * Runs f() and turns any exception into TF_JSON_INTERNAL. simdjson's own
 * calls do not throw here; this only fences off the unforeseen.
 */
template <typename F> static int guarded(tf_json *j, F &&f) noexcept
{
#if defined(__cpp_exceptions)
    try {
        return f();
    } catch (...) {
        j->st = S_DONE;
        j->msg = "unexpected C++ exception";
        return TF_JSON_INTERNAL;
    }
#else
    (void)j;
    return f();
#endif
}

extern "C" int tf_json_new(struct tf_json **out)
{
    *out = new (std::nothrow) tf_json();
    return *out ? 0 : TF_JSON_NOMEM;
}

extern "C" int tf_json_open_doc(struct tf_json *j, const char *buf, size_t len)
{
    return guarded(j, [&] { return open_doc(*j, buf, len); });
}

extern "C" int tf_json_next_work(struct tf_json *j, const struct tf_json_work **out)
{
    return guarded(j, [&] { return next_work(*j, out); });
}

extern "C" size_t tf_json_offset(const struct tf_json *j)
{
    return j->offset;
}

extern "C" const char *tf_json_message(const struct tf_json *j)
{
    return j->msg;
}

extern "C" void tf_json_free(struct tf_json *j)
{
    delete j;
}
