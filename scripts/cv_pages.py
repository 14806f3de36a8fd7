#!/usr/bin/env python3
"""Cross-validated figures per page, from two `jsonl` builds (see scripts/cv_rules.sh).

  python3 scripts/cv_pages.py OUT_DIR [--base OTHER_OUT_DIR]

OUT_DIR holds `jsonl_tune` (built with the fold model trained on the tune half) and
`jsonl_held-out`. Every page of dev (htmltext, resili, markdown) and wide (htmltext,
markdown; resili as a guard without a target) is cleaned by the binary whose model never saw it, scored with
../shared/eval/score.py's own functions, and pooled as scripts/cv.sh pools (the mean over
pages). Writes OUT_DIR/pages.tsv (one row per page and input) and OUT_DIR/recs/*.jsonl (the
records, with the removed spans), and prints:

- BoW F1 per corpus and input, per wide page type beside doing nothing (the raw input);
- issue 20's targets: dev >= 0.94 each, wide >= 0.82, Markdown within 0.01 of htmltext,
  pages whose htmltext body scores F1 >= 0.9 and whose Markdown scores under 0.5, empty
  bodies where the input has >= 50 words of prose (words on lines of 5 words or more);
- with --base, the pages that moved by more than 0.01 against another OUT_DIR.

Only for rules that run after the line classifier: a change before it changes the
classifier's training rows, and only scripts/cv.sh (which retrains) measures it.
"""
import argparse
import hashlib
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
sys.path.insert(0, os.path.join(SHARED, "eval"))
import score  # noqa: E402  (../shared/eval/score.py)

INPUTS = {"dev": ["htmltext", "resili", "markdown"], "wide": ["htmltext", "markdown"]}
# Scored and printed beside them as a guard, with no target of its own: wide resiliparse (a
# rule that raised dev resili lost on the wide pages' resiliparse text, 2026-12-09).
GUARDS = {"wide": ["resili"]}
SCORED = {c: inputs + GUARDS.get(c, []) for c, inputs in INPUTS.items()}


def held_out(page_id):
    """scripts/eval.py's split: held-out = odd first byte of the id's SHA-1."""
    return hashlib.sha1(page_id.encode()).digest()[0] % 2 == 1


def prose_words(text, markdown):
    if markdown:
        text = score.strip_markdown_links(text)
    n = 0
    for line in text.split("\n"):
        w = score.bow_tokens(line)
        if len(w) >= 5:
            n += len(w)
    return n


def run(binary, records):
    data = ("\n".join(json.dumps(r) for r in records) + "\n").encode()
    proc = subprocess.run([binary], input=data, capture_output=True)
    if proc.returncode != 0:
        sys.exit(f"{binary} failed: {proc.stderr.decode()[:2000]}")
    return [json.loads(l) for l in proc.stdout.decode().split("\n") if l.strip()]


def page_types(corpus):
    return score.load_sources(os.path.join(SHARED, "corpus", corpus), "page_type")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("--base", help="another OUT_DIR: list the pages that moved")
    a = ap.parse_args()
    os.makedirs(os.path.join(a.out, "recs"), exist_ok=True)
    rows = {}  # (corpus, input, id) -> (page type, F1, nothing F1, empty, prose words)
    for corpus, inputs in SCORED.items():
        gold_dir = os.path.join(SHARED, "corpus", corpus)
        types = page_types(corpus)
        ids = sorted(n[: -len(".gold.txt")] for n in os.listdir(gold_dir) if n.endswith(".gold.txt"))
        golds = {i: score.read(os.path.join(gold_dir, f"{i}.gold.txt")) for i in ids}
        for inp in inputs:
            md = inp == "markdown"
            texts = {i: score.read(os.path.join(gold_dir, f"{i}.{inp}.txt")) for i in ids}
            recs = []
            # the model trained on the tune half scores the held-out half, and the other way round
            for fold, want_held_out in (("tune", True), ("held-out", False)):
                part = [{"id": i, "text": texts[i]} for i in ids if held_out(i) == want_held_out]
                recs += run(os.path.join(a.out, f"jsonl_{fold}"), part)
            with open(os.path.join(a.out, "recs", f"{corpus}_{inp}.jsonl"), "w", encoding="utf-8") as f:
                for r in recs:
                    f.write(json.dumps(r) + "\n")
            for r in recs:
                i = r["id"]
                body = r.get("body") or ""
                pred = score.strip_markdown_links(body) if md else body
                raw = score.strip_markdown_links(texts[i]) if md else texts[i]
                f1 = score.score_doc(golds[i], pred)["bow_f1"]
                nothing = score.score_doc(golds[i], raw)["bow_f1"]
                rows[(corpus, inp, i)] = (types.get(i, ""), f1, nothing, not score.bow_tokens(pred),
                                          prose_words(texts[i], md))
    with open(os.path.join(a.out, "pages.tsv"), "w", encoding="utf-8") as f:
        f.write("corpus\tinput\tid\tpage_type\tf1\tnothing\tempty\tprose_words\n")
        for (c, inp, i), (t, f1, no, e, pw) in sorted(rows.items()):
            f.write(f"{c}\t{inp}\t{i}\t{t}\t{f1:.4f}\t{no:.4f}\t{int(e)}\t{pw}\n")
    report(rows)
    if a.base:
        moved(rows, load(os.path.join(a.base, "pages.tsv")))


