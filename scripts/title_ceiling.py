#!/usr/bin/env python3
"""How far choosing a title from the input can go on a corpus (standard library only).

  python3 scripts/eval.py --corpus wide --variants htmltext --meta /tmp/meta_htmltext.jsonl
  python3 scripts/title_ceiling.py --variant htmltext [--pred /tmp/meta_htmltext.jsonl] [--list KIND]

For every page, every line of the input is read as a title would be shown: Markdown images
dropped, links as their text, heading marks, emphasis, code marks, list bullets and quote
marks dropped, whitespace trimmed. A page is *reachable* when one of those lines, or one of
its separator-delimited parts or leading runs of parts (split as `score_meta.SEP` splits),
is accepted by `score_meta.title_match` against the gold title (the scorer's own code,
imported from ../shared/eval). *Headline-reachable* leaves out candidates that are only a
non-leading part of the gold (the site's name alone, "Site" of "Headline | Site": the
scorer accepts it, but no rule could tell it is the headline). A page whose gold title has
no word is reachable by picking nothing (the scorer counts no title right there). *With alt*
also takes Markdown image alt texts and link titles (`[x](url "title")`) as candidates.

Prints the reachable share per page type; with --pred (the `--meta` output of
scripts/eval.py for the same variant), also the engine's score and its misses by kind:
nothing picked; no acceptable candidate in the input; an acceptable whole line exists but
another was picked; only a part of a line is acceptable (the pick would have to cut the line).
--list KIND prints the pages of one kind (a prefix of its name).
"""
import argparse, csv, json, os, re, sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.join(os.path.dirname(os.path.dirname(HERE)), "shared")
sys.path.insert(0, os.path.join(SHARED, "eval"))
import score_meta  # noqa: E402

IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
ALT = re.compile(r'!\[([^\]]*)\]\(|\]\([^)\s]*\s+"([^"]*)"\)')
LEAD = re.compile(r"^(?:\s*(?:#{1,6}|[*+>-]|\d+[.)]|•)\s+)+")


def shown(line):
    """A line as a title is shown: images dropped, links as their text, marks dropped."""
    line = LINK.sub(r"\1", IMAGE.sub(" ", line))
    line = LEAD.sub("", line.strip())
    line = line.strip().strip("#").strip()
    line = re.sub(r"(\*\*|__|`)", "", line)
    return line.strip().strip("*_ ").strip()


def candidates(line):
    """The line, its separator parts and their leading runs (as score_meta.parts splits)."""
    ps = [p for p in score_meta.SEP.split(line)]
    out = {line}
    out |= {p.strip() for p in ps}
    out |= {" ".join(ps[:k]).strip() for k in range(1, len(ps) + 1)}
    return {c for c in out if score_meta.toks(c)}


def headline_ok(cand, gold):
    """score_meta.title_match, less a candidate that is only a non-leading part of the gold."""
    if not score_meta.title_match(cand, gold):
        return False
    if score_meta.f1(cand, gold) >= 0.8:
        return True
    t, ps = " ".join(score_meta.toks(cand)), score_meta.SEP.split(gold or "")
    lead = {" ".join(score_meta.toks(" ".join(ps[:k]))) for k in range(1, len(ps) + 1)}
    return t in lead or " ".join(score_meta.toks(gold)) in score_meta.parts(cand)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", default=os.path.join(SHARED, "corpus", "wide"))
    ap.add_argument("--variant", default="htmltext")
    ap.add_argument("--pred", default=None)
    ap.add_argument("--list", default=None, metavar="KIND")
    a = ap.parse_args()
    csv.field_size_limit(1 << 24)
    with open(os.path.join(a.gold, "manifest.tsv"), encoding="utf-8") as f:
        gold = {r["id"]: r for r in csv.DictReader(f, delimiter="\t")}
    pred = {}
    if a.pred:
        with open(a.pred, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    r = json.loads(line)
                    pred[str(r["id"])] = r
    stats = defaultdict(Counter)  # page type -> counter
    listed = []
    for i, g in sorted(gold.items()):
        want = g.get("title") or ""
        kind = g.get("page_type", "")
        path = os.path.join(a.gold, f"{i}.{a.variant}.txt")
        with open(path, encoding="utf-8", errors="replace") as f:
            raw = f.read()
        lines = [shown(l) for l in raw.split("\n")]
        alts = [x for m in ALT.findall(raw) for x in m if x.strip()]
        whole = [k for k, l in enumerate(lines) if l and score_meta.title_match(l, want)]
        part = [k for k, l in enumerate(lines) if l and k not in whole
                and any(score_meta.title_match(c, want) for c in candidates(l))]
        head = any(headline_ok(c, want) for k in whole + part for c in candidates(lines[k]))
        # No word in the gold: no title is right (score_meta's F1 of two empty token lists).
        none_ok = score_meta.title_match(None, want) or not score_meta.toks(want)
        if none_ok:
            whole = part = []
        alt = any(score_meta.title_match(c, want) for x in alts for c in candidates(x))
        for key in (kind, "ALL"):
            s = stats[key]
            s["pages"] += 1
            s["whole"] += bool(whole or none_ok)
            s["reach"] += bool(whole or part or none_ok)
            s["head"] += head or none_ok
            s["alt"] += bool(whole or part or none_ok or alt)
        if not a.pred:
            continue
        got = pred.get(i, {}).get("title")
        if score_meta.title_match(got, want) or none_ok and not score_meta.toks(got):
            miss = None
        elif none_ok:
            miss = "the gold has no title, one picked"
        elif not got:
            miss = "nothing picked" + ("" if whole or part else " (and no acceptable candidate)")
        elif not (whole or part):
            miss = "no acceptable candidate in the input"
        elif whole:
            miss = "an acceptable line exists, another picked"
        else:
            miss = "only a part of a line is acceptable"
        for key in (kind, "ALL"):
            stats[key]["right"] += miss is None
            if miss:
                stats[key]["miss: " + miss] += 1
        if miss and a.list is not None and miss.startswith(a.list):
            listed.append((i, kind, want, got, [lines[k] for k in (whole + part)[:3]]))
    pc = lambda k, n: f"{100 * k / n:5.1f} %"
    print(f"{a.variant}: reachable = a line or a part of one that score_meta accepts; "
          "headline = the same without a site's name alone")
    hdr = f"{'page type':<14} {'pages':>5} {'line':>8} {'reach':>8} {'headline':>8} {'with alt':>8}"
    print(hdr + (f" {'engine':>8}" if a.pred else ""))
    for key in sorted(stats, key=lambda k: (k == "ALL", k)):
        s = stats[key]
        n = s["pages"]
        row = f"{key:<14} {n:>5} {pc(s['whole'], n)} {pc(s['reach'], n)} {pc(s['head'], n)} {pc(s['alt'], n)}"
        if a.pred:
            row += f" {pc(s['right'], n)}"
        print(row)
    if a.pred:
        s = stats["ALL"]
        print(f"misses: {s['pages'] - s['right']}")
        for k, v in sorted(((k, v) for k, v in s.items() if k.startswith("miss: ")), key=lambda x: -x[1]):
            print(f"  {v:4d}  {k[6:]}")
    for i, kind, want, got, ok in listed:
        print(f"{i}\t{kind}\tgold: {want!r}\n\t\tgot:  {got!r}\n\t\tok:   {ok!r}")


if __name__ == "__main__":
    main()
