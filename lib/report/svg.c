/* svg.c - the report's drawing kit (see svg.h). */
#include "report/svg.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "talentflow/error.h"

/* A report is a few hundred kB; the cap only stops a runaway loop. */
#define DOC_MAX ((size_t)256 << 20)

#define MINUS "\xe2\x88\x92"     /* U+2212 MINUS SIGN */
#define THIN_NBSP "\xe2\x80\xaf" /* U+202F NARROW NO-BREAK SPACE */
#define DASH "\xe2\x80\x93"      /* U+2013 EN DASH, for a missing value */

void tf_doc_init(struct tf_doc *d)
{
    tf_buf_init(&d->b, DOC_MAX);
    d->status = 0;
    d->row_open = 0;
    d->pct_sep = NULL;
}

void tf_doc_release(struct tf_doc *d)
{
    tf_buf_release(&d->b);
    d->status = 0;
}

static void doc_add(struct tf_doc *d, const char *p, size_t n)
{
    if (d->status == 0)
        d->status = tf_buf_add(&d->b, p, n);
}

void tf_doc_raw(struct tf_doc *d, const char *markup)
{
    doc_add(d, markup, strlen(markup));
}

void tf_doc_fmt(struct tf_doc *d, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof(small)) {
        /* Markup pieces are short by construction; a longer one is a bug. */
        if (d->status == 0)
            d->status = TF_ERR_INTERNAL;
        return;
    }
    doc_add(d, small, (size_t)n);
}

/*
 * Length of the valid UTF-8 sequence at `p`, or 0 when it is not one:
 * overlong forms, surrogates and code points past U+10FFFF are invalid too.
 */
static size_t utf8_len(const unsigned char *p)
{
    static const uint32_t least[5] = {0, 0, 0x80, 0x800, 0x10000};
    unsigned c = p[0];
    if (c < 0x80)
        return 1;
    size_t n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 0;
    if (n == 0 || c > 0xf4)
        return 0;
    uint32_t cp = c & (0x7fu >> n);
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        cp = cp << 6 | (p[i] & 0x3fu);
    }
    if (cp < least[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return n;
}

static const char *entity(unsigned char c)
{
    switch (c) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '"':
        return "&quot;";
    case '\'':
        return "&#39;";
    default:
        return NULL;
    }
}

void tf_doc_text(struct tf_doc *d, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (p && *p) {
        size_t n = utf8_len(p);
        const char *e = n == 1 ? entity(*p) : NULL;
        if (e)
            tf_doc_raw(d, e);
        else if (n == 0)
            tf_doc_raw(d, "\xef\xbf\xbd"); /* U+FFFD REPLACEMENT CHARACTER */
        else if (n > 1 || *p >= 0x20 || *p == '\t' || *p == '\n')
            doc_add(d, (const char *)p, n);
        p += n ? n : 1;
    }
}

static int is_cont(char c)
{
    return ((unsigned char)c & 0xc0) == 0x80;
}

/* Byte offset where character number `chars` of `s` starts (strlen past the end). */
static size_t char_offset(const char *s, size_t chars)
{
    size_t i = 0;
    for (size_t n = 0; s[i]; i++)
        if (!is_cont(s[i]) && n++ == chars)
            break;
    return i;
}

char *tf_text_cut(const char *s, size_t max_chars, char *buf, size_t size)
{
    static const char ellipsis[] = "\xe2\x80\xa6";
    size_t len = strlen(s);
    if (size == 0)
        return buf;
    if (char_offset(s, max_chars) == len && len < size) {
        memcpy(buf, s, len + 1);
        return buf;
    }
    buf[0] = '\0';
    if (size < sizeof(ellipsis))
        return buf;
    size_t cut = char_offset(s, max_chars ? max_chars - 1 : 0);
    while (cut > 0 && (cut + sizeof(ellipsis) > size || is_cont(s[cut])))
        cut--;
    memcpy(buf, s, cut);
    memcpy(buf + cut, ellipsis, sizeof(ellipsis));
    return buf;
}

