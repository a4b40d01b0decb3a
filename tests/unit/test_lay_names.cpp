// Lay names (issue 17, readers): the patient page names effects and conditions in plain words held in the
// knowledge base. Every entity the patient view of the 27 opioid-system drugs' mechanism answers shows must have one;
// the failure message lists those without.
#include "support.hpp"

#include <pharmakon/pharmakon.hpp>

#include <regex>
#include <set>

using namespace pharmakon;

namespace {
/// The drugs declared in the opioid-system files of the embedded knowledge base.
std::vector<std::string> opioid_system_drugs() {
  std::vector<std::string> out;
  std::regex id(R"re(^id\s*=\s*"(drug:[^"]+)")re");
  for (auto const& d : default_documents()) {
    if (!d.path.ends_with("data/opioids.toml") && !d.path.ends_with("data/naltrexone.toml") &&
        !d.path.ends_with("data/aud-drugs.toml"))
      continue;
    std::istringstream in(d.text);
    std::string line;
    bool in_drug = false;
    while (std::getline(in, line)) {
      if (line.starts_with("[")) in_drug = line.starts_with("[[drug]]");
      std::smatch m;
      if (in_drug && std::regex_search(line, m, id)) out.push_back(m[1]);
    }
  }
  return out;
}
}  // namespace

TEST_CASE("lay names: every effect and condition the patient view of an opioid-system drug shows has one") {
  auto const& kb = default_kb();
  auto drugs = opioid_system_drugs();
  CHECK(drugs.size() == 27);
  std::set<std::string> missing;
  for (auto const& id : drugs) {
    auto a = mechanism_of(kb, kb.at<drug>(id));
    for (auto const& e : a.effects)
      if (e.lay_name.empty()) missing.insert(e.effect_id + " (" + e.effect + ")");
    for (auto const& i : a.indications)
      if (i.lay_name.empty()) missing.insert(i.condition_id + " (" + i.condition + ")");
    // and the page uses them: no effect of the answer is left out of the patient page for want of plain words
    html_options o;
    o.audience = audience::patient;
    auto page = render_html(a, o);
    for (auto const& e : a.effects)
      if (!e.lay_name.empty()) CHECK_MESSAGE(page.find(html_escape(e.lay_name)) != std::string::npos, id, ": ", e.lay_name);
  }
  std::string list;
  for (auto const& m : missing) list += "\n  " + m;
  CHECK_MESSAGE(missing.empty(), "entities shown in a patient page without a lay_name:", list);
}

TEST_CASE("lay names: targets carry theirs into answers; the patient page shows no receptor jargon") {
  auto const& kb = default_kb();
  auto a = mechanism_of(kb, "naltrexone");
  bool mor = false;
  for (auto const& t : a.actions)
    if (t.target.id == "target:MOR") mor = !t.target.lay_name.empty();
  CHECK(mor);
  html_options o;
  o.audience = audience::patient;
  auto page = render_html(a, o);
  // the page's own words: from <main> to the reference list (reference titles are the sources' own)
  auto start = page.find("<main");
  auto body = page.substr(start, page.find("<section class=\"references\"") - start);
  CHECK(body.find("receptor") == std::string::npos);
  CHECK(body.find("pKi") == std::string::npos);
  CHECK(body.find("pain relief") != std::string::npos);  // effect:analgesia's lay name
  for (auto const& w : a.warnings) CHECK(page.find(html_escape(w.w.about)) != std::string::npos);
}

TEST_CASE("lay names: an interaction page for patients names the effects at stake in plain words") {
  auto const& kb = default_kb();
  std::vector<drug_id> ids{kb.at<drug>("tramadol"), kb.at<drug>("sertraline")};
  auto a = screen_interactions(kb, ids);
  html_options o;
  o.audience = audience::patient;
  auto page = render_html(a, o);
  CHECK(page.find("too much serotonin (risk of serotonin syndrome)") != std::string::npos);
  o.audience = audience::clinician;
  CHECK(render_html(a, o).find("increased serotonergic activity (serotonin syndrome risk)") != std::string::npos);
}
