// Lay names, drug half-lives, a label's date/version and LOINC sections: loaded, checked, hashed, and carried
// through the snapshot, KGX and the renderers.
#include <doctest/doctest.h>

#include <pharmakon/pharmakon.hpp>

#include "support.hpp"

#include <string>

using namespace pharmakon;
using namespace pharmakon::test;

namespace {

constexpr std::string_view kb_text = R"(
[[source]]
id = "src:label:x"
kind = "label"
title = "X label"
dailymed_setid = "cd11c435-b0f0-4bb9-ae78-60f101f3703f"
date = "2024-02"
version = "12"
sections = ["34066-1", "drug_interactions", "5.1", "4", "7"]

[[source]]
id = "src:pmid:12813472"
kind = "research"
title = "A study"
pmid = "12813472"
date = 2003-06-01

[[drug]]
id = "drug:x"
name = "xdrug"
lay_name = "a test drug"
sources = ["src:label:x"]
half_life = { low = "2 h", high = "4 h", sources = ["src:label:x", "src:pmid:12813472"], note = "healthy adults" }

[[drug]]
id = "drug:y"
name = "ydrug"
sources = ["src:label:x"]
half_life = { value = "180 min", sources = ["src:label:x"] }

[[target]]
id = "target:MOR"
name = "mu opioid receptor"
lay_name = "the brain's main opioid receptor"
sources = ["src:label:x"]
)";

knowledge_base sample() { return load_string(kb_text, "fields.toml"); }

load_result try_text(std::string_view text) {
  document d{"bad.toml", std::string(text)};
  return try_load(std::span(&d, 1));
}

std::vector<std::string> errors_of(std::string_view text) {
  std::vector<std::string> out;
  for (auto const& d : try_text(text).diagnostics) out.push_back(d.to_string());
  return out;
}

void check_fields(knowledge_base const& kb) {
  auto const& x = kb[kb.at<drug>("xdrug")];
  CHECK(x.lay_name == "a test drug");
  REQUIRE(x.half_life);
  CHECK(x.half_life->low == quantity{2, unit::h});
  CHECK(x.half_life->high == quantity{4, unit::h});
  CHECK(x.half_life->sources.size() == 2);
  CHECK(x.half_life->note == "healthy adults");
  CHECK_FALSE(x.half_life->single());
  auto const& y = kb[kb.at<drug>("ydrug")];
  REQUIRE(y.half_life);
  CHECK(y.half_life->single());
  CHECK(y.half_life->low == quantity{180, unit::min});
  CHECK(y.lay_name.empty());
  CHECK(kb[kb.at<target>("mu opioid receptor")].lay_name == "the brain's main opioid receptor");
  auto const& s = kb.get(*kb.find_source("src:label:x"));
  CHECK(s.date == "2024-02");
  CHECK(s.version == "12");
  CHECK(s.sections == std::vector<std::string>{"boxed_warning", "7", "5.1", "4"});  // normalised, each once
  CHECK(kb.get(*kb.find_source("src:pmid:12813472")).date == "2003-06-01");  // a TOML date
}

}  // namespace

TEST_CASE("fields: lay_name, half_life, source date/version and sections load and normalise") { check_fields(sample()); }

TEST_CASE("fields: label sections by LOINC code, name, number or subsection; unknown ones are unknown_enum") {
  CHECK(normalise_label_section("34073-7") == "7");
  CHECK(normalise_label_section("drug_interactions") == "7");
  CHECK(normalise_label_section("7") == "7");
  CHECK(normalise_label_section("boxed_warning") == "boxed_warning");
  CHECK(normalise_label_section("34066-1") == "boxed_warning");
  CHECK(normalise_label_section("43679-0") == "12.1");
  CHECK(normalise_label_section("8.8") == "8.8");
  CHECK(normalise_label_section("34071-1") == "warnings");
  CHECK_FALSE(normalise_label_section("99"));
  CHECK_FALSE(normalise_label_section("5."));
  CHECK_FALSE(normalise_label_section("5.x"));
  CHECK(label_section_text("5.1") == "5.1 warnings and precautions");
  CHECK(label_section_text("boxed_warning") == "boxed warning");
  auto e = errors_of(R"([[source]]
id = "src:label:x"
kind = "label"
title = "X"
url = "https://example.org"
sections = ["7", "bogus"]
)");
  REQUIRE(e.size() == 1);
  CHECK(e[0].find("bad.toml:6:18: error: expected a label section in 'sections'") == 0);
  CHECK(e[0].find("34073-7 drug_interactions 7") != std::string::npos);
  CHECK(e[0].find("found 'bogus'") != std::string::npos);
}

