/*
 * orcid_doc.c - the parsed ORCID record both parsers fill, and the small
 * text helpers they share.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sources/orcid/orcid_doc.h"
#include "util/buf.h"

void orcid_doc_reset(struct orcid_doc *d)
{
    d->shape = ORCID_NOT_RECORD;
    d->line = 0;
    d->orcid[0] = d->modified[0] = d->why[0] = '\0';
    d->modified_year = 0;
    d->why_line = 0;
    d->n_groups = 0;
    d->n_affils = 0;
}

void orcid_doc_release(struct orcid_doc *d)
{
    free(d->affils);
    d->affils = NULL;
    d->cap_affils = 0;
    orcid_doc_reset(d);
}

struct orcid_affil *orcid_doc_add(struct orcid_doc *d, uint8_t kind)
{
    if (tf_grow((void **)&d->affils, &d->cap_affils, d->n_affils + 1, sizeof(*d->affils)) < 0)
        return NULL;
    struct orcid_affil *a = &d->affils[d->n_affils++];
    memset(a, 0, sizeof(*a));
    a->kind = kind;
    return a;
}

static int is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

void orcid_copy_text(char *out, size_t size, const char *s, size_t len)
{
    while (len && is_space((unsigned char)s[0])) {
        s++;
        len--;
    }
    while (len && is_space((unsigned char)s[len - 1]))
        len--;
    if (len >= size)
        len = size - 1;
    memcpy(out, s, len);
    out[len] = '\0';
}

/* The year of a date written "YYYY-…", or 0. */
static int leading_year(const char *s)
{
    int y = 0;
    for (int i = 0; i < 4; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        y = y * 10 + (s[i] - '0');
    }
    return s[4] == '-' || s[4] == '\0' ? y : 0;
}

void orcid_doc_modified(struct orcid_doc *d, const char *text, size_t len, int64_t ms)
{
    char date[ORCID_TEXT_SHORT];
    if (ms) {
        /* JSON gives milliseconds since 1970; written as the XML's text they compare alike */
        time_t t = (time_t)(ms / 1000);
        struct tm tm;
        if (!gmtime_r(&t, &tm) || !strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S", &tm))
            return;
    } else {
        orcid_copy_text(date, sizeof(date), text, len);
    }
    int year = leading_year(date);
    /* an implausible date must not stretch open spans past the years observations may have */
    if (year < TF_YEAR_MIN || year > TF_YEAR_MAX || strcmp(date, d->modified) <= 0)
        return;
    memcpy(d->modified, date, sizeof(date));
    d->modified_year = year;
}

int orcid_person(const char *s, uint64_t *out)
{
    char id[ORCID_TEXT_SHORT];
    size_t len = strlen(s);
    if (len && s[0] == '/') { /* a root path: "/0000-0002-1825-0097[/activities]" */
        s++;
        len = strcspn(s, "/");
    }
    orcid_copy_text(id, sizeof(id), s, len);
    uint64_t key;
    if (!id[0] || tf_person_parse(id, strlen(id), &key) < 0 || key >> 60 != TF_PERSON_ORCID)
        return -1;
    *out = key;
    return 0;
}
