// Out-of-line definitions of the question reader (answers layer).
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "ask-inl.hpp holds the out-of-line definitions of ask.hpp: include ask.hpp (they come with it in a header-only build, and src/pharmakon.cpp compiles them once)"
#endif
#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "ask.hpp"
#include "../detail/format.hpp"

namespace pharmakon {

namespace detail::ask {

/// A word of the question: as written (for names passed on) and lower-cased (for matching).
struct token {
  std::string text;
  std::string lower;
};

inline bool word_char(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80 || c == '-' ||
         c == '.' || c == '\'' || c == '+' || c == '/' || c == ':' || c == '_';
}

inline std::vector<token> tokenize(std::string_view s) {
  std::vector<token> out;
  std::size_t i = 0;
  while (i < s.size()) {
    if (!word_char(static_cast<unsigned char>(s[i]))) { ++i; continue; }
    std::size_t b = i;
    while (i < s.size() && word_char(static_cast<unsigned char>(s[i]))) ++i;
    std::string w(s.substr(b, i - b));
    // trailing punctuation and possessives: "naltrexone's", "work.", "mg/day" stays
    while (!w.empty() && (w.back() == '.' || w.back() == '\'' || w.back() == '-' || w.back() == ':' || w.back() == '/'))
      w.pop_back();
    while (!w.empty() && (w.front() == '.' || w.front() == '\'' || w.front() == '-' || w.front() == ':' || w.front() == '/'))
      w.erase(w.begin());
    if (w.size() > 2 && (w.ends_with("'s") || w.ends_with("'S"))) w.resize(w.size() - 2);
    if (w.empty()) continue;
    std::string lower = w;
    for (auto& ch : lower) ch = char(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    // "100mg" -> "100", "mg"
    std::size_t digits = 0;
    while (digits < w.size() && ((w[digits] >= '0' && w[digits] <= '9') || w[digits] == '.')) ++digits;
    if (digits > 0 && digits < w.size() && w[digits] >= 'A' && (w[0] >= '0' && w[0] <= '9')) {
      out.push_back({w.substr(0, digits), lower.substr(0, digits)});
      out.push_back({w.substr(digits), lower.substr(digits)});
      continue;
    }
    out.push_back({std::move(w), std::move(lower)});
  }
  return out;
}

inline bool is_number(std::string_view s) {
  if (s.empty() || s.size() > 12) return false;
  bool digit = false;
  for (char c : s) {
    if (c >= '0' && c <= '9') digit = true;
    else if (c != '.') return false;
  }
  return digit;
}

/// Words that are never drug names here, even where a knowledge base has a synonym spelled so.
inline bool stop_word(std::string_view w) {
  static constexpr std::array<std::string_view, 72> words{
      "a", "an", "the", "of", "is", "are", "was", "what", "whats", "what's", "how", "does", "do", "did", "can", "could",
      "i", "me", "my", "we", "you", "it", "its", "with", "and", "or", "to", "too", "much", "many", "for", "in", "on",
      "at", "by", "be", "mechanism", "action", "moa", "work", "works", "interact", "interacts", "interaction",
      "interactions", "take", "taking", "together", "safe", "day", "daily", "per", "every", "mg", "g", "mcg", "ml",
      "dose", "dosage", "tell", "about", "explain", "this", "that", "if", "there", "any", "between", "same", "time"};
  return std::find(words.begin(), words.end(), w) != words.end();
}

struct span {
  std::size_t begin = 0, end = 0;  ///< token range
};

struct reading {
  std::vector<token> toks;
  std::vector<std::pair<span, drug_id>> drugs;  ///< resolved mentions, in order, distinct drugs
  std::optional<span> dose;                     ///< number + unit
  std::string dose_text, every, route, condition;
  std::string age;                              ///< "8 y", "18 mo": "an 8-year-old", "aged 70", "8 years old"
  std::optional<span> condition_span;           ///< "for alcohol use disorder": its words name no drug
};

inline std::string join(std::vector<token> const& t, span s, bool lower = false) {
  std::string out;
  for (std::size_t i = s.begin; i < s.end; ++i) out += (i > s.begin ? " " : "") + (lower ? t[i].lower : t[i].text);
  return out;
}

inline bool has(std::vector<token> const& t, std::string_view w) {
  return std::any_of(t.begin(), t.end(), [&](token const& x) { return x.lower == w; });
}
inline std::optional<std::size_t> find_word(std::vector<token> const& t, std::string_view w, std::size_t from = 0) {
  for (std::size_t i = from; i < t.size(); ++i)
    if (t[i].lower == w) return i;
  return std::nullopt;
}

inline std::optional<std::string> unit_word(std::string_view w) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 16> units{{
      {"mg", "mg"}, {"milligram", "mg"}, {"milligrams", "mg"}, {"g", "g"}, {"gram", "g"}, {"grams", "g"},
      {"mcg", "µg"}, {"µg", "µg"}, {"μg", "µg"}, {"ug", "µg"}, {"microgram", "µg"}, {"micrograms", "µg"},
      {"ml", "mL"}, {"milliliter", "mL"}, {"milliliters", "mL"}, {"ng", "ng"}}};
  for (auto const& [k, v] : units)
    if (k == w) return std::string(v);
  return std::nullopt;
}

inline std::optional<std::string> time_unit_word(std::string_view w) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 12> units{{
      {"h", "h"}, {"hr", "h"}, {"hrs", "h"}, {"hour", "h"}, {"hours", "h"}, {"d", "d"}, {"day", "d"}, {"days", "d"},
      {"week", "wk"}, {"weeks", "wk"}, {"month", "mo"}, {"months", "mo"}}};
  for (auto const& [k, v] : units)
    if (k == w) return std::string(v);
  return std::nullopt;
}

inline void read_interval(reading& r) {
  auto const& t = r.toks;
  for (std::size_t i = 0; i < t.size(); ++i) {
    auto const& w = t[i].lower;
    auto next = [&](std::size_t k) -> std::string const& {
      static std::string const none;
      return i + k < t.size() ? t[i + k].lower : none;
    };
    bool per = w == "a" || w == "per" || w == "each" || w == "every" || w == "/";
    int times = w == "once" ? 1 : w == "twice" ? 2 : w == "thrice" ? 3 : 0;
    if (times == 0 && (w == "three" || w == "four" || w == "3" || w == "4") && next(1) == "times")
      times = w == "three" || w == "3" ? 3 : 4;
    if (times > 0) {
      std::size_t k = next(1) == "times" ? 2 : 1;
      if (next(k) == "daily" || ((next(k) == "a" || next(k) == "per") && next(k + 1) == "day")) {
        r.every = detail::format("{} h", 24 / times);
        return;
      }
      if ((next(k) == "a" || next(k) == "per") && next(k + 1) == "week") {
        r.every = detail::format("{:g} d", 7.0 / times);
        return;
      }
    }
    if (w == "daily" || w == "mg/day" || w == "/day" || w == "qd") { r.every = "24 h"; return; }
    if (w == "weekly") { r.every = "1 wk"; return; }
    if (w == "monthly") { r.every = "1 mo"; return; }
    if (w.size() > 2 && w[0] == 'q' && w.back() == 'h' && is_number(std::string_view(w).substr(1, w.size() - 2))) {
      r.every = w.substr(1, w.size() - 2) + " h";
      return;
    }
    if (per && next(1) == "day") { r.every = "24 h"; return; }
    if (per && next(1) == "week") { r.every = "1 wk"; return; }
    if (per && next(1) == "month") { r.every = "1 mo"; return; }
    if (w == "every" && is_number(next(1))) {
      if (auto u = time_unit_word(next(2))) { r.every = next(1) + " " + *u; return; }
    }
    if (w == "every" && time_unit_word(next(1))) { r.every = "1 " + *time_unit_word(next(1)); return; }
  }
}

/// The patient's age: "8-year-old", "8 year old", "8 years old", "8 yo", "aged 8", "age 8", "18-month-old".
inline void read_age(reading& r) {
  auto const& t = r.toks;
  auto age_unit = [](std::string_view w) -> std::string {
    if (w == "year" || w == "years" || w == "yr" || w == "yrs" || w == "y") return "y";
    if (w == "month" || w == "months" || w == "mo") return "mo";
    if (w == "week" || w == "weeks" || w == "wk") return "wk";
    if (w == "day" || w == "days") return "d";
    return "";
  };
  for (std::size_t i = 0; i < t.size(); ++i) {
    auto const& w = t[i].lower;
    auto next = [&](std::size_t k) -> std::string const& {
      static std::string const none;
      return i + k < t.size() ? t[i + k].lower : none;
    };
    // one token: "8-year-old", "18-month-old", "8-yr-old"
    if (auto dash = w.find('-'); dash != std::string::npos && dash > 0 && is_number(std::string_view(w).substr(0, dash)) &&
                                 w.ends_with("-old")) {
      auto u = age_unit(std::string_view(w).substr(dash + 1, w.size() - dash - 1 - 4));
      if (!u.empty()) { r.age = w.substr(0, dash) + " " + u; return; }
    }
    if (is_number(w)) {
      if (auto u = age_unit(next(1)); !u.empty() && (next(2) == "old" || next(2) == "of")) { r.age = w + " " + u; return; }
      if (next(1) == "yo" || next(1) == "y/o") { r.age = w + " y"; return; }
    }
    if ((w == "aged" || w == "age") && is_number(next(1))) {
      auto u = age_unit(next(2));
      r.age = next(1) + " " + (u.empty() ? std::string("y") : u);
      return;
    }
  }
}

inline void read_route(reading& r) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 20> routes{{
      {"orally", "oral"}, {"oral", "oral"}, {"mouth", "oral"}, {"tablet", "oral"}, {"tablets", "oral"}, {"pill", "oral"},
      {"pills", "oral"}, {"intramuscular", "intramuscular"}, {"intramuscularly", "intramuscular"}, {"im", "intramuscular"},
      {"injection", "intramuscular"}, {"intravenous", "intravenous"}, {"intravenously", "intravenous"}, {"iv", "intravenous"},
      {"sublingual", "sublingual"}, {"sublingually", "sublingual"}, {"subcutaneous", "subcutaneous"},
      {"transdermal", "transdermal"}, {"patch", "transdermal"}, {"nasal", "intranasal"}}};
  for (auto const& t : r.toks)
    for (auto const& [k, v] : routes)
      if (t.lower == k) { r.route = std::string(v); return; }
}

