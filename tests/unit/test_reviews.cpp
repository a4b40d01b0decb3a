// Review records and claim dates: the review-file reader's errors, the counts an answer shows, --approved-only.
#include "support.hpp"

#include <pharmakon/pharmakon.hpp>

#include <algorithm>

using namespace pharmakon;
using test::contains;
using test::messages;

namespace {

knowledge_base const& golden() { return test::golden_kb(); }

load_result reviews(std::string_view text, knowledge_base const& kb = golden()) {
  document d{"reviews.toml", std::string(text)};
  return try_load_reviews(kb, std::span(&d, 1));
}


constexpr std::string_view mor_approved = R"(
[[review]]
claim = { relation = "acts_on", from = "drug:naltrexone", to = "target:MOR" }
status = "approved"
reviewer = "Board"
date = 2026-11-20
)";

}  // namespace

TEST_CASE("valid_date: YYYY-MM-DD calendar days only") {
  CHECK(valid_date("2026-11-30"));
  CHECK(valid_date("2024-02-29"));
  CHECK_FALSE(valid_date("2026-02-29"));
  CHECK_FALSE(valid_date("2026-02-30"));
  CHECK_FALSE(valid_date("2026-13-01"));
  CHECK_FALSE(valid_date("2026-1-01"));
  CHECK_FALSE(valid_date("26-11-30"));
  CHECK_FALSE(valid_date("2026/11/30"));
  CHECK_FALSE(valid_date("1899-12-31"));
  CHECK_FALSE(valid_date(""));
}

TEST_CASE("review files: a good file attaches its records; the knowledge base itself is unchanged") {
  auto r = reviews(mor_approved);
  REQUIRE_MESSAGE(r, messages(r));
  auto const& kb = *r.kb;
  CHECK(kb.content_hash() == golden().content_hash());
  CHECK(golden().reviews() == nullptr);
  REQUIRE(kb.reviews() != nullptr);
  auto d = kb.at<drug>("naltrexone");
  int approved = 0;
  for (auto e : kb.out<rel::acts_on>(d)) {
    auto const* rec = kb.review_of(e.id());
    if (kb[e.object()].id == "target:MOR") {
      REQUIRE(rec);
      CHECK(rec->status == review_status::approved);
      CHECK(rec->reviewer == "Board");
      CHECK(rec->date == "2026-11-20");
      CHECK(rec->region.begin.line == 2);
      ++approved;
    } else {
      CHECK(rec == nullptr);
    }
  }
  CHECK(approved == 1);
}

TEST_CASE("review files: every mistake with its position, and nothing loaded") {
  auto r = reviews(R"([[review]]
claim = { relation = "acts_on", from = "drug:naltrexone", to = "target:DOR" }
status = "approved"
reviewer = "x"
date = "2026-11-20"

[[review]]
claim = { relation = "acts_on", from = "drug:naltrexon", to = "target:MOR" }
status = "approved"
reviewer = "x"
date = "2026-11-20"

[[review]]
entity = "warning:naltrexone-hepatotoxicity"
status = "aproved"
date = "2026-11-20"

[[review]]
entity = "warning:naltrexone-hepatotoxicity"
status = "approved"
date = "2026-11-20"

[[review]]
source = "src:pmid:12813472"
status = "submitted"
date = "2026-02-30"

[[review]]
claim = { relation = "acts_on", from = "drug:naltrexone", to = "target:sigma1" }
status = "submitted"
date = "2026-11-20"

[[review]]
status = "submitted"
date = "2026-11-20"

[[review]]
entity = "warning:naltrexone-hepatotoxicity"
status = "submitted"
date = "2026-11-20"
reviewr = "typo"

[[drug]]
id = "drug:x"
)");
  REQUIRE_FALSE(r);
  CHECK_FALSE(r.kb);
  auto m = messages(r);
  INFO(m);
  // a claim that does not exist (the golden fixture has no naltrexone --acts_on--> DOR claim, or no DOR at all)
  CHECK((contains(m, "reviews.toml:2:9: error: expected the claim drug:naltrexone --acts_on--> target:DOR in the knowledge base, found no such claim") ||
         contains(m, "reviews.toml:2:")));
  CHECK(contains(m, "reviews.toml:8:") );
  CHECK(contains(m, "found 'drug:naltrexon'"));
  CHECK(contains(m, "reviews.toml:15:10: error: expected 'status' to be one of submitted | under_review | approved, found 'aproved'"));
  CHECK(contains(m, "reviews.toml:18:1: error: expected 'reviewer' (who approved it: required when status is approved), found no such key in this table"));
  CHECK(contains(m, "reviews.toml:26:8: error: expected 'date' to be a date YYYY-MM-DD (a calendar day from 1900 to 2100), found '2026-02-30'"));
  CHECK(contains(m, "found 2 claims (say which with negated = true|false"));
  CHECK(contains(m, "reviews.toml:33:1: error: expected one of 'claim', 'entity' or 'source'"));
  CHECK(contains(m, "found 'reviewr'"));
  CHECK(contains(m, "reviews.toml:43:3: error: expected a top-level [[review]] table"));
  // sorted by position
  CHECK(std::is_sorted(r.diagnostics.begin(), r.diagnostics.end(), [](auto const& a, auto const& b) { return a.region.begin.line < b.region.begin.line; }));
}

