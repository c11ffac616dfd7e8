#!/usr/bin/env python3
"""Small checks and tables for Benchmarks/run.sh's frontier workload (stdlib only).

The other workloads are Benchmarks/interleave.py's.

  bench_tools.py check-jsonl FILE N [--connects]
      cfetch's --format jsonl output: exactly N records, every one "ok": true and
      "status": 200, and the indexes 0..N-1 each once. Prints one detail line;
      exit 0 when it holds. --connects adds how many records opened a connection
      (a "connect" phase time above 0; a reused connection has 0).

  bench_tools.py free-ports N
      N distinct free TCP ports on 127.0.0.1, one a line (all bound at once, then
      released, so none repeats).

  bench_tools.py frontier-table RUNS_TSV N_SPREAD
      The frontier workload's markdown tables from its runs file (one line per
      run: list, lines, strategy, row, run, verdict, wall s, user s, sys s, peak
      RSS KiB). Only runs whose verdict is "ok" count; spread rows are list A
      (N_SPREAD URLs): the per-job overhead is the median over the pairs of a
      run number where both rows passed.
"""

import json
import socket
import statistics
import sys


def jsonl_verdict(path, n, connects=False):
    """Whether a cfetch JSONL output holds n ok records, indexes 0..n-1, and what it holds.

    Shared by frontier's checks and interleave.py's verification runs."""
    lines = bad_json = not_ok = connected = 0
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
            if isinstance(rec.get("connect"), (int, float)) and rec["connect"] > 0:
                connected += 1
            if isinstance(rec.get("index"), int):
                indexes.add(rec["index"])
    good = (lines == n and bad_json == 0 and not_ok == 0
            and indexes == set(range(n)))
    detail = (f"{lines}/{n} records, {not_ok} not ok/200, {bad_json} bad JSON, "
              f"{len(indexes)} distinct indexes")
    if connects:
        detail += f", {connected} with a new connection"
    if first_bad:
        detail += f"; first bad: {first_bad}"
    return good, detail


def check_jsonl(path, n, connects=False):
    good, detail = jsonl_verdict(path, n, connects)
    print(detail)
    return 0 if good else 1


def free_port_numbers(n):
    """n distinct free loopback ports, all held open while they are picked."""
    socks = []
    try:
        for _ in range(n):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            socks.append(s)
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def free_ports(n):
    for port in free_port_numbers(n):
        print(port)
    return 0


def read_runs(path):
    runs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) != 10 or p[0] == "list":
                continue
            runs.append({
                "list": p[0], "lines": int(p[1]), "strategy": p[2], "row": p[3],
                "run": int(p[4]), "verdict": p[5],
                "wall": float(p[6]) if p[6] else None,
                "cpu": float(p[7]) + float(p[8]) if p[7] and p[8] else None,
                "rss": int(p[9]) if p[9] else None,
            })
    return runs


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(value, spec, missing="–"):
    return missing if value is None else format(value, spec)


def spread(values, spec):
    values = [v for v in values if v is not None]
    if not values:
        return "–"
    return f"{format(min(values), spec)} to {format(max(values), spec)}"


