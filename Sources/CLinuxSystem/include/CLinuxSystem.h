#ifndef CLINUXSYSTEM_H
#define CLINUXSYSTEM_H

// The Linux calls cfetch needs that Swift's Glibc module leaves out (NIO's CNIOLinux
// shape): curl's shim holds curl alone, this one the rest of the system. The Swift side
// is FetchKit/System/.

// The poll loop wakes through an eventfd.
#include <sys/eventfd.h>

// The loop's default readiness call (`EpollPoller`); Swift's Glibc module leaves it out.
#include <sys/epoll.h>

// glibc (2.34+) declares this only under _GNU_SOURCE, which Swift's Glibc module does not
// set; `cfetch bench` needs it to spawn children holding no descriptor but stdio.
#include <spawn.h>
extern int posix_spawn_file_actions_addclosefrom_np(posix_spawn_file_actions_t *actions, int from);

// glibc declares this only under _GNU_SOURCE too; cfetch names its threads (cfetch-loop,
// cfetch-input…) for `top -H`, perf and gdb.
#include <pthread.h>
extern int pthread_setname_np(pthread_t thread, const char *name);

// glibc declares this only under _GNU_SOURCE as well; `Condition` waits with it on the
// monotonic clock (`MonotonicClock`'s), which a step of the wall clock does not move.
extern int pthread_cond_clockwait(pthread_cond_t *cond, pthread_mutex_t *mutex, clockid_t clock,
                                  const struct timespec *abstime);

// mallopt: the engine fixes glibc's mmap and trim thresholds (`ReceiveBufferHeap`).
#include <malloc.h>

// The cores this process may run on: its affinity mask counted (CPU_COUNT is a macro,
// which Swift cannot call), as `nproc` counts them; 0 when the mask cannot be read.
int cfetch_available_cpus(void);

#endif
