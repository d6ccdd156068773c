/*
 * orcid_xml.c - ORCID XML records (schema v2.x and v3.0) through expat.
 *
 * Expat is a push parser: orcid.c feeds it the bytes of a file or tar member
 * as they come, so a record is never held whole. Elements are matched on
 * their local names (what follows the prefix), since the prefixes differ
 * between versions (v2.1 writes education:role-title where v3.0 writes
 * common:role-title) and a document may bind any prefix. Namespace
 * processing is off: it costs a fifth of the parse and tells the reader
 * nothing the local names and their parents do not. Each start tag is
 * mapped to a code and pushed on a small stack; a field is read only where
 * its parents say it belongs, so the source's own common:path or a
 * funding's organisation never pass for the record's.
 *
 * v3.0 wraps summaries in activities:affiliation-group (copies of one
 * affiliation from different sources); v2.x lists them directly under
 * activities:employments / activities:educations. Both are read: a summary
 * is taken wherever it appears, and shares the group of its enclosing
 * affiliation-group, or has one of its own.
 */
#include <expat.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include "sources/orcid/orcid_doc.h"

#define STACK_MAX 64  /* deeper elements are never fields the reader wants */
#define TEXT_MAX 1024 /* text kept per leaf; longer values are cut */

enum el {
    EL_OTHER,
    EL_RECORD,
    EL_ACTIVITIES,
    EL_ERROR,
    EL_IDENTIFIER,
    EL_PATH,
    EL_GROUP,
    EL_EMPLOYMENT,
    EL_EDUCATION,
    EL_START,
    EL_END,
    EL_YEAR,
    EL_MONTH,
    EL_ORGANIZATION,
    EL_ADDRESS,
    EL_COUNTRY,
    EL_ROLE,
    EL_DISAMBIGUATED,
    EL_ORG_ID,
    EL_ORG_SOURCE,
    EL_MODIFIED,
};

static const struct {
    const char *s;
    size_t len;
} el_names[] = {
    [EL_RECORD] = {"record", sizeof("record") - 1},
    [EL_ACTIVITIES] = {"activities-summary", sizeof("activities-summary") - 1},
    [EL_ERROR] = {"error", sizeof("error") - 1},
    [EL_IDENTIFIER] = {"orcid-identifier", sizeof("orcid-identifier") - 1},
    [EL_PATH] = {"path", sizeof("path") - 1},
    [EL_GROUP] = {"affiliation-group", sizeof("affiliation-group") - 1},
    [EL_EMPLOYMENT] = {"employment-summary", sizeof("employment-summary") - 1},
    [EL_EDUCATION] = {"education-summary", sizeof("education-summary") - 1},
    [EL_START] = {"start-date", sizeof("start-date") - 1},
    [EL_END] = {"end-date", sizeof("end-date") - 1},
    [EL_YEAR] = {"year", sizeof("year") - 1},
    [EL_MONTH] = {"month", sizeof("month") - 1},
    [EL_ORGANIZATION] = {"organization", sizeof("organization") - 1},
    [EL_ADDRESS] = {"address", sizeof("address") - 1},
    [EL_COUNTRY] = {"country", sizeof("country") - 1},
    [EL_ROLE] = {"role-title", sizeof("role-title") - 1},
    [EL_DISAMBIGUATED] = {"disambiguated-organization", sizeof("disambiguated-organization") - 1},
    [EL_ORG_ID] = {"disambiguated-organization-identifier",
                   sizeof("disambiguated-organization-identifier") - 1},
    [EL_ORG_SOURCE] = {"disambiguation-source", sizeof("disambiguation-source") - 1},
    [EL_MODIFIED] = {"last-modified-date", sizeof("last-modified-date") - 1},
};

#define N_EL (sizeof(el_names) / sizeof(el_names[0]))

struct orcid_xml {
    XML_Parser p;
    unsigned long salt; /* expat's hash salt: drawn once per reader, not for every member */
    struct orcid_doc *d;
    int nomem;
    size_t depth; /* elements open; only the first STACK_MAX are on the stack */
    enum el stack[STACK_MAX];
    struct orcid_affil *cur; /* the summary being read, NULL outside one */
    size_t cur_depth;        /* its depth */
    size_t group;            /* the open affiliation-group's number */
    int in_group;
    char *target; /* where the text of the open leaf goes, NULL when unwanted */
    size_t target_size;
    int target_modified; /* the open leaf is a last-modified-date */
    char text[TEXT_MAX];
    size_t text_len;
};

