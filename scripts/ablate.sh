#!/bin/bash
# One row of docs/record/2026-12-08-ablate.md: the default engine with some of its rules
# dropped at run time, its cross-validated figures (the base fold models, as
# scripts/cv_rules.sh) and its instructions a pass.
#
#   bash scripts/ablate.sh CV_DIR OUT_DIR [NAMES]   # CV_DIR: model_tune.rs, model_held-out.rs
#   bash scripts/ablate.sh /tmp/lead/cv-end /tmp/abl/title title
#   bash scripts/ablate.sh /tmp/lead/cv-end /tmp/abl/base ""          # the base row
#
# NAMES: comma-separated rule names (`cargo run --example rules`), plus `second-stage` (the
# classifier decides every line on its first stage's score) and `language-guess` (the
# stopwords of every language instead of the guessed one's). A measurement switch only:
# the experiment-only patch below (the env var DEBOIL_ABLATE, read by Cleaner::new, the
# classifier and the stopword choice) is applied to the work tree for the builds and
# reverted after them; without the env var its binaries give main's output. It applies to main
# at 701158c; a later main may need it refreshed.
#
# The three binaries (jsonl with each fold model, timing) go to $BIN (default OUT_DIR/bin)
# and are reused when present, so one BIN serves every row. Prints cv_pages.py's figures
# (against OUT_DIR/../base when that holds a pages.tsv), score_meta.py's titles and bylines
# on wide, and the instructions of one pass over the dev htmltext pages (callgrind).
# For rules before the line classifier the figure is "removed at run time with models
# trained with it", not "retrained without it".
set -euo pipefail

main() {
    local cv out names bin base one
    cv=$(realpath "$1")
    out=$(realpath -m "$2")
    names=${3:-}
    bin=$(realpath -m "${BIN:-$out/bin}")
    cd "$(dirname "$0")/.."
    mkdir -p "$out" "$bin"
    if [ ! -x "$bin/timing" ]; then
        model=src/classifier/model.rs
        patch=$(mktemp)
        trap 'git checkout -q "$model"; git apply -R "$patch" 2>/dev/null || true; rm -f "$patch"' EXIT
        switch_patch >"$patch"
        git apply "$patch"
        for split in tune held-out; do
            cp "$cv/model_$split.rs" "$model"
            cargo build -q --release --example jsonl
            cp "${CARGO_TARGET_DIR:-target}/release/examples/jsonl" "$bin/jsonl_$split"
        done
        git checkout -q "$model"
        cargo build -q --release -p deboil-tools --bin timing
        cp "${CARGO_TARGET_DIR:-target}/release/timing" "$bin/timing"
        git apply -R "$patch"
        rm -f "$patch"
        trap - EXIT
    fi
    ln -sf "$(realpath "$bin")/jsonl_tune" "$out/jsonl_tune"
    ln -sf "$(realpath "$bin")/jsonl_held-out" "$out/jsonl_held-out"
    base=()
    [ -f "$out/../base/pages.tsv" ] && [ "$(realpath "$out/../base")" != "$(realpath "$out")" ] &&
        base=(--base "$out/../base")
    export DEBOIL_ABLATE=$names
    python3 scripts/cv_pages.py "$out" "${base[@]}"
    for inp in htmltext markdown; do
        echo "wide $inp:"
        python3 ../shared/eval/score_meta.py --gold ../shared/corpus/wide --pred "$out/recs/wide_$inp.jsonl"
    done
    # One timed pass: what callgrind counts between timing's two `cpu_secs` calls (the
    # second dump); the same figure as `timing htmltext 2` minus `1` (928 M both ways at
    # 701158c), for one run instead of two.
    valgrind --tool=callgrind --dump-before=timing::cpu_secs --callgrind-out-file="$out/callgrind" \
        "$bin/timing" htmltext 1 >"$out/timing.log" 2>&1
    one=$(awk '/^summary:/ {print $2; exit}' "$out/callgrind.2")
    echo "instructions a pass (timing htmltext 1, between its cpu_secs calls): $((one / 1000000)) M"
}

