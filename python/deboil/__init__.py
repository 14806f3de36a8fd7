"""Strip boilerplate from scraped web text, explaining every removal.

>>> import deboil
>>> r = deboil.clean("Advertisement\\nThe library reopens on Monday after a two-year renovation, the city said.\\n")
>>> r.body
'The library reopens on Monday after a two-year renovation, the city said.'
>>> [(x.start, x.end, x.rule, x.category) for x in r.removed]
[(0, 14, 'advert', 'advert')]

``clean`` uses the default rules; build a ``Cleaner`` for other rule sets (``fast=True``
for the fast engine, ``add=[...]`` for your own pattern rules, ``remove=[...]`` to drop
rules by name, ``remove_categories=[...]`` by category) and ``Cleaner.clean_batch`` to
clean many texts in parallel with the GIL released. Offsets count characters of the
``str`` by default (``text[r.start:r.end]`` is the removed text); ``offsets="bytes"``
gives UTF-8 byte offsets, as the Rust crate and the ``jsonl`` command do.

See docs/PYTHON.md in the repository for the recipes (PySpark, datatrove).
"""

from ._deboil import (
    CATEGORIES,
    Cleaner,
    DeboilError,
    Removal,
    Result,
    __version__,
    clean,
    clean_bytes,
    rules,
)

__all__ = [
    "CATEGORIES",
    "Cleaner",
    "DeboilError",
    "Removal",
    "Result",
    "__version__",
    "clean",
    "clean_bytes",
    "rules",
]
