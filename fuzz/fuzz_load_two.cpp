// Fuzz target: the loader on two documents loaded together (cross-file references: an entity of one file cites a
// source of the other, a claim joins entities of both). The input is split at the first line "#%%".
// Invariants: as fuzz_load_toml, plus: the outcome does not depend on the order of the files (both orders load,
// with the same counts, or both fail), and every diagnostic names one of the two files.
#include "check.hpp"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  using namespace pharmakon;
  std::string_view in(reinterpret_cast<char const*>(data), size);
  constexpr std::string_view sep = "\n#%%\n";
  auto cut = in.find(sep);
  std::string_view a = in.substr(0, cut), b = cut == std::string_view::npos ? std::string_view() : in.substr(cut + sep.size());
  load_options opts;
  opts.max_file_bytes = 1 << 20;
  std::vector<pharmakon::document> docs{{"a.toml", std::string(a)}, {"b.toml", std::string(b)}};
  auto r = try_load(docs, nullptr, opts);
  std::vector<pharmakon::document> swapped{docs[1], docs[0]};
  auto s = try_load(swapped, nullptr, opts);
  FUZZ_CHECK(bool(r) == bool(s), bool(r) ? s.diagnostics.front().to_string() : r.diagnostics.front().to_string());
  if (!r) {
    FUZZ_CHECK(!r.diagnostics.empty(), "a failed load without diagnostics");
    for (auto const& d : r.diagnostics) {
      FUZZ_CHECK(d.region.file() == "a.toml" || d.region.file() == "b.toml", d.to_string());
      fuzz::check_diagnostic(d, d.region.file() == "a.toml" ? a : b, true);
    }
    return 0;
  }
  auto x = r.kb->stats(), y = s.kb->stats();
  FUZZ_CHECK(x.nodes == y.nodes && x.claims == y.claims && x.sources == y.sources, "counts depend on file order");
  fuzz::check_kb(*r.kb);
  // layered: b on top of a, when a loads alone, must also be all-or-nothing and leave a's knowledge base as it was
  auto ra = try_load(std::span(&docs[0], 1), nullptr, opts);
  if (ra) {
    auto before = ra.kb->content_hash();
    auto layered = try_load(std::span(&docs[1], 1), &*ra.kb, opts);
    FUZZ_CHECK(ra.kb->content_hash() == before, "a layered load changed its base");
    if (layered) fuzz::check_kb(*layered.kb);
  }
  return 0;
}
