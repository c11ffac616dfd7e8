// The portable switch: glibc's getcontext/makecontext/swapcontext. Used where there is
// no hand-written switch, or with -DCFETCH_COROUTINE_UCONTEXT. Each swapcontext makes an
// rt_sigprocmask system call to save and restore the signal mask, which makes it several
// times slower than context_x86_64.S.

#include "internal.h"
#include "tsan_fibers.h"

#if CFETCH_CONTEXT_UCONTEXT

#include <stdint.h>

// makecontext passes int arguments only, so the pointer travels in two halves.
static void start(unsigned int high, unsigned int low) {
    uint64_t address = ((uint64_t)high << 32) | low;
    cfetch_coroutine_main((cfetch_coroutine *)(uintptr_t)address);
}

void cfetch_context_prepare(cfetch_context *context, const cfetch_stack *stack, cfetch_coroutine *co) {
    getcontext(&context->uc);
    context->uc.uc_stack.ss_sp = stack->base + stack->guard_size;
    context->uc.uc_stack.ss_size = stack->usable_size;
    context->uc.uc_link = NULL;  // start never returns: cfetch_coroutine_main switches away
    uint64_t address = (uintptr_t)co;
    makecontext(&context->uc, (void (*)(void))start, 2, (unsigned int)(address >> 32), (unsigned int)address);
}

// Called just after the fiber switch (coroutine.c): no entry and exit for TSan to count.
CFETCH_TSAN_UNINSTRUMENTED void cfetch_context_switch(cfetch_context *from, cfetch_context *to) {
    swapcontext(&from->uc, &to->uc);
}

#endif
