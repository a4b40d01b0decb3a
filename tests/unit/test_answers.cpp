#include <doctest/doctest.h>

#include <pharmakon/pharmakon.hpp>

#include <algorithm>
#include <chrono>

using namespace pharmakon;

namespace {
bool has(std::vector<std::string> const& v, std::string const& x) { return std::find(v.begin(), v.end(), x) != v.end(); }
}  // namespace

TEST_CASE("the mechanism answer for naltrexone is composed from the graph") {
  auto const& kb = default_kb();
  auto a = mechanism_of(kb, "naltrexone");
  CHECK(a.drug == "naltrexone");
  CHECK(a.kb.content_hash == kb.content_hash());
  REQUIRE(!a.summary.empty());
  auto const& main = a.summary.front();
  CHECK(main.type == action_type::antagonist);
  CHECK(main.pure);
  CHECK(main.modality == modality::competitive);
  CHECK(main.reversible == true);
  CHECK(main.surmountable == true);
  CHECK(main.targets.size() == 3);
  CHECK(main.highest_affinity == "mu opioid receptor");
  // the seed's "antagonist at sigma" has no source that states it (data/SOURCES.md, audit 25): only the negated
  // claim is kept, so sigma-1 is neither in the summary nor disputed
  CHECK(!has(a.disputed_targets, "sigma-1 receptor"));
  CHECK(std::any_of(a.actions.begin(), a.actions.end(),
                    [](auto const& x) { return x.target.name == "sigma-1 receptor" && x.ev.negated; }));
  CHECK(summary_line(a).find("pure competitive, reversible, surmountable antagonist at the mu, kappa and delta opioid "
                             "receptors; highest affinity at mu") == 0);
  // one conflict: MOR (the labels' antagonism against partial agonism at highly over-expressed receptors in one
  // in-vitro study, PMID 24973897, research tier)
  REQUIRE(a.conflicts.size() == 1);
  CHECK(a.conflicts.front().object == "mu opioid receptor");
  CHECK(a.conflicts.front().first.ev.negated == a.conflicts.front().second.ev.negated);
  // every statement cites at least one reference, and every reference number resolves
  auto valid = [&](evidence const& ev) {
    return !ev.refs.empty() && std::all_of(ev.refs.begin(), ev.refs.end(), [&](int r) {
      return r >= 1 && std::size_t(r) <= a.references.sources.size();
    });
  };
  for (auto const& x : a.actions) CHECK(valid(x.ev));
  for (auto const& x : a.effects) CHECK(valid(x.ev));
  for (auto const& x : a.regimens) CHECK(valid(x.ev));
  for (auto const& x : a.warnings) CHECK(valid(x.ev));
  for (auto const& x : a.pharmacogenetics) CHECK(valid(x.ev));
  CHECK(std::any_of(a.regimens.begin(), a.regimens.end(), [](auto const& r) {
    return r.r.dose == quantity{380, unit::mg} && r.r.route == route::intramuscular && r.r.every == quantity{4, unit::wk};
  }));
  CHECK(std::any_of(a.warnings.begin(), a.warnings.end(),
                    [](auto const& w) { return w.w.severity == severity::life_threatening && has(w.concerns, "mu opioid receptor"); }));
  CHECK(std::any_of(a.effects.begin(), a.effects.end(),
                    [](auto const& e) { return e.relation == relation_kind::blocks && e.effect == "euphoria"; }));
}

TEST_CASE("the answer outlives the knowledge base it came from") {
  mechanism_answer a;
  {
    auto kb = load_string(R"(
[[source]]
id = "src:pmid:1"
kind = "research"
title = "t"
pmid = "1"
[[drug]]
id = "drug:x"
name = "x"
sources = ["src:pmid:1"]
[[target]]
id = "target:t"
name = "t receptor"
sources = ["src:pmid:1"]
[[acts_on]]
drug = "drug:x"
target = "target:t"
action = "agonist"
sources = ["src:pmid:1"]
)");
    a = mechanism_of(kb, "x");
  }
  CHECK(render_text(a).find("agonist at the t receptor") != std::string::npos);
}

