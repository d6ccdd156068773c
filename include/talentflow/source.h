/*
 * talentflow/source.h - readers: files in, observations out.
 *
 * A source reads one input file (or standard input, "-") of one format and
 * yields records: one work (OpenAlex), one row (CSV), one person's record
 * (ORCID; a tarball gives one per member) or one author (OpenAlex author
 * records), each carrying the observations it gives. Gzip is detected from the bytes, not the name,
 * and concatenated gzip members are read as one stream.
 *
 * How to use:
 *   struct tf_paths files;
 *   tf_paths_init(&files);
 *   tf_paths_expand(&files, "world/works", &err);     // directories recursively
 *   for (size_t i = 0; i < files.n; i++) {
 *       struct tf_source *src = NULL;
 *       struct tf_record rec;
 *       if (tf_source_open(&src, files.v[i], TF_FORMAT_OPENALEX, &opts, &skips, &err) < 0)
 *           ...;
 *       while ((rc = tf_source_next(src, &rec, &err)) > 0)
 *           use(rec.obs, rec.n_obs);
 *       tf_source_free(src);                            // rc < 0: err says where
 *   }
 *   tf_paths_release(&files);
 *
 * Records point into the source's own memory and are valid until the next
 * call to tf_source_next or tf_source_free: copy what you keep. A source is
 * used by one thread at a time; different sources are independent.
 *
 * Bad records are skipped and counted in the `struct tf_skips` given at open
 * (with file and line), unless `strict` is set: then tf_source_next returns
 * TF_ERR_DATA with `err` naming the place.
 */
#ifndef TALENTFLOW_SOURCE_H
#define TALENTFLOW_SOURCE_H

#include "talentflow/export.h"

#include <stddef.h>
#include <stdint.h>

#include "talentflow/error.h"
#include "talentflow/obs.h"
#include "talentflow/paths.h"

