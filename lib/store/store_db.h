/*
 * store_db.h - the one way into a results store's database, for the readers
 * built on it (the queries in store_read.c, the report's data): opening
 * with the schema check is tf_store_open; these give the statement and
 * column helpers every reader shares.
 */
#ifndef TF_STORE_DB_H
#define TF_STORE_DB_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "talentflow/store.h"

/* The open database of `s` (read-only); owned by `s`. */
sqlite3 *tf_store_db(struct tf_store *s);

/*
 * Prepares `sql`. Returns 0, TF_ERR_NOMEM, or TF_ERR_FORMAT when the store
 * lacks what the statement needs (err names the store and SQLite's reason).
 */
int tf_store_prepare(struct tf_store *s, const char *sql, sqlite3_stmt **st, struct tf_error *err);

/* Steps `st`: 1 for a row, 0 at the end, TF_ERR_IO / TF_ERR_NOMEM on failure. */
int tf_store_step(struct tf_store *s, sqlite3_stmt *st, struct tf_error *err);

/* A count column; NULL and negatives read as 0. */
uint64_t tf_store_col_u64(sqlite3_stmt *st, int col);

/* A real column; NULL reads as NaN. */
double tf_store_col_real(sqlite3_stmt *st, int col);

/* A text column copied into out (`size` bytes), cut on a UTF-8 character boundary. */
void tf_store_col_text(sqlite3_stmt *st, int col, char *out, size_t size);

#endif
