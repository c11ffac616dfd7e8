#!/usr/bin/env python3
"""Issue 11's workloads, every tool interleaved in one run (stdlib only).

  interleave.py --tmp DIR --out DIR --echo-module SO [--cfetch BIN] [--cfetch-base BIN]
                WORKLOAD...          (w1 w2 w3 w4 h2 startup)

run.sh calls it after installing the tools and raising the fd limit. It runs its own
nginx (nginx.conf.template: one worker, a plain port and an https port with http2 on,
a self-signed certificate made with openssl in DIR) and, per workload:

1. verifies every tool once against a logging nginx (exit 0; every URL fetched, 200;
   cfetch's JSONL, curl's -w '%{http_code}', h2load's summary; the log's distinct
   $connection values are the connections used). A tool that fails is reported, not
   timed;
2. runs WARMUP uncounted rounds, then ROUNDS rounds, against a non-logging nginx, each
   tool once per round in rotation (A B C, B C A, C A B, ...). Each run is timed with
   time.monotonic() around the child; its user+sys CPU comes from os.wait4, its peak
   RSS from GNU time (see run_child), its connections from nginx's stub_status
   (accepts after - before - 1);
3. reports each tool's medians and min-max, the median of the per-round ratios
   (cfetch / reference in the same round), and each target met or missed.

Environment: ROUNDS [7], WARMUP [1], STARTUP_ROUNDS [21], STRATEGIES [the binary's
event strategies], CFETCH_ARGS, CFETCH_BASE_ARGS [CFETCH_ARGS] (extra cfetch
arguments, split like a shell), RUN_TIMEOUT [120 s per run].
"""

import argparse
import http.client
import json
import os
import platform
import resource
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time

from bench_tools import free_port_numbers, jsonl_verdict  # Benchmarks/, beside this script

EVENT_STRATEGIES = ["callback", "future", "green", "structured"]
# Options added by issue 11; probed in --help, recorded, never passed unasked.
PROBED_OPTIONS = ["--loops", "--poller", "--h2-streams"]
MIB = 1024.0

WGET2_FLAGS = ["--no-config", "--no-robots", "--no-hsts", "--no-hpkp", "--no-ocsp",
               "--tries=1", "-q"]
# curl 7.88 draws its parallel progress meter even with -s; --no-progress-meter stops it.
CURL_FLAGS = ["-s", "--no-progress-meter", "--parallel"]
CURL_CODES = ["-w", "%{http_code}\\n"]


def log(msg):
    print(f"\033[1m==> {msg}\033[0m", file=sys.stderr, flush=True)


def warn(msg):
    print(f"\033[33mwarning:\033[0m {msg}", file=sys.stderr, flush=True)


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


# ---------------------------------------------------------------------------------
# Children: spawned without a shell under GNU time (peak RSS), timed, reaped with
# wait4 (CPU).
# ---------------------------------------------------------------------------------

class Run:
    def __init__(self, rc, wall, cpu, rss_kib, timed_out):
        self.rc, self.wall, self.cpu, self.rss_kib, self.timed_out = rc, wall, cpu, rss_kib, timed_out
        self.connections = None
        self.drops = 0


CHILD_ENV = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
CURRENT_CHILD = {"pidfd": None}


GNU_TIME = "/usr/bin/time"