/* The code of an element by its local name (after the prefix, if any). */
static enum el el_of(const char *name)
{
    const char *local = name, *c = name;
    for (; *c; c++)
        if (*c == ':')
            local = c + 1;
    size_t n = (size_t)(c - local);
    for (size_t i = 1; i < N_EL; i++)
        if (el_names[i].len == n && memcmp(local, el_names[i].s, n) == 0)
            return (enum el)i;
    return EL_OTHER;
}

/* The code of the element `up` levels above the one just opened (0: itself). */
static enum el parent(const struct orcid_xml *x, size_t up)
{
    return x->depth > up && x->depth - up <= STACK_MAX ? x->stack[x->depth - up - 1] : EL_OTHER;
}

static const char *attr(const char **atts, const char *name)
{
    for (size_t i = 0; atts[i]; i += 2)
        if (strcmp(atts[i], name) == 0)
            return atts[i + 1];
    return NULL;
}

/* The root tells what the document is. */
static void open_root(struct orcid_xml *x, enum el e, const char **atts)
{
    struct orcid_doc *d = x->d;
    d->line = XML_GetCurrentLineNumber(x->p);
    d->shape = e == EL_RECORD || e == EL_ACTIVITIES ? ORCID_RECORD
               : e == EL_ERROR                      ? ORCID_ERROR_BODY
                                                    : ORCID_NOT_RECORD;
    const char *path = attr(atts, "path");
    if (d->shape == ORCID_RECORD && path)
        orcid_copy_text(d->orcid, sizeof(d->orcid), path, strlen(path));
}

static void open_summary(struct orcid_xml *x, enum el e, const char **atts)
{
    struct orcid_doc *d = x->d;
    x->cur = orcid_doc_add(d, e == EL_EDUCATION ? TF_KIND_EDUCATION : TF_KIND_EMPLOYMENT);
    if (!x->cur) {
        x->nomem = 1;
        XML_StopParser(x->p, XML_FALSE);
        return;
    }
    x->cur_depth = x->depth;
    x->cur->group = x->in_group ? x->group : d->n_groups++;
    x->cur->line = XML_GetCurrentLineNumber(x->p);
    const char *code = attr(atts, "put-code");
    if (code)
        orcid_copy_text(x->cur->put_code, sizeof(x->cur->put_code), code, strlen(code));
}

static void want_text(struct orcid_xml *x, char *target, size_t size)
{
    x->target = target;
    x->target_size = size;
}

/* A field of the open summary: which one, by the element and its parents. */
static void summary_field(struct orcid_xml *x, enum el e)
{
    struct orcid_affil *a = x->cur;
    enum el up = parent(x, 1);
    struct orcid_date *date = up == EL_START ? &a->start : up == EL_END ? &a->end : NULL;
    size_t below = x->depth - x->cur_depth; /* 1: a child of the summary */
    if ((e == EL_START || e == EL_END) && below == 1)
        (e == EL_START ? &a->start : &a->end)->present = 1;
    else if (e == EL_YEAR && date && below == 2)
        want_text(x, date->year, sizeof(date->year));
    else if (e == EL_MONTH && date && below == 2)
        want_text(x, date->month, sizeof(date->month));
    else if (e == EL_ROLE && below == 1)
        want_text(x, a->role, sizeof(a->role));
    else if (e == EL_COUNTRY && up == EL_ADDRESS && parent(x, 2) == EL_ORGANIZATION)
        want_text(x, a->country, sizeof(a->country));
    else if (e == EL_ORG_ID && up == EL_DISAMBIGUATED)
        want_text(x, a->org_id, sizeof(a->org_id));
    else if (e == EL_ORG_SOURCE && up == EL_DISAMBIGUATED)
        want_text(x, a->org_source, sizeof(a->org_source));
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    struct orcid_xml *x = ud;
    enum el e = el_of(name);
    if (x->depth < STACK_MAX)
        x->stack[x->depth] = e;
    x->depth++;
    x->target = NULL;
    x->target_modified = 0;
    x->text_len = 0;
    if (x->depth == 1)
        open_root(x, e, atts);
    if (x->d->shape != ORCID_RECORD)
        return;
    if (e == EL_GROUP) {
        x->group = x->d->n_groups++;
        x->in_group = 1;
    } else if ((e == EL_EMPLOYMENT || e == EL_EDUCATION) && !x->cur) {
        open_summary(x, e, atts);
    } else if (x->cur) {
        summary_field(x, e);
    } else if (e == EL_PATH && x->depth == 3 && parent(x, 1) == EL_IDENTIFIER) {
        want_text(x, x->d->orcid, sizeof(x->d->orcid));
    }
    if (e == EL_MODIFIED)
        x->target_modified = 1;
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
    struct orcid_xml *x = ud;
    enum el e = x->depth <= STACK_MAX ? x->stack[x->depth - 1] : EL_OTHER;
    (void)name;
    if (x->target)
        orcid_copy_text(x->target, x->target_size, x->text, x->text_len);
    if (x->target_modified)
        orcid_doc_modified(x->d, x->text, x->text_len, 0);
    x->target = NULL;
    x->target_modified = 0;
    x->text_len = 0;
    if (x->cur && x->depth == x->cur_depth)
        x->cur = NULL;
    if (e == EL_GROUP)
        x->in_group = 0;
    x->depth--;
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    struct orcid_xml *x = ud;
    if (!x->target && !x->target_modified)
        return;
    size_t n = (size_t)len;
    if (n > TEXT_MAX - x->text_len)
        n = TEXT_MAX - x->text_len;
    memcpy(x->text + x->text_len, s, n);
    x->text_len += n;
}

