// The summary rules of the mechanism answer (docs/answers.md, "Summary") on fixtures: tests/data/summaries, the
// DrugCentral import fixture, and (when present) the real DrugCentral download in ../shared/data.
#include "support.hpp"

#include <pharmakon/pharmakon.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <string>

using namespace pharmakon;
using test::count;

namespace {

knowledge_base const& fixture() {
  static auto kb = load_file(std::string(PHARMAKON_TEST_DATA) + "/summaries/fixture.toml");
  return kb;
}

}  // namespace

TEST_CASE("summary: a single-study outlier affinity never headlines") {
  auto a = mechanism_of(fixture(), "outlierine");
  auto s = summary_line(a);
  CHECK(s == "agonist at the alpha and beta receptors");  // alpha mediates a stated effect; no "highest affinity"
  REQUIRE(a.summary.size() == 1);
  CHECK(!a.summary[0].highest_affinity);
  CHECK(a.summary[0].basis == action_basis::curated);
  // the sections round a converted value to one decimal and keep one citation bracket per line
  auto text = render_text(a);
  CHECK(text.find("pKi 8.9 (human) [") != std::string::npos);
  CHECK(text.find("8.91234") == std::string::npos);
  CHECK(text.find("] [") == std::string::npos);
}

TEST_CASE("summary: corroborated affinities do rank targets") {
  auto a = mechanism_of(fixture(), "corroborine");
  CHECK(summary_line(a) == "antagonist at the alpha and beta receptors; highest affinity at alpha");
  CHECK(a.summary.at(0).basis == action_basis::stated);
}

TEST_CASE("summary: the target that mediates more of the drug's stated effects leads, whatever the affinities") {
  // both actions are label-stated; beta's affinity is tighter and corroborated, but alpha mediates two of the
  // drug's three stated effects (buprenorphine: mu partial agonism before kappa antagonism)
  auto a = mechanism_of(fixture(), "mostlyalphine");
  CHECK(summary_line(a) == "partial agonist at the alpha receptor; antagonist at the beta receptor");
}

TEST_CASE("summary: a target appears once, in the group of its best claim") {
  auto a = mechanism_of(fixture(), "duplin");
  auto s = summary_line(a);
  CHECK(count(s, "alpha") == 1);
  CHECK(s == "full agonist at the alpha receptor; agonist at the beta receptor");
  CHECK(a.actions.size() == 3);  // every claim stays in the sections
}

TEST_CASE("summary: a conflict below label tier stays in its own section") {
  auto a = mechanism_of(fixture(), "researchconflict");
  auto s = summary_line(a);
  CHECK(s.find("disputed") == std::string::npos);
  CHECK(s.find("antagonist at the beta receptor") != std::string::npos);  // the better-supported side
  CHECK(s.find(" agonist at the beta") == std::string::npos);  // not the weaker side
  CHECK(s == "antagonist at the beta receptor; partial agonist at the alpha receptor");
  CHECK(a.summary_disputed_targets.empty());
  CHECK(a.disputed_targets == std::vector<std::string>{"beta receptor"});
  CHECK(a.conflicts.size() == 1);
  CHECK(render_text(a).find("Conflicting claims") != std::string::npos);
}

TEST_CASE("summary: a conflict between labels is named as disputed") {
  auto a = mechanism_of(fixture(), "labelconflict");
  CHECK(summary_line(a) == "antagonist at the alpha receptor (disputed: the beta receptor)");
  CHECK(a.summary_disputed_targets == std::vector<std::string>{"beta receptor"});
}

TEST_CASE("summary: a prodrug acts through its active metabolite, and its own affinities do not headline") {
  auto a = mechanism_of(fixture(), "prodrugine");
  REQUIRE(a.active_metabolites.size() == 1);
  auto const& m = a.active_metabolites[0];
  CHECK(m.main);
  CHECK(m.metabolite == "activine");
  CHECK(m.formed_by == "forming enzyme");
  REQUIRE(m.acts);
  CHECK(m.acts->type == action_type::full_agonist);
  auto s = summary_line(a);
  CHECK(s.find("highest affinity") == std::string::npos);
  CHECK(s == "agonist at the beta and alpha receptors; acts mainly through its active metabolite activine (formed by "
             "forming enzyme; a full agonist at the alpha receptor)");
  // the metabolite's sources are cited by the summary, and only those of the action it shows
  auto refs = summary_refs(a);
  CHECK(std::any_of(refs.begin(), refs.end(), [&](int r) { return a.references.ids[std::size_t(r - 1)] == "src:label:b"; }));
  auto json = render_json(a);
  CHECK(json.find("\"active_metabolites\"") != std::string::npos);
  // the half-life, with its citation, in every format
  REQUIRE(a.half_life);
  CHECK(a.half_life->low == quantity{2, unit::h});
  CHECK(a.half_life->ev.tier == evidence_tier::label);
  auto label_b = std::find(a.references.ids.begin(), a.references.ids.end(), "src:label:b") - a.references.ids.begin() + 1;
  CHECK(render_text(a).find(fmt::format("Half-life: 2 h to 4 h — adults [{}]", label_b)) != std::string::npos);
  CHECK(render_markdown(a).find("**Half-life:** 2 h to 4 h — adults") != std::string::npos);
  CHECK(json.find("\"half_life\": {") != std::string::npos);
  CHECK(render_json(mechanism_of(fixture(), "duplin")).find("\"half_life\": null") != std::string::npos);
}