TEST_CASE("every drug of the default knowledge base has a mechanism answer") {
  auto const& kb = default_kb();
  for (auto d : kb.handles<drug>()) {
    auto a = mechanism_of(kb, d);
    if (a.actions.empty()) MESSAGE(a.drug, ": no sourced target action in the knowledge base");
    // a drug without actions of its own may act through an active metabolite (diamorphine): then that is its summary
    auto expected = !a.actions.empty() ? "From " : a.active_metabolites.empty() ? "no established target action"
                                                                              : "Summary: acts mainly through";
    if (a.actions.empty() && !a.active_metabolites.empty() && !a.active_metabolites[0].main) expected = "Summary: active metabolite";
    CHECK(render_text(a).find(expected) != std::string::npos);
    CHECK(!render_json(a).empty());
  }
}

TEST_CASE("interactions: blockade, displacement, additive, none") {
  auto const& kb = default_kb();
  auto ids = [&](std::initializer_list<char const*> names) {
    std::vector<drug_id> v;
    for (auto n : names) v.push_back(kb.at<drug>(n));
    return v;
  };
  auto a = screen_interactions(kb, ids({"naltrexone", "oxycodone"}));
  REQUIRE(!a.interactions.empty());
  auto const& i = a.interactions.front();
  CHECK(i.kind == interaction_kind::blockade);
  CHECK(i.first == "naltrexone");
  REQUIRE(i.target);
  CHECK(i.target->name == "mu opioid receptor");
  CHECK(i.mechanism == interaction_mechanism::same_target);
  CHECK(i.severity == interaction_severity::contraindicated);  // naltrexone's contraindication concerns mu
  CHECK(!i.warnings.empty());
  CHECK(i.path.size() >= 2);
  for (auto const& p : i.path) CHECK(!p.refs.empty());

  auto b = screen_interactions(kb, ids({"methadone", "buprenorphine"}));
  CHECK(std::any_of(b.interactions.begin(), b.interactions.end(), [](auto const& x) {
    return x.kind == interaction_kind::displacement && x.first == "buprenorphine";
  }));
  auto c = screen_interactions(kb, ids({"morphine", "methadone"}));
  REQUIRE(!c.interactions.empty());
  CHECK(std::all_of(c.interactions.begin(), c.interactions.end(),
                    [](auto const& x) { return x.kind == interaction_kind::additive; }));
  CHECK(!screen_interactions(kb, ids({"acamprosate", "disulfiram"})).worst());
  // the same drug twice is one drug
  CHECK(screen_interactions(kb, ids({"morphine", "morphine"})).interactions.empty());
}

TEST_CASE("interaction screening of every drug against every other is fast") {
  auto const& kb = default_kb();
  std::vector<drug_id> all(kb.handles<drug>().begin(), kb.handles<drug>().end());
  auto a = screen_interactions(kb, all);
  CHECK(a.interactions.size() > 50);
  CHECK(a.drugs.size() == all.size());
}

TEST_CASE("dose checks: within, above by a factor, unit dimension, route, interval, precondition") {
  auto const& kb = default_kb();
  auto ntx = kb.at<drug>("naltrexone");
  auto check = [&](dose_query q) { return check_dose(kb, ntx, q); };
  dose_query q{quantity{50, unit::mg}, route::oral, quantity{24, unit::h}, {}, {}, {}};
  CHECK(check(q).verdict == dose_verdict::within);
  q.dose = quantity{0.05, unit::g};  // 50 mg in grams
  CHECK(check(q).verdict == dose_verdict::within);
  q.dose = quantity{500, unit::mg};
  auto a = check(q);
  CHECK(a.verdict == dose_verdict::above);
  CHECK(a.checks.front().issues.front().factor == doctest::Approx(10));
  q.dose = quantity{50, unit::mL};
  CHECK(check(q).verdict == dose_verdict::wrong_dimension);
  q.dose = quantity{380, unit::mg};
  q.route = route::intravenous;
  q.every = quantity{4, unit::wk};
  CHECK(check(q).verdict == dose_verdict::wrong_route);
  q.route = route::intramuscular;
  CHECK(check(q).verdict == dose_verdict::within);
  q.every = quantity{1, unit::wk};
  CHECK(check(q).verdict == dose_verdict::too_frequent);
  dose_query oud{quantity{50, unit::mg}, route::oral, quantity{24, unit::h}, kb.at<condition>("opioid use disorder"),
                 quantity{3, unit::d}, {}};
  CHECK(check(oud).verdict == dose_verdict::precondition_unmet);
  oud.opioid_free = quantity{10, unit::d};
  CHECK(check(oud).verdict == dose_verdict::within);
  // a drug without regimens: a metabolite, which has no approved use of its own (levorphanol, used here before,
  // now has its label regimen)
  CHECK(check_dose(kb, kb.at<drug>("morphine-6-glucuronide"), q).verdict == dose_verdict::no_regimen);
}

