// pharmakon._core: the compiled part of the `pharmakon` Python package (re-exported by pharmakon/__init__.py).
#include "common.hpp"

PYBIND11_MODULE(_core, m) {
  namespace pp = pharmakon::python;
  m.doc() = "pharmakon's compiled core. Import `pharmakon`, which re-exports everything public from here.";
  m.attr("__version__") = PHARMAKON_VERSION_STRING;
  m.attr("answer_schema_version") = std::string(pharmakon::answer_schema_version);
  m.attr("disclaimer") = std::string(pharmakon::disclaimer);
  // Order matters for the signatures in help(): types are registered before the functions that return them.
  pp::bind_values(m);
  pp::bind_answers(m);
  pp::bind_graph(m);
  pp::bind_tables(m);
}