def run_child(argv, stdout, stderr, timeout):
    """One child: stdin /dev/null, stdout and stderr to the given paths. A timer kills
    it, and what it started, after `timeout` seconds.

    Peak RSS comes from GNU time, which runs the tool: Linux keeps a process's peak
    RSS across exec, and a child spawned from this Python process starts with
    Python's peak (~30 MB here), so wait4's ru_maxrss would report that for every
    tool. GNU time forks the tool from a small process and prints the tool's own."""
    rss_file = stderr + ".rss"
    if os.path.exists(GNU_TIME):
        argv = [GNU_TIME, "-f", "%M", "-o", rss_file, *argv]
    actions = [(os.POSIX_SPAWN_OPEN, 0, "/dev/null", os.O_RDONLY, 0),
               (os.POSIX_SPAWN_OPEN, 1, stdout, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
               (os.POSIX_SPAWN_OPEN, 2, stderr, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)]
    timed_out = threading.Event()
    t0 = time.monotonic()
    # Its own process group, so that a kill reaches the tool under GNU time too.
    pid = os.posix_spawn(argv[0], argv, CHILD_ENV, file_actions=actions, setpgroup=0)
    pidfd = os.pidfd_open(pid)
    CURRENT_CHILD["pidfd"] = pidfd, pid

    def kill():
        timed_out.set()
        kill_group(pidfd, pid)
    timer = threading.Timer(timeout, kill)
    timer.daemon = True
    timer.start()
    _, status, ru = os.wait4(pid, 0)
    wall = time.monotonic() - t0
    timer.cancel()
    CURRENT_CHILD["pidfd"] = None
    os.close(pidfd)
    rc = os.waitstatus_to_exitcode(status)
    rss = None
    try:
        rss = int(open(rss_file).read().split()[-1])   # after "Command exited with …"
    except (OSError, ValueError, IndexError):
        pass
    return Run(rc, wall, ru.ru_utime + ru.ru_stime, rss, timed_out.is_set())


def kill_group(pidfd, pid):
    """SIGKILL to the child's process group, while the pidfd says its leader (GNU time)
    is still there (not yet reaped: its pid, the group's id, cannot have been reused)."""
    try:
        signal.pidfd_send_signal(pidfd, 0)
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass


def kill_current_child():
    if CURRENT_CHILD["pidfd"] is not None:
        kill_group(*CURRENT_CHILD["pidfd"])


# ---------------------------------------------------------------------------------
# The private nginx: one worker, a plain port and an https (http2) port.
# ---------------------------------------------------------------------------------

class Nginx:
    def __init__(self, tmp, template, echo_module, nofile):
        self.tmp, self.template, self.echo_module, self.nofile = tmp, template, echo_module, nofile
        self.port, self.tls_port = free_port_numbers(2)
        self.proc = None
        self.access_log = os.path.join(tmp, "access.log")

    def start(self, logging):
        self.stop()
        conf = os.path.join(self.tmp, "nginx.conf")
        text = open(self.template, encoding="utf-8").read()
        for key, value in {
            "@LOAD_MODULES@": f"load_module {self.echo_module};",
            "@DIR@": self.tmp, "@PORT@": str(self.port), "@TLS_PORT@": str(self.tls_port),
            "@NOFILE@": str(self.nofile), "@CONNECTIONS@": str(self.nofile),
            "@ACCESS_LOG@": f"{self.access_log} bench" if logging else "off",
        }.items():
            text = text.replace(key, value)
        open(conf, "w", encoding="utf-8").write(text)
        os.makedirs(os.path.join(self.tmp, "tmp"), exist_ok=True)
        err = os.path.join(self.tmp, "error.log")
        self.proc = subprocess.Popen(["nginx", "-p", self.tmp, "-e", err, "-c", conf],
                                     stdin=subprocess.DEVNULL, env=CHILD_ENV)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                self.accepts()
                open(self.access_log, "w").close()   # forget the readiness probes
                return
            except OSError:
                time.sleep(0.05)
        tail = open(err, encoding="utf-8", errors="replace").read()[-800:] if os.path.exists(err) else ""
        self.stop()
        raise SystemExit(f"nginx did not start on port {self.port}:\n{tail}")

    def stop(self):
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.terminate()   # fast shutdown: master and worker
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def accepts(self):
        """nginx's count of accepted connections (stub_status), this probe's included."""
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        try:
            c.request("GET", "/status")
            body = c.getresponse().read().decode()
        finally:
            c.close()
        return int(body.splitlines()[2].split()[0])

    def log_lines(self):
        with open(self.access_log, encoding="utf-8", errors="replace") as f:
            return [line.split() for line in f if line.strip()]


def listen_drops():
    """The kernel's count of connections dropped at a full listen queue (TcpExt
    ListenDrops): each costs its client a 1 s SYN retransmit, which shows as wall time."""
    try:
        lines = [line.split() for line in open("/proc/net/netstat") if line.startswith("TcpExt:")]
        return int(lines[1][lines[0].index("ListenDrops")])
    except (OSError, IndexError, ValueError):
        return 0


# ---------------------------------------------------------------------------------
# Checks of one verification run. Each returns (ok, detail).
# ---------------------------------------------------------------------------------

def check_server(lines, n, distinct=True):
    # nginx logs a request after its response, so a readiness probe may land after
    # the log was emptied: the harness's own requests are not the tool's.
    lines = [p for p in lines if p[0] not in ("/status", "/ready")]
    total = len(lines)
    ok = sum(1 for p in lines if len(p) > 1 and p[1] == "200")
    uris = {p[0] for p in lines}
    robots = sum(1 for p in lines if p[0].startswith("/robots.txt"))
    conns = len({p[2] for p in lines if len(p) > 2})
    good = total == n and ok == n and robots == 0 and (not distinct or len(uris) == n)
    return good, conns, (f"server saw {total}/{n} requests, {ok} with 200, {len(uris)} distinct, "
                         f"{robots} robots.txt, {conns} connections")


def check_jsonl(path, n):
    good, detail = jsonl_verdict(path, n)
    return good, "jsonl " + detail


def check_codes(path, n):
    codes = [line.strip() for line in open(path, encoding="utf-8", errors="replace") if line.strip()]
    ok = sum(1 for c in codes if c == "200")
    return len(codes) == n and ok == n, f"-w http_code: {ok}/{n} are 200 ({len(codes)} lines)"


def check_h2load(path, n):
    import re
    text = open(path, encoding="utf-8", errors="replace").read()
    m = re.search(r"requests: (\d+) total, (\d+) started, (\d+) done, (\d+) succeeded, (\d+) failed", text)
    s = re.search(r"status codes: (\d+) 2xx", text)
    if not m or not s:
        return False, "no h2load summary"
    done, succeeded, failed, ok2xx = int(m.group(3)), int(m.group(4)), int(m.group(5)), int(s.group(1))
    return (done == n and succeeded == n and failed == 0 and ok2xx == n,
            f"h2load {done} done, {succeeded} succeeded, {failed} failed, {ok2xx} 2xx")


# ---------------------------------------------------------------------------------
# Tools and workloads.
# ---------------------------------------------------------------------------------

class Tool:
    def __init__(self, name, kind, argv, binary="cfetch", strategy=None):
        self.name, self.kind, self.argv, self.binary, self.strategy = name, kind, argv, binary, strategy
        self.verify_detail = ""
        self.verify_connections = None
        self.verify_ok = False
        self.runs = []          # counted Runs, one per round (None when it failed)
        self.failed_runs = 0

    def ok_runs(self):
        return [r for r in self.runs if r is not None]


class Workload:
    def __init__(self, key, title, n, j, reference, targets):
        self.key, self.title, self.n, self.j, self.reference = key, title, n, j, reference
        self.targets = targets  # list of (measure, op, limit)
        self.tools = []
        self.timed = []
        self.rounds = 0
        self.load = {}


class Bench:
    def __init__(self, args):
        self.args = args
        self.tmp, self.out = args.tmp, args.out
        self.rounds = int(os.environ.get("ROUNDS", "7"))
        self.warmup = int(os.environ.get("WARMUP", "1"))
        self.startup_rounds = int(os.environ.get("STARTUP_ROUNDS", str(max(21, self.rounds))))
        self.timeout = float(os.environ.get("RUN_TIMEOUT", "120"))
        self.www = os.path.join(self.tmp, "www")
        os.makedirs(self.www, exist_ok=True)
        self.make_certificate()
        nofile = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
        nofile = 65536 if nofile == resource.RLIM_INFINITY else nofile
        self.nginx = Nginx(self.tmp, os.path.join(os.path.dirname(__file__), "nginx.conf.template"),
                           args.echo_module, nofile)
        self.base = f"http://127.0.0.1:{self.nginx.port}"
        self.tls_base = f"https://127.0.0.1:{self.nginx.tls_port}"
        self.binaries = []   # (label, path, strategies, extra args, probe)
        for label, path, env in (("cfetch", args.cfetch, "CFETCH_ARGS"),
                                 ("base", args.cfetch_base, "CFETCH_BASE_ARGS")):
            if path:
                extra = shlex.split(os.environ.get(env, os.environ.get("CFETCH_ARGS", "")))
                self.binaries.append(self.probe_cfetch(label, path, extra))
        self.workloads = []
        self.small_files = 0

    # -- set-up ---------------------------------------------------------------------

    def make_certificate(self):
        tls = os.path.join(self.tmp, "tls")
        os.makedirs(tls, exist_ok=True)
        self.cert = os.path.join(tls, "cert.pem")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                        "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                        "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                        "-keyout", os.path.join(tls, "key.pem"), "-out", self.cert],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def probe_cfetch(self, label, path, extra):
        help_text = subprocess.run([path, "--help"], capture_output=True, text=True).stdout
        present = {o: (o in help_text) for o in PROBED_OPTIONS}
        listed = subprocess.run([path, "--list-strategies"], capture_output=True, text=True).stdout.split()
        wanted = os.environ.get("STRATEGIES", "").split() or EVENT_STRATEGIES
        strategies = [s for s in wanted if s in listed] if listed else wanted
        version = subprocess.run([path, "--version"], capture_output=True, text=True).stdout.strip()
        log(f"{label}: {path} ({version}); strategies {' '.join(strategies)}; "
            f"options {', '.join(o + (' yes' if v else ' no') for o, v in present.items())}; "
            f"extra args: {shlex.join(extra) or 'none'}")
        return {"label": label, "path": path, "strategies": strategies, "extra": extra,
                "options": present, "version": version}

    def ensure_small_files(self, n):
        if self.small_files >= n:
            return
        body = os.urandom(1024)
        for i in range(self.small_files, n):
            with open(os.path.join(self.www, f"f{i:05d}.bin"), "wb") as f:
                f.write(body)
        self.small_files = n

    def write_list(self, key, urls):
        path = os.path.join(self.tmp, f"{key}-list.txt")
        with open(path, "w") as f:
            f.write("\n".join(urls) + "\n")
        return path

    def curl_config(self, key, urls):
        path = os.path.join(self.tmp, f"{key}-curl.cfg")
        with open(path, "w") as f:
            for u in urls:
                f.write(f'url = "{u}"\noutput = "/dev/null"\n')
        return path

    def cfetch_tools(self, w, list_path, j, extra=()):
        for b in self.binaries:
            for s in b["strategies"]:
                argv = [b["path"], "--strategy", s, "-j", str(j), "--format", "jsonl",
                        *extra, *b["extra"], list_path]
                w.tools.append(Tool(f"{b['label']} {s}", "cfetch", argv, b["label"], s))

    # -- the workloads ----------------------------------------------------------------

    def w1(self):
        n, j = 10000, 50
        w = Workload("w1", "W1: 10,000 × 1 KiB static files, -j 50", n, j, "wget2",
                     [("wall ratio", "<=", 0.8)])
        self.ensure_small_files(n)
        urls = [f"{self.base}/f{i:05d}.bin" for i in range(n)]
        lst = self.write_list("w1", urls)
        self.cfetch_tools(w, lst, j)
        if shutil.which("wget2"):
            w.tools.append(Tool("wget2", "wget2", [shutil.which("wget2"), *WGET2_FLAGS,
                                f"--max-threads={j}", "-i", lst, "-O", "/dev/null"]))
        w.tools.append(Tool("curl --parallel", "curl", [shutil.which("curl"), *CURL_FLAGS,
                            "--parallel-immediate", "--parallel-max", str(j), *CURL_CODES,
                            "-K", self.curl_config("w1", urls)]))
        return w

    def delay(self, key, title, n, j, ms, targets, reference):
        w = Workload(key, title, n, j, reference, targets)
        urls = [f"{self.base}/delay/{ms}?i={i}" for i in range(n)]
        lst = self.write_list(key, urls)
        self.cfetch_tools(w, lst, j)
        # A load generator: c clients each send n/c requests, cycling through the list.
        if shutil.which("h2load"):
            w.tools.append(Tool("h2load --h1", "h2load", [shutil.which("h2load"), "--h1",
                                "-n", str(n), "-c", str(j), "-i", lst]))
        return w

    def w2(self):
        return self.delay("w2", "W2: 2,000 × 100 ms (echo_sleep 0.1), -j 1000 (ideal 0.2 s)",
                          2000, 1000, 100, [("wall ratio", "<=", 1.0)], "h2load --h1")

    def w4(self):
        return self.delay("w4", "W4: C10k, 10,000 × 1 s, -j 10000 (ideal 1 s)", 10000, 10000, 1000,
                          [("wall s", "<=", 1.3), ("peak RSS MiB", "<=", 150),
                           ("server check: h2load wall s", "<=", 1.2)], None)

    def w3(self):
        n, j = 20, 4
        w = Workload("w3", "W3: 20 × 10 MiB, -j 4", n, j, "curl --parallel",
                     [("wall ratio", "<=", 1.0), ("peak RSS MiB", "<=", 16)])
        big = os.path.join(self.www, "big")
        os.makedirs(big, exist_ok=True)
        body = os.urandom(1 << 20) * 10
        for i in range(n):
            with open(os.path.join(big, f"b{i:02d}.bin"), "wb") as f:
                f.write(body)
        urls = [f"{self.base}/big/b{i:02d}.bin" for i in range(n)]
        lst = self.write_list("w3", urls)
        self.cfetch_tools(w, lst, j)
        w.tools.append(Tool("curl --parallel", "curl", [shutil.which("curl"), *CURL_FLAGS,
                            "--parallel-max", str(j), *CURL_CODES, "-K", self.curl_config("w3", urls)]))
        return w

    def h2(self):
        n, j = 500, 50
        w = Workload("h2", "H2: 500 https URLs, one nginx host with http2, -j 50", n, j, "curl --parallel",
                     [("connections", "<=", 2), ("wall ratio", "<=", 1.0)])
        self.ensure_small_files(n)
        urls = [f"{self.tls_base}/f{i:05d}.bin" for i in range(n)]
        lst = self.write_list("h2", urls)
        self.cfetch_tools(w, lst, j, ["--cacert", self.cert])
        # No --parallel-immediate: it makes curl open connections instead of waiting
        # to multiplex. curl negotiates h2 over TLS by default.
        w.tools.append(Tool("curl --parallel", "curl", [shutil.which("curl"), *CURL_FLAGS,
                            "--parallel-max", str(j), "--cacert", self.cert, *CURL_CODES,
                            "-K", self.curl_config("h2", urls)]))
        return w

    def startup(self):
        w = Workload("startup", "start-up: one URL, output to /dev/null", 1, 1, "curl",
                     [("wall ms", "<=", 8), ("peak RSS MiB", "<=", 16)])
        self.ensure_small_files(1)
        url = f"{self.base}/f00000.bin"
        for b in self.binaries:
            w.tools.append(Tool(f"{b['label']}", "cfetch-one", [b["path"], *b["extra"], url], b["label"],
                                "default"))
        w.tools.append(Tool("curl", "curl", [shutil.which("curl"), "-s", *CURL_CODES, "-o", "/dev/null", url]))
        # The harness's own floor: spawning, GNU time and reaping a program that does nothing.
        w.tools.append(Tool("floor: /bin/true", "floor", [shutil.which("true") or "/bin/true"]))
        return w

    # -- verification and timing ----------------------------------------------------

    def slug(self, w, tool):
        return os.path.join(self.tmp, f"{w.key}-" + "".join(c if c.isalnum() else "_" for c in tool.name))

    def verify(self, w):
        log(f"{w.key}: verification, one run per tool (access log on)")
        self.nginx.start(logging=True)
        passed = []
        for t in w.tools:
            open(self.nginx.access_log, "w").close()
            out, err = self.slug(w, t) + ".out", self.slug(w, t) + ".err"
            try:
                r = run_child(t.argv, out, err, self.timeout)
            except OSError as e:
                open(err, "w").write(f"could not start {t.argv[0]}: {e}\n")
                r = Run(127, 0, 0, 0, False)
            if t.kind == "floor":
                good, conns, detail = True, 0, "no requests (the harness's floor)"
            else:
                good, conns, detail = check_server(self.server_log(w.n), w.n, distinct=t.kind != "h2load")
            details = [f"exit {r.rc}" + (" (timed out)" if r.timed_out else ""), detail]
            good = good and r.rc == 0
            if t.kind == "cfetch":
                g, d = check_jsonl(out, w.n)
            elif t.kind == "curl":
                g, d = check_codes(out, w.n)
            elif t.kind == "h2load":
                g, d = check_h2load(out, w.n)
            elif t.kind == "cfetch-one":
                g, d = check_jsonl(out, 1)
                if not g:   # the binary's default format may be text: the server log decides
                    g, d = True, "output not JSONL; server log checked"
            else:
                g, d = True, ""
            good = good and g
            if d:
                details.append(d)
            t.verify_detail = "; ".join(details)
            t.verify_connections = conns
            t.verify_ok = good
            print(f"{'PASS' if good else 'FAIL'}  {w.key} {t.name:<22} {t.verify_detail}", flush=True)
            if good:
                passed.append(t)
            else:
                for line in open(err, encoding="utf-8", errors="replace").read().splitlines()[:5]:
                    print(f"      stderr: {line[:200]}", flush=True)
        self.nginx.stop()
        return passed

    def server_log(self, n):
        """The access log once it holds n requests, or has stopped growing: nginx logs a
        request after its response, so the client may be gone before the last line."""
        lines, last, deadline = [], -1, time.monotonic() + 3
        while time.monotonic() < deadline:
            lines = self.nginx.log_lines()
            if len(lines) >= n + 2 or (len(lines) == last and len(lines) >= n):
                break
            last = len(lines)
            time.sleep(0.1)
        return lines

    def time_rounds(self, w, tools, rounds):
        log(f"{w.key}: {self.warmup} warm-up + {rounds} rounds of {len(tools)} tools, interleaved "
            f"(access log off)")
        self.nginx.start(logging=False)
        w.load["before"] = os.getloadavg()
        k = len(tools)
        for rnd in range(-self.warmup, rounds):
            order = tools[rnd % k:] + tools[:rnd % k]
            for t in order:
                before, drops = self.nginx.accepts(), listen_drops()
                r = run_child(t.argv, "/dev/null", self.slug(w, t) + ".err", self.timeout)
                r.connections = self.nginx.accepts() - before - 1
                r.drops = listen_drops() - drops
                if rnd < 0:
                    continue
                if r.rc != 0:
                    t.failed_runs += 1
                    t.runs.append(None)
                    warn(f"{w.key} {t.name}: round {rnd + 1} exited {r.rc}"
                         + (" (timed out)" if r.timed_out else ""))
                else:
                    t.runs.append(r)
            if rnd >= 0:
                print(f"   {w.key} round {rnd + 1}/{rounds}: " + "  ".join(
                    f"{t.name} {t.runs[-1].wall:.3f}" if t.runs[-1] else f"{t.name} FAIL" for t in tools),
                    file=sys.stderr, flush=True)
        w.load["after"] = os.getloadavg()
        self.nginx.stop()

    def run(self, keys):
        for key in keys:
            w = getattr(self, key)()
            w.rounds = self.startup_rounds if key == "startup" else self.rounds
            self.workloads.append(w)
            w.timed = self.verify(w)
            if w.timed:
                self.time_rounds(w, w.timed, w.rounds)
            else:
                warn(f"{key}: no tool passed verification: nothing timed")


