// duckdb_job.mjs - the DuckDB side of bench/compare.sh: the same jobs as
// `talentflow extract` and the flows of `talentflow run`, written as SQL over the
// OpenAlex works files with their columns declared.
//
//   node duckdb_job.mjs extract|flows THREADS 'GLOB' OUT
//
// extract: one row per (author, year, country) of every authorship with an author id,
//          weight 1/k for an authorship naming k countries, as CSV to OUT.
// flows:   each person's residence per observed year (the country with the largest
//          summed weight; ties to the smallest code), a move wherever it changes
//          between consecutive observed years, counted by origin, destination and
//          year of arrival: CSV origin,destination,year,n sorted, to OUT.
// Needs @duckdb/node-api (installed by bench/compare.sh into its own folder).
import { DuckDBInstance } from '@duckdb/node-api';

const [mode, threads, glob, out] = process.argv.slice(2);
const inst = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const con = await inst.connect();
const src = `read_json('${glob}', format = 'newline_delimited', compression = 'gzip',
  columns = {publication_year: 'INTEGER',
             authorships: 'STRUCT(author STRUCT(id VARCHAR), countries VARCHAR[])[]'})`;
const obs = `
  SELECT replace(a.author.id, 'https://openalex.org/', '') AS person, publication_year AS year,
         unnest(a.countries) AS country, 1.0 / len(a.countries) AS weight
  FROM (SELECT publication_year, unnest(authorships) AS a FROM ${src})
  WHERE a.author.id IS NOT NULL AND len(a.countries) > 0`;
if (mode === 'extract') {
  await con.run(`COPY (${obs}) TO '${out}' (FORMAT csv, HEADER)`);
} else {
  await con.run(`COPY (
    WITH py AS (SELECT person, year, country, sum(weight) AS w FROM (${obs}) GROUP BY ALL),
    res AS (SELECT person, year, arg_min(country, (-w, country)) AS country FROM py GROUP BY ALL),
    seq AS (SELECT year, country,
                   lag(country) OVER (PARTITION BY person ORDER BY year) AS prev FROM res)
    SELECT prev AS origin, country AS destination, year, count(*) AS n FROM seq
    WHERE prev IS NOT NULL AND prev <> country GROUP BY ALL ORDER BY ALL
  ) TO '${out}' (FORMAT csv, HEADER)`);
}
