"""The type stubs: they match the extension module (mypy's stubtest) and type-check a
program that uses the API (mypy --strict)."""

import subprocess
import sys
import textwrap

USAGE = '''
import pickle
from typing import Optional

import deboil

cleaner: deboil.Cleaner = deboil.Cleaner(remove=["share"], add=[("promo", "advert", "use code .*")])
result: deboil.Result = cleaner.clean("text", offsets="bytes")
title: Optional[str] = result.title
spans: list[tuple[int, int, str, str]] = [(r.start, r.end, r.rule, r.category) for r in result.removed]
batch: list[deboil.Result] = cleaner.clean_batch(["a", "b"], threads=2)
raw: deboil.Result = deboil.clean_bytes(b"bytes")
names: list[str] = [r["name"] for r in deboil.rules()]
again: deboil.Cleaner = pickle.loads(pickle.dumps(cleaner))
try:
    deboil.Cleaner(fast=True, remove="share")
except deboil.DeboilError as e:
    message: str = str(e)
'''


def run(tmp_path, *args):
    cfg = tmp_path / "mypy.ini"
    cfg.write_text("[mypy]\nignore_missing_imports = True\ncache_dir = /dev/null\n")
    return subprocess.run(
        [sys.executable, "-m", *args, "--config-file" if args[0] == "mypy" else "--mypy-config-file", str(cfg)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )


def test_stubs_match_the_extension_module(tmp_path):
    r = run(tmp_path, "mypy.stubtest", "deboil._deboil")
    assert r.returncode == 0, r.stdout + r.stderr


def test_a_program_using_the_api_type_checks(tmp_path):
    (tmp_path / "usage.py").write_text(textwrap.dedent(USAGE))
    r = run(tmp_path, "mypy", "--strict", "usage.py")
    assert r.returncode == 0, r.stdout + r.stderr
    # And a wrong use does not.
    (tmp_path / "usage.py").write_text("import deboil\nx: int = deboil.clean('t').body\n")
    r = run(tmp_path, "mypy", "--strict", "usage.py")
    assert r.returncode == 1 and "incompatible types" in r.stdout.lower(), r.stdout
