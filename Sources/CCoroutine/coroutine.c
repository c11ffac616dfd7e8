// The coroutine object: its stack, its two saved contexts, and resume/yield.

#include "internal.h"
#include "tsan_fibers.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct cfetch_coroutine {
    cfetch_context context;  // the coroutine's registers while it is suspended
    cfetch_context resumer;  // the resumer's registers while the coroutine runs
    cfetch_stack stack;
    void (*entry)(void *arg);
    void *arg;
    void *owner;
    cfetch_coroutine *outer;  // what was running on this thread when this one was resumed
    void *fiber;              // ThreadSanitizer's name for this stack (NULL without TSan)
    void *resumer_fiber;      // and for the resumer's, while the coroutine runs
    pthread_t thread;         // where it first ran; its frames hold that thread's state
    int started;
    int guard_slot;
    int running;
    int finished;
};

// The innermost running coroutine of this thread; NULL on the thread's own stack.
static _Thread_local cfetch_coroutine *current;

// Misuse is a programming error in the caller, not a condition to recover from.
static _Noreturn void fail(const char *message) {
    fprintf(stderr, "cfetch: coroutine misuse: %s\n", message);
    abort();
}

cfetch_coroutine *cfetch_coroutine_create(size_t stack_size, void (*entry)(void *arg), void *arg) {
    if (entry == NULL) {
        errno = EINVAL;
        return NULL;
    }
    cfetch_coroutine *co = calloc(1, sizeof *co);
    if (co == NULL) {
        return NULL;
    }
    if (cfetch_stack_map(&co->stack, stack_size) != 0) {
        int saved = errno;
        free(co);
        errno = saved;
        return NULL;
    }
    uintptr_t guard_low = (uintptr_t)co->stack.base;
    co->guard_slot = cfetch_guard_register(guard_low, guard_low + co->stack.guard_size, co->stack.usable_size);
    if (co->guard_slot < 0) {
        cfetch_stack_unmap(&co->stack);
        free(co);
        errno = EAGAIN;
        return NULL;
    }
    co->entry = entry;
    co->arg = arg;
    co->fiber = cfetch_tsan_create_fiber();
    cfetch_context_prepare(&co->context, &co->stack, co);
    return co;
}

void cfetch_coroutine_resume(cfetch_coroutine *co) {
    if (co->finished) {
        fail("resume of a finished coroutine");
    }
    if (co->running) {
        fail("resume of a coroutine that is already running");
    }
    if (!co->started) {
        co->thread = pthread_self();
        co->started = 1;
    } else if (!pthread_equal(co->thread, pthread_self())) {
        fail("resume on a thread other than the one the coroutine started on");
    }
    if (!cfetch_thread_is_prepared()) {
        // Without it an overflow still crashes, just without the message.
        (void)cfetch_coroutine_prepare_thread();
    }
    co->outer = current;
    current = co;
    co->running = 1;
    co->resumer_fiber = cfetch_tsan_current_fiber();
    CFETCH_TSAN_SWITCH_TO(co->fiber);
    cfetch_context_switch(&co->resumer, &co->context);
    co->running = 0;
    current = co->outer;
}

void cfetch_coroutine_yield(cfetch_coroutine *co) {
    if (co != current) {
        fail("yield from outside the coroutine");
    }
    CFETCH_TSAN_SWITCH_TO(co->resumer_fiber);
    cfetch_context_switch(&co->context, &co->resumer);
}

void cfetch_coroutine_main(cfetch_coroutine *co) {
    co->entry(co->arg);
    co->finished = 1;
    CFETCH_TSAN_SWITCH_TO(co->resumer_fiber);
    cfetch_context_switch(&co->context, &co->resumer);
    // Nothing switches to a finished coroutine: resume refuses to.
    fail("a finished coroutine was switched to");
}

int cfetch_coroutine_is_finished(const cfetch_coroutine *co) {
    return co->finished;
}

int cfetch_coroutine_is_running(const cfetch_coroutine *co) {
    return co->running;
}

void cfetch_coroutine_destroy(cfetch_coroutine *co) {
    if (co == NULL) {
        return;
    }
    if (co->running) {
        fail("destroy of a running coroutine");
    }
    // Unregister before unmapping, so the range is never reported after the kernel
    // could hand it to someone else.
    cfetch_guard_unregister(co->guard_slot);
    cfetch_stack_unmap(&co->stack);
    cfetch_tsan_destroy_fiber(co->fiber);
    free(co);
}

cfetch_coroutine *cfetch_coroutine_current(void) {
    return current;
}

void cfetch_coroutine_set_owner(cfetch_coroutine *co, void *owner) {
    co->owner = owner;
}

void *cfetch_coroutine_owner(const cfetch_coroutine *co) {
    return co->owner;
}

size_t cfetch_coroutine_stack_size(const cfetch_coroutine *co) {
    return co->stack.usable_size;
}

size_t cfetch_coroutine_stack_high_water(const cfetch_coroutine *co) {
    return cfetch_stack_high_water(&co->stack);
}
