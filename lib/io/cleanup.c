/*
 * cleanup.c - removing temporary files on SIGINT and SIGTERM, and those of
 * processes that died.
 *
 * The handler may run in any thread at any moment, so it uses only
 * async-signal-safe calls (open, openat, getdents64, unlinkat, rmdir,
 * unlink, write, _exit) and reads the table without locks: a slot's path is
 * written before the slot is marked live, and a slot is marked dead before
 * its path is reused.
 */
#define _GNU_SOURCE
#include "io/cleanup.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "io/workdir.h"
#include "talentflow/interrupt.h"

#define SLOTS 128

struct slot {
    atomic_int live;
    int is_dir;
    char path[4200];
};

static struct slot slots[SLOTS];
static pthread_mutex_t slots_lock = PTHREAD_MUTEX_INITIALIZER;
static const char *interrupted_what = "talentflow";
/* This process's owner line ("PID START\n", as workdir.c writes it), for the handler. */
static char owner_line[64];
static size_t owner_len;

/* A slot that is free, or holds a path that no longer exists; NULL when all are taken. */
static struct slot *free_slot(void)
{
    struct stat st;
    for (int i = 0; i < SLOTS; i++)
        if (!atomic_load(&slots[i].live))
            return &slots[i];
    for (int i = 0; i < SLOTS; i++)
        if (lstat(slots[i].path, &st) != 0) {
            atomic_store(&slots[i].live, 0);
            return &slots[i];
        }
    return NULL;
}

void tf_cleanup_track(const char *path, int is_dir)
{
    pthread_mutex_lock(&slots_lock);
    if (is_dir && !owner_len) {
        long pid = (long)getpid();
        int n = snprintf(owner_line, sizeof(owner_line), "%ld %llu\n", pid, tf_process_start(pid));
        owner_len = n > 0 && (size_t)n < sizeof(owner_line) ? (size_t)n : 0;
    }
    struct slot *s = free_slot();
    if (s && strlen(path) < sizeof(s->path)) {
        memcpy(s->path, path, strlen(path) + 1);
        s->is_dir = is_dir;
        atomic_store(&s->live, 1);
    }
    pthread_mutex_unlock(&slots_lock);
}

void tf_cleanup_untrack(const char *path)
{
    pthread_mutex_lock(&slots_lock);
    for (int i = 0; i < SLOTS; i++)
        if (atomic_load(&slots[i].live) && strcmp(slots[i].path, path) == 0) {
            atomic_store(&slots[i].live, 0);
            break;
        }
    pthread_mutex_unlock(&slots_lock);
}

/* ---- the handler ------------------------------------------------------------- */

/* Linux's directory entry as getdents64 returns it. */
struct dent64 {
    unsigned long long ino;
    long long off;
    unsigned short reclen;
    unsigned char type;
    char name[];
};

/* Removes what the folder open as `fd` holds, except `keep`; returns the entries seen. */
static int remove_at(int fd, const char *keep, int depth)
{
    char buf[2048];
    long n;
    int seen = 0;
    while ((n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0)
        for (long at = 0; at < n;) {
            struct dent64 *e = (struct dent64 *)(void *)(buf + at);
            at += e->reclen;
            if (strcmp(e->name, ".") == 0 || strcmp(e->name, "..") == 0 ||
                (keep && strcmp(e->name, keep) == 0))
                continue;
            seen++;
            if (unlinkat(fd, e->name, 0) == 0 || errno != EISDIR || depth >= 8)
                continue;
            int sub = openat(fd, e->name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (sub >= 0) {
                remove_at(sub, NULL, depth + 1);
                close(sub);
            }
            unlinkat(fd, e->name, AT_REMOVEDIR);
        }
    return seen;
}

int tf_remove_contents(const char *dir, const char *keep)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0)
        return 0;
    int seen = remove_at(fd, keep, 0);
    close(fd);
    return seen;
}

/*
 * Removes the folder `dir`; signal-safe. The process's other threads
 * keep running meanwhile and may add files to it, so the files go in a few
 * passes and the owner file last; a folder that still cannot be removed
 * gets its owner file back, so that the next run, seeing its owner gone,
 * removes it (tf_remove_stale).
 */
static void remove_dir_now(const char *dir)
{
    char owner[4300];
    size_t n = strlen(dir);
    for (int pass = 0; pass < 8 && tf_remove_contents(dir, "owner") > 0; pass++)
        ;
    if (n + 7 > sizeof(owner)) {
        rmdir(dir);
        return;
    }
    memcpy(owner, dir, n);
    memcpy(owner + n, "/owner", 7);
    int had_owner = unlink(owner) == 0;
    if (rmdir(dir) == 0 || !had_owner || !owner_len)
        return;
    int fd = open(owner, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd >= 0) {
        ssize_t w = write(fd, owner_line, owner_len);
        (void)w;
        close(fd);
    }
}

/* Removes `path` and the journal SQLite may keep beside it; signal-safe. */
static void remove_file_now(const char *path)
{
    char journal[4300];
    size_t n = strlen(path);
    unlink(path);
    if (n + 9 <= sizeof(journal)) {
        memcpy(journal, path, n);
        memcpy(journal + n, "-journal", 9);
        unlink(journal);
    }
}

static void put(const char *s)
{
    ssize_t w = write(STDERR_FILENO, s, strlen(s));
    (void)w;
}

static void on_signal(int sig)
{
    for (int i = 0; i < SLOTS; i++) {
        if (!atomic_load(&slots[i].live))
            continue;
        if (slots[i].is_dir)
            remove_dir_now(slots[i].path);
        else
            remove_file_now(slots[i].path);
    }
    put(interrupted_what);
    put(sig == SIGINT ? ": interrupted by SIGINT" : ": interrupted by SIGTERM");
    put("; its temporary files are removed\n");
    _exit(128 + sig);
}

void tf_interrupt_install(const char *what)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof(sa));
    interrupted_what = what ? what : "talentflow";
    sa.sa_handler = on_signal;
    sigfillset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}
