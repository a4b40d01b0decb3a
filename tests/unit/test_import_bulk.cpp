// The graph layer's bulk path for importers: shared evidence and payloads, and the layout build() makes of
// millions of claims (checked against a plain reference on random graphs, including long rows and ties).
#include <doctest/doctest.h>

#include <pharmakon/pharmakon.hpp>

#include <algorithm>
#include <map>
#include <random>

#include "support.hpp"

using namespace pharmakon;
using namespace pharmakon::test;

namespace {

source paper(std::string const& pmid) {
  source s;
  s.id = "src:pmid:" + pmid;
  s.kind = source_kind::research;
  s.set_identifier("pmid", pmid);
  return s;
}

/// A random graph of drugs, targets and concepts; every claim's label is unique, so the order of claims in each
/// slice can be compared with a reference.
struct random_graph {
  knowledge_base kb;
  struct ref_claim {
    std::uint32_t seq;
    relation_kind kind;
    any_node from, to;
  };
  std::vector<ref_claim> claims;

  random_graph(std::uint32_t drugs, std::uint32_t targets, std::uint32_t concepts, std::uint32_t n, unsigned seed) {
    std::mt19937 rng(seed);
    builder b;
    auto src = b.add_source(paper("1"));
    auto ev = b.add_evidence(claim_meta({src}));
    add_numbered<drug>(b, "drug:d", drugs);
    add_numbered<target>(b, "target:t", targets);
    add_numbered<concept_node>(b, "concept:c", concepts);
    auto act = b.add_payload<rel::acts_on>(action{});
    // a skewed choice, so some rows are long (the radix path) and pairs repeat (ties)
    auto pick = [&](std::uint32_t count) {
      double u = std::uniform_real_distribution<double>(0, 1)(rng);
      return std::uint32_t(double(count) * u * u * u) % count;
    };
    b.reserve_claims(n);
    for (std::uint32_t seq = 0; seq < n; ++seq) {
      if (seq % 3 == 0) {
        drug_id d{pick(drugs)};
        target_id t{pick(targets)};
        b.add<rel::acts_on>(d, t, act, ev);
        claims.push_back({seq, relation_kind::acts_on, d, t});
      } else {
        any_node from = seq % 2 ? any_node(concept_id{pick(concepts)}) : any_node(drug_id{pick(drugs)});
        any_node to = seq % 5 ? any_node(concept_id{pick(concepts)}) : any_node(target_id{pick(targets)});
        b.add<rel::related>(from, to, related_label{fmt::format("{}", seq)}, ev);
        claims.push_back({seq, relation_kind::related, from, to});
      }
    }
    kb = b.build();
  }
};

}  // namespace

TEST_CASE("bulk: evidence and payloads added once are shared by every claim that cites them") {
  builder b;
  auto s1 = b.add_source(paper("1"));
  auto s2 = b.add_source(paper("2"));
  auto ev = b.add_evidence(claim_meta({s1, s2}).with_note("shared"));
  auto neg = b.add_evidence(claim_meta({s1}).negate());
  CHECK_THROWS_AS(b.add_evidence(claim_meta{}), usage_error);
  CHECK_THROWS_AS(b.add_evidence(claim_meta({source_id{9}})), usage_error);
  drug d;
  d.id = "drug:x";
  d.name = "x";
  auto x = b.add(d);
  std::vector<target_id> ts;
  for (std::uint32_t i = 0; i < 5; ++i) ts.push_back(b.add(numbered<target>("target:t", i)));
  action ag;
  ag.type = action_type::agonist;
  auto agonist = b.add_payload<rel::acts_on>(ag);
  for (auto t : ts) b.add<rel::acts_on>(x, t, agonist, ev);
  action an;
  an.type = action_type::antagonist;
  b.add<rel::acts_on>(x, ts[0], an, neg);
  b.add<rel::produces>(x, [&] {
    effect e;
    e.id = "effect:e";
    e.name = "e";
    return b.add(e);
  }(), ev);
  CHECK_THROWS_AS(b.add<rel::acts_on>(x, ts[0], payload_id<rel::acts_on>{99}, ev), usage_error);
  CHECK_THROWS_AS(b.add<rel::acts_on>(x, ts[0], agonist, evidence_id{99}), usage_error);
  CHECK_THROWS_AS(b.add<rel::acts_on>(drug_id{7}, ts[0], agonist, ev), usage_error);
  auto kb = b.build();
  CHECK(kb.claim_count() == 7);
  auto const& st = detail::state_of(kb);  // white-box: how the evidence is shared
  CHECK(st.evidence.size() == 2);     // two evidence records for seven claims
  CHECK(st.claim_sources.size() == 3);
  CHECK(st.actions.size() == 2);      // one shared agonist action, one antagonist
  for (auto e : kb.out<rel::acts_on>(x)) {
    if (e.negated()) {
      CHECK(e.payload().type == action_type::antagonist);
      CHECK(e.sources().size() == 1);
    } else {
      CHECK(e.payload().type == action_type::agonist);
      CHECK(e.note() == "shared");
      CHECK(e.sources().size() == 2);
      CHECK(e.tier() == evidence_tier::research);
    }
  }
  // the shared negated evidence still conflicts with the agonist claim at the same target
  CHECK(kb.conflicts().size() == 1);
  // claims added one by one with the same sources share their evidence too
  builder b2;
  auto s = b2.add_source(paper("3"));
  auto dd = b2.add(d);
  for (std::uint32_t i = 0; i < 100; ++i) b2.add<rel::produces>(dd, b2.add(numbered<effect>("effect:e", i)), {{s}});
  CHECK(detail::state_of(b2.build()).evidence.size() == 1);
}

