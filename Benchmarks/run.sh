#!/usr/bin/env bash
# Benchmarks/run.sh — compare cfetch's strategies with curl --parallel and wget2 on
# loopback, against a private nginx. See Benchmarks/README.md.
#
#   Benchmarks/run.sh [throughput|latency|c10k|frontier|all]      (default: all)
#   (all is throughput, latency and c10k; frontier takes 5-6 min, run it by name)
#
# Environment knobs (defaults in brackets):
#   CFETCH       cfetch binary [build: swift build -c release --static-swift-stdlib --product cfetch]
#   STRATEGIES   space-separated strategy names [`$CFETCH --list-strategies`,
#                else "blocking callback"]
#   RUNS         hyperfine runs for throughput and latency [10]
#   WARMUP       hyperfine warm-up runs for throughput and latency [2]
#   RUNS_C10K    hyperfine runs for c10k [3]
#   WARMUP_C10K  hyperfine warm-up runs for c10k [0]
#   OUT          results directory [<repo>/bench-out]
#   C10K_J       -j for cfetch's event-driven strategies in c10k [10000]
#   C10K_J_THREADS  -j for thread-per-transfer clients in c10k (cfetch blocking,
#                wget2 --max-threads) [1000]
#   WITH_H2LOAD  1 to add h2load as a reference row in latency and c10k [1]
#   HYPERFINE_IGNORE_FAILURE  1 to pass -i to hyperfine (keep timing runs that exit
#                non-zero) [0]
#   SKIP         tools to leave out, space-separated, of: cfetch curl wget2 h2load
#                (e.g. SKIP="curl" saves c10k's ~2 min of curl) []
#   KEEP_TMP     1 to keep the temp dir (lists, configs, verification outputs) [0]
#   RUNS_FRONTIER  interleaved pairs (no frontier / --per-host 2) for frontier [5]
#   FRONTIER_BIG 0 to leave out frontier's 1,000,000-line one-host run [1]
#   (frontier runs cfetch only: STRATEGIES if set, else callback)
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$BENCH_DIR/.." && pwd)
# shellcheck source-path=SCRIPTDIR
source "$BENCH_DIR/lib.sh"
TOOLS_PY="$BENCH_DIR/bench_tools.py"

usage() { sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; }

WORKLOAD=${1:-all}
case $WORKLOAD in
    throughput|latency|c10k|frontier|all) ;;
    -h|--help|help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
esac

RUNS=${RUNS:-10}
WARMUP=${WARMUP:-2}
RUNS_C10K=${RUNS_C10K:-3}
WARMUP_C10K=${WARMUP_C10K:-0}
OUT=${OUT:-$REPO_ROOT/bench-out}
C10K_J=${C10K_J:-10000}
C10K_J_THREADS=${C10K_J_THREADS:-1000}
WITH_H2LOAD=${WITH_H2LOAD:-1}
HYPERFINE_IGNORE_FAILURE=${HYPERFINE_IGNORE_FAILURE:-0}
KEEP_TMP=${KEEP_TMP:-0}
RUNS_FRONTIER=${RUNS_FRONTIER:-5}
FRONTIER_BIG=${FRONTIER_BIG:-1}
SKIP=" ${SKIP:-} "

# The workloads. Sizes are fixed so that results stay comparable between machines
# and over time; change them here, not per run.
THROUGHPUT_N=10000   # 10,000 static files of 1 KiB ...
THROUGHPUT_J=50      # ... fetched over 50 kept-alive connections
LATENCY_N=2000       # 2,000 requests held 100 ms each ...
LATENCY_J=1000       # ... 1000 at a time: ideal wall time 2 × 0.1 s = 0.2 s
C10K_N=10000         # 10,000 requests held 1 s each, all at once: ideal 1 s
FRONTIER_HOSTS=1000  # frontier: 1,000 hosts (loopback ports) ...
FRONTIER_N=100000    # ... 100,000 URLs round-robin over them ...
FRONTIER_J=500       # ... at -j 500, without and with ...
FRONTIER_PER_HOST=2  # ... --per-host 2; then one host, 100,000 and 1,000,000 lines
FRONTIER_BIG_N=1000000

