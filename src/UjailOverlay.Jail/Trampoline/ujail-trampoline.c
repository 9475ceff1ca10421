/* ujail-trampoline: the jailed tree's first process, as a small static executable.
 *
 *   ujail-trampoline [--keep-fd N]... [--control-fd N] [--scope-signals | --scope-signals-and-abstract-sockets]
 *                    -- COMMAND ARGS...
 *
 * The C twin of `ujail __trampoline` (TrampolineMain.cs, beside this file), speaking the same
 * protocol with ujail's tracer thread on fd 3, or --control-fd's (a socketpair):
 *   trampoline: no_new_privs, pdeathsig, Landlock scoping (when asked)  -> "R"
 *   tracer:     PTRACE_SEIZE                                            -> "G", uint16 count, count sock_filters
 *   trampoline: seccomp(NEW_LISTENER | WAIT_KILLABLE_RECV), every fd > 2 but the kept ones close-on-exec
 *                                                                       -> listener fd number (int32, -errno)
 *   tracer:     pidfd_getfd(listener), opens the overlay                -> "A"
 *   trampoline: execve the command, PATH searched as execvp(3) does (ENOEXEC runs it with /bin/sh)
 * Why a second implementation: the managed trampoline is a second .NET runtime start-up (~2 ms of CPU on
 * every run, contending with ujail opening its state on a 2-CPU machine); this one starts in ~0.1 ms. ujail
 * uses it when it sits beside the ujail executable, else the managed one (docs/design.md, "Child set-up").
 * Static, so no dynamic loader runs: nothing is bound lazily, and between the filter and the exec the only
 * calls made are ones the filter passes or traces (read, write, close_range, fcntl, execve). Any file call
 * there would wait forever for a supervisor that does not hold the listener yet.
 * The command's environment is this process's own: ujail passes it unchanged.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/landlock.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV
#define SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV (1UL << 5)
#endif
#ifndef CLOSE_RANGE_CLOEXEC
#define CLOSE_RANGE_CLOEXEC (1U << 2)
#endif
#define LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET_BIT (1ULL << 0)
#define LANDLOCK_SCOPE_SIGNAL_BIT (1ULL << 1)

enum { MAX_FILTER = 4096, MAX_KEEP = 64 };
static int control_fd = 3;

extern char **environ;

static void say(const char *a, const char *b, const char *c)
{
    char line[4096];
    int n = snprintf(line, sizeof line, "ujail: %s%s%s\n", a, b ? b : "", c ? c : "");
    if (n > 0 && (size_t)n >= sizeof line) n = sizeof line - 1;
    if (n > 0 && write(2, line, (size_t)n) < 0) { /* nothing more to tell */ }
}

static int die(const char *what, int err, int code)
{
    say(what, err ? ": " : NULL, err ? strerrorname_np(err) : NULL);
    return code;
}

