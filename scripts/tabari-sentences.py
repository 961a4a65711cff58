#!/usr/bin/env python3
"""Inputs of scripts/compare-tabari.sh, from the Wikinews sample and Parley's sentence splitter.

    tabari-sentences.py articles   WIKINEWS_DIR OUT.jsonl         the CSV articles as JSON lines
    tabari-sentences.py sentences  TOKENIZED.jsonl WORK_DIR       one sentence per record:
        WORK_DIR/sentences.jsonl (Parley: one article per sentence, with its article's date) and
        WORK_DIR/sentences.text (TABARI: "YYMMDD ID" + the sentence in ASCII); prints "N WORDS"
    tabari-sentences.py phoenix    PETRARCH_DICTS_DIR OUT.actors  Phoenix actors in TABARI's form

Only the standard library: any python3 runs it.
"""

import csv
import glob
import json
import os
import re
import sys
import unicodedata

# Punctuation TABARI's ASCII reader would drop or misread, spelled the ASCII way.
_ASCII = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-",
          "\u2026": "...", "\u00a0": " "}


def to_ascii(text):
    text = "".join(_ASCII.get(c, c) for c in text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"\s+", " ", text).strip()


def articles(wikinews_dir, out_path):
    csv.field_size_limit(1 << 26)
    n = 0
    with open(out_path, "w", encoding="utf-8") as out:
        for path in sorted(glob.glob(os.path.join(wikinews_dir, "wikinews_*.csv"))):
            with open(path, encoding="utf-8", newline="") as f:
                for row in csv.DictReader(f):
                    out.write(json.dumps({"text": row["text"], "title": row["title"], "date": row["date"],
                                          "url": row["url"], "source": "Wikinews"}) + "\n")
                    n += 1
    print(n)


def sentences(tokenized_path, work):
    n = words = 0
    with open(tokenized_path, encoding="utf-8") as f, \
            open(os.path.join(work, "sentences.jsonl"), "w", encoding="utf-8") as parley_out, \
            open(os.path.join(work, "sentences.text"), "w", encoding="ascii") as tabari_out:
        for line in f:
            doc = json.loads(line)
            data = doc["text"].encode("utf-8")
            date = doc.get("date") or "2019-01-01"
            for s in doc["sentences"]:
                text = to_ascii(data[s["start"]:s["end"]].decode("utf-8"))
                # Datelines, bylines and one-word lines are no sentences either coder codes.
                if len(text.split()) < 3:
                    continue
                n += 1
                words += len(text.split())
                parley_out.write(json.dumps({"text": text, "date": date}) + "\n")
                # TABARI: a record is a "YYMMDD ID" line, the text, a blank line; long lines wrapped.
                wrapped, cur = [], ""
                for w in text.split():
                    if cur and len(cur) + 1 + len(w) > 75:
                        wrapped.append(cur)
                        cur = w
                    else:
                        cur = f"{cur} {w}" if cur else w
                wrapped.append(cur)
                tabari_out.write(f"{date[2:4]}{date[5:7]}{date[8:10]} WIKI-{n:06d}\n" + "\n".join(wrapped) + "\n\n")
    print(n, words)


def _tabari_date(m):
    """PETRARCH writes restriction dates as YYYYMMDD or YYMMDD; TABARI reads YYMMDD."""
    d = m.group(0)
    return d[2:] if len(d) == 8 else d


def phoenix(dicts, out_path):
    """Phoenix actor dictionaries (PETRARCH's layout: a name line, '+' synonym lines and code
    lines, in any order up to the next name) as TABARI actor lines: every name with all the
    codes of its entry on one line."""
    entries = 0
    seen = set()  # TABARI stops at a name entered twice (Phoenix has a few): the first one stays
    with open(out_path, "w", encoding="ascii", errors="ignore") as out:
        for name in ["Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                     "Phoenix.MilNonState.actors.txt"]:
            names, codes = [], []

            def flush():
                nonlocal names, codes, entries
                if names and codes:  # a name with no code (a few in the files) codes nothing
                    for n in names:
                        key = re.sub(r"[^A-Z0-9]", "", n.upper())  # as TABARI compares them
                        if not key or key in seen:
                            continue
                        seen.add(key)
                        out.write(f"{n} {' '.join(codes)}\n")
                        entries += 1
                names, codes = [], []

            with open(os.path.join(dicts, name), encoding="utf-8", errors="ignore") as f:
                for raw in f:
                    line = raw.split("#", 1)[0].rstrip()
                    if not line.strip():
                        continue
                    body = line.strip()
                    found = re.findall(r"\[[^\]]*\]", body)
                    head = re.sub(r"\[[^\]]*\]", "", body).strip()
                    if body.startswith("+"):
                        names.append(re.sub(r"\[[^\]]*\]", "", body[1:]).strip())
                        continue
                    if head and not raw[0].isspace():
                        flush()
                        names.append(head)
                    for c in found:
                        inner = c[1:-1].split()
                        if not inner:
                            continue
                        code = inner[0]
                        rest = " ".join(inner[1:])
                        rest = re.sub(r"\d{6,8}", _tabari_date, rest)
                        # A malformed restriction (a 7-digit date) is dropped with its code's date.
                        if re.search(r"\d{7}|\d{9,}", rest) or re.search(r"[^0-9<> -]", rest):
                            rest = ""
                        codes.append(f"[{code} {rest}]" if rest else f"[{code}]")
            flush()
    print(entries)


if __name__ == "__main__":
    cmd, *args = sys.argv[1:]
    {"articles": articles, "sentences": sentences, "phoenix": phoenix}[cmd](*args)
