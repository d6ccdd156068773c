/*
 * scenario.c - reading and checking scenario files, and applying them.
 *
 * A scenario is read against the model it will run with, so every mistake
 * is caught before any projection starts and reported where it is in the
 * file, with what would have been accepted: a country the model does not
 * have, a covariate it does not use, a year outside the projection, a key
 * that is not one of ours (most often a typo that would otherwise silently
 * do nothing).
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/json.h"
#include "model/scenario.h"

static const char *const known_keys[] = {"country",  "covariate", "side", "from",
                                         "scale",    "add",       "set",  "path",
                                         "corridor", "growth",    "note", NULL};

struct sc {
    const char *path;
    const struct tf_model *m;
    const struct tf_scenario *s; /* the changes read so far, the current one last */
    int first, last;             /* projection years */
    struct tf_error *err;
    char where[48];
};

static int fail(struct sc *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Reports a problem at the current place in the document. */
static int fail(struct sc *c, const char *fmt, ...)
{
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    return tf_error_set(c->err, TF_ERR_FORMAT, c->path, 0, "%s: %s", c->where, msg);
}

static int check_keys(struct sc *c, const struct tf_jv *e)
{
    for (size_t i = 0; i < e->n; i++) {
        size_t k = 0;
        while (known_keys[k] && strcmp(known_keys[k], e->keys[i]) != 0)
            k++;
        if (!known_keys[k])
            return fail(c,
                        "unknown key '%s' (a change has: country, covariate, side, from, "
                        "scale, add, set, path, corridor, growth, note)",
                        e->keys[i]);
    }
    return 0;
}

/* ---- countries and covariates ------------------------------------------- */

static void country_list(const struct tf_model *m, char *buf, size_t n)
{
    size_t len = 0;
    char code[3];
    for (size_t i = 0; i < m->n_countries && len + 8 < n; i++)
        len += (size_t)snprintf(buf + len, n - len, "%s%s", i ? " " : "",
                                tf_country_code(m->countries[i], code));
}

static int country(struct sc *c, const struct tf_jv *v, long *out)
{
    char list[1024], code[3];
    tf_country k;
    if (!v || v->type != TF_JV_STRING)
        return fail(c, "a country must be a string: an ISO code or English name");
    if (tf_country_parse(v->str, v->n, &k) < 0)
        return fail(c, "'%s' is not a country (give an ISO 3166-1 code or English name)", v->str);
    *out = tf_model_country_index(c->m, k);
    if (*out >= 0)
        return 0;
    country_list(c->m, list, sizeof(list));
    tf_country_code(k, code);
    return tf_error_set(c->err, TF_ERR_FORMAT, c->path, 0,
                        "%s: %s (%s) is not among the model's %zu countries (%s); fit with a "
                        "larger --top to include it",
                        c->where, v->str, code, c->m->n_countries, list);
}

/* A covariate whose every term was dropped would change nothing: say so. */
static int estimated_use(struct sc *c, const char *col)
{
    int dropped = 0;
    for (size_t j = 0; j < c->m->n_terms; j++) {
        const struct tf_model_term *t = &c->m->terms[j];
        if (t->term.side == TF_SIDE_PAIR || strcasecmp(t->term.column, col) != 0)
            continue;
        if (t->status == TF_TERM_ESTIMATED)
            return 0;
        dropped = t->status;
    }
    if (!dropped)
        return 0; /* the offset */
    return fail(c,
                "every term of '%s' was dropped when fitting (%s), so changing it changes nothing",
                col, tf_term_status_name(dropped));
}

static int covariate(struct sc *c, const struct tf_jv *v, long *out)
{
    char list[512] = "";
    size_t len = 0;
    if (!v || v->type != TF_JV_STRING)
        return fail(c, "covariate must be a string");
    for (size_t j = 0; j < c->m->n_cy_cols; j++) {
        if (strcasecmp(c->m->cy_cols[j], v->str) == 0) {
            *out = (long)j;
            return estimated_use(c, c->m->cy_cols[j]);
        }
        len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s", j ? ", " : "",
                                c->m->cy_cols[j]);
    }
    if (strcasecmp(v->str, "stock") == 0 || strcasecmp(v->str, c->m->data.stock_column) == 0)
        return fail(c,
                    "'%s' is the researcher stock, which the projection moves forward itself; "
                    "change a country's \"growth\" or scale its corridors instead",
                    v->str);
    return fail(c, "the model has no country-year covariate '%s'; it uses: %s", v->str,
                *list ? list : "none (only dyadic terms)");
}

