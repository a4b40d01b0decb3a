// pharmakon serve without sockets: the CDS Hooks request reader, the cards, and the routes.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <cds.hpp>
#include <serve.hpp>

using namespace pharmakon;
using namespace pharmakon::serve;
using nlohmann::json;

namespace {

json med(std::string const& display, std::string const& code = "", std::string const& type = "MedicationRequest") {
  json coding = json::array();
  json c{{"display", display}};
  if (!code.empty()) c = {{"system", "http://www.nlm.nih.gov/research/umls/rxnorm"}, {"code", code}, {"display", display}};
  coding.push_back(c);
  return {{"resourceType", type}, {"status", "active"}, {"medicationCodeableConcept", {{"coding", coding}}}};
}
json bundle(std::vector<json> resources) {
  json entries = json::array();
  for (auto& r : resources) entries.push_back({{"resource", r}});
  return {{"resourceType", "Bundle"}, {"type", "collection"}, {"entry", entries}};
}
json hook(std::string const& h, json drafts, json prefetch = nullptr) {
  json j{{"hook", h}, {"hookInstance", "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea"},
         {"context", {{"userId", "Practitioner/1"}, {"patientId", "1"}, {"draftOrders", drafts}}}};
  if (!prefetch.is_null()) j["prefetch"] = prefetch;
  return j;
}
cds_error error_of(std::string const& body, std::string const& id = "pharmakon-order-select") {
  auto r = read_cds_request(body, id);
  REQUIRE(std::holds_alternative<cds_error>(r));
  return std::get<cds_error>(r);
}

}  // namespace

TEST_CASE("discovery lists order-select and order-sign") {
  auto d = cds_discovery();
  REQUIRE(d["services"].size() == 2);
  CHECK(d["services"][0]["hook"] == "order-select");
  CHECK(d["services"][1]["hook"] == "order-sign");
  CHECK(d["services"][0].contains("prefetch"));
}

TEST_CASE("the CDS request reader refuses bad JSON, wrong types and wrong hooks with what it expected") {
  CHECK(error_of("").status == 400);
  CHECK(error_of("{not json").found == "text that is not valid JSON");
  CHECK(error_of("[1,2]").expected == "a JSON object");
  CHECK(error_of(std::string(100, '[') + std::string(100, ']')).expected == "JSON nested at most 64 levels deep");
  auto e = error_of(R"({"hook": 7, "hookInstance": "x", "context": {}})");
  CHECK(e.at == "/hook");
  CHECK(e.found == "a number");
  e = error_of(R"({"hook": "order-select", "hookInstance": "x"})");
  CHECK(e.at == "/context");
  CHECK(e.found == "nothing");
  e = error_of(R"({"hook": "order-select", "hookInstance": "x", "context": {"draftOrders": "oops"}})");
  CHECK(e.at == "/context/draftOrders");
  CHECK(e.found == "a string");
  e = error_of(hook("order-sign", bundle({})).dump());
  CHECK(e.at == "/hook");
  auto j = hook("order-select", {{"resourceType", "Bundle"}, {"entry", 5}});
  CHECK(error_of(j.dump()).at == "/context/draftOrders/entry");
  j = hook("order-select", bundle({{{"resourceType", "MedicationRequest"}, {"medicationCodeableConcept", {{"coding", "x"}}}}}));
  CHECK(error_of(j.dump()).at == "/context/draftOrders/entry/0/resource/medicationCodeableConcept/coding");
  CHECK(error_of("{}", "no-such-service").status == 404);
  std::vector<json> many(300, med("naltrexone"));
  CHECK(error_of(hook("order-select", bundle(many)).dump()).status == 413);
  CHECK(!error_of("{}").to_json().dump().empty());
}

TEST_CASE("tramadol-like order for a patient on an antagonist: a critical card with sources") {
  auto const& kb = default_kb();
  auto body = hook("order-select", bundle({med("oxycodone 10 MG Oral Tablet")}),
                   {{"meds", bundle({med("naltrexone 50 MG Oral Tablet"), med("aspirin 81 MG")})}});
  auto r = read_cds_request(body.dump(), "pharmakon-order-select");
  REQUIRE(std::holds_alternative<cds_request>(r));
  auto const& req = std::get<cds_request>(r);
  REQUIRE(req.medications.size() == 3);
  CHECK(req.medications[0].draft);
  auto cards = cds_cards(kb, req, "http://127.0.0.1:8765")["cards"];
  REQUIRE(cards.size() >= 1);
  CHECK(cards[0]["indicator"] == "critical");
  CHECK(cards[0]["summary"].get<std::string>().size() <= 140);
  CHECK(cards[0]["summary"].get<std::string>().find("naltrexone blocks oxycodone") != std::string::npos);
  CHECK(cards[0]["source"].contains("label"));
  CHECK(cards[0]["links"][0]["url"].get<std::string>().rfind("http://127.0.0.1:8765/interactions?drugs=", 0) == 0);
  // two medications the knowledge base does not know: no interaction card, and an honest info card naming both
  body = hook("order-select", bundle({med("Examplomab 10 MG")}), {{"meds", bundle({med("Fictivir 5 MG")})}});
  auto none = cds_cards(kb, std::get<cds_request>(read_cds_request(body.dump(), "pharmakon-order-select")))["cards"];
  REQUIRE(none.size() == 1);
  CHECK(none[0]["indicator"] == "info");
  CHECK(none[0]["detail"].get<std::string>().find("Ordered:\n- Examplomab 10 MG") != std::string::npos);
  CHECK(none[0]["detail"].get<std::string>().find("active medications:\n- Fictivir 5 MG") != std::string::npos);
}

