/*
 * synth_orcid.c - the career records of a synthetic world: ORCID iDs,
 * planted degrees, the ORCID summaries tarball and the true pipeline.
 *
 * Every person has an ORCID iD (a bijection of their index, so no two
 * persons share one); about 40 % show it on their authorships, and a share
 * `orcid_records` has an ORCID record. A record lists a first degree, the
 * highest degree (a doctorate, a master's, or the first degree alone) and
 * one employment per stay of the career as the world simulated it. The
 * degrees are planted backwards from the country C of the first active
 * year (docs/synth.md, "ORCID records"):
 *   - at home (1 - study_abroad): both degrees in C;
 *   - abroad and back (study_abroad * study_return): first degree in C,
 *     highest degree in a country drawn by C's destination weights;
 *   - abroad and stayed (the rest): highest degree in C, first degree in a
 *     country drawn by its weight as an origin of moves to C.
 * The records are written as ORCID's annual summaries file is laid out
 * (one XML v3.0 record per member, folders by the iD's last three
 * characters), in person order, so the tarball is byte-identical for the
 * same parameters. truth/pipeline.csv counts what talentflow's pipeline
 * table must find in them.
 */
#include <archive.h>
#include <archive_entry.h>
#include <stdlib.h>
#include <string.h>

#include "io/gzout.h"
#include "synth/synth_json.h"

enum { STREAM_ORCID = 11 };

/* The records' timestamps: the snapshot date, and tar members' mtime (2024-01-01). */
#define TAR_MTIME 1704067200
#define LEVEL_BACHELOR 1
#define LEVEL_MASTER 2
#define LEVEL_DOCTORATE 3

/* ---- iDs --------------------------------------------------------------------- */

void synth_orcid_id(uint32_t person, char out[SYNTH_ORCID_LEN + 1])
{
    /* 48271 is prime to 10^9, so persons below that (all of them) get distinct iDs. */
    uint64_t v = ((uint64_t)person * 48271u + 12345u) % 1000000000u;
    char d[16];
    memcpy(d, "000000", 6);
    for (int i = 14; i >= 6; i--, v /= 10)
        d[i] = (char)('0' + v % 10);
    unsigned total = 0; /* ISO 7064 MOD 11-2 */
    for (int i = 0; i < 15; i++)
        total = (total + (unsigned)(d[i] - '0')) * 2;
    unsigned check = (12 - total % 11) % 11;
    d[15] = check == 10 ? 'X' : (char)('0' + check);
    for (int g = 0, k = 0; g < 4; g++) {
        memcpy(out + k, d + 4 * g, 4);
        k += 4;
        if (g < 3)
            out[k++] = '-';
    }
    out[SYNTH_ORCID_LEN] = '\0';
}

int synth_orcid_in_works(const struct synth_world *w, uint32_t person)
{
    return (synth_hash(w->seed, STREAM_NAME, person, 0) >> 32) % 10 < 4;
}

/* ---- the planted degrees ------------------------------------------------------ */

struct plan {
    int level;          /* LEVEL_* of the highest degree */
    uint8_t first;      /* country index of the first degree */
    uint8_t high;       /* country index of the highest degree */
    int t0;             /* first active year */
    struct synth_rng r; /* the rest of the record's draws */
};

/* A country drawn from weights wt[0..nc) (total > 0). */
static uint8_t draw_country(struct synth_rng *r, const double *wt, size_t nc, double total)
{
    double x = synth_uniform(r) * total;
    size_t last = 0;
    for (size_t c = 0; c < nc; c++) {
        if (wt[c] <= 0)
            continue;
        if (x < wt[c])
            return (uint8_t)c;
        x -= wt[c];
        last = c;
    }
    return (uint8_t)last;
}

