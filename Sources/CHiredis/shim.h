#ifndef CHIREDIS_SHIM_H
#define CHIREDIS_SHIM_H

// hiredis 0.14 (Debian bookworm's libhiredis-dev). Its printf-style redisCommand is
// variadic, which Swift cannot call: cfetch sends every command as an argument vector
// (binary-safe, nothing to escape). The wrappers below type hiredis's void pointers as
// the reply they are, read the context's error text (a char array, which Swift sees as a
// tuple), and keep errno from the moment the call failed: hiredis puts strerror(errno)
// into errstr, and cfetch needs the number itself to tell a command timeout (EAGAIN)
// from a reset connection.

#include <errno.h>
#include <stddef.h>
#include <hiredis/hiredis.h>

/* Connects (blocking context) within `timeout`; *saved_errno gets errno when the context
   it returns has err set. NULL only when hiredis could not allocate the context. */
static inline redisContext *cfetch_redis_connect(const char *host, int port, struct timeval timeout,
                                                 int *saved_errno) {
    errno = 0;
    redisContext *context = redisConnectWithTimeout(host, port, timeout);
    *saved_errno = errno;
    return context;
}

/* Sends one command and reads its reply; NULL when the context failed (context->err). */
static inline redisReply *cfetch_redis_command_argv(redisContext *context, int argc, const char **argv,
                                                    const size_t *argvlen, int *saved_errno) {
    errno = 0;
    redisReply *reply = (redisReply *)redisCommandArgv(context, argc, argv, argvlen);
    *saved_errno = errno;
    return reply;
}

/* Appends one command to the output buffer (nothing is sent until a reply is read). */
static inline int cfetch_redis_append_command_argv(redisContext *context, int argc, const char **argv,
                                                   const size_t *argvlen, int *saved_errno) {
    errno = 0;
    int status = redisAppendCommandArgv(context, argc, argv, argvlen);
    *saved_errno = errno;
    return status;
}

/* Flushes what was appended, then reads the next reply; REDIS_ERR when the context failed. */
static inline int cfetch_redis_get_reply(redisContext *context, redisReply **reply, int *saved_errno) {
    errno = 0;
    void *raw = NULL;
    int status = redisGetReply(context, &raw);
    *saved_errno = errno;
    *reply = (redisReply *)raw;
    return status;
}

/* The context's error text (hiredis's own words, or strerror of the failing call). */
static inline const char *cfetch_redis_errstr(const redisContext *context) {
    return context->errstr;
}

/* The i-th element of an array reply. */
static inline const redisReply *cfetch_redis_reply_element(const redisReply *reply, size_t i) {
    return reply->element[i];
}

#endif