TEST_CASE("an unknown active medication is named, not silently left out of the screen") {
  auto const& kb = default_kb();
  auto body = hook("order-select", bundle({med("oxycodone 10 MG Oral Tablet")}),
                   {{"meds", bundle({med("alprazolam 0.5 MG"), med("Fictivir 5 MG"), med("Fictivir 5 MG")})}});
  auto cards = cds_cards(kb, std::get<cds_request>(read_cds_request(body.dump(), "pharmakon-order-select")))["cards"];
  REQUIRE(cards.size() >= 2);
  CHECK(cards[0]["indicator"] == "critical");  // opioid + benzodiazepine (boxed warning)
  auto const& last = cards.back();
  CHECK(last["uuid"] == "unmatched");
  CHECK(last["summary"] == "Not screened against the order: 1 of the patient's medications");
  CHECK(last["detail"].get<std::string>().find("- Fictivir 5 MG\n\nA missing finding") != std::string::npos);
  // every known active medication screened: no such card
  body = hook("order-select", bundle({med("oxycodone 10 MG Oral Tablet")}), {{"meds", bundle({med("alprazolam 0.5 MG")})}});
  cards = cds_cards(kb, std::get<cds_request>(read_cds_request(body.dump(), "pharmakon-order-select")))["cards"];
  for (auto const& c : cards) CHECK(c["uuid"] != "unmatched");
}

TEST_CASE("the patient's age from the prefetch Patient: age rules of the ordered drug become cards") {
  using namespace std::chrono;
  year_month_day today{year{2026}, month{12}, day{2}};
  // completed years from 2 y on, completed months below; a partial date counts from its last day
  CHECK(*age_on({2016, 5, 1}, today) == quantity{10, unit::y});
  CHECK(*age_on({2016, 12, 2}, today) == quantity{10, unit::y});
  CHECK(*age_on({2016, 12, 3}, today) == quantity{9, unit::y});
  CHECK(*age_on({2014, 0, 0}, today) == quantity{11, unit::y});   // 2014-12-31
  CHECK(*age_on({2025, 6, 0}, today) == quantity{17, unit::mo});  // 2025-06-30
  CHECK(*age_on({2026, 12, 2}, today) == quantity{0, unit::mo});
  CHECK_FALSE(age_on({2026, 12, 3}, today));
  auto const& kb = default_kb();
  json patient{{"resourceType", "Patient"}, {"id", "1"}, {"birthDate", "2016-05-01"}};
  auto body = hook("order-select", bundle({med("codeine sulfate 30 MG Oral Tablet")}), {{"patient", patient}});
  auto r = read_cds_request(body.dump(), "pharmakon-order-select");
  REQUIRE(std::holds_alternative<cds_request>(r));
  auto const& req = std::get<cds_request>(r);
  REQUIRE(req.birth_date);
  CHECK(req.medications.size() == 1);  // the Patient is not read as a medication
  auto cards = cds_cards(kb, req, "", today)["cards"];
  REQUIRE(cards.size() >= 1);
  CHECK(cards[0]["indicator"] == "critical");
  CHECK(cards[0]["summary"] == "Contraindicated at age 10 y: codeine");
  CHECK(cards[0]["detail"].get<std::string>().find("(contraindication)") != std::string::npos);
  // an adult: no age card
  patient["birthDate"] = "1970";
  body = hook("order-select", bundle({med("codeine sulfate 30 MG Oral Tablet")}), {{"patient", patient}});
  cards = cds_cards(kb, std::get<cds_request>(read_cds_request(body.dump(), "pharmakon-order-select")), "", today)["cards"];
  for (auto const& c : cards) CHECK(c["uuid"].get<std::string>().rfind("age-", 0) != 0);
  // a malformed birthDate is a 400 that says where and what was expected
  for (auto bad : {"2016-13-01", "2016-02-30", "16-05-01", "2016/05/01", "2016-05-01T00:00:00Z"}) {
    patient["birthDate"] = bad;
    auto e = error_of(hook("order-select", bundle({med("codeine")}), {{"patient", patient}}).dump());
    CHECK(e.status == 400);
    CHECK(e.at == "/prefetch/patient/birthDate");
    CHECK(e.expected == "a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD)");
  }
  patient["birthDate"] = 2016;
  CHECK(error_of(hook("order-select", bundle({med("codeine")}), {{"patient", patient}}).dump()).found == "a number");
}