inline void read_dose(reading& r) {
  auto const& t = r.toks;
  for (std::size_t i = 0; i + 1 < t.size(); ++i)
    if (is_number(t[i].lower))
      if (auto u = unit_word(t[i + 1].lower)) {
        r.dose = span{i, i + 2};
        r.dose_text = t[i].lower + " " + *u;
        return;
      }
}

inline void read_drugs(reading& r, knowledge_base const& kb) {
  auto const& t = r.toks;
  constexpr std::size_t max_words = 5;
  for (std::size_t i = 0; i < t.size();) {
    bool found = false;
    bool in_condition = r.condition_span && i >= r.condition_span->begin && i < r.condition_span->end;
    if (!stop_word(t[i].lower) && !is_number(t[i].lower) && !(r.dose && i >= r.dose->begin && i < r.dose->end) &&
        !in_condition) {
      for (std::size_t n = std::min(max_words, t.size() - i); n >= 1; --n) {
        span s{i, i + n};
        if (n > 1 && stop_word(t[i + n - 1].lower)) continue;
        if (auto d = kb.find<drug>(join(t, s))) {
          if (std::none_of(r.drugs.begin(), r.drugs.end(), [&](auto const& x) { return x.second == *d; }))
            r.drugs.emplace_back(s, *d);
          i += n;
          found = true;
          break;
        }
      }
    }
    if (!found) ++i;
  }
}

