// The HTML answer page: the one escape function, links to public records, readers.
#include <doctest/doctest.h>

#include <pharmakon/pharmakon.hpp>

#include <algorithm>

using namespace pharmakon;

namespace {
bool contains(std::string const& s, std::string_view x) { return s.find(x) != std::string::npos; }
}  // namespace

TEST_CASE("html_escape: markup, quotes, ampersands, invalid UTF-8 and control characters") {
  CHECK(html_escape("<script>alert('x')</script>") == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  CHECK(html_escape("\"><svg onload=alert(1)>") == "&quot;&gt;&lt;svg onload=alert(1)&gt;");
  CHECK(html_escape("Tom & Jerry &amp;") == "Tom &amp; Jerry &amp;amp;");
  CHECK(html_escape("μ opioid receptor — δ, κ") == "μ opioid receptor — δ, κ");  // valid UTF-8 passes
  CHECK(html_escape("a\xFF" "b") == "a\xEF\xBF\xBD" "b");                            // invalid byte
  CHECK(html_escape("\xC0\xAF") == "\xEF\xBF\xBD\xEF\xBF\xBD");                      // overlong '/'
  CHECK(html_escape("\xE2\x82") == "\xEF\xBF\xBD\xEF\xBF\xBD");                      // truncated sequence
  CHECK(html_escape("\xED\xA0\x80") == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");      // surrogate
  CHECK(html_escape(std::string("a\0b", 3)) == "a\xEF\xBF\xBD" "b");                // NUL
  CHECK(html_escape("tab\tnew\nline\x01\x7F") == "tab\tnew\nline\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(html_escape("\xC2\x85") == "\xEF\xBF\xBD");  // C1 control
  CHECK(html_escape("") == "");
}

TEST_CASE("references link to their public records; only http(s) URLs become links") {
  source s;
  s.set_identifier("pmid", "12813472");
  CHECK(source_url(s) == "https://pubmed.ncbi.nlm.nih.gov/12813472/");
  s = {};
  s.set_identifier("doi", "10.1038/sj.npp.1300219");
  CHECK(source_url(s) == "https://doi.org/10.1038/sj.npp.1300219");
  s = {};
  s.set_identifier("dailymed_setid", "cd11c435-b0f0-4bb9-ae78-60f101f3703f");
  CHECK(source_url(s) == "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=cd11c435-b0f0-4bb9-ae78-60f101f3703f");
  s = {};
  s.set_identifier("gtopdb_ligand", "1639");
  CHECK(contains(source_url(s), "guidetopharmacology.org/GRAC/LigandDisplayForward?ligandId=1639"));
  s = {};
  s.set_identifier("url", "javascript:alert(1)");
  CHECK(source_url(s).empty());
  s.set_identifier("url", "https://example.org/a\"onmouseover=\"x");
  CHECK(source_url(s).empty());
  s.set_identifier("url", "HTTPS://example.org/x");
  CHECK(source_url(s) == s.identifier_or_empty("url"));
  CHECK(identifier_url({"chembl", "CHEMBL19019"}) == "https://www.ebi.ac.uk/chembl/compound_report_card/CHEMBL19019/");
  CHECK(identifier_url({"unii", "5S6W795CQM"}).empty());
  CHECK(url_encode("a b&c/d") == "a%20b%26c%2Fd");
}

TEST_CASE("the mechanism page: lang, headings, tiers, references, review status, picture, disclaimer") {
  auto a = mechanism_of(default_kb(), "naltrexone");
  auto page = render_html(a);
  CHECK(page.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0) == 0);
  CHECK(contains(page, "<h1>What is the mechanism of action of naltrexone?</h1>"));
  CHECK(contains(page, ">From guidelines</h2>"));
  CHECK(contains(page, ">From drug labels</h2>"));
  CHECK(contains(page, ">From research</h2>"));
  CHECK(contains(page, "statements approved, "));  // the counts: the shipped knowledge base is not clinically reviewed
  CHECK(contains(page, "(the knowledge base is curated with verified sources, not clinically reviewed)"));
  CHECK(contains(page, "<li aria-current=\"step\">Curated (not reviewed)</li>"));
  CHECK(contains(page, "Last updated"));
  CHECK(contains(page, "drug label evidence · not clinically reviewed"));
  CHECK(contains(page, "href=\"https://pubmed.ncbi.nlm.nih.gov/"));
  CHECK(contains(page, "href=\"https://doi.org/10."));
  CHECK(contains(page, "href=\"https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid="));
  CHECK(contains(page, "href=\"https://www.ebi.ac.uk/chembl/compound_report_card/CHEMBL19019/\""));
  CHECK(contains(page, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
  CHECK(contains(page, "The picture in words"));
  CHECK(contains(page, "id=\"ref-1\""));
  CHECK(contains(page, "@media print"));
  CHECK(contains(page, std::string(disclaimer)));
  CHECK(!contains(page, "<script"));
  CHECK(contains(page, "Boxed warning") == contains(render_text(a), "boxed warning"));
}

TEST_CASE("readers: the patient page keeps every warning and drops affinities and receptor names") {
  auto a = mechanism_of(default_kb(), "naltrexone");
  html_options o;
  o.audience = audience::patient;
  auto patient = render_html(a, o);
  o.audience = audience::researcher;
  auto researcher = render_html(a, o);
  auto clinician = render_html(a);
  auto body = [](std::string const& page) { return page.substr(0, page.find("id=\"refs-h\"")); };  // not the references
  for (auto const& w : a.warnings) {
    auto about = html_escape(w.w.about);
    CHECK(contains(patient, about));
    CHECK(contains(clinician, about));
    CHECK(contains(researcher, about));
  }
  CHECK(!contains(body(patient), "pKi"));
  CHECK(!contains(body(patient), "receptor"));
  CHECK(!contains(body(patient), "OPRM1"));
  CHECK(!contains(body(clinician), "pKi ")); // affinity values are for researchers
  CHECK(contains(researcher, "pKi"));
  CHECK(contains(researcher, "(human)"));
  CHECK(contains(researcher, "the sources disagree"));
  CHECK(contains(patient, "aria-current=\"page\">Patient"));
}

TEST_CASE("interaction summaries are what the page and the CDS cards read") {
  auto const& kb = default_kb();
  std::vector<drug_id> ids{kb.at<drug>("naltrexone"), kb.at<drug>("oxycodone")};
  auto a = screen_interactions(kb, ids);
  auto s = summarize(a);
  REQUIRE(s.size() == a.interactions.size());
  REQUIRE(!s.empty());
  CHECK(s[0].title == "naltrexone blocks oxycodone at the mu opioid receptor");
  CHECK(s[0].severity_rank == 0);
  auto page = render_html(a);
  CHECK(contains(page, "naltrexone blocks oxycodone at the mu opioid receptor"));
  CHECK(contains(page, "Path through the graph"));
  html_options o;
  o.audience = audience::patient;
  auto patient = render_html(a, o);
  CHECK(contains(patient, "naltrexone blocks the effects of oxycodone"));
  CHECK(!contains(patient.substr(0, patient.find("id=\"refs-h\"")), "mu opioid receptor"));
  for (auto const& w : s[0].warnings) CHECK(contains(patient, html_escape(w.plain)));
}

TEST_CASE("the dose page states the verdict") {
  auto const& kb = default_kb();
  dose_query q;
  q.dose = *parse_quantity("500 mg");
  q.every = *parse_interval("24 h");
  auto page = render_html(check_dose(kb, kb.at<drug>("naltrexone"), q));
  CHECK(contains(page, "Verdict:"));
  CHECK(contains(page, "above"));
}