/* ---- years and values --------------------------------------------------- */

static int year_in_range(struct sc *c, double y)
{
    if (y != floor(y))
        return fail(c, "%g is not a year", y);
    if (y < c->first)
        return fail(c, "year %g is inside the observed data (%d-%d); changes start in %d or later",
                    y, c->m->year_first, c->m->year_last, c->first);
    if (y > c->last)
        return fail(c, "year %g is after the projection's last year %d (raise --years)", y,
                    c->last);
    return 0;
}

static int from_year(struct sc *c, const struct tf_jv *e, int *from)
{
    const struct tf_jv *v = tf_jv_get(e, "from");
    if (!v) {
        *from = c->first;
        return 0;
    }
    snprintf(c->where + strlen(c->where), sizeof(c->where) - strlen(c->where), ".from");
    if (v->type != TF_JV_NUMBER)
        return fail(c, "from must be a year");
    int rc = year_in_range(c, v->num);
    if (rc == 0)
        *from = (int)v->num; /* in range: the conversion is defined */
    *strrchr(c->where, '.') = '\0';
    return rc;
}

static int read_path(struct sc *c, const struct tf_jv *p, struct change *ch)
{
    if (p->type != TF_JV_OBJECT || !p->n)
        return fail(c, "path must be an object of \"year\": value pairs");
    ch->path_years = malloc(p->n * sizeof(int));
    ch->path_vals = malloc(p->n * sizeof(double));
    if (!ch->path_years || !ch->path_vals)
        return tf_error_set(c->err, TF_ERR_NOMEM, NULL, 0, "out of memory");
    for (size_t i = 0; i < p->n; i++) {
        char *end;
        double y = strtod(p->keys[i], &end);
        int rc = *end ? fail(c, "path key '%s' is not a year", p->keys[i]) : year_in_range(c, y);
        if (rc == 0 && p->items[i].type != TF_JV_NUMBER)
            rc = fail(c, "path value for %s is not a number", p->keys[i]);
        if (rc < 0)
            return rc;
        if (i && y <= ch->path_years[i - 1])
            return fail(c, "path years must increase (at '%s')", p->keys[i]);
        ch->path_years[i] = (int)y;
        ch->path_vals[i] = p->items[i].num;
    }
    ch->n_path = p->n;
    ch->from = ch->path_years[0];
    return 0;
}

/* The one operation of a covariate change. */
static int operation(struct sc *c, const struct tf_jv *e, struct change *ch)
{
    static const char *const ops[] = {"scale", "add", "set", "path"};
    int found = -1;
    for (int k = 0; k < 4; k++)
        if (tf_jv_get(e, ops[k])) {
            if (found >= 0)
                return fail(c, "give only one of scale, add, set or path (got %s and %s)",
                            ops[found], ops[k]);
            found = k;
        }
    if (found < 0)
        return fail(c, "say what changes: scale, add, set or path");
    ch->op = found;
    if (found == OP_PATH)
        return read_path(c, tf_jv_get(e, "path"), ch);
    const struct tf_jv *v = tf_jv_get(e, ops[found]);
    if (v->type != TF_JV_NUMBER)
        return fail(c, "%s must be a number", ops[found]);
    ch->value = v->num;
    return 0;
}

/* Whether a country-year term uses `col` as a log. */
static int logged_column(const struct tf_model *m, const char *col)
{
    for (size_t j = 0; j < m->n_terms; j++) {
        const struct tf_term *t = &m->terms[j].term;
        if (t->side != TF_SIDE_PAIR && t->log && strcasecmp(t->column, col) == 0)
            return 1;
    }
    return 0;
}

/* The first projection year in which the changes so far make `col` <= 0; 0 when none. */
static int first_nonpositive(const struct sc *c, const struct change *ch, double base)
{
    for (int side = SIDE_BIT_ORIGIN; side <= SIDE_BIT_DESTINATION; side <<= 1)
        for (int t = c->first; (ch->sides & side) && t <= c->last; t++)
            if (!(scenario_covariate(c->s, ch->o, ch->col, side, t, base) > 0))
                return t;
    return 0;
}

