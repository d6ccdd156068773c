/*
 * table.h - query results as an aligned terminal table, CSV, TSV or JSON.
 *
 * A table is built row by row from strings: numbers already formatted for
 * machines ("12", "0.125000"), NULL for no value. Printing chooses the
 * presentation: in a terminal table numbers are right-aligned, rates shown
 * as percentages and missing values as "-"; CSV (RFC 4180) and TSV have a
 * header row and empty fields for missing values; JSON is an array of
 * objects with numbers as numbers and null for missing values.
 *
 *   static const struct tf_cli_col cols[] = {{"year", TF_COL_NUM}, {"share", TF_COL_RATE}};
 *   struct tf_cli_table t;
 *   tf_cli_table_init(&t, cols, 2);
 *   tf_cli_table_row(&t);
 *   tf_cli_table_set(&t, 0, "%d", 2010);
 *   tf_cli_table_print(&t, TF_CLI_TABLE, NULL, stdout);
 *   tf_cli_table_release(&t);
 */
#ifndef TF_CLI_TABLE_H
#define TF_CLI_TABLE_H

#include <stddef.h>
#include <stdio.h>

enum tf_cli_format { TF_CLI_TABLE, TF_CLI_CSV, TF_CLI_TSV, TF_CLI_JSON };

/*
 * Columns a UTF-8 string takes on a terminal: a character is one, an East
 * Asian wide one (Chinese, Japanese, Korean, fullwidth forms) two.
 */
size_t tf_cli_width(const char *s);

/* Writes `s` in exactly `cols` columns: cut before a character that would not fit, padded. */
void tf_cli_put_padded(FILE *out, const char *s, size_t cols);

/* Parses "table", "csv", "tsv" or "json". Returns 0 or -1. */
int tf_cli_format_parse(const char *s, enum tf_cli_format *out);

enum tf_cli_col_kind {
    TF_COL_TEXT, /* left-aligned; a JSON string */
    TF_COL_NUM,  /* right-aligned; a JSON number when the cell is one ("*" stays a string) */
    TF_COL_RATE, /* a fraction: a percentage with two decimals in a terminal table */
};

struct tf_cli_col {
    const char *name; /* header and JSON key */
    enum tf_cli_col_kind kind;
};

struct tf_cli_table {
    const struct tf_cli_col *cols;
    size_t n_cols;
    char **cells; /* n_rows * n_cols, row-major; NULL = no value */
    size_t n_rows;
    size_t cap_rows;
};

/* Sets up an empty table with the columns `cols` (not copied: keep them alive). */
void tf_cli_table_init(struct tf_cli_table *t, const struct tf_cli_col *cols, size_t n_cols);

/* Appends a row with no values. Returns 0 or -1 when out of memory. */
int tf_cli_table_row(struct tf_cli_table *t);

/* Sets column `col` of the last row from a printf format. Returns 0 or -1. */
int tf_cli_table_set(struct tf_cli_table *t, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Sets column `col` of the last row to num / den with six decimals, nothing when den is 0. */
int tf_cli_table_rate(struct tf_cli_table *t, size_t col, double num, double den);

/*
 * Prints the table; an empty one prints only the CSV/TSV header or "[]".
 * `title` (NULL or "": none) heads a non-empty terminal table. Returns 0,
 * or -1 having printed nothing when out of memory.
 */
int tf_cli_table_print(const struct tf_cli_table *t, enum tf_cli_format f, const char *title,
                       FILE *out);

/* Frees the cells and leaves the table empty and reusable. */
void tf_cli_table_release(struct tf_cli_table *t);

#endif