# ---------------------------------------------------------------------------------
# Results.
# ---------------------------------------------------------------------------------

def ratios(tool, ref):
    if ref is None:
        return []
    return [a.wall / b.wall for a, b in zip(tool.runs, ref.runs) if a is not None and b is not None]


def fmt(v, spec="", none="–"):
    return none if v is None else format(v, spec)


def tool_stats(w, t, ref):
    ok = t.ok_runs()
    walls = [r.wall for r in ok]
    cpus = [r.cpu for r in ok]
    rss = [r.rss_kib / MIB for r in ok if r.rss_kib is not None]
    conns = [r.connections for r in ok]
    drops = sum(r.drops for r in ok)
    rat = ratios(t, ref) if ref is not None and t is not ref else []
    cpu_med = median(cpus)
    return {
        "name": t.name, "binary": t.binary if t.kind.startswith("cfetch") else None,
        "strategy": t.strategy, "argv": t.argv, "command": shlex.join(t.argv),
        "verify": t.verify_detail, "verify_connections": t.verify_connections,
        "runs_ok": len(ok), "runs": len(t.runs),
        "wall_median": median(walls), "wall_min": min(walls) if walls else None,
        "wall_max": max(walls) if walls else None,
        "ratio_median": median(rat), "ratio_min": min(rat) if rat else None,
        "ratio_max": max(rat) if rat else None, "ratio_pairs": len(rat),
        "cpu_median": cpu_med, "cpu_per_transfer_us": cpu_med / w.n * 1e6 if cpu_med is not None else None,
        "rss_mib_median": median(rss), "rss_mib_max": max(rss) if rss else None,
        "connections_median": median(conns), "listen_drops": drops,
        "raw": [None if r is None else {"wall": r.wall, "cpu": r.cpu, "rss_kib": r.rss_kib,
                                        "connections": r.connections, "listen_drops": r.drops}
                for r in t.runs],
    }


