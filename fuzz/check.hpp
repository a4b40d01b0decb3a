// Shared helpers of the fuzz targets: an invariant check that aborts with a message (so libFuzzer records the
// input as a crash), and the invariants every knowledge base and every diagnostic must satisfy.
#pragma once

#include <pharmakon/pharmakon.hpp>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#define FUZZ_CHECK(cond, ...)                                                        \
  do {                                                                               \
    if (!(cond)) {                                                                   \
      std::fprintf(stderr, "fuzz invariant failed: %s (%s:%d)\n", #cond, __FILE__, __LINE__); \
      std::fprintf(stderr, "  %s\n", std::string(__VA_ARGS__).c_str());             \
      std::abort();                                                                  \
    }                                                                                \
  } while (0)

namespace fuzz {

inline std::size_t line_count(std::string_view text) {
  std::size_t n = 1;
  for (char c : text) n += c == '\n';
  return n;
}

/// A diagnostic names a known code, the document it is about, a position inside it (when it has one) and says
/// what was expected.
inline void check_diagnostic(pharmakon::diagnostic const& d, std::string_view text, bool in_text) {
  FUZZ_CHECK(pharmakon::errc_name(d.code) != "?", d.to_string());
  FUZZ_CHECK(!d.expected.empty() && !d.found.empty(), d.to_string());
  FUZZ_CHECK(!d.to_string().empty(), "");
  if (!in_text) return;
  // syntax and encoding errors always point into the file; so does everything found inside a table
  if (d.code == pharmakon::errc::syntax || d.code == pharmakon::errc::encoding)
    FUZZ_CHECK(d.region.begin.line >= 1 && d.region.begin.column >= 1, d.to_string());
  // toml++ may point one line past the last line of a file that does not end with a line break
  FUZZ_CHECK(d.region.begin.line <= line_count(text) + 1, d.to_string());
}

/// Everything a host may do with a knowledge base that loaded: every drug answers, every answer renders (and
/// its JSON parses), every entity is found again by its id and by its name, and the counts agree.
inline void check_kb(pharmakon::knowledge_base const& kb) {
  using namespace pharmakon;
  auto const& hash = kb.content_hash();
  auto st = kb.stats();
  // a default-constructed (empty) knowledge base has no hash; every built one has 16 hex digits
  if (!(hash.empty() && kb.claim_count() == 0 && kb.sources().empty()))
    FUZZ_CHECK(hash.size() == 16 && hash.find_first_not_of("0123456789abcdef") == std::string::npos, hash);
  std::size_t claims = 0;
  for (auto c : st.claims) claims += c;
  FUZZ_CHECK(claims == kb.claim_count(), "claim counts");
  FUZZ_CHECK(st.nodes[std::size_t(node_kind::drug)] == kb.all<drug>().size(), "drug count");
  FUZZ_CHECK(st.sources == kb.sources().size(), "source count");
  for (std::size_t c = 0; c < kb.claim_count(); ++c) {
    auto cv = kb.claim(claim_id{std::uint32_t(c)});
    for (auto s : cv.sources()) FUZZ_CHECK(s.index() < kb.sources().size(), "claim source out of range");
    (void)kb.base(cv.subject());
    (void)kb.base(cv.object());
  }
  for (auto const& c : kb.conflicts()) {
    FUZZ_CHECK(c.first.index() < kb.claim_count() && c.second.index() < kb.claim_count(), "conflict out of range");
  }
  std::vector<drug_id> drugs;
  for (auto id : kb.handles<drug>()) {
    auto const& d = kb[id];
    FUZZ_CHECK(kb.find<drug>(d.id) == id, d.id);
    auto all = kb.find_all(d.name);
    FUZZ_CHECK(std::find(all.begin(), all.end(), any_node(id)) != all.end(), d.name);
    auto m = mechanism_of(kb, id);
    auto text = render_text(m);
    auto md = render_markdown(m);
    auto js = render_json(m);
    FUZZ_CHECK(!text.empty() && !md.empty(), d.id);
    FUZZ_CHECK(nlohmann::json::accept(js), js);
    (void)summary_line(m);
    for (auto e : kb.out<rel::dosed_as>(id)) {
      auto const& g = kb[e.object()];
      dose_query q;
      q.dose = g.dose;
      q.route = g.route;
      q.every = g.every;
      auto a = check_dose(kb, id, q);
      FUZZ_CHECK(nlohmann::json::accept(render_json(a)), d.id);
      (void)render_text(a);
    }
    if (drugs.size() < 16) drugs.push_back(id);
  }
  if (!drugs.empty()) {
    auto ia = screen_interactions(kb, drugs);
    FUZZ_CHECK(nlohmann::json::accept(render_json(ia)), "interactions json");
    (void)render_markdown(ia);
  }
  for (auto id : kb.handles<target>()) FUZZ_CHECK(kb.find<target>(kb[id].id) == id, kb[id].id);
}

}  // namespace fuzz