TEST_CASE("review files: same thing, same date is an error; a history keeps the newest") {
  auto dup = reviews(std::string(mor_approved) + std::string(mor_approved));
  REQUIRE_FALSE(dup);
  CHECK(contains(messages(dup), "a second review dated 2026-11-20, the first at reviews.toml:2:1"));
  auto hist = reviews(std::string(mor_approved) + R"(
[[review]]
claim = { relation = "acts_on", from = "drug:naltrexone", to = "target:MOR" }
status = "under_review"
date = 2026-10-01
)");
  REQUIRE_MESSAGE(hist, messages(hist));
  auto a = mechanism_of(*hist.kb, "naltrexone");
  auto it = std::find_if(a.actions.begin(), a.actions.end(), [](auto const& x) { return x.target.id == "target:MOR"; });
  REQUIRE(it != a.actions.end());
  REQUIRE(it->ev.review);
  CHECK(it->ev.review->status == review_status::approved);
}

TEST_CASE("review files: unreadable, not TOML, not UTF-8") {
  std::filesystem::path missing = "/nonexistent/reviews.toml";
  auto r = try_load_reviews(golden(), std::span(&missing, 1));
  REQUIRE_FALSE(r);
  CHECK(r.diagnostics.front().code == errc::io);
  CHECK(reviews("[[review]\n").diagnostics.front().code == errc::syntax);
  CHECK(reviews("a = \"\xFF\"\n").diagnostics.front().code == errc::encoding);
}

TEST_CASE("review counts: 'Approved' only when every statement shown is approved") {
  auto plain = mechanism_of(golden(), "naltrexone");
  auto s0 = review_summary_of(plain);
  CHECK(s0.statements > 5);
  CHECK(s0.approved == 0);
  CHECK(s0.not_reviewed == s0.statements);
  CHECK_FALSE(s0.all_approved());
  CHECK(s0.from == updated_from::none);  // the fixture's version "1" is not a calendar version

  auto r = try_load_reviews(golden(), std::vector<std::filesystem::path>{std::string(PHARMAKON_TEST_DATA) + "/reviews/golden-board.toml"});
  REQUIRE_MESSAGE(r, messages(r));
  auto a = mechanism_of(*r.kb, "naltrexone");
  auto s = review_summary_of(a);
  CHECK(s.statements == s0.statements);
  CHECK(s.approved == 4);      // MOR action, respiratory-depression blockade, the overdose warning, the oral AUD regimen
  CHECK(s.under_review == 1);  // KOR action
  CHECK(s.submitted == 2);     // the negated sigma-1 claim, shown in the conflict and among the actions
  CHECK(s.not_reviewed == s.statements - 7);
  CHECK(s.newest_review == "2026-11-24");
  CHECK_FALSE(s.all_approved());
  auto text = render_text(a);
  CHECK(contains(text, fmt::format("Review: 4 of {} statements approved, 1 under review, 2 submitted, {} not reviewed", s.statements,
                              s.statements - 7)));

  keep_approved(a);
  auto k = review_summary_of(a);
  CHECK(k.statements == 4);
  CHECK(k.all_approved());
  CHECK(a.approved_only);
  CHECK(a.left_out == s.statements - 4);
  CHECK(a.actions.size() == 1);
  CHECK(a.warnings.size() == 1);
  CHECK(a.conflicts.empty());
  // references renumbered: every number cited is in the list, and the list has nothing uncited
  std::vector<int> cited;
  for (auto const& x : a.actions) cited.insert(cited.end(), x.ev.refs.begin(), x.ev.refs.end());
  for (auto const& x : a.effects) cited.insert(cited.end(), x.ev.refs.begin(), x.ev.refs.end());
  for (auto const& x : a.regimens) cited.insert(cited.end(), x.ev.refs.begin(), x.ev.refs.end());
  for (auto const& x : a.warnings) cited.insert(cited.end(), x.ev.refs.begin(), x.ev.refs.end());
  for (auto const& x : a.actions)
    for (auto const& v : x.affinity_refs) cited.insert(cited.end(), v.begin(), v.end());
  for (auto const& g : a.summary) cited.insert(cited.end(), g.refs.begin(), g.refs.end());
  std::sort(cited.begin(), cited.end());
  cited.erase(std::unique(cited.begin(), cited.end()), cited.end());
  CHECK(cited.size() == a.references.sources.size());
  CHECK(cited.back() == int(a.references.sources.size()));
  auto page = render_html(a);
  CHECK(contains(page, "Approved ("));
  CHECK(contains(page, "approved statements only (--approved-only)"));
  CHECK(contains(page, "approved by Example Hospital P&amp;T Committee (test fixture), 2026-11-20"));
}