#ifdef __cplusplus
extern "C" {
#endif

enum tf_format {
    TF_FORMAT_OPENALEX = 1,         /* OpenAlex works: JSON Lines, API pages, single works */
    TF_FORMAT_CSV = 2,              /* person,year,country[,weight][,kind][,org][,work] */
    TF_FORMAT_ORCID = 3,            /* ORCID records: XML v2.x/v3.0, JSON, and tarballs of them */
    TF_FORMAT_OPENALEX_AUTHORS = 4, /* OpenAlex author records: JSON Lines, API pages */
};

/*
 * One input format as the registry lists it. Commands make one input option
 * per format from its name (--openalex PATH) and walk folders for its
 * extensions; a new format is one reader and one line in the registry.
 */
struct tf_format_info {
    enum tf_format format;
    const char *name;              /* the option name: "openalex" gives --openalex PATH */
    const char *help;              /* what the option reads, one short line */
    const char *const *extensions; /* file name endings read in folders, NULL-terminated */
    const enum tf_skip *skips;     /* the reasons its reader skips records for, in the order
                                      summaries list them, ending with TF_SKIP_COUNT */
};

/* The registered formats, in the order commands list them; *n gets their number. */
TF_API const struct tf_format_info *tf_formats(size_t *n);

/* The registry entry of `format`, or NULL when it is not registered. */
TF_API const struct tf_format_info *tf_format_info(enum tf_format format);

/*
 * Whether a file called `name`, met in a folder given for `format`, is an
 * input of it: it ends with one of the format's extensions and with no
 * longer extension of another format ("x.csv.gz" is CSV, not OpenAlex).
 */
TF_API int tf_format_wants(enum tf_format format, const char *name);

/* Whether the reader of `format` skips records for `reason` (its registry list). */
TF_API int tf_format_skips(enum tf_format format, enum tf_skip reason);

/* A topic of a work (OpenAlex "topics"): ids are the numbers of the URLs. */
struct tf_topic {
    uint64_t id;
    uint32_t subfield;
    uint32_t field;
    uint32_t domain;
    float score;
};

/* A concept of a work (OpenAlex "concepts", older records). */
struct tf_concept {
    uint64_t id;
    float score;
    int level;
};

/*
 * The facts about a work that talent pools select on. CSV rows set only
 * `work` and `year` (cited_by_count -1, the rest zero). Arrays belong to the
 * source.
 */
struct tf_work_info {
    uint64_t work;          /* work key, 0 when unknown */
    uint64_t venue;         /* primary_location.source.id (or host_venue.id) number, 0 if none */
    char venue_issn_l[10];  /* the venue's ISSN-L as "1234-567X", "" when none or malformed */
    const char *venue_name; /* the venue's display_name (not NUL-terminated), NULL if none */
    size_t venue_name_len;
    int64_t cited_by_count; /* -1 when absent */
    int year;               /* publication year, 0 when invalid */
    uint64_t updated;       /* updated_date as the digits YYYYMMDDhhmmssmmm (missing parts
                               zero), so later dates compare larger; 0 when absent or invalid */
    int whole;              /* nonzero: the record is a whole work (OpenAlex), so another
                               copy of the same work supersedes it (talentflow/copies.h);
                               zero for CSV rows, which are pieces of works */
    size_t n_topics;
    const struct tf_topic *topics;
    size_t n_concepts;
    const struct tf_concept *concepts;
};

/*
 * One record as read. `obs` has `n_obs` observations (possibly none: a work
 * with no usable authorship still counts as a record). `names`, when not
 * NULL, is parallel to `obs` and gives the original id string for persons in
 * the hashed namespace (NULL entries otherwise). `line` is the 1-based line
 * the record starts on.
 */
struct tf_record {
    struct tf_work_info info;
    const struct tf_obs *obs;
    size_t n_obs;
    const char *const *names;
    uint64_t line;
};

struct tf_merged; /* talentflow/merged.h */

/* Options for tf_source_open. Zero-initialised means the defaults. */
struct tf_source_opts {
    int strict;      /* nonzero: a bad record is an error, not a skip */
    size_t max_line; /* longest accepted line or document in bytes; 0 = 1 GiB */
    /*
     * OpenAlex merged ids to apply (NULL: none; it must outlive the source):
     * a record of a work merged into another is returned with no
     * observations (counted as TF_SKIP_MERGED_WORK with its line), and an
     * observation of a merged author is returned for the author it was
     * merged into (counted by tf_source_remapped).
     */
    const struct tf_merged *merged;
    /*
     * Nonzero: an OpenAlex authorship whose author carries an ORCID iD
     * (author.orcid), and an OpenAlex author record with one (orcid), is
     * the person of that iD (TF_PERSON_ORCID), so the same person's ORCID
     * record and works are one timeline (docs/orcid.md, "Linking"); without
     * an iD the OpenAlex author id stays the person.
     */
    int link_orcid;
    /*
     * Nonzero: a regular file is decompressed on a thread of its own, a few
     * MB ahead of the parsing, so one file keeps two cores busy (OpenAlex
     * works and authors, CSV; results unchanged). For a pool of readers with
     * fewer files left than threads.
     */
    int read_ahead;
};

struct tf_source; /* opaque */

/*
 * Opens `path` ("-" = standard input) as `format`. `opts` may be NULL for the
 * defaults. `skips` (may be NULL) receives counts of skipped records; it must
 * outlive the source. On failure returns a negative status, fills `err` and
 * leaves *out NULL.
 */
TF_API int tf_source_open(struct tf_source **out, const char *path, enum tf_format format,
                          const struct tf_source_opts *opts, struct tf_skips *skips,
                          struct tf_error *err);

/*
 * Reads the next record into `rec`. Returns 1 for a record, 0 at the end of
 * the input, or a negative status (I/O error, or TF_ERR_DATA in strict mode)
 * with `err` filled. A truncated gzip member ends the input: it is counted
 * as TF_SKIP_TRUNCATED_GZIP and reported as the end (or as TF_ERR_DATA when
 * strict).
 */
TF_API int tf_source_next(struct tf_source *src, struct tf_record *rec, struct tf_error *err);

/* Bytes read so far from the underlying file (compressed bytes for gzip). */
TF_API uint64_t tf_source_bytes(const struct tf_source *src);

/*
 * After the last record: the CRC-32 (gzip's) of the whole input file,
 * computed as its bytes were read (what the file holds past the point the
 * reader stopped is read for it). Returns 0 with *crc set, or -1 for
 * standard input or when the file could not be read to its end.
 */
TF_API int tf_source_file_crc(struct tf_source *src, uint32_t *crc);

/* Records returned so far. */
TF_API uint64_t tf_source_records(const struct tf_source *src);

/* Observations returned so far whose author id was a merged one (see tf_source_opts.merged). */
TF_API uint64_t tf_source_remapped(const struct tf_source *src);

/* Closes the input and frees everything. Accepts NULL. */
TF_API void tf_source_free(struct tf_source *src);

/* ---- OpenAlex snapshot roots -------------------------------------------- */

/* What an OpenAlex snapshot root holds, as found by tf_openalex_snapshot. */
struct tf_snapshot {
    const char *layout;    /* "jsonl" (data/jsonl/works, 2026 on) or "classic" (data/works) */
    char works[4096];      /* the works folder to read */
    char merged_ids[4096]; /* the merged_ids folder, "" when there is none */
    char ignored[1024];    /* folders present but not read, ", "-separated ("authors, parquet") */
};

/*
 * Tells whether the folder `path` is the root of an OpenAlex snapshot (the
 * bucket root, or its data/ folder) rather than a folder of works files: it
 * is when it holds jsonl/works/ (the 2026 layout; preferred when both are
 * present) or works/ (the classic layout), directly or under data/. Other
 * entity folders and the Parquet copy are listed in `ignored`, not read.
 * The merged_ids folder is looked for beside works/, under data/ and under
 * legacy-data/. Returns 1 and fills *out for a snapshot root, 0 otherwise.
 * Thread-safe.
 */
TF_API int tf_openalex_snapshot(const char *path, struct tf_snapshot *out);

#ifdef __cplusplus
}
#endif
#endif