/* Whether `person` has a record, and its degrees. */
static int plan_of(const struct synth_world *w, uint32_t person, struct plan *pl)
{
    const struct tf_synth_params *p = w->p;
    synth_rng_seed(&pl->r, w->seed, STREAM_ORCID, person, 0);
    if (synth_uniform(&pl->r) >= p->orcid_records)
        return 0;
    int first = 0, last = 0;
    synth_active_span(w, person, &first, &last);
    uint8_t home = synth_res(w, person, first);
    pl->t0 = w->y0 + first;
    double u = synth_uniform(&pl->r);
    pl->level = u < 0.7 ? LEVEL_DOCTORATE : u < 0.9 ? LEVEL_MASTER : LEVEL_BACHELOR;
    pl->first = pl->high = home;
    double abroad = synth_uniform(&pl->r), back = synth_uniform(&pl->r);
    if (abroad >= p->study_abroad)
        return 1;
    size_t nc = w->nc;
    if (back < p->study_return && pl->level != LEVEL_BACHELOR) {
        const double *row = &w->dest[(size_t)home * TF_SYNTH_MAX_COUNTRIES];
        if (w->dest_total[home] > 0)
            pl->high = draw_country(&pl->r, row, nc, w->dest_total[home]);
    } else {
        double col[TF_SYNTH_MAX_COUNTRIES], total = 0;
        for (size_t c = 0; c < nc; c++) {
            col[c] = w->dest[c * TF_SYNTH_MAX_COUNTRIES + home];
            total += col[c];
        }
        if (total > 0)
            pl->first = pl->high = draw_country(&pl->r, col, nc, total);
        if (pl->level != LEVEL_BACHELOR)
            pl->high = home;
    }
    return 1;
}

/* ---- one record --------------------------------------------------------------- */

/* Role titles as people write them, each naming its level by docs/orcid.md's rule. */
static const char *const titles[][8] = {
    [LEVEL_BACHELOR] = {"BSc", "Bachelor of Science", "B.Eng. Electrical Engineering",
                        "Licenciatura em Física", "Bachelor's degree", "学士", "B.A. Economics",
                        "Undergraduate student (BSc)"},
    [LEVEL_MASTER] = {"MSc", "Master of Science", "M.Sc. Computer Science", "Mestrado em Química",
                      "硕士", "Diplom-Physiker", "Maestría en Ciencias", "Master's student"},
    [LEVEL_DOCTORATE] = {"PhD", "Ph.D. in Physics", "Doctor of Philosophy", "Doutorado em Física",
                         "Dr. rer. nat.", "博士", "Doctorat en informatique", "PhD candidate"},
};

static const char *title_of(struct synth_rng *r, int level)
{
    return titles[level][synth_below(r, 8)];
}

/* Appends `s` with XML's five special characters escaped. */
static int add_xml(struct tf_buf *b, const char *s)
{
    int rc = 0;
    for (; *s && rc == 0; s++) {
        switch (*s) {
        case '&':
            rc = tf_buf_adds(b, "&amp;");
            break;
        case '<':
            rc = tf_buf_adds(b, "&lt;");
            break;
        case '>':
            rc = tf_buf_adds(b, "&gt;");
            break;
        case '"':
            rc = tf_buf_adds(b, "&quot;");
            break;
        case '\'':
            rc = tf_buf_adds(b, "&apos;");
            break;
        default:
            rc = tf_buf_add(b, s, 1);
        }
    }
    return rc;
}

/* One affiliation: what it is, its years (end 0: open), its institution. */
struct affil_rec {
    const char *kind; /* "education" or "employment" */
    const char *title;
    int start, end;
    uint32_t inst;
    uint8_t country;
};

static int add_date(struct tf_buf *b, const char *tag, int year, int month)
{
    return tf_buf_addf(b,
                       "<common:%s><common:year>%d</common:year><common:month>%02d</common:month>"
                       "</common:%s>",
                       tag, year, month, tag);
}

static int add_affil(struct tf_buf *b, const struct synth_world *w, const struct affil_rec *a,
                     unsigned put_code, struct synth_rng *r)
{
    const struct synth_inst *in = &w->inst[a->inst];
    int rc = tf_buf_addf(b,
                         "<activities:affiliation-group><common:external-ids/>"
                         "<%s:%s-summary put-code=\"%u\" visibility=\"public\">"
                         "<common:role-title>",
                         a->kind, a->kind, put_code);
    rc |= add_xml(b, a->title);
    rc |= tf_buf_adds(b, "</common:role-title>");
    rc |= add_date(b, "start-date", a->start, 1 + (int)synth_below(r, 12));
    if (a->end)
        rc |= add_date(b, "end-date", a->end, 1 + (int)synth_below(r, 12));
    rc |= tf_buf_adds(b, "<common:organization><common:name>");
    rc |= add_xml(b, in->name);
    rc |= tf_buf_adds(b, "</common:name><common:address><common:city>");
    rc |= add_xml(b, in->city);
    rc |= tf_buf_addf(b,
                      "</common:city><common:country>%s</common:country></common:address>"
                      "<common:disambiguated-organization>"
                      "<common:disambiguated-organization-identifier>https://ror.org/%s"
                      "</common:disambiguated-organization-identifier>"
                      "<common:disambiguation-source>ROR</common:disambiguation-source>"
                      "</common:disambiguated-organization></common:organization>"
                      "</%s:%s-summary></activities:affiliation-group>",
                      w->code[a->country], in->ror, a->kind, a->kind);
    return rc;
}

