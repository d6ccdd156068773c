/*
 * pipeline.h - one person's study-to-work pipeline as a map key: the
 * countries of the first degree, the highest degree and work, the highest
 * degree's level and year. The pool goes in the top byte
 * (tf_acc_pool, engine/measures.h).
 */
#ifndef TF_ENGINE_PIPELINE_H
#define TF_ENGINE_PIPELINE_H

#include <stddef.h>
#include <stdint.h>

#include "talentflow/obs.h"

/*
 * The key of the person whose observations are obs[0..n): bits 32-41 the
 * first degree's country, 22-31 the highest degree's, 12-21 work's (0: none
 * seen), 9-11 the highest degree's level (enum tf_degree), 0-8 its year
 * minus TF_YEAR_MIN. 0 when the person has no education record.
 */
uint64_t tf_pipeline_key(const struct tf_obs *obs, size_t n);

/* The country of a 10-bit field of the key (0 stays 0). */
tf_country tf_pipeline_country(uint64_t c10);

#endif
