// Fuzz target: the KGX TSV importer (a nodes file and an edges file, told apart by their header). The input is the
// nodes file, a line "#%%", and the edges file. Seeds: export_kgx of the golden knowledge base (written by
// LLVMFuzzerInitialize into $PHARMAKON_FUZZ_KGX_SEEDS when set). Invariants: fuzz/import_check.hpp.
#include <pharmakon/io/export/kgx.hpp>
#include <pharmakon/io/import/kgx.hpp>

#include <cstdlib>

#include "files.hpp"
#include "import_check.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  using namespace pharmakon;
  char const* dir = std::getenv("PHARMAKON_FUZZ_KGX_SEEDS");
  char const* golden = std::getenv("PHARMAKON_FUZZ_GOLDEN_KB");
  if (!dir || !golden) return 0;
  std::filesystem::create_directories(dir);
  std::filesystem::path p[] = {golden};
  auto r = try_load_files(p);
  if (!r) return 0;
  auto prefix = fuzz::scratch_dir() / "seed";
  export_kgx(*r.kb, prefix);
  kgx_paths k(prefix);
  auto slurp = [](std::filesystem::path const& f) {
    std::ifstream in(f, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  };
  std::ofstream(std::filesystem::path(dir) / "golden") << slurp(k.nodes) << "#%%\n" << slurp(k.edges);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  using namespace pharmakon;
  auto parts = fuzz::split_parts(std::string_view(reinterpret_cast<char const*>(data), size), 2);
  if (parts.size() < 2) parts.emplace_back();
  std::vector<std::filesystem::path> files{fuzz::write_file("in_nodes.tsv", parts[0]),
                                           fuzz::write_file("in_edges.tsv", parts[1])};
  import_options opts;
  opts.background_decompression = false;
  opts.max_line_bytes = 1 << 16;
  auto r = try_import_kgx(files, opts);
  fuzz::check_import(r, files, parts);
  return 0;
}
