"""Code news on a Dask cluster: python3 -m parley.dask INPUTS... --out DIR [--workers N | --scheduler ADDRESS]

The inputs (files and directories of text, HTML, JSON lines or WARC, any of them .gz) are split
into partitions of about --partition-mb each: small files are grouped, large uncompressed JSON
lines files are cut at line boundaries, and every compressed or WARC file is one partition. Each
partition is one Dask task. A task runs on a worker that holds one loaded Analyzer (loaded on
its first task, kept for the next ones) and writes its partition's output files itself:

    DIR/part-00000.jsonl   the records `parley code` writes, in input order
    DIR/part-00000.csv     their events as CSV (--formats picks jsonl, csv, gdelt, plover)
    DIR/_manifest.json     partitions, articles, input errors, seconds, workers

A file appears under its final name only when complete (written aside, then renamed), and a
partition's file name depends on the partition alone. So when a worker dies mid-run, the
scheduler recomputes the partitions it held on another worker and the output still has each
article exactly once. With --db each worker also stores its partition's articles in the store
(issue 13's SQLite or PostgreSQL store), a batch per transaction; the store skips articles it
holds (same content hash), so a recomputed partition stores nothing twice.

With --workers N (default: the machine's cores) a LocalCluster of N single-threaded worker
processes runs on this machine; --scheduler ADDRESS (tcp://host:8786) uses a running
`dask-scheduler` whose workers see the same input and output paths (a shared file system) and
can import parley.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["Partition", "plan", "code_partition", "run", "main"]

_JSONL = (".jsonl", ".ndjson", ".json")
_FORMAT_EXT = {"jsonl": "jsonl", "csv": "csv", "gdelt": "gdelt.tsv", "plover": "plover.jsonl"}


@dataclass
class Partition:
    """One task's share of the input: whole files, or a byte range of one JSON lines file."""

    index: int
    paths: list[str]
    start: int = 0  # byte range [start, end) of paths[0] when end > 0
    end: int = 0
    line_base: int = 0  # lines of paths[0] before start
    bytes: int = 0

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}"


def _walk(path: str) -> list[str]:
    """Files of a directory as `parley` walks it: recursive, sorted, hidden files and *.md skipped."""
    out = []
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in sorted(files):
            if not f.startswith(".") and not f.endswith(".md"):
                out.append(os.path.join(root, f))
    return out


def _line_ranges(path: str, target: int) -> Iterable[tuple[int, int, int]]:
    """(start, end, lines before start) of consecutive slices of about target bytes, each ending
    after a newline, so every JSON line lies in exactly one slice."""
    start = pos = lines = start_line = 0
    with open(path, "rb") as f:
        for line in f:
            pos += len(line)
            lines += 1
            if pos - start >= target:
                yield start, pos, start_line
                start, start_line = pos, lines
    if pos > start:
        yield start, pos, start_line


def plan(inputs: Sequence[str], partition_bytes: int = 8 << 20, input_format: str = "auto") -> list[Partition]:
    """Splits the inputs into partitions of about partition_bytes (see the module's doc)."""
    if partition_bytes < 1:
        raise ValueError("partition_bytes must be positive")
    files: list[str] = []
    for p in inputs:
        if os.path.isdir(p):
            files.extend(_walk(p))
        elif os.path.exists(p):
            files.append(p)
        else:
            raise FileNotFoundError(f"parley.dask: no such input: {p}")
    parts: list[Partition] = []
    group: list[str] = []
    group_bytes = 0

    def flush() -> None:
        nonlocal group, group_bytes
        if group:
            parts.append(Partition(len(parts), group, bytes=group_bytes))
            group, group_bytes = [], 0

    for f in files:
        size = os.path.getsize(f)
        lower = f.lower()
        jsonl = input_format == "jsonl" or (input_format == "auto" and lower.endswith(_JSONL))
        alone = lower.endswith(".gz") or ".warc" in lower or (input_format == "warc")
        if jsonl and not lower.endswith(".gz") and size > partition_bytes:
            flush()
            for start, end, line_base in _line_ranges(f, partition_bytes):
                parts.append(Partition(len(parts), [f], start, end, line_base, end - start))
        elif alone or size >= partition_bytes:
            flush()
            parts.append(Partition(len(parts), [f], bytes=size))
        else:
            if group_bytes + size > partition_bytes:
                flush()
            group.append(f)
            group_bytes += size
    flush()
    return parts


# One Analyzer per worker process, loaded by the first task that needs it.
_ANALYZERS: dict[tuple, Any] = {}


def _analyzer(options: dict[str, Any]) -> Any:
    key = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in options.items()))
    a = _ANALYZERS.get(key)
    if a is None:
        import parley

        a = parley.Analyzer(**options)
        _ANALYZERS[key] = a
    return a


def _write_atomic(path: str, lines: Iterable[str], header: str = "") -> None:
    """Writes the file aside and renames it into place, so it exists only when complete."""
    tmp = f"{path}.tmp-{socket.gethostname()}-{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(header)
        for line in lines:
            f.write(line)
    os.replace(tmp, path)


