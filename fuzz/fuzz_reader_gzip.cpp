// Fuzz target: the importers' reader of gzipped files (io/import/detail/inflate.hpp: ISA-L or zlib, several
// members, the checks at the end) through the Hetionet importer. The input is a node table, a line "#%%", an edge
// list, a line "#%%" and a few control bytes: the edge list is gzipped (stored deflate blocks, a compressor-free
// gzip writer), split into one or two members, then cut, damaged at one byte, or given trailing bytes. Invariants:
// no crash; an intact gzip file gives exactly the outcome of the plain file (same knowledge base, or the same
// first error); a cut, damaged or padded one is refused with diagnostics, never loaded.
#include <pharmakon/io/import/hetionet.hpp>

#include <cstdint>
#include <string>

#include "check.hpp"
#include "files.hpp"
#include "../tests/unit/gzip_stored.hpp"  // the gzip writer the reader's unit tests use

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  using namespace pharmakon;
  using test::gzip_stored;
  auto parts = fuzz::split_parts(std::string_view(reinterpret_cast<char const*>(data), size), 3);
  while (parts.size() < 3) parts.emplace_back();
  std::string_view nodes = parts[0], edges = parts[1], control = parts[2];
  auto byte = [&](std::size_t i) { return i < control.size() ? std::uint32_t(std::uint8_t(control[i])) : 0u; };
  std::size_t const block = 1 + byte(1) * 257 % 65535;
  std::size_t const split = edges.empty() ? 0 : (byte(2) | byte(3) << 8) % (edges.size() + 1);
  std::string gz = split > 0 && split < edges.size()
                       ? gzip_stored(edges.substr(0, split), block) + gzip_stored(edges.substr(split), block)
                       : gzip_stored(edges, block);
  std::size_t const at = (byte(4) | byte(5) << 8 | byte(6) << 16) % gz.size();
  enum { intact, cut, damaged, padded } const how = decltype(intact)(byte(0) % 4);
  if (how == cut) gz.resize(at);
  if (how == damaged) {
    if (at < 10) return 0;  // the header's time, flags and OS bytes may change without harm
    gz[at] = char(gz[at] ^ (byte(7) | 1));
  }
  if (how == padded) gz += control.size() > 8 ? std::string(control.substr(8)) : std::string("\0", 1);

  import_options opts;
  opts.background_decompression = byte(0) & 4;
  opts.max_line_bytes = 1 << 16;
  std::filesystem::path files[] = {fuzz::write_file("nodes.tsv", nodes), fuzz::write_file("edges.sif.gz", gz)};
  auto r = try_import_hetionet(files, opts);
  FUZZ_CHECK(bool(r) != (r.diagnostics.size() > 0) || r.cancelled, "an import with both a result and errors, or neither");
  if (how == intact) {
    if (edges.size() >= 2 && edges[0] == '\x1f' && edges[1] == '\x8b') return 0;  // the plain file would be gzip
    std::filesystem::path plain_files[] = {files[0], fuzz::write_file("edges.sif", edges)};
    auto p = try_import_hetionet(plain_files, opts);
    FUZZ_CHECK(bool(p) == bool(r), "the gzip file and the plain file gave different outcomes");
    if (p) FUZZ_CHECK(p.kb->content_hash() == r.kb->content_hash(), "the gzip file imported differently");
    else FUZZ_CHECK(p.diagnostics.front().code == r.diagnostics.front().code &&
                        p.diagnostics.front().region.begin.line == r.diagnostics.front().region.begin.line,
                    "the gzip file failed differently: " + r.diagnostics.front().to_string() + " vs " +
                        p.diagnostics.front().to_string());
  } else {
    FUZZ_CHECK(!r, how == cut ? "a cut gzip file was imported"
                   : how == damaged ? "a damaged gzip file was imported" : "a gzip file with bytes after it was imported");
  }
  return 0;
}
