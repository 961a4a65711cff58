#!/usr/bin/env python3
"""Rebuilds samples/wikinews/ from the Wikinews 2019-2020 sample (CC BY 2.5) in ../shared.

Picks articles about conflict, diplomacy and protest by keywords in their title and lead,
writes each as a plain-text file (title on the first line, then the article as published,
dateline included), and records URL, date, title and licence in samples/wikinews/ATTRIBUTION.md.

    python3 scripts/make-samples.py --shared ../shared
"""
import argparse
import csv
import os
import re
import sys

KEYWORDS = re.compile(
    r"\b(war|ceasefire|talks|protest\w*|military|troops|attack\w*|killed|bomb\w*|sanction\w*|"
    r"negotiat\w*|minister|president|election|rebel\w*|militants?|police|clash\w*|strike\w*|"
    r"coup|refugees?|summit|treaty|army|missile\w*|peace|diplomat\w*|embassy)\b",
    re.IGNORECASE,
)


def slug(title):
    s = re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-").lower()
    return s[:60].rstrip("-")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(__file__), "..", "..", "shared"))
    ap.add_argument("--count", type=int, default=36)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "samples", "wikinews"))
    args = ap.parse_args()
    folder = os.path.join(args.shared, "corpora", "wikinews-2019-2020-sample")
    if not os.path.isdir(folder):
        sys.exit(f"make-samples: {folder} not found (pass --shared)")
    csv.field_size_limit(1 << 26)
    rows = []
    for name in ("wikinews_2019.csv", "wikinews_2020.csv"):
        with open(os.path.join(folder, name), newline="", encoding="utf-8") as f:
            rows.extend(csv.DictReader(f))
    scored = []
    for r in rows:
        lead = r["title"] + " " + r["text"][:1500]
        hits = len(set(m.lower() for m in KEYWORDS.findall(lead)))
        if hits >= 3 and 800 <= len(r["text"]) <= 12000:
            scored.append((-hits, r["date"], r))
    scored.sort(key=lambda x: (x[0], x[1]))
    chosen = sorted((x[2] for x in scored[: args.count]), key=lambda r: r["date"])
    os.makedirs(args.out, exist_ok=True)
    lines = [
        "# Wikinews sample articles",
        "",
        "These articles are from Wikinews (https://en.wikinews.org), via the vanatteveldt/wikinews",
        "sample, and are licensed under the Creative Commons Attribution 2.5 licence",
        "(https://creativecommons.org/licenses/by/2.5/). Authors: Wikinews contributors.",
        "Each file holds the title on its first line, then the article text as published.",
        "",
        "| file | date | title | source |",
        "|---|---|---|---|",
    ]
    for r in chosen:
        fname = f"{r['date']}-{slug(r['title'])}.txt"
        with open(os.path.join(args.out, fname), "w", encoding="utf-8") as f:
            f.write(r["title"].strip() + "\n\n" + r["text"].strip() + "\n")
        lines.append(f"| {fname} | {r['date']} | {r['title'].strip()} | {r['url']} |")
    with open(os.path.join(args.out, "ATTRIBUTION.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {len(chosen)} articles to {args.out}")


if __name__ == "__main__":
    main()