TEST_CASE("fields: bad dates, versions and half-lives are errors with positions") {
  auto src = [](std::string_view extra) {
    return fmt::format("[[source]]\nid = \"src:label:x\"\nkind = \"label\"\ntitle = \"X\"\nurl = \"https://e.org\"\n{}\n",
                       extra);
  };
  for (auto bad : {"date = \"2023-02-29\"", "date = \"2024-13\"", "date = \"2024-1-05\"", "date = \"May 2024\""})
    CHECK_MESSAGE(errors_of(src(bad)).size() == 1, bad);
  CHECK(errors_of(src("date = \"2024-02-29\"")).empty());  // a leap day
  CHECK(errors_of(src("version = \"\""))[0].find("bad.toml:6:11: error: expected 'version'") == 0);
  auto drug_with = [&](std::string_view hl) {
    return src("") + fmt::format("[[drug]]\nid = \"drug:x\"\nname = \"x\"\nsources = [\"src:label:x\"]\nhalf_life = {}\n", hl);
  };
  CHECK(errors_of(drug_with("{ low = \"2 h\", high = \"4 h\", sources = [\"src:label:x\"] }")).empty());
  auto missing = errors_of(drug_with("{ value = \"3 h\" }"));
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].find("missing_source") == std::string::npos);  // the message, not the code name
  CHECK(try_text(drug_with("{ value = \"3 h\" }")).diagnostics[0].code == errc::missing_source);
  CHECK(errors_of(drug_with("{ low = \"4 h\", high = \"2 h\", sources = [\"src:label:x\"] }"))[0].find("'low' <= 'high'") !=
        std::string::npos);
  CHECK(try_text(drug_with("{ value = \"3 mg\", sources = [\"src:label:x\"] }")).diagnostics[0].code ==
        errc::wrong_dimension);
  CHECK(try_text(drug_with("{ value = \"3 h\", sources = [\"src:nope\"] }")).diagnostics[0].code ==
        errc::unknown_reference);
  CHECK(try_text(drug_with("{ low = \"3 h\", sources = [\"src:label:x\"] }")).diagnostics[0].code ==
        errc::missing_field);
  CHECK(try_text(drug_with("{ value = \"3 h\", low = \"3 h\", high = \"4 h\", sources = [\"src:label:x\"] }"))
            .diagnostics[0].code == errc::unexpected_key);
  CHECK(try_text(drug_with("\"3 h\"")).diagnostics[0].code == errc::wrong_type);
}

TEST_CASE("fields: the content hash sees them, and a knowledge base without them keeps its hash") {
  auto kb = sample();
  auto without = [](std::string text, std::string_view line) {
    auto at = text.find(line);
    REQUIRE(at != std::string::npos);
    return text.erase(at, line.size());
  };
  std::string text(kb_text);
  for (std::string_view line : {"lay_name = \"a test drug\"\n", "version = \"12\"\n", "date = \"2024-02\"\n",
                                "half_life = { value = \"180 min\", sources = [\"src:label:x\"] }\n"})
    CHECK_MESSAGE(load_string(without(text, line), "fields.toml").content_hash() != kb.content_hash(), line);
}

TEST_CASE("fields: snapshot and KGX carry them") {
  auto kb = sample();
  temp_dir tmp("fields");
  save_snapshot(kb, tmp.path / "kb.pkb");
  auto snap = try_load_snapshot(tmp.path / "kb.pkb");
  REQUIRE(snap);
  CHECK(snap.kb->content_hash() == kb.content_hash());
  check_fields(*snap.kb);
  export_kgx(kb, tmp.path / "kb");
  auto k = try_import_kgx(tmp.path / "kb");
  REQUIRE_MESSAGE(k, first_error(k));
  CHECK(k.kb->content_hash() == kb.content_hash());
  check_fields(*k.kb);
}

TEST_CASE("fields: reference lines and the catalog show them") {
  auto kb = sample();
  auto moa = render_text(mechanism_of(kb, kb.at<drug>("xdrug")));
  auto src = render_source(kb, *kb.find_source("src:label:x"), output_format::text);
  CHECK(src.find("revised 2024-02, version 12") != std::string::npos);
  CHECK(src.find("sections: boxed warning; 7 drug interactions; 5.1 warnings and precautions; 4 contraindications") !=
        std::string::npos);
  std::vector<any_node> nodes{any_node(kb.at<drug>("xdrug"))};
  auto show = render_entities(kb, nodes, output_format::text);
  CHECK(show.find("in plain words: a test drug") != std::string::npos);
  CHECK(show.find("half-life: 2 h to 4 h (healthy adults) [src:label:x, src:pmid:12813472]") != std::string::npos);
  auto json = render_entities(kb, nodes, output_format::json);
  CHECK(json.find("\"lay_name\": \"a test drug\"") != std::string::npos);
  CHECK(json.find("\"half_life\"") != std::string::npos);
  (void)moa;
}

TEST_CASE("source identifiers: a list of (scheme, value) in source_schemes order, one key or column each") {
  source s;
  s.id = "src:x";
  s.kind = source_kind::label;
  s.set_identifier("url", "https://example.org");
  s.set_identifier("dailymed_setid", "cd11c435-b0f0-4bb9-ae78-60f101f3703f");
  s.set_identifier("pmid", "12813472");
  REQUIRE(s.ids.size() == 3);
  CHECK(s.ids[0].scheme == "pmid");
  CHECK(s.ids[1].scheme == "dailymed_setid");
  CHECK(s.ids[2].scheme == "url");
  CHECK(s.identifier_of("pmid") == "12813472");
  CHECK_FALSE(s.identifier_of("doi"));
  CHECK(s.citation_id() == "PMID 12813472; DailyMed setid cd11c435-b0f0-4bb9-ae78-60f101f3703f");
  s.set_identifier("pmid", "");  // an empty value removes it
  CHECK(s.ids.size() == 2);
  s.set_identifier("pmid", "");
  s.set_identifier("dailymed_setid", "");
  CHECK(s.citation_id() == "https://example.org");  // a URL only when there is nothing else
  builder b;
  source odd = s;
  odd.ids.push_back({"chembl", "CHEMBL1"});
  CHECK_THROWS_AS(b.add_source(odd), usage_error);
  // pushed out of order, stored in order
  source late;
  late.id = "src:y";
  late.ids = {{"url", "https://example.org"}, {"doi", "10.1038/sj.npp.1300219"}};
  auto id = b.add_source(late);
  auto kb = b.build();
  CHECK(kb.get(id).ids.front().scheme == "doi");
  // the KB file keeps its keys
  auto loaded = sample();
  auto const& label = loaded.get(*loaded.find_source("src:label:x"));
  CHECK(label.ids == std::vector<identifier>{{"dailymed_setid", "cd11c435-b0f0-4bb9-ae78-60f101f3703f"}});
}
