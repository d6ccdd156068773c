/*
 * talentflow/text.h - writing text the way every talentflow output does:
 * CSV fields, JSON strings and numbers.
 *
 * Numbers in output files follow one rule, by what the number is:
 *   TF_NUM_FIXED6  rates, shares, probabilities and projected stocks in CSV
 *                  tables: six decimals ("0.125000"), so columns line up and
 *                  diffs stay small;
 *   TF_NUM_SIG10   model estimates in CSV (fit.csv): ten significant digits;
 *   TF_NUM_EXACT   files read back by programs (model.json, the panel CSV):
 *                  17 significant digits, so the value reads back to the same
 *                  double;
 *   TF_NUM_SHORT   files people edit (synth parameters): the fewest digits
 *                  that read back to the same double.
 * Counts are integers, written as such. A value that is not finite has no
 * text: CSV leaves the field empty, JSON writes null.
 *
 * All functions are reentrant.
 */
#ifndef TALENTFLOW_TEXT_H
#define TALENTFLOW_TEXT_H

#include "talentflow/export.h"

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

enum tf_num_style {
    TF_NUM_FIXED6 = 0,
    TF_NUM_SIG10 = 1,
    TF_NUM_EXACT = 2,
    TF_NUM_SHORT = 3,
};

/* Longest text tf_num_format writes, with its NUL. */
#define TF_NUM_MAX 40

/*
 * Writes `v` in `style` into buf (TF_NUM_MAX bytes) and returns its length;
 * a value that is not finite gives "" and 0.
 */
TF_API int tf_num_format(double v, enum tf_num_style style, char buf[TF_NUM_MAX]);

/* Writes `v` in `style` to `f` (nothing when not finite). */
TF_API void tf_num_put(FILE *f, double v, enum tf_num_style style);

/*
 * Writes `s` as one CSV field (RFC 4180), quoted when it holds a comma, quote
 * or line end. Returns the bytes written (for writers that keep their place).
 */
TF_API size_t tf_csv_field(FILE *f, const char *s);

/* Writes `s` as a JSON string literal, escaping quotes, backslashes and control bytes. */
TF_API void tf_json_string(FILE *f, const char *s);

#ifdef __cplusplus
}
#endif
#endif