def code_partition(part: Partition, out_dir: str, formats: Sequence[str] = ("jsonl", "csv"),
                   options: dict[str, Any] | None = None, input_format: str = "auto",
                   db: str | None = None) -> dict[str, Any]:
    """Codes one partition on this process's Analyzer and writes its files; returns its counts.

    Runs on a Dask worker; safe to run twice (a recomputed partition rewrites the same files).
    """
    t0 = time.perf_counter()
    options = dict(options or {})
    threads = options.pop("threads", 1)
    analyzer = _analyzer(options)
    t_load = time.perf_counter() - t0
    fmts = list(formats)
    if part.end > 0:
        # A slice of a JSON lines file: copied to a local file and read by the same reader as
        # `parley code`, its records keeping the original path, lines and byte offsets.
        with tempfile.TemporaryDirectory(prefix="parley-dask-") as tmp:
            piece = os.path.join(tmp, "slice.jsonl")
            with open(part.paths[0], "rb") as src, open(piece, "wb") as dst:
                src.seek(part.start)
                left = part.end - part.start
                while left > 0:
                    chunk = src.read(min(left, 1 << 22))
                    if not chunk:
                        break
                    dst.write(chunk)
                    left -= len(chunk)
            result = analyzer._impl.code_files([piece], threads, "jsonl", fmts, part.paths[0], part.line_base,
                                               part.start, db or "")
    else:
        result = analyzer._impl.code_files(part.paths, threads, input_format, fmts, "", 0, 0, db or "")
    header = analyzer.csv_header()
    for fmt in fmts:
        path = os.path.join(out_dir, f"{part.name}.{_FORMAT_EXT[fmt]}")
        _write_atomic(path, result["rows"][fmt], header if fmt == "csv" else "")
    return {
        "partition": part.index,
        "articles": result["articles"],
        "skipped": result["skipped"],
        "errors": result["errors"],
        "bytes": part.bytes,
        "seconds": time.perf_counter() - t0,
        "load_seconds": t_load,
        "worker": f"{socket.gethostname()}:{os.getpid()}",
        # Peak resident memory of the worker process so far (Linux reports kB).
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "stored": result["stored"],
        "already_stored": result["already_stored"],
    }


@dataclass
class RunSummary:
    partitions: int = 0
    articles: int = 0
    skipped: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    workers: list[str] = field(default_factory=list)
    task_runs: int = 0
    max_rss_mb: float = 0.0  # the largest peak resident memory of a worker
    db: str = ""
    stored: int = 0  # articles written to the store (with --db)
    already_stored: int = 0  # articles the store held already (an earlier run, a rerun task)


def _package_root() -> str:
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _local_cluster(workers: int, memory_limit: str | None) -> Any:
    from distributed import LocalCluster

    # Worker processes import parley from where this process found it.
    root = _package_root()
    pp = os.environ.get("PYTHONPATH", "")
    if root not in pp.split(os.pathsep):
        os.environ["PYTHONPATH"] = root + (os.pathsep + pp if pp else "")
    return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                        dashboard_address=None, memory_limit=memory_limit or "auto")