/*
 * expat allocates through these, so that the library's allocations and
 * expat's are the same (the allocation-failure test build counts both).
 */
static void *xml_malloc(size_t n)
{
    return malloc(n);
}

static void *xml_realloc(void *p, size_t n)
{
    return realloc(p, n);
}

static void xml_free(void *p)
{
    free(p);
}

static const XML_Memory_Handling_Suite xml_memory = {xml_malloc, xml_realloc, xml_free};

struct orcid_xml *orcid_xml_new(void)
{
    struct orcid_xml *x = calloc(1, sizeof(*x));
    if (x && !(x->p = XML_ParserCreate_MM("UTF-8", &xml_memory, NULL))) {
        free(x);
        return NULL;
    }
    if (x && getrandom(&x->salt, sizeof(x->salt), 0) != (ssize_t)sizeof(x->salt))
        x->salt = (unsigned long)time(NULL) ^ (unsigned long)(uintptr_t)x;
    if (x)
        x->salt |= 1; /* 0 asks expat to draw one */
    return x;
}

void orcid_xml_begin(struct orcid_xml *x, struct orcid_doc *d)
{
    XML_ParserReset(x->p, "UTF-8");
    XML_SetHashSalt(x->p, x->salt);
    XML_SetUserData(x->p, x);
    XML_SetElementHandler(x->p, on_start, on_end);
    XML_SetCharacterDataHandler(x->p, on_text);
    x->d = d;
    x->nomem = 0;
    x->depth = 0;
    x->cur = NULL;
    x->in_group = 0;
    x->target = NULL;
    x->target_modified = 0;
    x->text_len = 0;
    orcid_doc_reset(d);
}

int orcid_xml_feed(struct orcid_xml *x, const char *buf, size_t n, int last)
{
    while (n > 0 || last) {
        int piece = n > (1u << 30) ? 1 << 30 : (int)n;
        int final = last && (size_t)piece == n;
        if (XML_Parse(x->p, buf, piece, final) != XML_STATUS_OK) {
            if (x->nomem || XML_GetErrorCode(x->p) == XML_ERROR_NO_MEMORY)
                return TF_ERR_NOMEM;
            x->d->shape = ORCID_MALFORMED;
            x->d->why_line = XML_GetCurrentLineNumber(x->p);
            orcid_copy_text(x->d->why, sizeof(x->d->why), XML_ErrorString(XML_GetErrorCode(x->p)),
                            strlen(XML_ErrorString(XML_GetErrorCode(x->p))));
            return TF_ERR_FORMAT;
        }
        buf += piece;
        n -= (size_t)piece;
        if (final)
            break;
    }
    return 0;
}

void orcid_xml_free(struct orcid_xml *x)
{
    if (!x)
        return;
    XML_ParserFree(x->p);
    free(x);
}