def load(path):
    rows = {}
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            c, inp, i, t, f1, no, e, pw = line.rstrip("\n").split("\t")
            rows[(c, inp, i)] = (t, float(f1), float(no), e == "1", int(pw))
    return rows


def mean(xs):
    return sum(xs) / len(xs) if xs else float("nan")


def report(rows):
    fig = {}
    for corpus, inputs in SCORED.items():
        for inp in inputs:
            sel = [v for k, v in rows.items() if k[0] == corpus and k[1] == inp]
            fig[(corpus, inp)] = mean([v[1] for v in sel])
            print(f"{corpus}/{inp:9} n={len(sel):4} BoW F1 {fig[(corpus, inp)]:.4f}  (do nothing {mean([v[2] for v in sel]):.3f})")
    print("wide page types (cross-validated / do nothing):")
    types = sorted({v[0] for k, v in rows.items() if k[0] == "wide" and v[0]})
    below = []
    for t in types:
        cells = []
        for inp in INPUTS["wide"]:
            sel = [v for k, v in rows.items() if k[0] == "wide" and k[1] == inp and v[0] == t]
            f, no = mean([v[1] for v in sel]), mean([v[2] for v in sel])
            cells.append(f"{inp} {f:.3f} / {no:.3f}")
            if f <= no:
                below.append(f"{t} {inp}")
        print(f"  {t:14} n={len(sel):4} " + "   ".join(cells))
    print("targets:")
    ok = lambda b: "holds" if b else "OPEN"
    for inp in INPUTS["dev"]:
        print(f"  dev {inp} >= 0.94: {fig[('dev', inp)]:.4f} {ok(fig[('dev', inp)] >= 0.94)}")
    for inp in INPUTS["wide"]:
        print(f"  wide {inp} >= 0.82: {fig[('wide', inp)]:.4f} {ok(fig[('wide', inp)] >= 0.82)}")
    print(f"  every wide page type above doing nothing: {ok(not below)} {below}")
    for c in INPUTS:
        d = fig[(c, "htmltext")] - fig[(c, "markdown")]
        print(f"  {c} markdown within 0.01 of htmltext: {d:+.4f} {ok(d <= 0.01)}")
    bad = []
    for (c, inp, i), v in rows.items():
        if inp != "htmltext":
            continue
        m = rows.get((c, "markdown", i))
        if m and v[1] >= 0.9 and m[1] < 0.5:
            bad.append((c, i, v[0], v[1], m[1]))
    print(f"  pages htmltext >= 0.9, markdown < 0.5: {len(bad)} {ok(not bad)}")
    for c, i, t, h, m in sorted(bad):
        print(f"    {c} {i} {t}: htmltext {h:.3f} markdown {m:.3f}")
    empty = sorted((k, v[4]) for k, v in rows.items() if v[3] and v[4] >= 50)
    print(f"  empty bodies with >= 50 prose words in the input: {len(empty)} {ok(not empty)}")
    for (c, inp, i), pw in empty:
        print(f"    {c}/{inp} {i}: {pw} prose words")


def moved(rows, base):
    out = []
    for k, v in rows.items():
        b = base.get(k)
        if b and abs(v[1] - b[1]) > 0.01:
            out.append((v[1] - b[1], k, v[0], b[1], v[1]))
    print(f"pages moved by more than 0.01 against the base: {len(out)}")
    for d, (c, inp, i), t, b, v in sorted(out):
        print(f"  {d:+.3f} {c}/{inp} {i} {t}: {b:.3f} -> {v:.3f}")
    for corpus, inputs in SCORED.items():
        for inp in inputs:
            ks = [k for k in rows if k[0] == corpus and k[1] == inp and k in base]
            print(f"  {corpus}/{inp}: {mean([base[k][1] for k in ks]):.4f} -> {mean([rows[k][1] for k in ks]):.4f}")


if __name__ == "__main__":
    main()
