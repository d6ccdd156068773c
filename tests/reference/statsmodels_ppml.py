#!/usr/bin/env python3
"""Reference estimates for `talentflow fit` from statsmodels' GLM Poisson.

Builds the completed panel from the shipped MPIDR data on its own (it shares
no code with talentflow), fits the model with explicit fixed-effect dummies,
and computes the standard errors by matrix algebra rather than through
statsmodels' cov_type options: statsmodels 0.13.5 returns HC0 when asked for
HC1, so every variant is written out here with its factor.

Writes, into the output folder given as the only argument:
  panel_<spec>.csv          the completed panel, read by glm_quasipoisson.R
  expected_panel.csv        panel counts per specification
  expected_statsmodels.csv  estimates and standard errors per specification

Specifications (docs/model.md explains them):
  od    top 40 countries by researcher stock in 2018 among those with every
        covariate; origin + destination + year effects; log stock, log GDP per
        capita, log population on both sides, log distance between capitals
  oydy  top 15 countries by stock in 2018; origin-year + destination-year
        effects; log distance only

Needs Debian's python3-statsmodels (0.13.5), python3-pandas and numpy.
"""
import math
import os
import sys

import numpy as np
import pandas as pd
import statsmodels.api as sm

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "data", "scholarly-migration")
EARTH_RADIUS_KM = 6371.0

SPECS = {
    "od": {"top": 40, "fe": "od", "cy": ["researchers", "gdp_per_capita", "population"]},
    "oydy": {"top": 15, "fe": "oydy", "cy": []},
}

# (panel column, talentflow term name)
TERMS = {
    "od": [
        ("push_log_stock", "push:log(stock)"),
        ("push_log_gdp", "push:log(gdp_per_capita)"),
        ("push_log_pop", "push:log(population)"),
        ("pull_log_stock", "pull:log(stock)"),
        ("pull_log_gdp", "pull:log(gdp_per_capita)"),
        ("pull_log_pop", "pull:log(population)"),
        ("dyad_log_dist", "dyad:log(distance)"),
    ],
    "oydy": [("dyad_log_dist", "dyad:log(distance)")],
}


def country_years(flows):
    """Country-year values as the flow file carries them on both sides."""
    cols = ["researchers", "gdp_per_capita", "population"]
    parts = []
    for side in ("origin", "destination"):
        part = flows[["year", side] + [c + "_" + side for c in cols]]
        part.columns = ["year", "iso3"] + cols
        parts.append(part)
    return pd.concat(parts).drop_duplicates(["iso3", "year"]).set_index(["iso3", "year"])


def haversine(a, b):
    (lon1, lat1), (lon2, lat2) = a, b
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def build_panel(spec):
    flows = pd.read_csv(os.path.join(DATA, "scopus_2024_countryflows.csv.gz"))
    caps = pd.read_csv(os.path.join(DATA, "countries.csv"), keep_default_na=False)
    caps = caps[(caps.longitude != "") & (caps.latitude != "")]
    coord = {r.iso3: (float(r.longitude), float(r.latitude)) for r in caps.itertuples()}
    iso2 = {r.iso3: r.iso2 for r in caps.itertuples()}
    cy = country_years(flows)
    need = SPECS[spec]["cy"]
    ok = cy["researchers"].notna() & (cy["researchers"] >= 0)
    for c in need:
        ok &= cy[c].notna() & (cy[c] > 0)
    present = cy[ok]
    last = flows.year.max()
    ranked = present.xs(last, level="year").sort_values("researchers", ascending=False)
    chosen = set(ranked.index[: SPECS[spec]["top"]])
    values = {key: row for key, row in zip(present.index, present.itertuples(index=False))}
    flow = dict(zip(zip(flows.origin, flows.destination, flows.year), flows.n_migrations))
    rows = []
    for year in range(flows.year.min(), last + 1):
        here = sorted(c for c in chosen if (c, year) in values)
        for o in here:
            for d in here:
                if o != d:
                    rows.append(panel_row(o, d, year, flow, values, coord, iso2, spec))
    return pd.DataFrame(rows).sort_values(["year", "origin", "destination"])


