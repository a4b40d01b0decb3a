// Faults when writing: a full disk (simulated with RLIMIT_FSIZE, so writes fail with EFBIG part-way through) or an
// unwritable place while a snapshot or an export is written. Writes go to a temporary file that is renamed into
// place, so a failed write is an io error that leaves the old file exactly as it was and no temporary file behind.
#include <doctest/doctest.h>

#include <pharmakon/pharmakon.hpp>

#include "support.hpp"
#if __has_include(<pharmakon/io/snapshot/snapshot.hpp>)
#  include <pharmakon/io/snapshot/snapshot.hpp>
#  define PHARMAKON_TEST_SNAPSHOT 1
#endif

#include <sys/resource.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <sstream>
#include <string>

using namespace pharmakon;
using namespace pharmakon::test;
namespace fs = std::filesystem;

namespace {

/// Runs `f` with files limited to `bytes` (writes beyond fail with EFBIG instead of raising SIGXFSZ).
[[maybe_unused]] void with_file_size_limit(rlim_t bytes, std::function<void()> const& f) {
  rlimit old{};
  REQUIRE(getrlimit(RLIMIT_FSIZE, &old) == 0);
  auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit lim = old;
  lim.rlim_cur = bytes;
  REQUIRE(setrlimit(RLIMIT_FSIZE, &lim) == 0);
  try {
    f();
  } catch (...) {
    setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, old_handler);
    throw;
  }
  setrlimit(RLIMIT_FSIZE, &old);
  std::signal(SIGXFSZ, old_handler);
}

/// A knowledge base of one drug and its source: small exports and snapshots.
knowledge_base tiny_kb() {
  return load_string(R"([[source]]
id = "src:pmid:1"
kind = "research"
title = "t"
pmid = "1"
[[drug]]
id = "drug:a"
name = "a"
sources = ["src:pmid:1"]
)");
}

/// Files in `dir` other than `keep`.
[[maybe_unused]] int strays(temp_dir const& dir, fs::path const& keep) {
  int n = 0;
  for (auto const& e : fs::directory_iterator(dir.path)) n += e.path() != keep;
  return n;
}

}  // namespace

#ifdef PHARMAKON_TEST_SNAPSHOT
TEST_CASE("faults: a snapshot write that hits a full disk is an io error and leaves the old snapshot intact") {
  temp_dir dir;
  auto path = dir.path / "kb.pkb";
  knowledge_base small = tiny_kb();
  save_snapshot(small, path);
  auto const old_bytes = read_bytes(path);
  REQUIRE(old_bytes.size() < 64 * 1024);
  // the default knowledge base's snapshot is far larger than the limit: the write fails part-way through
  bool threw = false;
  with_file_size_limit(64 * 1024, [&] {
    try {
      save_snapshot(default_kb(), path);
    } catch (error const& e) {
      threw = true;
      CHECK(e.code() == errc::io);
      CHECK(std::string(e.what()).find(path.string()) != std::string::npos);
    }
  });
  CHECK(threw);
  CHECK(read_bytes(path) == old_bytes);  // byte for byte the old snapshot
  CHECK(strays(dir, path) == 0);          // no temporary file left behind
  auto r = try_load_snapshot(path);
  REQUIRE(r);
  CHECK(r.kb->content_hash() == small.content_hash());
  // and with room again, the same write succeeds and replaces it
  save_snapshot(default_kb(), path);
  CHECK(load_snapshot(path).content_hash() == default_kb().content_hash());
}

TEST_CASE("faults: a snapshot written where it cannot be is an io error and leaves nothing behind") {
  temp_dir dir;
  auto file = dir.path / "a-file";
  std::ofstream(file) << "x";
  for (auto const& target : {file / "kb.pkb", dir.path / "missing" / "kb.pkb", dir.path})
    CHECK_THROWS_AS(save_snapshot(default_kb(), target), error);
  CHECK(read_bytes(file) == "x");
  CHECK(strays(dir, file) == 0);
  if (::geteuid() != 0) {  // root writes anywhere
    auto ro = dir.path / "read-only";
    fs::create_directories(ro);
    fs::permissions(ro, fs::perms::owner_read | fs::perms::owner_exec);
    CHECK_THROWS_AS(save_snapshot(default_kb(), ro / "kb.pkb"), error);
    fs::permissions(ro, fs::perms::owner_all);
  }
}

