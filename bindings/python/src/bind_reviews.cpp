// Review records and claim dates (docs/kb-format.md#reviews): kb.with_reviews(paths), evidence.review and
// evidence.updated, answer.review_summary() and answer.approved_only(). Added to the classes bind_graph and
// bind_answers register, so this file is the whole of the Python surface of reviews.
#include "common.hpp"

namespace pharmakon::python {

namespace {

py::object record_dict(std::optional<review_record> const& r) {
  if (!r) return py::none();
  py::dict d;
  d["status"] = std::string(to_string(r->status));
  d["reviewer"] = r->reviewer.empty() ? py::object(py::none()) : py::object(py::str(r->reviewer));
  d["date"] = r->date;
  d["note"] = r->note.empty() ? py::object(py::none()) : py::object(py::str(r->note));
  return d;
}

template <class Answer>
void add_review_methods(py::handle cls) {
  cls.attr("review_summary") = py::cpp_function(
      [](Answer const& a) {
        auto s = review_summary_of(a);
        py::dict d;
        d["approved"] = s.all_approved();
        d["statements"] = s.statements;
        d["approved_statements"] = s.approved;
        d["under_review"] = s.under_review;
        d["submitted"] = s.submitted;
        d["not_reviewed"] = s.not_reviewed;
        d["last_updated"] = s.last_updated.empty() ? py::object(py::none()) : py::object(py::str(s.last_updated));
        d["last_updated_from"] = std::string(to_string(s.from));
        return d;
      },
      py::is_method(cls), py::name("review_summary"),
      "The answer's review status as a dict (the JSON \"review\" object): approved (every statement shown is), "
      "the counts, last_updated and last_updated_from (\"claims\", \"release\" or \"none\").");
  cls.attr("approved_only") = py::cpp_function(
      [](Answer const& a) {
        Answer out = a;
        keep_approved(out);
        return out;
      },
      py::is_method(cls), py::name("approved_only"),
      "A copy of the answer with only approved statements (the CLI's --approved-only); its pages and JSON say how "
      "many were left out.");
}

}  // namespace

void bind_reviews(py::module_& m) {
  (void)m;
  auto kb = py::type::of<knowledge_base>();
  kb.attr("with_reviews") = py::cpp_function(
      [](knowledge_base const& self, py::object paths) {
        auto ps = to_paths(paths);
        load_result r;
        {
          py::gil_scoped_release nogil;
          r = try_load_reviews(self, ps);
        }
        if (!r) throw load_error(std::move(r.diagnostics));
        return std::move(*r.kb);
      },
      py::is_method(kb), py::name("with_reviews"), py::arg("paths"),
      "A NEW knowledge base: this one with the review file(s) `paths` ([[review]] tables: status, reviewer, date per "
      "claim, entity or source; docs/kb-format.md#reviews). Raises LoadError with every problem (file:line:column).");
  kb.attr("has_reviews") = py::cpp_function([](knowledge_base const& self) { return self.reviews() != nullptr; },
                                            py::is_method(kb), py::name("has_reviews"),
                                            "True when the knowledge base carries review records or claim dates.");
  auto ev = py::type::of<evidence>();
  ev.attr("review") = py::module_::import("builtins").attr("property")(py::cpp_function(
      [](evidence const& e) { return record_dict(e.review); }, py::is_method(ev),
      "The claim's newest review as a dict (status, reviewer, date, note), or None."));
  ev.attr("updated") = py::module_::import("builtins").attr("property")(py::cpp_function(
      [](evidence const& e) { return e.updated.empty() ? py::object(py::none()) : py::object(py::str(e.updated)); },
      py::is_method(ev), "The date (YYYY-MM-DD) the claim last changed, or None."));
  add_review_methods<mechanism_answer>(py::type::of<mechanism_answer>());
  add_review_methods<interaction_answer>(py::type::of<interaction_answer>());
  add_review_methods<dose_answer>(py::type::of<dose_answer>());
}

}  // namespace pharmakon::python