def panel_row(o, d, year, flow, values, coord, iso2, spec):
    so, sd = values[(o, year)], values[(d, year)]
    row = {
        "origin": iso2[o],
        "destination": iso2[d],
        "year": year,
        "flow": float(flow.get((o, d, year), 0)),
        "dyad_log_dist": math.log(haversine(coord[o], coord[d])),
    }
    if spec == "od":
        for side, s in (("push", so), ("pull", sd)):
            row[side + "_log_stock"] = math.log(s.researchers)
            row[side + "_log_gdp"] = math.log(s.gdp_per_capita)
            row[side + "_log_pop"] = math.log(s.population)
    return row


def design(panel, spec):
    cols = [c for c, _ in TERMS[spec]]
    year = panel.year.astype(str)
    if SPECS[spec]["fe"] == "od":
        dummies = [pd.get_dummies(g, drop_first=True, dtype=float)
                   for g in (panel.origin, panel.destination, year)]
        x = pd.concat([panel[cols]] + dummies, axis=1).to_numpy(dtype=float)
        return sm.add_constant(x, prepend=False), len(cols)
    # every origin-year level, and the destination-year levels less the first
    # destination of each year (one redundancy per year, the panel's components)
    oy = pd.get_dummies(panel.origin + year, dtype=float)
    dy = pd.get_dummies(panel.destination + year, dtype=float)
    first = panel.groupby("year").destination.min()
    dy = dy.drop(columns=[d + str(y) for y, d in first.items()])
    return pd.concat([panel[cols], oy, dy], axis=1).to_numpy(dtype=float), len(cols)


def sandwich(x, mu, e, cluster):
    """HC0 and clustered sandwiches of all columns (no factors)."""
    hinv = np.linalg.inv(x.T @ (x * mu[:, None]))
    score = x * e[:, None]
    hc0 = hinv @ (score.T @ score) @ hinv
    sums = pd.DataFrame(score).groupby(cluster.to_numpy()).sum().to_numpy()
    return hc0, hinv @ (sums.T @ sums) @ hinv, sums.shape[0]


def fit(panel, spec):
    x, p = design(panel, spec)
    y = panel.flow.to_numpy()
    res = sm.GLM(y, x, family=sm.families.Poisson()).fit(
        maxiter=200, tol=1e-13, tol_criterion="params"
    )
    n, k = x.shape
    if np.linalg.matrix_rank(x) != k:
        raise SystemExit("design is not of full rank")
    mu = res.fittedvalues
    hc0, cl, g = sandwich(x, mu, y - mu, panel.origin + panel.destination)
    f_hc1 = n / (n - k)
    f_cl = g / (g - 1) * (n - 1) / (n - k)
    out = []
    for j, (_, name) in enumerate(TERMS[spec]):
        out.append(
            {
                "spec": spec,
                "term": name,
                "estimate": res.params[j],
                "se_hc0": math.sqrt(hc0[j, j]),
                "se_hc1": math.sqrt(hc0[j, j] * f_hc1),
                "se_cluster": math.sqrt(cl[j, j] * f_cl),
            }
        )
    print(f"{spec}: n={n} k={k} clusters={g} deviance={res.deviance:.10g}", file=sys.stderr)
    return out


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: statsmodels_ppml.py OUT_DIR")
    out = sys.argv[1]
    counts, estimates = [], []
    for spec in SPECS:
        panel = build_panel(spec)
        panel.to_csv(os.path.join(out, f"panel_{spec}.csv"), index=False, float_format="%.17g")
        counts.append(
            {
                "spec": spec,
                "n_obs": len(panel),
                "n_positive": int((panel.flow > 0).sum()),
                "zeros_added": int((panel.flow == 0).sum()),
                "sum_flows": panel.flow.sum(),
                "n_countries": panel.origin.nunique(),
            }
        )
        estimates += fit(panel, spec)
    pd.DataFrame(counts).to_csv(os.path.join(out, "expected_panel.csv"), index=False)
    pd.DataFrame(estimates).to_csv(
        os.path.join(out, "expected_statsmodels.csv"), index=False, float_format="%.17g"
    )


if __name__ == "__main__":
    main()
