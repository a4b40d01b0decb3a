// graph/columns.hpp: a relation's claims as CSR over entity indices, with labels, negation and zero-copy views.
#include <doctest/doctest.h>

#include <pharmakon/pharmakon.hpp>

#include "support.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

using namespace pharmakon;
using namespace pharmakon::test;

namespace {
std::filesystem::path const fixtures = std::filesystem::path(PHARMAKON_TEST_DATA) / "import" / "hetionet";
}  // namespace

TEST_CASE("columns: relation_adjacency_of holds every claim of the relation, row by subject") {
  auto const& kb = default_kb();
  auto a = relation_adjacency_of(kb, relation_kind::acts_on, {.label = std::nullopt, .negated = true});
  REQUIRE(a.offsets.size() == std::size_t(a.entities) + 1);
  CHECK(a.entities == num_vertices(kb.graph()));
  std::size_t n = 0;
  for (auto e : kb.claims<rel::acts_on>()) {
    (void)e;
    ++n;
  }
  REQUIRE(a.size() == n);
  for (std::uint32_t v = 0; v < a.entities; ++v)
    for (auto i = a.offsets[v]; i < a.offsets[v + 1]; ++i) {
      auto c = kb.claim(claim_id{a.claim(i)});
      CHECK(c.kind() == relation_kind::acts_on);
      CHECK(kb.vertex(c.subject()) == v);
      CHECK(kb.vertex(c.object()) == a.objects()[i]);
    }
  // negated claims are left out by default
  auto kept = relation_adjacency_of(kb, relation_kind::acts_on);
  std::size_t negated = 0;
  for (auto e : kb.claims<rel::acts_on>()) negated += e.negated();
  CHECK(kept.size() == n - negated);
}

TEST_CASE("columns: a label keeps the related claims of one original kind; views where the storage is contiguous") {
  auto r = try_import_hetionet(fixtures / "nodes.tsv", fixtures / "edges.sif");
  REQUIRE_MESSAGE(r, first_error(r));
  auto const& kb = *r.kb;
  auto labels = related_labels(kb);
  REQUIRE(std::find(labels.begin(), labels.end(), "associates") != labels.end());
  auto codes = related_label_codes(kb);
  REQUIRE(codes.size() == kb.claim_count());
  auto a = relation_adjacency_of(kb, relation_kind::related, {.label = "associates", .negated = false});
  std::size_t expected = 0;
  for (auto e : kb.claims<rel::related>()) expected += e.payload().label == "associates";
  CHECK(a.size() == expected);
  CHECK(expected > 0);
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto e = kb.claim_as<rel::related>(claim_id{a.claim(i)});
    REQUIRE(e);
    CHECK(e->payload().label == "associates");
    CHECK(labels[codes[a.claim(i)]] == "associates");
  }
  // a target's only claims are encoded_by: one run of the CSR, viewed in place
  auto coded = relation_adjacency_of(kb, relation_kind::encoded_by);
  CHECK(coded.shares_storage);
  CHECK(coded.objects().data() == claim_objects(kb).data() + coded.first_claim);
  auto [first, last] = entity_range(kb, node_kind::target);
  for (std::uint32_t v = 0; v < coded.entities; ++v)
    if (coded.offsets[v + 1] > coded.offsets[v]) CHECK((v >= first && v < last));
  // errors: a label on another relation, or one no claim carries (the message lists the known ones)
  CHECK_THROWS_AS(relation_adjacency_of(kb, relation_kind::acts_on, {.label = "binds", .negated = false}), usage_error);
  try {
    (void)relation_adjacency_of(kb, relation_kind::related, {.label = "asociates", .negated = false});
    FAIL("no error");
  } catch (usage_error const& e) {
    CHECK(std::string(e.what()).find("associates") != std::string::npos);
  }
}

