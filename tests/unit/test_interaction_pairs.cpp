// The interaction screen on the embedded knowledge base against a table of clinically known pairs, positive and
// negative, each expectation with its sources (tests/data/interactions/pairs.tsv).
#include <doctest/doctest.h>

#include <pharmakon/pharmakon.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace pharmakon;

namespace {

struct expectation {
  std::string first, second, severity, mechanism, kind, basis, sources;
  int line = 0;
};

std::vector<expectation> read_pairs() {
  std::ifstream in(std::filesystem::path(PHARMAKON_TEST_DATA) / "interactions" / "pairs.tsv");
  REQUIRE(in);
  std::vector<expectation> out;
  std::string line;
  bool header = true;
  for (int n = 1; std::getline(in, line); ++n) {
    if (line.empty() || line[0] == '#') continue;
    if (header) {  // the column names
      header = false;
      continue;
    }
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string x; std::getline(ss, x, '\t');) f.push_back(x);
    REQUIRE_MESSAGE(f.size() == 7, "pairs.tsv:", n, ": expected 7 columns");
    out.push_back({f[0], f[1], f[2], f[3], f[4], f[5], f[6], n});
  }
  return out;
}

}  // namespace

TEST_CASE("interaction screen: clinically known pairs, positive and negative, each with its sources") {
  auto const& kb = default_kb();
  auto pairs = read_pairs();
  CHECK(pairs.size() >= 40);
  int positive = 0, negative = 0;
  for (auto const& p : pairs) {
    CAPTURE(p.line);
    CAPTURE(p.first);
    CAPTURE(p.second);
    CHECK_MESSAGE(!p.sources.empty(), "every expectation cites its sources");
    auto a = kb.find<drug>(p.first), b = kb.find<drug>(p.second);
    REQUIRE_MESSAGE((a && b), "both drugs are in the embedded knowledge base");
    std::vector<drug_id> ids{*a, *b};
    auto answer = screen_interactions(kb, ids);
    auto worst = answer.worst();
    if (p.severity == "none") {
      ++negative;
      CHECK_MESSAGE(!(worst && *worst <= interaction_severity::moderate), "a false alarm: ", render_text(answer));
      continue;
    }
    ++positive;
    auto want = parse_enum<interaction_severity>(p.severity);
    REQUIRE(want);
    REQUIRE_MESSAGE(worst, "no finding at all");
    CHECK_MESSAGE(*worst <= *want, "found ", to_string(*worst), ", expected at least ", p.severity);
    bool has_kind = std::any_of(answer.interactions.begin(), answer.interactions.end(), [&](interaction const& i) {
      return (p.mechanism == "-" || to_string(i.mechanism) == p.mechanism) && (p.kind == "-" || to_string(i.kind) == p.kind);
    });
    CHECK_MESSAGE(has_kind, "no ", p.mechanism, "/", p.kind, " finding");
    // every finding explains itself: a path whose steps all cite sources
    for (auto const& i : answer.interactions) {
      CHECK(!i.path.empty());
      for (auto const& s : i.path) CHECK(!s.refs.empty());
    }
  }
  CHECK(positive >= 40);
  CHECK(negative >= 8);
}

TEST_CASE("interaction screen: the direction of an exposure change, for parent and active metabolite") {
  auto const& kb = default_kb();
  auto screen = [&](char const* x, char const* y) {
    std::vector<drug_id> ids{kb.at<drug>(x), kb.at<drug>(y)};
    return screen_interactions(kb, ids);
  };
  auto exposure = [](interaction_answer const& a) -> interaction const* {
    for (auto const& i : a.interactions)
      if (i.mechanism == interaction_mechanism::exposure) return &i;
    return nullptr;
  };
  // codeine + a CYP2D6 inhibitor: less morphine, less analgesia
  auto c = screen("codeine", "paroxetine");
  auto const* ci = exposure(c);
  REQUIRE(ci);
  CHECK(ci->affected == "morphine");
  CHECK(ci->direction == direction::decrease);
  CHECK(ci->first == "paroxetine");
  // fentanyl + a strong CYP3A4 inhibitor: more fentanyl, respiratory depression
  auto f = screen("fentanyl", "ketoconazole");
  auto const* fi = exposure(f);
  REQUIRE(fi);
  CHECK(fi->affected == "fentanyl");
  CHECK(fi->direction == direction::increase);
  CHECK(std::find(fi->effects.begin(), fi->effects.end(), "respiratory depression") != fi->effects.end());
  // methadone + rifampin: less methadone (withdrawal)
  auto m = screen("methadone", "rifampin");
  auto const* mi = exposure(m);
  REQUIRE(mi);
  CHECK(mi->affected == "methadone");
  CHECK(mi->direction == direction::decrease);
  CHECK(mi->first == "rifampin");
}

TEST_CASE("interaction screen: intended combinations are said to be intended, with what to watch") {
  auto const& kb = default_kb();
  for (auto [x, y] : {std::pair{"naloxone", "fentanyl"}, std::pair{"methylnaltrexone", "oxycodone"}}) {
    CAPTURE(x);
    std::vector<drug_id> ids{kb.at<drug>(x), kb.at<drug>(y)};
    auto a = screen_interactions(kb, ids);
    REQUIRE(!a.interactions.empty());
    CHECK(a.interactions.front().intended);
    CHECK(!a.interactions.front().stated.empty());
    CHECK(render_text(a).find("intended combination") != std::string::npos);
  }
  // a peripherally restricted antagonist does not block central effects
  std::vector<drug_id> ids{kb.at<drug>("methylnaltrexone"), kb.at<drug>("oxycodone")};
  auto a = screen_interactions(kb, ids);
  for (auto const& i : a.interactions) {
    CHECK(i.kind != interaction_kind::blockade);
    CHECK(std::find(i.effects.begin(), i.effects.end(), "respiratory depression") == i.effects.end());
  }
}

TEST_CASE("interaction screen: a medication list of 20 drugs is screened in well under a millisecond per pair") {
  auto const& kb = default_kb();
  std::vector<drug_id> ids;
  for (auto n : {"oxycodone", "alprazolam", "sertraline", "tramadol", "gabapentin", "ketoconazole", "methadone",
                 "naltrexone", "codeine", "fluoxetine", "quetiapine", "ondansetron", "rifampin", "zolpidem",
                 "ethanol", "clarithromycin", "lorazepam", "bupropion", "fentanyl", "citalopram"})
    ids.push_back(kb.at<drug>(n));
  auto a = screen_interactions(kb, ids);
  CHECK(a.drugs.size() == 20);
  CHECK(a.worst() == interaction_severity::contraindicated);
}
