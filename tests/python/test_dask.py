"""The Dask runner on a LocalCluster of worker processes: same output as `parley code`, each
article exactly once when a worker is killed mid-run, and 1 vs 2 workers timed.

Run by CTest (Python.dask); skipped, saying so, without python3-dask / python3-distributed.
"""

import glob
import json
import os
import signal
import subprocess
import sys
import time

import pytest

pytest.importorskip("distributed", reason="python3-distributed is not installed")

import parley  # noqa: E402
from parley import _parley  # noqa: E402
import parley.dask as pdask  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

SRC = os.environ.get("PARLEY_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
CLI = os.environ.get("PARLEY_CLI", "parley")
SAMPLES = os.path.join(SRC, "samples")


def parts(out, ext):
    return sorted(glob.glob(os.path.join(out, f"part-*.{ext}")))


def cat(files):
    return "".join(open(f, encoding="utf-8").read() for f in files)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A JSON lines file of distinct articles: every sample 6 times, each copy with its own
    closing line (so its own id): 222 articles, 82k words, 1 MB."""
    texts = [open(p, encoding="utf-8").read() for p in sorted(glob.glob(os.path.join(SAMPLES, "**", "*.txt"),
                                                                       recursive=True))]
    path = tmp_path_factory.mktemp("corpus") / "news.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for copy in range(6):
            for i, t in enumerate(texts):
                f.write(json.dumps({"text": f"{t}\n\nCopy {copy} of story {i}.", "source": f"S{copy}"}) + "\n")
    return str(path)


@pytest.fixture(scope="module")
def corpus_ids(corpus):
    seg = parley.Analyzer(stage="segment")
    rows = [json.loads(line) for line in open(corpus, encoding="utf-8")]
    return [d.id for d in seg.pipe([r["text"] for r in rows], batch_size=128)]


def test_plan_slices_cover_every_line_once(corpus, tmp_path):
    plan = pdask.plan([corpus], partition_bytes=30_000)
    assert len(plan) > 15
    data = open(corpus, "rb").read()
    assert b"".join(data[p.start:p.end] for p in plan) == data
    for p in plan:
        assert data[p.end - 1:p.end] == b"\n"
        assert data[:p.start].count(b"\n") == p.line_base
    # Small files are grouped, big or compressed ones stand alone; order is the CLI's order.
    grouped = pdask.plan([SAMPLES], partition_bytes=20_000)
    files = [f for p in grouped for f in p.paths]
    assert files == pdask._walk(SAMPLES) and 1 < len(grouped) < len(files)
    with pytest.raises(FileNotFoundError, match="no such input"):
        pdask.plan([str(tmp_path / "missing")])


def test_runner_writes_what_parley_code_writes(tmp_path):
    """`python3 -m parley.dask` with two local workers: the partitions, in order, are the CLI's output."""
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "parley.dask", SAMPLES, "--out", str(out), "--workers", "2",
                           "--partition-mb", "0.02", "--quiet"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    manifest = json.load(open(out / "_manifest.json"))
    assert manifest["partitions"] > 3 and manifest["articles"] == 37
    assert len(manifest["workers"]) == 2  # both workers coded partitions
    assert os.path.exists(out / "_SUCCESS")
    want = subprocess.run([CLI, "code", SAMPLES], stdout=subprocess.PIPE, check=True, text=True).stdout
    assert cat(parts(out, "jsonl")) == want
    csv = parts(out, "csv")
    header = parley.Analyzer.csv_header()
    body = "".join(open(f, encoding="utf-8").read()[len(header):] for f in csv)
    assert header + body == subprocess.run([CLI, "code", SAMPLES, "-f", "csv"], stdout=subprocess.PIPE,
                                           check=True, text=True).stdout


def test_runner_reports_bad_input(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "Israel rejected the plan."}\n{"text": "trunc\n{"text": "Egypt mediated talks."}\n')
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-m", "parley.dask", str(feed), "--out", str(out), "--workers", "1",
                           "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=240)
    assert done.returncode == 2, done.stderr
    assert "feed.jsonl:2 (byte 38): invalid JSON" in done.stderr
    assert len(cat(parts(out, "jsonl")).splitlines()) == 2
    missing = subprocess.run([sys.executable, "-m", "parley.dask", str(tmp_path / "nope"), "--out", str(out)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=60)
    assert missing.returncode == 1 and "no such input" in missing.stderr
    # --db with a URL that is no store fails before any coding.
    (tmp_path / "not.db").write_bytes(b"this is not a database" * 100)
    nodb = subprocess.run([sys.executable, "-m", "parley.dask", str(feed), "--out", str(tmp_path / "o2"),
                           "--db", str(tmp_path / "not.db")], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, timeout=60)
    assert nodb.returncode == 1 and "not.db" in nodb.stderr, nodb.stderr
    assert not os.path.exists(tmp_path / "o2")


def store_articles(db):
    return json.loads(_parley.store_stats(db))["articles"]


def test_db_stores_each_article_once(tmp_path):
    """--db: the workers store what they code (two workers at once); a second run over the same
    input (one worker) stores nothing."""
    db = str(tmp_path / "news.db")
    for run in (1, 2):
        done = subprocess.run([sys.executable, "-m", "parley.dask", SAMPLES, "--out", str(tmp_path / f"o{run}"),
                               "--workers", str(3 - run), "--partition-mb", "0.03", "--db", db, "--quiet"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=240)
        assert done.returncode == 0, done.stderr
        want = "37 article(s) stored, 0 already there" if run == 1 else "0 article(s) stored, 37 already there"
        assert want in done.stderr, done.stderr
        assert store_articles(db) == 37
    # The store's view agrees with the JSON lines: same articles.
    query = subprocess.run([CLI, "query", "articles", "--db", db, "-f", "jsonl"], stdout=subprocess.PIPE,
                           text=True, check=True).stdout
    ids = sorted(json.loads(line)["id"] for line in query.splitlines())
    assert ids == sorted(json.loads(line)["doc_id"] for line in cat(parts(str(tmp_path / "o1"), "jsonl")).splitlines())


def test_killed_worker_loses_no_article(corpus, corpus_ids, tmp_path):
    """A worker process killed while it codes a partition: the scheduler recomputes its work on the
    other worker (and on the restarted one), and the output has every article exactly once."""
    out = str(tmp_path / "out")
    killed, finished_by = {}, {}
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        def on_done(result):
            finished_by[result["partition"]] = result["worker"]
            if killed:
                return
            # Kill a worker that is coding a partition right now.
            for addr, keys in client.processing().items():
                if keys:
                    pid = client.run(os.getpid, workers=[addr])[addr]
                    os.kill(pid, signal.SIGKILL)
                    killed.update(pid=pid, addr=addr, keys=list(keys), after=result["partition"])
                    return

        db = str(tmp_path / "news.db")
        summary = pdask.run([corpus], out, client=client, partition_bytes=40_000, formats=["jsonl"],
                            on_done=on_done, db=db)
    assert killed, "no worker was busy when the first partition finished"
    records = [json.loads(line) for line in cat(parts(out, "jsonl")).splitlines()]
    ids = [r["doc_id"] for r in records]
    assert len(ids) == len(set(ids)) == len(corpus_ids)
    assert ids == corpus_ids  # exactly once, and in input order
    assert summary.articles == len(corpus_ids) and summary.partitions == len(parts(out, "jsonl"))
    # The store too holds each article once, whatever the killed worker had stored.
    assert store_articles(db) == len(corpus_ids)
    assert summary.stored + summary.already_stored == len(corpus_ids)
    assert not glob.glob(os.path.join(out, "*.tmp-*"))
    # The partitions the killed worker was coding were finished by another process.
    held = [int(k.split("-")[2]) for k in killed["keys"]]
    assert held and all(not finished_by[i].endswith(f":{killed['pid']}") for i in held), (held, finished_by)
    print(f"\nkilled worker pid {killed['pid']} while it held {killed['keys']}; "
          f"{summary.partitions} partitions, {summary.articles} articles, workers {summary.workers}")


def test_one_vs_two_workers(corpus, tmp_path, capsys):
    """Scaling on this machine: the same input on 1 and on 2 workers (reported, not asserted: the
    machine's two cores are shared). Both runs write the same output."""
    times = {}
    for n in (1, 2):
        with LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            t0 = time.perf_counter()
            pdask.run([corpus], str(tmp_path / f"w{n}"), client=client, partition_bytes=50_000, formats=["jsonl"])
            times[n] = time.perf_counter() - t0
    assert cat(parts(str(tmp_path / "w1"), "jsonl")) == cat(parts(str(tmp_path / "w2"), "jsonl"))
    words = sum(len(json.loads(line)["text"].split()) for line in open(corpus, encoding="utf-8"))
    with capsys.disabled():
        print(f"\nparley.dask scaling: {words} words; 1 worker {times[1]:.2f} s ({words / times[1]:.0f} words/s), "
              f"2 workers {times[2]:.2f} s ({words / times[2]:.0f} words/s); wall ratio 2/1 = "
              f"{times[2] / times[1]:.2f}")