def frontier_table(path, n_spread):
    runs = read_runs(path)
    strategies = []
    for r in runs:
        if r["strategy"] not in strategies:
            strategies.append(r["strategy"])
    print("### frontier A: 100,000 URLs round-robin over 1,000 hosts (ports), -j 500\n")
    print("| strategy | row | runs ok | wall (s, median; min to max) | user+sys CPU (s, median) "
          "| CPU per job (µs) | peak RSS (MB, median) |")
    print("|:---|:---|---:|---:|---:|---:|---:|")
    pairs_out = []
    for s in strategies:
        by_row = {}
        for row in ("without", "with"):
            mine = [r for r in runs if r["list"] == "A" and r["strategy"] == s
                    and r["row"] == row and not r["verdict"].startswith("warm-up")]
            good = [r for r in mine if r["verdict"] == "ok"]
            by_row[row] = {r["run"]: r for r in good}
            label = "-j 500 (no frontier)" if row == "without" else "-j 500 --per-host 2"
            walls = [r["wall"] for r in good]
            cpu = med([r["cpu"] for r in good])
            per_job = cpu / n_spread * 1e6 if cpu is not None else None
            print(f"| {s} | {label} | {len(good)}/{len(mine)} | "
                  f"{fmt(med(walls), '.3f')} ({spread(walls, '.3f')}) | "
                  f"{fmt(cpu, '.3f')} | {fmt(per_job, '.0f')} | "
                  f"{fmt(med([r['rss'] / 1024 for r in good if r['rss']]), '.1f')} |")
        both = sorted(set(by_row["without"]) & set(by_row["with"]))
        cpu_d = [(by_row["with"][k]["cpu"] - by_row["without"][k]["cpu"]) / n_spread * 1e6
                 for k in both]
        wall_r = [by_row["with"][k]["wall"] / by_row["without"][k]["wall"] for k in both
                  if by_row["without"][k]["wall"]]
        rss_r = [by_row["with"][k]["rss"] / by_row["without"][k]["rss"] for k in both
                 if by_row["without"][k]["rss"]]
        pairs_out.append((s, len(both), cpu_d, wall_r, rss_r))
    print()
    print("Frontier overhead, per pair (the two rows of one run number, run back to back):\n")
    print("| strategy | pairs | CPU per job (µs, median; min to max) | pairs with more CPU "
          "| wall with/without (median; min to max) | peak RSS with/without (median) |")
    print("|:---|---:|---:|---:|---:|---:|")
    for s, n, cpu_d, wall_r, rss_r in pairs_out:
        more = sum(1 for d in cpu_d if d > 0)
        print(f"| {s} | {n} | {fmt(med(cpu_d), '+.2f')} ({spread(cpu_d, '+.2f')}) | {more}/{n} | "
              f"{fmt(med(wall_r), '.3f')} ({spread(wall_r, '.3f')}) | "
              f"{fmt(med(rss_r), '.3f')} |")
    print()
    big = [r for r in runs if r["list"] == "B"]
    if big:
        print("### frontier B: one host, -j 500 --per-host 2 (2 in flight)\n")
        print("| strategy | lines | verdict | wall (s) | user+sys CPU (s) | peak RSS (MB) |")
        print("|:---|---:|:---|---:|---:|---:|")
        for r in big:
            rss = r["rss"] / 1024 if r["rss"] else None
            print(f"| {r['strategy']} | {r['lines']:,} | {r['verdict']} | "
                  f"{fmt(r['wall'], '.3f')} | {fmt(r['cpu'], '.3f')} | {fmt(rss, '.1f')} |")
        print()
        for s in strategies:
            ok = {r["lines"]: r["rss"] for r in big
                  if r["strategy"] == s and r["verdict"] == "ok" and r["rss"]}
            if len(ok) >= 2:
                small, large = min(ok), max(ok)
                print(f"{s}: peak RSS at {large:,} lines / at {small:,} lines = "
                      f"{ok[large] / ok[small]:.2f} (the list is {large // small}× longer)")
        print()
    print("wall, CPU and peak RSS: GNU time (%e, %U+%S, %M) of each cfetch run; a run "
          "counts only when it exited 0 with one ok record per line (see "
          "frontier-verify.txt).")
    return 0


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    cmd = argv[1]
    if cmd == "check-jsonl" and len(argv) in (4, 5):
        return check_jsonl(argv[2], int(argv[3]), "--connects" in argv[4:])
    if cmd == "free-ports" and len(argv) == 3:
        return free_ports(int(argv[2]))
    if cmd == "frontier-table" and len(argv) == 4:
        return frontier_table(argv[2], int(argv[3]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
