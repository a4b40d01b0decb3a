// pharmakon._core: the compiled part of the `pharmakon` Python package (re-exported by pharmakon/__init__.py).
#include "common.hpp"

PYBIND11_MODULE(_core, m) {
  namespace pp = pharmakon::python;
  namespace py = pybind11;
  m.doc() = "pharmakon's compiled core. Import `pharmakon`, which re-exports everything public from here.";
  m.attr("__version__") = PHARMAKON_VERSION_STRING;
  m.attr("answer_schema_version") = std::string(pharmakon::answer_schema_version);
  m.attr("disclaimer") = std::string(pharmakon::disclaimer);
  // Types and functions are public as pharmakon.X (the package re-exports them): register them under that module
  // name, so help(), signatures and reprs say pharmakon.KnowledgeBase, not pharmakon._core.KnowledgeBase.
  py::object real_name = m.attr("__name__");
  m.attr("__name__") = "pharmakon";
  // Order matters for the signatures in help(): types are registered before the functions that return them.
  pp::bind_values(m);
  pp::bind_answers(m);
  pp::bind_graph(m);
  pp::bind_tables(m);
  pp::bind_reports(m);
  pp::bind_io(m);
  pp::bind_columns(m);
  pp::bind_reviews(m);
  m.attr("__name__") = real_name;
}
