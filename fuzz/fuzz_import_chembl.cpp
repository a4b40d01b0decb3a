// Fuzz target: the ChEMBL importer (a drug_mechanism table and optionally the drug table; files are told apart by
// their header). The input is up to two files separated by lines "#%%".
// Invariants: fuzz/import_check.hpp (a failed import names an input file at a line the file has; a successful one's
// report agrees with its knowledge base, which passes the checks of a loaded one).
#include <pharmakon/io/import/chembl.hpp>

#include "files.hpp"
#include "import_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  using namespace pharmakon;
  std::string_view in(reinterpret_cast<char const*>(data), size);
  auto parts = fuzz::split_parts(in, 2);
  std::vector<std::filesystem::path> files;
  for (std::size_t i = 0; i < parts.size(); ++i)
    files.push_back(fuzz::write_file("chembl36-" + std::to_string(i) + ".csv", parts[i]));
  import_options opts;
  opts.background_decompression = false;
  opts.max_line_bytes = 1 << 16;
  auto r = try_import_chembl(files, opts);
  fuzz::check_import(r, files, parts);
  return 0;
}
