/*
 * country.c - ISO 3166-1 countries from Debian's iso-codes.
 *
 * The table is generated at build time from iso-codes (see
 * cmake/gen_countries.cmake), so normalisation follows iso-codes and nothing
 * else: a country is recognised by its alpha-2 or alpha-3 code or by one of
 * the English names iso-codes gives it ("name", "official_name",
 * "common_name"). That already covers the forms people write for the
 * countries ISO names awkwardly ("South Korea", "Bolivia", "Iran", "Vietnam")
 * without a hand-kept alias list that would drift from the standard. The one
 * addition is Kosovo (XK), which ISO has not assigned but bibliographic
 * sources, OpenAlex among them, use.
 *
 * Letters are compared ignoring ASCII case only; names with non-ASCII letters
 * ("Côte d'Ivoire") must match those letters exactly.
 *
 * Two indexes are built once (pthread_once) and then only read: a 26x26
 * table from alpha-2 code to row, and a sorted array of alpha-3 codes and
 * names searched with bsearch.
 */
#include "talentflow/error.h"
#include "talentflow/obs.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

struct country_row {
    char a2[3];
    char a3[4];
    const char *name;
    const char *official; /* "" when iso-codes has none */
    const char *common;   /* "" when iso-codes has none */
};

static const struct country_row rows[] = {
#include "country_table.inc"
    {"XK", "XKX", "Kosovo", "", ""},
};

#define N_ROWS (sizeof(rows) / sizeof(rows[0]))
#define N_KEYS (N_ROWS * 4) /* alpha-3, name, official name, common name */

/* A string that names a row, for the sorted index. */
struct name_key {
    const char *s;
    size_t len;
    size_t row;
};

struct country_index {
    short by_code[26 * 26]; /* row of each alpha-2 code, -1 when unassigned */
    struct name_key keys[N_KEYS];
    size_t n_keys;
};

static struct country_index idx;
static pthread_once_t idx_once = PTHREAD_ONCE_INIT;

static int fold(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Orders strings by bytes with ASCII letters folded to lowercase. */
static int fold_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t n = alen < blen ? alen : blen;
    for (size_t i = 0; i < n; i++) {
        int ca = fold((unsigned char)a[i]), cb = fold((unsigned char)b[i]);
        if (ca != cb)
            return ca < cb ? -1 : 1;
    }
    return alen < blen ? -1 : alen > blen;
}

static int key_cmp(const void *pa, const void *pb)
{
    const struct name_key *a = pa, *b = pb;
    return fold_cmp(a->s, a->len, b->s, b->len);
}

static void add_key(const char *s, size_t row)
{
    if (!s[0])
        return;
    struct name_key *k = &idx.keys[idx.n_keys++];
    k->s = s;
    k->len = strlen(s);
    k->row = row;
}

static void build_index(void)
{
    for (size_t i = 0; i < 26 * 26; i++)
        idx.by_code[i] = -1;
    for (size_t r = 0; r < N_ROWS; r++) {
        const char *a2 = rows[r].a2;
        idx.by_code[(a2[0] - 'A') * 26 + (a2[1] - 'A')] = (short)r;
        add_key(rows[r].a3, r);
        add_key(rows[r].name, r);
        add_key(rows[r].official, r);
        add_key(rows[r].common, r);
    }
    qsort(idx.keys, idx.n_keys, sizeof(idx.keys[0]), key_cmp);
}

static const struct country_index *index_get(void)
{
    pthread_once(&idx_once, build_index);
    return &idx;
}

static int upper_letter(int c)
{
    c = c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
    return c >= 'A' && c <= 'Z' ? c : 0;
}

/* Row of country `c`, or -1 when it is not an assigned code. */
static int row_of(tf_country c)
{
    int a = c >> 8, b = c & 0xff;
    if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z')
        return -1;
    return index_get()->by_code[(a - 'A') * 26 + (b - 'A')];
}

static int is_space(int c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

static int parse_alpha2(const char *s, tf_country *out)
{
    int a = upper_letter((unsigned char)s[0]), b = upper_letter((unsigned char)s[1]);
    if (!a || !b)
        return TF_ERR_FORMAT;
    tf_country c = TF_COUNTRY(a, b);
    if (row_of(c) < 0)
        return TF_ERR_FORMAT;
    *out = c;
    return 0;
}

static int key_search(const void *pk, const void *pe)
{
    const struct name_key *k = pk, *e = pe;
    return fold_cmp(k->s, k->len, e->s, e->len);
}

int tf_country_parse(const char *s, size_t len, tf_country *out)
{
    while (len && is_space((unsigned char)s[0])) {
        s++;
        len--;
    }
    while (len && is_space((unsigned char)s[len - 1]))
        len--;
    if (len == 2)
        return parse_alpha2(s, out);
    if (len < 3)
        return TF_ERR_FORMAT;
    const struct country_index *ix = index_get();
    struct name_key want = {s, len, 0};
    const struct name_key *k =
        bsearch(&want, ix->keys, ix->n_keys, sizeof(ix->keys[0]), key_search);
    if (!k)
        return TF_ERR_FORMAT;
    *out = TF_COUNTRY(rows[k->row].a2[0], rows[k->row].a2[1]);
    return 0;
}

int tf_country_valid(tf_country c)
{
    return row_of(c) >= 0;
}

char *tf_country_code(tf_country c, char buf[3])
{
    int a = c >> 8, b = c & 0xff;
    if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z') {
        buf[0] = '\0';
        return buf;
    }
    buf[0] = (char)a;
    buf[1] = (char)b;
    buf[2] = '\0';
    return buf;
}

const char *tf_country_name(tf_country c)
{
    int r = row_of(c);
    return r < 0 ? NULL : rows[r].name;
}

const char *tf_country_alpha3(tf_country c)
{
    int r = row_of(c);
    return r < 0 ? NULL : rows[r].a3;
}
