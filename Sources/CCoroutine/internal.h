#ifndef CFETCH_COROUTINE_INTERNAL_H
#define CFETCH_COROUTINE_INTERNAL_H

// Declarations shared by the CCoroutine sources; not part of the module's interface.

#include "CCoroutine.h"

#include <stddef.h>
#include <stdint.h>

#define CFETCH_HIDDEN __attribute__((visibility("hidden")))

// The switch: hand-written on x86_64 and aarch64 (no syscall per switch), ucontext
// elsewhere. -DCFETCH_COROUTINE_UCONTEXT forces ucontext, to compare the two.
#if !defined(CFETCH_COROUTINE_UCONTEXT) && (defined(__x86_64__) || defined(__aarch64__))
#define CFETCH_CONTEXT_ASM 1
#else
#define CFETCH_CONTEXT_UCONTEXT 1
#include <ucontext.h>
#endif

// ---- stacks (stack.c) ----

/// One mapping: [base, base + guard_size) is PROT_NONE, the stack proper is above it
/// and grows down from base + guard_size + usable_size.
typedef struct {
    unsigned char *base;
    size_t guard_size;
    size_t usable_size;
} cfetch_stack;

/// Maps a stack of `requested` bytes rounded up to pages. 0, or -1 with errno set.
CFETCH_HIDDEN int cfetch_stack_map(cfetch_stack *stack, size_t requested);
CFETCH_HIDDEN void cfetch_stack_unmap(cfetch_stack *stack);
CFETCH_HIDDEN size_t cfetch_stack_high_water(const cfetch_stack *stack);

static inline unsigned char *cfetch_stack_top(const cfetch_stack *stack) {
    return stack->base + stack->guard_size + stack->usable_size;
}

// ---- contexts (context_*.c, context_*.S) ----

#if CFETCH_CONTEXT_ASM
/// A suspended context is just its stack pointer: the switch pushed everything else.
typedef struct {
    void *sp;
} cfetch_context;
#else
typedef struct {
    ucontext_t uc;
} cfetch_context;
#endif

/// Makes `context` start `cfetch_coroutine_main(co)` on `stack` when first switched to.
CFETCH_HIDDEN void cfetch_context_prepare(cfetch_context *context, const cfetch_stack *stack, cfetch_coroutine *co);

/// Saves the running context into `from` and continues `to`. Returns when something
/// switches back to `from`.
CFETCH_HIDDEN void cfetch_context_switch(cfetch_context *from, cfetch_context *to);

/// The first frame on every coroutine stack (coroutine.c). Never returns.
CFETCH_HIDDEN _Noreturn void cfetch_coroutine_main(cfetch_coroutine *co);

// ---- guard registry (guard_registry.c) ----

/// Records [low, high) as the guard of a stack of `stack_size` usable bytes.
/// Returns a slot for unregistering, or -1 (errno EAGAIN) when the registry is full.
CFETCH_HIDDEN int cfetch_guard_register(uintptr_t low, uintptr_t high, size_t stack_size);
CFETCH_HIDDEN void cfetch_guard_unregister(int slot);

/// Async-signal-safe: 1 and the stack's size when `address` lies in a registered guard.
CFETCH_HIDDEN int cfetch_guard_lookup(uintptr_t address, size_t *stack_size);

// ---- overflow reporting (overflow_handler.c) ----

/// Whether cfetch_coroutine_prepare_thread has succeeded on the calling thread.
CFETCH_HIDDEN int cfetch_thread_is_prepared(void);

#endif
