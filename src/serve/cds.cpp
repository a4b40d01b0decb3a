// CDS Hooks 2.0: reading hook requests and composing cards (see cds.hpp).
#include "cds.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace pharmakon::serve {

using nlohmann::json;

nlohmann::json cds_error::to_json() const {
  json j{{"error", fmt::format("expected {}, found {}", expected, found)}, {"expected", expected}, {"found", found}};
  if (!at.empty()) j["at"] = at;
  return j;
}

json cds_discovery() {
  json services = json::array();
  for (auto const& s : cds_services) {
    json prefetch{{"activeMedicationRequests", "MedicationRequest?patient={{context.patientId}}&status=active"},
                  {"activeMedicationStatements", "MedicationStatement?patient={{context.patientId}}&status=active"},
                  {"patient", "Patient/{{context.patientId}}"}};
    services.push_back({{"hook", std::string(s.hook)}, {"id", std::string(s.id)}, {"title", std::string(s.title)},
                        {"description", std::string(s.description)}, {"prefetch", prefetch}});
  }
  return {{"services", services}};
}

namespace {

std::string type_name(json const& j) {
  switch (j.type()) {
    case json::value_t::null: return "null";
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    case json::value_t::string: return "a string";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "a number";
    default: return "something else";
  }
}

/// Nesting depth of a JSON text (brackets outside strings), so a hostile body cannot make a deep tree.
std::size_t nesting_depth(std::string_view s) {
  std::size_t depth = 0, max_depth = 0;
  bool in_string = false, escape = false;
  for (char c : s) {
    if (in_string) {
      if (escape) escape = false;
      else if (c == '\\') escape = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '[' || c == '{') max_depth = std::max(max_depth, ++depth);
    else if ((c == ']' || c == '}') && depth > 0) --depth;
  }
  return max_depth;
}

struct reader {
  std::optional<cds_error> err;
  void fail(std::string at, std::string expected, json const* found) {
    if (!err) err = cds_error{400, std::move(at), std::move(expected), found ? type_name(*found) : "nothing"};
  }
  /// The member `key` of object `j` at `at`, checked to be of `type` (nullptr: absent and optional).
  json const* member(json const& j, std::string const& at, char const* key, json::value_t type, char const* expected,
                     bool required) {
    auto it = j.find(key);
    if (it == j.end() || (it->is_null() && !required)) {
      if (required) fail(at + "/" + key, expected, nullptr);
      return nullptr;
    }
    bool ok = it->type() == type || (type == json::value_t::number_float && it->is_number());
    if (!ok) {
      fail(at + "/" + key, expected, &*it);
      return nullptr;
    }
    return &*it;
  }
};

std::string lower(std::string s) {
  for (auto& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::optional<unit> time_unit(std::string const& u) {
  if (u == "h") return unit::h;
  if (u == "d") return unit::d;
  if (u == "wk") return unit::wk;
  if (u == "mo") return unit::mo;
  if (u == "min") return unit::min;
  return std::nullopt;
}

void read_concept(reader& r, json const& concept_, std::string const& at, cds_medication& m) {
  if (auto const* t = r.member(concept_, at, "text", json::value_t::string, "a string", false))
    m.displays.push_back(t->get<std::string>());
  if (auto const* coding = r.member(concept_, at, "coding", json::value_t::array, "an array of Coding", false)) {
    for (std::size_t i = 0; i < coding->size() && i < 50; ++i) {
      auto const& c = (*coding)[i];
      auto cat = fmt::format("{}/coding/{}", at, i);
      if (!c.is_object()) { r.fail(cat, "a Coding object", &c); return; }
      auto const* system = r.member(c, cat, "system", json::value_t::string, "a string", false);
      if (auto const* d = r.member(c, cat, "display", json::value_t::string, "a string", false))
        m.displays.push_back(d->get<std::string>());
      if (auto const* code = r.member(c, cat, "code", json::value_t::string, "a string", false)) {
        auto sys = system ? system->get<std::string>() : "";
        if (sys.empty() || sys.find("rxnorm") != std::string::npos) m.rxnorm.push_back(code->get<std::string>());
      }
    }
  }
}

void read_dosage(reader& r, json const& res, std::string const& at, cds_medication& m) {
  auto const* di = r.member(res, at, "dosageInstruction", json::value_t::array, "an array of Dosage", false);
  if (!di || di->empty()) return;
  auto const& d = (*di)[0];
  auto dat = at + "/dosageInstruction/0";
  if (!d.is_object()) return r.fail(dat, "a Dosage object", &d);
  if (auto const* route = r.member(d, dat, "route", json::value_t::object, "a CodeableConcept", false)) {
    cds_medication tmp;
    read_concept(r, *route, dat + "/route", tmp);
    if (!tmp.displays.empty()) m.route = lower(tmp.displays.front());
  }
  if (auto const* dr = r.member(d, dat, "doseAndRate", json::value_t::array, "an array", false); dr && !dr->empty()) {
    auto const& x = (*dr)[0];
    if (!x.is_object()) return r.fail(dat + "/doseAndRate/0", "an object", &x);
    if (auto const* q = r.member(x, dat + "/doseAndRate/0", "doseQuantity", json::value_t::object, "a Quantity", false)) {
      auto qat = dat + "/doseAndRate/0/doseQuantity";
      auto const* v = r.member(*q, qat, "value", json::value_t::number_float, "a number", true);
      auto const* u = q->contains("code") ? r.member(*q, qat, "code", json::value_t::string, "a string", true)
                                          : r.member(*q, qat, "unit", json::value_t::string, "a unit string", true);
      if (v && u) {
        auto parsed = parse_quantity(fmt::format("{} {}", v->get<double>(), u->get<std::string>()));
        if (parsed && parsed->dim() != dimension::time) m.dose = parsed;
      }
    }
  }
  if (auto const* timing = r.member(d, dat, "timing", json::value_t::object, "a Timing", false))
    if (auto const* rep = r.member(*timing, dat + "/timing", "repeat", json::value_t::object, "an object", false)) {
      auto rat = dat + "/timing/repeat";
      auto const* freq = r.member(*rep, rat, "frequency", json::value_t::number_float, "a number", false);
      auto const* period = r.member(*rep, rat, "period", json::value_t::number_float, "a number", false);
      auto const* pu = r.member(*rep, rat, "periodUnit", json::value_t::string, "a unit (h, d, wk, mo)", false);
      if (period && pu) {
        double f = freq ? freq->get<double>() : 1.0;
        auto u = time_unit(pu->get<std::string>());
        double p = period->get<double>();
        if (u && f > 0 && p > 0 && std::isfinite(p / f) && p / f < 1e6) m.every = quantity{p / f, *u};
      }
    }
}

/// A MedicationRequest or MedicationStatement resource; returns false if it is of another type (ignored).
bool read_medication(reader& r, json const& res, std::string const& at, bool draft, cds_medication& m) {
  if (!res.is_object()) { r.fail(at, "a FHIR resource (an object)", &res); return false; }
  auto const* type = r.member(res, at, "resourceType", json::value_t::string, "a resourceType string", true);
  if (!type) return false;
  auto t = type->get<std::string>();
  if (t != "MedicationRequest" && t != "MedicationStatement") return false;
  if (!draft)
    if (auto const* status = r.member(res, at, "status", json::value_t::string, "a string", false))
      if (auto s = status->get<std::string>(); s != "active" && s != "on-hold" && s != "draft" && s != "intended") return false;
  m.draft = draft;
  if (auto const* mcc = r.member(res, at, "medicationCodeableConcept", json::value_t::object, "a CodeableConcept", false))
    read_concept(r, *mcc, at + "/medicationCodeableConcept", m);
  else if (auto const* med = r.member(res, at, "medication", json::value_t::object, "a CodeableReference", false))
    if (auto const* c = r.member(*med, at + "/medication", "concept", json::value_t::object, "a CodeableConcept", false))
      read_concept(r, *c, at + "/medication/concept", m);
  read_dosage(r, res, at, m);
  m.label = !m.displays.empty() ? m.displays.front() : !m.rxnorm.empty() ? "RxNorm " + m.rxnorm.front() : "an uncoded medication";
  return true;
}

/// A FHIR date (YYYY, YYYY-MM, YYYY-MM-DD; a dateTime's date part is not accepted for birthDate, which is a date).
std::optional<fhir_date> parse_fhir_date(std::string_view s) {
  auto digits = [&](std::size_t at, std::size_t n) {
    unsigned v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (i >= s.size() || s[i] < '0' || s[i] > '9') return -1;
      v = v * 10 + unsigned(s[i] - '0');
    }
    return int(v);
  };
  if (s.size() != 4 && s.size() != 7 && s.size() != 10) return std::nullopt;
  fhir_date d;
  d.year = digits(0, 4);
  if (d.year < 1) return std::nullopt;
  if (s.size() >= 7) {
    int m = s[4] == '-' ? digits(5, 2) : -1;
    if (m < 1 || m > 12) return std::nullopt;
    d.month = unsigned(m);
  }
  if (s.size() == 10) {
    int day = s[7] == '-' ? digits(8, 2) : -1;
    if (day < 1) return std::nullopt;
    d.day = unsigned(day);
    if (!std::chrono::year_month_day{std::chrono::year{d.year}, std::chrono::month{d.month}, std::chrono::day{d.day}}.ok())
      return std::nullopt;
  }
  return d;
}

/// The Patient resource of the prefetch: its birthDate, checked.
void read_patient(reader& r, json const& res, std::string const& at, cds_request& req) {
  auto const* bd = r.member(res, at, "birthDate", json::value_t::string, "a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD)", false);
  if (!bd) return;
  auto text = bd->get<std::string>();
  auto d = parse_fhir_date(text);
  if (!d) {
    if (!r.err)
      r.err = cds_error{400, at + "/birthDate", "a FHIR date (YYYY, YYYY-MM or YYYY-MM-DD)",
                        fmt::format("'{}'", text.substr(0, 40))};
    return;
  }
  req.birth_date = d;
}

/// The resources of a Bundle (or a single resource).
void read_bundle(reader& r, json const& b, std::string const& at, bool draft, std::vector<cds_medication>& out,
                 std::size_t max_medications) {
  if (!b.is_object()) return r.fail(at, "a FHIR Bundle (an object)", &b);
  auto const* type = r.member(b, at, "resourceType", json::value_t::string, "a resourceType string", true);
  if (!type) return;
  if (type->get<std::string>() != "Bundle") {
    cds_medication m;
    if (read_medication(r, b, at, draft, m)) out.push_back(std::move(m));
    return;
  }
  auto const* entries = r.member(b, at, "entry", json::value_t::array, "an array of Bundle entries", false);
  if (!entries) return;
  for (std::size_t i = 0; i < entries->size() && !r.err; ++i) {
    auto const& e = (*entries)[i];
    auto eat = fmt::format("{}/entry/{}", at, i);
    if (!e.is_object()) return r.fail(eat, "a Bundle entry (an object)", &e);
    auto const* res = r.member(e, eat, "resource", json::value_t::object, "a resource", false);
    if (!res) continue;
    cds_medication m;
    if (read_medication(r, *res, eat + "/resource", draft, m)) {
      if (out.size() >= max_medications) {
        r.err = cds_error{413, eat, fmt::format("at most {} medications", max_medications), "more"};
        return;
      }
      out.push_back(std::move(m));
    }
  }
}

}  // namespace

std::variant<cds_request, cds_error> read_cds_request(std::string_view body, std::string_view service_id,
                                                      std::size_t max_medications) {
  auto service = std::find_if(cds_services.begin(), cds_services.end(), [&](auto const& s) { return s.id == service_id; });
  if (service == cds_services.end())
    return cds_error{404, "", "a service id from GET /cds-services", fmt::format("'{}'", service_id.substr(0, 80))};
  if (body.empty()) return cds_error{400, "", "a JSON hook request", "an empty body"};
  if (nesting_depth(body) > 64) return cds_error{400, "", "JSON nested at most 64 levels deep", "deeper nesting"};
  auto j = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return cds_error{400, "", "a JSON hook request", "text that is not valid JSON"};
  if (!j.is_object()) return cds_error{400, "", "a JSON object", type_name(j)};
  reader r;
  cds_request req;
  auto const* hook = r.member(j, "", "hook", json::value_t::string, "a hook name (a string)", true);
  auto const* instance = r.member(j, "", "hookInstance", json::value_t::string, "a hookInstance (a string)", true);
  auto const* context = r.member(j, "", "context", json::value_t::object, "a context object", true);
  if (r.err) return *r.err;
  req.hook = hook->get<std::string>();
  req.hook_instance = instance->get<std::string>();
  if (req.hook != service->hook)
    return cds_error{400, "/hook", fmt::format("'{}' (the hook of service {})", service->hook, service->id),
                     fmt::format("'{}'", req.hook.substr(0, 80))};
  auto const* drafts = r.member(*context, "/context", "draftOrders", json::value_t::object, "a FHIR Bundle of MedicationRequest", true);
  if (r.err) return *r.err;
  read_bundle(r, *drafts, "/context/draftOrders", true, req.medications, max_medications);
  if (auto const* prefetch = r.member(j, "", "prefetch", json::value_t::object, "a prefetch object", false)) {
    for (auto const& [key, value] : prefetch->items()) {
      if (r.err) break;
      if (value.is_null()) continue;
      if (value.is_object() && value.value("resourceType", json()) == "Patient") {
        read_patient(r, value, "/prefetch/" + key, req);
        continue;
      }
      read_bundle(r, value, "/prefetch/" + key, false, req.medications, max_medications);
    }
  }
  if (r.err) return *r.err;
  return req;
}

std::optional<quantity> age_on(fhir_date const& birth, std::chrono::year_month_day today) {
  using namespace std::chrono;
  // the last day the date can mean
  year_month_day b{year{birth.year}, month{birth.month ? birth.month : 12u}, day{1}};
  b = birth.day ? year_month_day{b.year(), b.month(), day{birth.day}} : year_month_day{year_month_day_last{b.year(), month_day_last{b.month()}}};
  if (!b.ok() || sys_days{b} > sys_days{today}) return std::nullopt;
  int months = (int(today.year()) - int(b.year())) * 12 + (int(unsigned(today.month())) - int(unsigned(b.month())));
  if (unsigned(today.day()) < unsigned(b.day())) --months;
  if (months < 24) return quantity{double(months), unit::mo};
  return quantity{double(months / 12), unit::y};
}

std::optional<drug_id> match_drug(knowledge_base const& kb, cds_medication const& m) {
  for (auto const& code : m.rxnorm)
    if (!code.empty() && code.size() <= 12 && std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; }))
      if (auto d = kb.find<drug>("rxcui:" + code)) return d;
  for (auto const& d : m.displays) {
    if (d.size() > 500) continue;
    if (auto id = kb.find<drug>(d)) return id;
    auto found = drugs_mentioned(kb, d);
    if (!found.empty()) return found.front();
  }
  return std::nullopt;
}

