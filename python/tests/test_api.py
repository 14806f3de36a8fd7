"""The binding's API: results, offsets, errors, options, pickling, threads, batches."""

import concurrent.futures
import multiprocessing
import os
import pickle
import subprocess
import sys
import threading

import pytest

import deboil


def spans(result):
    return [(r.start, r.end, r.rule, r.category) for r in result.removed]


def test_clean_gives_body_title_byline_and_removals(pages):
    r = deboil.clean(pages[0])
    assert r.body.startswith("The coast road was closed")
    assert r.body.endswith("on local radio.")
    assert "Subscribe" not in r.body and "Share this" not in r.body
    assert r.byline == "By Zoë Łukasiewicz"
    assert r.title is not None and r.title not in r.body
    rules = {x.rule for x in r.removed}
    assert {"subscribe", "share", "footer"} <= rules
    assert all(x.category in deboil.CATEGORIES for x in r.removed)
    assert str(r) == r.body
    assert r.offsets == "chars" and r.replaced == 0
    assert "removed=<" in repr(r)


def test_to_dict_is_plain_data(pages):
    r = deboil.clean(pages[0])
    d = r.to_dict()
    assert d["body"] == r.body and d["title"] == r.title and d["byline"] == r.byline
    assert d["removed"] == [
        {"start": x.start, "end": x.end, "rule": x.rule, "category": x.category}
        for x in r.removed
    ]


@pytest.mark.parametrize("index", range(5))
def test_char_offsets_slice_the_str(pages, index):
    text = pages[index]
    r = deboil.clean(text)
    b = deboil.clean(text, offsets="bytes")
    assert b.offsets == "bytes"
    assert len(r.removed) == len(b.removed)
    raw = text.encode()
    last = 0
    for c, x in zip(r.removed, b.removed):
        # Character offsets slice the str exactly where byte offsets slice its UTF-8.
        assert text[c.start : c.end] == raw[x.start : x.end].decode()
        assert (c.rule, c.category) == (x.rule, x.category)
        assert last <= c.start < c.end <= len(text)
        last = c.end
    # Kept text is what the removals leave: every body line is a kept line.
    kept = "".join(
        text[a:z] for a, z in zip([0] + [x.end for x in r.removed], [x.start for x in r.removed] + [len(text)])
    )
    for line in r.body.splitlines():
        assert line in kept


def test_non_ascii_offsets_differ_from_bytes(pages):
    # A page with multi-byte characters before its last removal: the two offset kinds
    # must disagree there, or the test above would prove nothing.
    text = pages[0]
    c = deboil.clean(text).removed[-1]
    b = deboil.clean(text, offsets="bytes").removed[-1]
    assert b.start > c.start
    assert text[c.start : c.end].startswith("©")


def test_lone_surrogates_are_replaced_and_offsets_kept():
    text = "Advertisement \ud800\nThe library reopens on Monday after a two-year renovation \udfff, the city said.\n"
    r = deboil.clean(text)
    assert r.removed[0].rule == "advert"
    assert text[r.removed[0].start : r.removed[0].end] == "Advertisement \ud800\n"
    assert "\ufffd" in r.body and "\udfff" not in r.body


def test_clean_bytes_maps_to_original_bytes():
    data = b"Share this article\r\nThe dam held through the night, \xc3engineers said on Tuesday morning.\r\n"
    r = deboil.clean_bytes(data)
    assert r.offsets == "bytes" and r.replaced == 1
    assert r.body.startswith("The dam held") and "\ufffd" in r.body
    first = r.removed[0]
    assert data[first.start : first.end] == b"Share this article\r\n"
    assert deboil.Cleaner().clean_bytes(bytearray(data)).to_dict() == r.to_dict()


def test_type_and_value_errors():
    with pytest.raises(TypeError, match="expected str, got bytes"):
        deboil.clean(b"bytes are for clean_bytes")
    with pytest.raises(TypeError):
        deboil.clean(None)
    with pytest.raises(ValueError, match="offsets"):
        deboil.clean("x", offsets="lines")
    with pytest.raises(TypeError, match=r"texts\[1\]"):
        deboil.Cleaner().clean_batch(["ok", 3])
    with pytest.raises(TypeError, match="not a str"):
        deboil.Cleaner().clean_batch("a single str")
    with pytest.raises(ValueError, match="at least 1"):
        deboil.Cleaner().clean_batch(["x"], threads=0)


