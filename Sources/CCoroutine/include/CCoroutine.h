#ifndef CCOROUTINE_H
#define CCOROUTINE_H

// Stackful coroutines for cfetch's green strategy: mmap'd stacks with a guard region,
// a context switch (hand-written on x86_64 and aarch64, ucontext elsewhere), and a
// SIGSEGV/SIGBUS handler that turns a guard hit into a one-line message.
//
// Threading: a coroutine belongs to the thread that first resumes it, and every later
// resume and yield must happen on that thread; a coroutine never moves. Creating and
// destroying (when not running) may happen on any thread.

#include <stddef.h>

#if defined(__clang__)
#pragma clang assume_nonnull begin
#else
#define _Nullable
#define _Nonnull
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef struct cfetch_coroutine cfetch_coroutine;

/// Maps a stack of at least `stack_size` bytes (rounded up to whole pages) below a
/// PROT_NONE guard region and prepares the coroutine to run `entry(arg)` on its first
/// resume. Returns NULL with errno set on failure (EINVAL for a zero size, ENOMEM when
/// the mapping is refused, which is also what vm.max_map_count exhaustion looks like,
/// EAGAIN when the guard registry is full).
cfetch_coroutine *_Nullable cfetch_coroutine_create(
    size_t stack_size, void (*entry)(void *_Nullable arg), void *_Nullable arg);

/// Switches from the calling context into `co`; returns when `co` yields or its entry
/// returns. Aborts with a message if `co` is finished, already running, or started on
/// another thread. Sets up the
/// calling thread's alternate signal stack on first use if
/// `cfetch_coroutine_prepare_thread` was not called.
void cfetch_coroutine_resume(cfetch_coroutine *co);

/// Called by the running coroutine `co`: switches back to whoever resumed it. Aborts
/// with a message if `co` is not the coroutine running on this thread.
void cfetch_coroutine_yield(cfetch_coroutine *co);

/// 1 once `co`'s entry function has returned.
int cfetch_coroutine_is_finished(const cfetch_coroutine *co);

/// 1 while `co` is between resume and its yield (including while it has resumed another).
int cfetch_coroutine_is_running(const cfetch_coroutine *co);

/// Unmaps the stack and frees `co`. Aborts if `co` is running. Destroying a suspended,
/// unfinished coroutine discards its frames without unwinding them.
void cfetch_coroutine_destroy(cfetch_coroutine *_Nullable co);

/// The innermost coroutine running on the calling thread, or NULL on a thread's own stack.
cfetch_coroutine *_Nullable cfetch_coroutine_current(void);

/// An opaque pointer stored with the coroutine for its wrapper (the Swift object).
void cfetch_coroutine_set_owner(cfetch_coroutine *co, void *_Nullable owner);
void *_Nullable cfetch_coroutine_owner(const cfetch_coroutine *co);

/// The usable stack size in bytes (the request rounded up to pages; guard excluded).
size_t cfetch_coroutine_stack_size(const cfetch_coroutine *co);

/// Bytes between the top of `co`'s stack and the deepest page it has touched so far
/// (page granular, from mincore(2)): a high-water mark for sizing stacks. 0 on error.
size_t cfetch_coroutine_stack_high_water(const cfetch_coroutine *co);

/// The system page size.
size_t cfetch_coroutine_page_size(void);

/// Installs the overflow handler (once per process) and gives the calling thread an
/// alternate signal stack if it has none, so a guard-page hit can be reported: a signal
/// handler cannot run on the stack that just overflowed. Call once on each thread that
/// will resume coroutines, before the first resume. Returns 0, or -1 with errno set.
int cfetch_coroutine_prepare_thread(void);

#ifdef __cplusplus
}
#endif

#if defined(__clang__)
#pragma clang assume_nonnull end
#endif

#endif
