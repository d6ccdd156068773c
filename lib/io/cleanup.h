/*
 * cleanup.h - what an interrupted process must not leave behind.
 *
 * Every temporary folder (tf_workdir_make) and temporary output file
 * (tf_afile_tmp_name) is noted here while it exists; the signal handler
 * that talentflow/interrupt.h installs removes them all before the process
 * exits. The table is fixed in size and read by the handler without locks.
 */
#ifndef TF_IO_CLEANUP_H
#define TF_IO_CLEANUP_H

/* Notes `path`, a folder (is_dir) or a file, for removal on interruption. */
void tf_cleanup_track(const char *path, int is_dir);

/* Forgets `path`: it was removed or published. */
void tf_cleanup_untrack(const char *path);

/*
 * Removes everything inside the folder `dir` (subfolders too, without
 * following symbolic links) except the entry named `keep` (NULL: none), and
 * returns how many entries it met; 0 when the folder is empty or cannot be
 * opened. Async-signal-safe.
 */
int tf_remove_contents(const char *dir, const char *keep);

/*
 * The start time of process `pid` in clock ticks since boot (field 22 of
 * /proc/PID/stat), or 0 when the process does not exist.
 */
unsigned long long tf_process_start(long pid);

#endif
