#!/usr/bin/env python3
"""List the pages whose title or byline score_meta.py counts wrong (standard library only).

  python3 scripts/eval.py --corpus wide --variants htmltext --meta /tmp/meta.jsonl
  python3 scripts/meta_fails.py --pred /tmp/meta.jsonl [--what title|byline] [--type article]

Prints, per failing page: id, page type, the gold and the predicted text; then the count of
failures per page type. Uses score_meta.py's own matching (imported from ../shared/eval).
"""
import argparse, csv, json, os, sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(os.path.dirname(os.path.dirname(HERE)), "shared")
sys.path.insert(0, os.path.join(SHARED, "eval"))
import score_meta  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default=os.path.join(SHARED, "corpus", "wide"))
    ap.add_argument("--pred", required=True)
    ap.add_argument("--what", default="title", choices=["title", "byline"])
    ap.add_argument("--type", default=None, help="only this page type")
    a = ap.parse_args()
    csv.field_size_limit(1 << 24)
    with open(os.path.join(a.gold, "manifest.tsv"), encoding="utf-8") as f:
        gold = {r["id"]: r for r in csv.DictReader(f, delimiter="\t")}
    pred = {}
    with open(a.pred, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                pred[str(r["id"])] = r
    fails, totals = Counter(), Counter()
    for i, g in sorted(gold.items()):
        kind = g.get("page_type", "")
        if a.type and kind != a.type:
            continue
        p = pred.get(i, {})
        if a.what == "title":
            ok = score_meta.title_match(p.get("title"), g.get("title"))
            want, got = g.get("title"), p.get("title")
        else:
            want = g.get("author") or ""
            if not score_meta.toks(want):
                continue
            got = p.get("byline")
            ok = bool(got) and set(score_meta.toks(want)) <= set(score_meta.toks(got))
        totals[kind] += 1
        if not ok:
            fails[kind] += 1
            print(f"{i}\t{kind}\tgold: {want!r}\n\t\tgot:  {got!r}")
    for k in sorted(totals):
        print(f"{k:<14} {fails[k]:>4} wrong of {totals[k]}")


if __name__ == "__main__":
    main()
