#!/usr/bin/env bash
# One command for the benchmarks: builds pharmakon (Release), generates the Hetionet-shaped data in /tmp, runs
# pharmakon (C++ and Python), networkx and python-igraph side by side on the same files, times the answers and
# the compile of the README's example (benchmarks/compile.sh), and writes benchmarks/RESULTS.md.
#
#   benchmarks/run.sh                     scales 1 and 10
#   SCALES=1 benchmarks/run.sh            scale 1 only (minutes instead of an hour or more)
#
# Environment: BUILD (build dir, default build/bench), DATA (default /tmp/pharmakon-bench), SHARED (the shared
# folder with data/ and tools/, default ../shared), RUNS (repetitions of the pharmakon loads, default 3),
# NETWORKX_MAX_SCALE (skip networkx above this scale, default: when the machine has too little memory).
# The generated edge lists are kept in DATA and reused: scale 10 takes the generator about an hour.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${BUILD:-$ROOT/build/bench}
DATA=${DATA:-/tmp/pharmakon-bench}
SHARED=${SHARED:-$(cd "$ROOT/../shared" 2>/dev/null && pwd || echo "$ROOT/../shared")}
SCALES=${SCALES:-"1 10"}
RUNS=${RUNS:-3}
PY=/usr/bin/python3  # Debian's interpreter: python3-networkx and python3-igraph live there
NODES=$SHARED/data/hetionet/hetionet-v1.0-nodes.tsv

say() { printf '\n== %s\n' "$*" >&2; }

[ -f "$NODES" ] || { echo "error: $NODES not found (set SHARED)" >&2; exit 2; }
"$PY" -c 'import networkx, igraph' || { echo "error: $PY lacks networkx or igraph (apt-get install python3-networkx python3-igraph)" >&2; exit 2; }
mkdir -p "$DATA"

say "building pharmakon (Release) in $BUILD"
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DPHARMAKON_BUILD_BENCHMARKS=ON \
  -DPHARMAKON_BUILD_CLI=ON -DPHARMAKON_BUILD_EXAMPLES=OFF >/dev/null
cmake --build "$BUILD" --target pharmakon_bench pharmakon_bench_answers pharmakon_cli -j2
echo "command: $0 (SCALES='$SCALES' RUNS=$RUNS)" >&2
BENCH=$BUILD/benchmarks/pharmakon_bench

# pharmakon's Python bindings, if a build of them is around
PYPATH=""
for so in "$ROOT"/build/*/bindings/python/package/pharmakon/_core*.so "$ROOT"/build/*/bindings/python/pharmakon/_core*.so \
  "$ROOT"/bindings/python/pharmakon/_core*.so; do
  [ -f "$so" ] && PYPATH=$(dirname "$(dirname "$so")") && break
done

