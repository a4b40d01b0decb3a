// Fuzz target: the Hetionet importer (a node table and an SIF edge list, plain or gzipped). The input is the node
// file, a line "#%%", and the edge file. Invariants: fuzz/import_check.hpp; also, the importer gives the same
// outcome with and without background decompression (a second thread must not change the result).
#include <pharmakon/io/import/hetionet.hpp>

#include "files.hpp"
#include "import_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  using namespace pharmakon;
  auto parts = fuzz::split_parts(std::string_view(reinterpret_cast<char const*>(data), size), 2);
  if (parts.size() < 2) parts.emplace_back();
  std::vector<std::filesystem::path> files{fuzz::write_file("nodes.tsv", parts[0]), fuzz::write_file("edges.sif", parts[1])};
  import_options opts;
  opts.background_decompression = false;
  opts.max_line_bytes = 1 << 16;
  auto r = try_import_hetionet(files, opts);
  fuzz::check_import(r, files, parts);
  if (size % 4 == 0) {  // now and then, the same with the second thread
    opts.background_decompression = true;
    auto b = try_import_hetionet(files, opts);
    FUZZ_CHECK(bool(b) == bool(r), "background decompression changed the outcome");
    if (b) FUZZ_CHECK(b.kb->content_hash() == r.kb->content_hash(), "background decompression changed the result");
    else FUZZ_CHECK(b.diagnostics.size() == r.diagnostics.size(), "background decompression changed the diagnostics");
  }
  return 0;
}
