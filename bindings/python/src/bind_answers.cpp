// The answers: self-contained values (names, numbers, sources copied out of the knowledge base), so they stay
// valid after the knowledge base is gone. Attributes mirror the JSON renderer's keys; to_dict() parses that JSON,
// so there is one source of truth for the serialised form.
#include "common.hpp"

namespace pharmakon::python {

namespace {

std::optional<std::string> nonempty(std::string const& s) {
  if (s.empty()) return std::nullopt;
  return s;
}

/// An interaction's action at the shared target: only same_target interactions have one (as in the JSON).
std::optional<action_type> action_at_target(interaction const& i, action_type t) {
  if (i.mechanism != interaction_mechanism::same_target) return std::nullopt;
  return t;
}

py::dict identifiers_dict(std::vector<identifier> const& ids) {
  py::dict d;
  for (auto const& i : ids) d[py::str(i.scheme)] = i.value;
  return d;
}

/// A target_action with its affinities' sources resolved from the answer's reference list.
struct target_action_value {
  target_action t;
  std::vector<affinity_value> affinities;
};

std::vector<target_action_value> actions_of(mechanism_answer const& a) {
  std::vector<target_action_value> out;
  out.reserve(a.actions.size());
  for (auto const& t : a.actions) {
    target_action_value v{t, {}};
    for (std::size_t i = 0; i < t.act.affinities.size(); ++i) {
      affinity_value av{t.act.affinities[i], {}, {}};
      av.a.sources.clear();  // handles of the answering knowledge base: meaningless here; see `refs`
      if (i < t.affinity_refs.size()) av.refs = t.affinity_refs[i];
      for (int r : av.refs)
        if (r >= 1 && std::size_t(r) <= a.references.sources.size()) av.sources.push_back(a.references.sources[r - 1]);
      v.affinities.push_back(std::move(av));
    }
    out.push_back(std::move(v));
  }
  return out;
}

/// to_text/to_markdown/to_json/to_dict, notebook display and str() for an answer type.
template <class Answer>
void add_rendering(py::class_<Answer>& c) {
  c.def("to_text", [](Answer const& a) { return render_text(a); }, py::call_guard<py::gil_scoped_release>(),
        "The answer as plain text (what the CLI prints), with numbered references.")
      .def("to_markdown", [](Answer const& a) { return render_markdown(a); },
           py::call_guard<py::gil_scoped_release>(), "The answer as Markdown, with numbered references.")
      .def("to_json", [](Answer const& a, int indent) { return render_json(a, indent); }, py::arg("indent") = 2,
           py::call_guard<py::gil_scoped_release>(),
           "The answer as JSON (schema docs/answer-schema.json); `indent` < 0 gives one line.")
      .def("to_dict",
           [](Answer const& a) {
             std::string j;
             {
               py::gil_scoped_release nogil;
               j = render_json(a, -1);
             }
             return py::module_::import("json").attr("loads")(j);
           },
           "The answer as plain Python data: the parsed JSON of to_json().")
      .def("_repr_markdown_", [](Answer const& a) { return render_markdown(a); },
           "Markdown for Jupyter's rich display.")
      .def(
          "to_html",
          [](Answer const& a, std::string const& aud, std::string const& question, std::string const& base_url) {
            auto who = parse_enum<audience>(aud);
            if (!who) throw usage_error(errc::unknown_enum, "audience: expected clinician, patient or researcher, found '" + aud + "'");
            html_options o;
            o.audience = *who;
            o.question = question;
            o.base_url = base_url;
            py::gil_scoped_release nogil;
            return render_html(a, o);
          },
          py::arg("audience") = "clinician", py::arg("question") = "", py::arg("base_url") = "http://127.0.0.1:8765",
          "The answer page: one self-contained HTML document (inline CSS and SVG, no script) with the statements by "
          "evidence tier, linked references, review status and the disclaimer. audience: \"clinician\", "
          "\"patient\" (plain words, every warning kept) or \"researcher\" (affinities, identifiers, conflicts). "
          "question: the page's title (default: composed from the answer). base_url: where the page's reader choice "
          "and follow-up question box point (a `pharmakon serve`).")
      .def(
          "_repr_html_",
          [](Answer const& a) {
            html_options o;
            o.question_box = false;
            py::gil_scoped_release nogil;
            return render_html(a, o);
          },
          "HTML for Jupyter's rich display (the answer page, without the question box).")
      .def("__str__", [](Answer const& a) { return render_text(a); })
      .def_property_readonly("kb", [](Answer const& a) { return a.kb; }, "Which knowledge base answered (KBInfo).")
      .def_property_readonly("references", [](Answer const& a) { return a.references.sources.to_vector(); },
                             "The cited sources, in reference-number order: reference n is references[n - 1] "
                             "(list of Source).")
      .def_property_readonly("reference_ids", [](Answer const& a) { return a.references.ids; },
                             "The ids of the cited sources, in reference-number order.");
}

}  // namespace

void bind_answers(py::module_& m) {
  py::class_<kb_info>(m, "KBInfo", "Which knowledge base answered: every answer carries it.")
      .def_readonly("name", &kb_info::name, "Its name.")
      .def_readonly("version", &kb_info::version, "Its version.")
      .def_readonly("content_hash", &kb_info::content_hash, "Its content hash.")
      .def("__repr__", [](kb_info const& k) {
        return fmt::format("<KBInfo '{}' {} ({})>", k.name, k.version, k.content_hash);
      });

  py::class_<evidence>(m, "Evidence", "The evidence behind one statement of an answer.")
      .def_readonly("refs", &evidence::refs, "Reference numbers, ascending (see the answer's `references`).")
      .def_readonly("tier", &evidence::tier, "The EvidenceTier.")
      .def_readonly("negated", &evidence::negated, "True when the statement is that the relation does NOT hold.")
      .def_readonly("hypothesis", &evidence::hypothesis, "True for a hypothesis.")
      .def_readonly("unverified", &evidence::unverified, "True when the claim or one of its sources is unverified.")
      .def_property_readonly("note", [](evidence const& e) { return nonempty(e.note); },
                             "The curator's remark, or None.")
      .def("__repr__", [](evidence const& e) {
        return fmt::format("<Evidence {} refs {}{}>", to_string(e.tier), fmt::join(e.refs, ","),
                           e.negated ? " negated" : "");
      });

  py::class_<target_ref>(m, "TargetRef", "A short description of a target, inside an answer.")
      .def_readonly("id", &target_ref::id, "The target's id, e.g. \"target:MOR\".")
      .def_readonly("name", &target_ref::name, "Its name.")
      .def_readonly("gene_symbol", &target_ref::gene_symbol, "Its gene's symbol.")
      .def_readonly("family", &target_ref::family, "Its family.")
      .def_readonly("synonyms", &target_ref::synonyms, "Its synonyms.")
      .def("__repr__", [](target_ref const& t) { return fmt::format("<TargetRef {} '{}'>", t.id, t.name); });

  py::class_<action_summary>(m, "ActionSummary",
                             "One group of the summary line: the undisputed, non-negated actions of one type.")
      .def_readonly("type", &action_summary::type, "The ActionType.")
      .def_readonly("pure", &action_summary::pure, "Intrinsic efficacy 0 at every target of the group.")
      .def_readonly("modality", &action_summary::modality, "The Modality shared by the group, else unknown.")
      .def_readonly("reversible", &action_summary::reversible, "Shared by the group, else None.")
      .def_readonly("surmountable", &action_summary::surmountable, "Shared by the group, else None.")
      .def_readonly("targets", &action_summary::targets, "Target names, tightest affinity first.")
      .def_readonly("highest_affinity", &action_summary::highest_affinity,
                    "The target of highest affinity, when affinities rank two or more; else None.")
      .def_readonly("refs", &action_summary::refs, "Reference numbers.");

  py::class_<target_action_value>(m, "TargetAction", "drug --acts_on--> target, as stated in a mechanism answer.")
      .def_property_readonly("target", [](target_action_value const& v) { return v.t.target; }, "A TargetRef.")
      .def_property_readonly("type", [](target_action_value const& v) { return v.t.act.type; }, "The ActionType.")
      .def_property_readonly("chembl_action",
                             [](target_action_value const& v) { return std::string(to_chembl(v.t.act.type)); },
                             "ChEMBL's action_type spelling.")
      .def_property_readonly("modality", [](target_action_value const& v) { return v.t.act.modality; },
                             "The Modality.")
      .def_property_readonly("reversible", [](target_action_value const& v) { return v.t.act.reversible; },
                             "True/False, or None.")
      .def_property_readonly("surmountable", [](target_action_value const& v) { return v.t.act.surmountable; },
                             "True/False, or None.")
      .def_property_readonly("efficacy", [](target_action_value const& v) { return v.t.act.efficacy; },
                             "Intrinsic efficacy 0..1, or None.")
      .def_property_readonly("best_p_affinity", [](target_action_value const& v) { return v.t.best_p_affinity; },
                             "Tightest affinity on the p-scale (-log10 M), or None.")
      .def_readonly("affinities", &target_action_value::affinities,
                    "Measured affinities (list of Affinity), with their reference numbers and sources.")
      .def_property_readonly("evidence", [](target_action_value const& v) { return v.t.ev; }, "The Evidence.")
      .def("__repr__", [](target_action_value const& v) {
        return fmt::format("<TargetAction {}{} at {}>", v.t.ev.negated ? "not " : "", to_string(v.t.act.type),
                           v.t.target.id);
      });

  py::class_<effect_statement>(m, "EffectStatement", "drug --produces/blocks/reduces--> effect, in an answer.")
      .def_readonly("relation", &effect_statement::relation, "Relation.produces, blocks or reduces.")
      .def_readonly("effect_id", &effect_statement::effect_id, "The effect's id.")
      .def_readonly("effect", &effect_statement::effect, "The effect's name.")
      .def_readonly("via", &effect_statement::via, "Targets the effect is mediated by that the drug acts on.")
      .def_readonly("evidence", &effect_statement::ev, "The Evidence.");

  py::class_<target_role_statement>(m, "TargetRoleStatement",
                                    "effect --mediated_by--> target, for a target the drug of a mechanism answer acts on.")
      .def_readonly("target_id", &target_role_statement::target_id, "The target's id.")
      .def_readonly("target", &target_role_statement::target, "The target's name.")
      .def_readonly("effect_id", &target_role_statement::effect_id, "The effect's id.")
      .def_readonly("effect", &target_role_statement::effect, "The effect's name.")
      .def_readonly("evidence", &target_role_statement::ev, "The Evidence.");

  py::class_<indication_statement>(m, "IndicationStatement", "drug --indicated_for--> condition, in an answer.")
      .def_readonly("condition_id", &indication_statement::condition_id, "The condition's id.")
      .def_readonly("condition", &indication_statement::condition, "The condition's name.")
      .def_readonly("adjunct", &indication_statement::adjunct, "What the treatment should be combined with.")
      .def_readonly("evidence", &indication_statement::ev, "The Evidence.");

  py::class_<regimen_statement>(m, "RegimenStatement", "A dosing regimen of the drug, in an answer.")
      .def_property_readonly("id", [](regimen_statement const& s) { return s.r.id; }, "The regimen's id.")
      .def_property_readonly("name", [](regimen_statement const& s) { return s.r.name; }, "The regimen's name.")
      .def_property_readonly("dose", [](regimen_statement const& s) { return s.r.dose; }, "Dose (Quantity).")
      .def_property_readonly("dose_max", [](regimen_statement const& s) { return s.r.dose_max; },
                             "Upper end of a dose range, or None.")
      .def_property_readonly("max_daily", [](regimen_statement const& s) { return s.r.max_daily; },
                             "Labeled maximum total dose in 24 h (Quantity), or None when the source states none.")
      .def_property_readonly("min_age", [](regimen_statement const& s) { return s.r.min_age; },
                             "The youngest age it is for (Quantity), or None.")
      .def_property_readonly("max_age", [](regimen_statement const& s) { return s.r.max_age; },
                             "It is for patients younger than this (Quantity, exclusive), or None.")
      .def_property_readonly("every", [](regimen_statement const& s) { return s.r.every; },
                             "The stated interval, or None.")
      .def_property_readonly("times_per_day", [](regimen_statement const& s) { return s.r.times_per_day; },
                             "A stated daily frequency, or None.")
      .def_property_readonly("interval", [](regimen_statement const& s) { return s.r.interval(); },
                             "The interval, from `every` or 24 h / `times_per_day`, or None.")
      .def_property_readonly("as_needed", [](regimen_statement const& s) { return s.r.as_needed; },
                             "True when repeated as needed.")
      .def_property_readonly("route", [](regimen_statement const& s) { return s.r.route; }, "The Route.")
      .def_property_readonly("formulation", [](regimen_statement const& s) { return s.r.formulation; },
                             "The formulation.")
      .def_property_readonly("product", [](regimen_statement const& s) { return s.r.product; }, "The product.")
      .def_property_readonly("population", [](regimen_statement const& s) { return s.r.population; },
                             "The population.")
      .def_property_readonly("preconditions", [](regimen_statement const& s) { return s.r.preconditions; },
                             "list of Precondition.")
      .def_readonly("condition", &regimen_statement::condition, "The condition it is for (\"\" if none).")
      .def_readonly("evidence", &regimen_statement::ev, "The Evidence.")
      .def("__repr__", [](regimen_statement const& s) {
        return fmt::format("<RegimenStatement {} {} {}>", s.r.id, s.r.dose, to_string(s.r.route));
      });

  py::class_<warning_statement>(m, "WarningStatement", "A warning a drug carries, in an answer.")
      .def_readonly("drug", &warning_statement::drug, "The drug that carries it.")
      .def_property_readonly("id", [](warning_statement const& s) { return s.w.id; }, "The warning's id.")
      .def_property_readonly("kind", [](warning_statement const& s) { return s.w.kind; }, "The WarningKind.")
      .def_property_readonly("severity", [](warning_statement const& s) { return s.w.severity; }, "The Severity.")
      .def_property_readonly("about", [](warning_statement const& s) { return s.w.about; }, "What it is about.")
      .def_property_readonly("concerns_actions", [](warning_statement const& s) { return s.w.concerns_action; },
                             "Co-administered actions it applies to (list of ActionType).")
      .def_property_readonly("min_age", [](warning_statement const& s) { return s.w.min_age; },
                             "The youngest age it applies to (Quantity), or None (every age).")
      .def_property_readonly("max_age", [](warning_statement const& s) { return s.w.max_age; },
                             "It applies to patients younger than this (Quantity, exclusive), or None.")
      .def_readonly("concerns", &warning_statement::concerns, "Names of the targets it concerns.")
      .def_readonly("evidence", &warning_statement::ev, "The Evidence.")
      .def("__repr__", [](warning_statement const& s) {
        return fmt::format("<WarningStatement {} ({}, {})>", s.w.id, to_string(s.w.kind), to_string(s.w.severity));
      });

  py::class_<pgx_statement>(m, "PgxStatement", "A pharmacogenetic finding, in an answer.")
      .def_readonly("variant_id", &pgx_statement::variant_id, "The variant's id.")
      .def_readonly("variant", &pgx_statement::variant, "The variant's name.")
      .def_readonly("gene", &pgx_statement::gene, "The gene's symbol.")
      .def_readonly("finding", &pgx_statement::finding, "The PgxFinding.")
      .def_readonly("outcome", &pgx_statement::outcome, "The response studied.")
      .def_readonly("evidence", &pgx_statement::ev, "The Evidence.");

  py::class_<conflict_side>(m, "ConflictSide", "One side of a conflict, in an answer.")
      .def_readonly("statement", &conflict_side::statement, "e.g. \"antagonist\", or \"does not act on\".")
      .def_readonly("evidence", &conflict_side::ev, "The Evidence.");

  py::class_<conflict_statement>(m, "ConflictStatement", "Two claims about the drug that cannot both hold.")
      .def_readonly("reason", &conflict_statement::why, "The ConflictReason.")
      .def_readonly("subject", &conflict_statement::subject, "The entity the claims start from.")
      .def_readonly("relation", &conflict_statement::relation, "The Relation.")
      .def_readonly("object", &conflict_statement::object, "The entity they point to.")
      .def_readonly("first", &conflict_statement::first, "One side (ConflictSide).")
      .def_readonly("second", &conflict_statement::second, "The other side (ConflictSide).");

  py::class_<half_life_statement>(m, "HalfLifeStatement", "An elimination half-life as its sources give it: a range, or one value.")
      .def_readonly("low", &half_life_statement::low, "The shortest (Quantity).")
      .def_readonly("high", &half_life_statement::high, "The longest (Quantity; equal to low for a single value).")
      .def_readonly("note", &half_life_statement::note, "The curator's remark (population, formulation).")
      .def_readonly("evidence", &half_life_statement::ev, "Its Evidence.")
      .def("__repr__", [](half_life_statement const& h) {
        return h.single() ? fmt::format("<HalfLifeStatement {}>", h.low) : fmt::format("<HalfLifeStatement {} to {}>", h.low, h.high);
      });
  py::class_<drug_half_life>(m, "DrugHalfLife", "One drug's half-life in an interaction.")
      .def_readonly("drug", &drug_half_life::drug, "The drug's name.")
      .def_readonly("half_life", &drug_half_life::half_life, "Its HalfLifeStatement.");

  py::class_<mechanism_answer> moa(m, "MechanismAnswer",
                                   "The mechanism of action of a drug, composed from every claim about it. A "
                                   "self-contained value: it stays valid after its knowledge base is gone.");
  moa.def_readonly("drug_id", &mechanism_answer::drug_id, "The drug's id.")
      .def_readonly("drug", &mechanism_answer::drug, "The drug's name.")
      .def_readonly("synonyms", &mechanism_answer::synonyms, "Its synonyms.")
      .def_readonly("drug_class", &mechanism_answer::drug_class, "Its class.")
      .def_property_readonly("identifiers", [](mechanism_answer const& a) { return identifiers_dict(a.identifiers); },
                             "External identifiers by scheme.")
      .def_property_readonly("summary", [](mechanism_answer const& a) { return summary_line(a); },
                             "The one-line summary (\"pure competitive, reversible, surmountable antagonist at ...\").")
      .def_readonly("summary_groups", &mechanism_answer::summary,
                    "The summary's groups: undisputed, non-negated actions by type (list of ActionSummary).")
      .def_readonly("disputed_targets", &mechanism_answer::disputed_targets, "Targets whose action claims conflict.")
      .def_property_readonly("actions", &actions_of,
                             "Every acts_on claim of the drug, best tier first (list of TargetAction).")
      .def_readonly("half_life", &mechanism_answer::half_life, "The drug's HalfLifeStatement, or None.")
      .def_readonly("effects", &mechanism_answer::effects, "list of EffectStatement.")
      .def_readonly("target_roles", &mechanism_answer::target_roles,
                    "What the targets of its established actions mediate, beyond the effects its own claims name "
                    "through them (list of TargetRoleStatement).")
      .def_readonly("indications", &mechanism_answer::indications, "list of IndicationStatement.")
      .def_readonly("regimens", &mechanism_answer::regimens, "list of RegimenStatement.")
      .def_readonly("warnings", &mechanism_answer::warnings, "list of WarningStatement.")
      .def_readonly("pharmacogenetics", &mechanism_answer::pharmacogenetics, "list of PgxStatement.")
      .def_readonly("conflicts", &mechanism_answer::conflicts, "list of ConflictStatement.")
      .def_readonly("paths", &mechanism_answer::paths,
                    "Mechanism paths to diseases (list of MechanismPath); empty without path sources (a DrugMechDB "
                    "import).")
      .def("__repr__", [](mechanism_answer const& a) {
        return fmt::format("<MechanismAnswer {}: {}>", a.drug, summary_line(a));
      });
  add_rendering(moa);

  py::class_<path_step>(m, "PathStep", "One step of the path through the graph that explains an interaction.")
      .def_readonly("from_", &path_step::from, "Where the step starts (a name).")
      .def_readonly("relation", &path_step::relation, "The Relation.")
      .def_readonly("detail", &path_step::detail, "The payload in short, e.g. \"antagonist\".")
      .def_readonly("to", &path_step::to, "Where it ends.")
      .def_readonly("refs", &path_step::refs, "Reference numbers.")
      .def("__repr__", [](path_step const& p) {
        return fmt::format("<PathStep {} {}{} {}>", p.from, to_string(p.relation),
                           p.detail.empty() ? "" : " (" + p.detail + ")", p.to);
      });

  py::class_<mechanism_path>(m, "MechanismPath",
                             "A drug's mechanism path to a disease: the related claims citing one path source "
                             "(e.g. a DrugMechDB path), breadth first from the drug.")
      .def_readonly("source_id", &mechanism_path::source_id, "The path source's id (src:path:drugmechdb:...).")
      .def_readonly("title", &mechanism_path::title, "Its title.")
      .def_property_readonly("disease", [](mechanism_path const& p) { return nonempty(p.disease); },
                             "The condition the path leads to, or None.")
      .def_readonly("steps", &mechanism_path::steps, "Its steps (list of PathStep; detail is the path's verb).")
      .def_readonly("routes", &mechanism_path::chains,
                    "Routes from the drug to the path's ends: lists of indices into steps (at most 16).")
      .def_readonly("more_routes", &mechanism_path::more_chains, "Routes left out beyond the first 16.")
      .def_readonly("refs", &mechanism_path::refs, "The reference numbers its steps cite.")
      .def_readonly("note", &mechanism_path::note, "The path's comment, or ''.")
      .def("__repr__", [](mechanism_path const& p) {
        return fmt::format("<MechanismPath {} to {}: {} steps>", p.source_id, p.disease, p.steps.size());
      });

  py::class_<stated_statement>(m, "StatedStatement",
                               "An interaction a label or guideline states, as it applies to two screened drugs.")
      .def_property_readonly("between", [](stated_statement const& s) { return py::make_tuple(s.between_first, s.between_second); },
                             "The two ends the claim names (drugs or classes), on the first and second drug's side.")
      .def_property_readonly("severity", [](stated_statement const& s) { return s.says.severity; }, "The InteractionSeverity it states.")
      .def_property_readonly("management", [](stated_statement const& s) { return s.says.management; }, "The Management it advises.")
      .def_property_readonly("direction", [](stated_statement const& s) { return s.says.direction; }, "The Direction of the change.")
      .def_property_readonly("intended", [](stated_statement const& s) { return s.says.intended; },
                             "True when the combination is used on purpose.")
      .def_property_readonly("effect", [](stated_statement const& s) { return nonempty(s.effect); },
                             "The effect that changes (a name), or None.")
      .def_property_readonly("exposure_of", [](stated_statement const& s) { return nonempty(s.exposure_of); },
                             "The drug whose exposure changes (a name), or None.")
      .def_property_readonly("advice", [](stated_statement const& s) { return s.says.advice; }, "What to do, in the curator's words.")
      .def_readonly("evidence", &stated_statement::ev, "The Evidence.")
      .def("__repr__", [](stated_statement const& s) {
        return fmt::format("<StatedStatement {} / {}: {}, {}>", s.between_first, s.between_second,
                           to_string(s.says.severity), to_string(s.says.management));
      });

  py::class_<interaction>(m, "Interaction",
                          "One interaction between two screened drugs: its mechanism, severity, management and the path "
                          "through the graph that explains it.")
      .def_readonly("mechanism", &interaction::mechanism, "The InteractionMechanism (same_target, same_effect, exposure, stated).")
      .def_readonly("kind", &interaction::kind, "The InteractionKind.")
      .def_readonly("severity", &interaction::severity, "The InteractionSeverity (contraindicated, major, moderate, minor).")
      .def_readonly("management", &interaction::management, "The Management (avoid, adjust_dose, monitor, none).")
      .def_readonly("first", &interaction::first, "The drug that acts on the other's: antagonist, inhibitor or inducer.")
      .def_readonly("second", &interaction::second, "The other drug.")
      .def_readonly("target", &interaction::target, "The shared receptor, or the enzyme/transporter (TargetRef), or None.")
      .def_property_readonly("first_action", [](interaction const& i) { return action_at_target(i, i.first_action); },
                             "same_target: the first drug's ActionType at the target; None for other mechanisms.")
      .def_property_readonly("second_action", [](interaction const& i) { return action_at_target(i, i.second_action); },
                             "same_target: the second drug's ActionType at the target; None for other mechanisms.")
      .def_readonly("effects", &interaction::effects, "Effects at stake: blocked, added, or changed with the exposure.")
      .def_property_readonly("affected", [](interaction const& i) { return nonempty(i.affected); },
                             "The drug or metabolite whose concentrations change (exposure, and stated exposure "
                             "changes), or None.")
      .def_readonly("direction", &interaction::direction, "The Direction of the effects or of the exposure.")
      .def_readonly("intended", &interaction::intended, "True when a source says the combination is used on purpose.")
      .def_readonly("no_interaction", &interaction::no_interaction,
                    "True when a source states that there is no clinically relevant interaction.")
      .def_readonly("tier", &interaction::tier, "The best EvidenceTier of the claims that make it.")
      .def_readonly("stated", &interaction::stated, "Label or guideline statements about it (list of StatedStatement).")
      .def_readonly("warnings", &interaction::warnings, "Warnings that apply (list of WarningStatement).")
      .def_readonly("path", &interaction::path, "The explaining path (list of PathStep).")
      .def_readonly("half_lives", &interaction::half_lives,
                    "The half-lives of first and second (list of DrugHalfLife), when the knowledge base has both.")
      .def_readonly("wears_off_first", &interaction::wears_off_first,
                    "A blockade or displacement by a drug that is gone before the other: its effects can return.")
      .def("__repr__", [](interaction const& i) {
        return fmt::format("<Interaction {} {} ({}): {} / {}{}>", to_string(i.mechanism), to_string(i.kind),
                           to_string(i.severity), i.first, i.second, i.target ? " at " + i.target->id : "");
      });

  py::class_<unscreened_drug>(m, "UnscreenedDrug", "A name of a medication list that matched no drug: not screened.")
      .def_readonly("name", &unscreened_drug::name, "The name as given.")
      .def_readonly("reason", &unscreened_drug::reason, "Why it matched no drug (unknown; a drug class, not a drug ...).")
      .def_readonly("suggestions", &unscreened_drug::suggestions, "The closest drug names (may be empty).")
      .def("__repr__", [](unscreened_drug const& u) { return fmt::format("<UnscreenedDrug {}>", u.name); });

  py::class_<interaction_answer> ia(m, "InteractionAnswer",
                                    "Interactions among drugs: shared targets and effects, metabolism, label "
                                    "statements. A self-contained value.");
  ia.def_readonly("drugs", &interaction_answer::drugs, "The drugs screened (names, duplicates removed).")
      .def_readonly("interactions", &interaction_answer::interactions, "list of Interaction, most severe first.")
      .def_readonly("without_metabolism", &interaction_answer::without_metabolism,
                    "Drugs with no metabolism data: exposure interactions cannot be found for them.")
      .def_readonly("not_screened", &interaction_answer::not_screened,
                    "list of UnscreenedDrug: names that matched no drug, left out of the screen (their interactions "
                    "are unknown, not absent).")
      .def_property_readonly("worst", &interaction_answer::worst,
                             "The most severe InteractionSeverity that needs attention, or None.")
      .def("__repr__", [](interaction_answer const& a) {
        return fmt::format("<InteractionAnswer {}: {} interaction{}>", fmt::join(a.drugs, ", "),
                           a.interactions.size(), a.interactions.size() == 1 ? "" : "s");
      });
  add_rendering(ia);

  py::class_<dose_query>(m, "DoseQuery", "What a dose check was asked.")
      .def_readonly("dose", &dose_query::dose, "The dose (Quantity).")
      .def_readonly("route", &dose_query::route, "The Route, or None.")
      .def_readonly("every", &dose_query::every, "The interval, or None.")
      .def_readonly("opioid_free", &dose_query::opioid_free, "How long opioid-free, or None.")
      .def_readonly("age", &dose_query::age, "The patient's age (Quantity), or None.");

  py::class_<dose_issue>(m, "DoseIssue", "One finding of a dose check against one regimen.")
      .def_readonly("verdict", &dose_issue::verdict, "The DoseVerdict.")
      .def_readonly("factor", &dose_issue::factor,
                    "For below/above/too_*: how far, as a ratio (2 = twice the regimen's value).")
      .def_readonly("expected", &dose_issue::expected, "What the regimen asks, e.g. \"50 mg\".")
      .def_readonly("found", &dose_issue::found, "What the query gave.")
      .def("__repr__", [](dose_issue const& i) {
        return fmt::format("<DoseIssue {}: expected {}, found {}>", to_string(i.verdict), i.expected, i.found);
      });

  py::class_<regimen_check>(m, "RegimenCheck", "A dose query checked against one regimen.")
      .def_readonly("regimen", &regimen_check::regimen, "The RegimenStatement.")
      .def_readonly("issues", &regimen_check::issues, "list of DoseIssue; empty when the query is within it.")
      .def_property_readonly("within", [](regimen_check const& c) { return c.issues.empty(); },
                             "True when the query is within this regimen.")
      .def_readonly("unchecked", &regimen_check::unchecked, "Preconditions the query said nothing about.")
      .def_readonly("not_checkable", &regimen_check::not_checkable,
                    "What the query gives that the regimen cannot be checked against (an age, where it states none).");

  py::class_<dose_answer> da(m, "DoseAnswer", "A dose checked against a drug's regimens. A self-contained value.");
  da.def_readonly("drug", &dose_answer::drug, "The drug's name.")
      .def_readonly("query", &dose_answer::query, "The DoseQuery.")
      .def_property_readonly("condition", [](dose_answer const& a) { return nonempty(a.condition); },
                             "The query's condition, or None.")
      .def_readonly("verdict", &dose_answer::verdict,
                    "DoseVerdict.within, or the main issue of the closest regimen.")
      .def_readonly("checks", &dose_answer::checks, "list of RegimenCheck, closest regimen first.")
      .def_readonly("age_warnings", &dose_answer::age_warnings,
                    "With the query's age: the drug's warnings whose stated ages include it (list of WarningStatement); "
                    "a contraindication among them makes the verdict DoseVerdict.contraindicated.")
      .def("__repr__", [](dose_answer const& a) {
        return fmt::format("<DoseAnswer {} {}: {}>", a.drug, a.query.dose, to_string(a.verdict));
      });
  add_rendering(da);
}

}  // namespace pharmakon::python
