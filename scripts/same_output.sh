#!/bin/bash
# Checks that a change keeps the output: runs `jsonl` (both engines) over every dev and wide
# record (all three raw inputs, about 3,000) at a base revision and at the working tree, and
# compares the two outputs byte for byte.
#
#   bash scripts/same_output.sh [BASE_REV]      # default: HEAD (the working tree's changes)
#   BODIES_ONLY=1 bash scripts/same_output.sh main   # compare the bodies only (a change to
#                                                    # the title or byline rules)
#
# The base is built in a temporary worktree with its own target directory (a full release
# build, a few minutes; set BASE_TARGET to keep it between runs). Exit status 0 when both
# engines' outputs are identical.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-HEAD}
work=$(mktemp -d)
trap 'git worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
python3 - "$work/all.jsonl" <<'PY'
import json, os, sys
out = open(sys.argv[1], "w")
for corpus in ["dev", "wide"]:
    d = os.path.join("..", "shared", "corpus", corpus)
    if not os.path.isdir(d):
        continue
    for name in sorted(os.listdir(d)):
        if name.endswith(".gold.txt"):
            i = name[: -len(".gold.txt")]
            for v in ["htmltext", "resili", "markdown"]:
                p = os.path.join(d, f"{i}.{v}.txt")
                if os.path.exists(p):
                    text = open(p, encoding="utf-8", errors="replace").read()
                    out.write(json.dumps({"id": f"{corpus}/{i}/{v}", "text": text}) + "\n")
PY
echo "$(wc -l < "$work/all.jsonl") records"
git worktree add -q --detach "$work/base" "$base"
# BASE_TARGET=/tmp/deboil-base-target keeps the base's build between runs (a directory of its
# own, never this worktree's target: a stale build there is refused below).
base_target=${BASE_TARGET:-$work/target}
# Each side's binary is the executable cargo reports for its own build (its unit's file under
# deps/, named by a hash of the package's path), never the shared examples/jsonl: with
# BASE_TARGET set to the working tree's own target directory, a fresh (not rebuilt) working
# tree would otherwise leave the base's binary there and the check would compare the base
# with itself.
executable() {
    python3 -c 'import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "jsonl" and m.get("executable"):
        print(m["executable"])'
}
base_bin=$(cd "$work/base" && CARGO_TARGET_DIR="$base_target" cargo build -q --release --example jsonl --message-format=json | executable)
cp "$base_bin" "$work/base-jsonl"
base_bin="$work/base-jsonl"
new_bin=$(cargo build -q --release --example jsonl --message-format=json | executable)
if cmp -s "$base_bin" "$new_bin"; then
    # Equal binaries are expected when only files outside the build changed; when the sources
    # differ, the working tree was not rebuilt (a stale fingerprint, e.g. BASE_TARGET set to
    # this worktree's own target) and the comparison would be the base against itself.
    if ! git diff --quiet "$base" -- src examples Cargo.toml Cargo.lock build.rs 2>/dev/null; then
        echo "error: the sources differ from $base but both builds gave the same binary (stale build): set BASE_TARGET to a directory of its own" >&2
        exit 2
    fi
    echo "note: the base and the working tree built the same binary (no source change)"
fi
status=0
for engine in default fast; do
    flag=$([ "$engine" = fast ] && echo --fast || true)
    "$base_bin" $flag < "$work/all.jsonl" > "$work/base.$engine.jsonl"
    "$new_bin" $flag < "$work/all.jsonl" > "$work/new.$engine.jsonl"
    if [ -n "${BODIES_ONLY:-}" ]; then
        for side in base new; do
            python3 -c 'import json, sys
for l in open(sys.argv[1]):
    if l.strip():
        print(json.dumps(json.loads(l).get("body")))' "$work/$side.$engine.jsonl" > "$work/$side.$engine.bodies"
            mv "$work/$side.$engine.bodies" "$work/$side.$engine.jsonl"
        done
    fi
    if cmp -s "$work/base.$engine.jsonl" "$work/new.$engine.jsonl"; then
        echo "$engine engine: identical"
    else
        differ=$(python3 -c 'import sys; a, b = (open(p).read().split("\n") for p in sys.argv[1:]); print(sum(x != y for x, y in zip(a, b)) + abs(len(a) - len(b)))' \
            "$work/base.$engine.jsonl" "$work/new.$engine.jsonl")
        echo "$engine engine: DIFFERENT ($differ records differ)"
        status=1
    fi
done
exit $status
