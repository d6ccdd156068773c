/* test_orcid.c - the ORCID reader on the fixtures in tests/data/orcid, and its degree rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "sources/orcid/orcid_doc.h"
#include "talentflow/error.h"
#include "talentflow/obs.h"
#include "talentflow/source.h"

#define DATA TF_TEST_DATA "/orcid/"
#define TAR_TOP "ORCID_2023_10_summaries/"
#define MAX_OBS 128
#define MAX_RECORDS 8

#define EDU TF_KIND_EDUCATION
#define EMP TF_KIND_EMPLOYMENT
#define BA TF_DEGREE_BACHELOR
#define MA TF_DEGREE_MASTER
#define DR TF_DEGREE_DOCTORATE
#define NONE TF_DEGREE_NONE

/* Everything read from one input, copied out of the source. */
struct got {
    int open_rc;
    int rc; /* the last tf_source_next status */
    size_t n, n_records;
    struct tf_obs obs[MAX_OBS];
    size_t record_obs[MAX_RECORDS]; /* observations per record */
    uint64_t record_line[MAX_RECORDS];
    struct tf_skips skips;
    struct tf_error err;
};

static void copy_record(struct got *g, const struct tf_record *rec)
{
    assert_true(g->n_records < MAX_RECORDS);
    assert_true(g->n + rec->n_obs <= MAX_OBS);
    assert_null(rec->names);
    assert_int_equal(rec->info.work, 0);
    assert_int_equal(rec->info.cited_by_count, -1);
    if (rec->n_obs) /* a record without affiliations has no array */
        memcpy(g->obs + g->n, rec->obs, rec->n_obs * sizeof(*rec->obs));
    g->n += rec->n_obs;
    g->record_line[g->n_records] = rec->line;
    g->record_obs[g->n_records++] = rec->n_obs;
}

/* Reads `file` to the end or to the first error. */
static void read_all(const char *file, int strict, struct got *g)
{
    struct tf_source_opts opts = {.strict = strict};
    struct tf_source *src = NULL;
    struct tf_record rec;
    memset(g, 0, sizeof(*g));
    tf_skips_init(&g->skips);
    tf_error_init(&g->err);
    g->open_rc = tf_source_open(&src, file, TF_FORMAT_ORCID, &opts, &g->skips, &g->err);
    if (g->open_rc < 0) {
        assert_null(src);
        return;
    }
    while ((g->rc = tf_source_next(src, &rec, &g->err)) > 0)
        copy_record(g, &rec);
    assert_int_equal(tf_source_records(src), g->n_records);
    struct stat st;
    assert_int_equal(stat(file, &st), 0);
    assert_int_equal(tf_source_bytes(src), st.st_size); /* read to the end, and no further */
    tf_source_free(src);
    for (int r = 0; r < TF_SKIP_COUNT; r++) /* the registry lists every reason the reader uses */
        if (g->skips.n[r] && !tf_format_skips(TF_FORMAT_ORCID, (enum tf_skip)r))
            fail_msg("%s: skipped for, but not in the registry's list", tf_skip_name(r));
}

static uint64_t person(const char *s)
{
    uint64_t key = 0;
    assert_int_equal(tf_person_parse(s, strlen(s), &key), 0);
    assert_int_equal(key >> 60, TF_PERSON_ORCID);
    return key;
}

static uint64_t org(const char *s)
{
    uint64_t key = 0;
    if (s)
        assert_int_equal(tf_org_parse(s, strlen(s), &key), 0);
    return key;
}

/* One affiliation's expected observations: every year from first to last. */
struct span {
    const char *id;
    int first, last;
    const char *country;
    int kind, degree;
    const char *org; /* as tf_org_parse reads it; NULL for none */
};

/* The observations in g, in order, are exactly the years of spans[0..n). */
static void check_spans(const struct got *g, const struct span *sp, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        for (int y = sp[i].first; y <= sp[i].last; y++, k++) {
            char code[3];
            assert_true(k < g->n);
            const struct tf_obs *o = &g->obs[k];
            if (o->person != person(sp[i].id) || o->year != y)
                fail_msg("obs %zu: span %zu wants %s %d, got year %d", k, i, sp[i].id, y, o->year);
            assert_string_equal(tf_country_code(o->country, code), sp[i].country);
            assert_int_equal(o->kind, sp[i].kind);
            assert_int_equal(o->degree, sp[i].degree);
            assert_int_equal(o->org, org(sp[i].org));
            assert_int_equal(o->weight, TF_WEIGHT_UNIT);
            assert_int_equal(o->work, 0);
        }
    }
    assert_int_equal(g->n, k);
}

