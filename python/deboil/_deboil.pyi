"""Type stubs of the extension module (``deboil`` re-exports everything here)."""

from collections.abc import Iterable, Sequence
from typing import Any, Literal, Optional, Union, final

from typing_extensions import TypeAlias

__all__ = [
    "CATEGORIES",
    "Cleaner",
    "DeboilError",
    "Removal",
    "Result",
    "__version__",
    "_cleaner",
    "_result",
    "clean",
    "clean_bytes",
    "rules",
]

__version__: str

CATEGORIES: tuple[str, ...]
"""Every category name a removal can have, e.g. ``"navigation"``, ``"share"``."""

_Offsets: TypeAlias = Literal["chars", "bytes"]

class DeboilError(ValueError):
    """A cleaner could not be built: a bad pattern, rule name or category.

    The message is the Rust error's, its cause (e.g. the regex syntax error) after a colon.
    """

@final
class Removal:
    """One removed span of the input.

    ``start`` and ``end`` are half-open offsets: characters of the ``str`` by default (so
    ``text[r.start:r.end]`` is the removed text), UTF-8 bytes with ``offsets="bytes"`` and
    from ``clean_bytes``.
    """

    def __new__(cls, start: int, end: int, rule: str, category: str) -> Removal: ...
    @property
    def start(self) -> int:
        """Where the span starts (inclusive)."""
    @property
    def end(self) -> int:
        """Where the span ends (exclusive)."""
    @property
    def rule(self) -> str:
        """The name of the rule that removed the span (see ``Cleaner.rules()``)."""
    @property
    def category(self) -> str:
        """What kind of boilerplate the span is (one of ``CATEGORIES``)."""
    def to_dict(self) -> dict[str, Any]:
        """``{"start", "end", "rule", "category"}``: plain, JSON-ready values."""
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Result:
    """The result of cleaning one document. ``str(result)`` is the body."""

    @property
    def body(self) -> str:
        """The clean article body: the kept lines with only whitespace normalised."""
    @property
    def title(self) -> Optional[str]:
        """The headline, when a rule recognised one (never part of the body)."""
    @property
    def byline(self) -> Optional[str]:
        """The author line, when a rule recognised one (never part of the body)."""
    @property
    def removed(self) -> tuple[Removal, ...]:
        """Every removed span, in input order, non-overlapping."""
    @property
    def offsets(self) -> _Offsets:
        """What ``Removal.start`` and ``.end`` count."""
    @property
    def replaced(self) -> int:
        """How many invalid UTF-8 sequences ``clean_bytes`` replaced by U+FFFD."""
    def to_dict(self) -> dict[str, Any]:
        """``{"title", "byline", "body", "removed": [...]}``: plain, JSON-ready values."""

@final
class Cleaner:
    """A compiled rule set: build once, clean many documents, from any number of threads.

    With no arguments, the default rules (as ``deboil.clean``). The rule options are
    applied in this order: ``remove`` (rule names), ``remove_categories``, ``keep``
    (protecting pattern rules), ``add`` (removing pattern rules), ``move_before``,
    ``move_after``. Added and keep rules run before every built-in rule, in the order
    given (keep rules first). A pattern must match a whole trimmed line (it is anchored for
    you) and ignores case.

    ``fast=True`` is the fast engine (one rule, ``fast-classifier``; many times faster,
    a little less accurate); it takes no rule options. ``empty=True`` starts from no rules.

    Raises ``DeboilError`` for a bad pattern, rule name or category. Picklable (rebuilt
    from its arguments), so it travels to Spark executors and multiprocessing workers.
    """

    def __new__(
        cls,
        *,
        fast: bool = False,
        empty: bool = False,
        remove: Union[str, Iterable[str], None] = None,
        remove_categories: Union[str, Iterable[str], None] = None,
        keep: Optional[Iterable[tuple[str, str]]] = None,
        add: Optional[Iterable[tuple[str, str, str]]] = None,
        move_before: Optional[Iterable[tuple[str, str]]] = None,
        move_after: Optional[Iterable[tuple[str, str]]] = None,
    ) -> Cleaner: ...
    @property
    def fast(self) -> bool:
        """Whether this is the fast engine."""
    def clean(self, text: str, *, offsets: _Offsets = "chars") -> Result:
        """Cleans ``text``; the GIL is released while it runs."""
    def clean_bytes(self, data: Union[bytes, bytearray]) -> Result:
        """Cleans raw bytes: invalid UTF-8 is decoded as U+FFFD; offsets are bytes of ``data``."""
    def clean_batch(
        self,
        texts: Iterable[str],
        threads: Optional[int] = None,
        *,
        offsets: _Offsets = "chars",
    ) -> list[Result]:
        """Cleans many texts in parallel with the GIL released; results in input order.

        ``threads=None`` uses a pool with one thread per core, ``threads=1`` the calling
        thread alone, ``threads=n`` a pool of ``n`` threads; each pool is built once per
        process (a forked child builds its own).
        """
    def rules(self) -> list[dict[str, str]]:
        """The rules in the order they run: ``{"name", "category", "description"}`` each."""

def clean(text: str, *, offsets: _Offsets = "chars") -> Result:
    """Cleans ``text`` with the default rules (compiled once per process)."""

def clean_bytes(data: Union[bytes, bytearray]) -> Result:
    """Cleans raw bytes with the default rules; offsets are bytes of ``data``."""

def rules() -> list[dict[str, str]]:
    """The default rules in the order they run."""

def _cleaner(kwargs: dict[str, Any]) -> Cleaner: ...
def _result(
    body: str,
    title: Optional[str],
    byline: Optional[str],
    removed: Sequence[Removal],
    offsets: _Offsets,
    replaced: int,
) -> Result: ...