TEST_CASE("summary: activity-only rows are counted, other species left out, long groups capped") {
  // a drug with one stated mechanism, a mouse copy of it, and a flood of activity-only rows
  std::string toml = R"toml(
[[source]]
id = "src:db:a"
kind = "database"
title = "Synthetic curated database record"
url = "https://example.org/db-a"
[[drug]]
id = "drug:floodine"
name = "floodine"
sources = ["src:db:a"]
[[drug]]
id = "drug:manyine"
name = "manyine"
sources = ["src:db:a"]
[[target]]
id = "target:K"
name = "kinase K"
species = "human"
sources = ["src:db:a"]
[[target]]
id = "target:K-mouse"
name = "kinase K (mouse)"
species = "Mus musculus"
sources = ["src:db:a"]
[[acts_on]]
drug = "drug:floodine"
target = "target:K"
action = "inhibitor"
sources = ["src:db:a"]
[[acts_on]]
drug = "drug:floodine"
target = "target:K-mouse"
action = "inhibitor"
sources = ["src:db:a"]
)toml";
  for (int i = 0; i < 12; ++i) {
    toml += fmt::format("[[target]]\nid = \"target:T{0}\"\nname = \"target {0}\"\nspecies = \"human\"\nsources = [\"src:db:a\"]\n", i);
    toml += fmt::format("[[acts_on]]\ndrug = \"drug:floodine\"\ntarget = \"target:T{0}\"\naction = \"other\"\n"
                        "affinity = [{{ measure = \"pKi\", value = {1}, species = \"human\", sources = [\"src:db:a\"] }}]\n"
                        "sources = [\"src:db:a\"]\n",
                        i, 5.0 + i * 0.37);
    toml += fmt::format("[[acts_on]]\ndrug = \"drug:manyine\"\ntarget = \"target:T{0}\"\naction = \"inhibitor\"\n"
                        "sources = [\"src:db:a\"]\n", i);
  }
  auto kb = load_string(toml);
  auto a = mechanism_of(kb, "floodine");
  CHECK(summary_line(a) == "inhibitor at the kinase K; binds 12 other targets (activity measured); 1 more in other species");
  CHECK(a.activity_targets == 12);
  CHECK(a.other_species_targets == 1);
  mechanism_options all;
  all.all_species = true;
  CHECK(summary_line(mechanism_of(kb, "floodine", all)).find("kinase K (mouse)") != std::string::npos);
  // the DOT picture shows the mechanism only, unless asked for every claim
  auto dot = mechanism_dot(kb, kb.at<drug>("floodine"));
  CHECK(dot.find("target:K\"") != std::string::npos);
  CHECK(dot.find("target:T3") == std::string::npos);
  CHECK(dot.find("target:K-mouse") == std::string::npos);
  dot_options every;
  every.all_targets = true;
  CHECK(mechanism_dot(kb, kb.at<drug>("floodine"), every).find("target:T3") != std::string::npos);
  // twelve targets of one action: six named, "and 6 more"
  auto m = mechanism_of(kb, "manyine");
  REQUIRE(m.summary.size() == 1);
  CHECK(m.summary[0].targets.size() == 6);
  CHECK(m.summary[0].more == 6);
  CHECK(summary_line(m).find("and 6 more") != std::string::npos);
  mechanism_options uncapped;
  uncapped.max_targets = 0;
  CHECK(mechanism_of(kb, "manyine", uncapped).summary[0].targets.size() == 12);
}

TEST_CASE("summary: the default knowledge base leads with the mechanism") {
  auto const& kb = default_kb();
  auto summary = [&](char const* d) { return summary_line(mechanism_of(kb, d)); };
  // a target appears once (methadone named mu twice before)
  auto methadone = summary("methadone");
  CHECK(count(methadone, "mu") == 1);
  // tramadol: no headline from single-study affinities; its opioid effect comes from its metabolite
  auto tramadol = summary("tramadol");
  CHECK(tramadol.find("highest affinity") == std::string::npos);
  CHECK(tramadol.find("O-desmethyltramadol") != std::string::npos);
  CHECK(tramadol.find("CYP2D6") != std::string::npos);
  // codeine: mu first, morphine named
  auto codeine = summary("codeine");
  CHECK(codeine.find("mu") < codeine.find("kappa"));
  CHECK(codeine.find("morphine") != std::string::npos);
  // buprenorphine: the kappa conflict (one database row against the rest) is not "disputed" in the summary
  auto bup = summary("buprenorphine");
  CHECK(bup.find("disputed") == std::string::npos);
  CHECK(bup.find("antagonist at the kappa opioid receptor") != std::string::npos);
  // one citation bracket per line in every default-KB answer
  for (auto d : kb.handles<drug>()) {
    auto text = render_text(mechanism_of(kb, d));
    INFO(kb[d].name);
    CHECK(text.find("] [") == std::string::npos);
  }
}

