#ifndef CHIREDIS_SHIM_H
#define CHIREDIS_SHIM_H

// hiredis 0.14 (Debian bookworm's libhiredis-dev). Its printf-style redisCommand is
// variadic, which Swift cannot call: cfetch formats every command itself, in RESP
// (binary-safe, nothing to escape; RedisArguments), and appends the bytes. The wrappers below type hiredis's void pointers as
// the reply they are, read the context's error text (a char array, which Swift sees as a
// tuple), and keep errno from the moment the call failed: hiredis puts strerror(errno)
// into errstr, and cfetch needs the number itself to tell a command timeout (EAGAIN)
// from a reset connection.

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <hiredis/hiredis.h>

// Replies built in an arena. hiredis's own reply functions make two allocations per
// string (the object, the bytes) and one per array, each freed one by one: a worker's
// read of a hundred stream entries is about 1,600 of each. These build the same
// redisReply structs (so the rest of the code reads them as hiredis's) in blocks owned by
// the connection, bump-allocated, and all let go at once when the reply is done with
// (cfetch_redis_free_reply). A connection reads one reply at a time and frees it before
// the next (RedisConnection copies or reads it in place first), so a reset never takes
// memory from under a reply in use. freeObject does nothing: hiredis calls it on a reply
// it abandons (a protocol error), whose memory the arena keeps until its next reset or
// cfetch_redis_free.

typedef struct cfetch_arena_block {
    struct cfetch_arena_block *next;
    size_t size;
    size_t used;
    // Followed by `size` bytes.
} cfetch_arena_block;

typedef struct {
    cfetch_arena_block *first;   // kept across resets
    cfetch_arena_block *current; // where the next allocation is tried
} cfetch_reply_arena;

enum { cfetch_arena_block_size = 64 * 1024 };

static inline char *cfetch_arena_block_data(cfetch_arena_block *block) {
    return (char *)(block + 1);
}

static inline cfetch_arena_block *cfetch_arena_new_block(size_t size) {
    cfetch_arena_block *block = (cfetch_arena_block *)malloc(sizeof(cfetch_arena_block) + size);
    if (block == NULL) return NULL;
    block->next = NULL;
    block->size = size;
    block->used = 0;
    return block;
}

/* `size` bytes, 16-aligned, not zeroed; NULL when out of memory (hiredis reports OOM). */
static inline void *cfetch_arena_alloc(cfetch_reply_arena *arena, size_t size) {
    size_t rounded = (size + 15) & ~(size_t)15;
    cfetch_arena_block *block = arena->current;
    if (block->size - block->used < rounded) {
        size_t wanted = rounded > cfetch_arena_block_size ? rounded : cfetch_arena_block_size;
        cfetch_arena_block *fresh = cfetch_arena_new_block(wanted);
        if (fresh == NULL) return NULL;
        fresh->next = block->next;
        block->next = fresh;
        arena->current = fresh;
        block = fresh;
    }
    void *memory = cfetch_arena_block_data(block) + block->used;
    block->used += rounded;
    return memory;
}

/* Lets go of every reply built: the first block is kept for the next one. */
static inline void cfetch_arena_reset(cfetch_reply_arena *arena) {
    cfetch_arena_block *extra = arena->first->next;
    while (extra != NULL) {
        cfetch_arena_block *next = extra->next;
        free(extra);
        extra = next;
    }
    arena->first->next = NULL;
    arena->first->used = 0;
    arena->current = arena->first;
}

static inline void cfetch_arena_free(cfetch_reply_arena *arena) {
    if (arena == NULL) return;
    cfetch_arena_reset(arena);
    free(arena->first);
    free(arena);
}

/* A reply object of `type` in the arena, put in its parent array as hiredis's own do. */
static inline redisReply *cfetch_arena_reply(const redisReadTask *task, int type) {
    redisReply *reply = (redisReply *)cfetch_arena_alloc((cfetch_reply_arena *)task->privdata, sizeof(redisReply));
    if (reply == NULL) return NULL;
    memset(reply, 0, sizeof(redisReply));
    reply->type = type;
    if (task->parent != NULL) {
        redisReply *parent = (redisReply *)task->parent->obj;
        parent->element[task->idx] = reply;
    }
    return reply;
}

