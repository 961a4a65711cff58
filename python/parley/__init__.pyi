import os
from collections.abc import Iterable, Iterator
from typing import Any

import pandas

from ._parley import Doc

STAGES: tuple[str, ...]

class Record:
    def __init__(self, data: dict[str, Any]) -> None: ...
    def __getattr__(self, name: str) -> Any: ...
    def __getitem__(self, key: str) -> Any: ...
    def __contains__(self, key: object) -> bool: ...
    def get(self, key: str, default: Any = ...) -> Any: ...
    def keys(self) -> list[str]: ...
    def to_dict(self) -> dict[str, Any]: ...

class Actor(Record):
    id: int
    name: str
    code: str
    country: str
    sector: str
    type: str
    mentions: list[dict[str, Any]]

class Event(Record):
    id: str
    sentence: int
    source_actor: int | None
    target_actor: int | None
    source_code: str
    target_code: str
    source_name: str
    target_name: str
    cameo: str
    root: str
    cameo_name: str
    goldstein: float | None
    quad_class: int | None
    plover: dict[str, str]
    negated: bool
    modality: str
    reported_by: int | None
    location: dict[str, Any] | None
    date: str
    trigger: dict[str, Any]
    evidence: dict[str, Any]
    mentions: list[dict[str, Any]]
    pattern: str

class Quote(Record):
    sentence: int
    start: int
    end: int
    text: str
    speaker_actor: int | None
    speaker_name: str
    speaker_code: str
    speaker_mention: dict[str, Any] | None
    cue: str
    cue_span: dict[str, Any] | None
    kind: str

class Claim(Record):
    sentence: int
    source_actor: int | None
    source_name: str
    source_code: str
    topic: str
    topic_key: str
    polarity: str
    certainty: str
    quote: int | None
    evidence: dict[str, Any]

class Position(Record):
    sentence: int
    actor: int | None
    actor_name: str
    actor_code: str
    issue: str
    issue_key: str
    stance: str
    evidence: dict[str, Any]

class Divergence(Record):
    topic: str
    kind: str
    sides: list[dict[str, Any]]

class Document:
    def __init__(self, doc: Doc, analyzer: Analyzer | None = ...) -> None: ...
    @property
    def id(self) -> str: ...
    @property
    def doc_id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def date(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def actors(self) -> list[Actor]: ...
    @property
    def events(self) -> list[Event]: ...
    @property
    def quotes(self) -> list[Quote]: ...
    @property
    def claims(self) -> list[Claim]: ...
    @property
    def positions(self) -> list[Position]: ...
    @property
    def divergences(self) -> list[Divergence]: ...
    @property
    def text(self) -> str: ...
    @property
    def text_bytes(self) -> bytes: ...
    @property
    def sentences(self) -> list[tuple[int, int]]: ...
    @property
    def words(self) -> list[tuple[int, str, int, int, str, str, str, int, str]]: ...
    def span(self, start: int | dict[str, Any] | Record, end: int | None = ...) -> str: ...
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def format(self, format: str) -> str: ...
    def actors_frame(self) -> pandas.DataFrame: ...
    def events_frame(self) -> pandas.DataFrame: ...
    def quotes_frame(self) -> pandas.DataFrame: ...
    def claims_frame(self) -> pandas.DataFrame: ...
    def positions_frame(self) -> pandas.DataFrame: ...
    def divergences_frame(self) -> pandas.DataFrame: ...
    def words_frame(self) -> pandas.DataFrame: ...

def frame(docs: list[Document], layer: str = ...) -> pandas.DataFrame: ...

class Analyzer:
    threads: int
    stage: str
    def __init__(
        self,
        models: str | os.PathLike[str] | None = ...,
        data: str | os.PathLike[str] | None = ...,
        *,
        lexicons: Iterable[str | os.PathLike[str]] | None = ...,
        petrarch_verbs: Iterable[str | os.PathLike[str]] | None = ...,
        discards: Iterable[str | os.PathLike[str]] | None = ...,
        actor_dicts: Iterable[str | os.PathLike[str]] | None = ...,
        threads: int = ...,
        stage: str = ...,
    ) -> None: ...
    def __call__(
        self,
        text: str | bytes,
        *,
        title: str | None = ...,
        date: Any = ...,
        source: str | None = ...,
        url: str | None = ...,
    ) -> Document: ...
    def analyze(
        self,
        text: str | bytes,
        *,
        title: str | None = ...,
        date: Any = ...,
        source: str | None = ...,
        url: str | None = ...,
    ) -> Document: ...
    def pipe(
        self,
        texts: Iterable[str | bytes | tuple[str | bytes, dict[str, Any]] | dict[str, Any]],
        *,
        batch_size: int = ...,
        n_threads: int | None = ...,
        errors: str = ...,
    ) -> Iterator[Document]: ...
    def code_files(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        threads: int | None = ...,
        input_format: str = ...,
        formats: Iterable[str] = ...,
    ) -> dict[str, Any]: ...
    def format(self, doc: Document, format: str) -> str: ...
    @staticmethod
    def csv_header() -> str: ...
    @property
    def models(self) -> str: ...
    @property
    def data(self) -> str: ...
    @property
    def load_warnings(self) -> list[dict[str, Any]]: ...
