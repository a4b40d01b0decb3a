// Fuzz target: the DrugMechDB importer (YAML path files, read with yaml-cpp). The input is up to three path files
// separated by lines "#%%".
// Invariants: fuzz/import_check.hpp (a failed import names an input file at a line the file has; a successful one's
// report agrees with its knowledge base, which passes the checks of a loaded one), and the mechanism paths of every
// drug reassemble without a crash or a runaway walk.
#include <pharmakon/pharmakon.hpp>

#include "files.hpp"
#include "import_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  using namespace pharmakon;
  std::string_view in(reinterpret_cast<char const*>(data), size);
  auto parts = fuzz::split_parts(in, 3);
  std::vector<std::filesystem::path> files;
  for (std::size_t i = 0; i < parts.size(); ++i)
    files.push_back(fuzz::write_file("path-" + std::to_string(i) + ".yaml", parts[i]));
  import_options opts;
  opts.background_decompression = false;
  opts.max_line_bytes = 1 << 16;
  auto r = try_import_drugmechdb(files, opts);
  fuzz::check_import(r, files, parts);
  if (r)
    for (auto d : r.kb->ids<drug>()) {
      auto a = mechanism_of(*r.kb, d);
      for (auto const& p : a.paths) FUZZ_CHECK(p.chains.size() <= 16, "more routes than the cap");
      (void)render_text(a);
    }
  (void)path_agreement_of(r ? *r.kb : knowledge_base{});
  return 0;
}
