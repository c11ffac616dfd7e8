#!/usr/bin/env bash
# Benchmarks/run.sh — issue 11's targets: cfetch's event strategies next to wget2,
# curl --parallel and h2load, every tool interleaved in one run, against a private
# nginx on loopback. See Benchmarks/README.md.
#
#   Benchmarks/run.sh [WORKLOAD...]         (default: all)
#   WORKLOAD: w1 w2 w3 w4 h2 startup (all = these six, 5-10 min), frontier (5-6 min,
#   cfetch alone, not part of all) or queue (3-5 min, cfetch alone through a private
#   redis-server, not part of all). throughput, latency and c10k are w1, w2 and w4.
#
# Environment knobs (defaults in brackets):
#   CFETCH       cfetch binary [build: swift build -c release --static-swift-stdlib --product cfetch]
#   CFETCH_BASE  a second cfetch binary (a "before" build), run as its own rows ["base …"] []
#   STRATEGIES   space-separated strategy names [the binary's event strategies:
#                callback future green structured]
#   CFETCH_ARGS  extra arguments for every cfetch run, split like a shell (e.g.
#                "--loops 2"; run.sh prints which of --loops, --poller, --h2-streams
#                the binary has) []
#   CFETCH_BASE_ARGS  the same for CFETCH_BASE [CFETCH_ARGS]
#   ROUNDS       timed rounds per workload, every tool once a round [7]
#   WARMUP       uncounted rounds before them [1]
#   STARTUP_ROUNDS  rounds for startup, whose runs take milliseconds [21]
#   RUN_TIMEOUT  seconds before one run is killed and counted as failed [120]
#   OUT          results directory [<repo>/bench-out]
#   KEEP_TMP     1 to keep the temp dir (lists, configs, outputs of the verification) [0]
#   RUNS_FRONTIER  interleaved pairs (no frontier / --per-host 2) for frontier [5]
#   FRONTIER_BIG 0 to leave out frontier's 1,000,000-line one-host run [1]
#   (frontier runs cfetch only: STRATEGIES if set, else callback)
#   QUEUE_N      queue: URLs in the list [100000]
#   ROUNDS_QUEUE queue: timed rounds of its three rows (plain, 1 worker, 2 workers) [7]
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$BENCH_DIR/.." && pwd)
# shellcheck source-path=SCRIPTDIR
source "$BENCH_DIR/lib.sh"
TOOLS_PY="$BENCH_DIR/bench_tools.py"
STARTED=$SECONDS

usage() { sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'; }

[[ $# -gt 0 ]] || set -- all
INTERLEAVED=() FRONTIER=0 QUEUE=0
for arg in "$@"; do
    case $arg in
        w1|throughput) INTERLEAVED+=(w1) ;;
        w2|latency) INTERLEAVED+=(w2) ;;
        w4|c10k) INTERLEAVED+=(w4) ;;
        w3|h2|startup) INTERLEAVED+=("$arg") ;;
        all) INTERLEAVED+=(w1 w2 w3 w4 h2 startup) ;;
        frontier) FRONTIER=1 ;;
        queue) QUEUE=1 ;;
        -h|--help|help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done

OUT=${OUT:-$REPO_ROOT/bench-out}
KEEP_TMP=${KEEP_TMP:-0}
RUNS_FRONTIER=${RUNS_FRONTIER:-5}
FRONTIER_BIG=${FRONTIER_BIG:-1}
FRONTIER_HOSTS=1000  # frontier: 1,000 hosts (loopback ports) ...
FRONTIER_N=100000    # ... 100,000 URLs round-robin over them ...
FRONTIER_J=500       # ... at -j 500, without and with ...
FRONTIER_PER_HOST=2  # ... --per-host 2; then one host, 100,000 and 1,000,000 lines
FRONTIER_BIG_N=1000000

# ---------------------------------------------------------------------------------
# Set-up
# ---------------------------------------------------------------------------------