double tf_text_width(const char *s, double px)
{
    double em = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        size_t n = utf8_len(p);
        if (!n) {
            p++;
            continue;
        }
        uint32_t cp = n == 1 ? p[0] : p[0] & (0x7fu >> n);
        for (size_t i = 1; i < n; i++)
            cp = cp << 6 | (p[i] & 0x3fu);
        em += cp >= 0x2e80 && cp < 0xa000 ? 1.0 : cp >= 0xff00 && cp < 0xff61 ? 1.0 : 0.58;
        p += n;
    }
    return em * px;
}

/* ---- numbers ------------------------------------------------------------ */

/* Writes the digits of `n` grouped by thousands after `prefix`. */
static char *group(uint64_t n, const char *prefix, char buf[32])
{
    char digits[24];
    int len = snprintf(digits, sizeof(digits), "%llu", (unsigned long long)n);
    size_t o = strlen(prefix);
    memcpy(buf, prefix, o);
    for (int i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
    return buf;
}

char *tf_fmt_count(uint64_t n, char buf[32])
{
    return group(n, "", buf);
}

char *tf_fmt_signed(int64_t n, char buf[32])
{
    if (n == 0)
        return group(0, "", buf);
    uint64_t mag = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n;
    return group(mag, n < 0 ? MINUS : "+", buf);
}

char *tf_fmt_num(double v, int decimals, char buf[32])
{
    if (!isfinite(v) || decimals < 0 || decimals > 6) {
        snprintf(buf, 32, "%s", DASH);
        return buf;
    }
    if (fabs(v) >= 1e15) {
        snprintf(buf, 32, "%.3g", v);
        return buf;
    }
    double scale = pow(10.0, decimals);
    double r = round(fabs(v) * scale);
    uint64_t whole = (uint64_t)(r / scale);
    uint64_t frac = (uint64_t)(r - (double)whole * scale);
    group(whole, v < 0 && r > 0 ? MINUS : "", buf);
    if (decimals > 0) {
        size_t o = strlen(buf);
        snprintf(buf + o, 32 - o, ".%0*llu", decimals, (unsigned long long)frac);
    }
    return buf;
}

char *tf_fmt_pct(double share, char buf[32])
{
    return tf_fmt_pct_sep(share, THIN_NBSP, buf);
}

char *tf_fmt_pct_sep(double share, const char *sep, char buf[32])
{
    if (!isfinite(share)) {
        snprintf(buf, 32, "%s", DASH);
        return buf;
    }
    tf_fmt_num(share * 100.0, 1, buf);
    size_t o = strlen(buf);
    snprintf(buf + o, 32 - o, "%s%%", sep);
    return buf;
}

/* ---- scales ------------------------------------------------------------- */

double tf_scale_at(const struct tf_scale *s, double v)
{
    if (s->d1 == s->d0)
        return (s->r0 + s->r1) / 2;
    return s->r0 + (v - s->d0) * (s->r1 - s->r0) / (s->d1 - s->d0);
}

/* The smallest 1, 2 or 5 times a power of ten that is at least `raw`. */
static double nice_step(double raw)
{
    double p = pow(10.0, floor(log10(raw)));
    double m = raw / p;
    return (m <= 1.0 ? 1.0 : m <= 2.0 ? 2.0 : m <= 5.0 ? 5.0 : 10.0) * p;
}

size_t tf_scale_ticks(double *lo, double *hi, size_t max, double out[TF_MAX_TICKS])
{
    if (max < 2)
        max = 2;
    if (max > TF_MAX_TICKS)
        max = TF_MAX_TICKS;
    if (!(*hi > *lo))
        *hi = *lo + 1.0;
    double step = nice_step((*hi - *lo) / (double)(max - 1));
    double a = floor(*lo / step), b = ceil(*hi / step);
    while (b - a + 1 > (double)max) {
        step = nice_step(step * 1.01);
        a = floor(*lo / step);
        b = ceil(*hi / step);
    }
    size_t n = 0;
    for (double t = a; t <= b && n < max; t += 1.0)
        out[n++] = t * step == 0.0 ? 0.0 : t * step; /* no "-0" label */
    *lo = a * step;
    *hi = b * step;
    return n;
}

/* A tick label: grouped with `decimals`, or a bare whole number (a year) when negative. */
static char *tick_label(double v, int decimals, char buf[32])
{
    if (decimals >= 0)
        return tf_fmt_num(v, decimals, buf);
    snprintf(buf, 32, "%.0f", v);
    return buf;
}

/* ---- SVG elements ------------------------------------------------------- */

static const char *const palette[] = {"#0072B2", "#E69F00", "#009E73", "#D55E00",
                                      "#56B4E9", "#CC79A7", "#000000", "#F0E442"};

const char *tf_svg_colour(size_t i)
{
    return palette[i % (sizeof(palette) / sizeof(palette[0]))];
}

static const char *const dashes[] = {"none", "7 3", "2 3", "9 3 2 3", "4 4", "12 4", "1 5", "6 2"};

const char *tf_svg_dash(size_t i)
{
    return dashes[i % (sizeof(dashes) / sizeof(dashes[0]))];
}

void tf_svg_begin(struct tf_doc *d, const char *id, int w, int h, const char *title,
                  const char *desc)
{
    tf_doc_fmt(d,
               "<svg id=\"%s\" class=\"chart\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
               "role=\"img\" aria-labelledby=\"%s-t %s-d\" xmlns=\"http://www.w3.org/2000/svg\">"
               "<title id=\"%s-t\">",
               id, w, h, w, h, id, id, id);
    tf_doc_text(d, title);
    tf_doc_fmt(d, "</title><desc id=\"%s-d\">", id);
    tf_doc_text(d, desc);
    tf_doc_raw(d, "</desc>\n");
}

void tf_svg_end(struct tf_doc *d)
{
    tf_doc_raw(d, "</svg>\n");
}

void tf_svg_pattern(struct tf_doc *d, const char *id, const char *colour, int kind)
{
    static const char *const marks[] = {
        "",
        "<path d=\"M-1 1L1 -1M0 8L8 0M7 9L9 7\" stroke=\"#000\" stroke-width=\"1.2\"/>",
        "<circle cx=\"4\" cy=\"4\" r=\"1.4\" fill=\"#000\"/>",
        "<path d=\"M0 0L8 8M8 0L0 8\" stroke=\"#000\" stroke-width=\"0.9\"/>",
        "<path d=\"M0 4H8\" stroke=\"#000\" stroke-width=\"1.2\"/>",
    };
    if (kind < 0 || kind > 4)
        kind = 0;
    tf_doc_fmt(d,
               "<pattern id=\"%s\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\">"
               "<rect width=\"8\" height=\"8\" fill=\"%s\"/>%s</pattern>",
               id, colour, marks[kind]);
}

void tf_svg_text(struct tf_doc *d, double x, double y, enum tf_anchor a, const char *cls,
                 const char *text)
{
    static const char *const anchors[] = {"start", "middle", "end"};
    tf_doc_fmt(d, "<text x=\"%.1f\" y=\"%.1f\"", x, y);
    if (a != TF_START)
        tf_doc_fmt(d, " text-anchor=\"%s\"", anchors[a]);
    if (cls)
        tf_doc_fmt(d, " class=\"%s\"", cls);
    tf_doc_raw(d, ">");
    tf_doc_text(d, text);
    tf_doc_raw(d, "</text>");
}

/* Closes an element with an optional escaped <title> tooltip. */
static void close_with_tip(struct tf_doc *d, const char *tag, const char *tip)
{
    if (!tip) {
        tf_doc_raw(d, "/>");
        return;
    }
    tf_doc_raw(d, "><title>");
    tf_doc_text(d, tip);
    tf_doc_fmt(d, "</title></%s>", tag);
}

void tf_svg_rect(struct tf_doc *d, double x, double y, double w, double h, const char *fill,
                 const char *tip)
{
    tf_doc_fmt(d,
               "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" "
               "class=\"mark\"",
               x, y, w < 0 ? 0 : w, h < 0 ? 0 : h, fill);
    close_with_tip(d, "rect", tip);
}

void tf_svg_line(struct tf_doc *d, double x1, double y1, double x2, double y2, const char *cls)
{
    tf_doc_fmt(d, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"%s\"/>", x1, y1,
               x2, y2, cls);
}

void tf_svg_series(struct tf_doc *d, const double *x, const double *y, size_t n, size_t series,
                   const char *const *tips)
{
    int pen = 0;
    tf_doc_fmt(d, "<path class=\"series\" fill=\"none\" stroke=\"%s\" stroke-dasharray=\"%s\" d=\"",
               tf_svg_colour(series), tf_svg_dash(series));
    for (size_t i = 0; i < n; i++) {
        if (isnan(y[i])) {
            pen = 0;
            continue;
        }
        tf_doc_fmt(d, "%s%.1f %.1f", pen ? "L" : "M", x[i], y[i]);
        pen = 1;
    }
    tf_doc_raw(d, "\"/>");
    for (size_t i = 0; i < n; i++)
        if (!isnan(y[i]))
            tf_svg_marker(d, series, x[i], y[i], tips ? tips[i] : NULL);
}

void tf_svg_marker(struct tf_doc *d, size_t series, double x, double y, const char *tip)
{
    const char *c = tf_svg_colour(series);
    switch (series % 6) {
    case 0:
        tf_doc_fmt(d, "<circle class=\"mark\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"", x, y,
                   c);
        close_with_tip(d, "circle", tip);
        return;
    case 1:
        tf_doc_fmt(d,
                   "<rect class=\"mark\" x=\"%.1f\" y=\"%.1f\" width=\"7\" height=\"7\" "
                   "fill=\"%s\"",
                   x - 3.5, y - 3.5, c);
        close_with_tip(d, "rect", tip);
        return;
    default:
        break;
    }
    /* The other shapes are paths: triangle, diamond, inverted triangle, cross. */
    static const char *const shapes[] = {"m0 -4.5l4 7h-8z", "m0 -4.5l4.5 4.5l-4.5 4.5l-4.5 -4.5z",
                                         "m0 4.5l4 -7h-8z", "m-4 -4l8 8m0 -8l-8 8"};
    size_t s = series % 6 - 2;
    tf_doc_fmt(d, "<path class=\"mark\" d=\"M%.1f %.1f%s\" fill=\"%s\" stroke=\"%s\"", x, y,
               shapes[s], s == 3 ? "none" : c, c);
    close_with_tip(d, "path", tip);
}

void tf_svg_axis_x(struct tf_doc *d, const struct tf_scale *s, double y, const double *ticks,
                   size_t n, int decimals, double grid_top)
{
    char buf[32];
    tf_doc_raw(d, "<g class=\"axis\">");
    tf_svg_line(d, s->r0, y, s->r1, y, "domain");
    for (size_t i = 0; i < n; i++) {
        double x = tf_scale_at(s, ticks[i]);
        if (grid_top < y)
            tf_svg_line(d, x, grid_top, x, y, "grid");
        tf_svg_line(d, x, y, x, y + 4, "tick");
        tf_svg_text(d, x, y + 19, TF_MIDDLE, NULL, tick_label(ticks[i], decimals, buf));
    }
    tf_doc_raw(d, "</g>\n");
}

void tf_svg_axis_y(struct tf_doc *d, const struct tf_scale *s, double x, const double *ticks,
                   size_t n, int decimals, double grid_right)
{
    char buf[32];
    tf_doc_raw(d, "<g class=\"axis\">");
    tf_svg_line(d, x, s->r0, x, s->r1, "domain");
    for (size_t i = 0; i < n; i++) {
        double y = tf_scale_at(s, ticks[i]);
        if (grid_right > x)
            tf_svg_line(d, x, y, grid_right, y, "grid");
        tf_svg_line(d, x - 4, y, x, y, "tick");
        tf_svg_text(d, x - 7, y + 4, TF_END, NULL, tick_label(ticks[i], decimals, buf));
    }
    tf_doc_raw(d, "</g>\n");
}
