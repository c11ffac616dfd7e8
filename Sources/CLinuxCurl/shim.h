#ifndef CLINUXCURL_SHIM_H
#define CLINUXCURL_SHIM_H

// curl's setopt/getinfo calls are variadic, which Swift cannot call. Each wrapper
// below fixes one argument type, so Swift sees an ordinary typed C function.

#include <curl/curl.h>
#include <errno.h>
#include <sys/socket.h>

typedef size_t (*cfetch_write_callback)(char *ptr, size_t size, size_t nmemb, void *userdata);
typedef int (*cfetch_socket_callback)(CURL *easy, curl_socket_t s, int what, void *userp, void *socketp);
typedef int (*cfetch_timer_callback)(CURLM *multi, long timeout_ms, void *userp);
typedef curl_socket_t (*cfetch_opensocket_callback)(void *clientp, curlsocktype purpose,
                                                    struct curl_sockaddr *address);
typedef int (*cfetch_closesocket_callback)(void *clientp, curl_socket_t item);
typedef int (*cfetch_xferinfo_callback)(void *clientp, curl_off_t dltotal, curl_off_t dlnow,
                                        curl_off_t ultotal, curl_off_t ulnow);

static inline CURLcode cfetch_easy_setopt_long(CURL *h, CURLoption o, long v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode cfetch_easy_setopt_off_t(CURL *h, CURLoption o, curl_off_t v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode cfetch_easy_setopt_string(CURL *h, CURLoption o, const char *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode cfetch_easy_setopt_pointer(CURL *h, CURLoption o, void *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode cfetch_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode cfetch_easy_setopt_write_callback(CURL *h, CURLoption o, cfetch_write_callback v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode cfetch_easy_setopt_opensocket_callback(CURL *h, CURLoption o, cfetch_opensocket_callback v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode cfetch_easy_setopt_closesocket_callback(CURL *h, CURLoption o, cfetch_closesocket_callback v) {
    return curl_easy_setopt(h, o, v);
}
static inline CURLcode cfetch_easy_setopt_xferinfo_callback(CURL *h, CURLoption o, cfetch_xferinfo_callback v) {
    return curl_easy_setopt(h, o, v);
}

/* A connection's socket, opened as curl would open it (and close-on-exec); when the system
   refuses one, its errno is kept in *clientp (an int). curl reports a refused socket() as a
   failed connect without the errno, and cfetch must tell "no descriptor free" from "the
   server is down". */
static inline curl_socket_t cfetch_open_socket_keeping_errno(void *clientp, curlsocktype purpose,
                                                             struct curl_sockaddr *address) {
    (void)purpose;
    curl_socket_t fd = socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
    if (fd == CURL_SOCKET_BAD && clientp) *(int *)clientp = errno;
    return fd;
}

static inline CURLMcode cfetch_multi_setopt_long(CURLM *m, CURLMoption o, long v) {
    return curl_multi_setopt(m, o, v);
}
static inline CURLMcode cfetch_multi_setopt_pointer(CURLM *m, CURLMoption o, void *v) {
    return curl_multi_setopt(m, o, v);
}
static inline CURLMcode cfetch_multi_setopt_socket_callback(CURLM *m, CURLMoption o, cfetch_socket_callback v) {
    return curl_multi_setopt(m, o, v);
}
static inline CURLMcode cfetch_multi_setopt_timer_callback(CURLM *m, CURLMoption o, cfetch_timer_callback v) {
    return curl_multi_setopt(m, o, v);
}

static inline CURLcode cfetch_easy_getinfo_long(CURL *h, CURLINFO i, long *v) {
    return curl_easy_getinfo(h, i, v);
}
static inline CURLcode cfetch_easy_getinfo_off_t(CURL *h, CURLINFO i, curl_off_t *v) {
    return curl_easy_getinfo(h, i, v);
}
static inline CURLcode cfetch_easy_getinfo_string(CURL *h, CURLINFO i, char **v) {
    return curl_easy_getinfo(h, i, v);
}
static inline CURLcode cfetch_easy_getinfo_pointer(CURL *h, CURLINFO i, void **v) {
    return curl_easy_getinfo(h, i, v);
}

// The cookie store every transfer of a run shares (curl's share interface).
static inline CURLSHcode cfetch_share_setopt_long(CURLSH *s, CURLSHoption o, long v) {
    return curl_share_setopt(s, o, v);
}
static inline CURLSHcode cfetch_share_setopt_pointer(CURLSH *s, CURLSHoption o, void *v) {
    return curl_share_setopt(s, o, v);
}
static inline CURLSHcode cfetch_share_setopt_lock(CURLSH *s, curl_lock_function f) {
    return curl_share_setopt(s, CURLSHOPT_LOCKFUNC, f);
}
static inline CURLSHcode cfetch_share_setopt_unlock(CURLSH *s, curl_unlock_function f) {
    return curl_share_setopt(s, CURLSHOPT_UNLOCKFUNC, f);
}
static inline CURLcode cfetch_easy_setopt_share(CURL *h, CURLSH *s) {
    return curl_easy_setopt(h, CURLOPT_SHARE, s);
}
static inline CURLcode cfetch_easy_getinfo_slist(CURL *h, CURLINFO i, struct curl_slist **v) {
    return curl_easy_getinfo(h, i, v);
}

// CURLMsg keeps its result in a union; Swift imports unions awkwardly.
static inline CURLcode cfetch_msg_result(const CURLMsg *m) { return m->data.result; }

#endif
