// The interaction screen, rule by rule, on a small made-up knowledge base (tests/data/interactions/fixture.toml),
// and the bad inputs of `pharmakon interactions`.
#include <doctest/doctest.h>

#include <pharmakon/pharmakon.hpp>

#include <algorithm>
#include <filesystem>

using namespace pharmakon;

namespace {

knowledge_base const& fixture() {
  static knowledge_base kb = [] {
    std::filesystem::path p = std::filesystem::path(PHARMAKON_TEST_DATA) / "interactions" / "fixture.toml";
    std::vector<std::filesystem::path> files{p};
    return load_files(files);
  }();
  return kb;
}

interaction_answer screen(std::initializer_list<char const*> names) {
  auto const& kb = fixture();
  std::vector<drug_id> ids;
  for (auto n : names) ids.push_back(kb.at<drug>(n));
  return screen_interactions(kb, ids);
}

interaction const* find(interaction_answer const& a, interaction_mechanism m) {
  for (auto const& i : a.interactions)
    if (i.mechanism == m) return &i;
  return nullptr;
}

bool has(std::vector<std::string> const& v, std::string const& x) { return std::find(v.begin(), v.end(), x) != v.end(); }

}  // namespace

TEST_CASE("same target: an antagonist blocks an agonist's effects mediated there") {
  auto a = screen({"agonist", "antagonist"});
  auto const* i = find(a, interaction_mechanism::same_target);
  REQUIRE(i != nullptr);
  CHECK(i->kind == interaction_kind::blockade);
  CHECK(i->first == "antagonist");
  CHECK(i->severity == interaction_severity::moderate);
  CHECK(has(i->effects, "relief"));
  CHECK(has(i->effects, "gut slowing"));
  CHECK(i->direction == direction::decrease);
  CHECK(!i->path.empty());
}

TEST_CASE("same target: a peripherally restricted antagonist blocks only peripheral effects") {
  auto a = screen({"peripheral", "agonist"});
  auto const* i = find(a, interaction_mechanism::same_target);
  REQUIRE(i != nullptr);
  CHECK(i->kind == interaction_kind::peripheral_blockade);
  CHECK(i->effects == std::vector<std::string>{"gut slowing"});
  CHECK(i->severity == interaction_severity::minor);
}

TEST_CASE("same target: a partial agonist displaces a full agonist and comes first") {
  auto a = screen({"agonist", "partial"});
  auto const* i = find(a, interaction_mechanism::same_target);
  REQUIRE(i != nullptr);
  CHECK(i->kind == interaction_kind::displacement);
  CHECK(i->first == "partial");
  CHECK(i->first_action == action_type::partial_agonist);
}

TEST_CASE("same target through an active metabolite: the prodrug's metabolite is blocked") {
  auto a = screen({"prodrug", "antagonist"});
  auto const* i = find(a, interaction_mechanism::same_target);
  REQUIRE(i != nullptr);
  CHECK(i->kind == interaction_kind::blockade);
  CHECK(i->second == "prodrug");
  CHECK(std::any_of(i->path.begin(), i->path.end(), [](path_step const& p) {
    return p.relation == relation_kind::has_metabolite && p.to == "metabolite";
  }));
}

TEST_CASE("same effect through different targets adds up at the effect's combined severity") {
  auto a = screen({"agonist", "sedative"});
  auto const* i = find(a, interaction_mechanism::same_effect);
  REQUIRE(i != nullptr);
  CHECK(i->kind == interaction_kind::additive);
  CHECK(i->effects == std::vector<std::string>{"depression"});
  CHECK(i->severity == interaction_severity::major);
  // inferred from the graph, not stated by a label: monitor, as labels of additive effects mostly say; a label
  // statement that says avoid would set it (the opioid-benzodiazepine boxed warning, tests/python/test_cli.py)
  CHECK(i->management == management::monitor);
  CHECK(find(a, interaction_mechanism::same_target) == nullptr);
}

