"""A datatrove pipeline step that cleans ``Document.text`` with deboil.

Needs datatrove (``pip install datatrove``); ``import deboil`` alone never imports it.

>>> from datatrove.executor import LocalPipelineExecutor
>>> from datatrove.pipeline.readers import JsonlReader
>>> from datatrove.pipeline.writers import JsonlWriter
>>> from deboil.datatrove import DeboilCleaner
>>> LocalPipelineExecutor(pipeline=[
...     JsonlReader("pages/"),
...     DeboilCleaner(),
...     JsonlWriter("clean/"),
... ], tasks=4).run()  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Optional

try:
    from datatrove.data import DocumentsPipeline
    from datatrove.pipeline.base import PipelineStep
    from datatrove.utils.typeshelper import StatHints
except ImportError as e:  # pragma: no cover - exercised only without datatrove
    raise ImportError(
        "deboil.datatrove needs datatrove: pip install datatrove"
    ) from e

from . import Cleaner

__all__ = ["DeboilCleaner"]


class DeboilCleaner(PipelineStep):
    """Replaces each document's text by its clean body and records what was removed.

    ``metadata[prefix + "title"]`` and ``metadata[prefix + "byline"]`` get the headline and
    the author line (``None`` when there is none); ``metadata[prefix + "removed"]`` the
    removed spans as dicts ``{"start", "end", "rule", "category"}`` with offsets into the
    *original* text (characters by default, ``offsets="bytes"`` for UTF-8 bytes), unless
    ``keep_removed=False``. Documents whose body is empty are dropped when
    ``drop_empty=True`` (counted as ``dropped_empty``).

    Documents are cleaned ``batch_size`` at a time with ``Cleaner.clean_batch`` on
    ``threads`` threads (1 by default: datatrove runs one task per core already).
    """

    name = "🧹 deboil"
    type = "✂️ - FORMAT"

    def __init__(
        self,
        cleaner: Optional[Cleaner] = None,
        *,
        prefix: str = "",
        keep_removed: bool = True,
        offsets: str = "chars",
        drop_empty: bool = False,
        batch_size: int = 64,
        threads: int = 1,
    ):
        super().__init__()
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.cleaner = cleaner if cleaner is not None else Cleaner()
        self.prefix = prefix
        self.keep_removed = keep_removed
        self.offsets = offsets
        self.drop_empty = drop_empty
        self.batch_size = batch_size
        self.threads = threads

    def _flush(self, batch):
        with self.track_time(unit="batch"):
            results = self.cleaner.clean_batch(
                [doc.text for doc in batch], threads=self.threads, offsets=self.offsets
            )
        p = self.prefix
        for doc, r in zip(batch, results):
            self.stat_update(StatHints.total)
            self.stat_update("removed_spans", value=len(r.removed))
            self.stat_update("removed_chars", value=len(doc.text) - len(r.body))
            doc.metadata[p + "title"] = r.title
            doc.metadata[p + "byline"] = r.byline
            if self.keep_removed:
                doc.metadata[p + "removed"] = [x.to_dict() for x in r.removed]
            doc.text = r.body
            if self.drop_empty and not r.body:
                self.stat_update("dropped_empty")
                continue
            self.stat_update(StatHints.forwarded)
            self.update_doc_stats(doc)
            yield doc

    def run(
        self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1
    ) -> DocumentsPipeline:
        batch = []
        for doc in data or ():
            batch.append(doc)
            if len(batch) >= self.batch_size:
                yield from self._flush(batch)
                batch = []
        if batch:
            yield from self._flush(batch)
