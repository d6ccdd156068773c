/*
 * degree.c - the degree level an education's role title names.
 *
 * ORCID has no degree field: people write "PhD", "Ph.D. in Physics",
 * "Doutorado em Química", "Dr. rer. nat.", "硕士". The rule (docs/orcid.md,
 * "Degree levels"): the title is lowercased (ASCII letters), dots are
 * dropped ("Ph.D." is "phd", "Dr. rer. nat." is "dr rer nat") and it is cut
 * into words at every other ASCII character that is not a letter or digit;
 * a one-letter word also counts joined with the next ("M. Sc." is "msc").
 * The highest level any word names wins (a "Master and PhD programme" is a
 * doctorate); words are compared whole, or by the prefixes marked "*"
 * below, and scripts without spaces (Chinese, Japanese, Korean, Cyrillic)
 * by substring (Cyrillic stems without their first letter, which may be a
 * capital). "Postdoc" words and a "post"/"pos"/"pós" before a
 * doctorate word name no degree. A title that names none of these is
 * TF_DEGREE_OTHER; an empty one TF_DEGREE_NONE.
 */
#include <stdio.h>
#include <string.h>

#include "sources/orcid/orcid_doc.h"

#define WORDS_MAX 48
#define WORD_MAX 40

/* Words, "*" marking a prefix; per level, highest first. */
static const char *const doctorate_words[] = {
    "phd",  "dphil", "edd",     "dsc",     "scd",     "drsc",    "drphil", "dba",
    "drph", "dr",    "doctor*", "doktor*", "doutor*", "dottor*", "habil*", NULL};
static const char *const master_words[] = {"master*",
                                           "msc",
                                           "ms",
                                           "ma",
                                           "mphil",
                                           "mres",
                                           "meng",
                                           "mba",
                                           "mpa",
                                           "mph",
                                           "mfa",
                                           "mtech",
                                           "mst",
                                           "llm",
                                           "mestrado",
                                           "mestre",
                                           "maestr*",
                                           "magist*",
                                           "diplom",
                                           "dipl",
                                           "specialistica",
                                           "ma\xc3\xae"
                                           "trise",
                                           NULL};
static const char *const bachelor_words[] = {"bachelor*",
                                             "bsc",
                                             "bs",
                                             "ba",
                                             "beng",
                                             "btech",
                                             "bba",
                                             "bfa",
                                             "llb",
                                             "licenciatur*",
                                             "licenciad*",
                                             "licence",
                                             "laurea",
                                             "undergraduate",
                                             "gradua\xc3\xa7"
                                             "\xc3\xa3o",
                                             NULL};

/* Substrings of scripts written without spaces. */
static const char *const doctorate_marks[] = {
    "\xe5\x8d\x9a\xe5\xa3\xab",                 /* 博士 */
    "\xeb\xb0\x95\xec\x82\xac",                 /* 박사 */
    "\xd0\xbe\xd0\xba\xd1\x82\xd0\xbe\xd1\x80", /* (д)октор */
    "\xd0\xb0\xd0\xbd\xd0\xb4\xd0\xb8\xd0\xb4\xd0\xb0\xd1\x82",
    /* (к)андидат (наук) */
    NULL};
static const char *const master_marks[] = {
    "\xe7\xa1\x95\xe5\xa3\xab",                         /* 硕士 */
    "\xe7\xa2\xa9\xe5\xa3\xab",                         /* 碩士 */
    "\xe4\xbf\xae\xe5\xa3\xab",                         /* 修士 */
    "\xec\x84\x9d\xec\x82\xac",                         /* 석사 */
    "\xd0\xb0\xd0\xb3\xd0\xb8\xd1\x81\xd1\x82\xd1\x80", /* (м)агистр */
    NULL};
