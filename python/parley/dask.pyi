from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

@dataclass
class Partition:
    index: int
    paths: list[str]
    start: int = ...
    end: int = ...
    line_base: int = ...
    bytes: int = ...
    @property
    def name(self) -> str: ...

@dataclass
class RunSummary:
    partitions: int
    articles: int
    skipped: int
    errors: list[str]
    seconds: float
    workers: list[str]
    task_runs: int
    max_rss_mb: float
    db: str
    stored: int
    already_stored: int

def plan(inputs: Sequence[str], partition_bytes: int = ..., input_format: str = ...) -> list[Partition]: ...
def code_partition(
    part: Partition, out_dir: str, formats: Sequence[str] = ..., options: dict[str, Any] | None = ...,
    input_format: str = ..., db: str | None = ...,
) -> dict[str, Any]: ...
def run(
    inputs: Sequence[str], out_dir: str, *, client: Any = ..., scheduler: str | None = ...,
    workers: int | None = ..., formats: Sequence[str] = ..., partition_bytes: int = ...,
    input_format: str = ..., options: dict[str, Any] | None = ..., db: str | None = ...,
    memory_limit: str | None = ...,
    on_done: Callable[[dict[str, Any]], None] | None = ..., progress: bool = ...,
) -> RunSummary: ...
def main(argv: Sequence[str] | None = ...) -> int: ...
def _line_ranges(path: str, target: int) -> Iterable[tuple[int, int, int]]: ...
