#!/usr/bin/env bash
# Speed side by side: TABARI (the classic C++ dictionary coder) and `parley code` on the same
# real sentences, from one run. scripts/compare-tabari.sh [SHARED] (default ../shared)
#
# TABARI is built from SHARED/peers/TABARI/src into build/tabari/ (its BUILDING.md: the gcc-12
# patch, -O2; GPL-3.0, never copied into the project). The sentences are the Wikinews sample's
# (SHARED/corpora/wikinews-2019-2020-sample), split by Parley's sentence splitter, in ASCII
# (TABARI reads ASCII), one record per sentence for both coders. TABARI runs with
# CAMEO.091003.master.verbs and (a) its demo actors, (b) PETRARCH's Phoenix actor dictionaries
# converted to TABARI's layout (scripts/tabari-sentences.py). Figures are words per second of
# coding: TABARI's own timer (dictionaries loaded before it starts) over REPEAT passes of the
# text, and Parley's wall time minus its start-up (measured on one sentence). TABARI's timer is
# clock(), processor time, so Parley's processor time (user + system, minus start-up's) is given
# too: on a loaded machine it is the like-for-like figure.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
shared="${1:-${PARLEY_SHARED:-../shared}}"
repeat="${REPEAT:-10}"
T="$shared/peers/TABARI"
W="$shared/corpora/wikinews-2019-2020-sample"
P="$shared/peers/petrarch2/dictionaries"
if [ ! -d "$T/src" ] || [ ! -d "$W" ]; then
  echo "compare-tabari: skipped: $T/src or $W not found (pass the shared directory: scripts/compare-tabari.sh SHARED)"
  exit 0
fi
parley="${PARLEY_BIN:-$root/build/release/bin/parley}"
[ -x "$parley" ] || bash scripts/build.sh release > /dev/null
dpkg-query -W -f='${Status}' libncurses-dev 2>/dev/null | grep -q "install ok installed" || {
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get install -y -qq --no-install-recommends libncurses-dev > /dev/null
}

work="$root/build/tabari"
rm -rf "$work/src" "$work/run"
mkdir -p "$work/run"
cp -r "$T/src" "$work/src"
(cd "$work/src" && patch -s -p1 < tabari-gcc12.patch && make -s GCC="g++ -O2" > /dev/null 2>&1) || {
  echo "compare-tabari: building TABARI failed (in $work/src: make GCC='g++ -O2'; needs libncurses-dev)"; exit 1; }
cd "$work/run"
cp "$work/src/TABARI.0.8.4b2" tabari
cp "$T/CAMEO.091003.master.verbs" cameo.verbs
cp "$T/TABARI.Demo.actors" demo.actors
cp "$T/TABARI.Demo.options" demo.options

# The sentences: articles -> Parley's splitter -> one ASCII sentence per record.
py=python3
[ -x /usr/bin/python3 ] && py=/usr/bin/python3
$py "$root/scripts/tabari-sentences.py" articles "$W" articles.jsonl > /dev/null
"$parley" tokenize --format json articles.jsonl -j 2 --no-progress > tokenized.jsonl
read -r sentences words < <($py "$root/scripts/tabari-sentences.py" sentences tokenized.jsonl .)
$py "$root/scripts/tabari-sentences.py" phoenix "$P" phoenix.actors > /dev/null
: > repeated.text
for _ in $(seq "$repeat"); do cat sentences.text >> repeated.text; done

# TABARI in batch mode; its screen output holds the timer ("Time (secs) : 0.71").
tabari_seconds() {  # NAME ACTORS
  cat > "$1.project" <<EOF
Parley side-by-side
<actorsfile> $2
<verbsfile> cameo.verbs
<optionsfile> demo.options
<textfile> repeated.text
<eventfile> $1.events
<problemfile> $1.prob
<coder> PARLEY
EOF
  rm -f "$1".events* "$1".prob*
  # stdin closed and a time limit: a dictionary problem would otherwise wait for a key forever.
  TERM=xterm COLUMNS=200 LINES=60 timeout 300 ./tabari -aq "$1.project" < /dev/null 2>&1 | head -c 200000 > "$1.screen" || true
  $py - "$1.screen" <<'EOF'
import re, sys
s = open(sys.argv[1], "rb").read().decode("latin-1")
s = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", " ", s)
t = re.search(r"Time \(secs\)\s*:\s*([0-9.]+)", s)
r = re.search(r"Records coded:\s*(\d+)", s)
e = re.search(r"Events coded\s*:\s*(\d+)", s)
if not t:
    p = re.search(r"Problem[^|]{0,200}", s)
    sys.exit("TABARI did not finish" + (": " + p.group(0) if p else ""))
print(t.group(1), r.group(1), e.group(1))
EOF
}
read -r demo_s demo_recs demo_events < <(tabari_seconds demo demo.actors)
read -r phx_s phx_recs phx_events < <(tabari_seconds phoenix phoenix.actors)