def best(stats, binary, key):
    rows = [s for s in stats if s["binary"] == binary and s[key] is not None]
    return min(rows, key=lambda s: s[key]) if rows else None


def verdicts(w, stats, binaries):
    """One row per (binary, target): the best strategy's median against the target."""
    out = []
    by_name = {s["name"]: s for s in stats}
    for b in binaries:
        rank = "ratio_median" if w.reference else "wall_median"
        top = best(stats, b, rank) or best(stats, b, "wall_median")  # no reference: by wall
        for measure, op, limit in w.targets:
            value, shown, who = None, "–", top["name"] if top else f"{b} (none timed)"
            if measure.startswith("server check"):
                h = by_name.get("h2load --h1")
                if b != binaries[0]:
                    continue
                who = "h2load --h1"
                value = h and h["wall_median"]
                shown = fmt(value, ".3f") + (f" ({h['wall_min']:.3f}–{h['wall_max']:.3f})" if value else "")
            elif top is None:
                pass
            elif measure == "wall ratio":
                value = top["ratio_median"]
                shown = f"{value:.3f} ({top['ratio_min']:.2f}–{top['ratio_max']:.2f}) vs {w.reference}" \
                    if value is not None else "–"
            elif measure == "wall s":
                value = top["wall_median"]
                shown = f"{value:.3f} ({top['wall_min']:.3f}–{top['wall_max']:.3f})"
            elif measure == "wall ms":
                value = top["wall_median"] and top["wall_median"] * 1000
                shown = f"{value:.1f} ({top['wall_min'] * 1000:.1f}–{top['wall_max'] * 1000:.1f})"
            elif measure == "peak RSS MiB":
                value = top["rss_mib_median"]
                shown = f"{value:.1f} (max {top['rss_mib_max']:.1f})"
            elif measure == "connections":
                value = top["connections_median"]
                shown = f"{value:g} (verification: {top['verify_connections']})"
            if value is None:
                verdict = "not measured"
            else:
                verdict = "met" if value <= limit else "missed"
            if value is not None and w.rounds < 7:
                verdict += f" (only {w.rounds} rounds: not a verdict, the targets need ≥ 7)"
            if measure.startswith("server check") and verdict.startswith("missed"):
                verdict += ": the delay server is the limit, W4's cfetch figures say little"
                if h and h["listen_drops"]:
                    verdict += (f" ({h['listen_drops']} SYNs dropped at a full listen queue: "
                                "raise net.core.somaxconn)")
            out.append({"workload": w.key, "binary": b, "row": who, "measure": measure,
                        "value": value, "shown": shown, "target": f"{op} {limit:g}", "verdict": verdict,
                        "rounds": w.rounds})
    return out


