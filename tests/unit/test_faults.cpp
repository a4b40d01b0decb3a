// Faults: truncated files, files that change while they are read, unreadable paths. A failed load is a clear
// error and never a partial knowledge base; the base a load starts from is never changed.
#include <doctest/doctest.h>

#include <pharmakon/pharmakon.hpp>

#include "support.hpp"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <vector>

using namespace pharmakon;
using namespace pharmakon::test;
namespace fs = std::filesystem;

namespace {

fs::path const golden_path = fs::path(PHARMAKON_TEST_DATA) / "golden" / "kb.toml";

}  // namespace

TEST_CASE("faults: a file truncated anywhere loads as what it holds or fails with a positioned error") {
  auto const text = read_bytes(golden_path);
  auto const full = load_string(text, "golden.toml");
  auto const base = default_kb();
  auto const base_hash = base.content_hash();
  int loaded = 0, failed = 0;
  // every 7th byte, and every byte of a multi-byte UTF-8 character
  for (std::size_t cut = 0; cut < text.size(); cut += (static_cast<unsigned char>(text[cut]) >= 0x80 ? 1 : 7)) {
    std::vector<document> docs{{"truncated.toml", text.substr(0, cut)}};
    auto r = try_load(docs, &base);
    if (r) {
      ++loaded;
      CHECK(r.kb->all<drug>().size() <= base.all<drug>().size() + full.all<drug>().size());
      continue;
    }
    ++failed;
    REQUIRE_FALSE(r.diagnostics.empty());
    for (auto const& d : r.diagnostics) {
      INFO("cut at ", cut, ": ", d.to_string());
      CHECK(d.region.file() == "truncated.toml");
      if (d.code == errc::syntax || d.code == errc::encoding) CHECK(d.region.begin.line >= 1);
    }
  }
  CHECK(loaded > 0);
  CHECK(failed > 0);
  CHECK(base.content_hash() == base_hash);  // the base of every one of those loads is as it was
}

TEST_CASE("faults: unreadable paths are io errors naming the path, and nothing is loaded") {
  temp_dir tmp;
  auto good = tmp.path / "good.toml";
  fs::copy_file(golden_path, good);
  std::vector<fs::path> cases = {tmp.path / "missing.toml", tmp.path, good / "below-a-file.toml", ""};
  for (auto const& p : cases) {
    fs::path paths[] = {good, p};
    auto r = try_load_files(paths);
    INFO(p.string());
    REQUIRE_FALSE(r);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics.front().code == errc::io);
    CHECK(r.diagnostics.front().region.file() == p.string());
  }
  // a file that cannot be read to the end: /proc/self/mem opens but fails to read at offset 0
  if (fs::exists("/proc/self/mem")) {
    fs::path paths[] = {"/proc/self/mem"};
    auto r = try_load_files(paths);
    REQUIRE_FALSE(r);
    CHECK(r.diagnostics.front().code == errc::io);
  }
  if (::geteuid() != 0) {  // root reads anything
    auto locked = tmp.path / "locked.toml";
    fs::copy_file(golden_path, locked);
    fs::permissions(locked, fs::perms::none);
    fs::path paths[] = {locked};
    auto r = try_load_files(paths);
    REQUIRE_FALSE(r);
    CHECK(r.diagnostics.front().code == errc::io);
  }
}

TEST_CASE("faults: a file replaced while it is loaded gives the old or the new knowledge base") {
  temp_dir tmp;
  auto const a = read_bytes(golden_path);
  auto const b = a + "\n[[drug]]\nid = \"drug:late\"\nname = \"late arrival\"\nsources = [\"src:pmid:9686407\"]\n";
  auto const hash_a = load_string(a).content_hash(), hash_b = load_string(b).content_hash();
  auto path = tmp.path / "kb.toml";
  write_bytes(path, a);

  SUBCASE("replaced atomically (write a temp file, rename it): always one whole version") {
    std::atomic<bool> stop{false};
    std::thread writer([&] {
      for (int i = 0; !stop; ++i) {
        auto t = tmp.path / "kb.toml.tmp";
        write_bytes(t, i % 2 ? a : b);
        fs::rename(t, path);
      }
    });
    std::set<std::string> seen;
    int wrong = 0;
    for (int i = 0; i < 40; ++i) {
      fs::path paths[] = {path};
      auto r = try_load_files(paths);
      if (!r || (r.kb->content_hash() != hash_a && r.kb->content_hash() != hash_b)) ++wrong;
      else seen.insert(r.kb->content_hash());
    }
    stop = true;
    writer.join();
    CHECK(wrong == 0);
  }
  SUBCASE("rewritten in place: a whole version, or an error; never a crash or a partial knowledge base") {
    std::atomic<bool> stop{false};
    std::thread writer([&] {
      for (int i = 0; !stop; ++i) write_bytes(path, i % 2 ? a : b);
    });
    int whole = 0, errors = 0, other = 0;
    for (int i = 0; i < 40; ++i) {
      fs::path paths[] = {path};
      auto r = try_load_files(paths);
      if (!r) {
        ++errors;
        CHECK_FALSE(r.diagnostics.empty());
      } else if (r.kb->content_hash() == hash_a || r.kb->content_hash() == hash_b) {
        ++whole;
      } else {
        ++other;  // a torn read that happens to be valid TOML: a consistent load of what was read
        CHECK(r.kb->all<drug>().size() <= load_string(b).all<drug>().size());
      }
    }
    stop = true;
    writer.join();
    MESSAGE("in-place rewrites: ", whole, " whole versions, ", errors, " errors, ", other, " other valid reads");
    CHECK(whole + errors + other == 40);
  }
}

TEST_CASE("faults: a failed load leaves the knowledge base it started from as it was") {
  auto base = load_string(read_bytes(golden_path), "golden.toml");
  auto const hash = base.content_hash();
  auto const drugs = base.all<drug>().size();
  // valid first half, an error at the very end: nothing of the first half may appear anywhere
  std::string doc = "[[drug]]\nid = \"drug:new\"\nname = \"new\"\nsources = [\"src:pmid:9686407\"]\n\n"
                    "[[drug]]\nid = \"drug:naltrexone\"\nname = \"duplicate\"\nsources = [\"src:pmid:9686407\"]\n";
  std::vector<document> docs{{"layer.toml", doc}};
  auto r = try_load(docs, &base);
  REQUIRE_FALSE(r);
  CHECK(r.diagnostics.front().code == errc::duplicate_id);
  CHECK(base.content_hash() == hash);
  CHECK(base.all<drug>().size() == drugs);
  CHECK_FALSE(base.find<drug>("drug:new"));
}
