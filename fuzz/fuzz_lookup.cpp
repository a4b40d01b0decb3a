// Fuzz target: name lookup on the embedded knowledge base (find_all, find, suggest: what the CLI does with a drug
// name it is given). The first byte picks a mode:
//  - arbitrary bytes as a name: every hit is a real entity, find<E> agrees with find_all, suggestions are names of
//    entities of the asked kind, at most `max` of them;
//  - a known name, re-cased and with its separators swapped (space, '-', '_') as the input says: still found.
#include "check.hpp"

namespace {
using namespace pharmakon;

knowledge_base const& kb() { return default_kb(); }

bool is_name_of_kind(std::string_view name, node_kind k) {
  auto const& st = pharmakon::detail::state_of(kb());
  for (auto v = st.kind_base[std::size_t(k)]; v < st.kind_base[std::size_t(k) + 1]; ++v)
    if (st.base_of_vertex(v).name == name) return true;
  return false;
}

void arbitrary(std::string_view name, std::uint8_t kind_byte, std::uint8_t max_byte) {
  auto hits = kb().find_all(name);
  auto const& st = pharmakon::detail::state_of(kb());
  for (auto n : hits) {
    FUZZ_CHECK(std::size_t(n.kind()) < node_kind_count, "bad kind");
    FUZZ_CHECK(st.kind_base[std::size_t(n.kind())] + n.index() < st.kind_base[std::size_t(n.kind()) + 1], "bad index");
    (void)kb().base(n);
  }
  if (auto d = kb().find<drug>(name)) FUZZ_CHECK(std::find(hits.begin(), hits.end(), any_node(*d)) != hits.end(), "");
  auto k = node_kind(kind_byte % node_kind_count);
  std::size_t max = max_byte % 6;
  auto sugg = kb().suggest(name, k, max);
  FUZZ_CHECK(sugg.size() <= max, "too many suggestions");
  for (auto const& s : sugg) FUZZ_CHECK(is_name_of_kind(s, k), s);
  try {
    (void)kb().at<drug>(name);
  } catch (lookup_error const& e) {
    FUZZ_CHECK(e.code() == errc::unknown_name, "");
    FUZZ_CHECK(e.suggestions().size() <= 3, "");
  }
}

void variant_of_known(std::uint8_t const* data, std::size_t size) {
  if (size < 2) return;
  auto const& st = pharmakon::detail::state_of(kb());
  auto n = st.vertex_count();
  if (n == 0) return;
  auto v = (std::uint32_t(data[0]) << 8 | data[1]) % n;
  auto const& e = st.base_of_vertex(v);
  std::string name = e.name;
  for (std::size_t i = 0; i < name.size(); ++i) {
    std::uint8_t bits = 2 + i < size ? data[2 + i] : 0;
    char& c = name[i];
    if (c == ' ' || c == '-' || c == '_') c = " -_"[bits % 3];
    else if ((bits & 1) && c >= 'a' && c <= 'z') c = char(c - 32);
    else if ((bits & 1) && c >= 'A' && c <= 'Z') c = char(c + 32);
  }
  auto hits = kb().find_all(name);
  FUZZ_CHECK(std::find(hits.begin(), hits.end(), st.node_of(v)) != hits.end(), e.name + " as " + name);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  if (size < 3) return 0;
  if (data[0] & 1) variant_of_known(data + 1, size - 1);
  else arbitrary(std::string_view(reinterpret_cast<char const*>(data + 3), size - 3), data[1], data[2]);
  return 0;
}