# The experiment-only switch (not on main).
switch_patch() {
    cat <<'PATCH'
diff --git a/src/classifier/stages.rs b/src/classifier/stages.rs
index 54f3639..17952f6 100644
--- a/src/classifier/stages.rs
+++ b/src/classifier/stages.rs
@@ -125,6 +125,10 @@ impl Rule for Classifier {
                 *s = d;
             }
         }
+        static NO_SECOND: LazyLock<bool> =
+            LazyLock::new(|| crate::cleaner::ablated("second-stage"));
+        let no_second = *NO_SECOND;
+        let unsure = |k: usize| unsure(k) && !no_second;
         let context = stack::Context::new(lines, |k| kept[k].columns, &first, &page.terms, unsure);
         let mut scores = Vec::new();
         SECOND.score_rows(
@@ -147,7 +151,11 @@ impl Rule for Classifier {
                     return None;
                 }
                 // A line the head decided keeps its head score.
-                let score = if sure[k] { first[k] } else { scores[k] };
+                let score = if sure[k] || no_second {
+                    first[k]
+                } else {
+                    scores[k]
+                };
                 if score >= bars[k] {
                     return None;
                 }
diff --git a/src/cleaner.rs b/src/cleaner.rs
index ef20038..71ec3cb 100644
--- a/src/cleaner.rs
+++ b/src/cleaner.rs
@@ -11,6 +11,19 @@ use crate::{Cleaned, CleanerBuilder};
 pub(crate) static DEFAULT_RULES: LazyLock<Vec<Arc<dyn Rule>>> =
     LazyLock::new(|| rules::default_rules().into_iter().map(Arc::from).collect());
 
+/// EXPERIMENT ONLY (not for main): names in the env var DEBOIL_ABLATE (comma-separated).
+pub(crate) fn ablated(name: &str) -> bool {
+    static NAMES: LazyLock<Vec<String>> = LazyLock::new(|| {
+        std::env::var("DEBOIL_ABLATE")
+            .unwrap_or_default()
+            .split(',')
+            .map(|s| s.trim().to_owned())
+            .filter(|s| !s.is_empty())
+            .collect()
+    });
+    NAMES.iter().any(|n| n == name)
+}
+
 /// A compiled rule set. Cheap to clone (the rules are shared), `Send + Sync`: build one
 /// and use it from any number of threads.
 ///
@@ -35,8 +48,15 @@ pub struct Cleaner {
 impl Cleaner {
     /// The default rule set (the same one [`clean`](crate::clean) uses).
     pub fn new() -> Cleaner {
-        static DEFAULT: LazyLock<Cleaner> =
-            LazyLock::new(|| Cleaner::from_rules(DEFAULT_RULES.clone()));
+        static DEFAULT: LazyLock<Cleaner> = LazyLock::new(|| {
+            Cleaner::from_rules(
+                DEFAULT_RULES
+                    .iter()
+                    .filter(|r| !ablated(r.name()))
+                    .cloned()
+                    .collect(),
+            )
+        });
         DEFAULT.clone()
     }
 
diff --git a/src/phrases/stopwords.rs b/src/phrases/stopwords.rs
index 9007b44..3fa8ed3 100644
--- a/src/phrases/stopwords.rs
+++ b/src/phrases/stopwords.rs
@@ -311,6 +311,10 @@ pub(crate) fn for_text(sample: &str) -> &'static Stopwords {
             .map(|l| Stopwords::of(&[l]))
             .collect()
     });
+    static NO_GUESS: LazyLock<bool> = LazyLock::new(|| crate::cleaner::ablated("language-guess"));
+    if *NO_GUESS {
+        return union();
+    }
     if plainly_english(sample, &SETS[0]) {
         return &SETS[0];
     }
PATCH
}

main "$@"