def test_builder_errors_carry_the_rust_message():
    assert issubclass(deboil.DeboilError, ValueError)
    with pytest.raises(deboil.DeboilError, match=r"^rule `bad`: invalid pattern") as e:
        deboil.Cleaner(add=[("bad", "other", "(unclosed")])
    # The regex crate's explanation follows the crate's own message.
    assert "regex parse error" in str(e.value) and "unclosed group" in str(e.value)
    with pytest.raises(deboil.DeboilError, match="unknown rule `no-such-rule`"):
        deboil.Cleaner(remove=["no-such-rule"])
    with pytest.raises(deboil.DeboilError, match="unknown category `nonsense`"):
        deboil.Cleaner(remove_categories="nonsense")
    with pytest.raises(deboil.DeboilError, match="empty string"):
        deboil.Cleaner(add=[("blank", "other", "a*")])
    with pytest.raises(deboil.DeboilError, match="duplicate rule name `share`"):
        deboil.Cleaner(add=[("share", "share", "x+")])
    with pytest.raises(deboil.DeboilError, match="invalid rule name"):
        deboil.Cleaner(keep=[("bad name", "x+")])
    with pytest.raises(deboil.DeboilError, match="fast=True takes no rule options"):
        deboil.Cleaner(fast=True, remove=["share"])
    with pytest.raises(TypeError, match="list of tuples"):
        deboil.Cleaner(add="promo")


PROMO = (
    "Orchard opens for the season\n"
    "The orchard opens its gates to visitors on Saturday morning, weather permitting.\n"
    "Use code SPRING for 20% off today at the farm shop, the owners said on Friday.\n"
    "Pickers can fill a basket of apples for five pounds, and children go free all weekend long.\n"
    "Share this article\n"
)


def test_added_removed_and_kept_rules():
    plain = deboil.clean(PROMO)
    assert "SPRING" in plain.body
    c = deboil.Cleaner(add=[("promo-code", "advert", r"use code \w+ for \d+% off.*")], remove="share")
    r = c.clean(PROMO)
    promo = [x for x in r.removed if x.rule == "promo-code"]
    assert len(promo) == 1 and promo[0].category == "advert"
    assert PROMO[promo[0].start : promo[0].end].startswith("Use code SPRING")
    assert "SPRING" not in r.body
    assert "Share this article" in r.body
    names = [x["name"] for x in c.rules()]
    assert names[0] == "promo-code" and "share" not in names
    # A keep rule protects its lines from every rule after it.
    k = deboil.Cleaner(keep=[("keep-share", "share this article")])
    assert "Share this article" in k.clean(PROMO).body
    # Removing a category drops every rule of it.
    nc = deboil.Cleaner(remove_categories=["share"])
    assert not any(x["category"] == "share" for x in nc.rules())
    assert "Share this article" in nc.clean(PROMO).body


def test_empty_fast_and_moved_rule_sets():
    assert deboil.Cleaner(empty=True).rules() == []
    empty = deboil.Cleaner(empty=True).clean(PROMO)
    assert empty.body == PROMO.rstrip("\n") and empty.removed == () and empty.title is None
    fast = deboil.Cleaner(fast=True)
    assert fast.fast and [x["name"] for x in fast.rules()] == ["fast-classifier"]
    assert all(x.rule == "fast-classifier" for x in fast.clean(PROMO).removed)
    moved = deboil.Cleaner(add=[("promo", "advert", "use code.*")], move_after=[("promo", "share")])
    names = [x["name"] for x in moved.rules()]
    assert names[names.index("share") + 1] == "promo"
    assert deboil.rules() == deboil.Cleaner().rules()
    assert {"name", "category", "description"} == set(deboil.rules()[0])