TEST_CASE("claim dates in a knowledge-base file: updated and review keys; last updated is the newest") {
  auto kb = load_string(R"(
[[source]]
id = "src:pmid:1"
kind = "research"
title = "t"
pmid = "1"

[[drug]]
id = "drug:a"
name = "a"
sources = ["src:pmid:1"]

[[target]]
id = "target:T"
name = "t receptor"
sources = ["src:pmid:1"]

[[target]]
id = "target:U"
name = "u receptor"
sources = ["src:pmid:1"]

[[acts_on]]
drug = "drug:a"
target = "target:T"
action = "agonist"
updated = "2026-10-01"
review = { status = "approved", reviewer = "Board", date = 2026-11-01 }
sources = ["src:pmid:1"]

[[acts_on]]
drug = "drug:a"
target = "target:U"
action = "agonist"
updated = 2026-11-15
sources = ["src:pmid:1"]
)");
  REQUIRE(kb.reviews());
  auto a = mechanism_of(kb, "a");
  auto s = review_summary_of(a);
  CHECK(s.statements == 2);
  CHECK(s.approved == 1);
  CHECK(s.last_updated == "2026-11-15");
  CHECK(s.from == updated_from::claims);
  CHECK(contains(render_text(a), "Last updated: 2026-11-15 (the newest date among the claims shown)"));
  CHECK(contains(render_json(a), "\"last_updated_from\": \"claims\""));

  // the review layer survives a load on top of it
  auto more = load_string(R"(
[[drug]]
id = "drug:b"
name = "b"
sources = ["src:pmid:1"]
)", "more.toml", &kb);
  auto a2 = mechanism_of(more, "a");
  CHECK(review_summary_of(a2).approved == 1);
  CHECK(review_summary_of(a2).last_updated == "2026-11-15");

  // mistakes in those keys are load errors with positions
  auto bad = try_load(std::vector<document>{{"bad.toml", R"(
[[source]]
id = "src:pmid:1"
kind = "research"
title = "t"
pmid = "1"

[[drug]]
id = "drug:a"
name = "a"
sources = ["src:pmid:1"]

[[effect]]
id = "effect:e"
name = "e"

[[produces]]
drug = "drug:a"
effect = "effect:e"
updated = "yesterday"
review = { status = "approved", date = "2026-11-01" }
sources = ["src:pmid:1"]
)"}});
  REQUIRE_FALSE(bad);
  auto m = messages(bad);
  INFO(m);
  CHECK(contains(m, "bad.toml:20:11: error: expected 'updated' to be a date YYYY-MM-DD"));
  CHECK(contains(m, "bad.toml:21:10: error: expected 'reviewer' (who approved it"));
}

TEST_CASE("the shipped knowledge base: no review records, no reviewer, the release as its date") {
  auto const& kb = default_kb();
  CHECK(kb.reviews() == nullptr);
  auto a = mechanism_of(kb, "naltrexone");
  auto s = review_summary_of(a);
  CHECK(s.approved == 0);
  CHECK(s.not_reviewed == s.statements);
  CHECK(s.from == updated_from::release);
  CHECK(s.last_updated == release_date_of(kb.version()));
  auto text = render_text(a);
  CHECK(contains(text, "not clinically reviewed"));
  CHECK_FALSE(contains(text, "Approved"));
  CHECK(release_date_of("2026.12.0") == "2026-12");
  CHECK(release_date_of("2026.13.0") == "");
  CHECK(release_date_of("1") == "");
  CHECK(release_date_of("2026.12") == "2026-12");
}
