// Turning a guard-page hit into a clear crash.
//
// A coroutine that overflows its stack touches its guard region and gets SIGSEGV. The
// handler runs on the thread's alternate signal stack (the overflowing one has no room),
// finds the fault address in the guard registry, writes one line to stderr and lets the
// fault kill the process with the default action: the exit status says SIGSEGV, a core
// dump (if enabled) shows the overflowing stack, and nothing after the overflow runs.
// We deliberately do not hand a guard hit to the Swift runtime's backtracer: a backtrace
// of thousands of identical frames buries the one line that says what to do.
// Any other fault goes to whatever handler was installed before ours (Swift's
// backtracer, a sanitizer), or to the default action if there was none.

#define _GNU_SOURCE
#include "internal.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

// An existing alternate stack at least this big is kept (Swift's runtime gives the main
// thread one of about 29 KiB); otherwise we map our own of ALT_STACK_BYTES.
enum { ALT_STACK_MIN = 16 * 1024, ALT_STACK_BYTES = 64 * 1024 };

static struct sigaction previous_segv;
static struct sigaction previous_bus;
static pthread_once_t install_once = PTHREAD_ONCE_INIT;
static int install_error;
static pthread_key_t alt_stack_key;

static _Thread_local int thread_prepared;

// ---- the handler (async-signal-safe code only) ----

static void write_all(const char *text, size_t length) {
    while (length > 0) {
        ssize_t written = write(STDERR_FILENO, text, length);
        if (written <= 0) {
            if (written < 0 && errno == EINTR) {
                continue;
            }
            return;
        }
        text += written;
        length -= (size_t)written;
    }
}

// snprintf is not async-signal-safe.
static size_t format_decimal(size_t value, char *buffer, size_t capacity) {
    char digits[24];
    size_t count = 0;
    do {
        digits[count++] = (char)('0' + value % 10);
        value /= 10;
    } while (value > 0 && count < sizeof digits);
    size_t length = count < capacity ? count : capacity;
    for (size_t i = 0; i < length; i++) {
        buffer[i] = digits[count - 1 - i];
    }
    return length;
}

static void report_overflow(size_t stack_size) {
    char line[160];
    size_t length = 0;
    static const char before[] = "cfetch: a green worker overflowed its stack (";
    static const char after[] = " KiB); rerun with a larger --stack-size\n";
    memcpy(line, before, sizeof before - 1);
    length += sizeof before - 1;
    length += format_decimal(stack_size / 1024, line + length, 24);
    memcpy(line + length, after, sizeof after - 1);
    length += sizeof after - 1;
    write_all(line, length);
}

// Returning from the handler after this re-runs the faulting instruction (or delivers
// the raised signal) with the default action, which ends the process with `signal`.
static void die_by_default_action(int signal) {
    struct sigaction fallback;
    memset(&fallback, 0, sizeof fallback);
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    sigaction(signal, &fallback, NULL);
    raise(signal);
}

// Gives the previous handler the signal mask the kernel would have given it: the
// interrupted mask plus its sa_mask, and `signal` itself unblocked if it asked for
// SA_NODEFER. Swift's backtracer does, and hangs its helper process without it.
// The kernel restores the interrupted mask when our handler returns.
static void adopt_mask_of(const struct sigaction *previous, int signal, void *context) {
    sigset_t mask;
    if (context != NULL) {
        mask = ((const ucontext_t *)context)->uc_sigmask;
    } else {
        sigemptyset(&mask);
    }
    for (int other = 1; other < NSIG; other++) {
        if (sigismember(&previous->sa_mask, other) == 1) {
            sigaddset(&mask, other);
        }
    }
    if (previous->sa_flags & SA_NODEFER) {
        sigdelset(&mask, signal);
    } else {
        sigaddset(&mask, signal);
    }
    pthread_sigmask(SIG_SETMASK, &mask, NULL);
}

static void chain(int signal, siginfo_t *info, void *context) {
    const struct sigaction *previous = signal == SIGSEGV ? &previous_segv : &previous_bus;
    if (previous->sa_flags & SA_SIGINFO) {
        adopt_mask_of(previous, signal, context);
        previous->sa_sigaction(signal, info, context);
    } else if (previous->sa_handler == SIG_IGN && info != NULL && info->si_code <= 0) {
        return;  // a signal someone sent, which the process had chosen to ignore
    } else if (previous->sa_handler == SIG_DFL || previous->sa_handler == SIG_IGN) {
        // Ignoring a real fault would re-run the faulting instruction forever.
        die_by_default_action(signal);
    } else {
        adopt_mask_of(previous, signal, context);
        previous->sa_handler(signal);
    }
}

static void on_fault(int signal, siginfo_t *info, void *context) {
    int saved_errno = errno;
    size_t stack_size;
    // si_code > 0: raised by the kernel for a fault, so si_addr is the faulting address
    // (kill(2) and raise(3) send si_code <= 0 and no address).
    if (info != NULL && info->si_code > 0 && cfetch_guard_lookup((uintptr_t)info->si_addr, &stack_size)) {
        report_overflow(stack_size);
        die_by_default_action(signal);
    } else {
        chain(signal, info, context);
    }
    errno = saved_errno;
}

// ---- installation ----

static void release_alt_stack(void *mapping) {
    stack_t disable;
    memset(&disable, 0, sizeof disable);
    disable.ss_flags = SS_DISABLE;
    sigaltstack(&disable, NULL);
    munmap(mapping, ALT_STACK_BYTES + cfetch_coroutine_page_size());
}

static void install_handlers(void) {
    if (pthread_key_create(&alt_stack_key, release_alt_stack) != 0) {
        install_error = EAGAIN;
        return;
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_fault;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    if (sigaction(SIGSEGV, &action, &previous_segv) != 0 || sigaction(SIGBUS, &action, &previous_bus) != 0) {
        install_error = errno;
    }
}

// The alternate stack gets a guard page too: an overflow there would be silent as well.
static int map_alt_stack(void) {
    size_t page = cfetch_coroutine_page_size();
    unsigned char *mapping = mmap(NULL, ALT_STACK_BYTES + page, PROT_READ | PROT_WRITE,
                                  MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
    if (mapping == MAP_FAILED) {
        return -1;
    }
    stack_t alt;
    memset(&alt, 0, sizeof alt);
    alt.ss_sp = mapping + page;
    alt.ss_size = ALT_STACK_BYTES;
    if (mprotect(mapping, page, PROT_NONE) != 0 || sigaltstack(&alt, NULL) != 0) {
        int saved = errno;
        munmap(mapping, ALT_STACK_BYTES + page);
        errno = saved;
        return -1;
    }
    // Freed when the thread exits (the key's destructor runs on the exiting thread).
    pthread_setspecific(alt_stack_key, mapping);
    return 0;
}

int cfetch_coroutine_prepare_thread(void) {
    if (thread_prepared) {
        return 0;
    }
    pthread_once(&install_once, install_handlers);
    if (install_error != 0) {
        errno = install_error;
        return -1;
    }
    stack_t current;
    if (sigaltstack(NULL, &current) != 0) {
        return -1;
    }
    int usable = !(current.ss_flags & SS_DISABLE) && current.ss_size >= ALT_STACK_MIN;
    if (!usable && map_alt_stack() != 0) {
        return -1;
    }
    thread_prepared = 1;
    return 0;
}

int cfetch_thread_is_prepared(void) {
    return thread_prepared;
}