def run(inputs: Sequence[str], out_dir: str, *, client: Any = None, scheduler: str | None = None,
        workers: int | None = None, formats: Sequence[str] = ("jsonl", "csv"),
        partition_bytes: int = 8 << 20, input_format: str = "auto",
        options: dict[str, Any] | None = None, db: str | None = None,
        memory_limit: str | None = None,
        on_done: Callable[[dict[str, Any]], None] | None = None, progress: bool = False) -> RunSummary:
    """Codes the inputs on Dask and writes the partitions to out_dir (see the module's doc).

    client: an existing distributed.Client; else scheduler (an address) or a LocalCluster of
    `workers` processes. on_done(result) is called on the client as each partition finishes.
    """
    from distributed import Client, as_completed

    for f in formats:
        if f not in _FORMAT_EXT:
            raise ValueError(f"unknown format {f!r} ({', '.join(_FORMAT_EXT)})")
    if db:
        # Created (or upgraded) once here, before the workers open it at the same time; a bad
        # URL fails now, not after the coding.
        from . import _parley

        _parley.store_stats(db, True)
    t0 = time.perf_counter()
    parts = plan(inputs, partition_bytes, input_format)
    os.makedirs(out_dir, exist_ok=True)
    # Files of an earlier run would read as extra articles: only this run's partitions stay.
    for name in os.listdir(out_dir):
        if name.startswith("part-") or name in ("_manifest.json", "_SUCCESS"):
            os.remove(os.path.join(out_dir, name))
    out_dir = os.path.abspath(out_dir)

    cluster = None
    own_client = client is None
    if client is None:
        if scheduler:
            client = Client(scheduler)
        else:
            cluster = _local_cluster(workers or os.cpu_count() or 1, memory_limit)
            client = Client(cluster)
    summary = RunSummary(partitions=len(parts))
    try:
        futures = [
            client.submit(code_partition, p, out_dir, list(formats), options or {}, input_format, db,
                          key=f"parley-{p.name}-{os.getpid()}-{int(t0 * 1e6)}", pure=False, retries=2)
            for p in parts
        ]
        seen: set[int] = set()
        workers_seen: set[str] = set()
        for _, result in as_completed(futures, with_results=True):
            summary.task_runs += 1
            if result["partition"] in seen:  # cannot happen with futures; guards the counts
                continue
            seen.add(result["partition"])
            summary.articles += result["articles"]
            summary.skipped += result["skipped"]
            summary.errors.extend(result["errors"])
            workers_seen.add(result["worker"])
            summary.max_rss_mb = max(summary.max_rss_mb, result["max_rss_mb"])
            summary.stored += result["stored"]
            summary.already_stored += result["already_stored"]
            if on_done:
                on_done(result)
            if progress:
                print(f"parley.dask: {len(seen)}/{len(parts)} partitions, {summary.articles} articles",
                      file=sys.stderr, flush=True)
        summary.workers = sorted(workers_seen)
    finally:
        if own_client:
            client.close()
            if cluster is not None:
                cluster.close()
    # Leftovers of a killed task's unfinished writes.
    for name in os.listdir(out_dir):
        if ".tmp-" in name:
            os.remove(os.path.join(out_dir, name))
    summary.db = db or ""
    summary.seconds = time.perf_counter() - t0
    manifest = asdict(summary)
    manifest["partition_files"] = [p.name for p in parts]
    manifest["inputs"] = [asdict(p) for p in parts]
    with open(os.path.join(out_dir, "_manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1)
    open(os.path.join(out_dir, "_SUCCESS"), "w").close()
    return summary


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python3 -m parley.dask",
        description="Code news with Parley on a Dask cluster (a LocalCluster by default).")
    ap.add_argument("inputs", nargs="+", help="files or directories: text, HTML, JSON lines, WARC, .gz")
    ap.add_argument("--out", required=True, help="output directory (part-NNNNN.* files, _manifest.json)")
    where = ap.add_mutually_exclusive_group()
    where.add_argument("--scheduler", help="address of a running dask-scheduler (tcp://host:8786)")
    where.add_argument("--workers", type=int, help="LocalCluster worker processes (default: cores)")
    ap.add_argument("--threads", type=int, default=1, help="C++ threads per worker (default 1)")
    ap.add_argument("--formats", default="jsonl,csv", help="comma-separated: jsonl, csv, gdelt, plover")
    ap.add_argument("--partition-mb", type=float, default=8.0, help="input megabytes per partition (default 8)")
    ap.add_argument("--input-format", default="auto", choices=["auto", "text", "jsonl", "html", "warc"])
    ap.add_argument("--db", help="also store the coded articles (path.db, sqlite:path or postgresql://...)")
    ap.add_argument("--models", help="model directory (default as `parley`)")
    ap.add_argument("--data", help="data directory (default as `parley`)")
    ap.add_argument("--memory-limit", help="LocalCluster memory limit per worker (e.g. 1GB)")
    ap.add_argument("--quiet", action="store_true", help="no progress lines")
    a = ap.parse_args(argv)
    if a.workers is not None and a.workers < 1:
        ap.error("--workers must be at least 1")
    if a.threads < 1:
        ap.error("--threads must be at least 1")
    options: dict[str, Any] = {"threads": a.threads}
    if a.models:
        options["models"] = a.models
    if a.data:
        options["data"] = a.data
    try:
        s = run(a.inputs, a.out, scheduler=a.scheduler, workers=a.workers,
                formats=[f.strip() for f in a.formats.split(",") if f.strip()],
                partition_bytes=max(1, int(a.partition_mb * (1 << 20))), input_format=a.input_format,
                options=options, db=a.db, memory_limit=a.memory_limit,
                progress=not a.quiet)
    except (FileNotFoundError, ValueError, RuntimeError) as e:
        print(f"parley.dask: {e}", file=sys.stderr)
        return 1
    for e in s.errors:
        print(f"parley: {e}", file=sys.stderr)
    if a.db:
        print(f"parley.dask: store {a.db}: {s.stored} article(s) stored, {s.already_stored} already there",
              file=sys.stderr)
    print(f"parley.dask: {s.articles} articles in {s.partitions} partitions on {len(s.workers)} worker(s), "
          f"{s.seconds:.1f} s (peak worker memory {s.max_rss_mb:.0f} MB); {s.skipped} input(s) skipped; "
          f"output in {a.out}", file=sys.stderr)
    return 2 if s.skipped else 0


if __name__ == "__main__":
    # Run through the imported module, so the tasks pickle as parley.dask.code_partition (which
    # workers can import), not as functions of __main__.
    from parley import dask as _module

    sys.exit(_module.main())
