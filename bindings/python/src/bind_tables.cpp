// KnowledgeBase._columns(table): a knowledge base as columns of plain Python values, for the pandas and networkx
// exports (written in Python, in pharmakon/_pandas.py and _networkx.py). One row per entity, source or claim.
#include <utility>

#include "common.hpp"

namespace pharmakon::python {

namespace {

/// Columns under construction, and the type of each: "str", "float", "int", "bool", "optional_bool", "list",
/// "dict", or the Python enum class whose member names the column holds.
class table {
 public:
  table(std::initializer_list<std::pair<char const*, py::object>> spec) {
    for (auto const& [name, kind] : spec) add_column(name, kind);
  }
  explicit table(std::vector<std::pair<std::string, py::object>> const& spec) {
    for (auto const& [name, kind] : spec) add_column(name, kind);
  }
  template <class... T>
  void row(T&&... values) {
    if (sizeof...(T) != lists_.size()) throw std::logic_error("table row of the wrong width");
    std::size_t i = 0;
    (lists_[i++].append(to_object(std::forward<T>(values))), ...);
  }
  /// A row whose width is known only at run time.
  void row_of(py::list const& values) {
    if (values.size() != lists_.size()) throw std::logic_error("table row of the wrong width");
    for (std::size_t i = 0; i < lists_.size(); ++i) lists_[i].append(values[i]);
  }
  void add_column(std::string const& name, py::object const& kind) {
    names_.push_back(name);
    lists_.emplace_back();
    kinds_[py::str(name)] = kind;
  }
  py::tuple result() const {
    py::dict cols;
    for (std::size_t i = 0; i < names_.size(); ++i) cols[py::str(names_[i])] = lists_[i];
    return py::make_tuple(cols, kinds_);
  }

