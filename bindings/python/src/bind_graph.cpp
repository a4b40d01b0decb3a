// KnowledgeBase, entity views (Drug, Target, ...), claim views (Action, ...) and loading.
#include <algorithm>

#include "common.hpp"

namespace pharmakon::python {

namespace {

// ----- conversions ----------------------------------------------------------------------------------------------

template <entity_type E>
py::object view_of(knowledge_base const& kb, node_id<E> id) {
  return py::cast(entity_view<E>{{kb, any_node(id)}});
}

template <class Ref>
py::object claim_of(knowledge_base const& kb, std::uint32_t c) {
  if constexpr (std::is_same_v<Ref, claim_ref>) return py::cast(claim_ref{kb, c});
  else return py::cast(Ref{{kb, c}});
}

template <class Range>
py::list claims_list(knowledge_base const& kb, Range&& r) {
  py::list out;
  for (auto e : r) out.append(wrap_claim(kb, e.id().index()));
  return out;
}

/// Entities at the far end of the claims of R leaving `from` (negated claims skipped).
template <relation R>
py::list out_entities(knowledge_base const& kb, from_id_t<R> from) {
  py::list out;
  for (auto e : kb.out<R>(from))
    if (!e.negated()) out.append(wrap_node(kb, any_node(e.object())));
  return out;
}
/// Entities at the near end of the claims of R arriving at `to` (negated claims skipped).
template <relation R>
py::list in_entities(knowledge_base const& kb, to_id_t<R> to) {
  py::list out;
  for (auto e : kb.in<R>(to))
    if (!e.negated()) out.append(wrap_node(kb, any_node(e.subject())));
  return out;
}

/// Whether drug `d` belongs to the rule-defined class `c`: it inhibits (induces) the class's target with at least
/// the class's strength (strong < moderate < weak), the rule screen_interactions applies.
bool rule_member(knowledge_base const& kb, drug_id d, drug_class const& c) {
  auto matches = [&](auto range, std::string const& want) {
    if (want.empty()) return false;
    for (auto e : range)
      if (!e.negated() && kb[e.object()].id == want && e.payload().strength <= c.min_strength) return true;
    return false;
  };
  return matches(kb.out<rel::inhibits>(d), c.inhibitors_of) || matches(kb.out<rel::induces>(d), c.inducers_of);
}

/// The classes of a drug: those its (non-negated) member_of claims state, then the rule-defined classes it meets.
py::list classes_of(knowledge_base const& kb, drug_id d) {
  std::vector<class_id> ids;
  auto add = [&](class_id c) {
    if (std::find(ids.begin(), ids.end(), c) == ids.end()) ids.push_back(c);
  };
  for (auto m : kb.out<rel::member_of>(d))
    if (!m.negated()) add(m.object());
  for (auto c : kb.handles<drug_class>())
    if (kb[c].defined_by_rule() && rule_member(kb, d, kb[c])) add(c);
  py::list out;
  for (auto c : ids) out.append(wrap_node(kb, any_node(c)));
  return out;
}

/// The members of a class: the drugs stated to belong to it, then those its rule admits.
py::list members_of(knowledge_base const& kb, class_id c) {
  std::vector<drug_id> ids;
  auto add = [&](drug_id d) {
    if (std::find(ids.begin(), ids.end(), d) == ids.end()) ids.push_back(d);
  };
  for (auto m : kb.in<rel::member_of>(c))
    if (!m.negated()) add(m.subject());
  if (kb[c].defined_by_rule())
    for (auto d : kb.handles<drug>())
      if (rule_member(kb, d, kb[c])) add(d);
  py::list out;
  for (auto d : ids) out.append(wrap_node(kb, any_node(d)));
  return out;
}

template <relation R>
py::object first_out(knowledge_base const& kb, from_id_t<R> from) {
  for (auto e : kb.out<R>(from))
    if (!e.negated()) return wrap_node(kb, any_node(e.object()));
  return py::none();
}

py::dict identifiers_of(entity_base const& b) {
  py::dict d;
  for (auto const& i : b.ids) d[py::str(i.scheme)] = i.value;
  return d;
}

std::string document_text(py::handle text) {
  if (py::isinstance<py::bytes>(text)) return text.cast<std::string>();
  if (py::isinstance<py::str>(text)) {
    Py_ssize_t n = 0;
    char const* p = PyUnicode_AsUTF8AndSize(text.ptr(), &n);
    if (!p) throw py::error_already_set();  // e.g. a lone surrogate: UnicodeEncodeError (a ValueError)
    return std::string(p, std::size_t(n));
  }
  throw py::type_error("expected the text of a knowledge-base file (str or bytes), got " + type_name(text));
}

}  // namespace

knowledge_base const* base_of(py::handle base) {
  if (base.is_none()) return nullptr;
  if (!py::isinstance<knowledge_base>(base))
    throw py::type_error("base: expected a KnowledgeBase or None, got " + type_name(base));
  return &base.cast<knowledge_base const&>();
}

namespace {

knowledge_base load_paths(py::handle paths, knowledge_base const* base) {
  auto ps = to_paths(paths);
  load_result r;
  {
    py::gil_scoped_release nogil;
    r = try_load_files(ps, base);
  }
  if (!r) throw load_error(std::move(r.diagnostics));
  return std::move(*r.kb);
}

knowledge_base load_text(py::handle text, std::string const& name, knowledge_base const* base) {
  document d{name, document_text(text)};
  load_result r;
  {
    py::gil_scoped_release nogil;
    r = try_load(std::span(&d, 1), base);
  }
  if (!r) throw load_error(std::move(r.diagnostics));
  return std::move(*r.kb);
}

std::optional<node_kind> kind_arg(py::handle h) {
  if (h.is_none()) return std::nullopt;
  return to_enum<node_kind>(h, "kind");
}
std::optional<relation_kind> relation_arg(py::handle h) {
  if (h.is_none()) return std::nullopt;
  return to_enum<relation_kind>(h, "relation");
}

template <entity_type E>
py::list all_of(knowledge_base const& kb) {
  py::list out;
  for (auto id : kb.handles<E>()) out.append(view_of(kb, id));
  return out;
}

py::list entities_of(knowledge_base const& kb, std::optional<node_kind> k) {
  py::list out;
  auto st = kb.stats();
  for (std::size_t i = 0; i < node_kind_count; ++i) {
    if (k && std::size_t(*k) != i) continue;
    for (std::uint32_t j = 0; j < st.nodes[i]; ++j) out.append(wrap_node(kb, any_node(node_kind(i), j)));
  }
  return out;
}

[[noreturn]] void throw_unknown_any(knowledge_base const& kb, std::string const& name) {
  std::vector<std::string> sugg;
  for (auto k : enum_values<node_kind>())
    for (auto& s : kb.suggest(name, k, 2))
      if (std::find(sugg.begin(), sugg.end(), s) == sugg.end()) sugg.push_back(s);
  if (sugg.size() > 3) sugg.resize(3);
  std::string msg = fmt::format("unknown name '{}'", name);
  if (!sugg.empty()) msg += fmt::format("; did you mean {}?", fmt::join(sugg, ", "));
  throw lookup_error(std::move(msg), name, std::move(sugg));
}

std::string entity_repr(entity_ref const& e, char const* cls) {
  auto const& b = e.base();
  return fmt::format("<{} {} '{}'>", cls, b.id, b.name);
}

bool same_kb(knowledge_base const& a, knowledge_base const& b) { return a.same_as(b); }

template <class E>
py::class_<entity_view<E>, entity_ref> bind_entity(py::module_& m, char const* name, char const* doc) {
  py::class_<entity_view<E>, entity_ref> c(m, name, doc);
  c.def("__repr__", [name](entity_view<E> const& e) { return entity_repr(e, name); });
  return c;
}

py::list claims_of_node(entity_ref const& e, std::string const& direction, std::optional<relation_kind> rel) {
  if (direction != "out" && direction != "in" && direction != "both")
    throw usage_error(errc::unknown_enum,
                      fmt::format("direction: expected one of out | in | both, found '{}'", direction));
  auto const& g = e.kb.graph();
  auto v = e.kb.vertex(e.node);
  py::list out;
  if (direction != "in")
    for (auto [it, end] = boost::out_edges(v, g); it != end; ++it) {
      auto c = std::uint32_t(it->idx);
      if (!rel || e.kb.claim(claim_id{c}).kind() == *rel) out.append(wrap_claim(e.kb, c));
    }
  if (direction != "out")
    for (auto [it, end] = boost::in_edges(v, g); it != end; ++it) {
      auto c = std::uint32_t(it->idx);
      if (!rel || e.kb.claim(claim_id{c}).kind() == *rel) out.append(wrap_claim(e.kb, c));
    }
  return out;
}

}  // namespace

// ----- wrap -----------------------------------------------------------------------------------------------------

py::object wrap_node(knowledge_base const& kb, any_node n) {
  switch (n.kind()) {
    case node_kind::drug: return py::cast(entity_view<drug>{{kb, n}});
    case node_kind::target: return py::cast(entity_view<target>{{kb, n}});
    case node_kind::gene: return py::cast(entity_view<gene>{{kb, n}});
    case node_kind::variant: return py::cast(entity_view<variant>{{kb, n}});
    case node_kind::effect: return py::cast(entity_view<effect>{{kb, n}});
    case node_kind::condition: return py::cast(entity_view<condition>{{kb, n}});
    case node_kind::regimen: return py::cast(entity_view<regimen>{{kb, n}});
    case node_kind::warning: return py::cast(entity_view<warning>{{kb, n}});
    case node_kind::drug_class: return py::cast(entity_view<drug_class>{{kb, n}});
    case node_kind::concept_node: return py::cast(entity_view<concept_node>{{kb, n}});
  }
  return py::cast(entity_ref{kb, n});
}

py::object wrap_claim(knowledge_base const& kb, std::uint32_t c) {
  switch (kb.claim(claim_id{c}).kind()) {
    case relation_kind::acts_on: return claim_of<action_ref>(kb, c);
    case relation_kind::produces:
    case relation_kind::blocks:
    case relation_kind::reduces: return claim_of<effect_claim_ref>(kb, c);
    case relation_kind::indicated_for: return claim_of<indication_ref>(kb, c);
    case relation_kind::modulates_response: return claim_of<pgx_ref>(kb, c);
    case relation_kind::related: return claim_of<related_ref>(kb, c);
    default: return claim_of<claim_ref>(kb, c);
  }
}

// ----- bindings -------------------------------------------------------------------------------------------------

void bind_graph(py::module_& m) {
  // ----- entities -----
  py::class_<entity_ref>(m, "Entity",
                         "An entity (node) of a knowledge base. It holds its knowledge base, so it stays valid as "
                         "long as you hold it. Two entity objects are equal when they are the same node of the same "
                         "loaded knowledge base.")
      .def_property_readonly("id", [](entity_ref const& e) { return e.base().id; },
                             "The stable string id with its kind prefix, e.g. \"drug:naltrexone\".")
      .def_property_readonly("kind", [](entity_ref const& e) { return e.node.kind(); }, "The NodeKind.")
      .def_property_readonly("name", [](entity_ref const& e) { return e.base().name; }, "The preferred name.")
      .def_property_readonly("lay_name", [](entity_ref const& e) -> std::optional<std::string> {
                               auto const& l = e.base().lay_name;
                               return l.empty() ? std::nullopt : std::optional<std::string>(l);
                             },
                             "The name in plain words for patients, or None.")
      .def_property_readonly("synonyms", [](entity_ref const& e) { return e.base().synonyms; },
                             "Brand names, abbreviations, Greek letters: all searchable (list of str).")
      .def_property_readonly("identifiers", [](entity_ref const& e) { return identifiers_of(e.base()); },
                             "External identifiers by scheme, e.g. {\"chembl\": \"CHEMBL19019\"}.")
      .def_property_readonly("sources", [](entity_ref const& e) { return sources_list(e.kb, e.base().sources); },
                             "Sources of the entity's own statements (identity, classification).")
      .def_property_readonly("location", [](entity_ref const& e) { return location_of(e.base().region); },
                             "Where the entity was declared (\"file:line:column\"), or None.")
      .def("claims", [](entity_ref const& e, std::string const& direction,
                        py::object relation) { return claims_of_node(e, direction, relation_arg(relation)); },
           py::arg("direction") = "out", py::arg("relation") = py::none(),
           "Claims that leave (\"out\"), reach (\"in\") or touch (\"both\") this entity, optionally of one "
           "Relation (or its name). Negated claims are included (see Claim.negated).")
      .def("__eq__", [](entity_ref const& a, py::object const& b) -> py::object {
        if (!py::isinstance<entity_ref>(b)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
        auto const& o = b.cast<entity_ref const&>();
        return py::bool_(same_kb(a.kb, o.kb) && a.node == o.node);
      })
      .def("__hash__", [](entity_ref const& e) { return py::hash(py::str(e.base().id)); })
      .def("__repr__", [](entity_ref const& e) { return entity_repr(e, "Entity"); });

  bind_entity<drug>(m, "Drug", "A drug. `actions`, `effects`, ... follow its claims in the knowledge base.")
      .def_property_readonly("drug_class", [](entity_view<drug> const& d) { return d.get().drug_class; },
                             "The drug's class, e.g. \"opioid receptor antagonist\".")
      .def_property_readonly("prodrug", [](entity_view<drug> const& d) { return d.get().prodrug; },
                             "True when the drug acts mainly through an active metabolite.")
      .def_property_readonly("site", [](entity_view<drug> const& d) { return d.get().site; },
                             "Where it acts (Site): peripheral drugs do not reach the brain to a relevant extent.")
      .def_property_readonly(
          "half_life",
          [](entity_view<drug> const& d) -> py::object {
            auto const& h = d.get().half_life;
            if (!h) return py::none();
            py::dict out;
            out["low"] = h->low;
            out["high"] = h->high;
            out["sources"] = sources_list(d.kb, h->sources);
            out["note"] = h->note;
            return out;
          },
          "The elimination half-life as its sources give it: {\"low\": Quantity, \"high\": Quantity (equal for one "
          "value), \"sources\": [Source], \"note\": str}, or None.")
      .def_property_readonly(
          "classes", [](entity_view<drug> const& d) { return classes_of(d.kb, d.id()); },
          "The drug classes it belongs to (list of DrugClass): those its member_of claims state, then the classes "
          "defined by a rule it meets (it inhibits or induces the class's target strongly enough), as the "
          "interaction screen sees them.")
      .def_property_readonly(
          "actions", [](entity_view<drug> const& d) { return claims_list(d.kb, d.kb.out<rel::acts_on>(d.id())); },
          "Every acts_on claim of the drug (list of Action), including negated and disputed ones.")
      .def_property_readonly(
          "effects",
          [](entity_view<drug> const& d) {
            py::list out;
            for (auto e : d.kb.out<rel::produces>(d.id())) out.append(wrap_claim(d.kb, e.id().index()));
            for (auto e : d.kb.out<rel::blocks>(d.id())) out.append(wrap_claim(d.kb, e.id().index()));
            for (auto e : d.kb.out<rel::reduces>(d.id())) out.append(wrap_claim(d.kb, e.id().index()));
            return out;
          },
          "Produces/blocks/reduces claims of the drug (list of EffectClaim).")
      .def_property_readonly("regimens",
                             [](entity_view<drug> const& d) { return out_entities<rel::dosed_as>(d.kb, d.id()); },
                             "The drug's dosing regimens (list of Regimen).")
      .def_property_readonly("warnings",
                             [](entity_view<drug> const& d) { return out_entities<rel::carries>(d.kb, d.id()); },
                             "Warnings the drug carries (list of DrugWarning).")
      .def_property_readonly(
          "indications",
          [](entity_view<drug> const& d) { return claims_list(d.kb, d.kb.out<rel::indicated_for>(d.id())); },
          "Indication claims (list of IndicationClaim).")
      .def_property_readonly(
          "pharmacogenetics",
          [](entity_view<drug> const& d) { return claims_list(d.kb, d.kb.in<rel::modulates_response>(d.id())); },
          "Variants reported to modulate the response to the drug (list of PgxClaim).");

  bind_entity<target>(m, "Target", "A drug target: receptor, enzyme, transporter or ion channel.")
      .def_property_readonly("type", [](entity_view<target> const& t) { return t.get().type; }, "A TargetType.")
      .def_property_readonly("family", [](entity_view<target> const& t) { return t.get().family; },
                             "e.g. \"opioid receptors (GPCR)\".")
      .def_property_readonly("gene_symbol", [](entity_view<target> const& t) { return t.get().gene_symbol; },
                             "HGNC symbol of the encoding gene, e.g. \"OPRM1\".")
      .def_property_readonly("species", [](entity_view<target> const& t) { return t.get().species; },
                             "e.g. \"human\".")
      .def_property_readonly("gene",
                             [](entity_view<target> const& t) { return first_out<rel::encoded_by>(t.kb, t.id()); },
                             "The Gene entity (through encoded_by), or None.")
      .def_property_readonly(
          "actions", [](entity_view<target> const& t) { return claims_list(t.kb, t.kb.in<rel::acts_on>(t.id())); },
          "Every acts_on claim that reaches the target: the drugs acting on it (list of Action).");

  bind_entity<gene>(m, "Gene", "A gene.")
      .def_property_readonly("symbol", [](entity_view<gene> const& g) { return g.get().symbol; }, "HGNC symbol.")
      .def_property_readonly("targets",
                             [](entity_view<gene> const& g) { return in_entities<rel::encoded_by>(g.kb, g.id()); },
                             "Targets encoded by the gene (list of Target).")
      .def_property_readonly("variants",
                             [](entity_view<gene> const& g) { return in_entities<rel::variant_of>(g.kb, g.id()); },
                             "Variants of the gene (list of Variant).");

  bind_entity<variant>(m, "Variant", "A genetic variant.")
      .def_property_readonly("gene",
                             [](entity_view<variant> const& v) { return first_out<rel::variant_of>(v.kb, v.id()); },
                             "The Gene (through variant_of), or None.")
      .def_property_readonly(
          "pharmacogenetics",
          [](entity_view<variant> const& v) {
            return claims_list(v.kb, v.kb.out<rel::modulates_response>(v.id()));
          },
          "Drug-response findings about the variant (list of PgxClaim).");

  bind_entity<effect>(m, "Effect", "A physiological effect or process.")
      .def_property_readonly("site", [](entity_view<effect> const& e) { return e.get().site; },
                             "Where it arises (Site): a peripheral antagonist blocks only peripheral effects.")
      .def_property_readonly("combined", [](entity_view<effect> const& e) { return e.get().combined; },
                             "The InteractionSeverity the screen gives two drugs that both produce the effect through "
                             "different targets, when no label states the combination; None: such effects do not "
                             "add up.")
      .def_property_readonly("mediated_by",
                             [](entity_view<effect> const& e) { return out_entities<rel::mediated_by>(e.kb, e.id()); },
                             "Targets the effect is mediated by (list of Target).");

  bind_entity<condition>(m, "Condition", "A condition (indication).")
      .def_property_readonly(
          "indications",
          [](entity_view<condition> const& c) { return claims_list(c.kb, c.kb.in<rel::indicated_for>(c.id())); },
          "Drugs indicated for the condition (list of IndicationClaim).")
      .def_property_readonly(
          "regimens", [](entity_view<condition> const& c) { return in_entities<rel::regimen_for>(c.kb, c.id()); },
          "Regimens for the condition (list of Regimen).");

  bind_entity<regimen>(m, "Regimen",
                       "A dosing regimen: a fixed dose, or a range [dose, dose_max], every `interval`.")
      .def_property_readonly("dose", [](entity_view<regimen> const& r) { return r.get().dose; },
                             "Mass or volume per administration (Quantity).")
      .def_property_readonly("dose_max", [](entity_view<regimen> const& r) { return r.get().dose_max; },
                             "Upper end of a dose range, or None.")
      .def_property_readonly("max_daily", [](entity_view<regimen> const& r) { return r.get().max_daily; },
                             "Labeled maximum total dose in 24 h (Quantity), or None when the source states none.")
      .def_property_readonly("min_age", [](entity_view<regimen> const& r) { return r.get().min_age; },
                             "The youngest age it is for (Quantity), or None when the source states none.")
      .def_property_readonly("max_age", [](entity_view<regimen> const& r) { return r.get().max_age; },
                             "The age it is for patients younger than (Quantity, exclusive), or None.")
      .def_property_readonly("every", [](entity_view<regimen> const& r) { return r.get().every; },
                             "The dosing interval as stated, or None.")
      .def_property_readonly("times_per_day", [](entity_view<regimen> const& r) { return r.get().times_per_day; },
                             "A daily frequency, when the source states one instead of an interval, or None.")
      .def_property_readonly("interval", [](entity_view<regimen> const& r) { return r.get().interval(); },
                             "The dosing interval, from `every` or 24 h / `times_per_day`; None for one-off use.")
      .def_property_readonly("as_needed", [](entity_view<regimen> const& r) { return r.get().as_needed; },
                             "True when repeated as needed.")
      .def_property_readonly("route", [](entity_view<regimen> const& r) { return r.get().route; }, "A Route.")
      .def_property_readonly("formulation", [](entity_view<regimen> const& r) { return r.get().formulation; },
                             "e.g. \"tablet\".")
      .def_property_readonly("product", [](entity_view<regimen> const& r) { return r.get().product; },
                             "Brand, e.g. \"Vivitrol\".")
      .def_property_readonly("population", [](entity_view<regimen> const& r) { return r.get().population; },
                             "e.g. \"adults\".")
      .def_property_readonly("preconditions", [](entity_view<regimen> const& r) { return r.get().preconditions; },
                             "What must hold before the first dose (list of Precondition).")
      .def_property_readonly(
          "conditions", [](entity_view<regimen> const& r) { return out_entities<rel::regimen_for>(r.kb, r.id()); },
          "Conditions the regimen is for (list of Condition).")
      .def_property_readonly("drugs",
                             [](entity_view<regimen> const& r) { return in_entities<rel::dosed_as>(r.kb, r.id()); },
                             "Drugs dosed with the regimen (list of Drug).");

  bind_entity<warning>(m, "DrugWarning",
                       "A boxed warning, contraindication, warning or precaution a drug carries (named so as not to "
                       "shadow Python's builtin Warning).")
      .def_property_readonly("warning_kind", [](entity_view<warning> const& w) { return w.get().kind; },
                             "A WarningKind (`kind` is the NodeKind, as for every entity).")
      .def_property_readonly("severity", [](entity_view<warning> const& w) { return w.get().severity; },
                             "A Severity.")
      .def_property_readonly("about", [](entity_view<warning> const& w) { return w.get().about; },
                             "What it is about, in the curator's words.")
      .def_property_readonly("concerns_actions", [](entity_view<warning> const& w) { return w.get().concerns_action; },
                             "Co-administered actions it applies to (list of ActionType).")
      .def_property_readonly("min_age", [](entity_view<warning> const& w) { return w.get().min_age; },
                             "The youngest age it applies to (Quantity), or None (every age).")
      .def_property_readonly("max_age", [](entity_view<warning> const& w) { return w.get().max_age; },
                             "It applies to patients younger than this (Quantity, exclusive), or None.")
      .def_property_readonly("concerns",
                             [](entity_view<warning> const& w) { return out_entities<rel::concerns>(w.kb, w.id()); },
                             "Targets it concerns (list of Target).");

  bind_entity<drug_class>(m, "DrugClass",
                          "A drug class (\"benzodiazepines\", \"strong CYP3A4 inhibitors\"): members are stated by member_of "
                          "claims, or follow from the class's rule (inhibitors_of / inducers_of a target, min_strength).")
      .def_property_readonly("inhibitors_of", [](entity_view<drug_class> const& c) { return c.get().inhibitors_of; },
                             "The target id of the class's rule (inhibitors), or ''.")
      .def_property_readonly("inducers_of", [](entity_view<drug_class> const& c) { return c.get().inducers_of; },
                             "The target id of the class's rule (inducers), or ''.")
      .def_property_readonly("min_strength",
                             [](entity_view<drug_class> const& c) {
                               return c.get().defined_by_rule() ? py::cast(c.get().min_strength) : py::none();
                             },
                             "The weakest Strength the rule admits, or None.")
      .def_property_readonly("members", [](entity_view<drug_class> const& c) { return members_of(c.kb, c.id()); },
                             "Its drugs (list of Drug): those stated by member_of claims, then those its rule admits "
                             "(the drugs that inhibit or induce the target with at least min_strength).");

  bind_entity<concept_node>(m, "Concept", "An imported entity of a kind pharmakon does not model.")
      .def_property_readonly("kind_label", [](entity_view<concept_node> const& c) { return c.get().kind_label; },
                             "Its kind in the imported data, e.g. \"Pathway\".");

  // ----- claims -----
  py::class_<claim_ref>(m, "Claim",
                        "A claim: one relation instance (subject --relation--> object) with its evidence. It holds "
                        "its knowledge base, so it stays valid as long as you hold it.")
      .def_property_readonly("id", [](claim_ref const& c) { return c.index; },
                             "The claim's index in its knowledge base (KnowledgeBase.claim(id)).")
      .def_property_readonly("relation", [](claim_ref const& c) { return c.view().kind(); }, "The Relation.")
      .def_property_readonly("subject", [](claim_ref const& c) { return wrap_node(c.kb, c.view().subject()); },
                             "The entity the claim leaves.")
      .def_property_readonly("object", [](claim_ref const& c) { return wrap_node(c.kb, c.view().object()); },
                             "The entity the claim reaches.")
      .def_property_readonly("tier", [](claim_ref const& c) { return c.view().tier(); },
                             "The EvidenceTier: the best tier among the claim's sources.")
      .def_property_readonly("sources", [](claim_ref const& c) { return sources_list(c.kb, c.view().sources()); },
                             "The claim's sources (list of Source).")
      .def_property_readonly("source_ids", [](claim_ref const& c) { return source_ids(c.kb, c.view().sources()); },
                             "The ids of the claim's sources (list of str).")
      .def_property_readonly("negated", [](claim_ref const& c) { return c.view().negated(); },
                             "True when the claim states that the relation does NOT hold.")
      .def_property_readonly("hypothesis", [](claim_ref const& c) { return c.view().hypothesis(); },
                             "True when the claim is a hypothesis.")
      .def_property_readonly("unverified", [](claim_ref const& c) { return c.view().unverified(); },
                             "True when the claim is marked unverified.")
      .def_property_readonly(
          "note",
          [](claim_ref const& c) -> std::optional<std::string> {
            auto n = c.view().note();
            if (n.empty()) return std::nullopt;
            return std::string(n);
          },
          "The curator's remark, or None.")
      .def_property_readonly("location", [](claim_ref const& c) { return location_of(c.view().region()); },
                             "Where the claim was declared (\"file:line:column\"), or None.")
      .def("__eq__", [](claim_ref const& a, py::object const& b) -> py::object {
        if (!py::isinstance<claim_ref>(b)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
        auto const& o = b.cast<claim_ref const&>();
        return py::bool_(same_kb(a.kb, o.kb) && a.index == o.index);
      })
      .def("__hash__", [](claim_ref const& c) { return py::hash(py::int_(c.index)); })
      .def("__repr__", [](claim_ref const& c) {
        auto v = c.view();
        return fmt::format("<Claim {} {}{} {}>", c.kb.base(v.subject()).id, v.negated() ? "not " : "", to_string(v.kind()),
                           c.kb.base(v.object()).id);
      });

  py::class_<action_ref, claim_ref>(m, "Action", "drug --acts_on--> target, with what the drug does there.")
      .def_property_readonly("drug", [](action_ref const& a) { return wrap_node(a.kb, a.view().subject()); },
                             "The Drug.")
      .def_property_readonly("target", [](action_ref const& a) { return wrap_node(a.kb, a.view().object()); },
                             "The Target.")
      .def_property_readonly("type", [](action_ref const& a) { return a.payload().type; }, "The ActionType.")
      .def_property_readonly("chembl_action", [](action_ref const& a) { return std::string(to_chembl(a.payload().type)); },
                             "ChEMBL's action_type spelling, e.g. \"ANTAGONIST\".")
      .def_property_readonly("modality", [](action_ref const& a) { return a.payload().modality; }, "The Modality.")
      .def_property_readonly("reversible", [](action_ref const& a) { return a.payload().reversible; },
                             "True/False, or None when not stated.")
      .def_property_readonly("surmountable", [](action_ref const& a) { return a.payload().surmountable; },
                             "True/False, or None when not stated.")
      .def_property_readonly("efficacy", [](action_ref const& a) { return a.payload().efficacy; },
                             "Intrinsic efficacy from 0 (none: a pure antagonist) to 1 (full agonist), or None.")
      .def_property_readonly(
          "affinities",
          [](action_ref const& a) {
            std::vector<affinity_value> out;
            for (auto const& x : a.payload().affinities) out.push_back(affinity_from_kb(a.kb, x));
            return out;
          },
          "Measured affinities (list of Affinity), each with its own sources.")
      .def_property_readonly("best_p_affinity", [](action_ref const& a) { return a.payload().best_p_affinity(); },
                             "The tightest affinity on the p-scale (-log10 M), or None.")
      .def("__repr__", [](action_ref const& a) {
        auto v = a.view();
        return fmt::format("<Action {} {}{} at {}>", a.kb.base(v.subject()).id, v.negated() ? "not " : "",
                           to_string(a.payload().type), a.kb.base(v.object()).id);
      });

  py::class_<effect_claim_ref, claim_ref>(m, "EffectClaim",
                                          "drug --produces/blocks/reduces--> effect; `relation` says which.")
      .def_property_readonly("drug", [](effect_claim_ref const& c) { return wrap_node(c.kb, c.view().subject()); },
                             "The Drug.")
      .def_property_readonly("effect", [](effect_claim_ref const& c) { return wrap_node(c.kb, c.view().object()); },
                             "The Effect.");

  py::class_<indication_ref, claim_ref>(m, "IndicationClaim", "drug --indicated_for--> condition.")
      .def_property_readonly("drug", [](indication_ref const& c) { return wrap_node(c.kb, c.view().subject()); },
                             "The Drug.")
      .def_property_readonly("condition", [](indication_ref const& c) { return wrap_node(c.kb, c.view().object()); },
                             "The Condition.")
      .def_property_readonly("adjunct", [](indication_ref const& c) { return c.payload().adjunct; },
                             "What the treatment should be combined with (\"\" when nothing is stated).");

  py::class_<pgx_ref, claim_ref>(m, "PgxClaim", "variant --modulates_response--> drug: a pharmacogenetic finding.")
      .def_property_readonly("variant", [](pgx_ref const& c) { return wrap_node(c.kb, c.view().subject()); },
                             "The Variant.")
      .def_property_readonly("drug", [](pgx_ref const& c) { return wrap_node(c.kb, c.view().object()); }, "The Drug.")
      .def_property_readonly("finding", [](pgx_ref const& c) { return c.payload().finding; }, "The PgxFinding.")
      .def_property_readonly("outcome", [](pgx_ref const& c) { return c.payload().outcome; },
                             "The response studied.");

  py::class_<related_ref, claim_ref>(m, "RelatedClaim",
                                     "A generic relation of imported data, with the original relation label.")
      .def_property_readonly("label", [](related_ref const& c) { return c.payload().label; },
                             "The original label, e.g. \"participates\".");

  py::class_<conflict_ref>(m, "Conflict", "Two claims of a knowledge base that cannot both hold.")
      .def_property_readonly("reason", [](conflict_ref const& c) { return c.c.why; }, "The ConflictReason.")
      .def_property_readonly("first", [](conflict_ref const& c) { return wrap_claim(c.kb, c.c.first.index()); },
                             "One claim (Claim).")
      .def_property_readonly("second", [](conflict_ref const& c) { return wrap_claim(c.kb, c.c.second.index()); },
                             "The other claim (Claim).")
      .def("__repr__", [](conflict_ref const& c) {
        auto a = c.kb.claim(c.c.first), b = c.kb.claim(c.c.second);
        return fmt::format("<Conflict {}: {} {} {} vs claim {}>",
                           c.c.why == conflict::reason::negation ? "negation" : "incompatible_action",
                           c.kb.base(a.subject()).id, to_string(a.kind()), c.kb.base(a.object()).id, b.id().index());
      });

  // ----- the knowledge base -----
  py::class_<knowledge_base> kb(
      m, "KnowledgeBase",
      "An immutable pharmacology knowledge base: entities (drugs, targets, ...) joined by claims, each with its "
      "sources.\n\n"
      "Knowledge bases never change: load() returns a new knowledge base holding this one's content plus the "
      "files', and leaves this one as it was. Copies are cheap (shared immutable state), every object returned "
      "from one keeps it alive, and one knowledge base may be queried from many threads at once.");
  kb.def(py::init<>(), "An empty knowledge base (to load files into without the embedded one).")
      .def_property_readonly("name", &knowledge_base::name, "The knowledge base's name.")
      .def_property_readonly("version", &knowledge_base::version, "Its version.")
      .def_property_readonly("content_hash", &knowledge_base::content_hash,
                             "A hash of the whole content: two knowledge bases with the same hash answer alike.")
      .def("__len__", [](knowledge_base const& k) {
        auto st = k.stats();
        std::size_t n = 0;
        for (auto x : st.nodes) n += x;
        return n;
      }, "The number of entities (nodes) of every kind.")
      .def("__contains__", [](knowledge_base const& k, std::string const& name) { return !k.find_all(name).empty(); },
           py::arg("name"), "True if a name, synonym, id or identifier denotes an entity.")
      .def("__repr__", [](knowledge_base const& k) {
        auto st = k.stats();
        std::size_t n = 0, c = 0;
        for (auto x : st.nodes) n += x;
        for (auto x : st.claims) c += x;
        return fmt::format("<KnowledgeBase '{}' {} ({}): {} entities, {} claims, {} sources>", k.name(), k.version(),
                           k.content_hash(), n, c, st.sources);
      })
      .def(
          "stats",
          [](knowledge_base const& k) {
            auto st = k.stats();
            py::dict nodes, claims, out;
            for (auto kind : enum_values<node_kind>()) nodes[py::str(std::string(to_string(kind)))] = st.nodes[std::size_t(kind)];
            for (auto r : enum_values<relation_kind>()) claims[py::str(std::string(to_string(r)))] = st.claims[std::size_t(r)];
            out["nodes"] = nodes;
            out["claims"] = claims;
            out["sources"] = st.sources;
            out["conflicts"] = k.conflicts().size();
            return out;
          },
          "Counts: {\"nodes\": {kind: n}, \"claims\": {relation: n}, \"sources\": n, \"conflicts\": n}.")
      // loading
      .def("load", [](knowledge_base const& self, py::object paths) { return load_paths(paths, &self); },
           py::arg("paths"),
           "A NEW knowledge base: this one plus the TOML file(s) `paths` (a path or a list of paths). This one is "
           "unchanged. Raises LoadError with every problem found (file:line:column); the GIL is released while "
           "files load.")
      .def("loads",
           [](knowledge_base const& self, py::object text, std::string const& name) {
             return load_text(text, name, &self);
           },
           py::arg("text"), py::arg("name") = "<string>",
           "A NEW knowledge base: this one plus a TOML document given as text (str or bytes); `name` is used in "
           "error messages. Raises LoadError.")
      // lookups
      .def("drug", [](knowledge_base const& k, std::string const& name) { return view_of(k, k.at<drug>(name)); },
           py::arg("name"),
           "The drug named `name`: id (\"drug:naltrexone\"), name, synonym, brand or identifier (\"CHEMBL19019\"), "
           "case-insensitively. Raises UnknownNameError with the closest names.")
      .def("target", [](knowledge_base const& k, std::string const& name) { return view_of(k, k.at<target>(name)); },
           py::arg("name"), "The target named `name` (\"MOR\", \"mu\", \"target:MOR\"). Raises UnknownNameError.")
      .def("gene", [](knowledge_base const& k, std::string const& name) { return view_of(k, k.at<gene>(name)); },
           py::arg("name"), "The gene named `name`. Raises UnknownNameError.")
      .def("variant", [](knowledge_base const& k, std::string const& name) { return view_of(k, k.at<variant>(name)); },
           py::arg("name"), "The variant named `name`. Raises UnknownNameError.")
      .def("effect", [](knowledge_base const& k, std::string const& name) { return view_of(k, k.at<effect>(name)); },
           py::arg("name"), "The effect named `name`. Raises UnknownNameError.")
      .def("condition",
           [](knowledge_base const& k, std::string const& name) { return view_of(k, k.at<condition>(name)); },
           py::arg("name"), "The condition named `name`. Raises UnknownNameError.")
      .def("regimen", [](knowledge_base const& k, std::string const& name) { return view_of(k, k.at<regimen>(name)); },
           py::arg("name"), "The regimen with id or name `name`. Raises UnknownNameError.")
      .def("warning", [](knowledge_base const& k, std::string const& name) { return view_of(k, k.at<warning>(name)); },
           py::arg("name"), "The warning with id or name `name`. Raises UnknownNameError.")
      .def("drug_class",
           [](knowledge_base const& k, std::string const& name) { return view_of(k, k.at<drug_class>(name)); },
           py::arg("name"),
           "The drug class named `name` (\"benzodiazepines\", \"class:benzodiazepines\"). Raises UnknownNameError.")
      .def("concept",
           [](knowledge_base const& k, std::string const& name) { return view_of(k, k.at<concept_node>(name)); },
           py::arg("name"), "The (imported) concept named `name`. Raises UnknownNameError.")
      .def(
          "entity",
          [](knowledge_base const& k, std::string const& name) {
            auto all = k.find_all(name);
            if (all.empty()) throw_unknown_any(k, name);
            return wrap_node(k, all.front());
          },
          py::arg("name"), "The first entity of any kind `name` denotes. Raises UnknownNameError.")
      .def(
          "find",
          [](knowledge_base const& k, std::string const& name, py::object kind) -> py::object {
            auto want = kind_arg(kind);
            for (auto n : k.find_all(name))
              if (!want || n.kind() == *want) return wrap_node(k, n);
            return py::none();
          },
          py::arg("name"), py::arg("kind") = py::none(),
          "Like entity(), but returns None when nothing matches; `kind` (NodeKind or its name) restricts the kind.")
      .def(
          "find_all",
          [](knowledge_base const& k, std::string const& name) {
            py::list out;
            for (auto n : k.find_all(name)) out.append(wrap_node(k, n));
            return out;
          },
          py::arg("name"), "Every entity (of any kind) `name` denotes.")
      .def(
          "suggest",
          [](knowledge_base const& k, std::string const& name, py::object kind, std::size_t max) {
            return k.suggest(name, to_enum<node_kind>(kind, "kind"), max);
          },
          py::arg("name"), py::arg("kind") = node_kind::drug, py::arg("max") = 3,
          "Up to `max` known names of `kind` closest to `name` (edit distance on case-folded names).")
      .def("source",
           [](knowledge_base const& k, std::string const& id) {
             auto s = k.find_source(id);
             if (!s) throw lookup_error(fmt::format("unknown source '{}'", id), id, {});
             return k.get(*s);
           },
           py::arg("id"), "The source with id `id` (\"src:pmid:12813472\"). Raises UnknownNameError.")
      // listings
      .def("drugs", &all_of<drug>, "Every drug (list of Drug).")
      .def("targets", &all_of<target>, "Every target (list of Target).")
      .def("genes", &all_of<gene>, "Every gene (list of Gene).")
      .def("variants", &all_of<variant>, "Every variant (list of Variant).")
      .def("effects", &all_of<effect>, "Every effect (list of Effect).")
      .def("conditions", &all_of<condition>, "Every condition (list of Condition).")
      .def("regimens", &all_of<regimen>, "Every regimen (list of Regimen).")
      .def("warnings", &all_of<warning>, "Every warning (list of DrugWarning).")
      .def("classes", &all_of<drug_class>, "Every drug class (list of DrugClass).")
      .def("concepts", &all_of<concept_node>, "Every imported concept (list of Concept).")
      .def("entities", [](knowledge_base const& k, py::object kind) { return entities_of(k, kind_arg(kind)); },
           py::arg("kind") = py::none(), "Every entity, or those of one NodeKind (or its name), grouped by kind.")
      .def("sources",
           [](knowledge_base const& k) { return std::vector<source>(k.sources().begin(), k.sources().end()); },
           "Every evidence source (list of Source).")
      .def(
          "claims",
          [](knowledge_base const& k, py::object relation) {
            auto want = relation_arg(relation);
            py::list out;
            for (std::uint32_t c = 0; c < k.claim_count(); ++c)
              if (!want || k.claim(claim_id{c}).kind() == *want) out.append(wrap_claim(k, c));
            return out;
          },
          py::arg("relation") = py::none(),
          "Every claim, or those of one Relation (or its name), as Claim objects of the most specific class.")
      .def("claim",
           [](knowledge_base const& k, std::int64_t id) {
             if (id < 0 || std::uint64_t(id) >= k.claim_count())
               throw usage_error(errc::invalid_graph, fmt::format("claim {} out of range (0..{})", id, k.claim_count()));
             return wrap_claim(k, std::uint32_t(id));
           },
           py::arg("id"), "The claim with index `id` (Claim.id). Raises UsageError when out of range.")
      .def_property_readonly("claim_count", &knowledge_base::claim_count, "The number of claims.")
      .def(
          "conflicts",
          [](knowledge_base const& k) {
            std::vector<conflict_ref> out;
            for (auto const& c : k.conflicts()) out.push_back({k, c});
            return out;
          },
          "Pairs of claims that contradict each other (list of Conflict), found when the knowledge base was built.")
      // answers: names are resolved with the GIL held, the answer is built without it
      .def(
          "mechanism_of",
          [](knowledge_base const& k, py::object d) {
            auto id = resolve<drug>(k, d, "a drug name or a Drug");
            py::gil_scoped_release nogil;
            return mechanism_of(k, id);
          },
          py::arg("drug"),
          "The mechanism of action of a drug (a name, id or Drug), from every claim about it: a MechanismAnswer. "
          "Raises UnknownNameError for an unknown drug. (`moa` is a deprecated alias.)")
      .def(
          "screen_interactions",
          [](knowledge_base const& k, py::object drugs, bool strict) {
            if (py::isinstance<py::str>(drugs) || !py::isinstance<py::iterable>(drugs))
              throw py::type_error("drugs: expected a list of drug names or Drug objects, got " + type_name(drugs));
            if (strict) {
              std::vector<drug_id> ids;
              for (auto d : drugs) ids.push_back(resolve<drug>(k, d, "a drug name or a Drug"));
              py::gil_scoped_release nogil;
              return screen_interactions(k, ids);
            }
            // the C++ screen by name (a Drug object by its id), which lists the names no drug has
            std::vector<std::string> names;
            for (auto d : drugs)
              names.push_back(py::isinstance<py::str>(d) ? d.cast<std::string>()
                                                         : k[resolve<drug>(k, d, "a drug name or a Drug")].id);
            interaction_answer answer;
            {
              py::gil_scoped_release nogil;
              answer = screen_interactions(k, std::span<std::string const>(names));
            }
            // as the CLI and the server: with fewer than two known drugs there is nothing to screen, and the first
            // unknown name is the error
            require_screenable(k, answer);
            return answer;
          },
          py::arg("drugs"), py::kw_only(), py::arg("strict") = false,
          "Interactions among `drugs` (names, ids or Drug objects), every pair screened: through a shared target, "
          "a shared effect (e.g. respiratory depression), metabolism (an inhibitor or inducer of an enzyme or "
          "transporter that clears the other drug or forms its active metabolite) and what labels and guidelines "
          "state. An InteractionAnswer, most severe first (InteractionSeverity); `without_metabolism` names the "
          "drugs whose exposure interactions cannot be found. A name that matches no drug is screened out and listed in "
          "`not_screened` (UnscreenedDrug: name, reason, suggestions), so one unknown medication does not stop the "
          "screen of the rest (with fewer than two known drugs, or with strict=True, it raises UnknownNameError). "
          "(`interactions` is a deprecated alias.)")
      .def(
          "check_dose",
          [](knowledge_base const& k, py::object d, py::object dose, py::object route_arg, py::object every,
             py::object cond, py::object opioid_free, py::object age) {
            auto id = resolve<drug>(k, d, "a drug name or a Drug");
            dose_query q;
            q.dose = to_quantity(dose, false, "dose");
            if (!route_arg.is_none()) q.route = to_enum<route>(route_arg, "route");
            if (!every.is_none()) q.every = to_quantity(every, true, "every");
            if (!cond.is_none()) q.condition = resolve<condition>(k, cond, "a condition name or a Condition");
            if (!opioid_free.is_none()) q.opioid_free = to_quantity(opioid_free, true, "opioid_free");
            if (!age.is_none()) q.age = to_age(age);
            py::gil_scoped_release nogil;
            return check_dose(k, id, q);
          },
          py::arg("drug"), py::arg("dose"), py::kw_only(), py::arg("route") = py::none(), py::arg("every") = py::none(),
          py::arg("condition") = py::none(), py::arg("opioid_free") = py::none(), py::arg("age") = py::none(),
          "Checks a dose against the drug's regimens: a DoseAnswer.\n\n"
          "dose: \"50 mg\", (50, \"mg\") or a Quantity. route: a Route or its name (\"oral\"). every: the interval, "
          "\"24 h\", \"daily\", \"q12h\", (24, \"h\") or a Quantity. condition: the indication (name or Condition). "
          "opioid_free: how long the patient has been opioid-free (\"10 d\"). age: the patient's age (8, \"8 y\", "
          "\"18 months\"): regimens that state ages are checked against it, and warnings that state ages and include it "
          "are in `age_warnings` (a contraindication among them makes the verdict DoseVerdict.contraindicated). A dose of the wrong dimension gives "
          "the verdict DoseVerdict.wrong_dimension; a string that does not parse raises QuantityError. (`dose_check` "
          "is a deprecated alias.)");

  kb.def(
      "ask",
      [](knowledge_base const& k, std::string const& text) -> py::object {
        any_answer a;
        {
          py::gil_scoped_release nogil;
          try {
            a = answer(k, read_question(k, text));
          } catch (question_error const& e) {
            throw usage_error(errc::unreadable_question,
                              std::string(e.what()) + ". Questions it can answer: " +
                                  fmt::format("{}", fmt::join(example_questions, " / ")));
          }
        }
        return std::visit([](auto&& x) { return py::cast(std::move(x)); }, std::move(a));
      },
      py::arg("question"),
      "Answers a question in plain words (\"How does Vivitrol work?\", \"Can I take naltrexone with oxycodone?\", "
      "\"Is 100 mg of naltrexone a day too much?\") as kb.mechanism_of, kb.screen_interactions or kb.check_dose would: a "
      "MechanismAnswer, InteractionAnswer or DoseAnswer. Raises UsageError for a question it cannot read, "
      "UnknownNameError for a drug it does not know. Deterministic and offline (no language model).");

  // ----- module functions -----
  m.def(
      "default_kb", [] { return default_kb(); }, py::call_guard<py::gil_scoped_release>(),
      "The curated opioid-system knowledge base embedded in the library (loaded once, on first use).");
  m.def(
      "load", [](py::object paths, py::object base) { return load_paths(paths, base_of(base)); }, py::arg("paths"),
      py::arg("base") = py::none(),
      "Loads TOML file(s) into a NEW knowledge base, on top of `base` (a KnowledgeBase), or alone when `base` is "
      "None: use default_kb().load(paths) or load(paths, base=default_kb()) to extend the embedded one. Raises "
      "LoadError with every problem found; the GIL is released while files load.");
  m.def(
      "loads",
      [](py::object text, std::string const& name, py::object base) { return load_text(text, name, base_of(base)); },
      py::arg("text"), py::arg("name") = "<string>", py::arg("base") = py::none(),
      "Loads a TOML document given as text (str or bytes) into a NEW knowledge base, on top of `base` or alone. "
      "`name` is the file name used in error messages. Raises LoadError.");
  m.def(
      "validate",
      [](py::object paths, py::object base) {
        auto ps = to_paths(paths);
        auto const* b = base_of(base);
        py::gil_scoped_release nogil;
        return try_load_files(ps, b).diagnostics;
      },
      py::arg("paths"), py::arg("base") = py::none(),
      "Checks TOML file(s) as load() would, without raising: the list of Diagnostic (empty when they load).");
}

}  // namespace pharmakon::python
