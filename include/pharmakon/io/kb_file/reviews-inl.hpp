// Out-of-line definitions of the review-file reader (io layer): [[review]] tables, a claim's review = { ... } and
// updated = "YYYY-MM-DD". Shares the knowledge-base loader's table reader (detail::load::reader), so messages and
// positions read alike.
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "reviews-inl.hpp holds the out-of-line definitions of reviews.hpp: include reviews.hpp"
#endif
#include <map>
#include <tuple>

#include "loader-inl.hpp"
#include "reviews.hpp"
#include "../../detail/format.hpp"

namespace pharmakon {

namespace detail::reviews {

using detail::load::parsed;
using detail::load::quote_value;
using detail::load::reader;
using detail::load::sink;
using detail::load::type_name;

/// A date field: a TOML local date (2026-11-30) or a string "2026-11-30".
inline std::optional<std::string> date_of(reader& r, std::string_view key, bool required) {
  auto const* n = r.node(key, required, "a date YYYY-MM-DD");
  if (!n) return std::nullopt;
  std::string s;
  if (auto const* d = n->as_date())
    s = detail::format("{:04}-{:02}-{:02}", int(d->get().year), int(d->get().month), int(d->get().day));
  else if (n->is_string())
    s = *n->value<std::string>();
  else {
    r.error(errc::wrong_type, n->source().begin, detail::format("'{}' to be a date YYYY-MM-DD", key), type_name(*n));
    return std::nullopt;
  }
  if (!valid_date(s)) {
    r.error(errc::out_of_range, n->source().begin,
            detail::format("'{}' to be a date YYYY-MM-DD (a calendar day from 1900 to 2100)", key), quote_value(s));
    return std::nullopt;
  }
  return s;
}

/// The fields of one review record (status, reviewer, date, note), from a [[review]] table or a claim's review.
inline std::optional<review_record> record_of(reader& r) {
  review_record rec;
  auto status = r.enumeration<review_status>("status", true);
  auto reviewer = r.str("reviewer");
  auto date = date_of(r, "date", true);
  rec.note = r.str("note").value_or("");
  if (status == review_status::approved && (!reviewer || reviewer->empty()))
    r.error(errc::missing_field, r.table().get("reviewer") ? r.table().get("reviewer")->source().begin : r.pos(),
            "'reviewer' (who approved it: required when status is approved)",
            reviewer ? "an empty string" : "no such key in this table");
  if (r.failed() || !status || !date) return std::nullopt;
  rec.status = *status;
  rec.reviewer = reviewer.value_or("");
  rec.date = *date;
  rec.region = r.region();
  return rec;
}

/// A claim's own `updated` and `review` keys (knowledge-base files): checked in the loader's first pass, so their
/// mistakes are reported with every other; applied after the build (`apply_kb_files`).
inline void check_claim_keys(reader& r) {
  if (r.table().get("updated")) (void)date_of(r, "updated", false);
  if (auto const* n = r.node("review", false, "a review table { status, reviewer, date, note }")) {
    auto const* t = n->as_table();
    if (!t) {
      r.error(errc::wrong_type, n->source().begin, "'review' to be a table { status = ..., reviewer = ..., date = ... }",
              type_name(*n));
      return;
    }
    reader sub(*t, r.path_ptr(), r.diags(), r.b(), r.opts());
    (void)record_of(sub);
    sub.finish("a claim's review");
    if (sub.failed()) r.mark_failed();
  }
}

/// Adds `rec` to `m` under `key`: the newest date wins; two records of one thing on one date are an error.
inline void put(std::unordered_map<std::uint32_t, review_record>& m, std::uint32_t key, review_record rec, reader& r,
                std::string const& what) {
  auto it = m.find(key);
  if (it == m.end()) {
    m.emplace(key, std::move(rec));
    return;
  }
  if (it->second.date == rec.date) {
    r.error(errc::duplicate_id, r.pos(), detail::format("one review of {} per date", what),
            detail::format("a second review dated {}, the first at {}", rec.date, it->second.region.to_string()));
    return;
  }
  if (rec.date > it->second.date) it->second = std::move(rec);
}

/// The exact entity with id `id`.
inline std::optional<any_node> entity_by_id(knowledge_base const& kb, std::string_view id) {
  for (auto n : kb.find_all(id))
    if (kb.base(n).id == id) return n;
  return std::nullopt;
}

/// The claims of relation `k` from `from` to `to`.
inline std::vector<std::uint32_t> claims_between(knowledge_base const& kb, relation_kind k, any_node from, any_node to) {
  auto const& st = state_of(kb);
  auto const& fw = st.graph.m_forward;
  auto v = st.vertex_of(from), w = st.vertex_of(to);
  std::vector<std::uint32_t> out;
  for (auto c = fw.m_rowstart[v]; c < fw.m_rowstart[v + 1]; ++c)
    if (fw.m_edge_properties[c].kind == k && fw.m_column[c] == w) out.push_back(std::uint32_t(c));
  return out;
}

/// One [[review]] table against `kb`, into `layer`.
inline void read_review(reader& r, knowledge_base const& kb, review_layer& layer) {
  auto const* claim = r.node("claim", false, "the claim it reviews");
  auto const* entity = r.node("entity", false, "the entity it reviews");
  auto const* src = r.node("source", false, "the source it reviews");
  int given = (claim != nullptr) + (entity != nullptr) + (src != nullptr);
  auto rec = record_of(r);
  if (given != 1) {
    if (given == 0)
      r.error(errc::missing_field, r.pos(), "one of 'claim', 'entity' or 'source' (what the review is about)",
              "none of them in this table");
    else
      r.error(errc::unexpected_key, r.pos(), "one of 'claim', 'entity' or 'source' (a review is about one thing)",
              detail::format("{} of them", given));
    r.finish("[[review]]");
    return;
  }
  // entity = "warning:..." or source = "src:..."
  if (entity || src) {
    auto key = entity ? "entity" : "source";
    auto id = r.str(key, true, entity ? "an entity id" : "a source id");
    r.finish("[[review]]");
    if (!id) return;
    auto pos = r.table().get(key)->source().begin;
    if (entity) {
      auto n = entity_by_id(kb, *id);
      if (!n) {
        r.error(errc::unknown_reference, pos, "the id of an entity of the knowledge base", quote_value(*id));
        return;
      }
      if (rec) put(layer.entities, state_of(kb).vertex_of(*n), std::move(*rec), r, *id);
    } else {
      auto s = kb.find_source(*id);
      if (!s) {
        r.error(errc::unknown_reference, pos, "the id of a source of the knowledge base", quote_value(*id));
        return;
      }
      if (rec) put(layer.sources, s->index(), std::move(*rec), r, *id);
    }
    return;
  }
  // claim = { relation = "acts_on", from = "drug:...", to = "target:...", negated = false, action = "antagonist" }
  auto const* ct = claim->as_table();
  if (!ct) {
    r.error(errc::wrong_type, claim->source().begin,
            "'claim' to be a table { relation = \"acts_on\", from = \"drug:...\", to = \"target:...\" }", type_name(*claim));
    r.finish("[[review]]");
    return;
  }
  reader c(*ct, r.path_ptr(), r.diags(), r.b(), r.opts());
  auto rel = c.enumeration<relation_kind>("relation", true);
  auto from = c.str("from", true, "the id the claim starts from");
  auto to = c.str("to", true, "the id the claim points to");
  auto negated = c.boolean("negated");
  auto act = c.table().get("action") ? c.enumeration<action_type>("action", false) : std::nullopt;
  c.finish("a review's claim");
  r.finish("[[review]]");
  if (c.failed()) r.mark_failed();
  if (!rel || !from || !to) return;
  auto f = entity_by_id(kb, *from);
  auto t = entity_by_id(kb, *to);
  if (!f) c.error(errc::unknown_reference, ct->get("from")->source().begin, "the id of an entity of the knowledge base", quote_value(*from));
  if (!t) c.error(errc::unknown_reference, ct->get("to")->source().begin, "the id of an entity of the knowledge base", quote_value(*to));
  if (!f || !t) return;
  auto found = claims_between(kb, *rel, *f, *t);
  std::size_t all = found.size();
  std::erase_if(found, [&](std::uint32_t x) {
    auto cv = kb.claim(claim_id{x});
    if (negated && cv.negated() != *negated) return true;
    if (act) {
      auto e = kb.claim_as<rel::acts_on>(claim_id{x});
      if (!e || e->payload().type != *act) return true;
    }
    return false;
  });
  std::string claim_words = detail::format("{} --{}--> {}", *from, to_string(*rel), *to);
  std::string what = "the claim " + claim_words;
  if (found.empty()) {
    c.error(errc::unknown_reference, ct->source().begin, detail::format("{} in the knowledge base", what),
            all ? detail::format("{} such claims, none with the given negated/action", all) : "no such claim");
    return;
  }
  if (found.size() > 1) {
    c.error(errc::unknown_reference, ct->source().begin, detail::format("one claim {}", claim_words),
            detail::format("{} claims (say which with negated = true|false, or action = \"...\" for acts_on)", found.size()));
    return;
  }
  if (rec) put(layer.claims, found.front(), std::move(*rec), r, what);
}

/// Every [[review]] table of `doc`.
inline void read_reviews(parsed const& doc, knowledge_base const& kb, review_layer& layer, sink& s, builder& b,
                         load_options const& o) {
  detail::load::each(doc, "review", s, b, o, [&](reader& r) { read_review(r, kb, layer); });
}

/// The loader's second step: after the build, the knowledge-base files' [[review]] tables and their claims'
/// `review` and `updated` keys (claims found by where they were written: file, line and column of their table).
inline void apply_kb_files(std::span<parsed const> files, knowledge_base const& kb, review_layer& layer, sink& s,
                           load_options const& o) {
  auto const& st = state_of(kb);
  std::map<std::tuple<std::string, std::uint32_t, std::uint32_t>, std::vector<std::uint32_t>> at;
  bool any_keys = false;
  for (auto const& f : files)
    for (auto const& [k, v] : f.root)
      if (auto const* arr = v.as_array())
        for (auto const& el : *arr)
          if (auto const* t = el.as_table(); t && (t->contains("updated") || t->contains("review"))) any_keys = true;
  if (any_keys)
    for (std::uint32_t c = 0; c < st.claim_count(); ++c) {
      auto const& reg = st.regions[st.evidence_of(c).region];
      if (reg.known()) at[{*reg.path, reg.begin.line, reg.begin.column}].push_back(c);
    }
  builder b;
  for (auto const& f : files) {
    if (any_keys)
      for (auto const& [k, v] : f.root) {
        if (k.str() == "review" || k.str() == "source") continue;
        auto const* arr = v.as_array();
        if (!arr) continue;
        for (auto const& el : *arr) {
          auto const* t = el.as_table();
          if (!t || !(t->contains("updated") || t->contains("review"))) continue;
          auto p = t->source().begin;
          auto it = at.find({*f.path, p.line, p.column});
          if (it == at.end()) continue;  // not a claim table (the loader reported a misplaced key already)
          reader r(*t, f.path, s, b, o);
          auto updated = t->contains("updated") ? date_of(r, "updated", false) : std::nullopt;
          std::optional<review_record> rec;
          if (auto const* rt = t->get("review"); rt && rt->as_table()) {
            reader sub(*rt->as_table(), f.path, s, b, o);
            rec = record_of(sub);
          }
          for (auto c : it->second) {
            if (updated) layer.updated[c] = *updated;
            if (rec) put(layer.claims, c, *rec, r, detail::format("the claim at {}:{}:{}", *f.path, p.line, p.column));
          }
        }
      }
    read_reviews(f, kb, layer, s, b, o);
  }
}

/// The base's review layer, carried to a knowledge base built on top of it: claims are found again by relation,
/// ends and where they were written; entities and sources by id.
inline review_layer carry_over(knowledge_base const& base, knowledge_base const& kb) {
  review_layer out;
  auto const* old = base.reviews();
  if (!old) return out;
  auto const& os = state_of(base);
  auto const& ns = state_of(kb);
  auto find_claim = [&](std::uint32_t c) -> std::optional<std::uint32_t> {
    auto f = entity_by_id(kb, os.base_of_vertex(os.claim_from(c)).id);
    auto t = entity_by_id(kb, os.base_of_vertex(os.claim_to(c)).id);
    if (!f || !t) return std::nullopt;
    auto const& oreg = os.regions[os.evidence_of(c).region];
    for (auto x : claims_between(kb, os.claim_kind(c), *f, *t)) {
      auto const& nreg = ns.regions[ns.evidence_of(x).region];
      bool same_place = oreg.known() == nreg.known() &&
                        (!oreg.known() || (*oreg.path == *nreg.path && oreg.begin == nreg.begin));
      if (same_place && ns.claim_flags[x] == os.claim_flags[c]) return x;
    }
    return std::nullopt;
  };
  for (auto const& [c, r] : old->claims)
    if (auto x = find_claim(c)) out.claims.emplace(*x, r);
  for (auto const& [c, d] : old->updated)
    if (auto x = find_claim(c)) out.updated.emplace(*x, d);
  for (auto const& [v, r] : old->entities)
    if (auto n = entity_by_id(kb, os.base_of_vertex(v).id)) out.entities.emplace(ns.vertex_of(*n), r);
  for (auto const& [sidx, r] : old->sources)
    if (auto s = kb.find_source(os.sources[sidx].id)) out.sources.emplace(s->index(), r);
  return out;
}

}  // namespace detail::reviews

PHARMAKON_FUNC load_result try_load_reviews(knowledge_base const& kb, std::span<document const> docs, load_options const& opts) {
  using namespace detail::load;
  load_result result;
  sink s;
  auto files = read_documents(docs, opts, s);  // the KB files' byte and TOML checks
  review_layer layer = kb.reviews() ? *kb.reviews() : review_layer{};
  builder b;
  for (auto const& f : files) {
    for (auto const& [k, v] : f.root)
      if (k.str() != "review")
        s.add(errc::unexpected_key, f.path, k.source().begin, "a top-level [[review]] table (a review file holds only reviews)",
              quote_value(k.str()) + did_you_mean(k.str(), std::array<std::string_view, 1>{"review"}));
    detail::reviews::read_reviews(f, kb, layer, s, b, opts);
  }
  if (!s.diags.empty()) {
    result.diagnostics = sorted(std::move(s.diags), docs);
    return result;
  }
  result.kb = kb.with_reviews(std::move(layer));
  return result;
}

PHARMAKON_FUNC load_result try_load_reviews(knowledge_base const& kb, std::span<std::filesystem::path const> paths,
                                            load_options const& opts) {
  return detail::load::load_read_files(paths, opts, [&](auto docs) { return try_load_reviews(kb, docs, opts); });
}

}  // namespace pharmakon
