// The live guard regions, readable from a signal handler.
//
// A fixed table of slots. Writers (create/destroy, any thread) take a mutex and keep a
// free list; the fault handler takes no lock: it scans slots [0, high_water) with atomic
// loads. A slot is valid while its `low` is non-zero; `high` and the size are stored
// before `low` is published and `low` is cleared first on removal, so a reader never
// pairs a new `low` with a stale `high` except in a race with a concurrent create or
// destroy of that very slot, where the worst outcome is a wrong size in the message.

#include "internal.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>

// Twice what the default vm.max_map_count (65530, two mappings per coroutine) allows, so
// the kernel refuses a stack before this table fills. Untouched slots cost no memory.
enum { SLOT_COUNT = 65536 };

typedef struct {
    _Atomic uintptr_t low;
    _Atomic uintptr_t high;
    _Atomic size_t stack_size;
} guard_slot;

static guard_slot slots[SLOT_COUNT];
static _Atomic int high_water;
static int free_slots[SLOT_COUNT];
static int free_count;
static pthread_mutex_t writers = PTHREAD_MUTEX_INITIALIZER;

int cfetch_guard_register(uintptr_t low, uintptr_t high, size_t stack_size) {
    pthread_mutex_lock(&writers);
    int slot;
    if (free_count > 0) {
        slot = free_slots[--free_count];
    } else if (atomic_load_explicit(&high_water, memory_order_relaxed) < SLOT_COUNT) {
        slot = atomic_load_explicit(&high_water, memory_order_relaxed);
        atomic_store_explicit(&high_water, slot + 1, memory_order_release);
    } else {
        pthread_mutex_unlock(&writers);
        errno = EAGAIN;
        return -1;
    }
    atomic_store_explicit(&slots[slot].high, high, memory_order_relaxed);
    atomic_store_explicit(&slots[slot].stack_size, stack_size, memory_order_relaxed);
    atomic_store_explicit(&slots[slot].low, low, memory_order_release);
    pthread_mutex_unlock(&writers);
    return slot;
}

void cfetch_guard_unregister(int slot) {
    if (slot < 0) {
        return;
    }
    pthread_mutex_lock(&writers);
    atomic_store_explicit(&slots[slot].low, 0, memory_order_release);
    free_slots[free_count++] = slot;
    pthread_mutex_unlock(&writers);
}

int cfetch_guard_lookup(uintptr_t address, size_t *stack_size) {
    int count = atomic_load_explicit(&high_water, memory_order_acquire);
    for (int slot = 0; slot < count; slot++) {
        uintptr_t low = atomic_load_explicit(&slots[slot].low, memory_order_acquire);
        if (low == 0 || address < low) {
            continue;
        }
        if (address < atomic_load_explicit(&slots[slot].high, memory_order_relaxed)) {
            *stack_size = atomic_load_explicit(&slots[slot].stack_size, memory_order_relaxed);
            return 1;
        }
    }
    return 0;
}
