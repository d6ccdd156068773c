/*
 * catalogue.h - a GNU gettext message catalogue (.mo file) read into memory,
 * for the translated country names iso-codes ships
 * (/usr/share/locale/zh_CN/LC_MESSAGES/iso_3166-1.mo and the like).
 *
 * The format is gettext's documented one: a header of 32-bit words (magic
 * 0x950412de in the file's byte order, revision, count, offsets of the
 * original and the translated string tables), then per string a length and
 * an offset. Every offset and length is checked against the file size, so a
 * damaged file reads as "no catalogue", never as a crash.
 */
#ifndef TF_REPORT_CATALOGUE_H
#define TF_REPORT_CATALOGUE_H

#include <stddef.h>
#include <stdint.h>

struct tf_catalogue {
    unsigned char *data; /* the whole file; NULL when none was read */
    size_t size;
    uint32_t n;         /* strings */
    uint32_t originals; /* offset of the table of original strings */
    uint32_t translated;
    int swap; /* the file's byte order is not the machine's */
};

/*
 * Reads the catalogue at `path` into `c`. Returns 0, or -1 when the file is
 * missing, unreadable, larger than 16 MiB or not a valid catalogue (then `c`
 * holds nothing; tf_catalogue_release is still safe).
 */
int tf_catalogue_open(struct tf_catalogue *c, const char *path);

/*
 * The translation of `msgid` (its first form), or NULL when the catalogue
 * has none or the entry is empty. Points into `c`, valid until release.
 */
const char *tf_catalogue_get(const struct tf_catalogue *c, const char *msgid);

/* Frees the file's bytes; `c` reads as empty afterwards. */
void tf_catalogue_release(struct tf_catalogue *c);

/*
 * The iso_3166-1 catalogue of the report language `lang` ("zh-Hans" reads
 * zh_CN, "zh-Hant" zh_TW) under `localedir` (NULL: /usr/share/locale), into
 * `path` (`size` bytes). Returns 0, or -1 for English, which needs none.
 */
int tf_catalogue_path(const char *lang, const char *localedir, char *path, size_t size);

#endif
