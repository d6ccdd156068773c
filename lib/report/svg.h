/*
 * svg.h - the report's drawing kit: a growing text document with a sticky
 * error, escaping of text that comes from data, numbers written for people,
 * linear scales with round ticks, and the few SVG elements the charts use.
 *
 * Every writer appends to a `struct tf_doc`; after the first failure (out of
 * memory) the document ignores further writes and keeps the status, so a
 * chart is drawn without checking each call and the caller checks once.
 *
 * Text from the data (country names, codes, store metadata) goes through
 * tf_doc_text, never through tf_doc_fmt's "%s": that is the whole escaping
 * rule. Coordinates are written with one decimal so the output is the same
 * bytes on every run.
 */
#ifndef TF_OUT_SVG_H
#define TF_OUT_SVG_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

struct tf_doc {
    struct tf_buf b;
    int status;          /* 0, or the first failure (TF_ERR_NOMEM) */
    int row_open;        /* a data-table row is open; see report_page.h */
    const char *pct_sep; /* before a per cent sign in tables; NULL = a narrow no-break space */
};

/* An empty document. No allocation. */
void tf_doc_init(struct tf_doc *d);

/* Frees the text; the document is empty and reusable. */
void tf_doc_release(struct tf_doc *d);

/* Appends trusted markup as is. */
void tf_doc_raw(struct tf_doc *d, const char *markup);

/* Appends printf-style markup. String arguments must be trusted markup. */
void tf_doc_fmt(struct tf_doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Appends `s` escaped for HTML/SVG text and attribute values: & < > " ' become
 * entities, control characters other than tab and newline are dropped, and
 * bytes that are not valid UTF-8 become U+FFFD. NULL appends nothing.
 */
void tf_doc_text(struct tf_doc *d, const char *s);

/*
 * Copies `s` into buf (`size` bytes), keeping at most `max_chars` characters;
 * a longer text is cut on a character boundary and ends with "…". Returns buf.
 */
char *tf_text_cut(const char *s, size_t max_chars, char *buf, size_t size);

/*
 * The approximate width in pixels of `s` set at `px` pixels: ideographs and
 * full-width forms take a whole em, other characters a little over half, so
 * legends leave room for Chinese labels as well as for English ones.
 */
double tf_text_width(const char *s, double px);

/* ---- numbers for people ------------------------------------------------- */

/* "12,345". Returns buf. */
char *tf_fmt_count(uint64_t n, char buf[32]);

/* "+12,345", "−12,345" (a real minus sign), "0". Returns buf. */
char *tf_fmt_signed(int64_t n, char buf[32]);

/* `share` (0.123) as "12.3 %" with a thin no-break space; "–" when not finite. */
char *tf_fmt_pct(double share, char buf[32]);

/* The same with `sep` (at most 8 bytes; "" for "12.3%") before the per cent sign. */
char *tf_fmt_pct_sep(double share, const char *sep, char buf[32]);

/*
 * `v` with `decimals` (0..6) decimals and thousands separators; "–" when not
 * finite, "%.3g" form from 1e15 up.
 */
char *tf_fmt_num(double v, int decimals, char buf[32]);

/* ---- scales ------------------------------------------------------------- */

/* Maps the domain [d0, d1] linearly onto the range [r0, r1]. */
struct tf_scale {
    double d0, d1, r0, r1;
};

/* The range position of `v` (the range middle when the domain is empty). */
double tf_scale_at(const struct tf_scale *s, double v);

#define TF_MAX_TICKS 16

/*
 * Round tick values (1, 2 or 5 times a power of ten) covering [lo, hi], at
 * most `max` (<= TF_MAX_TICKS) of them, into `out`. Widens *lo and *hi to the
 * outer ticks so axes end on a labelled value. Returns the number of ticks.
 */
size_t tf_scale_ticks(double *lo, double *hi, size_t max, double out[TF_MAX_TICKS]);

/* ---- SVG elements ------------------------------------------------------- */

/* The Okabe-Ito palette (colour-blind safe) in the order series use it. */
const char *tf_svg_colour(size_t i);

/* A stroke-dasharray for series `i` ("none" for the first), for black-and-white print. */
const char *tf_svg_dash(size_t i);

enum tf_anchor { TF_START, TF_MIDDLE, TF_END };

/*
 * Opens an <svg> with id `id` (trusted), viewBox 0 0 w h, role img and a
 * <title>/<desc> pair it is labelled by (both escaped).
 */
void tf_svg_begin(struct tf_doc *d, const char *id, int w, int h, const char *title,
                  const char *desc);

/* Closes the <svg>. */
void tf_svg_end(struct tf_doc *d);

/*
 * A fill pattern `id` (trusted) of `colour` with marks for print: kind 0 plain,
 * 1 diagonal hatch, 2 dots, 3 cross-hatch, 4 horizontal lines. Call between
 * "<defs>" and "</defs>".
 */
void tf_svg_pattern(struct tf_doc *d, const char *id, const char *colour, int kind);

/* Escaped `text` at (x, y); `cls` (trusted, may be NULL) is its class. */
void tf_svg_text(struct tf_doc *d, double x, double y, enum tf_anchor a, const char *cls,
                 const char *text);

/* A rectangle filled with `fill` (trusted: a colour or "url(#id)"), with an escaped tooltip. */
void tf_svg_rect(struct tf_doc *d, double x, double y, double w, double h, const char *fill,
                 const char *tip);

/* A line with class `cls` (trusted). */
void tf_svg_line(struct tf_doc *d, double x1, double y1, double x2, double y2, const char *cls);

/*
 * A polyline through (x[i], y[i]) in `colour` dashed as series `series`;
 * a NaN y breaks the line. Points are also marked with the series' marker,
 * each with an escaped tooltip tips[i] (tips may be NULL).
 */
void tf_svg_series(struct tf_doc *d, const double *x, const double *y, size_t n, size_t series,
                   const char *const *tips);

/* The marker of series `series` (circle, square, triangle, diamond, ...) at (x, y). */
void tf_svg_marker(struct tf_doc *d, size_t series, double x, double y, const char *tip);

/*
 * A horizontal axis at height `y` from the scale's range, with tick marks and
 * labels at `ticks` (formatted with `decimals` decimals) and gridlines up to
 * `grid_top` (no grid when grid_top >= y). A negative `decimals` writes
 * bare whole numbers, for years.
 */
void tf_svg_axis_x(struct tf_doc *d, const struct tf_scale *s, double y, const double *ticks,
                   size_t n, int decimals, double grid_top);

/* A vertical axis at `x` with labels to its left and gridlines to `grid_right`. */
void tf_svg_axis_y(struct tf_doc *d, const struct tf_scale *s, double x, const double *ticks,
                   size_t n, int decimals, double grid_right);

#endif