/* The first place a skip of `reason` was counted: file and line. */
static void check_place(const struct got *g, int reason, const char *file, uint64_t line)
{
    assert_true(g->skips.n[reason] > 0);
    assert_string_equal(g->skips.first[reason][0].file, file);
    assert_int_equal(g->skips.first[reason][0].line, line);
}

static const struct span v30_xml[] = {
    {"0000-0002-1825-0097", 2005, 2008, "BR", EDU, BA, "ringgold:28105"},
    /* a group of two copies: the first has no start date, the second counts */
    {"0000-0002-1825-0097", 2008, 2009, "GB", EDU, MA, "grid.4991.5"},
    {"0000-0002-1825-0097", 2009, 2013, "PT", EDU, DR, "https://ror.org/01c27hj86"},
    /* no end: until the record's last change (2017-02-28) */
    {"0000-0002-1825-0097", 2014, 2017, "DE", EMP, NONE, "https://ror.org/01hcx6992"},
    /* put-code 22 has no start year; 23 ends in 2030, cut to 2017; FUNDREF is no org */
    {"0000-0002-1825-0097", 2016, 2017, "US", EMP, NONE, NULL},
};

static const struct span v21_xml[] = {
    {"0000-0001-5109-3700", 2001, 2004, "DE", EDU, DR, "ringgold:9144"},
    {"0000-0001-5109-3700", 1998, 2000, "CN", EDU, MA, NULL},
    {"0000-0001-5109-3700", 2005, 2006, "CN", EMP, NONE, NULL},
};

static const struct span v30_json[] = {
    {"0000-0003-4567-890X", 2010, 2012, "IT", EDU, MA, "ringgold:9296"},
    /* no end: until 2019 (history last-modified-date 1559917016886 ms) */
    {"0000-0003-4567-890X", 2013, 2019, "FR", EMP, NONE, "https://ror.org/02feahw73"},
    {"0000-0003-4567-890X", 2018, 2019, "JP", EMP, NONE, NULL},
};

