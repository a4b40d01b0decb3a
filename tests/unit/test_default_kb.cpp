// The embedded default knowledge base: curated facts checked through the public API, integrity rules every
// entity, claim and source must meet, and a cross-check of the opioid-receptor actions against GtoPdb 2020.5.
#include <doctest/doctest.h>

#include <pharmakon/kb/embedded_snapshot.hpp>
#include <pharmakon/pharmakon.hpp>

#include "support.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

using namespace pharmakon;
namespace fs = std::filesystem;

namespace {

knowledge_base const& kb() { return default_kb(); }

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = char(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// The non-negated acts_on claims of `d` at `t`.
std::vector<edge<rel::acts_on>> stated_actions(drug_id d, target_id t) {
  std::vector<edge<rel::acts_on>> out;
  for (auto e : kb().out<rel::acts_on>(d))
    if (e.object() == t && !e.negated()) out.push_back(e);
  return out;
}

double hours(quantity const& q) {
  REQUIRE(q.dim() == dimension::time);
  return q.base_value();
}

/// The four opioid receptors (GtoPdb family 50: δ 317, κ 318, μ 319, NOP 320). Sigma-1 is not one of them.
std::vector<target_id> opioid_receptors() {
  return {kb().at<target>("MOR"), kb().at<target>("DOR"), kb().at<target>("KOR"), kb().at<target>("NOP")};
}

}  // namespace

TEST_CASE("naltrexone is a competitive, reversible, surmountable antagonist without efficacy at MOR, KOR and DOR") {
  auto ntx = kb().at<drug>("naltrexone");
  std::map<std::string, double> best;  // tightest affinity at each receptor, p-scale
  for (auto name : {"MOR", "KOR", "DOR"}) {
    CAPTURE(name);
    auto claims = stated_actions(ntx, kb().at<target>(name));
    REQUIRE(!claims.empty());
    bool described = false;
    for (auto const& c : claims) {
      auto const& a = c.payload();
      if (a.type != action_type::antagonist) {
        // The one conflicting claim kept on purpose: partial agonism at highly over-expressed MOR in vitro
        // (Kelly et al. 2015, PMID 24973897), research tier only, beside the labels' pure antagonism.
        CHECK(std::string_view(name) == "MOR");
        CHECK(a.type == action_type::partial_agonist);
        CHECK(c.tier() == evidence_tier::research);
        continue;
      }
      if (a.type == action_type::antagonist && a.modality == modality::competitive && a.reversible == true &&
          a.surmountable == true && a.efficacy && *a.efficacy == 0.0)
        described = true;
      if (auto p = a.best_p_affinity()) best[name] = std::max(best[name], *p);
    }
    CHECK(described);
  }
  REQUIRE(best.size() == 3);
  CHECK(best["MOR"] > best["KOR"]);
  CHECK(best["MOR"] > best["DOR"]);
}

TEST_CASE("naltrexone at sigma-1: only the sourced negated claim, so no conflict") {
  // The seed page names sigma among naltrexone's receptors; no source seen states it (data/SOURCES.md, audit 25),
  // so the knowledge base keeps only the claim that it does not act there.
  auto ntx = kb().at<drug>("naltrexone");
  auto sigma1 = kb().at<target>("sigma-1 receptor");
  int asserted = 0, negated = 0;
  for (auto e : kb().out<rel::acts_on>(ntx))
    if (e.object() == sigma1) {
      CHECK(!e.sources().empty());
      (e.negated() ? negated : asserted)++;
    }
  CHECK(asserted == 0);
  CHECK(negated == 1);
  for (auto const& c : kb().conflicts_of(ntx)) {
    auto a = kb().claim(c.first), b = kb().claim(c.second);
    CHECK_FALSE((a.object() == any_node(sigma1) || b.object() == any_node(sigma1)));
  }
}

TEST_CASE("naltrexone regimens: 50 mg oral every 24 h, 380 mg intramuscular every 4 weeks after 7 opioid-free days") {
  auto ntx = kb().at<drug>("naltrexone");
  bool oral = false, depot = false;
  for (auto e : kb().out<rel::dosed_as>(ntx)) {
    auto const& r = kb()[e.object()];
    CAPTURE(r.id);
    auto every = r.interval();
    if (!every) continue;
    if (r.route == route::oral && r.dose == quantity{50, unit::mg} && hours(*every) == 24) oral = true;
    if (r.route == route::intramuscular && r.dose.to(unit::mg) && r.dose.to(unit::mg)->value() == 380 &&
        hours(*every) == 4 * 7 * 24) {
      auto p = std::find_if(r.preconditions.begin(), r.preconditions.end(),
                            [](precondition const& x) { return x.kind == precondition_kind::opioid_free; });
      REQUIRE(p != r.preconditions.end());
      REQUIRE(p->min);
      CHECK(hours(*p->min) == 7 * 24);
      depot = true;
    }
  }
  CHECK(oral);
  CHECK(depot);
}

TEST_CASE("naltrexone carries a life-threatening overdose warning that concerns MOR") {
  auto ntx = kb().at<drug>("naltrexone");
  auto mor = kb().at<target>("MOR");
  bool found = false;
  for (auto e : kb().out<rel::carries>(ntx)) {
    auto const& w = kb()[e.object()];
    if (w.severity != severity::life_threatening || lower(w.about).find("overdose") == std::string::npos) continue;
    for (auto c : kb().out<rel::concerns>(e.object()))
      if (c.object() == mor) found = true;
  }
  CHECK(found);
}

TEST_CASE("naltrexone's answer says what its receptors mediate: the kappa receptor and dysphoria (the seed's statement)") {
  auto a = mechanism_of(kb(), "naltrexone");
  auto role = std::find_if(a.target_roles.begin(), a.target_roles.end(), [](target_role_statement const& r) {
    return r.target_id == "target:KOR" && r.effect_id == "effect:dysphoria";
  });
  REQUIRE(role != a.target_roles.end());
  CHECK_FALSE(role->ev.refs.empty());
  // a role the drug's own effect claims already state through the target is not said twice
  for (auto const& r : a.target_roles)
    for (auto const& e : a.effects)
      CHECK_FALSE((e.effect_id == r.effect_id &&
                   std::find(e.via.begin(), e.via.end(), r.target) != e.via.end()));
  // naltrexone blocks euphoria via MOR: euphoria is an effect, not a role
  CHECK(std::none_of(a.target_roles.begin(), a.target_roles.end(),
                     [](target_role_statement const& r) { return r.effect_id == "effect:euphoria"; }));
  auto text = render_text(a);
  CHECK(text.find("What its targets do") != std::string::npos);
  CHECK(text.find("the kappa opioid receptor mediates dysphoria") != std::string::npos);
}

TEST_CASE("a source whose identifier was checked but whose title was not is 'title unverified', not 'identifier unverified'") {
  auto id = kb().find_source("src:pmid:24973897");
  REQUIRE(id);
  auto const& kelly = kb().get(*id);
  CHECK(kelly.title_unverified);
  CHECK_FALSE(kelly.unverified);
  auto text = render_text(mechanism_of(kb(), "naltrexone"));
  auto at = text.find("PMID 24973897");
  REQUIRE(at != std::string::npos);
  auto line = text.substr(at, text.find('\n', at) - at);
  CHECK(line.find("title unverified") != std::string::npos);
  CHECK(line.find("identifier unverified") == std::string::npos);
}

TEST_CASE("pharmacogenetics: rs1799971 (OPRM1 A118G) modulates the response to naltrexone") {
  auto ntx = kb().at<drug>("naltrexone");
  auto v = kb().at<variant>("rs1799971");
  CHECK(kb()[v].identifier_of("dbsnp") == "rs1799971");
  std::size_t n = 0;
  for (auto e : kb().in<rel::modulates_response>(ntx))
    if (e.subject() == v) ++n;
  CHECK(n >= 1);
  auto genes = kb().out<rel::variant_of>(v);
  REQUIRE(genes.count() == 1);
  CHECK(kb()[(*genes.begin()).object()].symbol == "OPRM1");
}

TEST_CASE("the default knowledge base has at least 25 drugs and the opioid receptors with their genes") {
  CHECK(kb().all<drug>().size() >= 25);
  std::vector<std::pair<std::string_view, std::string_view>> const receptors{
      {"MOR", "OPRM1"}, {"DOR", "OPRD1"}, {"KOR", "OPRK1"}, {"NOP", "OPRL1"}, {"sigma-1 receptor", "SIGMAR1"}};
  for (auto [name, symbol] : receptors) {
    CAPTURE(name);
    auto t = kb().find<target>(name);
    REQUIRE(t);
    auto genes = kb().out<rel::encoded_by>(*t);
    REQUIRE(genes.count() >= 1);
    bool has = false;
    for (auto g : genes) has = has || kb()[g.object()].symbol == symbol;
    CHECK(has);
  }
  CHECK(kb().name() == "pharmakon-opioid-system");
  CHECK(kb().content_hash().size() == 16);
}

TEST_CASE("acamprosate and disulfiram act on no opioid receptor") {
  auto opioid = opioid_receptors();
  for (auto name : {"acamprosate", "disulfiram"}) {
    CAPTURE(name);
    auto d = kb().at<drug>(name);
    for (auto e : kb().out<rel::acts_on>(d)) {
      CAPTURE(kb()[e.object()].id);
      if (!e.negated()) CHECK(std::find(opioid.begin(), opioid.end(), e.object()) == opioid.end());
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Integrity

TEST_CASE("integrity: every claim and every affinity value has at least one source") {
  for (std::uint32_t i = 0; i < kb().claim_count(); ++i) {
    auto c = kb().claim(claim_id{i});
    CAPTURE(c.region().to_string());
    CHECK(!c.sources().empty());
  }
  for (auto e : kb().claims<rel::acts_on>())
    for (auto const& a : e.payload().affinities) {
      CAPTURE(e.region().to_string());
      CHECK(!a.sources.empty());
    }
}

TEST_CASE("integrity: every source has a well-formed identifier, or is a guideline with title, year and publisher") {
  for (auto const& s : kb().sources()) {
    CAPTURE(s.id);
    std::size_t present = 0;
    for (auto const& [scheme, value] : s.ids) {
      ++present;
      CAPTURE(scheme);
      CAPTURE(value);
      CHECK(std::find(source_schemes.begin(), source_schemes.end(), scheme) != source_schemes.end());
      CHECK(valid_identifier(scheme, value));
    }
    if (present == 0) {
      CHECK(s.kind == source_kind::guideline);
      CHECK(!s.title.empty());
      CHECK(s.year != 0);
      CHECK(!s.publisher.empty());
    }
  }
}

TEST_CASE("integrity: no two sources share an identifier") {
  // the same PMID, DOI (case-insensitive), set id, application number, URL or GtoPdb id in two sources means one
  // publication was entered twice, and claims citing it would count it as two pieces of evidence
  std::map<std::pair<std::string, std::string>, std::string> seen;  // owning: `keys` lives for one source only
  for (auto const& s : kb().sources()) {
    // a GtoPdb interaction record is named by its ligand and target together (src:gtopdb:interaction:L:T): many
    // records share a ligand or a target, none shares both
    auto ligand = identifier_in(s.ids, "gtopdb_ligand"), target = identifier_in(s.ids, "gtopdb_target");
    std::vector<identifier> keys;
    for (auto const& i : s.ids)
      if (!(ligand && target && (i.scheme == "gtopdb_ligand" || i.scheme == "gtopdb_target"))) keys.push_back(i);
    if (ligand && target) keys.push_back({"gtopdb_interaction", fmt::format("{}:{}", *ligand, *target)});
    for (auto const& [scheme, raw] : keys) {
      auto value = scheme == "doi" || scheme == "dailymed_setid" ? lower(raw) : raw;
      auto [it, inserted] = seen.emplace(std::pair{std::string(scheme), value}, s.id);
      CAPTURE(scheme);
      CAPTURE(value);
      CHECK_MESSAGE(inserted, s.id, " has the same identifier as ", it->second);
    }
  }
}

TEST_CASE("integrity: every entity that states facts has sources") {
  auto check = [](auto tag) {
    using E = decltype(tag);
    for (auto const& e : kb().all<E>()) {
      CAPTURE(e.id);
      CHECK(!e.sources.empty());
    }
  };
  check(drug{});
  check(target{});
  check(gene{});
  check(variant{});
  check(regimen{});
  check(warning{});
}

// ---------------------------------------------------------------------------------------------------------------
// GtoPdb cross-check
//
// Every non-negated acts_on claim at an opioid receptor (GtoPdb targets 317-320) is compared with the human rows
// of GtoPdb 2020.5 for the same ligand (the drug's `gtopdb_ligand` id) and target (the target's `gtopdb_target`).
// The claim agrees when one of those rows has a compatible action (`from_gtopdb` maps GtoPdb's words):
//   - the same action, or
//   - both are agonist actions and one of them is the unqualified "agonist": GtoPdb's "Agonist" does not say
//     whether the efficacy is full or partial, so it neither confirms nor contradicts our full_agonist or
//     partial_agonist, and our unqualified agonist is implied by GtoPdb's "Full agonist" or "Partial agonist".
//     A full agonist against a partial agonist is a disagreement.
// Every other claim (a different action, or no human row at all) must be listed with the reason in
// tests/data/gtopdb-differences.tsv; a listed claim that now agrees, or that no longer exists, fails as stale.

namespace {

/// Reads an RFC 4180 CSV file (quoted fields, "" escapes, line breaks inside quotes).
std::vector<std::vector<std::string>> read_csv(fs::path const& p) {
  auto const text = test::read_bytes(p);
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') { field += '"'; ++i; }
      else if (c == '"') quoted = false;
      else field += c;
      continue;
    }
    any = true;
    if (c == '"') quoted = true;
    else if (c == ',') { row.push_back(std::move(field)); field.clear(); }
    else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
      any = false;
    } else field += c;
  }
  if (any || !field.empty() || !row.empty()) {
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
  }
  return rows;
}

bool agrees(action_type ours, action_type theirs) {
  if (ours == theirs) return true;
  return is_agonist(ours) && is_agonist(theirs) && (ours == action_type::agonist || theirs == action_type::agonist);
}

struct listed_difference {
  std::string gtopdb;  ///< what GtoPdb says, as written in the file
  std::string why;
  bool used = false;
};

}  // namespace

TEST_CASE("GtoPdb cross-check: opioid-receptor actions agree with GtoPdb 2020.5 or are listed with a reason") {
  fs::path const csv = fs::path(PHARMAKON_SHARED_DIR) / "data" / "gtopdb" / "gtopdb-2020.5-interactions.csv";
  if (!fs::exists(csv)) {
    MESSAGE("skipped: ", csv.string(), " is not there (set PHARMAKON_SHARED_DIR to the shared folder)");
    return;
  }
  auto rows = read_csv(csv);
  REQUIRE(rows.size() > 1);
  auto const& header = rows[0];
  auto column = [&](std::string_view name) {
    auto it = std::find(header.begin(), header.end(), name);
    REQUIRE_MESSAGE(it != header.end(), "no column ", name, " in ", csv.string());
    return std::size_t(it - header.begin());
  };
  auto const c_target = column("target_id"), c_species = column("target_species"), c_ligand = column("ligand_id"),
             c_action = column("action");
  // (ligand id, target id) -> GtoPdb actions of the human rows
  std::map<std::pair<std::string, std::string>, std::set<std::string>> human;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    auto const& r = rows[i];
    if (r.size() != header.size()) continue;
    if (r[c_species] == "Human") human[{r[c_ligand], r[c_target]}].insert(r[c_action]);
  }
  REQUIRE(human.size() > 1000);

