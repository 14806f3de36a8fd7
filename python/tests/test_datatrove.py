"""The datatrove step: a tiny pipeline (JSON Lines reader -> DeboilCleaner -> writer)."""

import json
from pathlib import Path

import pytest

# datatrove is a test requirement: a missing install fails here rather than skipping.
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

import deboil
from deboil.datatrove import DeboilCleaner

ALL_BOILERPLATE = "Share this article\nSubscribe to our newsletter\nFollow us on Facebook\n"


def write_input(folder: Path, pages, files=1):
    folder.mkdir(parents=True)
    docs = [{"id": f"page-{i}", "text": t} for i, t in enumerate(pages) if t]
    docs.append({"id": "all-boilerplate", "text": ALL_BOILERPLATE})
    for f in range(files):
        with open(folder / f"part-{f}.jsonl", "w", encoding="utf-8") as out:
            for d in docs[f::files]:
                out.write(json.dumps(d) + "\n")
    return {d["id"]: d["text"] for d in docs}


def read_output(folder: Path):
    docs = {}
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            docs[d["id"]] = d
    return docs


def test_pipeline_cleans_text_and_records_metadata(tmp_path, pages):
    inputs = write_input(tmp_path / "in", pages)
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(tmp_path / "in")),
            DeboilCleaner(batch_size=2),
            JsonlWriter(str(tmp_path / "out"), compression=None),
        ],
        tasks=1,
        workers=1,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    out = read_output(tmp_path / "out")
    # Every document comes out (an empty body is kept unless drop_empty), ids kept.
    assert set(out) == set(inputs)
    for id_, text in inputs.items():
        want = deboil.clean(text)
        doc = out[id_]
        assert doc.get("text", "") == want.body
        meta = doc["metadata"]
        assert meta.get("title") == want.title
        assert meta.get("byline") == want.byline
        assert meta["removed"] == [r.to_dict() for r in want.removed]
        for r in meta["removed"]:
            # Character offsets into the original text.
            assert text[r["start"] : r["end"]].strip()
    assert out["page-0"]["metadata"]["byline"] == "By Zoë Łukasiewicz"
    assert "Share this article" not in out["page-1"]["text"]


def test_pipeline_drops_empty_bodies_and_ships_a_custom_cleaner_to_workers(tmp_path, pages):
    # Two tasks on two worker processes: the step, with its custom cleaner, is pickled.
    inputs = write_input(tmp_path / "in", pages, files=2)
    cleaner = deboil.Cleaner(add=[("coast-road", "other", r"the coast road was closed.*")])
    LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(tmp_path / "in")),
            DeboilCleaner(cleaner, prefix="deboil_", keep_removed=False, drop_empty=True),
            JsonlWriter(str(tmp_path / "out"), output_filename="${rank}.jsonl", compression=None),
        ],
        tasks=2,
        workers=2,
        logging_dir=str(tmp_path / "logs"),
    ).run()
    out = read_output(tmp_path / "out")
    assert "all-boilerplate" not in out
    assert set(out) == {i for i, t in inputs.items() if cleaner.clean(t).body}
    page = out["page-0"]
    assert "The coast road was closed" not in page["text"]
    assert page["text"] == cleaner.clean(inputs["page-0"]).body
    assert page["metadata"]["deboil_byline"] == "By Zoë Łukasiewicz"
    assert "deboil_removed" not in page["metadata"] and "removed" not in page["metadata"]
    stats = json.loads((tmp_path / "logs" / "stats.json").read_text())
    step = next(s for s in stats if "deboil" in s["name"])
    dropped = step["stats"]["dropped_empty"]
    dropped = dropped["total"] if isinstance(dropped, dict) else dropped
    assert dropped == sum(1 for t in inputs.values() if not cleaner.clean(t).body) >= 1


def test_batch_size_is_checked():
    with pytest.raises(ValueError, match="batch_size"):
        DeboilCleaner(batch_size=0)