TEST_CASE("dose checks: the usual range, above it within the labeled maximum daily dose, above the maximum") {
  auto const& kb = default_kb();
  auto tramadol = kb.at<drug>("tramadol");
  auto ir = [](double mg, double every_h) {
    return dose_query{quantity{mg, unit::mg}, route::oral, quantity{every_h, unit::h}, {}, {}, {}};
  };
  auto verdict = [&](drug_id d, dose_query const& q) { return check_dose(kb, d, q).verdict; };
  // tramadol tablets: 50 to 100 mg every 4 to 6 h, at most 400 mg a day (label section 2.2)
  CHECK(verdict(tramadol, ir(100, 6)) == dose_verdict::within);
  auto a = check_dose(kb, tramadol, ir(150, 6));                          // 600 mg a day
  CHECK(a.verdict == dose_verdict::above_maximum);
  REQUIRE(!a.checks.empty());
  CHECK(a.checks.front().issues.front().factor == doctest::Approx(1.5));
  CHECK(a.checks.front().issues.front().found == "600 mg in 24 h (150 mg every 6 h)");
  // within the usual single dose, too often: the daily total is above the maximum
  CHECK(verdict(tramadol, ir(100, 3)) == dose_verdict::above_maximum);
  // nalbuphine IV: 10 mg every 3 to 6 h, at most 160 mg a day; 20 mg every 6 h is above the usual dose, within it
  auto nalbuphine = kb.at<drug>("nalbuphine");
  auto iv = [](double mg, double every_h) {
    return dose_query{quantity{mg, unit::mg}, route::intravenous, quantity{every_h, unit::h}, {}, {}, {}};
  };
  auto usual = check_dose(kb, nalbuphine, iv(20, 6));
  CHECK(usual.verdict == dose_verdict::above_usual);
  REQUIRE(!usual.checks.empty());
  CHECK(usual.checks.front().issues.front().factor == doctest::Approx(2));
  CHECK(usual.checks.front().issues.front().expected == "10 mg (labeled maximum 160 mg in 24 h)");
  CHECK(verdict(nalbuphine, iv(30, 3)) == dose_verdict::above_maximum);  // 240 mg a day
  // a scheduled regimen counts its own doses per day when the query gives no interval: lofexidine 0.72 mg four
  // times a day is 2.88 mg, the maximum; 0.9 mg four times a day is above it
  auto lofexidine = kb.at<drug>("lofexidine");
  CHECK(verdict(lofexidine, dose_query{quantity{0.72, unit::mg}, route::oral, {}, {}, {}, {}}) == dose_verdict::within);
  CHECK(verdict(lofexidine, dose_query{quantity{0.9, unit::mg}, route::oral, {}, {}, {}, {}}) == dose_verdict::above_maximum);
  // methadone maintenance states no labeled maximum: above the usual range stays `above`
  auto methadone = kb.at<drug>("methadone");
  dose_query m{quantity{150, unit::mg}, route::oral, quantity{24, unit::h}, kb.at<condition>("opioid use disorder"), {}, {}};
  CHECK(verdict(methadone, m) == dose_verdict::above);
}