CUSTOM = dict(
    add=[("promo-code", "advert", r"use code \w+ for \d+% off.*")],
    keep=[("keep-orchard", "the orchard opens.*")],
    remove=["share"],
)


def test_cleaner_pickles_by_its_arguments(pages):
    for c in [deboil.Cleaner(), deboil.Cleaner(fast=True), deboil.Cleaner(**CUSTOM)]:
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
            back = pickle.loads(pickle.dumps(c, protocol=protocol))
            assert repr(back) == repr(c)
            assert back.rules() == c.rules()
            for text in pages + [PROMO]:
                assert back.clean(text).to_dict() == c.clean(text).to_dict()
    assert repr(deboil.Cleaner(**CUSTOM)).startswith("Cleaner(remove=['share']")


def test_results_and_removals_pickle(pages):
    r = deboil.clean(pages[0])
    back = pickle.loads(pickle.dumps(r))
    assert back.to_dict() == r.to_dict() and back.offsets == r.offsets
    x = r.removed[0]
    assert pickle.loads(pickle.dumps(x)) == x
    assert hash(pickle.loads(pickle.dumps(x))) == hash(x)
    assert deboil.Removal(x.start, x.end, x.rule, x.category) == x


def _clean_in_worker(args):
    cleaner, text = args
    return cleaner.clean(text)


def test_multiprocessing_spawn_round_trips_cleaner_and_results(pages):
    c = deboil.Cleaner(**CUSTOM)
    texts = pages + [PROMO]
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        got = pool.map(_clean_in_worker, [(c, t) for t in texts])
    assert [g.to_dict() for g in got] == [c.clean(t).to_dict() for t in texts]
    assert "promo-code" in [x.rule for x in got[-1].removed]


def test_one_cleaner_from_many_threads(pages):
    c = deboil.Cleaner()
    texts = pages * 8
    want = [c.clean(t).to_dict() for t in texts]
    with concurrent.futures.ThreadPoolExecutor(8) as ex:
        got = list(ex.map(lambda t: c.clean(t).to_dict(), texts))
    assert got == want


@pytest.mark.parametrize("threads", [None, 1, 2, 3])
@pytest.mark.parametrize("offsets", ["chars", "bytes"])
def test_clean_batch_equals_clean(pages, threads, offsets):
    c = deboil.Cleaner()
    texts = pages * 5
    got = c.clean_batch(texts, threads=threads, offsets=offsets)
    assert [g.to_dict() for g in got] == [c.clean(t, offsets=offsets).to_dict() for t in texts]
    assert c.clean_batch([], threads=threads) == []
    # Any iterable of str.
    assert [g.body for g in c.clean_batch(iter(texts[:3]))] == [c.clean(t).body for t in texts[:3]]


def test_clean_batch_releases_the_gil(pages):
    # While the batch is cleaned, a Python thread keeps counting: it could not if the
    # GIL were held for the whole call.
    c = deboil.Cleaner()
    texts = [p * 40 for p in pages] * 4
    count = [0]
    stop = threading.Event()

    def spin():
        while not stop.is_set():
            count[0] += 1

    t = threading.Thread(target=spin)
    t.start()
    try:
        before = count[0]
        c.clean_batch(texts, threads=1)
        during = count[0] - before
    finally:
        stop.set()
        t.join()
    assert during > 1000, during


FORKED = """
import multiprocessing as mp, deboil
c = deboil.Cleaner()
texts = ["Share this article\\nThe museum opens a new wing for local artists next spring, its director said."] * 40
print(len(c.clean_batch(texts)), len(c.clean_batch(texts, threads=2)))  # the parent's pools
def work(_):
    return len(c.clean_batch(texts)) + len(c.clean_batch(texts, threads=2))
with mp.get_context("fork").Pool(2) as pool:
    print(*pool.map(work, range(2)))
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_clean_batch_in_forked_children_of_a_parent_that_used_it():
    # A forked child inherits the parent's thread pools without their threads: it must
    # build its own instead of waiting forever on them.
    r = subprocess.run([sys.executable, "-c", FORKED], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["40", "40", "80", "80"]
