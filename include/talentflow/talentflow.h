/*
 * talentflow/talentflow.h - the whole public API.
 *
 * talentflow reads records of researchers' careers (OpenAlex works, CSV
 * observations), builds each person's affiliation timeline and measures
 * international mobility. The pieces, in pipeline order:
 *   error.h   status codes, error reports, counted skips
 *   text.h    CSV fields, JSON strings and the number styles of every output
 *   obs.h     the observation record, countries, weights, person keys
 *   source.h  readers: files in, records of observations out
 *   merged.h  OpenAlex merged ids: old author and work ids and what they became
 *   ingest.h  the reader pool: many input files read at once, records to a callback
 *   copies.h  a work is evidence once: which copies of a work a later one replaced
 *   engine.h  partitions, timelines and the mobility measures
 *   output.h  writing tables (CSV), observations and the run summary
 *   store.h   reading the results store (SQLite) of a run: the query API
 *   report.h  the self-contained HTML report drawn from a run's store
 *   synth.h   synthetic worlds in OpenAlex format, with ground truth
 *   model.h   the push-pull model of flows: PPML fit, scenario projections
 */
#ifndef TALENTFLOW_H
#define TALENTFLOW_H

#include "talentflow/export.h"

#include "talentflow/version.h"
#include "talentflow/error.h"
#include "talentflow/text.h"
#include "talentflow/obs.h"
#include "talentflow/source.h"
#include "talentflow/merged.h"
#include "talentflow/copies.h"
#include "talentflow/pools.h"
#include "talentflow/ingest.h"
#include "talentflow/interrupt.h"
#include "talentflow/engine.h"
#include "talentflow/output.h"
#include "talentflow/stage.h"
#include "talentflow/store.h"
#include "talentflow/report.h"
#include "talentflow/synth.h"
#include "talentflow/model.h"

#endif
