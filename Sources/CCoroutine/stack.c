// Coroutine stacks: one anonymous mapping each, a PROT_NONE guard at the low end.

#define _GNU_SOURCE
#include "internal.h"

#include <errno.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

// The guard is 64 KiB, not one page: neither Swift nor Debian's C compilers emit stack
// probes, so a function with a frame larger than the guard can step over it and write
// into whatever is mapped below, typically another coroutine's stack. The guard costs
// address space only (nothing is ever resident in it).
enum { GUARD_BYTES = 64 * 1024 };

// Transparent huge pages could make a large stack's first touch cost 2 MiB of RSS.
enum { HUGE_PAGE_BYTES = 2 * 1024 * 1024 };

size_t cfetch_coroutine_page_size(void) {
    return (size_t)sysconf(_SC_PAGESIZE);
}

static size_t round_up(size_t value, size_t multiple) {
    return (value + multiple - 1) / multiple * multiple;
}

int cfetch_stack_map(cfetch_stack *stack, size_t requested) {
    size_t page = cfetch_coroutine_page_size();
    size_t guard = round_up(GUARD_BYTES, page);
    if (requested == 0) {
        errno = EINVAL;
        return -1;
    }
    if (requested > SIZE_MAX / 2 - guard) {
        errno = ENOMEM;
        return -1;
    }
    size_t usable = round_up(requested, page);

    // MAP_NORESERVE: 10,000 idle stacks must cost the pages they touched, not their size.
    void *base = mmap(NULL, guard + usable, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
    if (base == MAP_FAILED) {
        return -1;
    }
    if (mprotect(base, guard, PROT_NONE) != 0) {
        int saved = errno;
        munmap(base, guard + usable);
        errno = saved;
        return -1;
    }
    if (usable >= HUGE_PAGE_BYTES) {
        // Advisory: failure only costs memory.
        (void)madvise((unsigned char *)base + guard, usable, MADV_NOHUGEPAGE);
    }
    stack->base = base;
    stack->guard_size = guard;
    stack->usable_size = usable;
    return 0;
}

void cfetch_stack_unmap(cfetch_stack *stack) {
    if (stack->base != NULL) {
        munmap(stack->base, stack->guard_size + stack->usable_size);
        stack->base = NULL;
    }
}

size_t cfetch_stack_high_water(const cfetch_stack *stack) {
    size_t page = cfetch_coroutine_page_size();
    size_t pages = stack->usable_size / page;
    unsigned char *low = stack->base + stack->guard_size;
    // Resident pages are the touched ones: an anonymous page is only populated by a write
    // (or a read, which a stack never does below its pointer). Scan in chunks from the
    // bottom; the first resident page is the deepest the stack has been.
    unsigned char residency[256];
    for (size_t first = 0; first < pages; first += sizeof residency) {
        size_t count = pages - first < sizeof residency ? pages - first : sizeof residency;
        if (mincore(low + first * page, count * page, residency) != 0) {
            return 0;
        }
        for (size_t i = 0; i < count; i++) {
            if (residency[i] & 1) {
                return (pages - first - i) * page;
            }
        }
    }
    return 0;
}