TEST_CASE("faults: readers of a snapshot being replaced see the old or the new one") {
  temp_dir dir;
  auto path = dir.path / "kb.pkb";
  auto const a = default_kb();
  auto const b = knowledge_base();
  save_snapshot(a, path);
  for (int i = 0; i < 20; ++i) {
    save_snapshot(i % 2 ? a : b, path);
    auto r = try_load_snapshot(path);
    REQUIRE(r);
    CHECK(r.kb->content_hash() == (i % 2 ? a : b).content_hash());
  }
  CHECK(strays(dir, path) == 0);
}
#endif

TEST_CASE("faults: the write-fault harness itself works (RLIMIT_FSIZE makes writes fail, not kill)") {
  temp_dir dir;
  auto path = dir.path / "big";
  bool failed = false;
  with_file_size_limit(4096, [&] {
    std::ofstream out(path, std::ios::binary);
    out << std::string(1 << 16, 'x');
    out.flush();
    failed = !out;
  });
  CHECK(failed);
  CHECK(fs::file_size(path) <= 4096);
}

namespace {

/// Every regular file under `dir` (relative path → bytes).
std::map<std::string, std::string> files_in(fs::path const& dir) {
  std::map<std::string, std::string> out;
  for (auto const& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) out[fs::relative(e.path(), dir).string()] = read_bytes(e.path());
  return out;
}


/// Exports `tiny_kb()`, then the default knowledge base under a file-size limit that the largest of its files
/// exceeds but the others do not: the export must fail with an io error and leave the directory exactly as it
/// was (so the smaller files, written out in full, must not have been renamed into place either).
void check_export_is_all_or_nothing(std::function<void(knowledge_base const&, fs::path const&)> const& run) {
  temp_dir probe;
  run(default_kb(), probe.path / "out");
  std::size_t largest = 0, smallest = SIZE_MAX;
  for (auto const& [name, bytes] : files_in(probe.path)) {
    largest = std::max(largest, bytes.size());
    smallest = std::min(smallest, bytes.size());
  }
  REQUIRE(largest > 4096);
  temp_dir dir;
  run(tiny_kb(), dir.path / "out");
  auto const before = files_in(dir.path);
  REQUIRE(!before.empty());
  bool threw = false;
  with_file_size_limit(rlim_t(largest - 1), [&] {
    try {
      run(default_kb(), dir.path / "out");
    } catch (error const& e) {
      threw = true;
      CHECK(e.code() == errc::io);
      CHECK(std::string(e.what()).find("cannot write") != std::string::npos);
    }
  });
  CHECK(threw);
  CHECK(files_in(dir.path) == before);  // byte for byte, and no temporary or new file left behind
  INFO("smallest file of the export: " << smallest << " bytes");
  // with room again the same export succeeds
  run(default_kb(), dir.path / "out");
  CHECK(files_in(dir.path) != before);
}

}  // namespace

TEST_CASE("faults: a KGX export that hits a full disk leaves the old export intact") {
  check_export_is_all_or_nothing([](knowledge_base const& kb, fs::path const& p) { export_kgx(kb, p); });
}

TEST_CASE("faults: a GraphML export that hits a full disk leaves the old file intact") {
  check_export_is_all_or_nothing(
      [](knowledge_base const& kb, fs::path const& p) { export_graphml(kb, p.string() + ".graphml"); });
}

TEST_CASE("faults: a Neo4j export that hits a full disk leaves the old export intact") {
  check_export_is_all_or_nothing([](knowledge_base const& kb, fs::path const& p) { export_neo4j(kb, p); });
}

TEST_CASE("faults: an export to an unwritable place is an io error") {
  temp_dir dir;
  auto file = dir.path / "a-file";
  std::ofstream(file) << "x";
  CHECK_THROWS_AS(export_kgx(default_kb(), file / "kgx"), error);
  CHECK_THROWS_AS(export_graphml(default_kb(), dir.path / "missing" / "kb.graphml"), error);
  CHECK_THROWS_AS(export_neo4j(default_kb(), file / "neo4j"), error);
  CHECK(read_bytes(file) == "x");
  CHECK(strays(dir, file) == 0);
}