TEST_CASE("summary: imported DrugCentral rows, fixture and real download") {
  std::filesystem::path fixture_file = std::string(PHARMAKON_TEST_DATA) + "/import/drugcentral/drug.target.interaction.tsv";
  auto kb = import_drugcentral(std::span(&fixture_file, 1));
  auto a = mechanism_of(kb, "naltrexone");
  auto s = summary_line(a);
  CHECK(s.find("antagonist") == 0);
  CHECK(s.find("other at") == std::string::npos);
  CHECK(render_text(a).find("] [") == std::string::npos);

  std::filesystem::path real = std::string(PHARMAKON_SHARED_DIR) + "/data/drugcentral/drugcentral-drug.target.interaction.tsv.gz";
  if (!std::filesystem::exists(real)) {
    MESSAGE("skipped: the DrugCentral download is not at ", real.string(), " (see ../shared/data/SOURCES.md)");
    return;
  }
  auto dc = import_drugcentral(std::span(&real, 1));
  auto imatinib = mechanism_of(dc, "imatinib");
  auto line = summary_line(imatinib);
  MESSAGE("imatinib: ", line);
  CHECK(line.find("inhibitor at ") == 0);
  for (auto gene : {"ABL1", "Kit", "Platelet-derived growth factor receptor beta"}) CHECK(line.find(gene) != std::string::npos);
  CHECK(line.find("other targets (activity measured)") != std::string::npos);
  CHECK(line.size() < 400);
  auto text = render_text(imatinib);
  CHECK(text.find("7.08197") == std::string::npos);
  CHECK(text.find("6.70333") == std::string::npos);
  CHECK(text.find("] [") == std::string::npos);
  auto dot = mechanism_dot(dc, dc.at<drug>("imatinib"));
  CHECK(count(dot, " -> ") < 20);
}

TEST_CASE("sections: activity-only rows after the established actions, human first, at most 12, the rest counted") {
  // the summaries fixture's source and alpha receptor, and a drug with one curated action and 20 activity-only rows
  std::string toml = R"(
[[drug]]
id = "drug:manyrowine"
name = "manyrowine"
sources = ["src:db:a"]

[[acts_on]]
drug = "drug:manyrowine"
target = "target:RA"
action = "agonist"
sources = ["src:db:a"]
)";
  for (int i = 0; i < 20; ++i) {
    // the four rat receptors come first in the file (and have the best values): they must still go last
    bool rat = i < 4;
    toml += fmt::format("\n[[target]]\nid = \"target:T{0}\"\nname = \"target {0}\"\ntype = \"enzyme\"\nspecies = \"{1}\"\nsources = [\"src:db:a\"]\n", i,
                        rat ? "rat" : "human");
    toml += fmt::format("\n[[acts_on]]\ndrug = \"drug:manyrowine\"\ntarget = \"target:T{0}\"\naction = \"other\"\n"
                        "affinity = [{{ measure = \"pKi\", value = {1}, species = \"{2}\", sources = [\"src:db:a\"] }}]\n"
                        "sources = [\"src:db:a\"]\n",
                        i, 9.0 - i * 0.1, rat ? "rat" : "human");
  }
  auto const fixture_path = std::string(PHARMAKON_TEST_DATA) + "/summaries/fixture.toml";
  std::vector<document> docs{{fixture_path, test::read_bytes(fixture_path)}, {"manyrows.toml", toml}};
  auto kb = std::move(try_load(docs)).value_or_throw();
  auto a = mechanism_of(kb, "manyrowine");
  REQUIRE(a.actions.size() == 21);
  auto text = render_text(a);
  CHECK(text.find("agonist at the alpha receptor") != std::string::npos);
  CHECK(count(text, "activity measured at the target") == 12);
  CHECK(text.find("… and 8 more rows of measured activity only, 4 of them in other species (every row: --format json)") !=
        std::string::npos);
  CHECK(text.find("(rat)") == std::string::npos);  // the rat rows are the ones counted, not shown
  CHECK(text.find("agonist at the alpha receptor") < text.find("activity measured at the target"));
  CHECK(count(render_markdown(a), "activity measured at the target") == 12);
  // JSON and the answer value keep every row
  CHECK(count(render_json(a), "\"basis\": \"activity\"") == 20);
}
