// Fuzz target: the DrugCentral importer (drug.target.interaction.tsv: tab-separated, quoted fields that may hold
// tabs and line ends). The whole input is one file.
// Invariants: fuzz/import_check.hpp (a failed import names the file at a line it has; a successful one's report
// agrees with its knowledge base, which passes the checks of a loaded one).
#include <pharmakon/io/import/drugcentral.hpp>

#include "files.hpp"
#include "import_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  using namespace pharmakon;
  std::string_view in(reinterpret_cast<char const*>(data), size);
  std::vector<std::string_view> parts{in};
  std::vector<std::filesystem::path> files{fuzz::write_file("drugcentral.tsv", in)};
  import_options opts;
  opts.background_decompression = false;
  opts.max_line_bytes = 1 << 16;
  auto r = try_import_drugcentral(files, opts);
  fuzz::check_import(r, files, parts);
  return 0;
}
