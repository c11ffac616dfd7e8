// The aarch64 switch (AAPCS64). No system call: it saves x19-x30, d8-d15 and FPCR on
// the current stack, stores the stack pointer, and loads the other side in reverse.
//
// Frame (176 bytes, 16-aligned): x19..x28 at 0..72, x29 at 80, x30 at 88,
// d8..d15 at 96..152, fpcr at 160, padding at 168. context_asm.c builds the same frame.

#if !defined(CFETCH_COROUTINE_UCONTEXT) && defined(__aarch64__)

    .text

// void cfetch_context_switch(cfetch_context *from /* x0 */, cfetch_context *to /* x1 */)
    .globl  cfetch_context_switch
    .hidden cfetch_context_switch
    .type   cfetch_context_switch, %function
    .p2align 4
cfetch_context_switch:
    .cfi_startproc
    sub     sp, sp, #176
    stp     x19, x20, [sp, #0]
    stp     x21, x22, [sp, #16]
    stp     x23, x24, [sp, #32]
    stp     x25, x26, [sp, #48]
    stp     x27, x28, [sp, #64]
    stp     x29, x30, [sp, #80]
    stp     d8, d9, [sp, #96]
    stp     d10, d11, [sp, #112]
    stp     d12, d13, [sp, #128]
    stp     d14, d15, [sp, #144]
    mrs     x9, fpcr
    str     x9, [sp, #160]
    mov     x9, sp
    str     x9, [x0]

    ldr     x9, [x1]
    mov     sp, x9
    ldp     x19, x20, [sp, #0]
    ldp     x21, x22, [sp, #16]
    ldp     x23, x24, [sp, #32]
    ldp     x25, x26, [sp, #48]
    ldp     x27, x28, [sp, #64]
    ldp     x29, x30, [sp, #80]
    ldp     d8, d9, [sp, #96]
    ldp     d10, d11, [sp, #112]
    ldp     d12, d13, [sp, #128]
    ldp     d14, d15, [sp, #144]
    ldr     x9, [sp, #160]
    msr     fpcr, x9
    add     sp, sp, #176
    ret
    .cfi_endproc
    .size   cfetch_context_switch, . - cfetch_context_switch

// The first code a coroutine runs (see context_asm.c): x19 holds the coroutine.
    .globl  cfetch_context_entry
    .hidden cfetch_context_entry
    .type   cfetch_context_entry, %function
    .p2align 4
cfetch_context_entry:
    .cfi_startproc
    .cfi_undefined x30      // the outermost frame: unwinders and backtracers stop here
    mov     x0, x19
    bl      cfetch_coroutine_main
    brk     #1              // cfetch_coroutine_main never returns
    .cfi_endproc
    .size   cfetch_context_entry, . - cfetch_context_entry

#endif

    .section .note.GNU-stack, "", %progbits
