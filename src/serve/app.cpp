// The routes of pharmakon serve, as a pure function of a request (see serve.hpp).
#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cds.hpp"
#include "serve.hpp"

namespace pharmakon::serve {

using nlohmann::json;

std::string json_error(std::string const& message, std::string const& expected, std::string const& found) {
  json j{{"error", message}};
  if (!expected.empty()) j["expected"] = expected;
  if (!found.empty()) j["found"] = found;
  return j.dump(2, ' ', false, json::error_handler_t::replace);
}

namespace {

constexpr std::string_view page_css =
    "body{margin:0;font:16px/1.55 system-ui,sans-serif;color:#1b1b1b;background:#fff}"
    "main{max-width:58rem;margin:0 auto;padding:1rem}a{color:#0b4fa8}"
    "header{background:#f3f4f6;padding:.6rem 1rem;border-bottom:1px solid #d1d5db}header p{margin:0;font-weight:700}"
    "form{display:flex;gap:.5rem;flex-wrap:wrap;margin:1rem 0}label{display:block;font-weight:600;width:100%}"
    "input[type=text]{flex:1 1 20rem;font:inherit;padding:.4rem;border:1px solid #6b7280;border-radius:4px}"
    "button{font:inherit;padding:.4rem 1rem;background:#1e3a8a;color:#fff;border:0;border-radius:4px}"
    "a:focus,button:focus,input:focus{outline:3px solid #b45309;outline-offset:2px}"
    ".drugs{columns:14rem}.error{background:#fff7ed;border-left:4px solid #b45309;padding:.5rem 1rem}"
    "code{font-size:.9em}";

std::string shell(std::string const& title, std::string const& body) {
  return fmt::format("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} — pharmakon</title>\n"
                     "<style>{}</style>\n</head>\n<body>\n<header><p><a href=\"/\">pharmakon</a> — pharmacology answers from a "
                     "curated, evidence-linked knowledge graph</p></header>\n<main id=\"main\">\n<h1>{}</h1>\n{}</main>\n</body>\n</html>\n",
                     html_escape(title), page_css, html_escape(title), body);
}

std::string question_form(std::string const& value = "") {
  std::string out = fmt::format(
      "<form method=\"get\" action=\"/ask\">\n<label for=\"q\">Ask in plain words</label>\n"
      "<input type=\"text\" id=\"q\" name=\"q\" maxlength=\"{}\" value=\"{}\">\n<button type=\"submit\">Ask</button>\n</form>\n"
      "<p>For example:</p>\n<ul>\n",
      max_question_size, html_escape(value));
  for (auto e : example_questions)
    out += fmt::format("<li><a href=\"/ask?q={}\">{}</a></li>\n", url_encode(e), html_escape(e));
  return out + "</ul>\n";
}

response html(int status, std::string body) { return {status, "text/html; charset=utf-8", std::move(body)}; }
response json_response(int status, std::string body) { return {status, "application/json", std::move(body)}; }
response json_response(int status, json const& j) {
  return {status, "application/json", j.dump(2, ' ', false, json::error_handler_t::replace)};
}

response error_page(int status, std::string const& title, std::string const& message, bool with_form = true) {
  return html(status, shell(title, "<p class=\"error\">" + html_escape(message) + "</p>\n" + (with_form ? question_form() : "")));
}

std::string param(request const& r, std::string const& key) {
  auto it = r.params.find(key);
  return it == r.params.end() ? "" : it->second;
}

/// A 4xx for a bad request: JSON for the API, a page for browsers.
response bad(bool api, int status, std::string const& message, std::string const& expected = "", std::string const& found = "") {
  if (api) return json_response(status, json_error(message, expected, found));
  return error_page(status, status == 404 ? "Not found" : "Bad request", message);
}

std::string start_page(knowledge_base const& kb) {
  std::string body = "<p>Mechanisms of action, interactions through shared targets and dose checks, composed from a "
                     "curated knowledge graph with numbered sources. For health professionals and researchers; not a "
                     "substitute for clinical judgment.</p>\n";
  body += question_form();
  body += "<h2>Drugs in the knowledge base</h2>\n<ul class=\"drugs\">\n";
  for (auto const& d : kb.all<drug>())
    body += fmt::format("<li><a href=\"/drug/{}\">{}</a></li>\n", url_encode(d.name), html_escape(d.name));
  body += "</ul>\n<h2>For programs</h2>\n<ul>\n"
          "<li>JSON API: <code>/api/moa/DRUG</code>, <code>/api/interactions?drugs=A,B</code>, "
          "<code>/api/dose-check?drug=D&amp;dose=50%20mg&amp;every=24%20h</code>, <code>/api/ask?q=...</code>, "
          "<code>/api/drugs</code></li>\n"
          "<li>CDS Hooks 2.0: <a href=\"/cds-services\">/cds-services</a> (order-select, order-sign)</li>\n"
          "<li>Health: <a href=\"/healthz\">/healthz</a></li>\n</ul>\n";
  body += fmt::format("<p>Knowledge base {} {}, content hash <code>{}</code>. {}</p>\n", html_escape(kb.name()),
                      html_escape(kb.version()), html_escape(kb.content_hash()),
                      kb.reviews() ? "Curated; sources verified; with a medical board's review records: each answer says how "
                                     "many of its statements are approved."
                                   : "Curated; sources verified; not clinically reviewed.");
  return shell("Ask pharmakon", body);
}

struct answered_ok {
  any_answer value;
  std::string question;
};

std::vector<std::string> split_drugs(std::string const& s) {
  std::vector<std::string> out;
  std::size_t b = 0;
  while (b <= s.size()) {
    auto e = s.find(',', b);
    if (e == std::string::npos) e = s.size();
    std::string name = s.substr(b, e - b);
    while (!name.empty() && name.front() == ' ') name.erase(name.begin());
    while (!name.empty() && name.back() == ' ') name.pop_back();
    if (!name.empty()) out.push_back(name);
    b = e + 1;
  }
  return out;
}

/// The answer a request asks for, or the response refusing it.
std::variant<answered_ok, response> compute(knowledge_base const& kb, std::string const& what, std::string const& arg,
                                            request const& r, bool api) {
  try {
    if (what == "moa" || what == "drug") {
      auto d = kb.at<drug>(arg);
      return answered_ok{mechanism_of(kb, d), what == "drug" ? fmt::format("What is {}?", kb[d].name) : ""};
    }
    if (what == "interactions") {
      auto names = split_drugs(param(r, "drugs"));
      if (names.size() < 2 || names.size() > 50)
        return bad(api, 400, "an interaction screen needs two to fifty drugs", "drugs=A,B (two to fifty names, comma-separated)",
                   fmt::format("{} names", names.size()));
      // screened as far as the knowledge base knows the list (unknown names are named in the answer), unless fewer
      // than two drugs are known: then the first unknown name is the error
      auto answer = screen_interactions(kb, std::span<std::string const>(names));
      require_screenable(kb, answer);
      return answered_ok{std::move(answer), ""};
    }
    if (what == "dose-check") {
      auto d = kb.at<drug>(param(r, "drug"));
      dose_query q;
      auto dose = parse_quantity(param(r, "dose"));
      if (!dose) {
        auto const& e = dose.diagnostics.front();
        return bad(api, 400, "dose: expected " + e.expected + ", found " + e.found, e.expected, e.found);
      }
      q.dose = *dose;
      if (auto every = param(r, "every"); !every.empty()) {
        auto e = parse_interval(every);
        if (!e) return bad(api, 400, "every: expected " + e.diagnostics[0].expected + ", found " + e.diagnostics[0].found,
                           e.diagnostics[0].expected, e.diagnostics[0].found);
        q.every = *e;
      }
      if (auto rt = param(r, "route"); !rt.empty()) {
        q.route = parse_enum<route>(rt);
        if (!q.route) return bad(api, 400, "route: expected one of " + enum_choices<route>(), enum_choices<route>(), rt);
      }
      if (auto of = param(r, "opioid_free"); !of.empty()) {
        auto e = parse_interval(of);
        if (!e) return bad(api, 400, "opioid_free: expected " + e.diagnostics[0].expected, e.diagnostics[0].expected,
                           e.diagnostics[0].found);
        q.opioid_free = *e;
      }
      if (auto ag = param(r, "age"); !ag.empty()) {
        auto e = parse_age(ag);
        if (!e) return bad(api, 400, "age: expected " + e.diagnostics[0].expected + ", found " + e.diagnostics[0].found,
                           e.diagnostics[0].expected, e.diagnostics[0].found);
        q.age = *e;
      }
      if (auto c = param(r, "condition"); !c.empty()) q.condition = kb.at<condition>(c);
      return answered_ok{check_dose(kb, d, q), ""};
    }
    if (what == "ask") {
      auto text = param(r, "q");
      auto q = parse_question(kb, text);
      if (!q) {
        auto const& d = q.diagnostics.front();
        auto msg = fmt::format("could not read the question: expected {}, found {}", d.expected, d.found);
        if (api) return json_response(400, json{{"error", msg}, {"expected", d.expected},
                                                {"found", d.found}, {"examples", example_questions}});
        return html(400, shell("I could not read that question", "<p class=\"error\">" + html_escape(msg) + "</p>\n" + question_form(text)));
      }
      return answered_ok{answer(kb, *q), text};
    }
  } catch (lookup_error const& e) {
    if (api) return json_response(404, json{{"error", e.what()}, {"expected", "a name the knowledge base knows"},
                                            {"found", e.name()}, {"suggestions", e.suggestions()}});
    return error_page(404, "Not found", e.what());
  } catch (usage_error const& e) {
    return bad(api, 400, e.what());
  }
  return bad(api, 404, "no such page");
}

std::string render_json_any(any_answer const& a) {
  return std::visit([](auto const& x) { return render_json(x); }, a);
}
std::string render_html_any(any_answer const& a, html_options const& o) {
  return std::visit([&](auto const& x) { return render_html(x, o); }, a);
}
bool is_finding(any_answer const& a) {
  if (auto const* i = std::get_if<interaction_answer>(&a)) return !i->interactions.empty();
  if (auto const* d = std::get_if<dose_answer>(&a)) return d->verdict != dose_verdict::within;
  return false;
}

}  // namespace

response handle(kb_handle const& handle_, config const& cfg, request const& r) {
  auto kb_ptr = handle_.load();
  auto const& kb = *kb_ptr;
  auto const& p = r.path;
  bool api = p.rfind("/api/", 0) == 0 || p.rfind("/cds-services", 0) == 0 || p == "/healthz";

  if (p.rfind("/cds-services", 0) == 0) {
    if (p == "/cds-services" || p == "/cds-services/") {
      if (r.method != "GET") return json_response(405, json_error("method not allowed", "GET", r.method));
      return json_response(200, cds_discovery());
    }
    auto id = p.substr(std::string_view("/cds-services/").size());
    if (r.method != "POST") return json_response(405, json_error("method not allowed", "POST", r.method));
    if (!r.content_type.empty() && r.content_type.find("json") == std::string::npos)
      return json_response(415, json_error("unsupported media type", "application/json", r.content_type.substr(0, 80)));
    auto req = read_cds_request(r.body, id);
    if (auto const* e = std::get_if<cds_error>(&req)) return json_response(e->status, e->to_json());
    return json_response(200, cds_cards(kb, std::get<cds_request>(req), r.base_url));
  }
  if (r.method != "GET" && r.method != "HEAD")
    return api ? json_response(405, json_error("method not allowed", "GET", r.method))
               : error_page(405, "Method not allowed", "expected GET, found " + r.method, false);

  if (p == "/healthz")
    return json_response(200, json{{"status", "ok"}, {"kb", {{"name", kb.name()}, {"version", kb.version()},
                                                             {"content_hash", kb.content_hash()}}}});
  if (p == "/" || p == "/index.html") return html(200, start_page(kb));
  if (p == "/api/drugs") {
    json list = json::array();
    for (auto const& d : kb.all<drug>()) list.push_back({{"id", d.id}, {"name", d.name}, {"synonyms", d.synonyms}});
    return json_response(200, json{{"drugs", list}});
  }

  // /moa/X, /drug/X, /interactions, /dose-check, /ask and their /api/ twins
  std::string rest = api ? p.substr(4) : p;
  std::string what, arg;
  for (std::string prefix : {"/moa/", "/drug/"})
    if (rest.rfind(prefix, 0) == 0) {
      what = prefix.substr(1, prefix.size() - 2);
      arg = rest.substr(prefix.size());
    }
  if (rest == "/interactions" || rest == "/dose-check" || rest == "/ask") what = rest.substr(1);
  if (what.empty() || (what == "drug" && api) || ((what == "moa" || what == "drug") && arg.empty()))
    return bad(api, 404, "no such page: " + p.substr(0, 200));

  auto aud_text = param(r, "audience");
  auto aud = aud_text.empty() ? std::optional<audience>(audience::clinician) : parse_enum<audience>(aud_text);
  if (!aud) return bad(api, 400, "audience: expected clinician, patient or researcher", "clinician|patient|researcher", aud_text.substr(0, 40));

  auto result = compute(kb, what, arg, r, api);
  if (auto const* resp = std::get_if<response>(&result)) return *resp;
  auto& ok = std::get<answered_ok>(result);
  if (cfg.approved_only) std::visit([](auto& x) { keep_approved(x); }, ok.value);
  if (api) {
    json j{{"finding", is_finding(ok.value)}, {"answer", json::parse(render_json_any(ok.value), nullptr, false)}};
    if (what == "ask") {
      auto q = read_question(kb, ok.question);
      j["question"] = {{"text", ok.question}, {"kind", std::string(to_string(q.kind))}, {"command", q.command()}};
    }
    return json_response(200, j);
  }
  html_options o;
  o.audience = *aud;
  o.base_url = "";
  o.question = ok.question;
  return html(200, render_html_any(ok.value, o));
}

}  // namespace pharmakon::serve