/*
 * A logged covariate must stay positive: under this change alone, and under
 * it together with the earlier changes of the same covariate (two changes
 * that each add -60 to 100 reach -20), checked year by year when the
 * last observed value is positive.
 */
static int stays_positive(struct sc *c, const struct change *ch)
{
    const char *col = c->m->cy_cols[ch->col];
    double base = c->m->cy_last[(size_t)ch->o * c->m->n_cy_cols + (size_t)ch->col];
    int ok = ch->op == OP_SCALE ? ch->value > 0
             : ch->op == OP_ADD ? base + ch->value > 0
             : ch->op == OP_SET ? ch->value > 0
                                : 1;
    for (size_t i = 0; i < ch->n_path; i++)
        ok &= ch->path_vals[i] > 0;
    if (!logged_column(c->m, col))
        return 0;
    if (!ok)
        return fail(c, "the change makes %s zero or negative, but its log enters the model", col);
    int year = base > 0 ? first_nonpositive(c, ch, base) : 0;
    if (year)
        return fail(c,
                    "with the changes before it, the change makes %s zero or negative in %d, "
                    "but its log enters the model",
                    col, year);
    return 0;
}

static int read_covariate(struct sc *c, const struct tf_jv *e, struct change *ch)
{
    const struct tf_jv *side = tf_jv_get(e, "side");
    ch->kind = CH_COVARIATE;
    ch->sides = SIDE_BIT_ORIGIN | SIDE_BIT_DESTINATION;
    if (side && (side->type != TF_JV_STRING ||
                 (strcmp(side->str, "origin") && strcmp(side->str, "destination") &&
                  strcmp(side->str, "both"))))
        return fail(c, "side must be \"origin\", \"destination\" or \"both\"");
    if (side && strcmp(side->str, "origin") == 0)
        ch->sides = SIDE_BIT_ORIGIN;
    else if (side && strcmp(side->str, "destination") == 0)
        ch->sides = SIDE_BIT_DESTINATION;
    int rc = country(c, tf_jv_get(e, "country"), &ch->o);
    if (rc == 0)
        rc = covariate(c, tf_jv_get(e, "covariate"), &ch->col);
    if (rc == 0)
        rc = from_year(c, e, &ch->from);
    if (rc == 0)
        rc = operation(c, e, ch);
    return rc == 0 ? stays_positive(c, ch) : rc;
}

static int read_corridor(struct sc *c, const struct tf_jv *e, struct change *ch)
{
    const struct tf_jv *cor = tf_jv_get(e, "corridor"), *scale = tf_jv_get(e, "scale");
    ch->kind = CH_CORRIDOR;
    ch->op = OP_SCALE;
    if (cor->type != TF_JV_ARRAY || cor->n != 2)
        return fail(c, "corridor must be [\"ORIGIN\", \"DESTINATION\"]");
    if (!scale || scale->type != TF_JV_NUMBER || !(scale->num >= 0))
        return fail(c, "a corridor change needs \"scale\": a number >= 0 (0.5 halves it)");
    ch->value = scale->num;
    int rc = country(c, &cor->items[0], &ch->o);
    if (rc == 0)
        rc = country(c, &cor->items[1], &ch->d);
    if (rc == 0 && ch->o == ch->d)
        rc = fail(c, "a corridor joins two different countries");
    return rc == 0 ? from_year(c, e, &ch->from) : rc;
}

static int read_growth(struct sc *c, const struct tf_jv *e, struct change *ch)
{
    const struct tf_jv *g = tf_jv_get(e, "growth");
    ch->kind = CH_GROWTH;
    ch->op = OP_SET;
    if (g->type != TF_JV_NUMBER || !(g->num > -1.0 && g->num < 1.0))
        return fail(c, "growth is a yearly rate between -1 and 1 (0.02 = +2 %%)");
    ch->value = g->num;
    int rc = country(c, tf_jv_get(e, "country"), &ch->o);
    return rc == 0 ? from_year(c, e, &ch->from) : rc;
}

