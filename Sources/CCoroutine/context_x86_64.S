// The x86_64 switch (System V ABI). No system call: it saves the callee-saved registers
// and the floating-point control state on the current stack, stores the stack pointer,
// and loads the other side the same way in reverse.
//
// This object deliberately carries no .note.gnu.property: a CET shadow stack would
// reject returning on a different stack, and without the note the linker leaves the
// executable unmarked, so the shadow stack stays off.

#if !defined(CFETCH_COROUTINE_UCONTEXT) && defined(__x86_64__)

    .text

// void cfetch_context_switch(cfetch_context *from /* rdi */, cfetch_context *to /* rsi */)
// cfetch_context's first (only) field is the saved stack pointer.
    .globl  cfetch_context_switch
    .hidden cfetch_context_switch
    .type   cfetch_context_switch, @function
    .p2align 4
cfetch_context_switch:
    .cfi_startproc
    pushq   %rbp
    pushq   %rbx
    pushq   %r12
    pushq   %r13
    pushq   %r14
    pushq   %r15
    subq    $8, %rsp
    stmxcsr (%rsp)
    fnstcw  4(%rsp)
    movq    %rsp, (%rdi)

    movq    (%rsi), %rsp
    ldmxcsr (%rsp)
    fldcw   4(%rsp)
    addq    $8, %rsp
    popq    %r15
    popq    %r14
    popq    %r13
    popq    %r12
    popq    %rbx
    popq    %rbp
    ret
    .cfi_endproc
    .size   cfetch_context_switch, . - cfetch_context_switch

// The first code a coroutine runs (see context_asm.c): r12 holds the coroutine.
    .globl  cfetch_context_entry
    .hidden cfetch_context_entry
    .type   cfetch_context_entry, @function
    .p2align 4
cfetch_context_entry:
    .cfi_startproc
    .cfi_undefined rip      // the outermost frame: unwinders and backtracers stop here
    movq    %r12, %rdi
    call    cfetch_coroutine_main
    ud2                     // cfetch_coroutine_main never returns
    .cfi_endproc
    .size   cfetch_context_entry, . - cfetch_context_entry

#endif

    .section .note.GNU-stack, "", @progbits