namespace {

std::string clip(std::string s, std::size_t n) {
  if (s.size() <= n) return s;
  s.resize(n - 3);
  while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0xC0) == 0x80) s.pop_back();  // whole code points
  if (!s.empty() && static_cast<unsigned char>(s.back()) >= 0xC0) s.pop_back();
  return s + "...";
}

/// CDS Hooks indicator by the interaction severity scale: contraindicated and major are critical, moderate a
/// warning, minor (and a statement of no interaction) info.
std::string indicator_of(int severity_rank) {
  return severity_rank <= 1 ? "critical" : severity_rank == 2 ? "warning" : "info";
}

json source_of(knowledge_base const& kb, reference_list const& refs, std::vector<int> const& cited) {
  for (int n : cited)
    if (n >= 1 && std::size_t(n) <= refs.sources.size()) {
      auto const& s = refs.sources[std::size_t(n - 1)];
      json j{{"label", clip(s.title.empty() ? s.citation_id() : s.title, 200)}};
      if (auto url = source_url(s); !url.empty()) j["url"] = url;
      return j;
    }
  return {{"label", clip(fmt::format("pharmakon knowledge base {} {}", kb.name(), kb.version()), 200)}};
}

std::string query_encode(std::string const& s) { return url_encode(s); }

}  // namespace

