/*
 * fuzz_catalogue.c - libFuzzer target for the gettext .mo reader
 * (report/catalogue.c) that reads iso-codes' translated country names.
 *
 * Each input is written to a scratch file and opened with
 * tf_catalogue_open. A catalogue that opens is asked for names a report
 * asks for, and for the input's own text cut at its NUL bytes (so strings
 * the catalogue really holds are found too). Every answer must be a string
 * that ends inside the file's bytes; a damaged file must read as no
 * catalogue, never as a crash.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/catalogue.h"

#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An answer points into the catalogue's bytes and ends there, or is NULL. */
static void check_answer(const struct tf_catalogue *c, const char *t)
{
    if (!t)
        return;
    const char *start = (const char *)c->data, *end = start + c->size;
    if (t < start || t >= end || !memchr(t, '\0', (size_t)(end - t)) || t[0] == '\0')
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const asked[] = {"China", "United States", "Germany", "",
                                        "Korea, Republic of"};
    struct tf_catalogue c;
    const char *path = fuzz_input_write("iso_3166-1.mo", data, size);
    if (tf_catalogue_open(&c, path) < 0) {
        if (c.data || c.size || c.n)
            abort(); /* a failed open holds nothing */
        tf_catalogue_release(&c);
        return 0;
    }
    if (!c.data || c.size != size)
        abort();
    for (size_t i = 0; i < sizeof(asked) / sizeof(asked[0]); i++)
        check_answer(&c, tf_catalogue_get(&c, asked[i]));
    check_answer(&c, tf_catalogue_get(&c, NULL));
    /* The input's own strings, at most 64 of them. */
    size_t asked_own = 0;
    for (size_t at = 0; at < size && asked_own < 64; asked_own++) {
        const char *s = (const char *)c.data + at;
        const char *nul = memchr(s, '\0', size - at);
        if (!nul)
            break;
        check_answer(&c, tf_catalogue_get(&c, s));
        at = (size_t)(nul - (const char *)c.data) + 1;
    }
    tf_catalogue_release(&c);
    if (c.data || c.size)
        abort();
    return 0;
}
