// Fuzz target: the binary snapshot reader. The input is a snapshot file. Seeds are real snapshots (of the golden
// knowledge base and of small ones), written by LLVMFuzzerInitialize into $PHARMAKON_FUZZ_SNAPSHOT_SEEDS when set.
// Invariants: reading never crashes or throws; a refused file gives diagnostics (errc::corrupt or errc::io) and
// read_snapshot_info agrees that it is unreadable or says why; a file that loads is a sound knowledge base, and
// saving and loading it again gives the same content hash.
#include <pharmakon/io/snapshot/snapshot.hpp>

#include <cstdlib>
#include <cstring>

#include "files.hpp"
#include "check.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  using namespace pharmakon;
  if (char const* dir = std::getenv("PHARMAKON_FUZZ_SNAPSHOT_SEEDS")) {
    std::filesystem::create_directories(dir);
    save_snapshot(knowledge_base(), std::filesystem::path(dir) / "empty.snap");
    if (char const* golden = std::getenv("PHARMAKON_FUZZ_GOLDEN_KB")) {
      std::filesystem::path p[] = {golden};
      if (auto r = try_load_files(p)) save_snapshot(*r.kb, std::filesystem::path(dir) / "golden.snap");
    }
    auto small = load_string(R"([[source]]
id = "src:pmid:1"
kind = "research"
title = "t"
pmid = "1"
[[drug]]
id = "drug:a"
name = "a"
synonyms = ["alpha"]
sources = ["src:pmid:1"]
[[target]]
id = "target:t"
name = "t"
sources = ["src:pmid:1"]
[[acts_on]]
drug = "drug:a"
target = "target:t"
action = "agonist"
sources = ["src:pmid:1"]
)");
    save_snapshot(small, std::filesystem::path(dir) / "small.snap");
  }
  return 0;
}

namespace {
void check_one(std::string_view bytes);
}

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<char const*>(data), size);
  check_one(bytes);
  // The header carries its own hash, so a mutated header is refused before anything else is looked at. Fix up the
  // hash and the file size of a mutated header too, so that the section table, the sections and their indexes are
  // fuzzed behind a header that passes.
  using pharmakon::detail::snap::header;
  if (size >= sizeof(header) && std::memcmp(data, pharmakon::detail::snap::magic, 8) == 0) {
    std::string fixed(bytes);
    header h;
    std::memcpy(&h, fixed.data(), sizeof h);
    h.file_size = size;
    h.header_hash = pharmakon::detail::snap::header_hash(h);
    std::memcpy(fixed.data(), &h, sizeof h);
    if (fixed != bytes) check_one(fixed);
  }
  return 0;
}

namespace {
void check_one(std::string_view bytes) {
  using namespace pharmakon;
  auto path = fuzz::write_file("in.snap", bytes);
  (void)is_snapshot(path);
  auto info = read_snapshot_info(path);
  if (!info) FUZZ_CHECK(!info.diagnostics.empty(), "read_snapshot_info failed without diagnostics");
  auto r = try_load_snapshot(path);
  if (!r) {
    FUZZ_CHECK(!r.diagnostics.empty(), "a refused snapshot without diagnostics");
    for (auto const& d : r.diagnostics) {
      FUZZ_CHECK(d.code == errc::corrupt || d.code == errc::io, d.to_string());
      fuzz::check_diagnostic(d, {}, false);
    }
    return;
  }
  FUZZ_CHECK(info.has_value(), "a snapshot loads but its info does not read");
  FUZZ_CHECK(info->content_hash == r.kb->content_hash(), "info and knowledge base disagree");
  fuzz::check_kb(*r.kb);
  auto again = fuzz::scratch_dir() / "again.snap";
  save_snapshot(*r.kb, again);
  auto r2 = try_load_snapshot(again);
  FUZZ_CHECK(r2 && r2.kb->content_hash() == r.kb->content_hash(), "save and load again changed the knowledge base");
}
}  // namespace
