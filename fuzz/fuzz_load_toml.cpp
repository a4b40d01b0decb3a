// Fuzz target: the knowledge-base TOML loader on one in-memory document (docs/kb-format.md).
// Invariants: try_load never throws; a failed load has diagnostics, each with a known code, syntax and encoding
// errors with a position inside the file; a successful load gives a knowledge base that answers and renders for
// every drug, and loading the same text again gives the same content hash (loads are deterministic).
#include "check.hpp"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  using namespace pharmakon;
  pharmakon::document doc{"fuzz.toml", std::string(reinterpret_cast<char const*>(data), size)};
  load_options opts;
  opts.max_file_bytes = 1 << 20;
  auto r = try_load(std::span(&doc, 1), nullptr, opts);
  if (!r) {
    FUZZ_CHECK(!r.diagnostics.empty(), "a failed load without diagnostics");
    for (auto const& d : r.diagnostics) {
      FUZZ_CHECK(d.region.file() == "fuzz.toml", d.to_string());
      fuzz::check_diagnostic(d, doc.text, true);
    }
    return 0;
  }
  FUZZ_CHECK(r.diagnostics.empty(), r.diagnostics.front().to_string());
  fuzz::check_kb(*r.kb);
  auto again = try_load(std::span(&doc, 1), nullptr, opts);
  FUZZ_CHECK(again && again.kb->content_hash() == r.kb->content_hash(), "a second load differs");
  return 0;
}
