/*
 * engine_steps.h - tf_engine_finish in steps, for a driver that spreads the
 * partitions of one run over several processes (lib/dist).
 *
 * A single process calls tf_engine_finish, which is these steps in order:
 * tf_engine_close_input, tf_engine_measure (which resolves the copies of
 * works itself unless told they are resolved), tf_engine_results. Between
 * them a driver may move observations from partitions it does not own to
 * the process that owns them (through a lane of their own, tf_spill_add),
 * decide the copies of works over every process, and add up the partial
 * measures and counts of every process: the integer counts of struct tf_acc
 * and struct tf_engine_counts add up to those of one process reading all.
 */
#ifndef TF_ENGINE_STEPS_H
#define TF_ENGINE_STEPS_H

#include "engine/measures.h"
#include "engine/spill.h"
#include "talentflow/copies.h"
#include "talentflow/engine.h"

/* What a process counted besides its measures; every field adds up over processes. */
struct tf_engine_counts {
    uint64_t observations; /* observations added */
    uint64_t kept;         /* observations used */
    struct tf_skips skips; /* counts only (no places): duplicates, window, evidence */
};

/* The options the engine runs with (defaults filled in). */
const struct tf_engine_opts *tf_engine_options(const struct tf_engine *e);

/* The engine's spill partitions and copies of works (owned by the engine). */
struct tf_spill *tf_engine_spill(struct tf_engine *e);
struct tf_copies *tf_engine_copies(struct tf_engine *e);

/* Ends the input: closes the spill writers of lanes [0, lanes) (the others stay open). */
int tf_engine_close_input(struct tf_engine *e, unsigned lanes, struct tf_error *err);

/*
 * Makes tf_engine_measure process only the partitions p with p % size ==
 * rank (default: rank 0 of 1, every partition).
 */
void tf_engine_own(struct tf_engine *e, unsigned rank, unsigned size);

/*
 * Closes every spill writer, resolves the copies of works (unless
 * `copies_resolved`; then the pools' citation ranks must be fixed too),
 * and measures the owned partitions into `total` (initialised by the
 * caller) and `counts`. Returns 0 or a negative status with `err` filled.
 */
int tf_engine_measure(struct tf_engine *e, int copies_resolved, struct tf_acc *total,
                      struct tf_engine_counts *counts, struct tf_error *err);

/*
 * Turns the measures `total` and `counts` of the whole run into results
 * (*out, free with tf_results_free); the superseded copies are counted from
 * the engine's copies. Returns 0 or a negative status.
 */
int tf_engine_results(struct tf_engine *e, const struct tf_acc *total,
                      const struct tf_engine_counts *counts, struct tf_results **out,
                      struct tf_error *err);

#endif
