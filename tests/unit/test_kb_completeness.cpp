// Completeness of the default knowledge base (issue 14): its own ctest name, `kb_completeness`, so that a data gap
// shows as one failing test with the list of what is missing. Not part of pharmakon_tests (tests/CMakeLists.txt).
//
// - every drug with an approved use (a label- or guideline-tier `indicated_for` claim) has at least one regimen;
// - every opioid agonist (member of class:opioid-agonists) with an approved use carries a boxed warning;
// - every source has a real title: none empty, none of the importer's placeholders ("cited by", "Reference
//   cited", "PubMed NNN"), none that stands in for a record nobody found ("primary reference PMID N",
//   "bibliographic record not verified", "title not verified");
// - every source of kind label has a DailyMed set id or a URL.
#include <doctest/doctest.h>

#include <pharmakon/pharmakon.hpp>

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

using namespace pharmakon;

namespace {

std::string listing(std::vector<std::string> const& items) {
  std::string out;
  for (auto const& i : items) out += "\n  - " + i;
  return out;
}

// An approved use: an indication that a drug label states (a guideline's recommendation of an off-label use, such as
// topiramate for alcohol use disorder, is not an approval).
bool has_approved_use(knowledge_base const& kb, drug_id d) {
  for (auto e : kb.out<rel::indicated_for>(d)) {
    if (e.negated()) continue;
    for (auto sid : e.sources())
      if (kb.get(sid).kind == source_kind::label) return true;
  }
  return false;
}

bool contains_word(std::string const& t, std::string_view w) {
  auto lower = [](unsigned char c) { return char(std::tolower(c)); };
  std::string a(t.size(), ' ');
  std::transform(t.begin(), t.end(), a.begin(), lower);
  return a.find(w) != std::string::npos;
}

bool placeholder_title(std::string const& t) {
  if (t.empty()) return true;
  if (contains_word(t, "cited by")) return true;
  if (t.rfind("Reference cited", 0) == 0) return true;
  if (t.rfind("PubMed ", 0) == 0 && t.size() > 7 && std::isdigit(static_cast<unsigned char>(t[7]))) return true;
  // a title that stands in for a bibliographic record nobody found
  for (std::string_view w : {"primary reference pmid", "not verified", "unverified", "record not found", "placeholder",
                             "title unknown", "untitled"})
    if (contains_word(t, w)) return true;
  return false;
}

}  // namespace

TEST_CASE("kb_completeness: every drug with an approved use has a regimen") {
  auto const& kb = default_kb();
  std::vector<std::string> missing;
  for (auto d : kb.handles<drug>()) {
    if (!has_approved_use(kb, d)) continue;
    if (kb.out<rel::dosed_as>(d).count() == 0) missing.push_back(kb[d].name);
  }
  INFO("drugs with an approved use and no regimen (" << missing.size() << "):" << listing(missing));
  CHECK(missing.empty());
}

TEST_CASE("kb_completeness: every opioid agonist with an approved use carries a boxed warning") {
  auto const& kb = default_kb();
  auto agonists = kb.find<drug_class>("class:opioid-agonists");
  REQUIRE(agonists);
  std::vector<std::string> missing;
  for (auto d : kb.handles<drug>()) {
    bool member = false;
    for (auto m : kb.out<rel::member_of>(d)) member = member || (!m.negated() && m.object() == *agonists);
    if (!member || !has_approved_use(kb, d)) continue;
    bool boxed = false;
    for (auto w : kb.out<rel::carries>(d)) boxed = boxed || (!w.negated() && kb[w.object()].kind == warning_kind::boxed_warning);
    if (!boxed) missing.push_back(kb[d].name);
  }
  INFO("opioid agonists with an approved use and no boxed warning (" << missing.size() << "):" << listing(missing));
  CHECK(missing.empty());
}

TEST_CASE("kb_completeness: the placeholder test catches the placeholder titles the knowledge base once had") {
  // titles of data/*.toml before the GtoPdb interaction records replaced them, and of the importer
  for (std::string t : {"GtoPdb 2020.5 primary reference PMID 19282177 (bibliographic record not verified): tramadol at mu",
                        "GtoPdb 2020.5 primary reference PMID 9686407 (bibliographic record not verified): opioid "
                        "receptor binding affinities, 109 interaction rows at δ, κ and μ",
                        "Reference cited by GtoPdb 2020.5 for naloxone at kappa", "PubMed 7869844 (cited by GtoPdb)",
                        "Kelly E et al. 2015 (title not verified)", ""})
    CHECK_MESSAGE(placeholder_title(t), t);
  for (std::string t : {"Uniform assessment and ranking of opioid μ receptor binding constants for selected opioid drugs",
                        "IUPHAR/BPS Guide to PHARMACOLOGY 2020.5, interaction data: tramadol at the μ receptor "
                        "(ligand 8286, target 319)"})
    CHECK_MESSAGE(!placeholder_title(t), t);
}

TEST_CASE("kb_completeness: every source has a real title") {
  auto const& kb = default_kb();
  std::vector<std::string> bad;
  for (auto const& s : kb.sources())
    if (placeholder_title(s.title)) bad.push_back(s.id + ": \"" + s.title + "\"");
  INFO("sources with a placeholder title (" << bad.size() << "):" << listing(bad));
  CHECK(bad.empty());
}

TEST_CASE("kb_completeness: every label source has a DailyMed set id or a URL") {
  auto const& kb = default_kb();
  std::vector<std::string> bad;
  for (auto const& s : kb.sources())
    if (s.kind == source_kind::label && !s.identifier_of("dailymed_setid") && !s.identifier_of("url")) bad.push_back(s.id);
  INFO("label sources without a DailyMed set id or URL (" << bad.size() << "):" << listing(bad));
  CHECK(bad.empty());
}