static const char *const bachelor_marks[] = {
    "\xe5\xad\xa6\xe5\xa3\xab",                                 /* 学士 */
    "\xe5\xad\xb8\xe5\xa3\xab",                                 /* 學士 */
    "\xed\x95\x99\xec\x82\xac",                                 /* 학사 */
    "\xe6\x9c\xac\xe7\xa7\x91",                                 /* 本科 */
    "\xd0\xb0\xd0\xba\xd0\xb0\xd0\xbb\xd0\xb0\xd0\xb2\xd1\x80", /* (б)акалавр */
    NULL};

struct words {
    size_t n;
    char w[WORDS_MAX][WORD_MAX];
};

static int is_alnum(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* Splits the lowercased title into words (see the rule above). */
static void split(const char *s, size_t len, struct words *out)
{
    size_t k = 0;
    out->n = 0;
    for (size_t i = 0; i <= len && out->n < WORDS_MAX; i++) {
        int c = i < len ? (unsigned char)s[i] : ' ';
        if (c >= 'A' && c <= 'Z')
            c += 'a' - 'A';
        if (c == '.')
            continue;
        if (is_alnum(c)) {
            if (k < WORD_MAX - 1)
                out->w[out->n][k++] = (char)c;
            continue;
        }
        if (k) {
            out->w[out->n++][k] = '\0';
            k = 0;
        }
    }
}

static int word_is(const char *word, const char *const *list)
{
    for (const char *const *p = list; *p; p++) {
        size_t n = strlen(*p);
        if ((*p)[n - 1] == '*' ? strncmp(word, *p, n - 1) == 0 : strcmp(word, *p) == 0)
            return 1;
    }
    return 0;
}

static int marked(const char *s, size_t len, const char *const *marks)
{
    for (const char *const *m = marks; *m; m++) {
        size_t n = strlen(*m);
        for (size_t i = 0; i + n <= len; i++)
            if (memcmp(s + i, *m, n) == 0)
                return 1;
    }
    return 0;
}

/* A "post"-word before word i: post-doctoral, pós-doutorado. */
static int after_post(const struct words *w, size_t i)
{
    const char *p = i ? w->w[i - 1] : "";
    return strcmp(p, "post") == 0 || strcmp(p, "pos") == 0 || strcmp(p, "p\xc3\xb3s") == 0;
}

/* Whether word i (or words i and i+1 joined, when word i is one letter) is in `list`. */
static int names(const struct words *w, size_t i, const char *const *list)
{
    if (word_is(w->w[i], list))
        return 1;
    char joined[2 * WORD_MAX];
    if (strlen(w->w[i]) != 1 || i + 1 >= w->n)
        return 0;
    snprintf(joined, sizeof(joined), "%s%s", w->w[i], w->w[i + 1]);
    return word_is(joined, list);
}

static enum tf_degree level_of_words(const struct words *w)
{
    enum tf_degree best = TF_DEGREE_OTHER;
    for (size_t i = 0; i < w->n; i++) {
        if (names(w, i, doctorate_words) && !after_post(w, i))
            return TF_DEGREE_DOCTORATE;
        if (names(w, i, master_words))
            best = TF_DEGREE_MASTER;
        else if (best == TF_DEGREE_OTHER && names(w, i, bachelor_words))
            best = TF_DEGREE_BACHELOR;
    }
    return best;
}

enum tf_degree orcid_degree(const char *s, size_t len)
{
    struct words w;
    split(s, len, &w);
    if (w.n == 0)
        return TF_DEGREE_NONE;
    if (marked(s, len, doctorate_marks))
        return TF_DEGREE_DOCTORATE;
    enum tf_degree level = level_of_words(&w);
    if (level == TF_DEGREE_DOCTORATE || level == TF_DEGREE_MASTER)
        return level;
    if (marked(s, len, master_marks))
        return TF_DEGREE_MASTER;
    if (level == TF_DEGREE_BACHELOR || marked(s, len, bachelor_marks))
        return TF_DEGREE_BACHELOR;
    return TF_DEGREE_OTHER;
}