/* An institution of country c for a degree, the same for the same person and level. */
static uint32_t school_of(const struct synth_world *w, uint32_t person, int level, uint8_t c)
{
    uint32_t lo = w->inst_first[c], n = w->inst_first[c + 1] - lo;
    return lo + (uint32_t)(synth_hash(w->seed, STREAM_ORCID, person, (uint64_t)level) % n);
}

/* The record's affiliations: degrees first, then one employment per stay. */
static size_t affils_of(const struct synth_world *w, uint32_t person, struct plan *pl,
                        struct affil_rec *a)
{
    size_t n = 0;
    int t0 = pl->t0;
    if (pl->level == LEVEL_BACHELOR) {
        a[n++] = (struct affil_rec){"education",
                                    title_of(&pl->r, LEVEL_BACHELOR),
                                    t0 - 4,
                                    t0 - 1,
                                    school_of(w, person, LEVEL_BACHELOR, pl->first),
                                    pl->first};
    } else {
        int span = pl->level == LEVEL_DOCTORATE ? 5 : 2;
        int hs = t0 - span;
        a[n++] = (struct affil_rec){"education",
                                    title_of(&pl->r, LEVEL_BACHELOR),
                                    hs - 4,
                                    hs - 1,
                                    school_of(w, person, LEVEL_BACHELOR, pl->first),
                                    pl->first};
        a[n++] = (struct affil_rec){"education",
                                    title_of(&pl->r, pl->level),
                                    hs,
                                    t0 - 1,
                                    school_of(w, person, pl->level, pl->high),
                                    pl->high};
    }
    int first = 0, last = 0;
    synth_active_span(w, person, &first, &last);
    for (int y = first; y <= last;) {
        uint8_t c = synth_res(w, person, y);
        int e = y;
        while (e < last && synth_res(w, person, e + 1) == c)
            e++;
        /* A stay that lasts to the window's end is open: "until the record's last change". */
        int end = e == w->ny - 1 ? 0 : w->y0 + e;
        a[n++] = (struct affil_rec){
            "employment", "Researcher", w->y0 + y, end, synth_home_inst(w, person, y), c};
        y = e + 1;
    }
    return n;
}

static int add_group(struct tf_buf *b, const struct synth_world *w, const char *id,
                     const char *kind, const struct affil_rec *a, size_t n, struct synth_rng *r)
{
    int rc = tf_buf_addf(b, "<activities:%ss path=\"/%s/%ss\">", kind, id, kind);
    for (size_t i = 0; i < n; i++)
        if (strcmp(a[i].kind, kind) == 0)
            rc |= add_affil(b, w, &a[i], (unsigned)(i + 1), r);
    rc |= tf_buf_addf(b, "</activities:%ss>", kind);
    return rc;
}

#define NS                                                                                         \
    "xmlns:record=\"http://www.orcid.org/ns/record\" "                                             \
    "xmlns:common=\"http://www.orcid.org/ns/common\" "                                             \
    "xmlns:history=\"http://www.orcid.org/ns/history\" "                                           \
    "xmlns:activities=\"http://www.orcid.org/ns/activities\" "                                     \
    "xmlns:education=\"http://www.orcid.org/ns/education\" "                                       \
    "xmlns:employment=\"http://www.orcid.org/ns/employment\""

/* The XML record of `person` into `b`. */
static int format_record(struct tf_buf *b, const struct synth_world *w, uint32_t person,
                         struct plan *pl, const char *id)
{
    struct affil_rec a[2 + 200];
    size_t n = affils_of(w, person, pl, a);
    int changed = w->y0 + w->ny - 1; /* the record's last change: the window's last year */
    int rc = tf_buf_addf(b,
                         "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                         "<record:record path=\"/%s\" " NS ">"
                         "<common:orcid-identifier><common:uri>https://orcid.org/%s</common:uri>"
                         "<common:path>%s</common:path><common:host>orcid.org</common:host>"
                         "</common:orcid-identifier><history:history visibility=\"public\">"
                         "<common:last-modified-date>%d-12-15T10:00:00.000Z"
                         "</common:last-modified-date></history:history>"
                         "<activities:activities-summary path=\"/%s/activities\">",
                         id, id, id, changed, id);
    rc |= add_group(b, w, id, "education", a, n, &pl->r);
    rc |= add_group(b, w, id, "employment", a, n, &pl->r);
    rc |= tf_buf_adds(b, "</activities:activities-summary></record:record>\n");
    return rc ? TF_ERR_NOMEM : 0;
}

