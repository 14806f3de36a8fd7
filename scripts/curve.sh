#!/bin/bash
# The quality-against-speed curve of the default engine's model size (issue 19), by
# two-fold cross-validation as in scripts/cv.sh, several models from one training run.
#
#   bash scripts/curve.sh OUT_DIR PAIRS [extra train args...]
#   bash scripts/curve.sh /tmp/curve 60:25,100:50,250:100
#   bash scripts/curve.sh /tmp/curve-d5 250:100 --depth 5 --stack-depth 4
#
# PAIRS are first-stage:second-stage tree counts (`train --curve`: the first stage is
# fitted once with the most trees and cut, the second fitted once per first-stage count).
# For each pair: the pooled 2-fold BoW F1 (dev three inputs, wide two) in
# OUT_DIR/T1-T2/pooled.txt, and the instructions of `timing htmltext 1` (start-up, one
# warm-up pass, one pass) under callgrind with the tune half's model in
# OUT_DIR/T1-T2/callgrind.txt (CURVE_CALLGRIND=0 skips it). Leaves src/classifier/model.rs
# as committed (swapped in and restored). Each pair costs two builds and two evaluations.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?OUT_DIR}
pairs=${2:?PAIRS T1:T2,...}
shift 2
mkdir -p "$out"
model=src/classifier/model.rs
target=${CARGO_TARGET_DIR:-target}
trap 'git checkout -q "$model"' EXIT
cargo build -q --release -p deboil-tools --bin train
for split in tune held-out; do
    "$target/release/train" --split "$split" --curve "$pairs" --out "$out/model_$split.rs" "$@" \
        2> "$out/train_$split.log"
done
for pair in ${pairs//,/ }; do
    name=${pair/:/-}
    dir="$out/$name"
    mkdir -p "$dir"
    for split in tune held-out; do
        other=$([ "$split" = tune ] && echo held-out || echo tune)
        cp "$out/model_$split.$name.rs" "$model"
        # One build: the `jsonl` example and the `timing` tool share one library build.
        cargo build -q --release -p deboil --example jsonl -p deboil-tools --bin timing
        python3 scripts/eval.py --split "$other" > "$dir/eval_$split.txt"
        python3 scripts/eval.py --split "$other" --corpus wide --variants htmltext,markdown >> "$dir/eval_$split.txt"
        if [ "$split" = tune ] && [ "${CURVE_CALLGRIND:-1}" != 0 ]; then
            valgrind --tool=callgrind --callgrind-out-file="$dir/callgrind.out" \
                "$target/release/timing" htmltext 1 > /dev/null 2> "$dir/callgrind.txt"
        fi
    done
    python3 scripts/cv_pool.py "$dir" > "$dir/pooled.txt"
done
for pair in ${pairs//,/ }; do
    name=${pair/:/-}
    echo "== $name"
    cat "$out/$name/pooled.txt"
    grep -h "Collected" "$out/$name/callgrind.txt" 2> /dev/null || true
done