inline void read_condition(reading& r, knowledge_base const& kb) {
  auto const& t = r.toks;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i].lower != "for") continue;
    for (std::size_t n = std::min<std::size_t>(6, t.size() - i - 1); n >= 1; --n)
      if (kb.find<condition>(join(t, {i + 1, i + 1 + n}))) {
        r.condition = join(t, {i + 1, i + 1 + n});
        r.condition_span = span{i + 1, i + 1 + n};
        return;
      }
  }
}

/// The words between `after` (exclusive) and the first of `stops` (or the end): a name the knowledge base may not
/// know, passed on as written so the answer names it with suggestions.
inline std::string slot(std::vector<token> const& t, std::size_t after, std::initializer_list<std::string_view> stops) {
  std::size_t b = after + 1, e = b;
  while (e < t.size() && std::find(stops.begin(), stops.end(), t[e].lower) == stops.end()) ++e;
  while (b < e && (t[b].lower == "the" || t[b].lower == "a" || t[b].lower == "an")) ++b;
  if (e - b > 5 || b >= e) return "";
  return join(t, {b, e});
}

inline std::string understood(reading const& r, knowledge_base const& kb) {
  std::vector<std::string> parts;
  if (r.drugs.empty()) parts.push_back("no drug the knowledge base knows");
  else {
    std::vector<std::string> names;
    for (auto const& [s, d] : r.drugs) names.push_back(kb[d].name);
    parts.push_back(detail::format("drugs: {}", fmt::join(names, ", ")));
  }
  if (!r.dose_text.empty()) parts.push_back("dose: " + r.dose_text);
  if (!r.every.empty()) parts.push_back("every " + r.every);
  if (!r.route.empty()) parts.push_back("route: " + r.route);
  if (!r.condition.empty()) parts.push_back("condition: " + r.condition);
  if (!r.age.empty()) parts.push_back("age: " + r.age);
  return detail::format("{}", fmt::join(parts, "; "));
}

}  // namespace detail::ask