 private:
  template <class T>
  static py::object to_object(T&& v) {
    if constexpr (std::is_base_of_v<py::handle, std::decay_t<T>>) return py::reinterpret_borrow<py::object>(v);
    else return py::cast(std::forward<T>(v));
  }
  std::vector<std::string> names_;
  std::vector<py::list> lists_;
  py::dict kinds_;
};

py::object k(char const* s) { return py::str(s); }
template <class E>
py::object e() {
  return py::type::of<E>();
}

template <class T>
py::object to_object(T&& v) {
  return py::cast(std::forward<T>(v));
}

std::string name_of(node_kind k) { return std::string(to_string(k)); }
template <named_enum E>
std::string n(E v) {
  return std::string(to_string(v));
}
std::optional<std::string> opt(std::string const& s) {
  if (s.empty()) return std::nullopt;
  return s;
}
std::optional<std::string> opt(std::string_view s) {
  if (s.empty()) return std::nullopt;
  return std::string(s);
}
std::optional<std::string> location(source_region const& r) {
  if (!r.known()) return std::nullopt;
  return r.to_string();
}
py::dict ids_dict(entity_base const& b) {
  py::dict d;
  for (auto const& i : b.ids) d[py::str(i.scheme)] = i.value;
  return d;
}
std::optional<std::string> qstr(std::optional<quantity> const& q) {
  if (!q) return std::nullopt;
  return fmt::format("{}", *q);
}

/// Kind-specific attributes of an entity (networkx node attributes). By hand, not over `record_fields<T>`: the
/// public Python names differ from the fields on purpose (`drug_class` for the KB key `class`, `target_type`,
/// `warning_kind`, `kind_label` where the field is `type` or `kind`; a regimen's `interval` for `every` and
/// `times_per_day`), and the selection too (no half-life or site sources; `min_strength` only for a rule class).
py::dict entity_attrs(knowledge_base const& kb, any_node node) {
  py::dict a;
  switch (node.kind()) {
    case node_kind::drug: {
      auto const& d = kb.get(*node.as<drug>());
      a["drug_class"] = d.drug_class;
      a["prodrug"] = d.prodrug;
      a["site"] = n(d.site);
      break;
    }
    case node_kind::effect: {
      auto const& e = kb.get(*node.as<effect>());
      a["site"] = n(e.site);
      a["combined"] = e.combined ? py::object(py::str(std::string(to_string(*e.combined)))) : py::object(py::none());
      break;
    }
    case node_kind::drug_class: {
      auto const& c = kb.get(*node.as<drug_class>());
      a["inhibitors_of"] = c.inhibitors_of;
      a["inducers_of"] = c.inducers_of;
      a["min_strength"] = c.defined_by_rule() ? py::object(py::str(std::string(to_string(c.min_strength)))) : py::object(py::none());
      break;
    }
    case node_kind::target: {
      auto const& t = kb.get(*node.as<target>());
      a["target_type"] = n(t.type);
      a["family"] = t.family;
      a["gene_symbol"] = t.gene_symbol;
      a["species"] = t.species;
      break;
    }
    case node_kind::gene: a["symbol"] = kb.get(*node.as<gene>()).symbol; break;
    case node_kind::regimen: {
      auto const& r = kb.get(*node.as<regimen>());
      a["dose"] = fmt::format("{}", r.dose);
      a["dose_max"] = qstr(r.dose_max);
      a["max_daily"] = qstr(r.max_daily);
      a["min_age"] = qstr(r.min_age);
      a["max_age"] = qstr(r.max_age);
      a["interval"] = qstr(r.interval());
      a["as_needed"] = r.as_needed;
      a["route"] = n(r.route);
      a["formulation"] = r.formulation;
      a["product"] = r.product;
      a["population"] = r.population;
      break;
    }
    case node_kind::warning: {
      auto const& w = kb.get(*node.as<warning>());
      a["warning_kind"] = n(w.kind);
      a["severity"] = n(w.severity);
      a["about"] = w.about;
      break;
    }
    case node_kind::concept_node: a["kind_label"] = kb.get(*node.as<concept_node>()).kind_label; break;
    default: break;
  }
  return a;
}

/// The payload of a claim in short ("antagonist", "associated", the imported label), or "".
std::string claim_detail(knowledge_base const& kb, claim_view c) {
  switch (c.kind()) {
    case relation_kind::acts_on: return n(kb.claim_as<rel::acts_on>(c.id())->payload().type);
    case relation_kind::modulates_response: return n(kb.claim_as<rel::modulates_response>(c.id())->payload().finding);
    case relation_kind::related: return kb.claim_as<rel::related>(c.id())->payload().label;
    case relation_kind::indicated_for: return kb.claim_as<rel::indicated_for>(c.id())->payload().adjunct;
    case relation_kind::substrate_of: return n(kb.claim_as<rel::substrate_of>(c.id())->payload().pathway);
    case relation_kind::inhibits: return n(kb.claim_as<rel::inhibits>(c.id())->payload().strength);
    case relation_kind::induces: return n(kb.claim_as<rel::induces>(c.id())->payload().strength);
    case relation_kind::has_metabolite: {
      auto active = kb.claim_as<rel::has_metabolite>(c.id())->payload().active;
      return !active ? "" : *active ? "active" : "inactive";
    }
    case relation_kind::interacts_with: return n(kb.claim_as<rel::interacts_with>(c.id())->payload().severity);
    default: return {};
  }
}

/// The payload of a claim as attributes (networkx edge attributes). The keys are the payloads' field names
/// (`description<P>`), but not walked over it: an id field that is empty is None (`formed_by`, `effect`,
/// `exposure_of`) while an empty text stays "" (`adjunct`, `outcome`, `advice`), which the description does not
/// say; and acts_on's `action` is not described (its affinities and `best_p_affinity` are not plain fields).
py::dict claim_attrs(knowledge_base const& kb, claim_view c) {
  py::dict a;
  switch (c.kind()) {
    case relation_kind::acts_on: {
      auto const& p = kb.claim_as<rel::acts_on>(c.id())->payload();
      a["action"] = n(p.type);
      a["modality"] = n(p.modality);
      a["reversible"] = p.reversible;
      a["surmountable"] = p.surmountable;
      a["efficacy"] = p.efficacy;
      a["best_p_affinity"] = p.best_p_affinity();
      break;
    }
    case relation_kind::indicated_for: a["adjunct"] = kb.claim_as<rel::indicated_for>(c.id())->payload().adjunct; break;
    case relation_kind::modulates_response: {
      auto const& p = kb.claim_as<rel::modulates_response>(c.id())->payload();
      a["finding"] = n(p.finding);
      a["outcome"] = p.outcome;
      break;
    }
    case relation_kind::related: a["label"] = kb.claim_as<rel::related>(c.id())->payload().label; break;
    case relation_kind::substrate_of: {
      auto const& p = kb.claim_as<rel::substrate_of>(c.id())->payload();
      a["pathway"] = n(p.pathway);
      a["sensitive"] = p.sensitive;
      break;
    }
    case relation_kind::inhibits: a["strength"] = n(kb.claim_as<rel::inhibits>(c.id())->payload().strength); break;
    case relation_kind::induces: a["strength"] = n(kb.claim_as<rel::induces>(c.id())->payload().strength); break;
    case relation_kind::has_metabolite: {
      auto const& p = kb.claim_as<rel::has_metabolite>(c.id())->payload();
      a["active"] = p.active;
      a["formed_by"] = opt(p.formed_by);
      break;
    }
    case relation_kind::interacts_with: {
      auto const& p = kb.claim_as<rel::interacts_with>(c.id())->payload();
      a["severity"] = n(p.severity);
      a["management"] = n(p.management);
      a["direction"] = n(p.direction);
      a["intended"] = p.intended;
      a["effect"] = opt(p.effect);
      a["exposure_of"] = opt(p.exposure_of);
      a["advice"] = p.advice;
      break;
    }
    default: break;
  }
  return a;
}

py::tuple entities_table(knowledge_base const& kb) {
  table t{{"id", k("str")},       {"kind", e<node_kind>()}, {"name", k("str")},    {"synonyms", k("list")},
          {"identifiers", k("dict")}, {"sources", k("list")}, {"location", k("str")}, {"attrs", k("dict")}};
  auto st = kb.stats();
  for (std::size_t i = 0; i < node_kind_count; ++i)
    for (std::uint32_t j = 0; j < st.nodes[i]; ++j) {
      any_node node(node_kind(i), j);
      auto const& b = kb.base(node);
      t.row(b.id, name_of(node.kind()), b.name, b.synonyms, ids_dict(b), source_ids(kb, b.sources),
            location(b.region), entity_attrs(kb, node));
    }
  return t.result();
}

py::tuple drugs_table(knowledge_base const& kb) {
  table t{{"id", k("str")},       {"name", k("str")},    {"drug_class", k("str")}, {"synonyms", k("list")},
          {"identifiers", k("dict")}, {"n_targets", k("int")}, {"prodrug", k("bool")}, {"site", e<site>()},
          {"sources", k("list")}};
  for (auto d : kb.handles<drug>()) {
    auto const& x = kb[d];
    std::size_t targets = 0;
    for (auto c : kb.out<rel::acts_on>(d)) targets += c.negated() ? 0 : 1;
    t.row(x.id, x.name, x.drug_class, x.synonyms, ids_dict(x), targets, x.prodrug, n(x.site),
          source_ids(kb, x.sources));
  }
  return t.result();
}

py::tuple targets_table(knowledge_base const& kb) {
  table t{{"id", k("str")},          {"name", k("str")},     {"type", e<target_type>()}, {"family", k("str")},
          {"gene_symbol", k("str")}, {"species", k("str")},  {"synonyms", k("list")},     {"identifiers", k("dict")},
          {"sources", k("list")}};
  for (auto id : kb.handles<target>()) {
    auto const& x = kb[id];
    t.row(x.id, x.name, n(x.type), x.family, x.gene_symbol, x.species, x.synonyms, ids_dict(x),
          source_ids(kb, x.sources));
  }
  return t.result();
}

py::tuple sources_table(knowledge_base const& kb) {
  // a column per identifier scheme (`source_schemes`), between the year and the citation
  std::vector<std::pair<std::string, py::object>> spec{{"id", k("str")},    {"kind", e<source_kind>()},
                                                       {"tier", e<evidence_tier>()}, {"title", k("str")},
                                                       {"authors", k("str")}, {"publisher", k("str")},
                                                       {"year", k("int")}};
  for (auto scheme : source_schemes) spec.emplace_back(std::string(scheme), k("str"));
  spec.emplace_back("citation", k("str"));
  spec.emplace_back("unverified", k("bool"));
  table t(spec);
  for (auto const& s : kb.sources()) {
    py::list row;
    for (auto v : {to_object(s.id), to_object(n(s.kind)), to_object(n(s.tier())), to_object(s.title),
                   to_object(opt(s.authors)), to_object(opt(s.publisher)),
                   to_object(s.year ? std::optional<int>(s.year) : std::nullopt)})
      row.append(v);
    for (auto scheme : source_schemes) row.append(to_object(opt(s.identifier_or_empty(scheme))));
    row.append(to_object(s.citation_id()));
    row.append(to_object(s.unverified));
    t.row_of(row);
  }
  return t.result();
}

py::tuple claims_table(knowledge_base const& kb) {
  table t{{"claim_id", k("int")},     {"relation", e<relation_kind>()}, {"subject_id", k("str")},
          {"subject_kind", e<node_kind>()}, {"object_id", k("str")},   {"object_kind", e<node_kind>()},
          {"detail", k("str")},       {"tier", e<evidence_tier>()},     {"negated", k("bool")},
          {"hypothesis", k("bool")},  {"unverified", k("bool")},        {"sources", k("list")},
          {"note", k("str")},         {"location", k("str")},           {"attrs", k("dict")}};
  for (std::uint32_t i = 0; i < kb.claim_count(); ++i) {
    auto c = kb.claim(claim_id{i});
    auto from = c.subject(), to = c.object();
    t.row(i, n(c.kind()), kb.base(from).id, name_of(from.kind()), kb.base(to).id, name_of(to.kind()),
          opt(claim_detail(kb, c)), n(c.tier()), c.negated(), c.hypothesis(), c.unverified(),
          source_ids(kb, c.sources()), opt(c.note()), location(c.region()), claim_attrs(kb, c));
  }
  return t.result();
}

py::tuple actions_table(knowledge_base const& kb) {
  table t{{"claim_id", k("int")},        {"drug_id", k("str")},          {"drug", k("str")},
          {"target_id", k("str")},       {"target", k("str")},           {"gene_symbol", k("str")},
          {"action", e<action_type>()},  {"chembl_action", k("str")},    {"modality", e<modality>()},
          {"reversible", k("optional_bool")}, {"surmountable", k("optional_bool")}, {"efficacy", k("float")},
          {"best_p_affinity", k("float")}, {"n_affinities", k("int")},   {"tier", e<evidence_tier>()},
          {"negated", k("bool")},        {"hypothesis", k("bool")},      {"unverified", k("bool")},
          {"sources", k("list")},        {"note", k("str")}};
  for (auto c : kb.claims<rel::acts_on>()) {
    auto const& d = kb[c.subject()];
    auto const& x = kb[c.object()];
    auto const& p = c.payload();
    t.row(c.id().index(), d.id, d.name, x.id, x.name, x.gene_symbol, n(p.type), std::string(to_chembl(p.type)),
          n(p.modality), p.reversible, p.surmountable, p.efficacy, p.best_p_affinity(), p.affinities.size(),
          n(c.tier()), c.negated(), c.hypothesis(), c.unverified(), source_ids(kb, c.sources()), opt(c.note()));
  }
  return t.result();
}

py::tuple affinities_table(knowledge_base const& kb) {
  table t{{"claim_id", k("int")},       {"drug_id", k("str")}, {"drug", k("str")},     {"target_id", k("str")},
          {"target", k("str")},         {"action", e<action_type>()}, {"measure", e<affinity_measure>()},
          {"value", k("float")},        {"low", k("float")},   {"high", k("float")},   {"unit", k("str")},
          {"central", k("float")},      {"p_value", k("float")}, {"species", k("str")}, {"sources", k("list")}};
  for (auto c : kb.claims<rel::acts_on>()) {
    auto const& d = kb[c.subject()];
    auto const& x = kb[c.object()];
    for (auto const& a : c.payload().affinities)
      t.row(c.id().index(), d.id, d.name, x.id, x.name, n(c.payload().type), n(a.measure), a.value, a.low, a.high,
            a.conc_unit ? std::optional<std::string>(std::string(info(*a.conc_unit).symbol)) : std::nullopt,
            a.central(), a.p_value(), a.species, source_ids(kb, a.sources));
  }
  return t.result();
}

template <relation R>
void effect_rows(knowledge_base const& kb, table& t) {
  for (auto c : kb.claims<R>()) {
    auto const& d = kb[c.subject()];
    auto const& x = kb[c.object()];
    std::vector<std::string> via;
    for (auto m : kb.out<rel::mediated_by>(c.object()))
      if (!m.negated()) via.push_back(kb[m.object()].id);
    t.row(c.id().index(), d.id, d.name, n(R::kind), x.id, x.name, via, n(c.tier()), c.negated(), c.hypothesis(),
          c.unverified(), source_ids(kb, c.sources()), opt(c.note()));
  }
}

py::tuple effects_table(knowledge_base const& kb) {
  table t{{"claim_id", k("int")},  {"drug_id", k("str")},      {"drug", k("str")},     {"relation", e<relation_kind>()},
          {"effect_id", k("str")}, {"effect", k("str")},       {"mediated_by", k("list")}, {"tier", e<evidence_tier>()},
          {"negated", k("bool")},  {"hypothesis", k("bool")},  {"unverified", k("bool")}, {"sources", k("list")},
          {"note", k("str")}};
  effect_rows<rel::produces>(kb, t);
  effect_rows<rel::blocks>(kb, t);
  effect_rows<rel::reduces>(kb, t);
  return t.result();
}

py::tuple regimens_table(knowledge_base const& kb) {
  table t{{"claim_id", k("int")},     {"drug_id", k("str")},      {"drug", k("str")},        {"regimen_id", k("str")},
          {"name", k("str")},         {"dose", k("float")},       {"dose_max", k("float")},  {"dose_unit", k("str")},
          {"dose_dimension", k("str")}, {"interval_h", k("float")}, {"every", k("str")},     {"times_per_day", k("int")},
          {"as_needed", k("bool")},   {"route", e<route>()},      {"formulation", k("str")}, {"product", k("str")},
          {"population", k("str")},   {"conditions", k("list")},  {"preconditions", k("list")},
          {"tier", e<evidence_tier>()}, {"negated", k("bool")},   {"sources", k("list")}};
  for (auto c : kb.claims<rel::dosed_as>()) {
    auto const& d = kb[c.subject()];
    auto const& r = kb[c.object()];
    std::optional<double> dose_max;
    if (r.dose_max)
      if (auto q = r.dose_max->to(r.dose.unit_of())) dose_max = q->value();
    std::optional<double> interval_h;
    if (auto i = r.interval()) interval_h = i->base_value();
    std::vector<std::string> conditions, pre;
    for (auto x : kb.out<rel::regimen_for>(c.object()))
      if (!x.negated()) conditions.push_back(kb[x.object()].id);
    for (auto const& p : r.preconditions) {
      std::string s(to_string(p.kind));
      if (p.min) s += fmt::format(" min {}", *p.min);
      if (p.recommended) s += fmt::format(" recommended {}", *p.recommended);
      pre.push_back(std::move(s));
    }
    t.row(c.id().index(), d.id, d.name, r.id, r.name, r.dose.value(), dose_max,
          std::string(info(r.dose.unit_of()).symbol), std::string(to_string(r.dose.dim())), interval_h,
          qstr(r.every), r.times_per_day, r.as_needed, n(r.route), r.formulation, r.product, r.population, conditions,
          pre, n(c.tier()), c.negated(), source_ids(kb, c.sources()));
  }
  return t.result();
}

py::tuple warnings_table(knowledge_base const& kb) {
  table t{{"claim_id", k("int")},     {"drug_id", k("str")},          {"drug", k("str")},
          {"warning_id", k("str")},   {"warning_kind", e<warning_kind>()}, {"severity", e<severity>()},
          {"about", k("str")},        {"concerns", k("list")},        {"concerns_actions", k("list")},
          {"tier", e<evidence_tier>()}, {"negated", k("bool")},       {"sources", k("list")}};
  for (auto c : kb.claims<rel::carries>()) {
    auto const& d = kb[c.subject()];
    auto const& w = kb[c.object()];
    std::vector<std::string> concerns, actions;
    for (auto x : kb.out<rel::concerns>(c.object()))
      if (!x.negated()) concerns.push_back(kb[x.object()].id);
    for (auto a : w.concerns_action) actions.push_back(n(a));
    t.row(c.id().index(), d.id, d.name, w.id, n(w.kind), n(w.severity), w.about, concerns, actions, n(c.tier()),
          c.negated(), source_ids(kb, c.sources()));
  }
  return t.result();
}

py::tuple indications_table(knowledge_base const& kb) {
  table t{{"claim_id", k("int")},   {"drug_id", k("str")},   {"drug", k("str")},
          {"condition_id", k("str")}, {"condition", k("str")}, {"adjunct", k("str")},
          {"tier", e<evidence_tier>()}, {"negated", k("bool")}, {"hypothesis", k("bool")},
          {"sources", k("list")},   {"note", k("str")}};
  for (auto c : kb.claims<rel::indicated_for>()) {
    auto const& d = kb[c.subject()];
    auto const& x = kb[c.object()];
    t.row(c.id().index(), d.id, d.name, x.id, x.name, opt(c.payload().adjunct), n(c.tier()), c.negated(),
          c.hypothesis(), source_ids(kb, c.sources()), opt(c.note()));
  }
  return t.result();
}

py::tuple pgx_table(knowledge_base const& kb) {
  table t{{"claim_id", k("int")},    {"variant_id", k("str")},      {"variant", k("str")},
          {"gene", k("str")},        {"drug_id", k("str")},         {"drug", k("str")},
          {"finding", e<pgx_finding>()}, {"outcome", k("str")},     {"tier", e<evidence_tier>()},
          {"negated", k("bool")},    {"unverified", k("bool")},     {"sources", k("list")},
          {"note", k("str")}};
  for (auto c : kb.claims<rel::modulates_response>()) {
    auto const& v = kb[c.subject()];
    auto const& d = kb[c.object()];
    std::optional<std::string> g;
    for (auto x : kb.out<rel::variant_of>(c.subject()))
      if (!x.negated()) {
        g = kb[x.object()].symbol.empty() ? kb[x.object()].name : kb[x.object()].symbol;
        break;
      }
    t.row(c.id().index(), v.id, v.name, g, d.id, d.name, n(c.payload().finding), c.payload().outcome, n(c.tier()),
          c.negated(), c.unverified(), source_ids(kb, c.sources()), opt(c.note()));
  }
  return t.result();
}

}  // namespace

void bind_tables(py::module_& m) {
  auto cls = py::reinterpret_borrow<py::class_<knowledge_base>>(m.attr("KnowledgeBase"));
  cls.def(
      "_columns",
      [](knowledge_base const& kb, std::string const& what) -> py::tuple {
        if (what == "entities") return entities_table(kb);
        if (what == "drugs") return drugs_table(kb);
        if (what == "targets") return targets_table(kb);
        if (what == "sources") return sources_table(kb);
        if (what == "claims") return claims_table(kb);
        if (what == "actions") return actions_table(kb);
        if (what == "affinities") return affinities_table(kb);
        if (what == "effects") return effects_table(kb);
        if (what == "regimens") return regimens_table(kb);
        if (what == "warnings") return warnings_table(kb);
        if (what == "indications") return indications_table(kb);
        if (what == "pharmacogenetics") return pgx_table(kb);
        throw usage_error(errc::unknown_enum,
                          fmt::format("table: expected one of {}, found '{}'",
                                      "actions | affinities | claims | drugs | effects | entities | indications | "
                                      "pharmacogenetics | regimens | sources | targets | warnings",
                                      what));
      },
      py::arg("table"),
      "Internal: the table `table` as ({column: list of values}, {column: type}), where a type is \"str\", "
      "\"float\", \"int\", \"bool\", \"optional_bool\", \"list\", \"dict\" or the enum class whose member names "
      "the column holds. Used by to_pandas() and to_networkx().");
}

}  // namespace pharmakon::python
