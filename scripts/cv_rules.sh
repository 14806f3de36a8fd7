#!/bin/bash
# Cross-validated figures for a change to rules that run AFTER the line classifier,
# without retraining: the classifier's training rows do not change, so the fold models of
# a base `scripts/cv.sh` run are the models cross-validation would train.
#
#   bash scripts/cv_rules.sh CV_DIR OUT_DIR [--base OTHER_OUT_DIR]   # CV_DIR: model_tune.rs, model_held-out.rs
#
# Builds the `jsonl` example once per fold model (swapped into src/classifier/model.rs and
# restored), keeps the two binaries in OUT_DIR, then runs scripts/cv_pages.py on them:
# every page of dev and wide scored by the model trained on the other half, per page and
# pooled. While it builds, src/classifier/model.rs holds a fold model: build or test nothing
# else in this worktree meanwhile. At the end the committed model is restored and the
# example rebuilt with it, so target/release/examples/jsonl (what scripts/eval.py runs) is
# the committed model's again.
set -euo pipefail
cd "$(dirname "$0")/.."
cv=$1
out=$2
mkdir -p "$out"
model=src/classifier/model.rs
trap 'git checkout -q "$model"' EXIT
for split in tune held-out; do
    cp "$cv/model_$split.rs" "$model"
    cargo build -q --release --example jsonl
    cp "${CARGO_TARGET_DIR:-target}/release/examples/jsonl" "$out/jsonl_$split"
done
git checkout -q "$model"
cargo build -q --release --example jsonl
python3 scripts/cv_pages.py "$out" "${@:3}"