# Parley: the whole chain, one thread and two, each sentence an article.
now() { date +%s.%N; }
cpu() {  # processor seconds (user + system) of one command; its stdout goes to the file $1
  local out="$1"; shift
  $py -c 'import resource, subprocess, sys
with open(sys.argv[1], "wb") as out:
    subprocess.run(sys.argv[2:], stdout=out, check=True)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(r.ru_utime + r.ru_stime)' "$out" "$@"
}
head -1 sentences.jsonl > one.jsonl
t0=$(now); c_startup=$(cpu /dev/null "$parley" code one.jsonl -j 1 --no-progress); t1=$(now)
c_j1=$(cpu parley.jsonl "$parley" code sentences.jsonl -j 1 --no-progress); t2=$(now)
"$parley" code sentences.jsonl -j 2 --no-progress > parley-j2.jsonl; t3=$(now)
parley_events=$($py -c "import json,sys; print(sum(len(json.loads(l)['events']) for l in open('parley.jsonl')))")

$py - "$sentences" "$words" "$repeat" "$demo_s" "$demo_recs" "$demo_events" "$phx_s" "$phx_recs" "$phx_events" \
      "$t0" "$t1" "$t2" "$t3" "$parley_events" "$c_startup" "$c_j1" <<'EOF'
import sys
(sentences, words, repeat, demo_s, demo_recs, demo_ev, phx_s, phx_recs, phx_ev, t0, t1, t2, t3, p_ev,
 c_startup, c_j1) = sys.argv[1:]
c_startup, c_j1 = float(c_startup), float(c_j1)
sentences, words, repeat = int(sentences), int(words), int(repeat)
demo_s, phx_s = float(demo_s), float(phx_s)
t0, t1, t2, t3 = map(float, (t0, t1, t2, t3))
startup = t1 - t0
j1 = t2 - t1
j2 = t3 - t2
coding = max(j1 - startup, 1e-9)
demo_wps = words * repeat / demo_s
phx_wps = words * repeat / phx_s
parley_wps = words / coding
print(f"compare-tabari: {sentences:,} Wikinews sentences, {words:,} words (ASCII, one record each)")
print(f"  TABARI 0.8.4b2 -O2, demo actors:    {demo_wps:>12,.0f} words/s  ({repeat} passes in {demo_s:.2f} s; "
      f"{int(demo_ev) // repeat} events per pass)")
print(f"  TABARI 0.8.4b2 -O2, Phoenix actors: {phx_wps:>12,.0f} words/s  ({repeat} passes in {phx_s:.2f} s; "
      f"{int(phx_ev) // repeat} events per pass)")
print(f"  parley code -j 1 (whole chain):     {parley_wps:>12,.0f} words/s  (wall {j1:.2f} s minus start-up "
      f"{startup:.2f} s; {int(p_ev):,} events)")
parley_cpu_wps = words / max(c_j1 - c_startup, 1e-9)
print(f"  parley code -j 1, processor time:   {parley_cpu_wps:>12,.0f} words/s  (CPU {c_j1:.2f} s minus start-up "
      f"{c_startup:.2f} s, as TABARI's clock() timer; ratio TABARI-Phoenix / Parley {phx_wps / parley_cpu_wps:.2f}x)")
print(f"  ratio TABARI-Phoenix / Parley: {phx_wps / parley_wps:.2f}x; TABARI-demo / Parley: {demo_wps / parley_wps:.2f}x; "
      f"target (issue 15): within 2x of TABARI-Phoenix")
print(f"  parley code -j 2 wall / -j 1 wall: {j2 / j1:.2f} (1.00 = no gain, 0.50 = linear)")
EOF
