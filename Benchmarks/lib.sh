# Helpers for Benchmarks/run.sh (sourced, not run). Bash only.
# shellcheck shell=bash

log()  { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
warn() { printf '\033[33mwarning:\033[0m %s\n' "$*" >&2; }
die()  { printf '\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------------------------
# Tools. The scripts run on fresh machines, so they install what they need.
# ---------------------------------------------------------------------------------

APT_UPDATED=0
apt_install() {
    local pkgs=("$@")
    command -v apt-get >/dev/null || { warn "no apt-get; install ${pkgs[*]} by hand"; return 1; }
    local sudo=()
    [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    if [[ $APT_UPDATED -eq 0 ]]; then
        "${sudo[@]}" apt-get update -qq >&2 || true
        APT_UPDATED=1
    fi
    local aptlog rc=0
    aptlog=$(mktemp)
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
        "${pkgs[@]}" >"$aptlog" 2>&1 || rc=$?
    [[ $rc == 0 ]] || { tail -n 20 "$aptlog" >&2; warn "apt-get install ${pkgs[*]} failed"; }
    rm -f "$aptlog"
    return "$rc"
}

# need CMD PACKAGE: make sure CMD exists, installing the Debian PACKAGE if not.
need() {
    local cmd=$1 pkg=$2
    command -v "$cmd" >/dev/null && return 0
    log "installing $pkg (for $cmd)"
    apt_install "$pkg" || true
    command -v "$cmd" >/dev/null
}

# The echo module (echo_sleep) is a dynamic module in Debian: find its .so.
find_echo_module() {
    local f
    for f in /usr/lib/nginx/modules/ngx_http_echo_module.so \
             /usr/lib64/nginx/modules/ngx_http_echo_module.so \
             /usr/share/nginx/modules/ngx_http_echo_module.so; do
        [[ -f $f ]] && { echo "$f"; return 0; }
    done
    f=$(find /usr/lib /usr/lib64 /usr/share/nginx -name 'ngx_http_echo_module.so' 2>/dev/null | head -n1)
    [[ -n $f ]] && { echo "$f"; return 0; }
    return 1
}

# ensure_tools [frontier] : with "frontier" (a cfetch-only workload, timed with GNU
# time), only what that workload needs. interleave.py needs python3 >= 3.9 (pidfd).
ensure_tools() {
    local only_frontier=0
    [[ ${1:-} == frontier ]] && only_frontier=1
    need python3 python3 || die "python3 is required (the harness, port picking, result checks)"
    python3 -c 'import os, sys; sys.exit(not hasattr(os, "pidfd_open"))' ||
        die "python3 >= 3.9 is required (os.pidfd_open)"
    need curl curl || die "curl is required"
    need nginx nginx-light || need nginx nginx || die "nginx is required"
    if ! find_echo_module >/dev/null; then
        log "installing libnginx-mod-http-echo (for echo_sleep)"
        apt_install libnginx-mod-http-echo || true
    fi
    ECHO_MODULE=$(find_echo_module) || die "nginx echo module (libnginx-mod-http-echo) not found"
    # GNU time for peak RSS; /usr/bin/time, not the shell keyword.
    [[ -x /usr/bin/time ]] || apt_install time || true
    [[ -x /usr/bin/time ]] || die "/usr/bin/time (GNU time) is required (peak RSS)"
    [[ $only_frontier == 0 ]] || return 0
    need openssl openssl || die "openssl is required (the H2 workload's certificate)"
    need wget2 wget2 || warn "wget2 not available: W1 has no reference row"
    need h2load nghttp2-client || warn "h2load not available: W2 has no reference, W4 no server check"
}

# Soft fd limit up to the hard one (and the hard one up when we are root): every
# open connection is an fd, in the client and in the server.
raise_nofile() {
    local want=$1 hard
    hard=$(ulimit -Hn)
    if [[ $hard != unlimited && $hard -lt $want && $(id -u) -eq 0 ]]; then
        ulimit -Hn "$want" 2>/dev/null || true
        hard=$(ulimit -Hn)
    fi
    ulimit -Sn "$hard" 2>/dev/null || true
    log "ulimit -n: $(ulimit -Sn) (hard $(ulimit -Hn))"
}

# ---------------------------------------------------------------------------------
# The private nginx.
# ---------------------------------------------------------------------------------

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

NGINX_PID=""
NGINX_PORT=""   # picked on the first start, then kept: the URL lists name it

# start_nginx DIR ACCESS_LOG [TEMPLATE] ; ACCESS_LOG is "on" (bench log in
# DIR/access.log) or "off". DIR must hold www/ (the document root). TEMPLATE is
# nginx.conf.template unless given. Sets NGINX_PID (and NGINX_PORT).
start_nginx() {
    local dir=$1 mode=$2 template=${3:-$BENCH_DIR/nginx.conf.template}
    local conf="$1/nginx.conf" access attempt fixed=0
    if [[ $mode == on ]]; then access="$dir/access.log bench"; else access="off"; fi
    [[ -n $NGINX_PORT ]] && fixed=1
    mkdir -p "$dir/tmp"
    for attempt in 1 2 3 4 5; do
        [[ $fixed == 1 ]] || NGINX_PORT=$(free_port)
        sed -e "s|@LOAD_MODULES@|load_module $ECHO_MODULE;|" \
            -e "s|@DIR@|$dir|g" \
            -e "s|@PORT@|$NGINX_PORT|g" \
            -e "s|@NOFILE@|$NGINX_NOFILE|g" \
            -e "s|@CONNECTIONS@|$NGINX_CONNECTIONS|g" \
            -e "s|@ACCESS_LOG@|$access|g" \
            "$template" >"$conf"
        # -p: prefix for relative paths; -e: the error log nginx uses before it has
        # read the config (its compiled default would be outside the temp dir).
        nginx -p "$dir" -e "$dir/error.log" -c "$conf" &
        NGINX_PID=$!
        if wait_for_port "$NGINX_PORT" "$NGINX_PID"; then
            : >"$dir/access.log"   # forget the readiness probes
            return 0
        fi
        warn "nginx did not come up on port $NGINX_PORT (attempt $attempt):"
        tail -n 5 "$dir/error.log" >&2 || true
        stop_nginx
        sleep 1
    done
    die "could not start the private nginx"
}

wait_for_port() {
    local port=$1 pid=$2
    for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || return 1
        if curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$port/ready"; then
            return 0
        fi
        sleep 0.05
    done
    return 1
}

stop_nginx() {
    [[ -n $NGINX_PID ]] || return 0
    local workers
    workers=$(pgrep -P "$NGINX_PID" 2>/dev/null || true)
    if kill -0 "$NGINX_PID" 2>/dev/null; then
        kill -TERM "$NGINX_PID" 2>/dev/null || true   # fast shutdown: master + worker
        for _ in $(seq 1 50); do
            kill -0 "$NGINX_PID" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$NGINX_PID" 2>/dev/null; then kill -KILL "$NGINX_PID" 2>/dev/null || true; fi
    fi
    wait "$NGINX_PID" 2>/dev/null || true
    # A worker outlives a master that had to be killed: end those too (by pid).
    local w
    for w in $workers; do kill -KILL "$w" 2>/dev/null || true; done
    NGINX_PID=""
}

# The kernel's count of connection attempts dropped at a full listen queue
# (TcpExt ListenDrops): a client that opens 1000s of connections at once pays a
# 1 s SYN retransmit for each drop, and that shows up as wall time.
listen_drops() {
    awk '$1 == "TcpExt:" { if (!n) { for (i = 2; i <= NF; i++) k[i] = $i; n = 1 }
                           else { for (i = 2; i <= NF; i++) if (k[i] == "ListenDrops") print $i } }' \
        /proc/net/netstat 2>/dev/null || echo 0
}

# Long runs (c10k's curl row takes 34 s a run) go through run_child, so that a
# signal reaches our trap at once instead of after the child is done: bash runs a
# trap only between commands, but a `wait` is cut short by it.
CHILD_PID=""
run_child() {
    local rc=0
    "$@" &
    CHILD_PID=$!
    wait "$CHILD_PID" || rc=$?
    CHILD_PID=""
    return "$rc"
}

# kill_tree PID: the process and its descendants, children first, by pid.
kill_tree() {
    local child
    for child in $(pgrep -P "$1" 2>/dev/null); do kill_tree "$child"; done
    kill -TERM "$1" 2>/dev/null || true
}
