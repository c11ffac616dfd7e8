// The declarations in include/CLinuxSystem.h are system calls glibc provides, and the
// few helpers below that wrap what Swift cannot call (macros).
#define _GNU_SOURCE
#include <sched.h>

#include "CLinuxSystem.h"

int cfetch_available_cpus(void) {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof(set), &set) != 0) return 0;
    return CPU_COUNT(&set);
}
