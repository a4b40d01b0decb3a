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
      CHECK(kb.vertex(c.from()) == v);
      CHECK(kb.vertex(c.to()) == a.objects()[i]);
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
