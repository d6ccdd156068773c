/*
 * cleanup.c - removing temporary files on SIGINT and SIGTERM, and those of
 * processes that died.
 *
 * The handler may run in any thread at any moment, so it uses only
 * async-signal-safe calls (open, getdents64, unlinkat, rmdir, unlink,
 * write, _exit) and reads the table without locks: a slot's path is
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

/* Removes the files of the flat folder `dir`, then the folder; signal-safe. */
static void remove_dir_now(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    char buf[4096];
    long n;
    while (fd >= 0 && (n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0)
        for (long at = 0; at < n;) {
            struct dent64 *e = (struct dent64 *)(void *)(buf + at);
            if (strcmp(e->name, ".") != 0 && strcmp(e->name, "..") != 0)
                unlinkat(fd, e->name, 0);
            at += e->reclen;
        }
    if (fd >= 0)
        close(fd);
    rmdir(dir);
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