static int read_change(struct sc *c, const struct tf_jv *e, struct change *ch)
{
    if (e->type != TF_JV_OBJECT)
        return fail(c, "a change is an object");
    int rc = check_keys(c, e);
    if (rc < 0)
        return rc;
    if (tf_jv_get(e, "corridor"))
        return read_corridor(c, e, ch);
    if (tf_jv_get(e, "growth"))
        return read_growth(c, e, ch);
    if (tf_jv_get(e, "covariate"))
        return read_covariate(c, e, ch);
    return fail(c, "a change names a covariate, a corridor or a growth rate");
}

static int read_scenario(struct sc *c, struct tf_scenario *s, const struct tf_jv *root)
{
    const struct tf_jv *name = tf_jv_get(root, "name"), *list = tf_jv_get(root, "changes");
    snprintf(c->where, sizeof(c->where), "the document");
    if (root->type != TF_JV_OBJECT || !list || list->type != TF_JV_ARRAY)
        return fail(c, "a scenario is an object with a \"changes\" array");
    if (name && name->type == TF_JV_STRING)
        snprintf(s->name, sizeof(s->name), "%s", name->str);
    s->ch = calloc(list->n + 1, sizeof(*s->ch));
    c->s = s;
    if (!s->ch)
        return tf_error_set(c->err, TF_ERR_NOMEM, NULL, 0, "out of memory");
    for (size_t i = 0; i < list->n; i++) {
        snprintf(c->where, sizeof(c->where), "changes[%zu]", i);
        s->n++;
        int rc = read_change(c, &list->items[i], &s->ch[i]);
        if (rc < 0)
            return rc;
    }
    return 0;
}

int tf_scenario_load(struct tf_scenario **out, const char *path, const struct tf_model *m,
                     unsigned years, struct tf_error *err)
{
    struct tf_jdoc *d = NULL;
    struct sc c = {path, m, NULL, m->year_last + 1, m->year_last + (int)years, err, ""};
    struct tf_scenario *s = calloc(1, sizeof(*s));
    *out = NULL;
    int rc = s ? model_load_json(&d, path, err)
               : tf_error_set(err, TF_ERR_NOMEM, NULL, 0, "out of memory");
    if (rc == 0)
        rc = read_scenario(&c, s, tf_jdoc_root(d));
    tf_jdoc_free(d);
    if (rc < 0) {
        tf_scenario_free(s);
        return rc;
    }
    *out = s;
    return 0;
}

const char *tf_scenario_name(const struct tf_scenario *s)
{
    return s->name;
}

void tf_scenario_free(struct tf_scenario *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++) {
        free(s->ch[i].path_years);
        free(s->ch[i].path_vals);
    }
    free(s->ch);
    free(s);
}

/* ---- applying ----------------------------------------------------------- */

static double apply(const struct change *ch, int t, double v)
{
    if (ch->op == OP_PATH) {
        size_t i = ch->n_path;
        while (i > 0 && ch->path_years[i - 1] > t)
            i--;
        return i ? ch->path_vals[i - 1] : v;
    }
    if (t < ch->from)
        return v;
    return ch->op == OP_SCALE ? v * ch->value : ch->op == OP_ADD ? v + ch->value : ch->value;
}

double scenario_covariate(const struct tf_scenario *s, long c, long col, int side, int t,
                          double base)
{
    for (size_t i = 0; s && i < s->n; i++) {
        const struct change *ch = &s->ch[i];
        if (ch->kind == CH_COVARIATE && ch->o == c && ch->col == col && (ch->sides & side))
            base = apply(ch, t, base);
    }
    return base;
}

double scenario_corridor(const struct tf_scenario *s, long o, long d, int t)
{
    double f = 1.0;
    for (size_t i = 0; s && i < s->n; i++) {
        const struct change *ch = &s->ch[i];
        if (ch->kind == CH_CORRIDOR && ch->o == o && ch->d == d && t >= ch->from)
            f *= ch->value;
    }
    return f;
}

double scenario_growth(const struct tf_scenario *s, long c, int t, double base)
{
    for (size_t i = 0; s && i < s->n; i++) {
        const struct change *ch = &s->ch[i];
        if (ch->kind == CH_GROWTH && ch->o == c && t >= ch->from)
            base = ch->value;
    }
    return base;
}