TEST_CASE("medications match by RxNorm code through the rxcui identifier") {
  std::vector<std::filesystem::path> files{std::filesystem::path(PHARMAKON_TEST_DATA) / "web/hostile.toml"};
  auto kb = load_files(files);
  cds_medication m;
  m.rxnorm = {"900001"};
  auto d = match_drug(kb, m);
  REQUIRE(d);
  CHECK(kb[*d].id == "drug:blocker");
  auto body = hook("order-sign", bundle({med("whatever", "900002")}), {{"meds", bundle({med("x", "900001")})}});
  auto r = read_cds_request(body.dump(), "pharmakon-order-sign");
  REQUIRE(std::holds_alternative<cds_request>(r));
  auto cards = cds_cards(kb, std::get<cds_request>(r))["cards"];
  REQUIRE(cards.size() == 1);
  CHECK(cards[0]["indicator"] == "critical");
}

TEST_CASE("a dose above the regimen in a draft order gets a dose card") {
  auto m = med("naltrexone 500 MG Oral Tablet");
  m["dosageInstruction"] = json::array({{{"doseAndRate", json::array({{{"doseQuantity", {{"value", 500}, {"unit", "mg"}}}}})},
                                         {"timing", {{"repeat", {{"frequency", 1}, {"period", 1}, {"periodUnit", "d"}}}}},
                                         {"route", {{"text", "oral"}}}}});
  auto r = read_cds_request(hook("order-select", bundle({m})).dump(), "pharmakon-order-select");
  REQUIRE(std::holds_alternative<cds_request>(r));
  auto cards = cds_cards(default_kb(), std::get<cds_request>(r))["cards"];
  REQUIRE(cards.size() == 1);
  CHECK(cards[0]["summary"].get<std::string>().find("above") != std::string::npos);
}

TEST_CASE("routes: pages, API, errors, traversal") {
  kb_handle kb(default_kb());
  config cfg;
  auto get = [&](std::string path, std::multimap<std::string, std::string> params = {}) {
    request r;
    r.path = std::move(path);
    r.params = std::move(params);
    return handle(kb, cfg, r);
  };
  CHECK(get("/").status == 200);
  CHECK(get("/").body.find("name=\"q\"") != std::string::npos);
  CHECK(get("/healthz").content_type == "application/json");
  CHECK(get("/moa/naltrexone").body.find("<h1>What is the mechanism of action of naltrexone?</h1>") != std::string::npos);
  CHECK(get("/drug/ReVia").body.find("<h1>What is naltrexone?</h1>") != std::string::npos);
  CHECK(get("/moa/naltrexone", {{"audience", "patient"}}).body.find("aria-current=\"page\">Patient") != std::string::npos);
  CHECK(get("/moa/naltrexone", {{"audience", "robot"}}).status == 400);
  CHECK(get("/interactions", {{"drugs", "naltrexone,oxycodone"}}).status == 200);
  CHECK(get("/interactions", {{"drugs", "naltrexone"}}).status == 400);
  CHECK(get("/ask", {{"q", "How does Vivitrol work?"}}).status == 200);
  CHECK(get("/ask", {{"q", "hello"}}).status == 400);
  CHECK(get("/api/ask", {{"q", "Can I take naltrexone with oxycodone?"}}).body.find("\"finding\": true") != std::string::npos);
  auto unknown = get("/api/moa/naltrexon");
  CHECK(unknown.status == 404);
  CHECK(unknown.body.find("naltrexone") != std::string::npos);  // suggested
  CHECK(get("/api/dose-check", {{"drug", "naltrexone"}, {"dose", "50 xg"}}).status == 400);
  CHECK(get("/api/dose-check", {{"drug", "naltrexone"}, {"dose", "50 mg"}, {"every", "24 h"}}).status == 200);
  for (auto p : {"/../../etc/passwd", "/moa/../../etc/passwd", "/drug/../../../etc/passwd", "/assets/../CMakeLists.txt",
                 "/..", "/static/x", "/api/../CMakeLists.txt"})
    CHECK(get(p).status == 404);
  request post;
  post.method = "POST";
  post.path = "/moa/naltrexone";
  CHECK(handle(kb, cfg, post).status == 405);
  post.path = "/cds-services/pharmakon-order-select";
  post.body = "{";
  CHECK(handle(kb, cfg, post).status == 400);
  post.content_type = "text/plain";
  CHECK(handle(kb, cfg, post).status == 415);
}
