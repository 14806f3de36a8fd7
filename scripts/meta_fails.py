#!/usr/bin/env python3
"""List the pages whose title or byline score_meta.py counts wrong (standard library only).

  python3 scripts/eval.py --corpus wide --variants htmltext --meta /tmp/meta.jsonl
  python3 scripts/meta_fails.py --pred /tmp/meta.jsonl [--what title|byline] [--type article]

Prints, per failing page: id, page type, the gold and the predicted text; then the count of
failures per page type. Uses score_meta.py's own matching (imported from ../shared/eval).

  python3 scripts/meta_fails.py --pred /tmp/meta.jsonl --premise htmltext

With --premise VARIANT (the variant the predictions were made on): what choosing one input
line can reach for titles. (1) How many inputs hold a line that score_meta counts as a
correct title at all, and how many hold one that is more than a non-leading part of the gold
(a site's name alone, "Site" of "Headline | Site", counts as correct but is no headline);
(2) the title misses by where the acceptable lines sit against the picked one (htmltext: the
`title` element is its first line); (3) on pages whose `title` element and `h1` (the first
`# ` heading of the same page's Markdown) reword each other, which of the two the gold
takes, and whether the engine got the page right.
"""
import argparse, csv, json, os, re, sys
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
    ap.add_argument("--premise", default=None, metavar="VARIANT", help="title reach on this input variant (see above)")
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
    if a.premise:
        premise(a.gold, gold, pred, a.premise)
        return
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


IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def shown(line):
    """A line as a title would be reported: Markdown images dropped, links as their text,
    heading marks and emphasis around it dropped."""
    line = LINK.sub(r"\1", IMAGE.sub(" ", line))
    return line.strip().lstrip("#").strip().strip("*_ ").strip()


def headline_match(line, gold):
    """score_meta.title_match, less a line that is only a non-leading part of the gold."""
    if score_meta.f1(line, gold) >= 0.8:
        return True
    t, ps = " ".join(score_meta.toks(line)), score_meta.SEP.split(gold or "")
    lead = {" ".join(score_meta.toks(" ".join(ps[:k]))) for k in range(1, len(ps) + 1)}
    return bool(t) and (t in lead or " ".join(score_meta.toks(gold)) in score_meta.parts(line))


def premise(gold_dir, gold, pred, variant):
    n = any_ok = head_ok = 0
    other = other_reach = 0  # pages outside the h1-vs-title-element conflict; of them, with an acceptable line
    kinds, mix = Counter(), Counter()
    for i, g in sorted(gold.items()):
        n += 1
        want = g.get("title")
        with open(os.path.join(gold_dir, f"{i}.{variant}.txt"), encoding="utf-8", errors="replace") as f:
            lines = [shown(l) for l in f.read().split("\n") if l.strip()]
        ok = [k for k, l in enumerate(lines) if l and score_meta.title_match(l, want)]
        any_ok += bool(ok)
        head_ok += any(headline_match(lines[k], want) for k in ok)
        got = pred.get(i, {}).get("title")
        right = score_meta.title_match(got, want)
        if variant == "htmltext" and lines:
            with open(os.path.join(gold_dir, f"{i}.markdown.txt"), encoding="utf-8", errors="replace") as f:
                h1 = next((shown(l) for l in f.read().split("\n") if l.startswith("# ") and shown(l)), None)
            t = lines[0]
            if not (h1 and not score_meta.title_match(h1, t)):
                other += 1
                other_reach += bool(ok)
            if h1 and not score_meta.title_match(h1, t):
                mt, mh = score_meta.title_match(t, want), score_meta.title_match(h1, want)
                k = "both" if mt and mh else "title element" if mt else "h1" if mh else "neither"
                mix[(k, right)] += 1
        if right:
            continue
        pick = next((k for k, l in enumerate(lines) if got and l == got.strip()), None)
        if not ok:
            kind = "no acceptable line in the input"
        elif pick is None:
            kind = "the pick is no input line as printed"
        elif variant == "htmltext" and pick == 0:
            kind = "picks the title element, the gold is a line below"
        elif variant == "htmltext" and ok == [0]:
            kind = "picks a line below, the gold is the title element only"
        elif variant == "htmltext" and 0 in ok:
            kind = "picks a line below, not the gold; the title element and another line are"
        elif pick < min(ok):
            kind = "picks a line above every acceptable one"
        else:
            kind = "picks another line below or between acceptable ones"
        kinds[kind] += 1
    pc = lambda k: f"{k} ({100 * k / n:.1f} %)"
    print(f"{variant}: {n} pages; {pc(any_ok)} hold a line score_meta accepts as the title, "
          f"{pc(head_ok)} one that is more than a non-leading part of the gold (a site's name)")
    print(f"title misses: {sum(kinds.values())}")
    for k, v in kinds.most_common():
        print(f"  {v:4d}  {k}")
    if mix:
        print("pages whose h1 (Markdown's first '# ' heading) rewords the title element "
              f"(neither is a part of the other): {sum(mix.values())}")
        for k in ("h1", "title element", "both", "neither"):
            r, w = mix[(k, True)], mix[(k, False)]
            print(f"  the gold is {k:<14} {r + w:4d}   engine right {r:4d}, wrong {w:4d}")
        need = -(-9 * n // 10) - other_reach
        print(f"other pages: {other}, {other_reach} of them with an acceptable line; 90 % of {n} "
              f"needs {need} of the {sum(mix.values())} right even with all of those right "
              f"(engine today: {sum(v for (k, r), v in mix.items() if r)})")


if __name__ == "__main__":
    main()
