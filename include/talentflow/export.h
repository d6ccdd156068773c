/*
 * talentflow/export.h - what the shared library exports.
 *
 * The library is built with hidden symbols by default; every public function
 * is declared with TF_API, which marks it visible while the library itself is
 * compiled (TF_BUILDING_LIBRARY) and is empty for users of the headers, so
 * the same headers serve the shared and the static library.
 */
#ifndef TALENTFLOW_EXPORT_H
#define TALENTFLOW_EXPORT_H

#if defined(TF_BUILDING_LIBRARY) && (defined(__GNUC__) || defined(__clang__))
#define TF_API __attribute__((visibility("default")))
#else
#define TF_API
#endif

#endif