PHARMAKON_FUNC result<question> parse_question(knowledge_base const& kb, std::string_view text) {
  using namespace detail::ask;
  auto unreadable = [](std::string understood) {
    return diagnostic{errc::unreadable_question, {}, std::string(question_expected), std::move(understood)};
  };
  if (text.size() > max_question_size)
    return unreadable(detail::format("a text of {} bytes (at most {} are read)", text.size(), max_question_size));
  reading r;
  r.toks = tokenize(text);
  read_dose(r);
  read_interval(r);
  read_route(r);
  read_age(r);
  read_condition(r, kb);
  read_drugs(r, kb);
  auto const& t = r.toks;
  auto names = [&] {
    std::vector<std::string> out;
    for (auto const& [s, d] : r.drugs) out.push_back(join(t, s));
    return out;
  };
  bool interaction_words = has(t, "interact") || has(t, "interacts") || has(t, "interaction") || has(t, "interactions") ||
                           has(t, "together") || has(t, "combine") || has(t, "mix") || has(t, "take") ||
                           has(t, "taking");
  bool mechanism_words = has(t, "mechanism") || has(t, "moa") || has(t, "work") || has(t, "works") || has(t, "what") ||
                         has(t, "whats") || has(t, "explain") || has(t, "about") || has(t, "act") || has(t, "acts") ||
                         has(t, "how");
  question q;
  if (r.drugs.size() >= 2) {
    q.kind = question_kind::interactions;
    q.drugs = names();
    return q;
  }
  if (r.drugs.size() == 1 && r.dose) {
    q.kind = question_kind::dose_check;
    q.drugs = names();
    q.dose = r.dose_text;
    q.every = r.every;
    q.route = r.route;
    q.condition = r.condition;
    q.age = r.age;
    return q;
  }
  // one drug and an interaction phrasing: the other name is the words after "with" / "and"
  if (r.drugs.size() == 1 && (has(t, "with") || has(t, "and")) && interaction_words) {
    auto after = r.drugs[0].first.end;
    auto w = find_word(t, "with", after);
    if (!w) w = find_word(t, "and", after);
    if (!w) {  // "... with naltrexone": the other name comes first
      auto before = find_word(t, "with");
      if (!before) before = find_word(t, "and");
      if (before && *before < r.drugs[0].first.begin) {
        std::optional<std::size_t> verb;
        for (std::size_t i = 0; i < *before; ++i)
          if (t[i].lower == "take" || t[i].lower == "does" || t[i].lower == "do" || t[i].lower == "mix") verb = i;
        auto other = verb ? slot(t, *verb, {"with", "and"}) : std::string();
        if (!other.empty()) {
          q.kind = question_kind::interactions;
          q.drugs = {other, join(t, r.drugs[0].first)};
          return q;
        }
      }
    }
    if (w) {
      auto other = slot(t, *w, {"together", "at", "safely", "and", "or", "too", "safe", "interact", "same"});
      if (!other.empty()) {
        q.kind = question_kind::interactions;
        q.drugs = {join(t, r.drugs[0].first), other};
        return q;
      }
    }
  }
  if (r.drugs.size() == 1 && (mechanism_words || t.size() == r.drugs[0].first.end - r.drugs[0].first.begin)) {
    q.kind = question_kind::mechanism;
    q.drugs = names();
    return q;
  }
  if (r.drugs.empty()) {
    // a mechanism or interaction phrasing around a name the knowledge base does not know: pass it on, so the answer
    // names it with the closest known names (as `pharmakon moa NAME` does)
    std::string name;
    if (auto d = find_word(t, "does"); d && find_word(t, "interact", *d)) {
      auto a = slot(t, *d, {"interact"});
      auto w = find_word(t, "with", *d);
      auto b = w ? slot(t, *w, {"and", "together"}) : "";
      if (!a.empty() && !b.empty()) {
        q.kind = question_kind::interactions;
        q.drugs = {a, b};
        return q;
      }
    }
    if (auto tk = find_word(t, "take"); tk && find_word(t, "with", *tk) && !r.dose) {
      auto w = find_word(t, "with", *tk);
      auto a = slot(t, *tk, {"with"});
      auto b = slot(t, *w, {"together", "at", "safely", "and"});
      if (!a.empty() && !b.empty()) {
        q.kind = question_kind::interactions;
        q.drugs = {a, b};
        return q;
      }
    }
    if (auto m = find_word(t, "mechanism"); m) {
      // "mechanism of action of X", "mechanism of X"
      std::size_t last_of = *m;
      for (std::size_t i = *m; i < t.size(); ++i)
        if (t[i].lower == "of") last_of = i;
      if (last_of != *m) name = slot(t, last_of, {});
    } else if (auto mo = find_word(t, "moa"); mo && find_word(t, "of", *mo)) {
      name = slot(t, *find_word(t, "of", *mo), {});
    } else if (auto h = find_word(t, "how"); h && find_word(t, "does", *h) && (has(t, "work") || has(t, "act"))) {
      name = slot(t, *find_word(t, "does", *h), {"work", "act"});
    } else if (!t.empty() && (t[0].lower == "what" || t[0].lower == "whats") && !r.dose && !interaction_words) {
      std::size_t after = t[0].lower == "whats" ? 0 : t.size() > 1 && (t[1].lower == "is" || t[1].lower == "are") ? 1 : t.size();
      // "What is X?" reads as a mechanism question about X only when X is one word: "what is the weather like" is
      // not about a drug
      if (after < t.size()) name = slot(t, after, {});
      if (name.find(' ') != std::string::npos) name.clear();
    }
    if (!name.empty() && !is_number(name)) {
      q.kind = question_kind::mechanism;
      q.drugs = {name};
      return q;
    }
  }
  // an age and one drug but no dose ("Can a 10-year-old take codeine?"): a dose check needs the dose; say how to ask
  if (!r.age.empty() && r.drugs.size() == 1 && !r.dose) {
    auto const& name = kb[r.drugs.front().second].name;
    return diagnostic{errc::unreadable_question, {},
                      detail::format("a dose with the age, since a dose check needs one (pharmakon dose-check {} DOSE "
                                  "--age \"{}\"; pharmakon moa {} lists its warnings with the ages they apply to)",
                                  name, r.age, name),
                      detail::ask::understood(r, kb)};
  }
  return unreadable(detail::ask::understood(r, kb));
}

