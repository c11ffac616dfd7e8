#!/usr/bin/env python3
"""The queue workload of Benchmarks/run.sh (issue 13): what fetching through Redis costs.

  queue_bench.py --cfetch BIN --base-url URL --n N --tmp DIR --out DIR [--rounds R] [--warmup W]

Rows, interleaved round by round (each round starts one row further on), every run
checked:

  plain    one `cfetch -j 50 LIST`: the list read from a file, no Redis.
  queue 1  one worker, `cfetch fetch --queue … -j 50`.
  queue 2  two workers at once, `-j 25` each (the same 50 in flight in all), their
           wall time from the first start to the last exit.

Before each queue run the list is enqueued (`cfetch enqueue`, timed on its own) on a
private redis-server (persistence off), flushed after the run. A run counts when
every index has exactly one ok record across the workers' stdout and the results
stream holds N records (`cfetch queue results --all`). CPU is the cfetch processes' user + sys (wait4), and, apart,
the redis-server's over the run (/proc/PID/stat). Writes queue-runs.tsv and queue.md
to --out. Stdlib only.
"""

import argparse
import os
import socket
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_tools import jsonl_verdict  # noqa: E402

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Redis:
    """A private redis-server, persistence off, stopped by stop()."""

    def __init__(self, tmp):
        self.dir = os.path.join(tmp, "redis")
        os.makedirs(self.dir, exist_ok=True)
        self.port = free_port()
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", self.dir, "--logfile", os.path.join(self.dir, "redis.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while self.cli("PING").strip() != "PONG":
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise SystemExit("queue: redis-server did not start")
            time.sleep(0.05)

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}"

    def cli(self, *args):
        done = subprocess.run(["redis-cli", "-p", str(self.port), *args], capture_output=True, text=True)
        return done.stdout

    def cpu_seconds(self):
        with open(f"/proc/{self.process.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def run_processes(commands, outputs, timeout):
    """Starts every command at once (stdout to its file), each under GNU time for its
    peak RSS, waits for all: wall seconds, summed user + sys seconds, the largest peak
    RSS (KiB), the exit statuses."""
    start = time.monotonic()
    children = []
    for command, output in zip(commands, outputs):
        timed = ["/usr/bin/time", "-f", "%M", "-o", output + ".rss"] + command
        with open(output, "wb") as out, open(output + ".err", "wb") as err:
            children.append(subprocess.Popen(timed, stdout=out, stderr=err, stdin=subprocess.DEVNULL))
    cpu, rss, statuses = 0.0, 0, []
    pending = {child.pid: child for child in children}
    deadline = start + timeout
    while pending:
        pid, status, usage = os.wait4(-1, os.WNOHANG)
        if pid == 0:
            if time.monotonic() > deadline:
                for child in pending.values():
                    child.kill()
                deadline = float("inf")
            time.sleep(0.002)
            continue
        if pid not in pending:
            continue
        del pending[pid]
        cpu += usage.ru_utime + usage.ru_stime
        statuses.append(os.waitstatus_to_exitcode(status))
    for output in outputs:
        try:
            with open(output + ".rss") as f:
                rss = max(rss, int(f.read().split()[-1]))
        except (OSError, ValueError, IndexError):
            pass
    return time.monotonic() - start, cpu, rss, statuses


def check_union(outputs, n):
    """Every index once, ok, over the workers' outputs together."""
    union = outputs[0] + ".all"
    with open(union, "wb") as merged:
        for output in outputs:
            with open(output, "rb") as part:
                merged.write(part.read())
    good, detail = jsonl_verdict(union, n)
    os.remove(union)
    return good, detail


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--cfetch", required=True)
    parser.add_argument("--base-url", required=True, help="URL of the 1 KiB file; ?i=N is added")
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--tmp", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args(argv[1:])

    work = os.path.join(args.tmp, "queue")
    os.makedirs(work, exist_ok=True)
    listing = os.path.join(work, "list.txt")
    with open(listing, "w") as f:
        for i in range(args.n):
            f.write(f"{args.base_url}?i={i}\n")
    redis = Redis(args.tmp)
    rows = ["plain", "queue 1", "queue 2"]
    runs_path = os.path.join(args.out, "queue-runs.tsv")
    verify_path = os.path.join(args.out, "queue-verify.txt")
    runs = open(runs_path, "w")
    verify = open(verify_path, "w")
    runs.write("round\trow\tverdict\twall_s\tcpu_s\tredis_cpu_s\tenqueue_s\tmax_rss_kib\n")
    results = {row: [] for row in rows}
    try:
        for round_number in range(args.warmup + args.rounds):
            shift = round_number % len(rows)
            for row in rows[shift:] + rows[:shift]:
                enqueue_s = ""
                if row == "plain":
                    commands = [[args.cfetch, "-s", "-j", "50", "--format", "jsonl", listing]]
                else:
                    redis.cli("FLUSHALL")
                    started = time.monotonic()
                    done = subprocess.run([args.cfetch, "enqueue", "-s", "--queue", redis.url, listing],
                                          capture_output=True, text=True)
                    enqueue_s = f"{time.monotonic() - started:.3f}"
                    if done.returncode != 0:
                        raise SystemExit(f"queue: enqueue failed: {done.stderr.strip()}")
                    workers, j = (1, "50") if row == "queue 1" else (2, "25")
                    commands = [[args.cfetch, "fetch", "-s", "--queue", redis.url, "-j", j, "--format", "jsonl",
                                 "--consumer", f"bench-{w}"] for w in range(workers)]
                outputs = [os.path.join(work, f"out-{w}.jsonl") for w in range(len(commands))]
                redis_before = redis.cpu_seconds()
                wall, cpu, rss, statuses = run_processes(commands, outputs, args.timeout)
                redis_cpu = redis.cpu_seconds() - redis_before
                good, detail = check_union(outputs, args.n)
                good = good and all(status == 0 for status in statuses)
                if row != "plain":
                    # The results stream read back as a user would: every record of it.
                    read_back = subprocess.run([args.cfetch, "queue", "results", "--all", "--queue", redis.url],
                                             capture_output=True, text=True)
                    stored = read_back.stdout.count("\n") if read_back.returncode == 0 else -1
                    detail += f"; results stream {stored}"
                    good = good and stored == args.n
                warm = round_number < args.warmup
                verdict = ("warm-up-" if warm else "") + ("ok" if good else "fail")
                runs.write(f"{round_number}\t{row}\t{verdict}\t{wall:.3f}\t{cpu:.3f}\t{redis_cpu:.3f}\t"
                           f"{enqueue_s}\t{rss}\n")
                line = (f"{verdict.upper():<10} round {round_number} {row:<8} wall {wall:.3f}s cpu {cpu:.3f}s "
                        f"redis {redis_cpu:.3f}s enqueue {enqueue_s or '-'}s rss {rss} KiB; "
                        f"exit {statuses}; {detail}")
                print(line, flush=True)
                verify.write(line + "\n")
                if not warm and good:
                    results[row].append({"round": round_number, "wall": wall, "cpu": cpu, "redis": redis_cpu,
                                         "enqueue": float(enqueue_s) if enqueue_s else None, "rss": rss})
    finally:
        redis.stop()
        runs.close()
        verify.close()

    def median(values):
        return statistics.median(values) if values else float("nan")

    plain_by_round = {r["round"]: r for r in results["plain"]}
    lines = [
        f"| row | runs | wall (median) | wall ÷ plain (median of per-round ratios) | enqueue | "
        f"cfetch CPU per URL | redis CPU per URL | peak RSS |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        runs_ok = results[row]
        ratios = [r["wall"] / plain_by_round[r["round"]]["wall"] for r in runs_ok if r["round"] in plain_by_round]
        enqueue = [r["enqueue"] for r in runs_ok if r["enqueue"] is not None]
        lines.append(
            f"| {row} | {len(runs_ok)} | {median([r['wall'] for r in runs_ok]):.3f} s | "
            + (f"{median(ratios):.2f}" if row != "plain" and ratios else "1")
            + f" | {f'{median(enqueue):.3f} s' if enqueue else '–'} | "
            f"{median([r['cpu'] for r in runs_ok]) / args.n * 1e6:.1f} µs | "
            f"{median([r['redis'] for r in runs_ok]) / args.n * 1e6:.1f} µs | "
            f"{median([r['rss'] for r in runs_ok]) / 1024:.1f} MiB |")
    table = "\n".join(lines) + "\n"
    with open(os.path.join(args.out, "queue.md"), "w") as f:
        f.write(f"{args.n:,} URLs (1 KiB each) from nginx; {args.rounds} rounds after {args.warmup} warm-up, "
                f"rows interleaved.\n\n" + table)
    print(table)
    return 0 if all(results[row] for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
