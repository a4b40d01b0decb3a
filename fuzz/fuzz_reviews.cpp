// Fuzz target: the review-file reader (docs/kb-format.md#reviews) against the golden fixture knowledge base, which
// has claims of many relations, a conflict (two claims between the same ends) and warnings and regimens to name.
// Invariants: no crash; a failed load has diagnostics, each naming the file with a position inside it when it has
// one, and returns no knowledge base (all-or-nothing); a good load leaves the knowledge base's content hash as it
// was, attaches only records with a valid status, date and (when approved) reviewer, and every mechanism answer
// counts its statements consistently and keeps only approved ones under keep_approved.
#include "check.hpp"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  using namespace pharmakon;
  static knowledge_base const kb = load_file(PHARMAKON_GOLDEN_KB);  // set by fuzz/CMakeLists.txt
  std::string_view in(reinterpret_cast<char const*>(data), size);
  load_options opts;
  opts.max_file_bytes = 1 << 20;
  document d{"reviews.toml", std::string(in)};
  auto r = try_load_reviews(kb, std::span(&d, 1), opts);
  if (!r) {
    FUZZ_CHECK(!r.diagnostics.empty(), "a failed load without diagnostics");
    FUZZ_CHECK(!r.kb, "a failed load returned a knowledge base");
    for (auto const& x : r.diagnostics) {
      FUZZ_CHECK(x.region.file() == "reviews.toml", x.to_string());
      fuzz::check_diagnostic(x, in, true);
    }
    return 0;
  }
  FUZZ_CHECK(r.kb->content_hash() == kb.content_hash(), "reviews changed the knowledge base's content");
  if (auto const* layer = r.kb->reviews()) {
    for (auto const* m : {&layer->claims, &layer->entities, &layer->sources})
      for (auto const& [k, rec] : *m) {
        FUZZ_CHECK(valid_date(rec.date), rec.date);
        FUZZ_CHECK(rec.status != review_status::approved || !rec.reviewer.empty(), "approved without a reviewer");
      }
    for (auto const& [c, _] : layer->claims) FUZZ_CHECK(c < kb.claim_count(), "a review of a claim out of range");
  }
  for (auto name : {"naltrexone", "buprenorphine"}) {
    auto a = mechanism_of(*r.kb, name);
    auto s = review_summary_of(a);
    FUZZ_CHECK(s.approved + s.under_review + s.submitted + s.not_reviewed == s.statements, "counts do not add up");
    keep_approved(a);
    auto k = review_summary_of(a);
    FUZZ_CHECK(k.statements == s.approved && k.approved == k.statements, "keep_approved kept an unapproved statement");
    (void)render_html(a);
  }
  return 0;
}
