"""Parley in Python: code news into actors, events, quotes, claims, positions and divergences.

    import parley
    nlp = parley.Analyzer()                       # loads the models and data once
    doc = nlp("Israel rejected ...", date="2024-05-02", source="Reuters")
    for e in doc.events:
        print(e.cameo, e.source["code"], e.target["code"], doc.span(e.trigger))
    for doc in nlp.pipe(texts, batch_size=64, n_threads=2):   # GIL released, input order
        ...
    doc.events_frame()                            # pandas.DataFrame (when pandas is installed)

Every record has the same fields, with the same names and values, as the JSON record
`parley code` writes; offsets are byte offsets into the UTF-8 text (doc.span() slices them).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import Any

from . import _parley
from ._document import (
    Actor,
    Claim,
    Divergence,
    Document,
    Event,
    Position,
    Quote,
    Record,
    frame,
)

__all__ = [
    "Analyzer",
    "Document",
    "Record",
    "Actor",
    "Event",
    "Quote",
    "Claim",
    "Position",
    "Divergence",
    "frame",
    "STAGES",
]

STAGES = ("segment", "parse", "actors", "events", "attribution")

_META = ("title", "date", "source", "url")


def _installed_share() -> str | None:
    """The share/parley directory of a `cmake --install`ed package, or None in a build tree."""
    try:
        from . import _paths  # written by cmake --install
    except ImportError:
        return None
    return _paths.SHARE if os.path.isdir(_paths.SHARE) else None


def _paths_list(name: str, value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (str, os.PathLike)):
        return [os.fspath(value)]
    try:
        items = list(value)
    except TypeError:
        raise TypeError(f"{name} must be a path or a list of paths, not {type(value).__name__}") from None
    out = []
    for v in items:
        if not isinstance(v, (str, os.PathLike)):
            raise TypeError(f"{name} must hold paths (str or os.PathLike), not {type(v).__name__}")
        out.append(os.fspath(v))
    return out


def _as_bytes(text: Any, what: str) -> bytes:
    """UTF-8 bytes of the text; str is encoded here so a bad string fails with its position."""
    if isinstance(text, str):
        try:
            return text.encode("utf-8")
        except UnicodeEncodeError as e:
            raise ValueError(f"{what} is not valid Unicode text: {e}") from None
    if isinstance(text, (bytes, bytearray, memoryview)):
        return bytes(text)
    raise TypeError(f"{what} must be str or bytes, not {type(text).__name__}")


def _meta_str(name: str, value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if name == "date" and hasattr(value, "isoformat"):  # datetime.date / datetime.datetime
        return value.isoformat()[:10]
    raise TypeError(f"{name} must be str or None, not {type(value).__name__}")


class Analyzer:
    """The loaded Parley chain. Create it once (loading takes about a second) and reuse it.

    Args:
        models: directory of the models (segmenter.bin, tagger.bin, ...); default: found as
            `parley` finds it ($PARLEY_MODELS, $PARLEY_HOME/models, the install, the source tree).
        data: directory of the data tables (actors/, events/, cameo/, ...); default as models.
        lexicons: extra event pattern files (Parley lexicon format).
        petrarch_verbs: PETRARCH/TABARI verb dictionaries, converted to Parley patterns.
        discards: PETRARCH/TABARI discard lists.
        actor_dicts: PETRARCH/TABARI actor and agent dictionaries.
        threads: default number of C++ threads for pipe().
        stage: how far to analyse: "segment", "parse", "actors", "events" or "attribution".

    Raises:
        RuntimeError: the models or data are missing or a file is bad (the message names it).

    Calling it and pipe() are safe from several Python threads at once; both release the GIL.
    """

    def __init__(
        self,
        models: str | os.PathLike[str] | None = None,
        data: str | os.PathLike[str] | None = None,
        *,
        lexicons: Iterable[str | os.PathLike[str]] | None = None,
        petrarch_verbs: Iterable[str | os.PathLike[str]] | None = None,
        discards: Iterable[str | os.PathLike[str]] | None = None,
        actor_dicts: Iterable[str | os.PathLike[str]] | None = None,
        threads: int = 1,
        stage: str = "attribution",
    ) -> None:
        if not isinstance(threads, int) or isinstance(threads, bool) or threads < 1:
            raise ValueError(f"threads must be a positive int, not {threads!r}")
        if stage not in STAGES:
            raise ValueError(f"stage must be one of {', '.join(STAGES)}; got {stage!r}")
        share = None
        if (models is None or data is None) and not any(
            os.environ.get(v) for v in ("PARLEY_HOME", "PARLEY_MODELS", "PARLEY_DATA")
        ):
            share = _installed_share()
        if models is None:
            models = os.path.join(share, "models") if share else ""
        if data is None:
            data = os.path.join(share, "data") if share else ""
        self._impl = _parley.Analyzer(
            os.fspath(models),
            os.fspath(data),
            _paths_list("lexicons", lexicons),
            _paths_list("petrarch_verbs", petrarch_verbs),
            _paths_list("discards", discards),
            _paths_list("actor_dicts", actor_dicts),
            stage,
        )
        self.threads = threads
        self.stage = stage

    def __call__(
        self,
        text: str | bytes,
        *,
        title: str | None = None,
        date: Any = None,
        source: str | None = None,
        url: str | None = None,
    ) -> Document:
        """Analyses one article (plain text, read as `parley code file.txt` reads a file).

        Metadata given here overrides what the text says (a short first line is the title, a
        dateline the date). Raises ValueError on invalid UTF-8, TypeError on wrong types.
        """
        data = _as_bytes(text, "text")
        return Document(
            self._impl.analyze(
                data,
                _meta_str("title", title),
                _meta_str("date", date),
                _meta_str("source", source),
                _meta_str("url", url),
            ),
            self,
        )

    analyze = __call__

    def pipe(
        self,
        texts: Iterable[Any],
        *,
        batch_size: int = 64,
        n_threads: int | None = None,
        errors: str = "raise",
    ) -> Iterator[Document]:
        """Analyses many articles on C++ threads, yielding Documents in input order.

        Items are text (str or bytes), (text, meta) pairs with meta a dict of title, date,
        source and url, or dicts with a "text" key and those metadata keys. Each batch of
        `batch_size` items is analysed with the GIL released on `n_threads` threads (default:
        the Analyzer's `threads`). errors="raise" raises ValueError for a bad item (its index and
        why); errors="skip" leaves it out.
        """
        if not isinstance(batch_size, int) or isinstance(batch_size, bool) or batch_size < 1:
            raise ValueError(f"batch_size must be a positive int, not {batch_size!r}")
        threads = self.threads if n_threads is None else n_threads
        if not isinstance(threads, int) or isinstance(threads, bool) or threads < 1:
            raise ValueError(f"n_threads must be a positive int, not {threads!r}")
        if errors not in ("raise", "skip"):
            raise ValueError(f"errors must be 'raise' or 'skip', not {errors!r}")
        if isinstance(texts, (str, bytes)):
            raise TypeError("pipe() takes an iterable of texts; for one text call the Analyzer")
        batch: list[tuple] = []
        base = 0
        for item in texts:
            batch.append(self._item(item, base + len(batch)))
            if len(batch) >= batch_size:
                yield from self._run(batch, base, threads, errors)
                base += len(batch)
                batch = []
        if batch:
            yield from self._run(batch, base, threads, errors)

    def _item(self, item: Any, index: int) -> tuple:
        meta: dict[str, Any] = {}
        if isinstance(item, dict):
            if "text" not in item:
                raise ValueError(f"pipe item {index}: a dict item needs a 'text' key")
            text = item["text"]
            meta = item
        elif isinstance(item, tuple):
            if len(item) != 2 or not isinstance(item[1], dict):
                raise TypeError(f"pipe item {index}: a tuple item is (text, meta dict)")
            text, meta = item
        else:
            text = item
        try:
            return (
                _as_bytes(text, "text"),
                *(_meta_str(k, meta.get(k)) for k in _META),
            )
        except (TypeError, ValueError) as e:
            raise type(e)(f"pipe item {index}: {e}") from None

    def _run(self, batch: list[tuple], base: int, threads: int, errors: str) -> Iterator[Document]:
        results = self._impl.analyze_batch(batch, threads)
        for i, r in enumerate(results):
            if isinstance(r, str):
                if errors == "raise":
                    raise ValueError(f"pipe item {base + i}: {r}")
                continue
            yield Document(r, self)

    def code_files(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        threads: int | None = None,
        input_format: str = "auto",
        formats: Iterable[str] = ("jsonl",),
    ) -> dict[str, Any]:
        """Codes files as `parley code` does (directories, .txt, JSON lines, HTML, WARC, .gz).

        Returns {"rows": {format: [one string per article]}, "errors": [...], "articles": n,
        "skipped": n, "bytes": n, "seconds": s}. Bad inputs are listed in "errors", not raised.
        """
        return self._impl.code_files(
            _paths_list("paths", paths),
            self.threads if threads is None else threads,
            input_format,
            list(formats),
        )

    def format(self, doc: Document, format: str) -> str:
        """The document as `parley code -f FORMAT` writes it: jsonl, csv, gdelt, plover, table."""
        return self._impl.format(doc._doc, format)

    @staticmethod
    def csv_header() -> str:
        """The header line of format(doc, "csv")."""
        return _parley.Analyzer.csv_header()

    @property
    def models(self) -> str:
        """The model directory in use."""
        return self._impl.resources()[0]

    @property
    def data(self) -> str:
        """The data directory in use."""
        return self._impl.resources()[1]

    @property
    def load_warnings(self) -> list[dict[str, Any]]:
        """What the readers of the user's dictionaries skipped or repaired, per file."""
        return self._impl.load_warnings()

    def __repr__(self) -> str:
        return f"parley.Analyzer(models={self.models!r}, data={self.data!r}, stage={self.stage!r})"
