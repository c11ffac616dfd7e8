// The first frame of a coroutine for the hand-written switches (context_x86_64.S,
// context_aarch64.S): a stack laid out exactly as if the coroutine had called
// cfetch_context_switch from cfetch_context_entry, so the first switch "returns" there.

#include "internal.h"

#if CFETCH_CONTEXT_ASM

#include <stdint.h>
#include <string.h>

CFETCH_HIDDEN void cfetch_context_entry(void);

void cfetch_context_prepare(cfetch_context *context, const cfetch_stack *stack, cfetch_coroutine *co) {
    uintptr_t *sp = (uintptr_t *)((uintptr_t)cfetch_stack_top(stack) & ~(uintptr_t)15);
#if defined(__x86_64__)
    // The coroutine starts with its creator's floating-point modes, as a thread would.
    uint32_t mxcsr;
    uint16_t x87_control;
    __asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
    __asm__ volatile("fnstcw %0" : "=m"(x87_control));
    *--sp = (uintptr_t)cfetch_context_entry;  // the switch's `ret` lands here, sp 16-aligned
    *--sp = 0;                                // rbp: a zero frame pointer ends backtraces
    *--sp = 0;                                // rbx
    *--sp = (uintptr_t)co;                    // r12: the entry's argument
    *--sp = 0;                                // r13
    *--sp = 0;                                // r14
    *--sp = 0;                                // r15
    *--sp = ((uintptr_t)x87_control << 32) | mxcsr;
#elif defined(__aarch64__)
    // 176 bytes: x19-x28, x29, x30, d8-d15, fpcr, padding (see context_aarch64.S).
    uint64_t fpcr;
    __asm__ volatile("mrs %0, fpcr" : "=r"(fpcr));
    sp -= 22;
    memset(sp, 0, 22 * sizeof *sp);
    sp[0] = (uintptr_t)co;                    // x19: the entry's argument
    sp[10] = 0;                               // x29: a zero frame pointer ends backtraces
    sp[11] = (uintptr_t)cfetch_context_entry; // x30: where the switch's `ret` goes
    sp[20] = fpcr;
#endif
    context->sp = sp;
}

#endif
