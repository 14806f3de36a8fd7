#!/usr/bin/env python3
"""Pools the two folds of a cross-validation run (scripts/cv.sh, scripts/curve.sh).

  python3 scripts/cv_pool.py OUT_DIR

Reads OUT_DIR/eval_tune.txt (the held-out half scored by the model trained on the tune
half) and OUT_DIR/eval_held-out.txt (the other way round) and prints each corpus/input's
BoW F1 (and each wide page type's) over both halves, weighted by page count: every page is
scored by a model that never saw it.
"""
import re
import sys


def parse(path):
    rows, cur = {}, None
    for line in open(path):
        m = re.match(r"(\w+/\w+) \(\S+, n=(\d+)\): BoW P (\S+) R (\S+) F1 (\S+)", line)
        if m:
            cur = m.group(1)
            rows[cur] = (int(m.group(2)), float(m.group(5)))
            continue
        m = re.match(r"\s+page_type=(\w+)\s+n=(\d+).*?F1 (\S+)", line)
        if m and cur:
            rows[f"{cur} {m.group(1)}"] = (int(m.group(2)), float(m.group(3)))
    return rows


def main():
    out = sys.argv[1]
    a, b = parse(f"{out}/eval_tune.txt"), parse(f"{out}/eval_held-out.txt")
    print("pooled 2-fold BoW F1 (each page scored by the model trained on the other half)")
    for key in a:
        if key in b:
            n = a[key][0] + b[key][0]
            print(f"  {key:32} n={n:4}  {(a[key][0] * a[key][1] + b[key][0] * b[key][1]) / n:.3f}")


if __name__ == "__main__":
    main()