TEST_CASE("intervals parse from quantities and words") {
  CHECK(parse_interval("24h") == quantity{24, unit::h});
  CHECK(parse_interval("daily") == quantity{24, unit::h});
  CHECK(parse_interval("q12h") == quantity{12, unit::h});
  CHECK(parse_interval("4 weeks") == quantity{4, unit::wk});
  auto mass = parse_interval("50 mg");
  CHECK_FALSE(mass);
  CHECK(mass.diagnostics.at(0).code == errc::wrong_dimension);
  CHECK(mass.diagnostics.at(0).expected.find("a time interval") == 0);
  CHECK_FALSE(parse_interval(""));
}

TEST_CASE("dose checks at an age: the regimen's stated ages, and warnings that state ages") {
  auto const& kb = default_kb();
  auto q = [](double mg, double every_h, double years) {
    dose_query x;
    x.dose = quantity{mg, unit::mg};
    x.every = quantity{every_h, unit::h};
    x.route = route::oral;
    x.age = quantity{years, unit::y};
    return x;
  };
  // codeine under 12: the contraindication decides, whatever the regimens say; its warnings at that age are listed
  auto young = check_dose(kb, kb.at<drug>("codeine"), q(30, 6, 8));
  CHECK(young.verdict == dose_verdict::contraindicated);
  REQUIRE(!young.age_warnings.empty());
  CHECK(std::any_of(young.age_warnings.begin(), young.age_warnings.end(), [](warning_statement const& w) {
    return w.w.id == "warning:codeine-contraindication-under-12-years";
  }));
  auto text = render_text(young);
  CHECK(text.find("Verdict: contraindicated — at age 8 y: Contraindicated in children younger than 12 years") != std::string::npos);
  CHECK(text.find("At age 8 y") != std::string::npos);
  // at 40 the children's warnings do not apply, and the regimen without stated ages says so
  auto adult = check_dose(kb, kb.at<drug>("codeine"), q(30, 6, 40));
  CHECK(adult.age_warnings.empty());
  CHECK(adult.verdict != dose_verdict::contraindicated);
  bool says_no_ages = false;
  for (auto const& c : adult.checks)
    for (auto const& u : c.not_checkable) says_no_ages = says_no_ages || u.rfind("age 40 y: the regimen states no ages", 0) == 0;
  CHECK(says_no_ages);
  // a regimen for 18 years and older: wrong age at 16, within at 30; no age given: the age is not checked, and said so
  auto tap = [&](double years) { return check_dose(kb, kb.at<drug>("tapentadol"), q(50, 12, years)); };
  auto teen = tap(16);
  bool wrong_age = false;
  for (auto const& c : teen.checks)
    if (c.regimen.r.id == "regimen:tapentadol-er-oral-pain")
      for (auto const& i : c.issues) wrong_age = wrong_age || (i.verdict == dose_verdict::wrong_age && i.found == "aged 16 y");
  CHECK(wrong_age);
  dose_query no_age = q(50, 12, 30);
  no_age.age.reset();
  auto unknown = check_dose(kb, kb.at<drug>("tapentadol"), no_age);
  bool unchecked = false;
  for (auto const& c : unknown.checks)
    for (auto const& u : c.unchecked) unchecked = unchecked || u == "age: for patients aged 18 y and older";
  CHECK(unchecked);
  CHECK(render_json(young).find("\"verdict\": \"contraindicated\"") != std::string::npos);
  CHECK(render_json(young).find("\"age\": {\n      \"value\": 8.0,\n      \"unit\": \"y\"") != std::string::npos);
}

TEST_CASE("ages parse as years, months or a bare number of years, up to 150 years") {
  CHECK(*parse_age("8") == quantity{8, unit::y});
  CHECK(*parse_age("8 years") == quantity{8, unit::y});
  CHECK(*parse_age(" 18 months ") == quantity{18, unit::mo});
  CHECK(*parse_age("10 d") == quantity{10, unit::d});
  CHECK(!parse_age("200 y"));
  CHECK(parse_age("200 y").diagnostics[0].expected == "an age up to 150 y");
  CHECK(!parse_age("8 mg"));
  CHECK(parse_age("8 mg").diagnostics[0].code == errc::wrong_dimension);
  CHECK(!parse_age("old"));
  CHECK(!parse_age("-3"));
}
