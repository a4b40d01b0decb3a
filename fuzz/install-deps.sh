#!/bin/sh
# Installs what fuzz/run.sh needs beyond tools/install-deps.sh: clang 16 and its libFuzzer/sanitizer runtimes
# (Debian 12 packages). clang 14, Debian 12's default, cannot compile libstdc++ 12's <ranges> (LLVM issue 52696).
set -eu
if command -v clang++-16 >/dev/null 2>&1 && [ -n "$(ls /usr/lib/llvm-16/lib/clang/16/lib/linux/libclang_rt.fuzzer-x86_64.a 2>/dev/null)" ]; then
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends clang-16 libclang-rt-16-dev >/dev/null