  // tests/data/gtopdb-differences.tsv: drug, target, ours, gtopdb, why (tab-separated; '#' starts a comment)
  std::map<std::tuple<std::string, std::string, std::string>, listed_difference> listed;
  {
    std::ifstream in(fs::path(PHARMAKON_TEST_DATA) / "gtopdb-differences.tsv");
    REQUIRE(in);
    std::string line;
    bool header_seen = false;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      std::vector<std::string> f;
      std::stringstream ss(line);
      for (std::string x; std::getline(ss, x, '\t');) f.push_back(x);
      CAPTURE(line);
      REQUIRE(f.size() == 5);
      if (!header_seen) {
        CHECK(f == std::vector<std::string>{"drug", "target", "ours", "gtopdb", "why"});
        header_seen = true;
        continue;
      }
      CHECK(f[4].size() > 20);  // an explanation, not a placeholder
      auto [it, inserted] = listed.emplace(std::tuple{f[0], f[1], f[2]}, listed_difference{f[3], f[4]});
      CHECK_MESSAGE(inserted, "listed twice");
    }
  }

  std::set<std::string> const opioid_gtopdb_targets{"317", "318", "319", "320"};
  std::size_t compared = 0, agreeing = 0;
  for (auto e : kb().claims<rel::acts_on>()) {
    if (e.negated()) continue;
    auto const& t = kb()[e.object()];
    auto target_gtopdb = t.identifier_of("gtopdb_target");
    if (!target_gtopdb || !opioid_gtopdb_targets.count(std::string(*target_gtopdb))) continue;
    auto const& d = kb()[e.subject()];
    auto ours = e.payload().type;
    auto ligand = d.identifier_of("gtopdb_ligand");
    std::set<std::string> theirs;
    if (ligand)
      if (auto it = human.find({std::string(*ligand), std::string(*target_gtopdb)}); it != human.end())
        theirs = it->second;
    std::string theirs_text;
    bool ok = false;
    for (auto const& a : theirs) {
      theirs_text += (theirs_text.empty() ? "" : "; ") + a;
      if (auto mapped = from_gtopdb(a); mapped && agrees(ours, *mapped)) ok = true;
    }
    if (theirs_text.empty()) theirs_text = "none";
    ++compared;
    auto key = std::tuple{d.id, t.id, std::string(to_string(ours))};
    auto it = listed.find(key);
    CAPTURE(d.id);
    CAPTURE(t.id);
    CAPTURE(to_string(ours));
    CAPTURE(theirs_text);
    CAPTURE(e.region().to_string());
    if (ok) {
      ++agreeing;
      CHECK_MESSAGE(it == listed.end(), "stale: listed in gtopdb-differences.tsv, but now agrees with GtoPdb");
    } else {
      CHECK_MESSAGE(it != listed.end(), "disagrees with GtoPdb and is not listed in gtopdb-differences.tsv");
      if (it == listed.end()) continue;
      CHECK_MESSAGE(it->second.gtopdb == theirs_text, "stale: the gtopdb column no longer matches the data");
    }
    if (it != listed.end()) it->second.used = true;
  }
  for (auto const& [key, diff] : listed) {
    CAPTURE(std::get<0>(key));
    CAPTURE(std::get<1>(key));
    CAPTURE(std::get<2>(key));
    CHECK_MESSAGE(diff.used, "stale: listed in gtopdb-differences.tsv, but the knowledge base has no such claim");
  }
  CHECK(compared >= 50);
  MESSAGE(compared, " opioid-receptor claims compared with GtoPdb 2020.5, ", agreeing, " agree, ", listed.size(),
          " listed differences");
}

