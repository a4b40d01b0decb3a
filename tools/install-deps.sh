#!/bin/sh
# Installs pharmakon's build and test dependencies from Debian 12's packages (no PyPI).
set -eu
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
  g++ cmake make git ca-certificates \
  libboost-graph-dev libfmt-dev doctest-dev libtomlplusplus-dev libcli11-dev nlohmann-json3-dev zlib1g-dev libyaml-cpp-dev \
  libisal-dev isal libdeflate-dev \
  python3 python3-dev python3-pybind11 pybind11-dev python3-pytest python3-pandas python3-networkx \
  python3-jsonschema python3-setuptools python3-wheel python3-pip python3-venv \
  python3-igraph python3-numpy python3-scipy graphviz python3-yaml \
  libcpp-httplib-dev pkg-config chromium chromium-driver python3-selenium \
  >/dev/null
# libyaml-cpp-dev: the DrugMechDB importer reads YAML. python3-numpy, python3-scipy: the Python columnar API (kb.edges, kb.adjacency). libisal-dev: the importers inflate
# gzipped files with ISA-L (zlib1g-dev when it is missing: PHARMAKON_USE_ISAL); isal (igzip) and libdeflate-dev:
# the inflate floors benchmarks/run.sh measures; python3-networkx, python3-igraph: benchmarks/run.sh compares
# against them; python3-yaml: tests/python/test_biolink_kgx.py reads the Biolink model; graphviz: renders `pharmakon export --to dot` (docs/img).
# libcpp-httplib-dev (+ pkg-config for its flags): `pharmakon serve`; chromium, chromium-driver, python3-selenium:
# the browser tests (tests/python/test_browser.py), which skip without them.
# The pages' outside checkers (axe-core, vnu-jar) come from npm into tools/web-checkers/ (never fails: the checks
# skip without them).
"$(dirname "$0")/install-web-checkers.sh"