/* ---- the tarball ---------------------------------------------------------------- */

struct tar_out {
    struct tf_gzout *g;
    struct tf_error *err;
    int rc;
};

static la_ssize_t tar_write(struct archive *a, void *ctx, const void *p, size_t n)
{
    (void)a;
    struct tar_out *t = ctx;
    if (t->rc == 0)
        t->rc = tf_gzout_write(t->g, p, n, t->err);
    return t->rc ? -1 : (la_ssize_t)n;
}

/* One member "summaries/XYZ/ID.xml" holding b's bytes. */
static int add_member(struct archive *ar, struct archive_entry *e, const char *id,
                      const struct tf_buf *b)
{
    char name[64];
    snprintf(name, sizeof(name), "summaries/%s/%s.xml", id + SYNTH_ORCID_LEN - 3, id);
    archive_entry_clear(e);
    archive_entry_set_pathname(e, name);
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_entry_set_size(e, (la_int64_t)b->len);
    archive_entry_set_mtime(e, TAR_MTIME, 0);
    if (archive_write_header(ar, e) != ARCHIVE_OK)
        return -1;
    return archive_write_data(ar, b->data, b->len) == (la_ssize_t)b->len ? 0 : -1;
}

/* ---- the true pipeline ------------------------------------------------------------ */

/* One record's pipeline row, packed so that sorting the numbers sorts the rows. */
static uint64_t pipeline_key(const struct synth_world *w, const struct plan *pl, uint32_t person)
{
    int first = 0, last = 0;
    synth_active_span(w, person, &first, &last);
    uint8_t work = synth_res(w, person, last);
    int degree_year = pl->t0 - 1;
    return (uint64_t)pl->first << 40 | (uint64_t)pl->high << 32 | (uint64_t)pl->level << 24 |
           (uint64_t)degree_year << 8 | work;
}

