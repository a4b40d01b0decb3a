#!/bin/sh
# Builds every libFuzzer target (fuzz/CMakeLists.txt) with clang in its own build dir, seeds the corpora from the
# test data and small slices of ../shared/data (made at run time, never committed), and runs each target for
# SECONDS (default 60). Fails if any target finds a crash, a hang (-timeout), a leak or runs out of memory
# (-rss_limit_mb). Findings are kept in build/fuzz/findings/ (artifacts) for a regression test.
#
#   fuzz/run.sh [SECONDS] [TARGET...]
# Environment: CXX (default: the newest clang++ that can compile the library), PHARMAKON_FUZZ_BUILD (build dir),
# PHARMAKON_FUZZ_JOBS (targets run at once; default: the number of cores), PHARMAKON_SHARED_DIR.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
seconds=${1:-60}
[ $# -gt 0 ] && shift
build=${PHARMAKON_FUZZ_BUILD:-$root/build/fuzz}
shared=${PHARMAKON_SHARED_DIR:-$root/../shared}
jobs=${PHARMAKON_FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}

# clang 14 (Debian 12's default) cannot compile libstdc++ 12's <ranges> views (LLVM issue 52696, fixed in clang
# 16), which the library uses; take clang 16 when it is there.
if [ -z "${CXX:-}" ]; then
  for c in clang++-16 clang++-17 clang++-18 clang++; do
    if command -v "$c" >/dev/null 2>&1; then CXX=$c; break; fi
  done
fi
[ -n "${CXX:-}" ] || { echo "fuzz: no clang++ found (fuzz/install-deps.sh installs clang-16)" >&2; exit 1; }
echo "fuzz: building with $CXX in $build"
symbolizer=$(ls /usr/lib/llvm-16/bin/llvm-symbolizer 2>/dev/null || command -v llvm-symbolizer || true)
[ -n "$symbolizer" ] && export ASAN_SYMBOLIZER_PATH="$symbolizer"

cmake -S "$root" -B "$build" -DCMAKE_CXX_COMPILER="$CXX" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" \
  -DPHARMAKON_BUILD_FUZZERS=ON -DPHARMAKON_BUILD_TESTS=OFF -DPHARMAKON_BUILD_EXAMPLES=OFF \
  -DPHARMAKON_BUILD_CLI=OFF -DPHARMAKON_INSTALL=OFF >"$build.configure.log" 2>&1 ||
  { cat "$build.configure.log" >&2; exit 1; }
cmake --build "$build" --target pharmakon_fuzzers -j "$jobs" >"$build.build.log" 2>&1 ||
  { tail -n 60 "$build.build.log" >&2; exit 1; }

targets=${*:-$(cat "$build/fuzz/targets.txt" | tr ';' ' ')}
corpus=$build/corpus
findings=$build/findings
logs=$build/logs
rm -rf "$corpus" "$logs"
mkdir -p "$corpus" "$findings" "$logs"

# ---- seed corpora -------------------------------------------------------------------------------------------
seed() {  # seed TARGET FILE...: copies files into the target's seed dir
  t=$1; shift
  mkdir -p "$corpus/$t.seeds"
  for f in "$@"; do [ -f "$f" ] && cp "$f" "$corpus/$t.seeds/$(echo "$f" | tr '/' '_')"; done
  return 0
}
seed_text() {  # seed_text TARGET NAME TEXT
  mkdir -p "$corpus/$1.seeds"
  printf '%s' "$3" >"$corpus/$1.seeds/$2"
}
toml_files="$root/data/*.toml $root/tests/data/good/*.toml $root/tests/data/good/*/*.toml $root/tests/data/bad/*.toml
  $root/tests/data/golden/*.toml $root/tests/data/fuzz-regressions/*.toml"
# shellcheck disable=SC2086
seed fuzz_load_toml $toml_files
# two files: each multi-file bad case, the default KB's core with each drug file, and the regressions
n=0
for first in "$root"/tests/data/bad/*.2.toml; do
  base=${first%.2.toml}
  n=$((n + 1)); { cat "$base.toml"; printf '\n#%%%%\n'; cat "$first"; } >"$corpus/pair$n"
done
for f in "$root"/data/*.toml "$root"/tests/data/good/*.toml "$root"/tests/data/good/*/*.toml; do
  [ "$f" = "$root/data/core.toml" ] && continue
  n=$((n + 1)); { cat "$root/data/core.toml"; printf '\n#%%%%\n'; cat "$f"; } >"$corpus/pair$n"
done
mkdir -p "$corpus/fuzz_load_two.seeds"
mv "$corpus"/pair* "$corpus/fuzz_load_two.seeds/"
seed fuzz_load_two "$root"/tests/data/fuzz-regressions/two-*
seed fuzz_reviews "$root"/tests/data/reviews/*.toml "$root"/tests/data/fuzz-regressions/reviews-*
i=0
for q in "50 mg" "380mg" "24 h" "0.5 nM" "4 weeks" "q12h" "Q4h" "daily" "weekly" "monthly" "1.5e3 µg" "2 mL" \
         "10 d" "1e308 kg" "nan mg" "inf h" "-1 mg" "0 mg" "1e-320 mg" "12 hrs" "3 mo" "  7  d  " "5 μM"; do
  i=$((i + 1)); seed_text fuzz_quantity "q$i" "$q"
done
grep -ho '"[0-9][0-9.e]* *[a-zA-Zµμ]*"' "$root"/data/*.toml | tr -d '"' | sort -u | while read -r q; do
  seed_text fuzz_quantity "d$(echo "$q" | tr -c 'a-zA-Z0-9' '_')" "$q"
done
seed fuzz_quantity "$root"/tests/data/fuzz-regressions/quantity-*
# lookup: mode byte 0 (arbitrary name) + kind + max, then a name; mode 1 (a known name, re-cased) + index bytes
grep -ho '^\(name\|id\) = "[^"]*"' "$root"/data/*.toml | sed 's/^[a-z]* = "//; s/"$//' | sort -u | head -n 300 |
  while read -r name; do
    h=$(printf '%s' "$name" | cksum | cut -d' ' -f1)
    printf '\000\000\003%s' "$name" >"$corpus/fuzz_lookup.seeds.tmp.$h" 2>/dev/null || true
  done
mkdir -p "$corpus/fuzz_lookup.seeds"
mv "$corpus"/fuzz_lookup.seeds.tmp.* "$corpus/fuzz_lookup.seeds/" 2>/dev/null || true
for k in 0 1 2 3 4 5 6 7; do printf "\\001\\00$k\\00$k\\001\\001\\000\\001" >"$corpus/fuzz_lookup.seeds/known$k"; done
seed fuzz_lookup "$root"/tests/data/fuzz-regressions/lookup-*
# importers and snapshots: small slices of the real files (a few hundred lines), never committed
het=$shared/data/hetionet
if [ -d "$het" ]; then
  mkdir -p "$corpus/fuzz_import_hetionet.seeds"
  { head -n 200 "$het/hetionet-v1.0-nodes.tsv"; printf '#%%%%\n'; gzip -dc "$het/hetionet-v1.0-edges-5k-per-metaedge.sif.gz" | head -n 200; } \
    >"$corpus/fuzz_import_hetionet.seeds/slice" || true
  { head -n 1 "$het/hetionet-v1.0-nodes.tsv"; grep -E '^(Compound|Gene|Disease|Side Effect)::' "$het/hetionet-v1.0-nodes.tsv" | head -n 60
    printf '#%%%%\n'; gzip -dc "$het/hetionet-v1.0-edges-5k-per-metaedge.sif.gz" | head -n 1
    gzip -dc "$het/hetionet-v1.0-edges-5k-per-metaedge.sif.gz" | grep -E 'CbG|CtD|CcSE' | head -n 60; } \
    >"$corpus/fuzz_import_hetionet.seeds/typed" || true
fi
gto=$shared/data/gtopdb
if [ -d "$gto" ]; then
  mkdir -p "$corpus/fuzz_import_gtopdb.seeds"
  inter=$(ls "$gto"/*interactions.csv | head -n 1)
  for f in "$gto"/*.csv; do head -n 40 "$f" >"$corpus/fuzz_import_gtopdb.seeds/$(basename "$f")"; done
  for f in "$gto"/*ligands.csv "$gto"/*targets_and_families.csv; do
    { head -n 60 "$inter"; printf '#%%%%\n'; head -n 60 "$f"; } >"$corpus/fuzz_import_gtopdb.seeds/with-$(basename "$f")"
  done
  { grep -m 40 -i 'opioid' "$inter" | sed '1i\' ; } >/dev/null 2>&1 || true
  { head -n 1 "$inter"; grep -i -m 60 'opioid receptor' "$inter"; } >"$corpus/fuzz_import_gtopdb.seeds/opioid-interactions.csv" || true
fi
chembl=$shared/data/chembl
if [ -d "$chembl" ]; then
  mkdir -p "$corpus/fuzz_import_chembl.seeds"
  mech=$(ls "$chembl"/*drug_mechanism*.csv | head -n 1)
  head -n 80 "$mech" >"$corpus/fuzz_import_chembl.seeds/mechanisms.csv" || true
  { head -n 60 "$mech"; printf '#%%%%\n'; head -n 60 "$chembl"/*drug_nodes.csv; } >"$corpus/fuzz_import_chembl.seeds/with-nodes" || true
  { head -n 1 "$mech"; grep -m 40 -i 'opioid' "$mech"; } >"$corpus/fuzz_import_chembl.seeds/opioid-mechanisms.csv" || true
fi
seed fuzz_import_chembl "$root"/tests/data/import/chembl/*.csv
dc=$shared/data/drugcentral
if [ -d "$dc" ]; then
  mkdir -p "$corpus/fuzz_import_drugcentral.seeds"
  gzip -dc "$dc"/*drug.target.interaction.tsv.gz | head -n 80 >"$corpus/fuzz_import_drugcentral.seeds/slice.tsv" || true
  { gzip -dc "$dc"/*drug.target.interaction.tsv.gz | head -n 1
    gzip -dc "$dc"/*drug.target.interaction.tsv.gz | grep -m 40 -i 'opioid'; } >"$corpus/fuzz_import_drugcentral.seeds/opioid.tsv" || true
fi
seed fuzz_import_drugcentral "$root"/tests/data/import/drugcentral/drug.target.interaction.tsv
seed fuzz_import_chembl "$root"/tests/data/fuzz-regressions/chembl-*
seed fuzz_import_drugcentral "$root"/tests/data/fuzz-regressions/drugcentral-*
seed fuzz_import_drugmechdb "$root"/tests/data/import/drugmechdb/*.yaml "$root"/tests/data/import/drugmechdb/*/*.yaml \
  "$root"/tests/data/fuzz-regressions/drugmechdb-*
seed fuzz_import_hetionet "$root"/tests/data/fuzz-regressions/hetionet-*
seed fuzz_import_gtopdb "$root"/tests/data/fuzz-regressions/gtopdb-*
seed fuzz_import_kgx "$root"/tests/data/fuzz-regressions/kgx-*
seed fuzz_snapshot "$root"/tests/data/fuzz-regressions/snapshot-*
# questions: the issue's phrasings and the unit tests' table; CDS Hooks: the requests of the server tests
i=0
grep -ho '{"[^"]*", "[a-z-]*|' "$root"/tests/unit/test_ask.cpp | sed 's/^{"//; s/", ".*$//' | while read -r q; do
  i=$((i + 1)); seed_text fuzz_ask "t$i" "$q"
done
for q in "What is the mechanism of action of naltrexone?" "How does Vivitrol work?" "Does tramadol interact with sertraline?" \
         "Can I take naltrexone with oxycodone?" "Is 100 mg of naltrexone a day too much?" "What is ReVia?"; do
  i=$((i + 1)); seed_text fuzz_ask "q$i" "$q"
done
seed_text fuzz_cds_request select '{"hook":"order-select","hookInstance":"x","context":{"patientId":"1","draftOrders":{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"MedicationRequest","medicationCodeableConcept":{"text":"oxycodone 5 MG Oral Tablet","coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"7804","display":"oxycodone"}]},"dosageInstruction":[{"doseAndRate":[{"doseQuantity":{"value":500,"unit":"mg"}}],"timing":{"repeat":{"frequency":1,"period":1,"periodUnit":"d"}},"route":{"text":"oral"}}]}}]}},"prefetch":{"meds":{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"MedicationStatement","status":"active","medicationCodeableConcept":{"text":"ReVia 50 mg"}}}]}}}'
seed_text fuzz_cds_request sign '{"hook":"order-sign","hookInstance":"y","context":{"draftOrders":{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"MedicationRequest","medication":{"concept":{"text":"morphine"}}}},{"resource":{"resourceType":"MedicationRequest","medicationCodeableConcept":{"text":"methadone"}}}]}}}'
export PHARMAKON_FUZZ_SNAPSHOT_SEEDS="$corpus/fuzz_snapshot.seeds" PHARMAKON_FUZZ_GOLDEN_KB="$root/tests/data/golden/kb.toml"
export PHARMAKON_FUZZ_KGX_SEEDS="$corpus/fuzz_import_kgx.seeds"

# ---- run ----------------------------------------------------------------------------------------------------
run_one() {
  t=$1
  mkdir -p "$corpus/$t" "$corpus/$t.seeds" "$findings/$t"
  extra=""
  case $t in
    fuzz_load_toml|fuzz_load_two) extra="-dict=$root/fuzz/toml.dict -max_len=131072" ;;
    fuzz_quantity) extra="-max_len=256" ;;
    fuzz_lookup) extra="-max_len=1024" ;;
    fuzz_ask) extra="-max_len=1200" ;;
    fuzz_cds_request) extra="-max_len=16384" ;;
    *) extra="-max_len=65536" ;;
  esac
  # shellcheck disable=SC2086
  "$build/fuzz/$t" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 -malloc_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$findings/$t/" $extra "$corpus/$t" "$corpus/$t.seeds" \
    >"$logs/$t.log" 2>&1
}

status=0
running=0
passed=0
failed=0
for t in $targets; do
  if [ ! -x "$build/fuzz/$t" ]; then echo "fuzz: no target $t" >&2; status=1; continue; fi
  ( if run_one "$t"; then echo ok >"$logs/$t.rc"; else echo fail >"$logs/$t.rc"; fi ) &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then wait; running=0; fi
done
wait

printf '%-24s %12s %10s %s\n' target executions exec/s result
for t in $targets; do
  [ -f "$logs/$t.log" ] || continue
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$logs/$t.log" | tail -n 1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$logs/$t.log" | tail -n 1)
  rc=$(cat "$logs/$t.rc" 2>/dev/null || echo fail)
  printf '%-24s %12s %10s %s\n' "$t" "${execs:-?}" "${rate:-?}" "$rc"
  if [ "$rc" = ok ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  if [ "$rc" != ok ]; then
    status=1
    echo "---- $t: last lines of $logs/$t.log" >&2
    grep -v '^#[0-9]' "$logs/$t.log" | tail -n 40 >&2
    ls "$findings/$t" >&2
  fi
done
echo "fuzz: $passed passed, $failed failed"
exit $status
