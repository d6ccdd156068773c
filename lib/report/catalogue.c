/*
 * catalogue.c - reads a gettext .mo catalogue (see catalogue.h). The report
 * reads iso-codes' own translations of country names at run time rather than
 * keeping a list of names, so they follow the installed iso-codes.
 */
#include "report/catalogue.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MO_MAGIC 0x950412deu
#define MO_MAX ((size_t)16 << 20)

static uint32_t word_at(const struct tf_catalogue *c, size_t off)
{
    const unsigned char *p = c->data + off;
    if (c->swap)
        return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/* Reads the whole file into c->data. Returns 0 or -1. */
static int slurp(struct tf_catalogue *c, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    long len = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    int bad = len < 20 || (size_t)len > MO_MAX || fseek(f, 0, SEEK_SET) != 0 ||
              !(c->data = malloc((size_t)len + 1));
    if (!bad)
        c->size = fread(c->data, 1, (size_t)len, f);
    bad = bad || c->size != (size_t)len;
    fclose(f);
    return bad ? -1 : 0;
}

/* The string of entry `i` of the table at `table`, or NULL when it leaves the file. */
static const char *entry(const struct tf_catalogue *c, uint32_t table, uint32_t i)
{
    size_t at = (size_t)table + (size_t)i * 8;
    if (at + 8 > c->size)
        return NULL;
    size_t len = word_at(c, at), off = word_at(c, at + 4);
    if (off > c->size || len >= c->size - off || c->data[off + len] != '\0')
        return NULL;
    return (const char *)c->data + off;
}

int tf_catalogue_open(struct tf_catalogue *c, const char *path)
{
    memset(c, 0, sizeof(*c));
    if (slurp(c, path) < 0 || c->size < 20)
        goto bad;
    c->swap = 0;
    if (word_at(c, 0) != MO_MAGIC) {
        c->swap = 1;
        if (word_at(c, 0) != MO_MAGIC)
            goto bad;
    }
    if (word_at(c, 4) >> 16 != 0) /* major revision 0 is the only one there is */
        goto bad;
    c->n = word_at(c, 8);
    c->originals = word_at(c, 12);
    c->translated = word_at(c, 16);
    if ((size_t)c->n > c->size / 8)
        goto bad;
    return 0;
bad:
    tf_catalogue_release(c);
    return -1;
}

const char *tf_catalogue_get(const struct tf_catalogue *c, const char *msgid)
{
    if (!c->data || !msgid)
        return NULL;
    for (uint32_t i = 0; i < c->n; i++) {
        const char *o = entry(c, c->originals, i);
        if (!o || strcmp(o, msgid) != 0)
            continue;
        const char *t = entry(c, c->translated, i);
        return t && t[0] ? t : NULL;
    }
    return NULL;
}

void tf_catalogue_release(struct tf_catalogue *c)
{
    free(c->data);
    memset(c, 0, sizeof(*c));
}

int tf_catalogue_path(const char *lang, const char *localedir, char *path, size_t size)
{
    const char *locale = NULL;
    if (lang && strcmp(lang, "zh-Hans") == 0)
        locale = "zh_CN";
    else if (lang && strcmp(lang, "zh-Hant") == 0)
        locale = "zh_TW";
    if (!locale)
        return -1;
    snprintf(path, size, "%s/%s/LC_MESSAGES/iso_3166-1.mo",
             localedir ? localedir : "/usr/share/locale", locale);
    return 0;
}