TEST_CASE("exposure: a strong inhibitor raises a substrate's exposure, and the label's statement confirms it") {
  auto a = screen({"agonist", "inhibitor"});
  auto const* i = find(a, interaction_mechanism::exposure);
  REQUIRE(i != nullptr);
  CHECK(i->kind == interaction_kind::more_exposure);
  CHECK(i->first == "inhibitor");
  CHECK(i->affected == "agonist");
  CHECK(i->direction == direction::increase);
  CHECK(i->severity == interaction_severity::major);
  CHECK(i->target->name == "enzyme E");
  CHECK(has(i->effects, "depression"));   // the adverse effects rise
  REQUIRE(i->stated.size() == 1);         // class:strong-E-inhibitors by its rule
  CHECK(i->stated[0].between_first == "strong E inhibitors");
  CHECK(i->management == management::adjust_dose);
  CHECK(i->tier == evidence_tier::label);
  CHECK(a.interactions.size() == 1);      // no separate "stated" finding
}

TEST_CASE("exposure: a weak inhibitor is minor and does not make the class of strong inhibitors") {
  auto a = screen({"agonist", "weak inhibitor"});
  auto const* i = find(a, interaction_mechanism::exposure);
  REQUIRE(i != nullptr);
  CHECK(i->severity == interaction_severity::minor);
  CHECK(i->stated.empty());
  CHECK(!(a.worst() <= interaction_severity::moderate));
}

TEST_CASE("exposure: an inducer lowers it, and the intended effects are what is lost") {
  auto a = screen({"inducer", "agonist"});
  auto const* i = find(a, interaction_mechanism::exposure);
  REQUIRE(i != nullptr);
  CHECK(i->kind == interaction_kind::less_exposure);
  CHECK(i->direction == direction::decrease);
  CHECK(i->effects == std::vector<std::string>{"relief", "gut slowing"});
}

TEST_CASE("exposure: blocking the enzyme that activates a prodrug lowers the active metabolite") {
  auto a = screen({"prodrug", "activator blocker"});
  REQUIRE(a.interactions.size() == 1);  // not also "more prodrug"
  auto const& i = a.interactions[0];
  CHECK(i.mechanism == interaction_mechanism::exposure);
  CHECK(i.kind == interaction_kind::less_exposure);
  CHECK(i.affected == "metabolite");
  CHECK(i.severity == interaction_severity::moderate);
  CHECK(has(i.effects, "relief"));
}

TEST_CASE("exposure: less of an active metabolite costs a prodrug its effects, not a drug that acts itself") {
  // the metabolite has no effects of its own: a prodrug's effects are its metabolite's, so they are what is lost;
  // a drug that acts itself keeps its own (buprenorphine's analgesia does not fall with less norbuprenorphine)
  auto metabolite_finding = [](interaction_answer const& a) -> interaction const* {
    for (auto const& i : a.interactions)
      if (i.mechanism == interaction_mechanism::exposure && i.affected == "quiet metabolite") return &i;
    return nullptr;
  };
  auto pro = screen({"quiet prodrug", "activator blocker"});
  auto const* p = metabolite_finding(pro);
  REQUIRE(p != nullptr);
  CHECK(p->kind == interaction_kind::less_exposure);
  CHECK(p->effects == std::vector<std::string>{"relief"});
  auto self = screen({"self-acting", "activator blocker"});
  auto const* s = metabolite_finding(self);
  REQUIRE(s != nullptr);
  CHECK(s->kind == interaction_kind::less_exposure);
  CHECK(s->effects.empty());
}

TEST_CASE("stated: a class member and a drug a label names, which the graph does not explain") {
  auto a = screen({"member", "agonist"});
  REQUIRE(a.interactions.size() == 1);
  auto const& i = a.interactions[0];
  CHECK(i.mechanism == interaction_mechanism::stated);
  CHECK(i.severity == interaction_severity::contraindicated);
  CHECK(i.management == management::avoid);
  CHECK(std::any_of(i.path.begin(), i.path.end(), [](path_step const& p) { return p.relation == relation_kind::member_of; }));
}

