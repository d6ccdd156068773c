/* table.c - query results as an aligned terminal table, CSV, TSV or JSON. */
#include "table.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "talentflow/text.h"

int tf_cli_format_parse(const char *s, enum tf_cli_format *out)
{
    static const char *const names[] = {"table", "csv", "tsv", "json"};
    for (int i = 0; i < 4; i++) {
        if (strcmp(s, names[i]) == 0) {
            *out = (enum tf_cli_format)i;
            return 0;
        }
    }
    return -1;
}

void tf_cli_table_init(struct tf_cli_table *t, const struct tf_cli_col *cols, size_t n_cols)
{
    memset(t, 0, sizeof(*t));
    t->cols = cols;
    t->n_cols = n_cols;
}

int tf_cli_table_row(struct tf_cli_table *t)
{
    if (t->n_rows == t->cap_rows) {
        size_t cap = t->cap_rows ? 2 * t->cap_rows : 32;
        char **c = realloc(t->cells, cap * t->n_cols * sizeof(*c));
        if (!c)
            return -1;
        t->cells = c;
        t->cap_rows = cap;
    }
    memset(t->cells + t->n_rows * t->n_cols, 0, t->n_cols * sizeof(*t->cells));
    t->n_rows++;
    return 0;
}

int tf_cli_table_set(struct tf_cli_table *t, size_t col, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    char **cell = &t->cells[(t->n_rows - 1) * t->n_cols + col];
    free(*cell);
    *cell = strdup(buf);
    return *cell ? 0 : -1;
}

int tf_cli_table_rate(struct tf_cli_table *t, size_t col, double num, double den)
{
    return den != 0.0 ? tf_cli_table_set(t, col, "%.6f", num / den) : 0;
}

void tf_cli_table_release(struct tf_cli_table *t)
{
    for (size_t i = 0; i < t->n_rows * t->n_cols; i++)
        free(t->cells[i]);
    free(t->cells);
    t->cells = NULL;
    t->n_rows = t->cap_rows = 0;
}

static const char *cell(const struct tf_cli_table *t, size_t row, size_t col)
{
    return t->cells[row * t->n_cols + col];
}

/* ---- terminal ----------------------------------------------------------- */

/* What a terminal shows for a cell: "-" for nothing, rates as percentages. */
static const char *shown(const struct tf_cli_table *t, size_t row, size_t col, char buf[32])
{
    const char *s = cell(t, row, col);
    if (!s)
        return "-";
    if (t->cols[col].kind != TF_COL_RATE)
        return s;
    double pct = strtod(s, NULL) * 100.0;
    snprintf(buf, 32, "%.2f%%", fabs(pct) < 0.005 ? 0.0 : pct); /* never "-0.00%" */
    return buf;
}

/* The code point of the UTF-8 character at s (n bytes); U+FFFD for a broken one. */
static unsigned code_point(const unsigned char *s, size_t *n)
{
    unsigned c = s[0];
    size_t k = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (k == 1)
        return *n = 1, c < 0x80 ? c : 0xFFFD;
    c &= 0x3Fu >> (k - 1);
    for (size_t i = 1; i < k; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return *n = i, 0xFFFD;
        c = c << 6 | (s[i] & 0x3Fu);
    }
    return *n = k, c;
}