TEST_CASE("default kb: the embedded snapshot is exactly what parsing the embedded files gives") {
  auto s = try_load_snapshot(std::as_bytes(std::span(embedded::snapshot)), "embedded:snapshot");
  REQUIRE(s);
  auto docs = default_documents();
  auto t = try_load(docs);
  REQUIRE(t);
  CHECK(s.kb->content_hash() == t.kb->content_hash());
  CHECK(s.kb->content_hash() == embedded::snapshot_content_hash);
  CHECK(s.kb->name() == t.kb->name());
  CHECK(s.kb->version() == t.kb->version());
  CHECK(s.kb->claim_count() == t.kb->claim_count());
  CHECK(s.kb->sources().size() == t.kb->sources().size());
  CHECK(s.kb->conflicts().size() == t.kb->conflicts().size());
  // the places in the files survive, so diagnostics and `show` still point into data/*.toml
  for (auto d : t.kb->handles<drug>()) {
    auto const& a = (*t.kb)[d];
    auto sd = s.kb->find<drug>(a.id);
    REQUIRE(sd);
    CHECK((*s.kb)[*sd].region.to_string() == a.region.to_string());
  }
  // every answer renders alike
  for (auto d : t.kb->handles<drug>())
    CHECK(render_json(mechanism_of(*s.kb, *s.kb->find<drug>((*t.kb)[d].id))) == render_json(mechanism_of(*t.kb, d)));
  // and default_kb() is the snapshot's knowledge base
  CHECK(default_kb().content_hash() == embedded::snapshot_content_hash);
}

TEST_CASE("default kb: a snapshot in memory is checked like a file") {
  std::vector<std::byte> bytes(std::as_bytes(std::span(embedded::snapshot)).begin(),
                               std::as_bytes(std::span(embedded::snapshot)).end());
  bytes[bytes.size() / 2] ^= std::byte{0x20};
  auto r = try_load_snapshot(std::span<std::byte const>(bytes), "flipped");
  CHECK(!r);
  REQUIRE(!r.diagnostics.empty());
  CHECK(r.diagnostics.front().code == errc::corrupt);
  CHECK(r.diagnostics.front().region.file() == "flipped");
  auto cut = try_load_snapshot(std::span<std::byte const>(bytes).first(bytes.size() / 3), "cut");
  CHECK(!cut);
  alignas(8) std::byte tiny[3] = {};
  CHECK(!try_load_snapshot(std::span<std::byte const>(tiny), "tiny"));
}