TEST_CASE("columns: Hetionet concepts carry their GO and UBERON CURIEs, found by lookup") {
  auto r = try_import_hetionet(fixtures / "nodes.tsv", fixtures / "edges.sif");
  REQUIRE_MESSAGE(r, first_error(r));
  auto go = r.kb->find<concept_node>("GO:0040012");
  REQUIRE(go);
  CHECK(r.kb->get(*go).id == "concept:Biological_Process::GO:0040012");
  CHECK(r.kb->get(*go).identifier_of("go") == "GO:0040012");
  CHECK(valid_identifier("go", "GO:0040012"));
  CHECK(!valid_identifier("go", "GO:40012"));
  CHECK(valid_identifier("uberon", "UBERON:0000955"));
}

namespace {
source one_paper() {
  source s;
  s.id = "src:pmid:1";
  s.kind = source_kind::research;
  s.set_identifier("pmid", "1");
  return s;
}
/// What relation_adjacency_of(kb, related, label) must hold, by a scan of every claim: row by subject, in claim order.
relation_adjacency reference_by_label(knowledge_base const& kb, std::string const& label, bool negated) {
  relation_adjacency ref;
  ref.entities = std::uint32_t(num_vertices(kb.graph()));
  ref.offsets.assign(std::size_t(ref.entities) + 1, 0);
  auto rows = claim_offsets(kb);
  auto names = related_labels(kb);
  auto codes = related_label_codes(kb);
  for (std::uint32_t v = 0; v < ref.entities; ++v) {
    for (auto c = rows[v]; c < rows[v + 1]; ++c) {
      if (codes[c] == 0xFFFFFFFFu || names[codes[c]] != label) continue;
      if (!negated && kb.claim(claim_id{c}).negated()) continue;
      ref.owned_objects.push_back(claim_objects(kb)[c]);
      ref.owned_claims.push_back(c);
    }
    ref.offsets[v + 1] = std::uint32_t(ref.owned_objects.size());
  }
  return ref;
}
void check_same(relation_adjacency const& a, relation_adjacency const& ref) {
  REQUIRE(a.entities == ref.entities);
  CHECK(a.offsets == ref.offsets);
  REQUIRE(a.size() == ref.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    CHECK(a.objects()[i] == ref.owned_objects[i]);
    CHECK(a.claim(i) == ref.owned_claims[i]);
  }
}
}  // namespace

TEST_CASE("columns: the per-label index gives what a scan of every related claim gives, before and after a snapshot") {
  // random related claims of five labels between drugs and concepts, some negated, rows of every length
  builder b;
  auto src = b.add_source(one_paper());
  auto plain = b.add_evidence(claim_meta({src}));
  auto negated = b.add_evidence(claim_meta({src}).negate());
  std::uint32_t const drugs = 40, concepts = 300;
  add_numbered<drug>(b, "drug:d", drugs);
  add_numbered<concept_node>(b, "concept:c", concepts);
  std::vector<std::string> const labels = {"associates", "binds", "upregulates", "participates", "resembles"};
  std::uint32_t seed = 12345;
  auto next = [&] { return seed = seed * 1664525u + 1013904223u, seed >> 8; };
  for (int k = 0; k < 20000; ++k) {
    any_node from = next() % 3 ? any_node(concept_id{next() % (next() % 2 ? 7 : concepts)}) : any_node(drug_id{next() % drugs});
    any_node to(concept_id{next() % concepts});
    auto const& l = labels[next() % (next() % 4 ? labels.size() : 2)];
    b.add<rel::related>(from, to, related_label{l}, next() % 9 == 0 ? negated : plain);
  }
  auto kb = b.build();
  temp_dir tmp("columns");
  save_snapshot(kb, tmp.path / "kb.pkb");
  auto loaded = load_snapshot(tmp.path / "kb.pkb");
  for (auto const* k : {&kb, &loaded})
    for (auto const& l : labels)
      for (bool neg : {false, true}) {
        INFO(l, neg ? " with negated claims" : "", k == &kb ? "" : " (from the snapshot)");
        auto a = relation_adjacency_of(*k, relation_kind::related, {.label = l, .negated = neg});
        check_same(a, reference_by_label(*k, l, neg));
        CHECK(a.size() > 0);
      }
  // a label no related claim carries is an error (the message lists those there are)
  CHECK_THROWS_AS(relation_adjacency_of(kb, relation_kind::related, {.label = "treats", .negated = false}), usage_error);
}