PHARMAKON_FUNC std::vector<drug_id> drugs_mentioned(knowledge_base const& kb, std::string_view text) {
  detail::ask::reading r;
  r.toks = detail::ask::tokenize(text.substr(0, 4 * max_question_size));
  detail::ask::read_dose(r);
  detail::ask::read_drugs(r, kb);
  std::vector<drug_id> out;
  for (auto const& m : r.drugs) out.push_back(m.second);
  return out;
}

PHARMAKON_FUNC question read_question(knowledge_base const& kb, std::string_view text) {
  auto q = parse_question(kb, text);
  if (!q) {
    auto const& d = q.diagnostics.front();
    throw question_error(detail::format("could not read the question: expected {}, found {}", d.expected, d.found), d.found);
  }
  return std::move(*q);
}

PHARMAKON_FUNC any_answer answer(knowledge_base const& kb, question const& q) {
  switch (q.kind) {
    case question_kind::mechanism: return mechanism_of(kb, kb.at<drug>(q.drugs.at(0)));
    case question_kind::interactions: {
      // as `pharmakon interactions`: the known drugs are screened and the rest named, unless fewer than two are known
      auto a = screen_interactions(kb, std::span<std::string const>(q.drugs));
      require_screenable(kb, a);
      return a;
    }
    case question_kind::dose_check: {
      auto d = kb.at<drug>(q.drugs.at(0));
      // a dose, interval or age of the question that does not parse: the parser's words
      auto parsed = [](std::string_view what, std::string const& text, result<quantity> r) {
        if (!r)
          throw usage_error(errc::bad_quantity, detail::format("{} '{}': expected {}, found {}", what, text,
                                                            r.diagnostics[0].expected, r.diagnostics[0].found));
        return *r;
      };
      dose_query dq;
      dq.dose = parsed("dose", q.dose, parse_quantity(q.dose));
      if (!q.every.empty()) dq.every = parsed("interval", q.every, parse_interval(q.every));
      if (!q.route.empty()) dq.route = parse_enum<route>(q.route);
      if (!q.condition.empty()) dq.condition = kb.at<condition>(q.condition);
      if (!q.age.empty()) dq.age = parsed("age", q.age, parse_age(q.age));
      return check_dose(kb, d, dq);
    }
  }
  throw usage_error(errc::unreadable_question, "unknown question kind");
}

PHARMAKON_FUNC asked ask(knowledge_base const& kb, std::string_view text) {
  auto q = read_question(kb, text);
  auto a = answer(kb, q);
  return {std::move(q), std::move(a)};
}

}  // namespace pharmakon