static const struct span v21_json[] = {
    {"0000-0002-9876-5436", 1990, 1995, "DE", EDU, MA, NULL},
    {"0000-0002-9876-5436", 1986, 1989, "GB", EDU, BA, "grid.5685.e"},
    {"0000-0002-9876-5436", 1996, 2016, "AU", EMP, NONE, NULL},
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void test_xml_v30(void **state)
{
    (void)state;
    struct got g;
    read_all(DATA "record_v30.xml", 0, &g);
    assert_int_equal(g.rc, 0);
    assert_int_equal(g.n_records, 1);
    assert_int_equal(g.record_line[0], 2);
    check_spans(&g, v30_xml, N(v30_xml));
    assert_int_equal(tf_skips_total(&g.skips), 1);
    check_place(&g, TF_SKIP_NO_START_YEAR, DATA "record_v30.xml", 112);
    /* no start year is incomplete, not bad, input: strict reads on */
    read_all(DATA "record_v30.xml", 1, &g);
    assert_int_equal(g.rc, 0);
    check_spans(&g, v30_xml, N(v30_xml));
}

static void test_xml_v21(void **state)
{
    (void)state;
    struct got g;
    read_all(DATA "record_v21.xml", 0, &g);
    assert_int_equal(g.rc, 0);
    assert_int_equal(g.n_records, 1);
    check_spans(&g, v21_xml, N(v21_xml));
    assert_int_equal(tf_skips_total(&g.skips), 2);
    check_place(&g, TF_SKIP_BAD_COUNTRY, DATA "record_v21.xml", 38);
    check_place(&g, TF_SKIP_BAD_YEAR, DATA "record_v21.xml", 58);
    read_all(DATA "record_v21.xml", 1, &g);
    assert_int_equal(g.rc, TF_ERR_DATA);
    assert_int_equal(g.err.line, 38);
    assert_string_equal(g.err.file, DATA "record_v21.xml");
    assert_int_equal(g.n_records, 0);
}

static void test_json(void **state)
{
    (void)state;
    struct got g;
    read_all(DATA "record_v30.json", 0, &g);
    assert_int_equal(g.rc, 0);
    assert_int_equal(g.n_records, 1);
    check_spans(&g, v30_json, N(v30_json));
    assert_int_equal(tf_skips_total(&g.skips), 0);
    read_all(DATA "record_v21.json", 0, &g);
    assert_int_equal(g.rc, 0);
    assert_int_equal(g.n_records, 1);
    check_spans(&g, v21_json, N(v21_json));
    assert_int_equal(tf_skips_total(&g.skips), 1);
    check_place(&g, TF_SKIP_NO_START_YEAR, DATA "record_v21.json", 0);
}

/* Inputs that give no record, each counted once under `reason` at `line`. */
static void check_no_record(const char *file, int reason, uint64_t line)
{
    struct got g;
    read_all(file, 0, &g);
    assert_int_equal(g.rc, 0);
    assert_int_equal(g.n_records, 0);
    assert_int_equal(tf_skips_total(&g.skips), 1);
    check_place(&g, reason, file, line);
    read_all(file, 1, &g);
    assert_int_equal(g.open_rc < 0 ? g.open_rc : g.rc, TF_ERR_DATA);
    assert_string_equal(g.err.file, file);
}

static void test_not_records(void **state)
{
    (void)state;
    check_no_record(DATA "error_404.json", TF_SKIP_ORCID_ERROR_BODY, 1);
    check_no_record(DATA "error.xml", TF_SKIP_ORCID_ERROR_BODY, 2);
    check_no_record(DATA "bad_id.xml", TF_SKIP_BAD_PERSON, 2);
    check_no_record(DATA "truncated.xml", TF_SKIP_MALFORMED_XML, 20);
    /* libarchive's raw format refuses an empty input: counted, not fatal */
    check_no_record(TF_TEST_DATA "/fuzz/orcid/empty_input", TF_SKIP_NOT_A_RECORD, 0);
}

static void test_no_affiliations(void **state)
{
    (void)state;
    struct got g;
    for (int strict = 0; strict <= 1; strict++) { /* most records have none: never fatal */
        read_all(DATA "no_affiliations.xml", strict, &g);
        assert_int_equal(g.rc, 0);
        assert_int_equal(g.n_records, 1);
        assert_int_equal(g.n, 0);
        assert_int_equal(tf_skips_total(&g.skips), 1);
        check_place(&g, TF_SKIP_NO_AFFILIATIONS, DATA "no_affiliations.xml", 2);
    }
}

static void test_tarball(void **state)
{
    (void)state;
    struct got g;
    struct span all[N(v30_xml) + N(v21_xml) + N(v30_json)];
    memcpy(all, v30_xml, sizeof(v30_xml));
    memcpy(all + N(v30_xml), v21_xml, sizeof(v21_xml));
    memcpy(all + N(v30_xml) + N(v21_xml), v30_json, sizeof(v30_json));
    read_all(DATA "records.tar.gz", 0, &g);
    assert_int_equal(g.rc, 0);
    assert_int_equal(g.n_records, 4); /* v3.0 XML, v2.1 XML, JSON, no affiliations */
    assert_int_equal(g.record_obs[3], 0);
    check_spans(&g, all, N(all));
    assert_int_equal(tf_skips_total(&g.skips), 7);
    const char *tar = DATA "records.tar.gz:" TAR_TOP;
    char place[512];
    snprintf(place, sizeof(place), "%s097/0000-0002-1825-0097.xml", tar);
    check_place(&g, TF_SKIP_NO_START_YEAR, place, 112);
    snprintf(place, sizeof(place), "%s700/0000-0001-5109-3700.xml", tar);
    check_place(&g, TF_SKIP_BAD_COUNTRY, place, 38);
    check_place(&g, TF_SKIP_BAD_YEAR, place, 58);
    snprintf(place, sizeof(place), "%s789/0000-0001-2345-6789.xml", tar);
    check_place(&g, TF_SKIP_NO_AFFILIATIONS, place, 2);
    snprintf(place, sizeof(place), "%s788/0000-0001-2345-6788.xml", tar);
    check_place(&g, TF_SKIP_BAD_PERSON, place, 2);
    snprintf(place, sizeof(place), "%s000/0000-0002-0000-0000.xml", tar);
    check_place(&g, TF_SKIP_ORCID_ERROR_BODY, place, 2);
    snprintf(place, sizeof(place), "%s097/0000-0002-1825-0097-cut.xml", tar);
    check_place(&g, TF_SKIP_MALFORMED_XML, place, 20);
}

static void test_tarball_cut(void **state)
{
    (void)state;
    struct got g;
    struct span both[N(v30_xml) + N(v21_xml)];
    memcpy(both, v30_xml, sizeof(v30_xml));
    memcpy(both + N(v30_xml), v21_xml, sizeof(v21_xml));
    read_all(DATA "records_cut.tar", 0, &g);
    assert_int_equal(g.rc, 0);
    assert_int_equal(g.n_records, 2); /* what comes before the cut */
    check_spans(&g, both, N(both));
    assert_int_equal(g.skips.n[TF_SKIP_BAD_ARCHIVE], 1);
    check_place(&g, TF_SKIP_BAD_ARCHIVE,
                DATA "records_cut.tar:" TAR_TOP "90X/0000-0003-4567-890X.json", 0);
}

static void test_missing_file(void **state)
{
    (void)state;
    struct got g;
    read_all(DATA "no_such_file.xml", 0, &g);
    assert_int_equal(g.open_rc, TF_ERR_IO);
    assert_string_equal(g.err.file, DATA "no_such_file.xml");
}

static void test_folder_names(void **state)
{
    (void)state;
    assert_true(tf_format_wants(TF_FORMAT_ORCID, "0000-0002-1825-0097.xml"));
    assert_true(tf_format_wants(TF_FORMAT_ORCID, "ORCID_2023_10_summaries.tar.gz"));
    assert_true(tf_format_wants(TF_FORMAT_ORCID, "record.json"));
    assert_false(tf_format_wants(TF_FORMAT_ORCID, "part_000.gz"));
    /* saved OpenAlex pages stay OpenAlex's, tarballs are not */
    assert_true(tf_format_wants(TF_FORMAT_OPENALEX, "page.json.gz"));
    assert_false(tf_format_wants(TF_FORMAT_OPENALEX, "summaries.tar.gz"));
}

/* Role titles and the degree level the rule gives them (docs/orcid.md). */
static const struct {
    const char *title;
    int degree;
} degree_cases[] = {
    {"", NONE},
    {"   ", NONE},
    {"PhD", DR},
    {"Ph.D. in Physics", DR},
    {"PhD student", DR},
    {"DPhil", DR},
    {"Dr. rer. nat.", DR},
    {"Dr.-Ing.", DR},
    {"Doctor of Philosophy", DR},
    {"Doctorat en chimie", DR},
    {"Doctorado en Ciencias", DR},
    {"Doutorado em Física", DR},
    {"Dottorato di ricerca", DR},
    {"Doktorand", DR},
    {"Habilitation", DR},
    {"博士", DR},
    {"工学博士", DR},
    {"박사", DR},
    {"Кандидат наук", DR},
    {"Master and PhD (integrated)", DR},
    {"Postdoctoral fellow", TF_DEGREE_OTHER},
    {"Post-doctoral researcher", TF_DEGREE_OTHER},
    {"Pós-Doutorado", TF_DEGREE_OTHER},
    {"Postdoc", TF_DEGREE_OTHER},
    {"MSc", MA},
    {"M.Sc.", MA},
    {"M. Sc. Physics", MA},
    {"MA", MA},
    {"M.A. in History", MA},
    {"Master", MA},
    {"Master's degree", MA},
    {"Master of Engineering", MA},
    {"MBA", MA},
    {"MPhil", MA},
    {"Mestrado", MA},
    {"Mestrado em Química", MA},
    {"Maestría en Economía", MA},
    {"Magister", MA},
    {"Laurea magistrale", MA},
    {"Laurea specialistica", MA},
    {"Diplom", MA},
    {"Diplom-Physiker", MA},
    {"Dipl.-Ing.", MA},
    {"Maîtrise", MA},
    {"硕士", MA},
    {"碩士研究生", MA},
    {"修士", MA},
    {"석사", MA},
    {"Магистр", MA},
    {"BSc", BA},
    {"B.Sc. (Hons)", BA},
    {"BA", BA},
    {"B.A.", BA},
    {"Bachelor of Science", BA},
    {"Bachelor's", BA},
    {"Licenciatura", BA},
    {"Licenciatura em Física", BA},
    {"Licence de mathématiques", BA},
    {"Laurea", BA},
    {"Laurea triennale", BA},
    {"Graduação", BA},
    {"学士", BA},
    {"本科", BA},
    {"학사", BA},
    {"Бакалавр", BA},
    {"Undergraduate", BA},
    {"BSc and MSc", MA},
    {"Visiting student", TF_DEGREE_OTHER},
    {"Diploma in Nursing", TF_DEGREE_OTHER},
    {"Student", TF_DEGREE_OTHER},
    {"Medical residency", TF_DEGREE_OTHER},
};

static void test_degree(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(degree_cases); i++) {
        int got = orcid_degree(degree_cases[i].title, strlen(degree_cases[i].title));
        if (got != degree_cases[i].degree)
            fail_msg("\"%s\": degree %d, want %d", degree_cases[i].title, got,
                     degree_cases[i].degree);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_xml_v30),
        cmocka_unit_test(test_xml_v21),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_not_records),
        cmocka_unit_test(test_no_affiliations),
        cmocka_unit_test(test_tarball),
        cmocka_unit_test(test_tarball_cut),
        cmocka_unit_test(test_missing_file),
        cmocka_unit_test(test_folder_names),
        cmocka_unit_test(test_degree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
