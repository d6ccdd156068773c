/* text.c - CSV fields, JSON strings and the number styles of every output. */
#include "talentflow/text.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The fewest significant digits (6 to 17) that read back to exactly `v`. */
static int shortest(double v, char *buf, size_t size)
{
    int n = 0;
    for (int prec = 6; prec <= 17; prec++) {
        n = snprintf(buf, size, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    return n;
}

int tf_num_format(double v, enum tf_num_style style, char buf[TF_NUM_MAX])
{
    int n;
    if (!isfinite(v)) {
        buf[0] = '\0';
        return 0;
    }
    switch (style) {
    case TF_NUM_SIG10:
        n = snprintf(buf, TF_NUM_MAX, "%.10g", v);
        break;
    case TF_NUM_EXACT:
        n = snprintf(buf, TF_NUM_MAX, "%.17g", v);
        break;
    case TF_NUM_SHORT:
        n = shortest(v, buf, TF_NUM_MAX);
        break;
    default:
        n = snprintf(buf, TF_NUM_MAX, "%.6f", v);
        break;
    }
    /* %.6f of a huge value is longer than any count or rate: keep the digits that fit. */
    return n < TF_NUM_MAX ? n : TF_NUM_MAX - 1;
}

void tf_num_put(FILE *f, double v, enum tf_num_style style)
{
    char buf[TF_NUM_MAX];
    if (tf_num_format(v, style, buf) > 0)
        fputs(buf, f);
}

size_t tf_csv_field(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return strlen(s);
    }
    size_t n = 2;
    fputc('"', f);
    for (; *s; s++, n++) {
        if (*s == '"') {
            fputc('"', f);
            n++;
        }
        fputc(*s, f);
    }
    fputc('"', f);
    return n;
}

void tf_json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}
