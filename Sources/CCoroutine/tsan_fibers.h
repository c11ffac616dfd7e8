#ifndef CFETCH_COROUTINE_TSAN_FIBERS_H
#define CFETCH_COROUTINE_TSAN_FIBERS_H

// ThreadSanitizer keeps a shadow stack and a clock per thread; a coroutine switch it
// is not told about looks to it like one thread's frames jumping about, and its
// reports then mean nothing. Under -fsanitize=thread every switch is declared as a
// fiber switch (its public fiber API, compiler-rt's tsan_interface.h), which also
// orders each side of a switch before the other. Elsewhere these compile to nothing.

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define CFETCH_TSAN 1
#endif
#endif
#if !defined(CFETCH_TSAN) && defined(__SANITIZE_THREAD__)
#define CFETCH_TSAN 1
#endif

#if CFETCH_TSAN
void *__tsan_get_current_fiber(void);
void *__tsan_create_fiber(unsigned flags);
void __tsan_destroy_fiber(void *fiber);
void __tsan_switch_to_fiber(void *fiber, unsigned flags);

static inline void *cfetch_tsan_create_fiber(void) { return __tsan_create_fiber(0); }
static inline void cfetch_tsan_destroy_fiber(void *fiber) { __tsan_destroy_fiber(fiber); }
static inline void *cfetch_tsan_current_fiber(void) { return __tsan_get_current_fiber(); }
// The switch is a macro, issued in the frame that then switches stacks: TSan counts
// function entries and exits per fiber, so a helper function around it would enter on
// one fiber and exit on the other, and unbalance both.
#define CFETCH_TSAN_SWITCH_TO(fiber) __tsan_switch_to_fiber((fiber), 0)
// What runs between the fiber switch and the stack switch must not be instrumented.
#define CFETCH_TSAN_UNINSTRUMENTED __attribute__((disable_sanitizer_instrumentation))
#else
static inline void *cfetch_tsan_create_fiber(void) { return 0; }
static inline void cfetch_tsan_destroy_fiber(void *fiber) { (void)fiber; }
static inline void *cfetch_tsan_current_fiber(void) { return 0; }
#define CFETCH_TSAN_SWITCH_TO(fiber) ((void)(fiber))
#define CFETCH_TSAN_UNINSTRUMENTED
#endif

#endif
