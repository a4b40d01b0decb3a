#!/usr/bin/env bash
# How long a host program takes to compile against pharmakon (issue 15: the README's C++ example with
# `pharmakon::header_only` in <= 10 s and <= 600 MB), printed as a Markdown section: the example's own file, the
# implementation unit the header_only target adds once, and the all-inline -DPHARMAKON_HEADER_ONLY mode. benchmarks/run.sh appends it
# to RESULTS.md; alone:
#
#   benchmarks/compile.sh [BUILD]     BUILD: a configured build directory (its generated headers), default build/bench
#
# Each row is one g++ process on the README's example (extracted from README.md, so it is the example a user
# copies), timed by /usr/bin/time (wall seconds, peak resident memory), fastest of RUNS (default 3). The
# syntax-only rows split the header-only cost by header: the front end's share, and which part of the library
# each include brings in.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${1:-${BUILD:-$ROOT/build/bench}}
RUNS=${RUNS:-3}
CXX=${CXX:-c++}
GEN=$BUILD/generated/include
[ -f "$GEN/pharmakon/kb/embedded_snapshot.hpp" ] || { echo "error: $GEN has no generated headers (build $BUILD first)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "error: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# the first ```cpp block after "## Using the library from C++"
awk '/^## Using the library from C\+\+/{s=1} s && /^```cpp/{c=1; next} c && /^```/{exit} c' "$ROOT/README.md" >"$TMP/example.cpp"
[ -s "$TMP/example.cpp" ] || { echo "error: no C++ example found in README.md" >&2; exit 2; }

FLAGS=(-std=c++20 -I"$ROOT/include" -I"$GEN")
# measure LABEL ARGS...: the fastest of RUNS compiles; prints "seconds peak-MB"
measure() {
  local best_s="" best_m=""
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f '%e %M' -o "$TMP/time" "$CXX" "${FLAGS[@]}" "$@" >/dev/null 2>"$TMP/err" ||
      { echo "error: $CXX ${FLAGS[*]} $*:" >&2; cat "$TMP/err" >&2; exit 1; }
    read -r s kb <"$TMP/time"
    if [ -z "$best_s" ] || awk -v a="$s" -v b="$best_s" 'BEGIN{exit !(a<b)}'; then best_s=$s; best_m=$((kb / 1024)); fi
  done
  echo "$best_s $best_m"
}
row() {  # row DESCRIPTION TARGET ARGS...
  local what=$1 target=$2; shift 2
  read -r s m < <(measure "$@")
  printf '| %s | %s s | %s MB | %s |\n' "$what" "$s" "$m" "$target"
}

printf '\n## Compiling a host program\n\n'
printf 'Made by `benchmarks/compile.sh` (%s; fastest of %s; one process per row, no ccache). The program is the C++ example of README.md (%s lines): the embedded knowledge base, a typed query, `mechanism_of` and `render_markdown`.\n\n' \
  "$("$CXX" --version | head -1)" "$RUNS" "$(wc -l <"$TMP/example.cpp")"
printf '| compile | wall | peak memory | target |\n|---|---:|---:|---|\n'
row 'the README example, in a target linking `pharmakon::header_only` (declarations only), `-O0` (what CMake gives with no build type)' '≤ 10 s, ≤ 600 MB (issue 15)' \
  -c "$TMP/example.cpp" -o "$TMP/a.o"
row '… `-O2`' '' -O2 -c "$TMP/example.cpp" -o "$TMP/a.o"
row '… its front end only (`-fsyntax-only`)' '' -fsyntax-only "$TMP/example.cpp"
row 'the implementation unit `pharmakon::header_only` adds to that target (`src/pharmakon.cpp`), once per target, `-O0`' '' \
  -c "$ROOT/src/pharmakon.cpp" -o "$TMP/i.o"
row '… `-O2`' '' -O2 -c "$ROOT/src/pharmakon.cpp" -o "$TMP/i.o"
row 'the README example with every definition inline (`-DPHARMAKON_HEADER_ONLY`, no CMake target, no second file), `-O0`' '' \
  -DPHARMAKON_HEADER_ONLY -c "$TMP/example.cpp" -o "$TMP/a.o"
row '… `-O2`' '' -DPHARMAKON_HEADER_ONLY -O2 -c "$TMP/example.cpp" -o "$TMP/a.o"
row '… its front end only (`-fsyntax-only`)' '' -DPHARMAKON_HEADER_ONLY -fsyntax-only "$TMP/example.cpp"
printf '\nAgainst `pharmakon::pharmakon` the example compiles as in the first rows (the same declarations); the library is then `src/pharmakon.cpp` built once, as in the implementation rows.\n'

printf '\nWhat each include brings into a header-only translation unit, front end only (`-fsyntax-only -DPHARMAKON_HEADER_ONLY`, one header per process; each row includes what it depends on):\n\n'
printf '| header | wall | peak memory | what it holds |\n|---|---:|---:|---|\n'
hrow() {  # hrow HEADER WHAT
  printf '#include <%s>\n' "$1" >"$TMP/h.cpp"
  read -r s m < <(measure -DPHARMAKON_HEADER_ONLY -fsyntax-only "$TMP/h.cpp")
  printf '| `%s` | %s s | %s MB | %s |\n' "$1" "$s" "$m" "$2"
}
printf '#include <string>\n#include <vector>\n#include <ranges>\n#include <algorithm>\n#include <unordered_map>\n' >"$TMP/std.cpp"
read -r s m < <(measure -fsyntax-only "$TMP/std.cpp")
printf '| (the standard headers the library uses: `<string>`, `<vector>`, `<ranges>`, `<algorithm>`, `<unordered_map>`) | %s s | %s MB | the floor of any C++20 translation unit here |\n' "$s" "$m"
hrow boost/graph/compressed_sparse_row_graph.hpp 'Boost.Graph'"'"'s CSR graph, which the knowledge base stores its claims in'
hrow fmt/format.h 'fmt'
hrow pharmakon/model/relations.hpp 'the typed model: entities, relations, payloads'
hrow pharmakon/graph/knowledge_base.hpp 'the knowledge base and its builder'
hrow pharmakon/io/kb_file/loader.hpp 'the TOML loader (toml++), which `default_kb()` falls back on'
hrow pharmakon/kb/default_kb.hpp 'the embedded knowledge base: its snapshot loader, the loader, the embedded snapshot (2 MB of bytes)'
hrow pharmakon/answers/answers.hpp 'the answers (mechanism, interactions, dose checks)'
hrow pharmakon/render/render.hpp 'text, Markdown and JSON rendering'
hrow pharmakon/pharmakon.hpp 'everything: importers, exporters, HTML, the question parser'
