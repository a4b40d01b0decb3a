#pragma once
// Shared pieces of the `pharmakon._core` extension module.
//
// Lifetime rule: every object handed to Python either is a self-contained value (answers, sources, quantities,
// diagnostics) or holds a copy of the `knowledge_base` it came from. A `knowledge_base` is two shared pointers to
// immutable state, so a view stays valid for as long as Python holds it, even after the Python `KnowledgeBase`
// it came from is gone. No view ever stores a raw pointer or reference into a knowledge base it does not own.
//
// GIL rule: long C++ work (loading files, building answers) runs with the GIL released; it touches only C++
// values. Arguments are converted from Python objects before the release and results after it.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <pharmakon/pharmakon.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace pharmakon::python {

namespace py = pybind11;

// ----- entity views ---------------------------------------------------------------------------------------------

/// An entity of any kind, viewed through (a copy of) its knowledge base.
struct entity_ref {
  knowledge_base kb;
  any_node node;
  entity_base const& base() const { return kb.base(node); }
};

/// An entity of kind E.
template <entity_type E>
struct entity_view : entity_ref {
  E const& get() const { return kb.get(*node.as<E>()); }
  node_id<E> id() const { return *node.as<E>(); }
};

/// The Python object for node `n` of `kb`, of its most specific class (Drug, Target, ...).
py::object wrap_node(knowledge_base const& kb, any_node n);

// ----- claim views ----------------------------------------------------------------------------------------------

/// A claim (one relation instance with its evidence) of any relation kind.
struct claim_ref {
  knowledge_base kb;
  std::uint32_t index = 0;
  claim_view view() const { return kb.claim(claim_id{index}); }
};
/// drug --acts_on--> target, with its action.
struct action_ref : claim_ref {
  action const& payload() const { return kb.claim_as<rel::acts_on>(claim_id{index})->payload(); }
};
/// drug --produces/blocks/reduces--> effect.
struct effect_claim_ref : claim_ref {};
/// drug --indicated_for--> condition.
struct indication_ref : claim_ref {
  indication const& payload() const { return kb.claim_as<rel::indicated_for>(claim_id{index})->payload(); }
};
/// variant --modulates_response--> drug.
struct pgx_ref : claim_ref {
  pgx_effect const& payload() const { return kb.claim_as<rel::modulates_response>(claim_id{index})->payload(); }
};
/// any --related--> any (imported data), with its original label.
struct related_ref : claim_ref {
  related_label const& payload() const { return kb.claim_as<rel::related>(claim_id{index})->payload(); }
};

/// The Python object for claim `c` of `kb`, of its most specific class (Action, EffectClaim, ...).
py::object wrap_claim(knowledge_base const& kb, std::uint32_t c);

/// Two claims of a knowledge base that contradict each other.
struct conflict_ref {
  knowledge_base kb;
  conflict c;
};

/// An affinity with its sources resolved (from a knowledge base) or numbered (in an answer).
struct affinity_value {
  affinity a;
  std::vector<source> sources;  ///< copies; empty when the affinity comes from an answer without them
  std::vector<int> refs;        ///< reference numbers in an answer; empty for a knowledge-base view
};

affinity_value affinity_from_kb(knowledge_base const& kb, affinity const& a);

// ----- errors ---------------------------------------------------------------------------------------------------

/// A quantity argument that does not parse or has the wrong dimension; becomes `pharmakon.QuantityError`.
class quantity_arg_error : public usage_error {
 public:
  quantity_arg_error(std::string message, std::string text, diagnostic detail)
      : usage_error(errc::bad_quantity, message), text_(std::move(text)), detail_(std::move(detail)) {}
  std::string const& text() const noexcept { return text_; }
  /// The problem; `detail().region.begin.column` is 1-based in `text()` (Python's `offset` is 0-based).
  diagnostic const& detail() const noexcept { return detail_; }

 private:
  std::string text_;
  diagnostic detail_;
};

// ----- argument conversion --------------------------------------------------------------------------------------

/// "a str", "a Drug", ...: the Python type name of `h`, for TypeError messages.
std::string type_name(py::handle h);

/// A `base` argument: a KnowledgeBase, or None (nullptr).
knowledge_base const* base_of(py::handle base);

/// A path argument: str or os.PathLike.
std::filesystem::path to_path(py::handle h);
/// One path or an iterable of paths (a str is one path, not a sequence of characters).
std::vector<std::filesystem::path> to_paths(py::handle h);

/// A quantity argument: "50 mg", (50, "mg") or a Quantity. `interval`: a time ("24 h", "daily", "q12h").
quantity to_quantity(py::handle h, bool interval, std::string_view what);
/// An age argument: 8 (years), "8 y", "18 months", (8, "y") or a Quantity of time, at most 150 years.
quantity to_age(py::handle h);

/// The entity `h` names in `kb`: a str (name, synonym, id, identifier) or an entity object of kind E (from this
/// knowledge base, or from another one, then looked up by its id).
template <entity_type E>
node_id<E> resolve(knowledge_base const& kb, py::handle h, char const* what) {
  if (py::isinstance<py::str>(h)) return kb.at<E>(h.cast<std::string>());
  if (py::isinstance<entity_view<E>>(h)) {
    auto const& v = h.cast<entity_view<E> const&>();
    if (v.kb.same_as(kb)) return v.id();
    return kb.at<E>(v.base().id);
  }
  throw py::type_error(std::string("expected ") + what + ", got " + type_name(h));
}

/// The enum value `h` names: the enum itself or its canonical name.
template <named_enum E>
E to_enum(py::handle h, char const* what) {
  if (py::isinstance<py::str>(h)) {
    auto s = h.cast<std::string>();
    if (auto v = parse_enum<E>(s)) return *v;
    throw usage_error(errc::unknown_enum, fmt::format("{}: expected one of {}, found '{}'", what, enum_choices<E>(), s));
  }
  try {
    return h.cast<E>();
  } catch (py::cast_error const&) {
    throw py::type_error(std::string("expected ") + what + " (an enum value or its name), got " + type_name(h));
  }
}

/// A list of copies of the sources `ids` of `kb`.
py::list sources_list(knowledge_base const& kb, std::span<source_id const> ids);
/// The string id of every source in `ids`.
std::vector<std::string> source_ids(knowledge_base const& kb, std::span<source_id const> ids);

/// "file:line:column", or None when unknown.
py::object location_of(source_region const& r);

// ----- the parts of the module ----------------------------------------------------------------------------------

void bind_values(py::module_& m);   // enums, errors, Quantity, Source, Diagnostic, Precondition, Affinity
void bind_graph(py::module_& m);    // KnowledgeBase, entities, claims, loading
void bind_answers(py::module_& m);  // MechanismAnswer, InteractionAnswer, DoseAnswer and their parts
void bind_tables(py::module_& m);   // KnowledgeBase._columns (for to_pandas / to_networkx)
void bind_io(py::module_& m);       // importers, exporters, snapshots
void bind_reports(py::module_& m);  // ImportReport, ImportCount, ImportProgress (before bind_io)
void bind_columns(py::module_& m);  // the columnar API (edges, adjacency, entity_ids, kinds, ...), kb[name], Drug.targets

/// The ImportProgress object of one progress call (an owning copy).
py::object progress_object(import_progress const& p);
void bind_reviews(py::module_& m);  // kb.with_reviews, evidence.review/updated, answer.review_summary/approved_only

}  // namespace pharmakon::python
