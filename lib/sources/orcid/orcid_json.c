/*
 * orcid_json.c - ORCID JSON records (API v2.x and v3.0) through the
 * project's simdjson document reader (util/json.h).
 *
 * A JSON record is one API response, a few kB to a few MB, so it is parsed
 * whole. The shapes:
 *   v2.x  activities-summary.employments.employment-summary[]
 *   v3.0  activities-summary.employments.affiliation-group[].summaries[]
 *         .employment-summary
 * where a single affiliation-group (or summaries entry) may be an object
 * instead of an array, as some converters write one-element lists. A
 * document whose root has "employments" or "educations" is an activities
 * summary on its own (the /activities endpoint). Dates read
 * {"year":{"value":"2015"},"month":null}; last-modified-date is
 * {"value": milliseconds since 1970}. An error response has
 * "response-code" (and "error-code") at its root.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sources/orcid/orcid_doc.h"
#include "util/json.h"

/* A string, or a number written as text; "" otherwise. */
static void text_of(const struct tf_jv *v, char *out, size_t size)
{
    out[0] = '\0';
    if (v && v->type == TF_JV_STRING)
        orcid_copy_text(out, size, v->str, v->n);
    else if (v && v->type == TF_JV_NUMBER && fabs(v->num) < 1e15)
        snprintf(out, size, "%.0f", v->num);
}

/* {"value": x} as text; ORCID wraps most scalars so. */
static void value_of(const struct tf_jv *v, char *out, size_t size)
{
    text_of(v && v->type == TF_JV_OBJECT ? tf_jv_get(v, "value") : v, out, size);
}

static void modified(struct orcid_doc *d, const struct tf_jv *obj)
{
    const struct tf_jv *v = tf_jv_get(tf_jv_get(obj, "last-modified-date"), "value");
    if (v && v->type == TF_JV_NUMBER && v->num > 0 && v->num < 1e15)
        orcid_doc_modified(d, NULL, 0, (int64_t)v->num);
    else if (v && v->type == TF_JV_STRING)
        orcid_doc_modified(d, v->str, v->n, 0);
}

static void read_date(const struct tf_jv *v, struct orcid_date *out)
{
    out->present = v && v->type == TF_JV_OBJECT;
    value_of(tf_jv_get(v, "year"), out->year, sizeof(out->year));
    value_of(tf_jv_get(v, "month"), out->month, sizeof(out->month));
}

/* One employment-summary or education-summary object. */
static int read_summary(struct orcid_doc *d, const struct tf_jv *s, uint8_t kind, size_t group)
{
    if (!s || s->type != TF_JV_OBJECT)
        return 0;
    struct orcid_affil *a = orcid_doc_add(d, kind);
    if (!a)
        return TF_ERR_NOMEM;
    a->group = group;
    text_of(tf_jv_get(s, "put-code"), a->put_code, sizeof(a->put_code));
    read_date(tf_jv_get(s, "start-date"), &a->start);
    read_date(tf_jv_get(s, "end-date"), &a->end);
    value_of(tf_jv_get(s, "role-title"), a->role, sizeof(a->role));
    const struct tf_jv *org = tf_jv_get(s, "organization");
    value_of(tf_jv_get(tf_jv_get(org, "address"), "country"), a->country, sizeof(a->country));
    const struct tf_jv *dis = tf_jv_get(org, "disambiguated-organization");
    text_of(tf_jv_get(dis, "disambiguated-organization-identifier"), a->org_id, sizeof(a->org_id));
    text_of(tf_jv_get(dis, "disambiguation-source"), a->org_source, sizeof(a->org_source));
    modified(d, s);
    return 0;
}

/* The items of an array, or a lone object as one item. */
static size_t items(const struct tf_jv *v, const struct tf_jv **first)
{
    if (v && v->type == TF_JV_ARRAY) {
        *first = v->items;
        return v->n;
    }
    *first = v;
    return v && v->type == TF_JV_OBJECT ? 1 : 0;
}

/* v3.0: affiliation-group[] each with summaries[] of {"employment-summary": {...}}. */
static int read_groups(struct orcid_doc *d, const struct tf_jv *groups, const char *key,
                       uint8_t kind)
{
    const struct tf_jv *g;
    size_t ng = items(groups, &g);
    for (size_t i = 0; i < ng; i++) {
        const struct tf_jv *s;
        size_t ns = items(tf_jv_get(&g[i], "summaries"), &s);
        size_t group = d->n_groups++;
        modified(d, &g[i]);
        for (size_t k = 0; k < ns; k++) {
            int rc = read_summary(d, tf_jv_get(&s[k], key), kind, group);
            if (rc < 0)
                return rc;
        }
    }
    return 0;
}

/* "employments" or "educations": either generation. */
static int read_section(struct orcid_doc *d, const struct tf_jv *sec, const char *key, uint8_t kind)
{
    if (!sec || sec->type != TF_JV_OBJECT)
        return 0;
    modified(d, sec);
    const struct tf_jv *groups = tf_jv_get(sec, "affiliation-group");
    if (groups)
        return read_groups(d, groups, key, kind);
    const struct tf_jv *s;
    size_t n = items(tf_jv_get(sec, key), &s);
    for (size_t i = 0; i < n; i++) {
        int rc = read_summary(d, &s[i], kind, d->n_groups++);
        if (rc < 0)
            return rc;
    }
    return 0;
}

static void read_identity(struct orcid_doc *d, const struct tf_jv *root)
{
    value_of(tf_jv_get(tf_jv_get(root, "orcid-identifier"), "path"), d->orcid, sizeof(d->orcid));
    if (!d->orcid[0])
        value_of(tf_jv_get(root, "path"), d->orcid, sizeof(d->orcid));
    modified(d, tf_jv_get(root, "history"));
}

static int read_root(struct orcid_doc *d, const struct tf_jv *root)
{
    const struct tf_jv *acts = tf_jv_get(root, "activities-summary");
    if (root->type != TF_JV_OBJECT)
        return 0;
    if (tf_jv_get(root, "response-code") || tf_jv_get(root, "error-code")) {
        d->shape = ORCID_ERROR_BODY;
        return 0;
    }
    if (!acts && (tf_jv_get(root, "employments") || tf_jv_get(root, "educations")))
        acts = root; /* an activities summary on its own */
    if (!acts && !tf_jv_get(root, "orcid-identifier"))
        return 0;
    d->shape = ORCID_RECORD;
    read_identity(d, root);
    modified(d, acts);
    int rc = read_section(d, tf_jv_get(acts, "educations"), "education-summary", TF_KIND_EDUCATION);
    if (rc == 0)
        rc = read_section(d, tf_jv_get(acts, "employments"), "employment-summary",
                          TF_KIND_EMPLOYMENT);
    return rc;
}

int orcid_json_parse(struct orcid_doc *d, const char *buf, size_t len)
{
    struct tf_jdoc *doc = NULL;
    orcid_doc_reset(d);
    d->line = 1;
    int rc = tf_jdoc_parse(&doc, buf, len, d->why, sizeof(d->why));
    if (rc == -2)
        return TF_ERR_NOMEM;
    if (rc < 0) {
        d->shape = ORCID_MALFORMED;
        return 0;
    }
    rc = read_root(d, tf_jdoc_root(doc));
    tf_jdoc_free(doc);
    return rc;
}