def report(bench):
    binaries = [b["label"] for b in bench.binaries]
    result = {"date": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
              "machine": machine(bench), "rounds": bench.rounds, "warmup": bench.warmup,
              "startup_rounds": bench.startup_rounds, "cfetch": bench.binaries, "workloads": []}
    md = ["# cfetch benchmark: issue 11's targets, one run, interleaved", ""]
    all_verdicts = []
    details = []
    for w in bench.workloads:
        ref = next((t for t in w.timed if t.name == w.reference), None)
        stats = [tool_stats(w, t, ref) for t in w.timed]
        failed = [{"name": t.name, "command": shlex.join(t.argv), "verify": t.verify_detail}
                  for t in w.tools if t not in w.timed]
        v = verdicts(w, stats, binaries)
        all_verdicts += v
        result["workloads"].append({"key": w.key, "title": w.title, "n": w.n, "j": w.j,
                                    "reference": w.reference, "rounds": w.rounds, "load": w.load,
                                    "tools": stats, "not_timed": failed, "verdicts": v})
        d = [f"### {w.title}", "",
             f"{w.rounds} rounds after {bench.warmup} warm-up; load average before "
             f"{fmt_load(w.load.get('before'))}, after {fmt_load(w.load.get('after'))}.", "",
             f"| tool | runs ok | wall s, median (min–max) | ratio to {w.reference or '(no reference)'} "
             "(median of rounds; min–max) | user+sys s | CPU/transfer µs | peak RSS MiB | connections "
             "| SYNs dropped (all rounds) |",
             "|:---|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for s in stats:
            ratio = (f"{s['ratio_median']:.2f} ({s['ratio_min']:.2f}–{s['ratio_max']:.2f})"
                     if s["ratio_median"] is not None else "–")
            d.append(f"| {s['name']} | {s['runs_ok']}/{s['runs']} | {fmt(s['wall_median'], '.3f')} "
                     f"({fmt(s['wall_min'], '.3f')}–{fmt(s['wall_max'], '.3f')}) | {ratio} | "
                     f"{fmt(s['cpu_median'], '.3f')} | {fmt(s['cpu_per_transfer_us'], '.1f')} | "
                     f"{fmt(s['rss_mib_median'], '.1f')} | {fmt(s['connections_median'], 'g')} | "
                     f"{s['listen_drops']} |")
        for f in failed:
            d.append(f"| {f['name']} | not timed: failed verification | | | | | | | |")
        d += ["", "Verification:", ""]
        d += [f"- {'PASS' if t in w.timed else 'FAIL'} {t.name}: {t.verify_detail}" for t in w.tools]
        d += ["", "Commands:", ""] + [f"- `{shlex.join(t.argv)}`" for t in w.tools] + [""]
        details += d
    summary = ["| workload | cfetch (best strategy) | measure | value, median (min–max) | target | verdict |",
               "|:---|:---|:---|---:|---:|:---|"]
    for v in all_verdicts:
        summary.append(f"| {v['workload']} | {v['row']} | {v['measure']} | {v['shown']} | {v['target']} "
                       f"| {v['verdict']} |")
    # CPU per transfer: the goal is half of today's; with a base binary, say so per workload.
    if len(binaries) > 1:
        summary += ["", "| workload | CPU/transfer µs, best cfetch | best base | ratio (goal ≤ 0.5) |",
                    "|:---|---:|---:|---:|"]
        for wl in result["workloads"]:
            a = best(wl["tools"], binaries[0], "cpu_per_transfer_us")
            b = best(wl["tools"], binaries[1], "cpu_per_transfer_us")
            if a and b:
                summary.append(f"| {wl['key']} | {a['cpu_per_transfer_us']:.1f} ({a['name']}) | "
                               f"{b['cpu_per_transfer_us']:.1f} ({b['name']}) | "
                               f"{a['cpu_per_transfer_us'] / b['cpu_per_transfer_us']:.2f} |")
    result["verdicts"] = all_verdicts
    m = result["machine"]
    md += ["## Targets", ""] + summary + ["", "## Workloads", ""] + details + [
        "## Machine", ""] + [f"- {k}: {v}" for k, v in m.items()] + [""]
    os.makedirs(bench.out, exist_ok=True)
    with open(os.path.join(bench.out, "bench.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(md))
    with open(os.path.join(bench.out, "bench.json"), "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1, default=str)
    print()
    print("\n".join(details))
    print("\n".join(["## Targets", ""] + summary))
    print(f"\nmachine: {m['nproc']} cores, load {m['load_before']} -> {m['load_after']}, {m['kernel']}")
    print(f"results: {bench.out}/bench.md, {bench.out}/bench.json")


def fmt_load(load):
    return " ".join(f"{x:.2f}" for x in load) if load else "–"


def version(argv):
    try:
        p = subprocess.run(argv, capture_output=True, text=True, timeout=10)
        return ((p.stdout or "") + (p.stderr or "")).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "not available"


def machine(bench):
    return {
        "nproc": os.cpu_count(), "kernel": " ".join(platform.uname()[0:3:2]),
        "load_before": fmt_load(bench.load_before), "load_after": fmt_load(os.getloadavg()),
        "nofile": resource.getrlimit(resource.RLIMIT_NOFILE),
        "somaxconn": open("/proc/sys/net/core/somaxconn").read().strip(),
        "nginx": version(["nginx", "-v"]) + ", 1 worker", "curl": version(["curl", "--version"]),
        "wget2": version(["wget2", "--version"]), "h2load": version(["h2load", "--version"]),
        "openssl": version(["openssl", "version"]), "python": platform.python_version(),
        "cfetch": "; ".join(f"{b['label']}: {b['path']} {b['version']} options "
                            + ", ".join(f"{o} {'yes' if v else 'no'}" for o, v in b["options"].items())
                            + f" extra args [{shlex.join(b['extra'])}]" for b in bench.binaries),
        "proxy variables": "removed from the children's environment",
    }


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--tmp", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--echo-module", required=True)
    p.add_argument("--cfetch")
    p.add_argument("--cfetch-base")
    p.add_argument("workloads", nargs="+", choices=["w1", "w2", "w3", "w4", "h2", "startup"])
    args = p.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

    def stop(signum, _frame):
        raise SystemExit(128 + signum)
    signal.signal(signal.SIGTERM, stop)
    bench = Bench(args)
    bench.load_before = os.getloadavg()
    started = time.monotonic()
    try:
        bench.run(args.workloads)
    finally:
        kill_current_child()
        bench.nginx.stop()
    report(bench)
    print(f"took {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