static inline void *cfetch_arena_create_string(const redisReadTask *task, char *text, size_t length) {
    cfetch_reply_arena *arena = (cfetch_reply_arena *)task->privdata;
    char *bytes = (char *)cfetch_arena_alloc(arena, length + 1);
    if (bytes == NULL) return NULL;
    redisReply *reply = cfetch_arena_reply(task, task->type);
    if (reply == NULL) return NULL;
    memcpy(bytes, text, length);
    bytes[length] = '\0';
    reply->str = bytes;
    reply->len = length;
    return reply;
}

static inline void *cfetch_arena_create_array(const redisReadTask *task, int elements) {
    cfetch_reply_arena *arena = (cfetch_reply_arena *)task->privdata;
    redisReply **slots = NULL;
    if (elements > 0) {
        slots = (redisReply **)cfetch_arena_alloc(arena, (size_t)elements * sizeof(redisReply *));
        if (slots == NULL) return NULL;
        memset(slots, 0, (size_t)elements * sizeof(redisReply *));
    }
    redisReply *reply = cfetch_arena_reply(task, REDIS_REPLY_ARRAY);
    if (reply == NULL) return NULL;
    reply->element = slots;
    reply->elements = elements > 0 ? (size_t)elements : 0;
    return reply;
}

static inline void *cfetch_arena_create_integer(const redisReadTask *task, long long value) {
    redisReply *reply = cfetch_arena_reply(task, REDIS_REPLY_INTEGER);
    if (reply != NULL) reply->integer = value;
    return reply;
}

static inline void *cfetch_arena_create_nil(const redisReadTask *task) {
    return cfetch_arena_reply(task, REDIS_REPLY_NIL);
}

static inline void cfetch_arena_free_object(void *reply) {
    (void)reply;
}

static redisReplyObjectFunctions cfetch_arena_functions = {
    cfetch_arena_create_string, cfetch_arena_create_array, cfetch_arena_create_integer, cfetch_arena_create_nil,
    cfetch_arena_free_object,
};

/* Makes `context` build its replies in an arena of its own; 0 on success, -1 when out of memory
   (the context then keeps hiredis's own functions). */
static inline int cfetch_redis_use_arena(redisContext *context) {
    cfetch_reply_arena *arena = (cfetch_reply_arena *)malloc(sizeof(cfetch_reply_arena));
    if (arena == NULL) return -1;
    arena->first = cfetch_arena_new_block(cfetch_arena_block_size);
    if (arena->first == NULL) {
        free(arena);
        return -1;
    }
    arena->current = arena->first;
    context->reader->fn = &cfetch_arena_functions;
    context->reader->privdata = arena;
    return 0;
}

/* Done with `reply`, which `context` built. */
static inline void cfetch_redis_free_reply(redisContext *context, redisReply *reply) {
    // Only an arena context has privdata (hiredis leaves it NULL).
    if (context->reader->privdata != NULL) {
        cfetch_arena_reset((cfetch_reply_arena *)context->reader->privdata);
    } else {
        freeReplyObject(reply);
    }
}

/* redisFree, and the context's arena. */
static inline void cfetch_redis_free(redisContext *context) {
    cfetch_reply_arena *arena = (cfetch_reply_arena *)context->reader->privdata;
    redisFree(context);
    cfetch_arena_free(arena);
}

/* Connects (blocking context) within `timeout`; *saved_errno gets errno when the context
   it returns has err set. NULL only when hiredis could not allocate the context. */
static inline redisContext *cfetch_redis_connect(const char *host, int port, struct timeval timeout,
                                                 int *saved_errno) {
    errno = 0;
    redisContext *context = redisConnectWithTimeout(host, port, timeout);
    *saved_errno = errno;
    return context;
}

/* Appends commands cfetch formatted itself (RESP: `*N\r\n`, then `$LEN\r\nBYTES\r\n` per argument)
   to the output buffer; nothing is sent until a reply is read. */
static inline int cfetch_redis_append_formatted(redisContext *context, const char *commands, size_t length,
                                                int *saved_errno) {
    errno = 0;
    int status = redisAppendFormattedCommand(context, commands, length);
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