TEST_CASE("stated: a negated statement says there is no interaction and is not a finding") {
  auto a = screen({"unrelated", "antagonist"});
  REQUIRE(a.interactions.size() == 1);
  CHECK(a.interactions[0].no_interaction);
  CHECK(!a.worst());
}

TEST_CASE("drugs without metabolism data are named, duplicates are screened once") {
  auto a = screen({"antagonist", "antagonist", "agonist"});
  CHECK(a.drugs == std::vector<std::string>{"antagonist", "agonist"});
  CHECK(has(a.without_metabolism, "antagonist"));
  CHECK(!has(a.without_metabolism, "agonist"));
}

TEST_CASE("every interaction renders in text, Markdown and JSON with its mechanism and severity") {
  auto a = screen({"agonist", "inhibitor", "sedative", "antagonist"});
  auto text = render_text(a);
  CHECK(text.find("inhibitor raises agonist exposure through enzyme E (exposure, major)") != std::string::npos);
  CHECK(text.find("Not checked") != std::string::npos);
  auto json = render_json(a, 2);
  CHECK(json.find("\"mechanism\": \"exposure\"") != std::string::npos);
  CHECK(json.find("\"worst_severity\": \"major\"") != std::string::npos);
  CHECK(render_markdown(a).find("**Most severe:** major") != std::string::npos);
}

TEST_CASE("a class id or an unknown name is not a drug") {
  auto const& kb = fixture();
  CHECK(!kb.find<drug>("stated class"));
  CHECK(kb.find<drug_class>("stated class"));
  CHECK_THROWS_AS(kb.at<drug>("agonst"), lookup_error);
}

TEST_CASE("a drug class or a target named where a drug is expected says what it is") {
  auto const& kb = default_kb();
  try {
    (void)kb.at<drug>("benzodiazepines");
    FAIL("no error");
  } catch (lookup_error const& e) {
    std::string m = e.what();
    CHECK(m.find("is a drug class (class:benzodiazepines), not a drug: name its drugs, e.g. ") != std::string::npos);
    CHECK(m.find("alprazolam") != std::string::npos);
  }
  try {
    (void)kb.at<drug>("fluoxetinne");
    FAIL("no error");
  } catch (lookup_error const& e) {
    CHECK(std::string(e.what()).find("unknown drug 'fluoxetinne'; did you mean fluoxetine") == 0);
  }
}

TEST_CASE("the paths of an interaction screen as Graphviz DOT, one cluster per interaction") {
  auto a = screen({"agonist", "inhibitor", "antagonist"});
  auto dot = interactions_dot(a);
  CHECK(dot.rfind("digraph interactions {", 0) == 0);
  CHECK(dot.find("subgraph cluster_1") != std::string::npos);
  CHECK(dot.find("exposure / more_exposure (major)") != std::string::npos);
  CHECK(dot.find("-> \"c") != std::string::npos);
  CHECK(dot.find("substrate_of (major pathway)") != std::string::npos);
  CHECK(dot.back() == '\n');
}