# wget2's defaults would read ~/.wget2rc, write HSTS/HPKP/OCSP files into $HOME and
# retry a failed URL up to 20 times; none of that is part of "fetch this list".
# --no-robots keeps it from ever asking for /robots.txt (the verification pass
# checks that it did not).
WGET2_FLAGS=(--no-config --no-robots --no-hsts --no-hpkp --no-ocsp --tries=1 -q)

# curl 7.88 still draws its parallel progress meter with -s alone; --no-progress-meter
# turns it off (it would only cost time: hyperfine discards stderr).
CURL_FLAGS=(-s --no-progress-meter --parallel --parallel-immediate)

# ---------------------------------------------------------------------------------
# Set-up
# ---------------------------------------------------------------------------------

TMP=""
cleanup() {
    local rc=$?
    [[ -n $CHILD_PID ]] && kill_tree "$CHILD_PID"
    stop_nginx
    if [[ -n $TMP && -d $TMP ]]; then
        if [[ $KEEP_TMP == 1 ]]; then log "kept temp dir $TMP"; else rm -rf "$TMP"; fi
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
if [[ $WORKLOAD == frontier ]]; then ensure_tools frontier; else ensure_tools; fi
HF_SHELL=$(hyperfine_shell_args)

# Every open connection is a file descriptor, in the client and in nginx.
raise_nofile 65536
HARD_NOFILE=$(ulimit -Hn)
[[ $HARD_NOFILE == unlimited ]] && HARD_NOFILE=65536
# shellcheck disable=SC2034  # both read by start_nginx in lib.sh
NGINX_NOFILE=$HARD_NOFILE NGINX_CONNECTIONS=$HARD_NOFILE
if [[ $HARD_NOFILE -lt 20000 ]]; then
    warn "fd hard limit is $HARD_NOFILE (< 20000): c10k will likely fail"
fi

# The temp dir is served by nginx, whose worker drops to an unprivileged user when
# the master runs as root: make it readable for that user.
TMP=$(mktemp -d "${TMPDIR:-/tmp}/cfetch-bench.XXXXXX")
chmod 755 "$TMP"
mkdir -p "$TMP/www"

# cfetch: the given binary, or a release build of this checkout. Without one the
# benchmarks still run the other tools, so they can be checked on their own.
CFETCH_OK=0
resolve_cfetch() {
    if [[ -z ${CFETCH:-} ]]; then
        if ! command -v swift >/dev/null; then
            warn "no swift toolchain and CFETCH unset: skipping cfetch"
            return
        fi
        log "building cfetch (swift build -c release --static-swift-stdlib --product cfetch; log: $OUT/cfetch-build.log)"
        if ! (cd "$REPO_ROOT" && swift build -c release --static-swift-stdlib --product cfetch) >"$OUT/cfetch-build.log" 2>&1; then
            tail -n 15 "$OUT/cfetch-build.log" >&2 || true
            warn "cfetch did not build: skipping cfetch (the other tools still run)"
            return
        fi
        CFETCH="$(cd "$REPO_ROOT" && swift build -c release --show-bin-path)/cfetch"
    fi
    if [[ $CFETCH != */* ]]; then
        CFETCH=$(command -v "$CFETCH" || echo "$CFETCH")
    fi
    if [[ ! -x $CFETCH ]]; then
        warn "CFETCH=$CFETCH is not an executable file: skipping cfetch"
        return
    fi
    CFETCH_OK=1
}
if [[ $SKIP == *" cfetch "* ]]; then log "SKIP: not running cfetch"; else resolve_cfetch; fi

STRATEGY_LIST=()
if [[ $CFETCH_OK == 1 ]]; then
    if [[ -n ${STRATEGIES:-} ]]; then
        read -r -a STRATEGY_LIST <<<"$STRATEGIES"
    elif listed=$("$CFETCH" --list-strategies 2>/dev/null) && [[ -n $listed ]]; then
        read -r -d '' -a STRATEGY_LIST <<<"$listed" || true
    else
        warn "'$CFETCH --list-strategies' failed: using \"blocking callback\""
        STRATEGY_LIST=(blocking callback)
    fi
    for s in "${STRATEGY_LIST[@]}"; do
        [[ $s =~ ^[A-Za-z0-9_-]+$ ]] || die "odd strategy name from cfetch: '$s'"
    done
    log "cfetch: $CFETCH; strategies: ${STRATEGY_LIST[*]}"
fi

# What the numbers were measured on, next to the numbers.
write_env() {
    {
        echo "# Environment"
        echo
        echo "- date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
        echo "- git: $(cd "$REPO_ROOT" && git rev-parse --short HEAD 2>/dev/null || echo none)"
        echo "- kernel: $(uname -sr), cores: $(nproc), memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
        echo "- cfetch: $([[ $CFETCH_OK == 1 ]] && { "$CFETCH" --version 2>/dev/null | head -n2 | tr '\n' ' ' || true; } || echo 'not run')"
        echo "- strategies: ${STRATEGY_LIST[*]:-none}"
        echo "- curl: $(curl --version | head -n1)"
        echo "- wget2: $(command -v wget2 >/dev/null && wget2 --version 2>/dev/null | head -n1 || echo 'not installed')"
        echo "- h2load: $(command -v h2load >/dev/null && h2load --version 2>/dev/null | head -n1 || echo 'not installed')"
        echo "- nginx: $(nginx -v 2>&1), 1 worker, echo module $ECHO_MODULE"
        echo "- hyperfine: $(hyperfine --version 2>/dev/null || echo 'not installed')"
        echo "- ulimit -n: $(ulimit -Sn); somaxconn: $(cat /proc/sys/net/core/somaxconn 2>/dev/null || echo '?');" \
             "tcp_max_syn_backlog: $(cat /proc/sys/net/ipv4/tcp_max_syn_backlog 2>/dev/null || echo '?');" \
             "port range: $(tr '\t' - </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo '?')"
    } >"$OUT/env.md"
}
write_env

# ---------------------------------------------------------------------------------
# Tools under test. Each workload fills these arrays, verifies every entry once,
# then times the ones that passed, side by side, in one hyperfine call.
# ---------------------------------------------------------------------------------

T_NAMES=() T_KINDS=() T_JS=() T_CMDS=()

# add_tool NAME KIND J ARGV... ; KIND is cfetch, curl, wget2 or h2load.
add_tool() {
    local name=$1 kind=$2 j=$3
    shift 3
    [[ $SKIP == *" $kind "* ]] && return 0
    local cmd
    # %q quoting works for hyperfine (-N splits like a shell) and for eval below.
    cmd=$(printf '%q ' "$@")
    T_NAMES+=("$name") T_KINDS+=("$kind") T_JS+=("$j") T_CMDS+=("${cmd% }")
}

reset_tools() { T_NAMES=() T_KINDS=() T_JS=() T_CMDS=(); }

# add_clients WORK_DIR LIST N J_EVENT J_THREADS CURL_J
# cfetch per strategy (blocking gets J_THREADS, the rest J_EVENT), curl, wget2
# (thread-per-transfer: J_THREADS) and, for the delay workloads, h2load.
add_clients() {
    local w=$1 list=$2 n=$3 j_event=$4 j_threads=$5 with_h2load=$6 s j
    if [[ $CFETCH_OK == 1 ]]; then
        for s in "${STRATEGY_LIST[@]}"; do
            if [[ $s == blocking ]]; then j=$j_threads; else j=$j_event; fi
            add_tool "cfetch $s" cfetch "$j" "$CFETCH" --strategy "$s" -j "$j" --format jsonl "$list"
        done
    fi
    # curl takes one output per URL, so the URLs go in through a config file.
    awk '{ printf "url = \"%s\"\noutput = \"/dev/null\"\n", $0 }' "$list" >"$w/curl.cfg"
    add_tool "curl --parallel" curl "$j_event" curl "${CURL_FLAGS[@]}" --parallel-max "$j_event" -K "$w/curl.cfg"
    if command -v wget2 >/dev/null; then
        add_tool "wget2" wget2 "$j_threads" wget2 "${WGET2_FLAGS[@]}" --max-threads="$j_threads" -i "$list" -O /dev/null
    fi
    if [[ $with_h2load == 1 && $WITH_H2LOAD == 1 ]] && command -v h2load >/dev/null; then
        # A load generator, not a fetcher: c clients each send n/c requests, cycling
        # through the list from its start (so URIs repeat). A floor for the server.
        add_tool "h2load (reference)" h2load "$j_event" h2load --h1 -n "$n" -c "$j_event" -i "$list"
    fi
}

# verify_tools WORKLOAD WORK_DIR N : run every tool once against a logging nginx and
# check that it did exactly N successful GETs. Fills PASSED (indexes into T_*).
PASSED=()
verify_tools() {
    local workload=$1 w=$2 n=$3 i name kind rc detail ok slug drops
    local -a timev=()
    [[ -x /usr/bin/time ]] && timev=(/usr/bin/time -v -o)
    PASSED=()
    : >"$OUT/$workload-verify.txt"
    log "$workload: verification pass (one run per tool, access log on)"
    stop_nginx
    start_nginx "$TMP" on
    for i in "${!T_NAMES[@]}"; do
        name=${T_NAMES[$i]} kind=${T_KINDS[$i]}
        slug=${name//[^A-Za-z0-9]/_}
        : >"$TMP/access.log"
        drops=$(listen_drops)
        rc=0
        if [[ ${#timev[@]} -gt 0 ]]; then
            run_child eval "${timev[*]} \"\$w/time-$slug.txt\" ${T_CMDS[$i]}" \
                >"$w/out-$slug.txt" 2>"$w/err-$slug.txt" </dev/null || rc=$?
        else
            run_child eval "${T_CMDS[$i]}" >"$w/out-$slug.txt" 2>"$w/err-$slug.txt" </dev/null || rc=$?
        fi
        ok=1
        detail="exit $rc"
        drops=$(( $(listen_drops) - drops ))
        [[ $drops == 0 ]] || detail+="; $drops SYNs dropped at a full listen queue"
        [[ $rc == 0 ]] || ok=0
        if [[ $kind == h2load ]]; then
            # h2load repeats URIs by design: check counts, not distinctness.
            detail+="; $(python3 "$TOOLS_PY" count-log "$TMP/access.log" "$n")" || ok=0
            detail+="; $(python3 "$TOOLS_PY" h2load-check "$w/out-$slug.txt" "$n")" || ok=0
        else
            detail+="; $(python3 "$TOOLS_PY" count-log "$TMP/access.log" "$n" --distinct)" || ok=0
        fi
        if [[ $kind == cfetch ]]; then
            detail+="; jsonl: $(python3 "$TOOLS_PY" check-jsonl "$w/out-$slug.txt" "$n")" || ok=0
        fi
        if [[ $ok == 1 ]]; then
            PASSED+=("$i")
            printf 'PASS  %-22s %s\n' "$name" "$detail" | tee -a "$OUT/$workload-verify.txt"
        else
            printf 'FAIL  %-22s %s\n' "$name" "$detail" | tee -a "$OUT/$workload-verify.txt"
            head -n 5 "$w/err-$slug.txt" | cut -c1-200 | sed 's/^/      stderr: /' >&2 || true
        fi
    done
    stop_nginx
}

# time_tools WORKLOAD RUNS WARMUP : hyperfine over the tools that passed, against a
# non-logging nginx, then the resources table.
time_tools() {
    local workload=$1 runs=$2 warmup=$3 i
    local -a args=() rows=()
    local md="$OUT/$workload.md" json="$OUT/$workload.json" res="$OUT/$workload-resources.md"
    rm -f "$md" "$json" "$res"
    if [[ ${#PASSED[@]} -eq 0 ]]; then
        warn "$workload: no tool passed verification: nothing to time"
        return 0
    fi
    for i in "${PASSED[@]}"; do
        args+=(-n "${T_NAMES[$i]}" "${T_CMDS[$i]}")
        rows+=("${T_NAMES[$i]}=${T_JS[$i]}=$W/time-${T_NAMES[$i]//[^A-Za-z0-9]/_}.txt")
    done
    [[ $HYPERFINE_IGNORE_FAILURE == 1 ]] && args=(-i "${args[@]}")
    log "$workload: timing (hyperfine, $warmup warm-up + $runs runs, access log off)"
    start_nginx "$TMP" off
    # shellcheck disable=SC2086  # HF_SHELL is "-N" or empty
    if ! run_child hyperfine $HF_SHELL --warmup "$warmup" --runs "$runs" \
            --export-markdown "$md" --export-json "$json" "${args[@]}"; then
        warn "$workload: hyperfine stopped (a run exited non-zero?); HYPERFINE_IGNORE_FAILURE=1 times such runs anyway"
        rm -f "$md" "$json"
    fi
    stop_nginx
    python3 "$TOOLS_PY" resources "$workload" "$json" "${rows[@]}" >"$res"
}

# Lists hold absolute http://127.0.0.1:PORT/... URLs, so the port is fixed for the
# whole script: pick it with a first start of nginx.
start_nginx "$TMP" off
stop_nginx
BASE="http://127.0.0.1:$NGINX_PORT"
log "private nginx: $BASE (config and logs in $TMP)"

# ---------------------------------------------------------------------------------
# Workloads
# ---------------------------------------------------------------------------------

# throughput: many small files over a few connections — per-request overhead.
run_throughput() {
    W="$TMP/throughput"
    mkdir -p "$W"
    log "throughput: $THROUGHPUT_N files of 1 KiB, -j $THROUGHPUT_J"
    python3 - "$TMP/www" "$THROUGHPUT_N" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
body = os.urandom(1024)
for i in range(n):
    with open(os.path.join(root, f"f{i:05d}.bin"), "wb") as f:
        f.write(body)
PY
    chmod -R a+rX "$TMP/www"
    local i
    for ((i = 0; i < THROUGHPUT_N; i++)); do printf '%s/f%05d.bin\n' "$BASE" "$i"; done >"$W/list.txt"
    reset_tools
    add_clients "$W" "$W/list.txt" "$THROUGHPUT_N" "$THROUGHPUT_J" "$THROUGHPUT_J" 0
    verify_tools throughput "$W" "$THROUGHPUT_N"
    time_tools throughput "$RUNS" "$WARMUP"
}

# latency: requests that wait on the server — how many can be in flight at once.
run_latency() {
    W="$TMP/latency"
    mkdir -p "$W"
    log "latency: $LATENCY_N requests held 100 ms, -j $LATENCY_J (ideal: 0.2 s)"
    local i
    for ((i = 0; i < LATENCY_N; i++)); do printf '%s/delay/100?i=%d\n' "$BASE" "$i"; done >"$W/list.txt"
    reset_tools
    add_clients "$W" "$W/list.txt" "$LATENCY_N" "$LATENCY_J" "$LATENCY_J" 1
    verify_tools latency "$W" "$LATENCY_N"
    time_tools latency "$RUNS" "$WARMUP"
}

# c10k: 10,000 connections open at once, each held 1 s — memory and CPU per
# connection, and whether the client can hold them at all.
run_c10k() {
    W="$TMP/c10k"
    mkdir -p "$W"
    log "c10k: $C10K_N requests held 1 s, -j $C10K_J (threads: -j $C10K_J_THREADS) (ideal: 1 s)"
    local i
    for ((i = 0; i < C10K_N; i++)); do printf '%s/delay/1000?i=%d\n' "$BASE" "$i"; done >"$W/list.txt"
    reset_tools
    add_clients "$W" "$W/list.txt" "$C10K_N" "$C10K_J" "$C10K_J_THREADS" 1
    verify_tools c10k "$W" "$C10K_N"
    time_tools c10k "$RUNS_C10K" "$WARMUP_C10K"
}

# frontier: the host-aware frontier's cost. cfetch only, timed with GNU time per
# run (hyperfine cannot interleave two commands, and the machine is too noisy to
# compare rows timed minutes apart).
FRONTIER_PORTS=()

# frontier_nginx_start: nginx on FRONTIER_PORTS (listen.conf), access log off.
frontier_nginx_start() {
    local saved=$NGINX_PORT
    NGINX_PORT=${FRONTIER_PORTS[0]}   # the port start_nginx probes
    start_nginx "$TMP" off "$BENCH_DIR/nginx-frontier.conf.template"
    NGINX_PORT=$saved
}

# frontier_run LIST_ID LIST N STRATEGY ROW RUN ARGS... : one cfetch run under GNU
# time, checked (exit 0, N lines, N ok records); one line in frontier-runs.tsv and
# frontier-verify.txt. RUN 0 is the warm-up, logged but not counted.
frontier_run() {
    local id=$1 list=$2 n=$3 s=$4 row=$5 run=$6
    shift 6
    local w="$TMP/frontier" rc=0 verdict=ok detail lines drops times wall="" user="" sys="" rss=""
    drops=$(listen_drops)
    run_child /usr/bin/time -f '%e %U %S %M' -o "$w/time.txt" \
        "$CFETCH" --strategy "$s" "$@" --format jsonl "$list" \
        >"$w/out.jsonl" 2>"$w/err.txt" </dev/null || rc=$?
    drops=$(( $(listen_drops) - drops ))
    lines=$(wc -l <"$w/out.jsonl")
    detail="exit $rc; $lines/$n lines"
    [[ $rc == 0 && $lines == "$n" ]] || verdict=fail
    if [[ $verdict == ok ]]; then
        detail+="; $(python3 "$TOOLS_PY" check-jsonl "$w/out.jsonl" "$n" --connects)" || verdict=fail
    fi
    [[ $drops == 0 ]] || detail+="; $drops SYNs dropped at a full listen queue"
    # GNU time writes "Command exited with non-zero status N" first when it fails.
    times=$(tail -n 1 "$w/time.txt")
    if [[ $times =~ ^([0-9.]+)\ ([0-9.]+)\ ([0-9.]+)\ ([0-9]+)$ ]]; then
        wall=${BASH_REMATCH[1]} user=${BASH_REMATCH[2]} sys=${BASH_REMATCH[3]} rss=${BASH_REMATCH[4]}
    else
        verdict=fail detail+="; no GNU time figures"
    fi
    [[ $run == 0 ]] && verdict="warm-up-$verdict"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
        "$id" "$n" "$s" "$row" "$run" "$verdict" "$wall" "$user" "$sys" "$rss" >>"$OUT/frontier-runs.tsv"
    printf '%-10s %s %-9s %-10s %-7s run %s: wall %ss, cpu %s+%ss, rss %s KiB; %s\n' \
        "${verdict^^}" "$id" "$n" "$s" "$row" "$run" "${wall:-?}" "${user:-?}" "${sys:-?}" "${rss:-?}" \
        "$detail" | tee -a "$OUT/frontier-verify.txt"
    if [[ $verdict == *fail ]]; then
        head -n 5 "$w/err.txt" | cut -c1-200 | sed 's/^/      stderr: /' >&2 || true
    fi
    rm -f "$w/out.jsonl"
}

run_frontier() {
    local w="$TMP/frontier" s r port
    local -a strategies=(callback) per_host=(--per-host "$FRONTIER_PER_HOST")
    mkdir -p "$w"
    [[ $CFETCH_OK == 1 ]] || { warn "frontier: no cfetch to measure"; return 0; }
    [[ -n ${STRATEGIES:-} ]] && strategies=("${STRATEGY_LIST[@]}")
    rm -f "$OUT/frontier.md" "$OUT/frontier-runs.tsv" "$OUT/frontier-verify.txt"
    printf 'list\tlines\tstrategy\trow\trun\tverdict\twall_s\tuser_s\tsys_s\tmax_rss_kib\n' \
        >"$OUT/frontier-runs.tsv"
    log "frontier: $FRONTIER_N URLs over $FRONTIER_HOSTS hosts (ports), -j $FRONTIER_J" \
        "without and with --per-host $FRONTIER_PER_HOST; $RUNS_FRONTIER pairs; strategies: ${strategies[*]}"
    head -c 1024 /dev/urandom >"$TMP/www/frontier.bin"
    chmod -R a+rX "$TMP/www"
    mapfile -t FRONTIER_PORTS < <(python3 "$TOOLS_PY" free-ports "$FRONTIER_HOSTS")
    [[ ${#FRONTIER_PORTS[@]} == "$FRONTIER_HOSTS" ]] || die "frontier: could not pick $FRONTIER_HOSTS ports"
    for port in "${FRONTIER_PORTS[@]}"; do
        printf 'listen 127.0.0.1:%s backlog=4096;\n' "$port"
    done >"$TMP/listen.conf"
    # A: URL i on host i mod 1000; B: every URL on the first host. Distinct URLs
    # (?i=N), so a record is one line of the list.
    printf '%s\n' "${FRONTIER_PORTS[@]}" | awk -v n="$FRONTIER_N" '
        { port[NR - 1] = $1; hosts = NR }
        END { for (i = 0; i < n; i++) printf "http://127.0.0.1:%s/frontier.bin?i=%d\n", port[i % hosts], i }' \
        >"$w/spread.txt"
    awk -v n="$FRONTIER_N" -v p="${FRONTIER_PORTS[0]}" \
        'BEGIN { for (i = 0; i < n; i++) printf "http://127.0.0.1:%s/frontier.bin?i=%d\n", p, i }' >"$w/one-host.txt"
    frontier_nginx_start
    for s in "${strategies[@]}"; do
        # One warm-up pair (page cache, nginx's open-file cache), logged as such.
        for ((r = 0; r <= RUNS_FRONTIER; r++)); do
            frontier_run A "$w/spread.txt" "$FRONTIER_N" "$s" without "$r" -j "$FRONTIER_J"
            frontier_run A "$w/spread.txt" "$FRONTIER_N" "$s" with "$r" -j "$FRONTIER_J" "${per_host[@]}"
        done
    done
    for s in "${strategies[@]}"; do
        frontier_run B "$w/one-host.txt" "$FRONTIER_N" "$s" with 1 -j "$FRONTIER_J" "${per_host[@]}"
        if [[ $FRONTIER_BIG == 1 ]]; then
            [[ -f $w/one-host-big.txt ]] || awk -v n="$FRONTIER_BIG_N" -v p="${FRONTIER_PORTS[0]}" \
                'BEGIN { for (i = 0; i < n; i++) printf "http://127.0.0.1:%s/frontier.bin?i=%d\n", p, i }' \
                >"$w/one-host-big.txt"
            log "frontier: $FRONTIER_BIG_N lines of one host at --per-host $FRONTIER_PER_HOST ($s; about a minute)"
            frontier_run B "$w/one-host-big.txt" "$FRONTIER_BIG_N" "$s" with 1 -j "$FRONTIER_J" "${per_host[@]}"
        fi
    done
    stop_nginx
    python3 "$TOOLS_PY" frontier-table "$OUT/frontier-runs.tsv" "$FRONTIER_N" >"$OUT/frontier.md"
}

case $WORKLOAD in
    throughput) run_throughput ;;
    latency) run_latency ;;
    c10k) run_c10k ;;
    frontier) run_frontier ;;
    all) run_throughput; run_latency; run_c10k ;;
esac

# ---------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------

echo
log "results in $OUT"
for wl in throughput latency c10k frontier; do
    [[ ($WORKLOAD == all && $wl != frontier) || $WORKLOAD == "$wl" ]] || continue
    for f in "$OUT/$wl-verify.txt" "$OUT/$wl.md" "$OUT/$wl-resources.md"; do
        [[ -f $f ]] || continue
        echo
        echo "---- $f"
        cat "$f"
    done
done
echo
echo "---- $OUT/env.md"
cat "$OUT/env.md"
