// Fuzz target: the GtoPdb importer (interactions.csv, and optionally ligands/peptides and targets tables; files are
// told apart by their header). The input is up to three files separated by lines "#%%".
// Invariants: fuzz/import_check.hpp; gtopdb_plain_text never yields invalid UTF-8 from valid UTF-8.
#include <pharmakon/io/import/gtopdb.hpp>

#include "files.hpp"
#include "import_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  using namespace pharmakon;
  std::string_view in(reinterpret_cast<char const*>(data), size);
  auto parts = fuzz::split_parts(in, 3);
  std::vector<std::filesystem::path> files;
  for (std::size_t i = 0; i < parts.size(); ++i) files.push_back(fuzz::write_file("gtopdb" + std::to_string(i) + ".csv", parts[i]));
  import_options opts;
  opts.background_decompression = false;
  opts.max_line_bytes = 1 << 16;
  auto r = try_import_gtopdb(files, opts);
  fuzz::check_import(r, files, parts);
  auto first_line = in.substr(0, std::min<std::size_t>(in.find('\n'), 4096));
  if (text::invalid_utf8_offset(first_line) == std::string_view::npos) {
    auto plain = gtopdb_plain_text(first_line);
    FUZZ_CHECK(text::invalid_utf8_offset(plain) == std::string_view::npos, std::string(first_line));
  }
  return 0;
}
