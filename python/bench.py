"""Throughput of Cleaner.clean_batch from Python against the `deboil` command (JSON Lines
in and out) on the same texts and threads (a measurement, not a test).

    python python/bench.py --threads 2            # default engine
    python python/bench.py --threads 1 --fast     # fast engine

Reads every *.htmltext.txt page of the dev corpus (../shared/corpus/dev by default), --times
times over (10: about 16 MB, so the command's start-up, which compiles the rules, weighs
little), runs each side --repeat times after one warm-up run and prints the best time of
each as MB/s of input text. The Rust side is the whole command (JSON parsing and writing
included), fed from a file; the Python side is clean_batch in a warm process (the Python
objects of the results included). The command's throughput past its first copy of the
corpus (its start-up and the rules compiled on first use left out) is printed too.
Build the command first: cargo build --release --bin deboil.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# This script sits beside the package's sources (python/deboil, without the built
# extension): import the installed package instead.
HERE = Path(__file__).resolve().parent
sys.path = [p for p in sys.path if Path(p or ".").resolve() != HERE]

import deboil  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--fast", action="store_true", help="the fast engine (Cleaner(fast=True), deboil --fast)")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--times", type=int, default=10, help="how many copies of the corpus to clean")
    ap.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus" / "dev")
    ap.add_argument("--command", type=Path, default=REPO / "target" / "release" / "deboil")
    args = ap.parse_args()

    texts = []
    for path in sorted(args.corpus.glob("*.htmltext.txt")):
        with open(path, encoding="utf-8", newline="") as f:
            texts.append(f.read())
    if not texts:
        sys.exit(f"no *.htmltext.txt pages in {args.corpus}")
    texts = texts * args.times
    mb = sum(len(t.encode()) for t in texts) / 1e6

    cleaner = deboil.Cleaner(fast=args.fast)
    best_py = float("inf")
    for i in range(args.repeat + 1):
        t0 = time.perf_counter()
        cleaner.clean_batch(texts, threads=args.threads)
        if i:
            best_py = min(best_py, time.perf_counter() - t0)

    cmd = [str(args.command), "--input", "jsonl", "--threads", str(args.threads)]
    cmd += ["--fast"] if args.fast else []
    with tempfile.TemporaryFile() as stdin:
        for k, t in enumerate(texts):
            stdin.write((json.dumps({"id": k, "text": t}) + "\n").encode())
        best_rs = float("inf")
        for i in range(args.repeat + 1):
            stdin.seek(0)
            t0 = time.perf_counter()
            subprocess.run(cmd, stdin=stdin, stdout=subprocess.DEVNULL, check=True)
            if i:
                best_rs = min(best_rs, time.perf_counter() - t0)
    # The command's cost beyond its first pass over the corpus (start-up, rules compiled
    # on first use, first touches): the same run over one copy, and the difference.
    one = "".join(json.dumps({"id": k, "text": t}) + "\n" for k, t in enumerate(texts[: len(texts) // args.times]))
    best_rs1 = float("inf")
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, input=one.encode(), stdout=subprocess.DEVNULL, check=True)
        best_rs1 = min(best_rs1, time.perf_counter() - t0)
    mb1 = mb / args.times

    engine = "fast" if args.fast else "default"
    print(f"{len(texts)} pages ({args.times} x the corpus), {mb:.2f} MB, {engine} engine, {args.threads} thread(s), best of {args.repeat}")
    print(f"python clean_batch : {best_py:.3f} s  {mb / best_py:6.2f} MB/s")
    print(f"rust deboil command: {best_rs:.3f} s  {mb / best_rs:6.2f} MB/s  ({' '.join(os.path.basename(c) if k == 0 else c for k, c in enumerate(cmd))})")
    if args.times > 1:
        marginal = (mb - mb1) / (best_rs - best_rs1)
        print(f"rust, one copy     : {best_rs1:.3f} s; copies 2..{args.times} alone {marginal:6.2f} MB/s")
        print(f"python / rust      : {best_rs / best_py:.3f} of the command's throughput, "
              f"{(mb / best_py) / marginal:.3f} of its throughput past the first copy")
    else:
        print(f"python / rust      : {best_rs / best_py:.3f} of the command's throughput")

if __name__ == "__main__":
    main()