static int write_all(const void *buf, size_t len)
{
    const char *p = buf;
    while (len > 0) {
        ssize_t n = write(control_fd, p, len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

static int read_exactly(void *buf, size_t len)
{
    char *p = buf;
    while (len > 0) {
        ssize_t n = read(control_fd, p, len);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

static int expect(char value)
{
    char b;
    return read_exactly(&b, 1) == 0 && b == value ? 0 : -1;
}

static int scope(int abstract_sockets)
{
    struct { uint64_t handled_access_fs, handled_access_net, scoped; } attr = {
        0, 0, LANDLOCK_SCOPE_SIGNAL_BIT | (abstract_sockets ? LANDLOCK_SCOPE_ABSTRACT_UNIX_SOCKET_BIT : 0)
    };
    long fd = syscall(SYS_landlock_create_ruleset, &attr, sizeof attr, 0);
    if (fd < 0) return errno;
    long rc = syscall(SYS_landlock_restrict_self, (int)fd, 0);
    int err = rc < 0 ? errno : 0;
    close((int)fd);
    return err;
}

static int install_filter(struct sock_filter *prog, unsigned short count, int *listener)
{
    struct sock_fprog fprog = { .len = count, .filter = prog };
    long rc = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
                      SECCOMP_FILTER_FLAG_NEW_LISTENER | SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV, &fprog);
    if (rc < 0 && errno == EINVAL) /* before 5.19: no WAIT_KILLABLE_RECV */
        rc = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER, &fprog);
    if (rc < 0) return errno;
    *listener = (int)rc;
    return 0;
}

static int is_not_found(int err)
{
    return err == ENOENT || err == ENOTDIR || err == ELOOP || err == ENAMETOOLONG;
}

/* One candidate: returns the errno of a failed exec (ENOEXEC retried with /bin/sh). */
static int try_exec(const char *path, char **argv)
{
    execve(path, argv, environ);
    int err = errno;
    if (err != ENOEXEC) return err;
    int argc = 0;
    while (argv[argc]) argc++;
    char **sh = calloc((size_t)argc + 2, sizeof *sh);
    if (!sh) return ENOMEM;
    sh[0] = "/bin/sh";
    sh[1] = (char *)path;
    for (int i = 1; i < argc; i++) sh[i + 1] = argv[i];
    execve("/bin/sh", sh, environ);
    err = errno;
    free(sh);
    return err;
}

/* execvp(3): a name with a slash is run as it is; otherwise each PATH entry is tried (empty means "."). */
static int run(char **argv)
{
    const char *name = argv[0];
    if (strchr(name, '/')) {
        int err = try_exec(name, argv);
        if (err == EACCES) { say(name, ": Permission denied", NULL); return 126; }
        if (is_not_found(err)) { say(name, ": command not found", NULL); return 127; }
        return die(name, err, 126);
    }
    const char *path = getenv("PATH");
    if (!path) path = "/usr/local/bin:/usr/bin:/bin";
    size_t name_len = strlen(name);
    int saw_access = 0;
    for (const char *dir = path;; ) {
        const char *end = strchrnul(dir, ':');
        size_t dir_len = (size_t)(end - dir);
        char *candidate = malloc(dir_len + name_len + 3);
        if (!candidate) return die(name, ENOMEM, 126);
        if (dir_len == 0) strcpy(candidate, ".");
        else { memcpy(candidate, dir, dir_len); candidate[dir_len] = 0; }
        strcat(candidate, "/");
        strcat(candidate, name);
        int err = try_exec(candidate, argv);
        free(candidate);
        if (err == EACCES) saw_access = 1;
        else if (!is_not_found(err)) return die(name, err, 126);
        if (*end == 0) break;
        dir = end + 1;
    }
    if (saw_access) { say(name, ": Permission denied", NULL); return 126; }
    say(name, ": command not found", NULL);
    return 127;
}

int main(int argc, char **argv)
{
    int keep[MAX_KEEP], nkeep = 0, scope_signals = 0, scope_abstract = 0, i = 1;
    for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
        if (strcmp(argv[i], "--keep-fd") == 0 && i + 1 < argc && nkeep < MAX_KEEP) keep[nkeep++] = atoi(argv[++i]);
        else if (strcmp(argv[i], "--control-fd") == 0 && i + 1 < argc && atoi(argv[i + 1]) > 2) control_fd = atoi(argv[++i]);
        else if (strcmp(argv[i], "--scope-signals") == 0) scope_signals = 1;
        else if (strcmp(argv[i], "--scope-signals-and-abstract-sockets") == 0) scope_signals = scope_abstract = 1;
        else { say("trampoline: unknown option ", argv[i], NULL); return 125; }
    }
    if (i + 1 >= argc) return die("no command", 0, 125);
    char **command = argv + i + 1;

    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return die("prctl", errno, 125);
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) return die("prctl", errno, 125);
    if (scope_signals) {
        int err = scope(scope_abstract);
        if (err) return die("landlock", err, 125);
    }

    if (write_all("R", 1) != 0) return die("the tracer went away", 0, 125);
    if (expect('G') != 0) return die("the tracer went away", 0, 125);
    unsigned short count;
    static struct sock_filter filter[MAX_FILTER];
    if (read_exactly(&count, sizeof count) != 0 || count == 0 || count > MAX_FILTER
        || read_exactly(filter, (size_t)count * sizeof filter[0]) != 0)
        return die("the tracer sent no seccomp filter", 0, 125);

    int listener = -1, err = install_filter(filter, count, &listener);
    if (err) {
        int32_t negative = -err;
        write_all(&negative, sizeof negative);
        return die("seccomp", err, 125);
    }
    /* Inherited descriptors close at the exec (the control socket and the listener too: the tracer takes its
       own copy of the listener with pidfd_getfd). */
    if (syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC) != 0) return die("cannot close inherited descriptors", errno, 125);
    for (int k = 0; k < nkeep; k++)
        if (keep[k] > 2 && fcntl(keep[k], F_SETFD, 0) != 0) return die("cannot close inherited descriptors", errno, 125);
    int32_t number = listener;
    if (write_all(&number, sizeof number) != 0) return die("the tracer went away", 0, 125);
    if (expect('A') != 0) return die("the tracer went away", 0, 125);
    return run(command);
}