/* Two columns for the East Asian wide characters (CJK, Hangul, fullwidth forms). */
static size_t columns_of(unsigned c)
{
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
                   (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
                   (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
                   (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD)
               ? 2
               : 1;
}

size_t tf_cli_width(const char *s)
{
    size_t w = 0, n;
    for (const unsigned char *p = (const unsigned char *)s; *p; p += n)
        w += columns_of(code_point(p, &n));
    return w;
}

void tf_cli_put_padded(FILE *out, const char *s, size_t cols)
{
    size_t w = 0, n;
    const unsigned char *p = (const unsigned char *)s;
    for (; *p; p += n) {
        size_t c = columns_of(code_point(p, &n));
        if (w + c > cols)
            break;
        fwrite(p, 1, n, out);
        w += c;
    }
    for (; w < cols; w++)
        fputc(' ', out);
}

static size_t width(const char *s)
{
    return tf_cli_width(s);
}

static void pad(FILE *out, size_t n)
{
    while (n--)
        fputc(' ', out);
}

/* One line; text is left-aligned and the last column is not padded. */
static void put_line(const struct tf_cli_table *t, const char *const *v, const size_t *w, FILE *out)
{
    for (size_t c = 0; c < t->n_cols; c++) {
        size_t gap = w[c] - width(v[c]);
        int left = t->cols[c].kind == TF_COL_TEXT;
        if (c)
            fputs("  ", out);
        if (!left)
            pad(out, gap);
        fputs(v[c], out);
        if (left && c + 1 < t->n_cols)
            pad(out, gap);
    }
    fputc('\n', out);
}

/* The widest of the header and every shown cell, per column. */
static void widths(const struct tf_cli_table *t, size_t *w)
{
    char buf[32];
    for (size_t c = 0; c < t->n_cols; c++) {
        w[c] = width(t->cols[c].name);
        for (size_t r = 0; r < t->n_rows; r++) {
            size_t x = width(shown(t, r, c, buf));
            w[c] = x > w[c] ? x : w[c];
        }
    }
}

static void put_rule(const size_t *w, size_t n_cols, FILE *out)
{
    for (size_t c = 0; c < n_cols; c++) {
        if (c)
            fputs("  ", out);
        for (size_t i = 0; i < w[c]; i++)
            fputc('-', out);
    }
    fputc('\n', out);
}

/* The title and the table, or nothing at all when out of memory (-1). */
static int print_terminal(const struct tf_cli_table *t, const char *title, FILE *out)
{
    size_t *w = calloc(t->n_cols, sizeof(*w));
    const char **v = calloc(t->n_cols, sizeof(*v));
    char(*bufs)[32] = calloc(t->n_cols, sizeof(*bufs));
    int rc = w && v && bufs ? 0 : -1;
    if (rc < 0 || !t->n_rows)
        goto out;
    if (title && *title)
        fprintf(out, "%s\n\n", title);
    widths(t, w);
    for (size_t c = 0; c < t->n_cols; c++)
        v[c] = t->cols[c].name;
    put_line(t, v, w, out);
    put_rule(w, t->n_cols, out);
    for (size_t r = 0; r < t->n_rows; r++) {
        for (size_t c = 0; c < t->n_cols; c++)
            v[c] = shown(t, r, c, bufs[c]);
        put_line(t, v, w, out);
    }
out:
    free(bufs);
    free(v);
    free(w);
    return rc;
}

/* ---- CSV and TSV -------------------------------------------------------- */

/* RFC 4180: quoted when it holds a comma, quote or line end. */
static void csv_field(const char *s, FILE *out)
{
    tf_csv_field(out, s);
}

/* TSV has no quoting: a tab or line end inside a value becomes a space. */
static void tsv_field(const char *s, FILE *out)
{
    for (; *s; s++)
        fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, out);
}

static void print_delimited(const struct tf_cli_table *t, int tsv, FILE *out)
{
    void (*field)(const char *s, FILE *out) = tsv ? tsv_field : csv_field;
    for (size_t c = 0; c < t->n_cols; c++) {
        if (c)
            fputc(tsv ? '\t' : ',', out);
        field(t->cols[c].name, out);
    }
    fputc('\n', out);
    for (size_t r = 0; r < t->n_rows; r++) {
        for (size_t c = 0; c < t->n_cols; c++) {
            if (c)
                fputc(tsv ? '\t' : ',', out);
            if (cell(t, r, c))
                field(cell(t, r, c), out);
        }
        fputc('\n', out);
    }
}

/* ---- JSON --------------------------------------------------------------- */

/* A number is written bare only when it is a plain decimal in full ("*", "nan" are not). */
static int is_number(const char *s)
{
    char *end;
    if (!*s || s[strspn(s, "0123456789+-.eE")] != '\0')
        return 0;
    strtod(s, &end);
    return *end == '\0';
}

static void json_value(const struct tf_cli_col *col, const char *s, FILE *out)
{
    if (!s)
        fputs("null", out);
    else if (col->kind != TF_COL_TEXT && is_number(s))
        fputs(s, out);
    else
        tf_json_string(out, s);
}

static void print_json(const struct tf_cli_table *t, FILE *out)
{
    fputc('[', out);
    for (size_t r = 0; r < t->n_rows; r++) {
        fputs(r ? ",\n  {" : "\n  {", out);
        for (size_t c = 0; c < t->n_cols; c++) {
            if (c)
                fputs(", ", out);
            tf_json_string(out, t->cols[c].name);
            fputs(": ", out);
            json_value(&t->cols[c], cell(t, r, c), out);
        }
        fputc('}', out);
    }
    fputs(t->n_rows ? "\n]\n" : "]\n", out);
}

int tf_cli_table_print(const struct tf_cli_table *t, enum tf_cli_format f, const char *title,
                       FILE *out)
{
    switch (f) {
    case TF_CLI_TABLE:
        return print_terminal(t, title, out);
    case TF_CLI_CSV:
    case TF_CLI_TSV:
        print_delimited(t, f == TF_CLI_TSV, out);
        break;
    case TF_CLI_JSON:
        print_json(t, out);
        break;
    }
    return 0;
}
