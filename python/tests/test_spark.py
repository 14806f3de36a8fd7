"""The PySpark recipes, in local mode over the dev corpus (../shared/corpus/dev, read at test
time): the binding under mapInPandas, and the `deboil` command (JSON Lines in and out)
under rdd.pipe with the binary shipped by addFile. Both must give the command's body for
every page (and its title, byline and removals), the same number of records, every id."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("DEBOIL_SHARED", REPO.parent / "shared"))
CORPUS = SHARED / "corpus" / "dev"

pytestmark = pytest.mark.skipif(
    not CORPUS.is_dir(),
    reason=f"{CORPUS} not found: the PySpark jobs run over the dev corpus in ../shared "
    "(set DEBOIL_SHARED to its folder)",
)

# Imported after the skip mark: pyspark is a test requirement, so a missing install fails.
import pandas as pd  # noqa: E402
from pyspark import SparkFiles  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402

import deboil  # noqa: E402

REMOVED = "array<struct<start:long,end:long,rule:string,category:string>>"
SCHEMA = f"id string, title string, byline string, body string, removed {REMOVED}"


@pytest.fixture(scope="module")
def records():
    """Every htmltext page of the dev corpus as {"id", "text"}, text exactly as on disk."""
    out = []
    for path in sorted(CORPUS.glob("*.htmltext.txt")):
        with open(path, encoding="utf-8", newline="") as f:
            out.append({"id": path.name.split(".")[0], "text": f.read()})
    assert len(out) > 100
    return out


@pytest.fixture(scope="module")
def command():
    """The `deboil` command, built (or found up to date) by cargo."""
    subprocess.run(
        ["cargo", "build", "--locked", "--release", "--bin", "deboil", "--quiet"],
        cwd=REPO,
        check=True,
    )
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    if not target.is_absolute():
        target = REPO / target
    path = target / "release" / "deboil"
    assert path.is_file(), path
    return path


@pytest.fixture(scope="module")
def reference(records, command):
    """The command's output for every record (byte offsets), by id."""
    stdin = "".join(json.dumps(r) + "\n" for r in records)
    out = subprocess.run(
        [str(command), "--input", "jsonl", "--threads", "2"],
        input=stdin.encode(),
        capture_output=True,
        check=True,
    ).stdout.decode()
    lines = out.splitlines()
    assert len(lines) == len(records)
    ref = {}
    for line in lines:
        rec = json.loads(line)
        assert "error" not in rec, rec
        ref[rec["id"]] = rec
    return ref


@pytest.fixture(scope="module")
def spark():
    # The workers run this interpreter (the venv with deboil, pandas and pyarrow).
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("deboil-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def char_offsets(text, start, end):
    """Byte offsets of `text`'s UTF-8 as character offsets."""
    raw = text.encode()
    return len(raw[:start].decode()), len(raw[:end].decode())


def clean_partitions(cleaner):
    """The mapInPandas function: one clean_batch per Arrow batch, one thread per task."""

    def run(batches):
        for pdf in batches:
            results = cleaner.clean_batch(pdf["text"].tolist(), threads=1)
            yield pd.DataFrame(
                {
                    "id": pdf["id"],
                    "title": [r.title for r in results],
                    "byline": [r.byline for r in results],
                    "body": [r.body for r in results],
                    "removed": [[x.to_dict() for x in r.removed] for r in results],
                }
            )

    return run


def test_map_in_pandas_gives_the_rust_bodies(spark, records, reference):
    df = spark.createDataFrame(pd.DataFrame(records)).repartition(4)
    # The cleaner travels to the workers pickled (by its arguments) inside the closure.
    out = df.mapInPandas(clean_partitions(deboil.Cleaner()), schema=SCHEMA).collect()
    assert len(out) == len(records)
    assert sorted(r["id"] for r in out) == sorted(reference)
    texts = {r["id"]: r["text"] for r in records}
    differ = [r["id"] for r in out if r["body"] != reference[r["id"]]["body"]]
    assert differ == [], f"{len(differ)} of {len(out)} bodies differ from the Rust command's"
    for row in out:
        ref = reference[row["id"]]
        assert (row["title"], row["byline"]) == (ref["title"], ref["byline"])
        # Character offsets here, byte offsets from the command: the same spans.
        text = texts[row["id"]]
        got = [(x["start"], x["end"], x["rule"], x["category"]) for x in row["removed"]]
        want = [(*char_offsets(text, x["start"], x["end"]), x["rule"], x["category"]) for x in ref["removed"]]
        assert got == want, row["id"]


def test_rdd_pipe_gives_the_rust_bodies(spark, records, reference, command):
    sc = spark.sparkContext
    sc.addFile(str(command))
    # In local mode the driver's copy is the workers' copy; on a cluster use "./deboil"
    # (the file lands in each executor's working directory). One thread per task: Spark
    # already runs one task per core.
    shipped = f"{SparkFiles.get(command.name)} --input jsonl --threads 1"
    lines = sc.parallelize([json.dumps(r) for r in records], 4)
    out = lines.pipe(shipped, checkCode=True).map(json.loads).collect()
    assert len(out) == len(records)
    assert sorted(r["id"] for r in out) == sorted(reference)
    for rec in out:
        assert rec == reference[rec["id"]], rec["id"]