json cds_cards(knowledge_base const& kb, cds_request const& r, std::string const& base_url,
               std::optional<std::chrono::year_month_day> today) {
  json cards = json::array();
  std::vector<drug_id> ids;
  std::vector<std::string> draft_names, unmatched_drafts, unmatched_active;
  std::vector<std::pair<drug_id, cds_medication const*>> drafts;  // each known draft order once
  for (auto const& m : r.medications) {
    auto d = match_drug(kb, m);
    if (!d) {
      auto& list = m.draft ? unmatched_drafts : unmatched_active;
      if (std::find(list.begin(), list.end(), m.label) == list.end()) list.push_back(m.label);
      continue;
    }
    if (std::find(ids.begin(), ids.end(), *d) == ids.end()) ids.push_back(*d);
    if (m.draft) {
      draft_names.push_back(kb[*d].name);
      drafts.emplace_back(*d, &m);
    }
  }
  std::optional<quantity> age;
  if (r.birth_date)
    age = age_on(*r.birth_date, today ? *today
                                      : std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now())});
  if (ids.size() >= 2) {
    auto answer = screen_interactions(kb, ids);
    auto summaries = summarize(answer);  // the one reader of the interaction answer's fields
    for (auto const& s : summaries) {
      bool involves_draft = std::find(draft_names.begin(), draft_names.end(), s.first) != draft_names.end() ||
                            std::find(draft_names.begin(), draft_names.end(), s.second) != draft_names.end();
      if (!involves_draft || s.no_interaction) continue;
      std::string sev = s.severity;
      if (!sev.empty()) sev[0] = char(std::toupper(static_cast<unsigned char>(sev[0])));
      std::string detail = fmt::format("**{}** ({}, {}).", s.title, s.mechanism, s.severity);
      if (!s.target.empty()) detail += fmt::format("\n\n{}: {}; {}: {}.", s.first, s.first_action, s.second, s.second_action);
      if (s.intended) detail += "\n\nIntended combination: used on purpose; watch for what follows.";
      if (!s.management.empty()) detail += fmt::format("\n\nWhat to do: {}.", s.management);
      for (auto const& st : s.stated) {
        detail += "\n- " + st.text;
      }
      if (!s.effects.empty()) {
        detail += fmt::format("\n\n{}:", s.effects_label);
        for (auto const& e : s.effects) detail += "\n- " + e;
      }
      std::vector<int> cited;
      if (!s.warnings.empty()) {
        detail += "\n\nWarnings:";
        for (auto const& w : s.warnings) {
          detail += "\n- " + w.text;
          cited.insert(cited.end(), w.refs.begin(), w.refs.end());
        }
      }
      for (auto const& st : s.stated) cited.insert(cited.begin(), st.refs.begin(), st.refs.end());
      for (auto const& p : s.path) cited.insert(cited.end(), p.refs.begin(), p.refs.end());
      detail += "\n\n" + std::string(disclaimer);
      json card{{"uuid", fmt::format("{}-{}-{}", s.kind, s.first, s.second)},
                // an interaction through a shared effect names the effect (e.g. serotonin syndrome risk): the title alone
                // says only that two drugs add up
                {"summary", clip(s.mechanism == "same effect" && !s.effects.empty()
                                     ? fmt::format("{}: {} and {} add up: {}", sev, s.first, s.second, fmt::join(s.effects, ", "))
                                     : fmt::format("{}: {}", sev, s.title),
                                 140)},
                {"indicator", indicator_of(s.severity_rank)},
                {"detail", detail},
                {"source", source_of(kb, answer.references, cited)}};
      if (!base_url.empty())
        card["links"] = json::array({{{"label", "The full answer, with references"},
                                      {"url", base_url + "/interactions?drugs=" + query_encode(s.first + "," + s.second)},
                                      {"type", "absolute"}}});
      cards.push_back(std::move(card));
    }
  }
  if (r.birth_date && !age && !drafts.empty())
    cards.push_back({{"uuid", "birth-date"},
                     {"summary", "The patient's birth date is after today: age rules were not checked"},
                     {"indicator", "info"},
                     {"detail", fmt::format("birthDate {:04}-{:02}-{:02} (a month or day of 00: not given) lies after today, so "
                                            "no warning or regimen was checked against the patient's age.",
                                            r.birth_date->year, r.birth_date->month, r.birth_date->day)},
                     {"source", {{"label", clip(fmt::format("pharmakon knowledge base {} {}", kb.name(), kb.version()), 200)}}}});
  for (auto const& [d, m] : drafts) {
    // the drug's warnings at the patient's age: a contraindication there is critical, a boxed warning a warning
    if (age) {
      reference_list refs;
      auto ws = warnings_at_age(kb, d, *age, refs);
      if (!ws.empty()) {
        bool contraindicated = std::any_of(ws.begin(), ws.end(), [](auto const& w) { return w.w.kind == warning_kind::contraindication; });
        bool boxed = std::any_of(ws.begin(), ws.end(), [](auto const& w) { return w.w.kind == warning_kind::boxed_warning; });
        std::string detail = fmt::format("Warnings of {} that apply at the patient's age ({}):", kb[d].name, *age);
        std::vector<int> cited;
        for (auto const& w : ws) {
          detail += fmt::format("\n- **{}** ({}): {}", w.w.name, to_string(w.w.kind), w.w.about);
          cited.insert(cited.end(), w.ev.refs.begin(), w.ev.refs.end());
        }
        detail += "\n\n" + std::string(disclaimer);
        cards.push_back({{"uuid", fmt::format("age-{}", kb[d].name)},
                         {"summary", clip(contraindicated ? fmt::format("Contraindicated at age {}: {}", *age, kb[d].name)
                                                          : fmt::format("{} at age {}: {} warning{} for this age", kb[d].name, *age,
                                                                        ws.size(), ws.size() == 1 ? "" : "s"),
                                          140)},
                         {"indicator", contraindicated ? "critical" : boxed ? "warning" : "info"},
                         {"detail", detail},
                         {"source", source_of(kb, refs, cited)}});
      }
    }
    if (!m->dose) continue;
    dose_query q;
    q.dose = *m->dose;
    q.every = m->every;
    q.age = age;
    if (auto rt = parse_enum<route>(m->route)) q.route = rt;
    auto a = check_dose(kb, d, q);
    if (a.checks.empty() || a.checks.front().issues.empty()) continue;
    auto const& issue = a.checks.front().issues.front();
    std::string what = std::string(to_string(issue.verdict));
    std::replace(what.begin(), what.end(), '_', ' ');
    json card{{"uuid", fmt::format("dose-{}", kb[d].name)},
              {"summary", clip(fmt::format("Dose check: {} {} is {} its regimens", kb[d].name, *m->dose,
                                           issue.verdict == dose_verdict::above_maximum ? "above the labeled maximum of"
                                           : issue.verdict == dose_verdict::above || issue.verdict == dose_verdict::above_usual ? "above"
                                           : issue.verdict == dose_verdict::below ? "below" : "outside"), 140)},
              {"indicator", issue.verdict == dose_verdict::above_maximum ? "critical"
                            : issue.verdict == dose_verdict::above ? "warning" : "info"},
              {"detail", fmt::format("{}: expected {}, found {}.\n\n{}", what, issue.expected, issue.found, disclaimer)},
              {"source", source_of(kb, a.references, a.checks.front().regimen.ev.refs)}};
    cards.push_back(std::move(card));
  }
  // every medication that matched no drug is named: it was not screened, and silence about it is not safety
  if (!unmatched_drafts.empty() || (!unmatched_active.empty() && !r.medications.empty() && r.medications.front().draft)) {
    std::string detail = "Not screened (no drug of the knowledge base matched):";
    if (!unmatched_drafts.empty()) {
      detail += "\n\nOrdered:";
      for (auto const& u : unmatched_drafts) detail += "\n- " + u;
    }
    if (!unmatched_active.empty()) {
      detail += "\n\nThe patient's active medications:";
      for (auto const& u : unmatched_active) detail += "\n- " + u;
    }
    std::string summary =
        !unmatched_drafts.empty() && !unmatched_active.empty()
            ? fmt::format("pharmakon does not know {} of the ordered and {} of the active medications", unmatched_drafts.size(),
                          unmatched_active.size())
        : !unmatched_drafts.empty() ? fmt::format("pharmakon does not know {} of the ordered medications", unmatched_drafts.size())
                                    : fmt::format("Not screened against the order: {} of the patient's medications", unmatched_active.size());
    cards.push_back({{"uuid", "unmatched"},
                     {"summary", clip(summary, 140)},
                     {"indicator", "info"},
                     {"detail", detail + "\n\nA missing finding is not evidence of safety."},
                     {"source", {{"label", clip(fmt::format("pharmakon knowledge base {} {}", kb.name(), kb.version()), 200)}}}});
  }
  return {{"cards", cards}};
}

}  // namespace pharmakon::serve