TMP=""
cleanup() {
    local rc=$?
    if [[ -n $CHILD_PID ]]; then
        # interleave.py stops its own tool and nginx on SIGTERM: give it a moment
        # before ending what is left (frontier's cfetch has no children to wait for).
        kill -TERM "$CHILD_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$CHILD_PID" 2>/dev/null || break; sleep 0.1; done
        kill_tree "$CHILD_PID"
    fi
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
[[ ${#INTERLEAVED[@]} -eq 0 ]] || ensure_tools
[[ $FRONTIER == 0 && $QUEUE == 0 ]] || ensure_tools frontier
if [[ $QUEUE == 1 ]]; then
    need redis-server redis-server || die "queue: redis-server is required"
fi

# Every open connection is a file descriptor, in the client and in nginx.
raise_nofile 65536
HARD_NOFILE=$(ulimit -Hn)
[[ $HARD_NOFILE == unlimited ]] && HARD_NOFILE=65536
# shellcheck disable=SC2034  # both read by start_nginx in lib.sh
NGINX_NOFILE=$HARD_NOFILE NGINX_CONNECTIONS=$HARD_NOFILE
if [[ $HARD_NOFILE -lt 12000 ]]; then
    warn "fd hard limit is $HARD_NOFILE (< 12000): w4 (C10k) will likely fail"
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
    CFETCH=$(cd "$(dirname "$CFETCH")" && pwd)/$(basename "$CFETCH")
    CFETCH_OK=1
}
resolve_cfetch
if [[ -n ${CFETCH_BASE:-} && ! -x $CFETCH_BASE ]]; then
    die "CFETCH_BASE=$CFETCH_BASE is not an executable file"
fi

STRATEGY_LIST=()
[[ -n ${STRATEGIES:-} ]] && read -r -a STRATEGY_LIST <<<"$STRATEGIES"
for s in "${STRATEGY_LIST[@]}"; do
    [[ $s =~ ^[A-Za-z0-9_-]+$ ]] || die "odd strategy name: '$s'"
done

# ---------------------------------------------------------------------------------
# w1 w2 w3 w4 h2 startup: interleave.py runs its own nginx and every tool.
# ---------------------------------------------------------------------------------

run_interleaved() {
    local -a args=(--tmp "$TMP" --out "$OUT" --echo-module "$ECHO_MODULE")
    [[ $CFETCH_OK == 1 ]] && args+=(--cfetch "$CFETCH")
    [[ -n ${CFETCH_BASE:-} ]] && args+=(--cfetch-base "$CFETCH_BASE")
    log "workloads ${INTERLEAVED[*]}: ROUNDS=${ROUNDS:-7} WARMUP=${WARMUP:-1}, interleaved (Benchmarks/interleave.py)"
    run_child python3 "$BENCH_DIR/interleave.py" "${args[@]}" "${INTERLEAVED[@]}"
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

# queue: 100,000 URLs through a private redis-server (cfetch enqueue, then one or two
# cfetch fetch --queue workers) next to one plain cfetch on the same list, interleaved
# (Benchmarks/queue_bench.py times, checks and tabulates).
run_queue() {
    [[ $CFETCH_OK == 1 ]] || { warn "queue: no cfetch to measure"; return 0; }
    head -c 1024 /dev/urandom >"$TMP/www/queue.bin"
    chmod -R a+rX "$TMP/www"
    # frontier's nginx (one worker, a static root), here on one port.
    FRONTIER_PORTS=("$(free_port)")
    printf 'listen 127.0.0.1:%s backlog=4096;\n' "${FRONTIER_PORTS[0]}" >"$TMP/listen.conf"
    frontier_nginx_start
    NGINX_PORT=${FRONTIER_PORTS[0]}
    log "queue: ${QUEUE_N:-100000} URLs, plain cfetch -j 50 vs 1 worker -j 50 vs 2 workers -j 25," \
        "${ROUNDS_QUEUE:-7} rounds after 1 warm-up"
    run_child python3 "$BENCH_DIR/queue_bench.py" --cfetch "$CFETCH" \
        --base-url "http://127.0.0.1:$NGINX_PORT/queue.bin" --n "${QUEUE_N:-100000}" \
        --tmp "$TMP" --out "$OUT" --rounds "${ROUNDS_QUEUE:-7}" --warmup 1
    stop_nginx
}

[[ ${#INTERLEAVED[@]} -gt 0 ]] && run_interleaved
[[ $QUEUE == 1 ]] && run_queue
if [[ $FRONTIER == 1 ]]; then
    run_frontier
    echo
    for f in "$OUT/frontier-verify.txt" "$OUT/frontier.md"; do
        [[ -f $f ]] || continue
        echo "---- $f"
        cat "$f"
        echo
    done
fi
log "run.sh took $(( (SECONDS - STARTED) / 60 )) min $(( (SECONDS - STARTED) % 60 )) s; results in $OUT"