TEST_CASE("bulk: slices are sorted by kind and endpoint, ties keep the order claims were added in") {
  for (auto [n, seed] : {std::pair{3000u, 1u}, std::pair{250000u, 2u}}) {  // the second builds on two threads
    random_graph g(40, 30, 200, n, seed);
    auto const& kb = g.kb;
    REQUIRE(kb.claim_count() == n);
    // reference: per source, claims by (kind, target vertex, sequence); per target, by (kind, source, sequence)
    auto vertex = [&](any_node a) { return kb.vertex(a); };
    std::map<std::uint32_t, std::vector<random_graph::ref_claim const*>> out, in;
    for (auto const& c : g.claims) {
      out[vertex(c.from)].push_back(&c);
      in[vertex(c.to)].push_back(&c);
    }
    auto seq_of = [&](claim_view v) -> std::uint32_t {
      if (v.kind() == relation_kind::related) return std::uint32_t(std::stoul(kb.claim_as<rel::related>(v.id())->payload().label));
      return 0xFFFFFFFF;
    };
    std::size_t checked = 0;
    for (auto& [v, list] : out) {
      std::stable_sort(list.begin(), list.end(), [&](auto a, auto b) {
        return std::pair(a->kind, vertex(a->to)) < std::pair(b->kind, vertex(b->to));
      });
      auto from = kb.node(v);
      std::vector<claim_view> got;
      if (auto d = from.as<drug>())
        for (auto e : kb.out<rel::acts_on>(*d)) got.push_back(e);
      for (auto e : kb.out<rel::related>(from)) got.push_back(e);
      REQUIRE(got.size() == list.size());
      for (std::size_t i = 0; i < got.size(); ++i) {
        CHECK(got[i].kind() == list[i]->kind);
        CHECK(got[i].subject() == from);
        CHECK(vertex(got[i].object()) == vertex(list[i]->to));
        if (list[i]->kind == relation_kind::related) CHECK(seq_of(got[i]) == list[i]->seq);
        ++checked;
      }
    }
    CHECK(checked == n);
    for (auto& [v, list] : in) {
      std::stable_sort(list.begin(), list.end(), [&](auto a, auto b) {
        return std::pair(a->kind, vertex(a->from)) < std::pair(b->kind, vertex(b->from));
      });
      auto to = kb.node(v);
      std::vector<claim_view> got;
      if (to.kind() == node_kind::target)
        for (auto e : kb.in<rel::acts_on>(*to.as<target>())) got.push_back(e);
      for (auto e : kb.in<rel::related>(to)) got.push_back(e);
      REQUIRE(got.size() == list.size());
      for (std::size_t i = 0; i < got.size(); ++i) {
        CHECK(got[i].kind() == list[i]->kind);
        CHECK(got[i].object() == to);
        CHECK(vertex(got[i].subject()) == vertex(list[i]->from));
        // a claim reached from either end, or by its id, is the same claim
        CHECK(kb.claim(got[i].id()).subject() == got[i].subject());
      }
    }
    // every claim of a kind, once
    CHECK(std::size_t(std::ranges::distance(kb.claims<rel::acts_on>())) ==
          std::size_t(std::count_if(g.claims.begin(), g.claims.end(), [](auto const& c) { return c.kind == relation_kind::acts_on; })));
    for (auto e : kb.claims<rel::related>()) CHECK(kb.claim(e.id()).subject() == e.subject());
    // the same claims added in another order give the same content hash only if ties keep their order; a
    // rebuilt copy always does
    CHECK(builder(kb).build().content_hash() == kb.content_hash());
  }
}

TEST_CASE("bulk: the fast name fold agrees with text::fold_key") {
  std::string folded;
  for (std::string_view s : {"Mu-Opioid  Receptor", "  naltrexone_HCl ", "A\tB", "ÉTÉ µ-Opioid", "Μ", "", "---",
                             "DB00704", "x-", "-x", "a - b"}) {
    detail::fold_key_into(s, folded);
    CHECK(folded == text::fold_key(s));
  }
  std::mt19937 rng(3);
  std::string alphabet = "aZ -_\t09:.";
  for (int i = 0; i < 2000; ++i) {
    std::string s;
    for (int k = std::uniform_int_distribution<int>(0, 12)(rng); k > 0; --k)
      s += alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(rng)];
    detail::fold_key_into(s, folded);
    CHECK(folded == text::fold_key(s));
  }
}