START=$(date -u +%Y-%m-%dT%H:%M:%SZ)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
for S in $SCALES; do
  EDGES=$DATA/hetionet-scale$S.sif.gz
  if [ ! -f "$EDGES.ok" ]; then
    say "generating scale $S: $EDGES (scale 10 takes about an hour)"
    "$PY" "$SHARED/tools/hetionet-scale.py" "$EDGES" --scale "$S" --seed 7
    touch "$EDGES.ok"
  fi
  OUT=$DATA/results-scale$S.jsonl
  : >"$OUT"
  SNAP=$DATA/hetionet-scale$S.pkb

  say "scale $S: inflate alone (the floor for a load from text): gzip -dc, igzip -dc (ISA-L), in-process"
  for _ in $(seq "$RUNS"); do
    for cli in "gzip -dc" "igzip -dc"; do
      command -v "${cli%% *}" >/dev/null || continue
      t0=$EPOCHREALTIME; $cli "$EDGES" >/dev/null; t1=$EPOCHREALTIME
      echo "{\"tool\":\"inflate\",\"library\":\"$cli\",\"mode\":\"cli\",\"load_s\":$(awk "BEGIN{printf \"%.4f\", $t1 - $t0}")}" >>"$OUT"
    done
    "$BENCH" inflate "$EDGES" >>"$OUT"
  done
  say "scale $S: pharmakon C++, load from the TSV/SIF files"
  "$BENCH" import "$NODES" "$EDGES" --queries --save "$SNAP" | sed 's/"mode":"import"/"mode":"import","run":0/' >>"$OUT"
  for i in $(seq 2 "$RUNS"); do "$BENCH" import "$NODES" "$EDGES" >>"$OUT"; done
  say "scale $S: the whole import process, snapshot written (a new process, as \`pharmakon import ... --save\`)"
  for _ in $(seq "$RUNS"); do
    t0=$EPOCHREALTIME; "$BENCH" import "$NODES" "$EDGES" --save "$DATA/whole-process.pkb" >/dev/null; t1=$EPOCHREALTIME
    echo "{\"tool\":\"pharmakon\",\"mode\":\"process\",\"load_s\":$(awk "BEGIN{printf \"%.4f\", $t1 - $t0}")}" >>"$OUT"
  done
  rm -f "$DATA/whole-process.pkb"
  say "scale $S: pharmakon C++, load from the binary snapshot"
  "$BENCH" snapshot "$SNAP" --queries >>"$OUT"
  for i in $(seq 2 "$RUNS"); do "$BENCH" snapshot "$SNAP" >>"$OUT"; done
  say "scale $S: pharmakon through Python"
  PYTHONPATH="$PYPATH" "$PY" "$ROOT/benchmarks/bench_python.py" pharmakon "$NODES" "$EDGES" --snapshot "$SNAP" >>"$OUT" || true
  say "scale $S: python-igraph"
  "$PY" "$ROOT/benchmarks/bench_python.py" igraph "$NODES" "$EDGES" >>"$OUT" ||
    echo "{\"tool\":\"igraph\",\"unavailable\":\"failed (exit $?)\"}" >>"$OUT"
  # networkx holds about 0.5 kB per edge: skip it where it would not fit in memory (or above NETWORKX_MAX_SCALE)
  avail_mb=$(awk '/MemAvailable/ {print int($2/1024)}' /proc/meminfo)
  need_mb=$((S * 1300 + 1000))
  if [ -n "${NETWORKX_MAX_SCALE:-}" ] && [ "$S" -gt "$NETWORKX_MAX_SCALE" ]; then
    echo "{\"tool\":\"networkx\",\"unavailable\":\"skipped above scale $NETWORKX_MAX_SCALE (NETWORKX_MAX_SCALE)\"}" >>"$OUT"
  elif [ "$need_mb" -gt "$avail_mb" ]; then
    echo "{\"tool\":\"networkx\",\"unavailable\":\"skipped: needs about $need_mb MB, $avail_mb MB available\"}" >>"$OUT"
  else
    say "scale $S: networkx"
    "$PY" "$ROOT/benchmarks/bench_python.py" networkx "$NODES" "$EDGES" >>"$OUT" ||
      echo "{\"tool\":\"networkx\",\"unavailable\":\"failed (exit $?)\"}" >>"$OUT"
  fi
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

say "writing benchmarks/RESULTS.md"
"$PY" "$ROOT/benchmarks/report.py" --data "$DATA" --scales "$SCALES" --started "$START" \
  --load-before "$LOAD_BEFORE" --load-after "$LOAD_AFTER" --compiler "$(c++ --version | head -1)" --runs "$RUNS" \
  --commit "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)" >"$ROOT/benchmarks/RESULTS.md"

say "answers on the embedded knowledge base"
{
  printf '\n## Answers on the embedded knowledge base\n\n'
  printf 'Made by the same run: `%s %s` (Release; p50, p90 and fastest of many runs in one process; the whole-CLI row is a new process each run).\n\n' \
    "benchmarks/pharmakon_bench_answers" "pharmakon"
  "$BUILD/benchmarks/pharmakon_bench_answers" "$BUILD/pharmakon"
} >>"$ROOT/benchmarks/RESULTS.md"

say "compiling a host program (benchmarks/compile.sh)"
"$ROOT/benchmarks/compile.sh" "$BUILD" >>"$ROOT/benchmarks/RESULTS.md"
cat "$ROOT/benchmarks/RESULTS.md"
