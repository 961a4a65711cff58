"""Documents and their records as Python objects, and pandas frames of them.

A Document is built from the JSON record `parley code` writes (the C++ side computes it with the
analysis), so every record has exactly the JSON's fields: `event.cameo`, `event.plover["type"]`,
`quote.speaker_code`, `actor.mentions[0]["start"]`... Offsets are byte offsets into the UTF-8
text; Document.span() turns them into text.
"""

from __future__ import annotations

import json
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from . import Analyzer
    from ._parley import Doc


class Record:
    """One JSON object of the record, with its fields as attributes (and as keys)."""

    __slots__ = ("_data",)

    def __init__(self, data: dict[str, Any]) -> None:
        object.__setattr__(self, "_data", data)

    def __getattr__(self, name: str) -> Any:
        try:
            return self._data[name]
        except KeyError:
            raise AttributeError(f"{type(self).__name__} has no field {name!r} "
                                 f"(fields: {', '.join(self._data)})") from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Record) and type(self) is type(other) and self._data == other._data

    __hash__ = None  # type: ignore[assignment]

    def get(self, key: str, default: Any = None) -> Any:
        return self._data.get(key, default)

    def keys(self) -> list[str]:
        return list(self._data)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object (a deep copy)."""
        return json.loads(json.dumps(self._data))

    def __dir__(self) -> list[str]:
        return sorted(set(super().__dir__()) | set(self._data))

    def __repr__(self) -> str:
        keys = [k for k in ("id", "name", "code", "cameo", "cameo_name", "source_code", "target_code",
                            "speaker_code", "kind", "text", "topic", "issue", "stance", "actor_code")
                if k in self._data]
        inner = ", ".join(f"{k}={_short(self._data[k])!r}" for k in keys)
        return f"{type(self).__name__}({inner})"


def _short(v: Any) -> Any:
    return v if not isinstance(v, str) or len(v) <= 60 else v[:57] + "..."


class Actor(Record):
    """id, name, code, country, sector, type, [presumed], mentions (start, end, sentence, kind, text)."""


class Event(Record):
    """id, sentence, source_actor, target_actor, source_code, target_code, source_name,
    target_name, [unresolved], cameo, root, cameo_name, goldstein, quad_class, plover
    {type, mode, context}, negated, modality, reported_by, location, date, trigger, evidence,
    mentions, pattern."""


class Quote(Record):
    """sentence, start, end, text, speaker_actor, speaker_name, speaker_code, speaker_mention,
    cue, cue_span, kind."""


class Claim(Record):
    """sentence, source_actor, source_name, source_code, topic, topic_key, polarity, certainty,
    quote, evidence."""


class Position(Record):
    """sentence, actor, actor_name, actor_code, issue, issue_key, stance, evidence."""


class Divergence(Record):
    """topic, kind, sides (actor, actor_name, actor_code, value, evidence)."""


_LAYERS = {
    "actors": Actor,
    "events": Event,
    "quotes": Quote,
    "claims": Claim,
    "positions": Position,
    "divergences": Divergence,
}


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise ImportError("the *_frame() helpers need pandas (Debian: apt-get install python3-pandas); "
                          "to_dict() gives the same data without it") from None
    return pandas


class Document:
    """One analysed article: its metadata, text, sentences and words, and the coded layers.

    Attributes mirror the JSON record of `parley code`: doc_id (also id), title, date, source,
    url, path, actors, events, quotes, claims, positions, divergences.
    """

    def __init__(self, doc: Doc, analyzer: Analyzer | None = None) -> None:
        self._doc = doc
        self._analyzer = analyzer

    # The record -----------------------------------------------------------------------------
    @cached_property
    def _record(self) -> dict[str, Any]:
        return json.loads(self._doc.json)

    def to_json(self) -> str:
        """The JSON record, one line, exactly as `parley code` writes it."""
        return self._doc.json

    def to_dict(self) -> dict[str, Any]:
        """The JSON record as a dict (a fresh copy)."""
        return json.loads(self._doc.json)

    @property
    def id(self) -> str:
        return self._doc.id

    doc_id = id

    @property
    def title(self) -> str:
        return self._record["title"]

    @property
    def date(self) -> str:
        return self._record["date"]

    @property
    def source(self) -> str:
        return self._record["source"]

    @property
    def url(self) -> str:
        return self._record["url"]

    @property
    def path(self) -> str:
        return self._record["path"]

    @cached_property
    def actors(self) -> list[Actor]:
        return [Actor(x) for x in self._record["actors"]]

    @cached_property
    def events(self) -> list[Event]:
        return [Event(x) for x in self._record["events"]]

    @cached_property
    def quotes(self) -> list[Quote]:
        return [Quote(x) for x in self._record["quotes"]]

    @cached_property
    def claims(self) -> list[Claim]:
        return [Claim(x) for x in self._record["claims"]]

    @cached_property
    def positions(self) -> list[Position]:
        return [Position(x) for x in self._record["positions"]]

    @cached_property
    def divergences(self) -> list[Divergence]:
        return [Divergence(x) for x in self._record["divergences"]]

    # The text -------------------------------------------------------------------------------
    @property
    def text(self) -> str:
        return self._doc.text

    @cached_property
    def text_bytes(self) -> bytes:
        """The text as UTF-8 bytes: the offsets of every record index these."""
        return self._doc.text_bytes

    def span(self, start: int | dict[str, Any] | Record, end: int | None = None) -> str:
        """The text of a byte span: span(start, end), or span(x) for anything with start/end."""
        if end is None:
            if isinstance(start, (dict, Record)):
                start, end = start["start"], start["end"]
            else:
                raise TypeError("span() takes (start, end) or an object with 'start' and 'end'")
        return self.text_bytes[start:end].decode("utf-8")

    @property
    def sentences(self) -> list[tuple[int, int]]:
        """(start, end) byte offsets of each sentence."""
        return self._doc.sentences

    @property
    def words(self) -> list[tuple]:
        """(sentence, text, start, end, upos, xpos, lemma, head, deprel) for every word."""
        return self._doc.words

    def format(self, format: str) -> str:
        """The document as `parley code -f FORMAT` writes it (jsonl, csv, gdelt, plover, table)."""
        if self._analyzer is None:
            raise RuntimeError("this Document has no Analyzer to format it")
        return self._analyzer.format(self, format)

    # pandas -----------------------------------------------------------------------------------
    def _frame(self, layer: str) -> pandas.DataFrame:
        pd = _pandas()
        rows = self._record[layer]
        frame = pd.json_normalize(rows, sep="_") if rows else pd.DataFrame()
        if len(frame.columns):
            frame.insert(0, "doc_id", self.id)
        return frame

    def actors_frame(self) -> pandas.DataFrame:
        """One row per actor (mentions kept as a list column)."""
        return self._frame("actors")

    def events_frame(self) -> pandas.DataFrame:
        """One row per event; nested fields flattened (plover_type, trigger_start, location_name...)."""
        return self._frame("events")

    def quotes_frame(self) -> pandas.DataFrame:
        """One row per quote."""
        return self._frame("quotes")

    def claims_frame(self) -> pandas.DataFrame:
        """One row per claim."""
        return self._frame("claims")

    def positions_frame(self) -> pandas.DataFrame:
        """One row per position."""
        return self._frame("positions")

    def divergences_frame(self) -> pandas.DataFrame:
        """One row per divergence (sides kept as a list column)."""
        return self._frame("divergences")

    def words_frame(self) -> pandas.DataFrame:
        """One row per word: sentence, text, start, end, upos, xpos, lemma, head, deprel."""
        pd = _pandas()
        return pd.DataFrame(self.words, columns=["sentence", "text", "start", "end", "upos", "xpos",
                                                 "lemma", "head", "deprel"])

    def __repr__(self) -> str:
        r = self._record
        return (f"parley.Document(id={self.id!r}, title={_short(r['title'])!r}, actors={len(r['actors'])}, "
                f"events={len(r['events'])}, quotes={len(r['quotes'])}, positions={len(r['positions'])})")


def frame(docs: list[Document], layer: str = "events") -> pandas.DataFrame:
    """One frame of a layer over many documents (each row carries its doc_id)."""
    if layer not in _LAYERS:
        raise ValueError(f"layer must be one of {', '.join(_LAYERS)}; got {layer!r}")
    pd = _pandas()
    frames = [d._frame(layer) for d in docs]
    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
