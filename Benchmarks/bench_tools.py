#!/usr/bin/env python3
"""Small checks and tables for Benchmarks/run.sh (stdlib only).

  bench_tools.py check-jsonl FILE N
      cfetch's --format jsonl output: exactly N records, every one "ok": true and
      "status": 200, and the indexes 0..N-1 each once. Prints one detail line;
      exit 0 when it holds.

  bench_tools.py count-log FILE N [--distinct]
      nginx's bench access log ("$request_uri $status" per line): exactly N
      requests, all 200, no robots.txt, and (with --distinct) N distinct URIs.

  bench_tools.py h2load-check FILE N
      h2load's report: N requests done and succeeded, 0 failed, N 2xx.

  bench_tools.py resources WORKLOAD HYPERFINE_JSON ROW...
      A markdown table: tool | -j | wall | user+sys CPU | peak RSS MB.
      Each ROW is NAME=J=TIMEFILE, in the order the commands were given to
      hyperfine (TIMEFILE: GNU time -v output of the verification run).
"""

import json
import re
import sys


def check_jsonl(path, n):
    lines = bad_json = not_ok = 0
    indexes = set()
    first_bad = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for raw in f:
            if not raw.strip():
                continue
            lines += 1
            try:
                rec = json.loads(raw)
            except ValueError:
                bad_json += 1
                first_bad = first_bad or raw.strip()[:200]
                continue
            if rec.get("ok") is not True or rec.get("status") != 200:
                not_ok += 1
                first_bad = first_bad or raw.strip()[:200]
            if isinstance(rec.get("index"), int):
                indexes.add(rec["index"])
    good = (lines == n and bad_json == 0 and not_ok == 0
            and indexes == set(range(n)))
    detail = (f"{lines}/{n} records, {not_ok} not ok/200, {bad_json} bad JSON, "
              f"{len(indexes)} distinct indexes")
    if first_bad:
        detail += f"; first bad: {first_bad}"
    print(detail)
    return 0 if good else 1


def count_log(path, n, distinct):
    total = ok = robots = 0
    uris = set()
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            parts = line.split()
            if not parts:
                continue
            total += 1
            uri = parts[0]
            uris.add(uri)
            if uri.startswith("/robots.txt"):
                robots += 1
            if len(parts) > 1 and parts[1] == "200":
                ok += 1
    good = total == n and ok == n and robots == 0 and (not distinct or len(uris) == n)
    print(f"server saw {total}/{n} requests, {ok} with 200, {len(uris)} distinct, "
          f"{robots} robots.txt")
    return 0 if good else 1


def h2load_check(path, n):
    text = open(path, encoding="utf-8", errors="replace").read()
    m = re.search(r"requests: (\d+) total, (\d+) started, (\d+) done, (\d+) succeeded, "
                  r"(\d+) failed", text)
    s = re.search(r"status codes: (\d+) 2xx", text)
    if not m or not s:
        print("no h2load report found")
        return 1
    done, succeeded, failed = int(m.group(3)), int(m.group(4)), int(m.group(5))
    ok2xx = int(s.group(1))
    print(f"h2load: {done} done, {succeeded} succeeded, {failed} failed, {ok2xx} 2xx")
    return 0 if (done == n and succeeded == n and failed == 0 and ok2xx == n) else 1


def parse_time_v(path):
    """GNU time -v: (wall s, user+sys s, peak RSS KiB), None where unknown."""
    wall = cpu = rss = None
    try:
        text = open(path, encoding="utf-8", errors="replace").read()
    except OSError:
        return wall, cpu, rss
    user = re.search(r"User time \(seconds\): ([\d.]+)", text)
    system = re.search(r"System time \(seconds\): ([\d.]+)", text)
    if user and system:
        cpu = float(user.group(1)) + float(system.group(1))
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    if m:
        rss = int(m.group(1))
    m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", text)
    if m:
        secs = 0.0
        for part in m.group(1).split(":"):
            secs = secs * 60 + float(part)
        wall = secs
    return wall, cpu, rss


def resources(workload, hf_json, rows):
    try:
        results = json.load(open(hf_json))["results"]
    except (OSError, ValueError, KeyError):
        results = []
    print(f"### {workload}: wall, CPU and memory\n")
    print("| tool | -j | wall (s, hyperfine mean ± σ) | user+sys CPU (s) | peak RSS (MB) |")
    print("|:---|---:|---:|---:|---:|")
    for i, row in enumerate(rows):
        name, j, timefile = row.split("=", 2)
        t_wall, t_cpu, t_rss = parse_time_v(timefile)
        if i < len(results):
            r = results[i]
            wall = f"{r['mean']:.3f} ± {r['stddev'] or 0:.3f}"
            cpu = f"{r['user'] + r['system']:.3f}"
        else:  # no timed run: fall back to the single verification run
            wall = f"{t_wall:.3f} (1 run)" if t_wall is not None else "–"
            cpu = f"{t_cpu:.3f} (1 run)" if t_cpu is not None else "–"
        rss = f"{t_rss / 1024:.1f}" if t_rss is not None else "–"
        print(f"| {name} | {j} | {wall} | {cpu} | {rss} |")
    print()
    print("wall and CPU: hyperfine (mean over the timed runs); peak RSS: GNU time -v "
          "on the verification run (one run, server logging on).")
    return 0


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    cmd = argv[1]
    if cmd == "check-jsonl" and len(argv) == 4:
        return check_jsonl(argv[2], int(argv[3]))
    if cmd == "count-log" and len(argv) in (4, 5):
        return count_log(argv[2], int(argv[3]), "--distinct" in argv[4:])
    if cmd == "h2load-check" and len(argv) == 4:
        return h2load_check(argv[2], int(argv[3]))
    if cmd == "resources" and len(argv) >= 4:
        return resources(argv[2], argv[3], argv[4:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