static int cmp_key(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* The level names in text order, and each level's place among them. */
static const char *const level_names[] = {"", "bachelor", "doctorate", "master"};
static const uint64_t level_place[] = {
    [LEVEL_BACHELOR] = 1, [LEVEL_MASTER] = 3, [LEVEL_DOCTORATE] = 2};

/*
 * truth/pipeline.csv: first_degree,highest_degree,degree,degree_year,work,n,
 * rows in text order. The keys hold country indexes and levels; they are
 * rewritten with each code's and level name's place in text order, so that
 * sorting the numbers sorts the rows.
 */
static int write_pipeline(const struct synth_world *w, uint64_t *keys, size_t n, const char *path,
                          struct tf_error *err)
{
    uint8_t place[TF_SYNTH_MAX_COUNTRIES], by_place[TF_SYNTH_MAX_COUNTRIES];
    for (size_t c = 0; c < w->nc; c++) {
        place[c] = 0;
        for (size_t d = 0; d < w->nc; d++)
            place[c] = (uint8_t)(place[c] + (strcmp(w->code[d], w->code[c]) < 0));
        by_place[place[c]] = (uint8_t)c;
    }
    for (size_t i = 0; i < n; i++) {
        uint64_t k = keys[i];
        keys[i] = (uint64_t)place[(k >> 40) & 0xff] << 40 |
                  (uint64_t)place[(k >> 32) & 0xff] << 32 | level_place[(k >> 24) & 0xff] << 24 |
                  (k & 0xffff00) | place[k & 0xff];
    }
    qsort(keys, n, sizeof(*keys), cmp_key);
    struct tf_buf b;
    tf_buf_init(&b, 0);
    int rc = tf_buf_adds(&b, "first_degree,highest_degree,degree,degree_year,work,n\n");
    for (size_t i = 0; i < n && rc == 0;) {
        size_t j = i;
        while (j < n && keys[j] == keys[i])
            j++;
        uint64_t k = keys[i];
        rc = tf_buf_addf(&b, "%s,%s,%s,%d,%s,%zu\n", w->code[by_place[(k >> 40) & 0xff]],
                         w->code[by_place[(k >> 32) & 0xff]], level_names[(k >> 24) & 0xff],
                         (int)((k >> 8) & 0xffff), w->code[by_place[k & 0xff]], j - i);
        i = j;
    }
    struct tf_gzout *g = NULL;
    if (rc)
        rc = tf_error_set(err, TF_ERR_NOMEM, path, 0, "out of memory");
    if (rc == 0)
        rc = tf_gzout_open(&g, path, TF_GZOUT_PLAIN, err);
    if (rc == 0)
        rc = tf_gzout_write(g, b.data, b.len, err);
    if (rc == 0)
        rc = tf_gzout_close(g, NULL, err);
    else if (g)
        tf_gzout_abort(g);
    tf_buf_release(&b);
    return rc;
}

/* ---- all of it ------------------------------------------------------------------ */

int synth_write_orcid(const struct synth_world *w, const char *tarball, const char *truth_pipeline,
                      const char *truth_ids, struct tf_synth_stats *st, struct tf_error *err)
{
    struct tar_out t = {NULL, err, 0};
    struct archive *ar = archive_write_new();
    struct archive_entry *e = archive_entry_new();
    uint64_t *keys = malloc(((size_t)w->n + 1) * sizeof(*keys));
    struct tf_gzout *ids = NULL;
    struct tf_buf b, row;
    tf_buf_init(&b, 0);
    tf_buf_init(&row, 0);
    size_t n = 0;
    int rc = ar && e && keys ? 0 : tf_error_set(err, TF_ERR_NOMEM, tarball, 0, "out of memory");
    if (rc == 0)
        rc = tf_gzout_open(&t.g, tarball, TF_GZOUT_GZIP, err);
    if (rc == 0)
        rc = tf_gzout_open(&ids, truth_ids, TF_GZOUT_PLAIN, err);
    if (rc == 0 && (archive_write_set_format_ustar(ar) != ARCHIVE_OK ||
                    archive_write_open(ar, &t, NULL, tar_write, NULL) != ARCHIVE_OK))
        rc = tf_error_set(err, TF_ERR_IO, tarball, 0, "%s", archive_error_string(ar));
    if (rc == 0)
        rc = tf_gzout_write(ids, "person,orcid,in_works\n", 22, err);
    for (uint32_t p = 0; p < w->n && rc == 0; p++) {
        struct plan pl;
        if (!plan_of(w, p, &pl))
            continue;
        char id[SYNTH_ORCID_LEN + 1];
        synth_orcid_id(p, id);
        tf_buf_reset(&b);
        tf_buf_reset(&row);
        rc = format_record(&b, w, p, &pl, id);
        if (rc == 0 &&
            tf_buf_addf(&row, "A%llu,%s,%d\n", (unsigned long long)(TF_SYNTH_PERSON_BASE + 1 + p),
                        id, synth_orcid_in_works(w, p)) < 0)
            rc = TF_ERR_NOMEM;
        if (rc < 0) {
            rc = tf_error_set(err, TF_ERR_NOMEM, tarball, 0, "out of memory");
            break;
        }
        if (add_member(ar, e, id, &b) < 0) {
            rc = t.rc ? t.rc
                      : tf_error_set(err, TF_ERR_IO, tarball, 0, "%s", archive_error_string(ar));
            break;
        }
        rc = tf_gzout_write(ids, row.data, row.len, err);
        keys[n++] = pipeline_key(w, &pl, p);
        st->orcid_records++;
    }
    if (rc == 0 && archive_write_close(ar) != ARCHIVE_OK)
        rc = t.rc ? t.rc : tf_error_set(err, TF_ERR_IO, tarball, 0, "%s", archive_error_string(ar));
    t.rc = t.rc ? t.rc : rc; /* after a failure, freeing the archive writes nothing more */
    archive_write_free(ar);  /* before the file it writes to is closed */
    if (rc == 0)
        rc = tf_gzout_close(t.g, NULL, err);
    else if (t.g)
        tf_gzout_abort(t.g);
    if (rc == 0)
        rc = tf_gzout_close(ids, NULL, err);
    else if (ids)
        tf_gzout_abort(ids);
    if (rc == 0)
        rc = write_pipeline(w, keys, n, truth_pipeline, err);
    archive_entry_free(e);
    free(keys);
    tf_buf_release(&b);
    tf_buf_release(&row);
    return rc;
}
