// Enums, the exception hierarchy and the small value types (Quantity, Source, Diagnostic, Precondition, Affinity).
#include <cmath>
#include <map>

#include "common.hpp"

namespace pharmakon::python {

namespace {

/// A py::enum_ whose members are the canonical names of the enum's one name table (enum_table<E>).
template <named_enum E>
py::enum_<E> bind_enum(py::module_& m, char const* name, char const* doc) {
  py::enum_<E> e(m, name, doc);
  for (auto const& [value, spelling] : enum_table<E>::entries) e.value(std::string(spelling).c_str(), value);
  return e;
}

// The exception classes; created once at import, alive for the interpreter's lifetime.
PyObject* kb_error = nullptr;
PyObject* load_error_cls = nullptr;
PyObject* unknown_name_error = nullptr;
PyObject* usage_error_cls = nullptr;
PyObject* quantity_error_cls = nullptr;

PyObject* new_exception(py::module_& m, char const* name, char const* doc, py::tuple bases, py::dict attrs) {
  std::string qualified = std::string("pharmakon.") + name;
  PyObject* cls = PyErr_NewExceptionWithDoc(qualified.c_str(), doc, bases.ptr(), attrs.ptr());
  if (!cls) throw py::error_already_set();
  m.add_object(name, py::handle(cls));  // the module holds a reference; we keep ours too (never freed)
  return cls;
}

/// Raises `cls(message)` with `attrs` set on the instance.
void raise(PyObject* cls, std::string const& message, py::dict const& attrs) {
  py::object exc = py::reinterpret_borrow<py::object>(cls)(message);
  for (auto item : attrs) py::setattr(exc, item.first, item.second);
  PyErr_SetObject(cls, exc.ptr());
}

void translate(std::exception_ptr p) {
  try {
    if (p) std::rethrow_exception(p);
  } catch (load_error const& e) {
    py::dict a;
    a["code"] = py::cast(e.code());
    a["diagnostics"] = py::cast(e.diagnostics());
    if (!e.diagnostics().empty()) {
      auto const& d = e.diagnostics().front();
      a["path"] = std::string(d.region.file());
      a["line"] = d.region.begin.line;
      a["column"] = d.region.begin.column;
    }
    raise(load_error_cls, e.what(), a);
  } catch (lookup_error const& e) {
    py::dict a;
    a["code"] = py::cast(e.code());
    a["name"] = e.name();
    a["suggestions"] = py::cast(e.suggestions());
    raise(unknown_name_error, e.what(), a);
  } catch (quantity_arg_error const& e) {
    py::dict a;
    a["code"] = py::cast(e.code());
    a["text"] = e.text();
    a["offset"] = e.detail().region.begin.column == 0 ? 0 : e.detail().region.begin.column - 1;
    a["expected"] = e.detail().expected;
    a["found"] = e.detail().found;
    raise(quantity_error_cls, e.what(), a);
  } catch (usage_error const& e) {
    py::dict a;
    a["code"] = py::cast(e.code());
    raise(usage_error_cls, e.what(), a);
  } catch (error const& e) {
    py::dict a;
    a["code"] = py::cast(e.code());
    raise(kb_error, e.what(), a);
  }
}

std::optional<std::string> nonempty(std::string const& s) {
  if (s.empty()) return std::nullopt;
  return s;
}
/// A source's identifier `scheme`, or None.
std::optional<std::string> id_of(source const& s, std::string_view scheme) {
  auto v = s.identifier_of(scheme);
  return v ? std::optional<std::string>(*v) : std::nullopt;
}

/// What an identifier scheme is, for the docstring of its property.
std::string_view scheme_words(std::string_view scheme) {
  if (scheme == "pmid") return "PubMed";
  if (scheme == "doi") return "DOI (10.x/...)";
  if (scheme == "dailymed_setid") return "DailyMed set id (a drug label's)";
  if (scheme == "nda") return "NDA/ANDA/BLA number";
  if (scheme == "url") return "URL";
  if (scheme == "gtopdb_ligand") return "IUPHAR/BPS Guide to Pharmacology ligand";
  if (scheme == "gtopdb_target") return "IUPHAR/BPS Guide to Pharmacology target";
  return scheme;
}

quantity make_quantity(double value, std::string const& unit_text) {
  auto u = parse_unit(unit_text);
  auto text = fmt::format("{} {}", value, unit_text);
  if (!u)
    throw quantity_arg_error(fmt::format("quantity '{}': expected a unit (mg, µg, g, mL, h, d, wk, nM, ...), found '{}'",
                                         text, unit_text),
                             text, {errc::bad_quantity, {{1, 1}, {}, nullptr}, "a unit (mg, µg, g, mL, h, d, wk, nM, ...)",
                                    "'" + unit_text + "'"});
  if (!std::isfinite(value) || value <= 0)
    throw quantity_arg_error(fmt::format("quantity '{}': expected a finite positive number, found {}", text, value),
                             text, {errc::bad_quantity, {{1, 1}, {}, nullptr}, "a finite positive number",
                                    fmt::format("{}", value)});
  return quantity{value, *u};
}

quantity parse_or_throw(std::string const& text, bool interval) {
  auto q = interval ? parse_interval(text) : parse_quantity(text);
  if (!q) {
    auto const& err = q.diagnostics.front();
    throw quantity_arg_error(fmt::format("{} '{}': expected {}, found {}", interval ? "interval" : "quantity", text,
                                         err.expected, err.found),
                             text, err);
  }
  return *q;
}

}  // namespace

// ----- helpers shared with the other parts ----------------------------------------------------------------------

std::string type_name(py::handle h) { return py::str(py::type::of(h).attr("__name__")).cast<std::string>(); }

std::filesystem::path to_path(py::handle h) {
  if (py::isinstance<py::str>(h)) return std::filesystem::path(h.cast<std::string>());
  if (py::hasattr(h, "__fspath__")) {
    py::object p = h.attr("__fspath__")();
    if (py::isinstance<py::str>(p)) return std::filesystem::path(p.cast<std::string>());
    if (py::isinstance<py::bytes>(p)) return std::filesystem::path(p.cast<std::string>());
  }
  throw py::type_error("expected a path (str or os.PathLike), got " + type_name(h));
}

std::vector<std::filesystem::path> to_paths(py::handle h) {
  if (py::isinstance<py::str>(h) || py::hasattr(h, "__fspath__")) return {to_path(h)};
  if (!py::isinstance<py::iterable>(h))
    throw py::type_error("expected a path or a list of paths, got " + type_name(h));
  std::vector<std::filesystem::path> out;
  for (auto item : h) out.push_back(to_path(item));
  return out;
}

quantity to_quantity(py::handle h, bool interval, std::string_view what) {
  quantity q;
  if (py::isinstance<py::str>(h)) {
    q = parse_or_throw(h.cast<std::string>(), interval);
  } else if (py::isinstance<quantity>(h)) {
    q = h.cast<quantity>();
  } else if ((py::isinstance<py::tuple>(h) || py::isinstance<py::list>(h)) && py::len(h) == 2 &&
             py::isinstance<py::str>(h[py::int_(1)]) &&
             (py::isinstance<py::float_>(h[py::int_(0)]) || py::isinstance<py::int_>(h[py::int_(0)])) &&
             !py::isinstance<py::bool_>(h[py::int_(0)])) {
    q = make_quantity(h[py::int_(0)].cast<double>(), h[py::int_(1)].cast<std::string>());
  } else {
    throw py::type_error(fmt::format("{}: expected a quantity such as \"50 mg\", (50, \"mg\") or a Quantity, got {}",
                                     what, type_name(h)));
  }
  if (interval && q.dim() != dimension::time) {
    auto text = fmt::format("{}", q);
    throw quantity_arg_error(
        fmt::format("{} '{}': expected a time interval (h, d, wk, mo), found a {}", what, text, to_string(q.dim())),
        text, {errc::bad_quantity, {{1, 1}, {}, nullptr}, "a time interval (h, d, wk, mo)", fmt::format("a {}", to_string(q.dim()))});
  }
  return q;
}

quantity to_age(py::handle h) {
  // a bare number is years (8 -> 8 y), as `pharmakon dose-check --age 8`; a string parses as parse_age
  auto fail = [](std::string const& text, diagnostic const& d) -> quantity {
    throw quantity_arg_error(fmt::format("age '{}': expected {}, found {}", text, d.expected, d.found), text, d);
  };
  if (py::isinstance<py::str>(h)) {
    auto text = h.cast<std::string>();
    auto q = parse_age(text);
    return q ? *q : fail(text, q.diagnostics.front());
  }
  bool number = (py::isinstance<py::int_>(h) || py::isinstance<py::float_>(h)) && !py::isinstance<py::bool_>(h);
  auto q = number ? to_quantity(py::str(fmt::format("{} y", h.cast<double>())), false, "age") : to_quantity(h, false, "age");
  auto text = fmt::format("{}", q);
  auto age = checked_age(q, text);
  return age ? *age : fail(text, age.diagnostics.front());
}

py::list sources_list(knowledge_base const& kb, std::span<source_id const> ids) {
  py::list out;
  for (auto s : ids) out.append(py::cast(kb.get(s)));
  return out;
}

std::vector<std::string> source_ids(knowledge_base const& kb, std::span<source_id const> ids) {
  std::vector<std::string> out;
  out.reserve(ids.size());
  for (auto s : ids) out.push_back(kb.get(s).id);
  return out;
}

py::object location_of(source_region const& r) {
  if (!r.known()) return py::none();
  return py::str(r.to_string());
}

affinity_value affinity_from_kb(knowledge_base const& kb, affinity const& a) {
  affinity_value v{a, {}, {}};
  for (auto s : a.sources) v.sources.push_back(kb.get(s));
  return v;
}

// ----- bindings -------------------------------------------------------------------------------------------------

void bind_values(py::module_& m) {
  bind_enum<node_kind>(m, "NodeKind", "Kinds of entity (node) in a knowledge base; `concept` is an imported kind "
                                      "pharmakon does not model.");
  bind_enum<relation_kind>(m, "Relation", "Relation kinds. Each joins fixed node kinds: acts_on drug->target, "
                                          "encoded_by target->gene, produces/blocks/reduces drug->effect, ...");
  bind_enum<action_type>(m, "ActionType", "What a drug does at a target (the ChEMBL/GtoPdb vocabulary).");
  bind_enum<modality>(m, "Modality", "How a drug competes with the endogenous ligand.");
  bind_enum<source_kind>(m, "SourceKind", "Kinds of evidence source.");
  bind_enum<evidence_tier>(m, "EvidenceTier",
                           "Evidence tiers, best first: guideline > label > research > other. A claim's tier is the "
                           "best tier among its sources; `int(tier)` orders them (0 is best).");
  bind_enum<target_type>(m, "TargetType", "What kind of molecule a target is.");
  bind_enum<route>(m, "Route", "Routes of administration.");
  bind_enum<warning_kind>(m, "WarningKind", "Kinds of warning, in the order of a label's emphasis.");
  bind_enum<severity>(m, "Severity", "Severity of a warning, most severe first (interactions use InteractionSeverity).");
  bind_enum<precondition_kind>(m, "PreconditionKind", "Preconditions a regimen sets before its first dose.");
  bind_enum<pgx_finding>(m, "PgxFinding", "What a pharmacogenetic study found about a variant and a drug's response.");
  bind_enum<affinity_measure>(m, "AffinityMeasure",
                              "How an affinity was measured. Ki/Kd/IC50/EC50 carry a molar unit (nM, ...); "
                              "p-measures are -log10(molar) and have none.");
  bind_enum<interaction_kind>(m, "InteractionKind", "What an interaction does (blockade, additive, more_exposure, ...).");
  bind_enum<interaction_mechanism>(m, "InteractionMechanism",
                                   "How an interaction is found: same_target, same_effect, exposure, stated.");
  bind_enum<interaction_severity>(m, "InteractionSeverity",
                                  "The interaction severity scale, most severe first: contraindicated, major, moderate, minor.");
  bind_enum<management>(m, "Management", "What to do about an interaction, most restrictive first.");
  bind_enum<direction>(m, "Direction", "Which way an effect or an exposure changes.");
  bind_enum<strength>(m, "Strength", "How strongly a drug inhibits or induces an enzyme (the FDA's classes).");
  bind_enum<pathway>(m, "Pathway", "The share of a drug's clearance an enzyme or transporter carries.");
  bind_enum<site>(m, "Site", "Where a drug acts or an effect arises (peripheral: outside the brain).");
  bind_enum<dose_verdict>(m, "DoseVerdict", "The outcome of a dose check against a regimen.");
  py::enum_<conflict::reason>(m, "ConflictReason", "Why two claims conflict.")
      .value("negation", conflict::reason::negation)
      .value("incompatible_action", conflict::reason::incompatible_action);
  {
    py::enum_<errc> e(m, "ErrorCode", "Stable error codes (docs/errors.md); `int(code)` is the documented number.");
    for (std::uint16_t i = 1; i <= 20; ++i) e.value(std::string(errc_name(errc(i))).c_str(), errc(i));
  }

  // ----- the exception hierarchy -----
  py::dict base_attrs;
  base_attrs["code"] = py::none();
  kb_error = new_exception(m, "KBError",
                           "Base of every error pharmakon raises. `code` is an ErrorCode (None when raised by Python "
                           "code).",
                           py::make_tuple(py::handle(PyExc_Exception)), base_attrs);
  py::dict load_attrs;
  load_attrs["diagnostics"] = py::tuple();
  load_attrs["path"] = py::none();
  load_attrs["line"] = py::none();
  load_attrs["column"] = py::none();
  load_error_cls = new_exception(
      m, "LoadError",
      "A knowledge-base file or string did not load. `diagnostics` lists every problem found, in file order (each "
      "a Diagnostic whose str() is `file:line:column: error: expected ..., found ...`); `path`, `line` and `column` "
      "are those of the first. The message is every diagnostic, one per line.",
      py::make_tuple(py::handle(kb_error), py::handle(PyExc_ValueError)), load_attrs);
  py::dict name_attrs;
  name_attrs["name"] = py::none();
  name_attrs["suggestions"] = py::tuple();
  // KeyError's str() would quote the message; show it as written.
  name_attrs["__str__"] = py::cpp_function(
      [](py::handle self) -> py::str {
        py::tuple args = self.attr("args");
        return args.empty() ? py::str("") : py::str(args[0]);
      },
      py::name("__str__"), py::is_method(py::none()));
  unknown_name_error = new_exception(
      m, "UnknownNameError",
      "A lookup of a name, id or identifier that nothing in the knowledge base has. `name` is what was asked, "
      "`suggestions` the closest known names. A KeyError (and so a LookupError).",
      py::make_tuple(py::handle(kb_error), py::handle(PyExc_KeyError)), name_attrs);
  usage_error_cls = new_exception(m, "UsageError",
                                  "Invalid use of the API with bad values (an unknown enum name, a claim index out of "
                                  "range, an argument of the wrong dimension).",
                                  py::make_tuple(py::handle(kb_error), py::handle(PyExc_ValueError)), py::dict());
  py::dict q_attrs;
  q_attrs["text"] = py::none();
  q_attrs["offset"] = py::none();
  q_attrs["expected"] = py::none();
  q_attrs["found"] = py::none();
  quantity_error_cls = new_exception(
      m, "QuantityError",
      "A quantity that does not parse (\"50 xg\") or has the wrong dimension (a mass where a time is expected). "
      "`text` is the input, `offset` the 0-based position of the problem in it, `expected`/`found` what was wrong.",
      py::make_tuple(py::handle(usage_error_cls)), q_attrs);
  py::register_exception_translator(translate);

  // ----- Quantity -----
  py::class_<quantity>(m, "Quantity",
                       "A finite, positive value with a unit: a dose (mass or volume), an interval (time) or a "
                       "concentration. Conversion is only between units of one dimension.")
      .def(py::init(&make_quantity), py::arg("value"), py::arg("unit"),
           "Quantity(50, \"mg\"). Units: ng µg (ug, mcg) mg g kg, µL mL L, s min h d wk mo, pM nM µM mM M.")
      .def_static("parse", [](std::string const& text) { return parse_or_throw(text, false); }, py::arg("text"),
                  "Parses \"50 mg\", \"380mg\", \"0.5 nM\", \"4 weeks\"; raises QuantityError.")
      .def_property_readonly("value", &quantity::value, "The number, in `unit`.")
      .def_property_readonly("unit", [](quantity const& q) { return std::string(info(q.unit_of()).symbol); },
                             "The unit's canonical symbol (\"mg\", \"µg\", \"h\", \"nM\", ...).")
      .def_property_readonly("dimension", [](quantity const& q) { return std::string(to_string(q.dim())); },
                             "\"mass\", \"volume\", \"time\" or \"concentration\".")
      .def_property_readonly("base_value", &quantity::base_value,
                             "The value in the dimension's base unit: mg, mL, h or nM.")
      .def(
          "to",
          [](quantity const& q, std::string const& unit_text) {
            auto u = parse_unit(unit_text);
            if (!u) throw quantity_arg_error(fmt::format("unknown unit '{}'", unit_text), unit_text,
                                             {errc::bad_quantity, {{1, 1}, {}, nullptr}, "a unit (mg, µg, g, mL, h, d, wk, nM, ...)", "'" + unit_text + "'"});
            auto r = q.to(*u);
            if (!r)
              throw quantity_arg_error(fmt::format("cannot convert {} (a {}) to {} (a {})", q, to_string(q.dim()),
                                                   unit_text, to_string(info(*u).dim)),
                                       unit_text, {errc::bad_quantity, {{1, 1}, {}, nullptr}, fmt::format("a unit of {}", to_string(q.dim())), "'" + unit_text + "'"});
            return *r;
          },
          py::arg("unit"), "The same quantity in another unit of its dimension; QuantityError otherwise.")
      .def("__str__", [](quantity const& q) { return fmt::format("{}", q); })
      .def("__repr__", [](quantity const& q) {
        return fmt::format("Quantity({:g}, '{}')", q.value(), info(q.unit_of()).symbol);
      })
      .def("__eq__", [](quantity const& a, py::object const& b) -> py::object {
        if (!py::isinstance<quantity>(b)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
        return py::bool_(a == b.cast<quantity>());
      })
      .def("__hash__", [](quantity const& q) {
        return py::hash(py::make_tuple(q.value(), int(q.unit_of())));
      })
      .def(py::pickle([](quantity const& q) { return py::make_tuple(q.value(), std::string(info(q.unit_of()).symbol)); },
                      [](py::tuple const& t) { return make_quantity(t[0].cast<double>(), t[1].cast<std::string>()); }));

  m.def("parse_quantity", [](std::string const& text) { return parse_or_throw(text, false); }, py::arg("text"),
        "Parses a quantity: \"50 mg\", \"380mg\", \"0.5 nM\", \"4 weeks\". Raises QuantityError.");
  m.def("parse_interval", [](std::string const& text) { return parse_or_throw(text, true); }, py::arg("text"),
        "Parses a dosing interval: a time (\"24 h\", \"4 weeks\"), \"q12h\", or daily/weekly/monthly. Raises "
        "QuantityError.");

  // ----- Source -----
  py::class_<source> source_cls(m, "Source", "An evidence source (a copy: it does not depend on its knowledge base).");
  // one property per identifier scheme (`source_schemes`), each the scheme's value or None
  for (auto scheme : source_schemes)
    source_cls.def_property_readonly(
        std::string(scheme).c_str(), [scheme](source const& s) { return id_of(s, scheme); },
        fmt::format("The source's {} identifier, or None.", scheme_words(scheme)).c_str());
  source_cls
      .def_readonly("id", &source::id, "The source's id, e.g. \"src:pmid:12813472\".")
      .def_readonly("kind", &source::kind, "A SourceKind.")
      .def_property_readonly("tier", &source::tier, "The EvidenceTier of the source's kind.")
      .def_readonly("title", &source::title, "The title.")
      .def_property_readonly("authors", [](source const& s) { return nonempty(s.authors); }, "Authors, or None.")
      .def_property_readonly("publisher", [](source const& s) { return nonempty(s.publisher); },
                             "Issuing body, or None.")
      .def_property_readonly("year", [](source const& s) { return s.year ? std::optional<int>(s.year) : std::nullopt; },
                             "Year of publication, or None.")
      .def_property_readonly("identifiers",
                             [](source const& s) {
                               std::map<std::string, std::string> out;
                               for (auto const& i : s.ids) out[i.scheme] = i.value;
                               return out;
                             },
                             "Identifiers by scheme, e.g. {\"pmid\": \"12813472\"}; .pmid, .doi, ... read one each.")
      .def_property_readonly("date", [](source const& s) { return nonempty(s.date); },
                             "A label's revision date (\"YYYY-MM-DD\" or \"YYYY-MM\"), or None.")
      .def_property_readonly("version", [](source const& s) { return nonempty(s.version); },
                             "A label's DailyMed version, or None.")
      .def_readonly("sections", &source::sections,
                    "A label's sections the claims citing it come from, normalised: the PLR number (\"7\", \"5.1\") "
                    "or the name (\"boxed_warning\") (list of str).")
      .def_readonly("unverified", &source::unverified,
                    "True when the identifier could not be checked against a public record.")
      .def_readonly("title_unverified", &source::title_unverified,
                    "True when the identifier was checked but no public record showed the title.")
      .def_property_readonly("citation", &source::citation_id,
                             "The most specific identifier, as printed in reference lists (\"PMID 12813472\").")
      .def_property_readonly("location", [](source const& s) { return location_of(s.region); },
                             "Where the source was declared (\"file:line:column\"), or None.")
      .def("__eq__", [](source const& a, py::object const& b) -> py::object {
        if (!py::isinstance<source>(b)) return py::reinterpret_borrow<py::object>(Py_NotImplemented);
        return py::bool_(a.id == b.cast<source const&>().id);
      })
      .def("__hash__", [](source const& s) { return py::hash(py::str(s.id)); })
      .def("__repr__", [](source const& s) { return fmt::format("<Source {} ({})>", s.id, to_string(s.kind)); });

  // ----- Diagnostic -----
  py::class_<diagnostic>(m, "Diagnostic",
                         "One problem found in knowledge-base input, with its position (1-based; 0 = unknown).")
      .def_readonly("code", &diagnostic::code, "The ErrorCode.")
      .def_property_readonly("path", [](diagnostic const& d) { return std::string(d.region.file()); },
                             "The file name as given, or the name passed to loads().")
      .def_property_readonly("line", [](diagnostic const& d) { return d.region.begin.line; }, "1-based line, 0 when unknown.")
      .def_property_readonly("column", [](diagnostic const& d) { return d.region.begin.column; },
                             "1-based column, 0 when unknown.")
      .def_readonly("expected", &diagnostic::expected, "What the format expects there.")
      .def_readonly("found", &diagnostic::found, "What the input has there.")
      .def("__str__", &diagnostic::to_string, "`file:line:column: error: expected ..., found ...`")
      .def("__repr__", [](diagnostic const& d) { return fmt::format("<Diagnostic {}>", d.to_string()); });

  // ----- Precondition -----
  py::class_<precondition>(m, "Precondition", "Something that must hold before the first dose of a regimen.")
      .def_readonly("kind", &precondition::kind, "A PreconditionKind.")
      .def_readonly("min", &precondition::min, "The minimum (e.g. opioid-free for at least 7 d), or None.")
      .def_readonly("recommended", &precondition::recommended, "The recommended value (e.g. 10 d), or None.")
      .def_readonly("note", &precondition::note, "The curator's words.")
      .def("__repr__", [](precondition const& p) {
        return fmt::format("<Precondition {}{}>", to_string(p.kind),
                           p.min ? fmt::format(" min {}", *p.min) : std::string());
      });

  // ----- Affinity -----
  py::class_<affinity_value>(m, "Affinity",
                             "A measured affinity. `value` is a single figure, `low`/`high` a range; Ki/Kd/IC50/EC50 "
                             "are in `unit` (nM, ...), p-measures (-log10 M) have no unit.")
      .def_property_readonly("measure", [](affinity_value const& v) { return v.a.measure; }, "An AffinityMeasure.")
      .def_property_readonly("value", [](affinity_value const& v) { return v.a.value; }, "The figure, or None.")
      .def_property_readonly("low", [](affinity_value const& v) { return v.a.low; }, "Lower end of a range, or None.")
      .def_property_readonly("high", [](affinity_value const& v) { return v.a.high; }, "Upper end of a range, or None.")
      .def_property_readonly(
          "unit",
          [](affinity_value const& v) -> std::optional<std::string> {
            if (!v.a.conc_unit) return std::nullopt;
            return std::string(info(*v.a.conc_unit).symbol);
          },
          "Concentration unit for Ki/Kd/IC50/EC50 (\"nM\", ...), None for p-measures.")
      .def_property_readonly("species", [](affinity_value const& v) { return v.a.species; }, "Species measured in.")
      .def_property_readonly("central", [](affinity_value const& v) { return v.a.central(); },
                             "`value`, else the midpoint of [low, high], in the measure's own scale.")
      .def_property_readonly("p_value", [](affinity_value const& v) { return v.a.p_value(); },
                             "The affinity on the p-scale (-log10 molar): values of different measures compare; "
                             "higher is tighter.")
      .def_readonly("sources", &affinity_value::sources, "The sources of the measurement (list of Source).")
      .def_readonly("refs", &affinity_value::refs, "Reference numbers, for an affinity inside an answer.")
      .def("__repr__", [](affinity_value const& v) {
        return fmt::format("<Affinity {} p={:.4g}{}>", to_string(v.a.measure), v.a.p_value(),
                           v.a.species.empty() ? "" : " (" + v.a.species + ")");
      });
}

}  // namespace pharmakon::python
