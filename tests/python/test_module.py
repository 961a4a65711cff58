"""The parley Python module against the `parley` CLI: same records, same order, clear errors.

Run by CTest (Python.module) with PYTHONPATH at the build tree's package, PARLEY_CLI the CLI
built with it and PARLEY_SOURCE_DIR the source tree.
"""

import datetime
import glob
import json
import os
import subprocess
import sys
import threading
import time

import pytest

import parley

SRC = os.environ.get("PARLEY_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
CLI = os.environ.get("PARLEY_CLI", "parley")
SAMPLES = sorted(glob.glob(os.path.join(SRC, "samples", "**", "*.txt"), recursive=True))


@pytest.fixture(scope="module")
def nlp():
    return parley.Analyzer()


def cli(*args):
    out = subprocess.run([CLI, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True)
    return out.stdout.decode("utf-8")


@pytest.fixture(scope="module")
def cli_records():
    """`parley code` on every sample file, one record per file."""
    return {r["path"]: r for r in map(json.loads, cli("code", *SAMPLES, "-j", "2").splitlines())}


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def test_samples_are_there():
    assert len(SAMPLES) >= 30, SAMPLES


def test_records_equal_the_cli_json(nlp, cli_records):
    """Every document's record is the CLI's record, field for field (the path aside: text given
    to the Analyzer has none)."""
    assert len(cli_records) == len(SAMPLES)
    events = 0
    for path in SAMPLES:
        want = cli_records[path]
        doc = nlp(read(path))
        got = doc.to_dict()
        assert got["path"] == ""
        got["path"] = want["path"]
        assert got == want, path
        events += len(want["events"])
        # The objects expose the same fields with the same values.
        assert doc.id == want["doc_id"] and doc.title == want["title"] and doc.date == want["date"]
        for layer, cls in [("actors", parley.Actor), ("events", parley.Event), ("quotes", parley.Quote),
                           ("claims", parley.Claim), ("positions", parley.Position),
                           ("divergences", parley.Divergence)]:
            objs = getattr(doc, layer)
            assert len(objs) == len(want[layer])
            for obj, rec in zip(objs, want[layer]):
                assert isinstance(obj, cls)
                assert obj.to_dict() == rec
                for key, value in rec.items():
                    assert getattr(obj, key) == value and obj[key] == value
    assert events > 50  # the samples are news with events, so the comparison is not vacuous


def test_offsets_slice_the_text(nlp):
    text = ("Kyiv — Ukraine's president Volodymyr Zelenskyy said on Monday that Russia had attacked "
            "the city of Kharkiv again. “We will not surrender,” Zelenskyy said in Kyiv.")
    doc = nlp(text, date="2024-05-06")
    assert doc.text == text and doc.text_bytes == text.encode()
    assert doc.date == "2024-05-06"
    assert doc.actors and doc.events
    for actor in doc.actors:
        for m in actor.mentions:
            assert doc.span(m) == m["text"]
    for e in doc.events:
        assert doc.span(e.trigger) == e.trigger["text"]
        assert doc.span(e.evidence["start"], e.evidence["end"]) == e.evidence["text"]
    for q in doc.quotes:
        assert doc.span(q.start, q.end) == q.text
    sentences = [doc.span(s, e) for s, e in doc.sentences]
    assert len(sentences) == 2 and sentences[1].startswith("“We will")
    words = doc.words
    assert words[0][1] == "Kyiv" and all(doc.span(w[2], w[3]) == w[1] for w in words)
    assert {w[4] for w in words} >= {"PROPN", "VERB", "PUNCT"}


def test_metadata_and_formats(nlp, cli_records):
    path = os.path.join(SRC, "samples", "cairo-talks.txt")
    doc = nlp(read(path), source="Example Wire", url="https://example.org/a", title="T", date="May 2, 2024")
    assert (doc.source, doc.url, doc.title, doc.date) == ("Example Wire", "https://example.org/a", "T", "2024-05-02")
    assert nlp("Text.", date=datetime.date(2024, 5, 2)).date == "2024-05-02"
    want = cli("code", path, "-f", "csv", "--source", "Example Wire", "--url", "https://example.org/a",
               "--title", "T", "--date", "2024-05-02")
    assert parley.Analyzer.csv_header() + doc.format("csv") == want
    assert doc.format("jsonl") == doc.to_json() + "\n"
    with pytest.raises(ValueError, match="unknown format"):
        doc.format("xml")


def test_code_files_is_parley_code(nlp):
    """The reader behind the Dask runner writes exactly what `parley code` writes."""
    want = cli("code", os.path.join(SRC, "samples"))
    got = nlp.code_files([os.path.join(SRC, "samples")], threads=2, formats=["jsonl", "csv"])
    assert "".join(got["rows"]["jsonl"]) == want
    assert got["articles"] == len(SAMPLES) and got["errors"] == []
    assert parley.Analyzer.csv_header() + "".join(got["rows"]["csv"]) == cli(
        "code", os.path.join(SRC, "samples"), "-f", "csv")


def test_pipe_keeps_order_and_matches_single_calls(nlp):
    texts = [read(p) for p in SAMPLES]
    single = [nlp(t).to_json() for t in texts]
    for batch_size, threads in [(1, 1), (5, 2), (64, 3)]:
        piped = [d.to_json() for d in nlp.pipe(texts, batch_size=batch_size, n_threads=threads)]
        assert piped == single, (batch_size, threads)
    # Items with metadata: (text, meta) pairs and dicts.
    items = [(texts[0], {"source": "A", "date": "2020-01-02"}), {"text": texts[1], "source": "B"}, texts[2]]
    docs = list(nlp.pipe(items, n_threads=2))
    assert [d.source for d in docs] == ["A", "B", ""] and docs[0].date == "2020-01-02"


def test_pipe_from_many_python_threads(nlp):
    """Several Python threads piping through one Analyzer at once get what one thread gets."""
    texts = [read(p) for p in SAMPLES]
    want = [d.to_json() for d in nlp.pipe(texts)]
    results, errors = {}, []

    def worker(k):
        try:
            # Each thread its own rotation of the input, so threads work on different articles.
            order = texts[k:] + texts[:k]
            results[k] = [d.to_json() for d in nlp.pipe(order, batch_size=4, n_threads=2)]
        except Exception as e:  # reported below, with the thread
            errors.append((k, e))

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for k in range(4):
        assert results[k] == want[k:] + want[:k]


def test_pipe_releases_the_gil(nlp):
    """While a batch runs in C++, another Python thread keeps running: the longest pause the main
    thread sees is a small part of the batch's time (with the GIL held it would be all of it)."""
    texts = [read(p) for p in SAMPLES] * 2
    done = threading.Event()
    spent = {}

    def work():
        t0 = time.perf_counter()
        list(nlp.pipe(texts, batch_size=len(texts), n_threads=1))
        spent["batch"] = time.perf_counter() - t0
        done.set()

    t = threading.Thread(target=work)
    t.start()
    longest, last, ticks = 0.0, time.perf_counter(), 0
    while not done.is_set():
        now = time.perf_counter()
        longest = max(longest, now - last)
        last = now
        ticks += 1
        time.sleep(0.001)
    t.join()
    assert spent["batch"] > 0.2, spent  # long enough to tell the two apart
    assert ticks > 20 and longest < 0.5 * spent["batch"], (longest, spent, ticks)


def test_bad_input_raises_clear_python_exceptions(nlp):
    with pytest.raises(ValueError, match="invalid UTF-8 at byte 6"):
        nlp(b"Hello \xff world")
    with pytest.raises(ValueError, match="not valid Unicode"):
        nlp("lone surrogate \udcff here")
    with pytest.raises(TypeError, match="text must be str or bytes, not int"):
        nlp(42)
    with pytest.raises(TypeError, match="date must be str or None"):
        nlp("Text.", date=20240502)
    with pytest.raises(TypeError, match="source must be str or None"):
        nlp("Text.", source=["Reuters"])
    with pytest.raises(TypeError):
        nlp("Text.", "positional title")  # metadata is keyword-only
    # pipe: the bad item is named by its index; the others are fine.
    items = ["Israel rejected the plan.", "Hamas accepted it.", b"bad \xc3\x28 bytes", "Egypt mediated."]
    with pytest.raises(ValueError, match=r"pipe item 2: invalid UTF-8"):
        list(nlp.pipe(items, batch_size=2, n_threads=2))
    kept = list(nlp.pipe(items, errors="skip"))
    assert [d.text for d in kept] == [items[0], items[1], items[3]]
    with pytest.raises(TypeError, match="pipe item 1: text must be str or bytes, not float"):
        list(nlp.pipe(["ok", 1.5]))
    with pytest.raises(ValueError, match="pipe item 0: a dict item needs a 'text' key"):
        list(nlp.pipe([{"body": "x"}]))
    with pytest.raises(TypeError, match="iterable of texts"):
        list(nlp.pipe("one string"))
    with pytest.raises(TypeError):
        list(nlp.pipe(5))
    for bad in [0, -1, 1.5, True]:
        with pytest.raises(ValueError, match="batch_size"):
            list(nlp.pipe(["x"], batch_size=bad))
        with pytest.raises(ValueError, match="n_threads"):
            list(nlp.pipe(["x"], n_threads=bad))
    with pytest.raises(ValueError, match="errors"):
        list(nlp.pipe(["x"], errors="ignore"))
    # Edge cases that are not errors: empty text, a byte-order mark alone, a NUL.
    assert nlp("").events == [] and nlp(b"\xef\xbb\xbf").sentences == []
    assert len(nlp("a\x00b").sentences) == 1
    # The Analyzer is still fine after all that.
    assert nlp("Israel rejected the plan.").to_dict()["doc_id"]


def test_bad_options_raise(tmp_path):
    with pytest.raises(RuntimeError, match="nonexistent"):
        parley.Analyzer(models=str(tmp_path / "nonexistent"))
    with pytest.raises(ValueError, match="stage must be one of"):
        parley.Analyzer(stage="everything")
    with pytest.raises(ValueError, match="threads"):
        parley.Analyzer(threads=0)
    with pytest.raises(TypeError, match="lexicons must hold paths"):
        parley.Analyzer(lexicons=[3])
    (tmp_path / "bin.tsv").write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(RuntimeError, match=r"bin.tsv:1: binary file"):
        parley.Analyzer(petrarch_verbs=[str(tmp_path / "bin.tsv")])
    with pytest.raises(AttributeError, match="no field 'nope'"):
        parley.Record({"a": 1}).nope


def test_stages(nlp):
    seg = parley.Analyzer(stage="segment")
    doc = seg(read(SAMPLES[0]))
    assert doc.sentences and doc.events == [] and all(w[4] == "" for w in doc.words)
    assert nlp(read(SAMPLES[0])).sentences == doc.sentences


def test_pandas_frames(nlp):
    pd = pytest.importorskip("pandas")
    docs = list(nlp.pipe([read(p) for p in SAMPLES[:6]], n_threads=2))
    doc = max(docs, key=lambda d: len(d.events))
    ev = doc.events_frame()
    assert isinstance(ev, pd.DataFrame) and len(ev) == len(doc.events)
    for col in ["doc_id", "id", "cameo", "source_code", "target_code", "plover_type", "trigger_start",
                "trigger_text", "evidence_end", "goldstein"]:
        assert col in ev.columns, col
    assert list(ev["cameo"]) == [e.cameo for e in doc.events]
    assert list(ev["trigger_text"]) == [e.trigger["text"] for e in doc.events]
    assert len(doc.actors_frame()) == len(doc.actors)
    assert len(doc.quotes_frame()) == len(doc.quotes)
    assert len(doc.positions_frame()) == len(doc.positions)
    assert len(doc.words_frame()) == len(doc.words)
    every = parley.frame(docs, "events")
    assert len(every) == sum(len(d.events) for d in docs)
    assert set(every["doc_id"]) == {d.id for d in docs if d.events}
    assert parley.Analyzer(stage="segment")("No events.").events_frame().empty
    with pytest.raises(ValueError, match="layer"):
        parley.frame(docs, "tokens")


def test_frames_without_pandas_say_so(nlp, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    doc = nlp("Israel rejected the plan.")
    with pytest.raises(ImportError, match="need pandas"):
        doc.events_frame()
    assert doc.to_dict()["events"] == [e.to_dict() for e in doc.events]


def test_cmake_install_into_site_packages(tmp_path):
    """`cmake --install` puts the package where the interpreter finds it, with models and data."""
    build = os.path.dirname(os.path.dirname(os.path.dirname(parley.__file__)))  # <build>/python/parley
    prefix = tmp_path / "prefix"
    subprocess.run(["cmake", "--install", build, "--prefix", str(prefix)], check=True,
                   stdout=subprocess.DEVNULL)
    site = glob.glob(str(prefix / "lib" / "python3*" / "*-packages"))
    assert len(site) == 1, site
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARLEY_") and k != "PYTHONPATH"}
    env["PYTHONPATH"] = site[0]
    code = ("import parley; a = parley.Analyzer(); d = a('Israel rejected the plan of Hamas.'); "
            "print(a.models); print(a.data); print(len(d.events))")
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=str(tmp_path), check=True,
                         stdout=subprocess.PIPE, text=True).stdout.split("\n")
    assert out[0] == str(prefix / "share" / "parley" / "models")
    assert out[1] == str(prefix / "share" / "parley" / "data")
    assert int(out[2]) >= 1
    stubs = os.path.join(site[0], "parley")
    for f in ["__init__.pyi", "dask.pyi", "py.typed", "dask.py"]:
        assert os.path.exists(os.path.join(stubs, f)), f
