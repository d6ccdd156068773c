/* csvtok.c - RFC 4180 splitting as a byte-at-a-time state machine. */
#include "util/csvtok.h"

#include <stdlib.h>
#include <string.h>

#include "talentflow/error.h"

static int is_blank(int c)
{
    return c == ' ' || c == '\t';
}

void tf_csvtok_init(struct tf_csvtok *t)
{
    memset(t, 0, sizeof(*t));
    tf_buf_init(&t->text, 0);
}

void tf_csvtok_release(struct tf_csvtok *t)
{
    tf_buf_release(&t->text);
    free(t->fields);
    tf_csvtok_init(t);
}

void tf_csvtok_begin(struct tf_csvtok *t)
{
    tf_buf_reset(&t->text);
    t->n_fields = 0;
    t->st = TF_CSVTOK_FIELD_START;
    t->field_start = 0;
    t->keep = 0;
    t->bad_quoting = 0;
}

void tf_csvtok_drop(struct tf_csvtok *t)
{
    t->text.len = 0;
    t->field_start = 0;
    t->keep = 0;
    t->n_fields = 0;
}

const char *tf_csvtok_field(const struct tf_csvtok *t, size_t i, size_t *len)
{
    if (len)
        *len = t->fields[i].len;
    return t->text.data + t->fields[i].off;
}

/* Closes the current field. The text buffer has room (reserved per line). */
static int field_end(struct tf_csvtok *t)
{
    if (t->n_fields == t->cap_fields) {
        size_t cap = t->cap_fields ? t->cap_fields * 2 : 16;
        struct tf_csvtok_field *f = realloc(t->fields, cap * sizeof(*f));
        if (!f)
            return TF_ERR_NOMEM;
        t->fields = f;
        t->cap_fields = cap;
    }
    if (t->st == TF_CSVTOK_UNQUOTED || t->st == TF_CSVTOK_FIELD_START)
        t->text.len = t->field_start + t->keep;
    t->fields[t->n_fields].off = t->field_start;
    t->fields[t->n_fields].len = t->text.len - t->field_start;
    t->n_fields++;
    t->text.data[t->text.len++] = '\0';
    t->field_start = t->text.len;
    t->keep = 0;
    t->st = TF_CSVTOK_FIELD_START;
    return 0;
}

static void put(struct tf_csvtok *t, char c)
{
    t->text.data[t->text.len++] = c;
}

/* Feeds one byte other than a field-ending comma to the state machine. */
static void feed(struct tf_csvtok *t, char c)
{
    switch (t->st) {
    case TF_CSVTOK_FIELD_START:
        if (is_blank(c))
            return;
        if (c == '"') {
            t->st = TF_CSVTOK_QUOTED;
            return;
        }
        t->st = TF_CSVTOK_UNQUOTED;
        /* fall through */
    case TF_CSVTOK_UNQUOTED:
        put(t, c);
        if (!is_blank(c))
            t->keep = t->text.len - t->field_start;
        return;
    case TF_CSVTOK_QUOTED:
        if (c == '"')
            t->st = TF_CSVTOK_QUOTE_SEEN;
        else
            put(t, c);
        return;
    case TF_CSVTOK_QUOTE_SEEN:
        if (c == '"') {
            put(t, c);
            t->st = TF_CSVTOK_QUOTED;
            return;
        }
        t->st = TF_CSVTOK_AFTER_QUOTE;
        /* fall through */
    case TF_CSVTOK_AFTER_QUOTE:
        if (is_blank(c))
            return;
        /* text after a closing quote: keep it, as most readers do, but the
           record is malformed */
        t->bad_quoting = 1;
        t->keep = t->text.len - t->field_start;
        t->st = TF_CSVTOK_UNQUOTED;
        put(t, c);
        t->keep++;
        return;
    }
}

int tf_csvtok_line(struct tf_csvtok *t, const char *s, size_t len)
{
    /* Decoding never grows the text (a quote or comma in gives at most one
       byte out), plus a NUL or line end. */
    if (tf_buf_reserve(&t->text, len + 2) < 0)
        return TF_ERR_NOMEM;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == ',' && t->st != TF_CSVTOK_QUOTED) {
            if (field_end(t) < 0)
                return TF_ERR_NOMEM;
        } else {
            feed(t, s[i]);
        }
    }
    if (t->st == TF_CSVTOK_QUOTED) {
        put(t, '\n');
        return 0;
    }
    return field_end(t) < 0 ? TF_ERR_NOMEM : 1;
}
