/*
 * orcid_xml.c - how fast expat and libxml2's xmlTextReader get through a
 * tarball of ORCID records, read member by member through libarchive as
 * the reader does. Each parser does the work the reader needs: namespace
 * processing, a local-name comparison per element and the text of the
 * leaves. Prints the seconds of each pass; bench/orcid_xml.sh builds and
 * runs it (docs/orcid.md has the numbers and the choice).
 *
 *   orcid_xml none|expat|xmlreader FILE.tar.gz
 */
#include <archive.h>
#include <archive_entry.h>
#include <expat.h>
#include <libxml/xmlreader.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static unsigned long n_elems, n_text, n_years;

static void on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    (void)ud;
    (void)atts;
    const char *local = strrchr(name, '|');
    n_elems++;
    n_years += strcmp(local ? local + 1 : name, "year") == 0;
}

static void on_end(void *ud, const XML_Char *name)
{
    (void)ud;
    (void)name;
}

static void on_text(void *ud, const XML_Char *s, int len)
{
    (void)ud;
    (void)s;
    n_text += (unsigned long)len;
}

static int member_expat(struct archive *a, XML_Parser p)
{
    char buf[65536];
    la_ssize_t n;
    XML_ParserReset(p, NULL);
    XML_SetElementHandler(p, on_start, on_end);
    XML_SetCharacterDataHandler(p, on_text);
    while ((n = archive_read_data(a, buf, sizeof(buf))) > 0)
        if (XML_Parse(p, buf, (int)n, 0) != XML_STATUS_OK)
            return -1;
    return n < 0 || XML_Parse(p, buf, 0, 1) != XML_STATUS_OK ? -1 : 0;
}

static int read_cb(void *ctx, char *buf, int len)
{
    la_ssize_t n = archive_read_data(ctx, buf, (size_t)len);
    return n < 0 ? -1 : (int)n;
}

static int member_reader(struct archive *a)
{
    xmlTextReaderPtr r = xmlReaderForIO(read_cb, NULL, a, NULL, NULL, XML_PARSE_NONET);
    int rc;
    while ((rc = xmlTextReaderRead(r)) == 1) {
        int t = xmlTextReaderNodeType(r);
        if (t == XML_READER_TYPE_ELEMENT) {
            n_elems++;
            n_years += strcmp((const char *)xmlTextReaderConstLocalName(r), "year") == 0;
        } else if (t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE) {
            n_text += strlen((const char *)xmlTextReaderConstValue(r));
        }
    }
    xmlFreeTextReader(r);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc != 3)
        return 2;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    struct archive *a = archive_read_new();
    struct archive_entry *e;
    archive_read_support_filter_all(a);
    archive_read_support_format_tar(a);
    if (archive_read_open_filename(a, argv[2], 1 << 16) != ARCHIVE_OK)
        return 1;
    XML_Parser p = XML_ParserCreateNS(NULL, '|');
    unsigned long members = 0, bad = 0;
    char buf[65536];
    while (archive_read_next_header(a, &e) == ARCHIVE_OK) {
        members++;
        if (strcmp(argv[1], "expat") == 0)
            bad += member_expat(a, p) != 0;
        else if (strcmp(argv[1], "xmlreader") == 0)
            bad += member_reader(a) != 0;
        else
            while (archive_read_data(a, buf, sizeof(buf)) > 0)
                ;
    }
    XML_ParserFree(p);
    archive_read_free(a);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("%-9s %.2f s  members %lu bad %lu elements %lu years %lu text %lu\n", argv[1], s,
           members, bad, n_elems, n_years, n_text);
    return 0;
}