TEST_CASE("a medication list by name: unknown names are screened out and named, the rest is screened") {
  auto const& kb = default_kb();
  std::vector<std::string> names{"oxycodone", "omeprazole-like-nothing", "Xanax", "benzodiazepines", "oxycodone",
                                 "omeprazole-like-nothing"};
  auto a = screen_interactions(kb, std::span<std::string const>(names));
  // the known drugs are screened as by id (duplicates once), and the boxed-warning finding is there
  CHECK(a.drugs == std::vector<std::string>{"oxycodone", "alprazolam"});
  REQUIRE(a.worst());
  CHECK(*a.worst() == interaction_severity::major);
  // every unknown name once, in the list's order, with the lookup's own reason
  REQUIRE(a.not_screened.size() == 2);
  CHECK(a.not_screened[0].name == "omeprazole-like-nothing");
  CHECK(a.not_screened[0].reason.rfind("unknown drug 'omeprazole-like-nothing'", 0) == 0);
  CHECK(a.not_screened[1].name == "benzodiazepines");
  CHECK(a.not_screened[1].reason.find("is a drug class") != std::string::npos);
  // a typo gets the closest names
  std::vector<std::string> typo{"naltrexone", "oxycodon"};
  auto t = screen_interactions(kb, std::span<std::string const>(typo));
  REQUIRE(t.not_screened.size() == 1);
  CHECK(std::find(t.not_screened[0].suggestions.begin(), t.not_screened[0].suggestions.end(), "oxycodone") !=
        t.not_screened[0].suggestions.end());
  // every rendering says so, before the findings: silence about a drug is never read as safety
  auto text = render_text(a);
  auto at = text.find("Not screened\n");
  REQUIRE(at != std::string::npos);
  CHECK(at < text.find("1. oxycodone and alprazolam"));
  CHECK(text.find("unknown drug 'omeprazole-like-nothing' — its interactions with the other drugs are unknown here, "
                  "not absent") != std::string::npos);
  CHECK(render_json(a).find("\"not_screened\": [\n    {\n      \"name\": \"omeprazole-like-nothing\"") != std::string::npos);
  CHECK(render_html(a).find("<strong>Not screened:</strong> omeprazole-like-nothing and benzodiazepines are not in "
                            "this knowledge base") != std::string::npos);
  // the by-id screen has nothing to name
  std::vector<drug_id> ids{kb.at<drug>("oxycodone"), kb.at<drug>("alprazolam")};
  CHECK(screen_interactions(kb, ids).not_screened.empty());
  // two known drugs and unknown ones: screenable; one known drug and an unknown: the unknown name is the error
  CHECK(screenable(a));
  CHECK_NOTHROW(require_screenable(kb, a));
  std::vector<std::string> one{"naltrexone", "oxycodon"};
  auto o = screen_interactions(kb, std::span<std::string const>(one));
  CHECK_FALSE(screenable(o));
  CHECK_THROWS_WITH_AS(require_screenable(kb, o), doctest::Contains("unknown drug 'oxycodon'"), lookup_error);
  // one known drug and no unknown name is a list of one, not an error here
  std::vector<std::string> single{"naltrexone"};
  CHECK(screenable(screen_interactions(kb, std::span<std::string const>(single))));
}

TEST_CASE("an antagonist that wears off before the opioid it blocks: both half-lives, and the effects can return") {
  auto const& kb = default_kb();
  std::vector<drug_id> ids{kb.at<drug>("naloxone"), kb.at<drug>("methadone")};
  auto a = screen_interactions(kb, ids);
  auto it = std::find_if(a.interactions.begin(), a.interactions.end(), [](interaction const& i) {
    return i.kind == interaction_kind::blockade && i.first == "naloxone";
  });
  REQUIRE(it != a.interactions.end());
  REQUIRE(it->half_lives.size() == 2);
  CHECK(it->half_lives[0].drug == "naloxone");
  CHECK(it->half_lives[1].drug == "methadone");
  CHECK(it->half_lives[0].half_life.high.base_value() < it->half_lives[1].half_life.low.base_value());
  CHECK(!it->half_lives[0].half_life.ev.refs.empty());
  CHECK(it->wears_off_first);
  auto text = render_text(a);
  CHECK(text.find("naloxone wears off first, and methadone's effects can return") != std::string::npos);
  CHECK(render_json(a).find("\"wears_off_first\": true") != std::string::npos);
  CHECK(render_html(a).find("<h3>How long each lasts</h3>") != std::string::npos);
  // an exposure or additive finding states the half-lives but nothing wears off
  for (auto const& i : a.interactions)
    if (i.kind != interaction_kind::blockade && i.kind != interaction_kind::displacement &&
        i.kind != interaction_kind::peripheral_blockade)
      CHECK(!i.wears_off_first);
}
