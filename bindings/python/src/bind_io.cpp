// Importers (Hetionet, GtoPdb, KGX, ChEMBL, DrugCentral), exporters (KGX, GraphML, Neo4j, DOT) and binary snapshots,
// for Python.
//
// Imports run with the GIL released. They can be long (seconds for millions of edges), so they stay
// interruptible: a progress callback wakes a few times a second, takes the GIL and runs Python's pending signal
// handlers; a KeyboardInterrupt (Ctrl-C) or any other exception from a handler, or from the user's own progress
// callable, cancels the import (nothing is half-applied) and is re-raised once the import has stopped.
#include "common.hpp"

#include <pybind11/stl/filesystem.h>

#include <optional>

namespace pharmakon::python {

namespace {

using importer = import_result (*)(std::span<std::filesystem::path const>, import_options const&);

/// Runs `fn` on `files` with the GIL released, interruptible; returns the KnowledgeBase, or (kb, report).
py::object run_import(importer fn, py::handle paths, py::handle base, py::object progress, std::string name,
                      std::string version, bool with_report) {
  auto files = to_paths(paths);
  if (files.empty()) throw usage_error(errc::missing_field, "paths: expected at least one file, found none");
  import_options o;
  o.base = base_of(base);
  o.name = std::move(name);
  o.version = std::move(version);
  // progress: None (nothing shown), True (the terminal line, on stderr when it is a terminal), or a callable
  // given an ImportProgress (phase, file, bytes_done, bytes_total, records, seconds); returning False cancels
  bool terminal = false;
  py::object user;
  if (py::isinstance<py::bool_>(progress))
    terminal = progress.cast<bool>();
  else if (!progress.is_none()) {
    if (!PyCallable_Check(progress.ptr()))
      throw py::type_error("progress: expected None, a bool or a callable, got " + type_name(progress));
    user = progress;
  }
  progress_callback shown = terminal ? terminal_progress() : progress_callback{};
  std::optional<py::error_already_set> raised;
  bool user_cancelled = false;
  o.progress = [&](import_progress const& p) -> bool {
    if (shown && !shown(p)) return false;
    py::gil_scoped_acquire gil;
    try {
      if (PyErr_CheckSignals() != 0) throw py::error_already_set();
      if (user) {
        py::object r = user(progress_object(p));
        if (!r.is_none() && !py::bool_(r)) {
          user_cancelled = true;
          return false;
        }
      }
    } catch (py::error_already_set& e) {
      raised.emplace(std::move(e));
      return false;
    }
    return true;
  };
  import_result r;
  {
    py::gil_scoped_release nogil;
    r = fn(files, o);
  }
  if (raised) throw std::move(*raised);
  if (!r) {
    if (r.cancelled && r.diagnostics.empty() && user_cancelled)
      r.diagnostics.push_back({errc::io, source_region::at("<import>"), "the import to run to completion",
                               "it was cancelled by the progress callback"});
    std::move(r).value_or_throw();  // raises LoadError
  }
  py::object kb = py::cast(std::move(*r.kb));
  if (!with_report) return kb;
  return py::make_tuple(kb, py::cast(std::move(r.report)));
}

char const* const import_doc_tail =
    "\n\nbase: import on top of this KnowledgeBase (entities with the same external identifier are merged); None "
    "starts empty. progress: None, True (an updating line on stderr when it is a terminal) or a callable given an "
    "ImportProgress (phase, file, bytes_done, bytes_total, records, seconds) that may return False to cancel. name, "
    "version: for the new knowledge base. with_report: return (kb, report), an ImportReport of the counts per "
    "original kind and the pharmakon kind each became (str(report) is the printed table).\n\n"
    "All or nothing: a file that does not parse raises LoadError with every file:line:column diagnostic, and no "
    "knowledge base. The GIL is released while files are read; Ctrl-C cancels the import.";

/// Binds importer `fn` as `pharmakon.NAME(paths, *, base=None, progress=None, name="", version="",
/// with_report=False)`; `what` is the first part of its docstring.
void def_importer(py::module_& m, char const* name, importer fn, char const* what) {
  m.def(
      name,
      [fn](py::object paths, py::args more, py::object base, py::object progress, std::string kb_name,
           std::string version, bool with_report) {
        // import_x(nodes, edges) as well as import_x([nodes, edges]): more paths after the first join it
        if (!more.empty()) {
          py::list all;
          if (py::isinstance<py::str>(paths) || !py::hasattr(paths, "__iter__")) all.append(paths);
          else
            for (auto p : paths) all.append(p);
          for (auto p : more) all.append(p);
          paths = std::move(all);
        }
        return run_import(fn, paths, base, std::move(progress), std::move(kb_name), std::move(version), with_report);
      },
      py::arg("paths"), py::kw_only(), py::arg("base") = py::none(), py::arg("progress") = py::none(),
      py::arg("name") = "", py::arg("version") = "", py::arg("with_report") = false,
      (std::string(what) + import_doc_tail).c_str());
}

}  // namespace

void bind_io(py::module_& m) {
  auto kb_cls = py::reinterpret_borrow<py::class_<knowledge_base>>(m.attr("KnowledgeBase"));

  def_importer(m, "import_hetionet", &try_import_hetionet,
               "Imports Hetionet v1.0: the node table (TSV) and the edge list (SIF), plain or gzipped, in "
               "either order. Compounds become drugs, genes become genes and targets, binds/treats/palliates/"
               "causes edges typed claims, every other node and edge a Concept or a related claim with its "
               "original kind.");
  def_importer(m, "import_gtopdb", &try_import_gtopdb,
               "Imports IUPHAR/BPS Guide to Pharmacology CSV downloads (interactions.csv with ligands.csv, "
               "targets_and_families.csv, ...): actions with modality, affinities with units, PMIDs as "
               "sources.");
  def_importer(m, "import_kgx", &try_import_kgx,
               "Imports KGX TSV (Biolink model) files: a nodes file and an edges file, and optionally the "
               "_pharmakon.json that export_kgx writes beside them (which makes the round trip exact).");
  def_importer(m, "import_chembl", &try_import_chembl,
               "Imports ChEMBL drug mechanisms (drug_mechanism CSV, optionally the drug table for names): "
               "acts_on claims with ChEMBL's action type, the mechanism text as the note and the drug's ChEMBL "
               "record as the source; a mechanism without a target is a Concept the drug is related to.");
  def_importer(m, "import_drugcentral", &try_import_drugcentral,
               "Imports DrugCentral's drug.target.interaction.tsv(.gz): targets with their UniProt accessions "
               "and genes, acts_on claims with the action type, Ki/Kd/IC50/EC50 activities as pKi/pKd/pIC50/"
               "pEC50 affinities (DrugCentral gives -log10 molar values), and the cited URLs as sources.");
  def_importer(m, "import_drugmechdb", &try_import_drugmechdb,
               "Imports DrugMechDB mechanism paths: YAML path files, or a folder of them. Each link becomes a "
               "related claim keeping DrugMechDB's verb and citing the path (its DOI and id) and its references; "
               "drugs, proteins and diseases merge into the base by DrugBank, UniProt and MeSH id. "
               "MechanismAnswer.paths reassembles them; path_agreement(kb) compares them with the actions.");
  m.def(
      "path_agreement",
      [](knowledge_base const& kb) {
        return py::module_::import("json").attr("loads")(render_json(path_agreement_of(kb)));
      },
      py::arg("kb"),
      "The agreement report of the mechanism paths' drug -> target hops with the knowledge base's acts_on actions "
      "(conflict, matched, unrated, path_only, kb_only), as a dict: counts and one row per (drug, target).");

  m.def(
      "load_snapshot",
      [](py::object path) {
        auto p = to_path(path);
        load_result r;
        {
          py::gil_scoped_release nogil;
          r = try_load_snapshot(p);
        }
        if (!r) throw load_error(std::move(r.diagnostics));
        return std::move(*r.kb);
      },
      py::arg("path"),
      "Loads a binary snapshot written by KnowledgeBase.save_snapshot (or `pharmakon import`). A missing, "
      "truncated or corrupt file, a wrong checksum or an unknown format version raises LoadError.");
  m.def(
      "is_snapshot", [](py::object path) { return is_snapshot(to_path(path)); }, py::arg("path"),
      "True if the file starts like a pharmakon snapshot (whatever its version).");

  kb_cls
      .def(
          "save_snapshot",
          [](knowledge_base const& k, py::object path) {
            auto p = to_path(path);
            py::gil_scoped_release nogil;
            save_snapshot(k, p);
          },
          py::arg("path"),
          "Writes the knowledge base as a versioned, checksummed binary snapshot that load_snapshot reads back in "
          "milliseconds. Written to a temporary file renamed into place: a failed write (KBError, code io) "
          "leaves any existing file intact.")
      .def(
          "export_kgx",
          [](knowledge_base const& k, py::object prefix) {
            auto p = to_path(prefix);
            kgx_paths out(p);
            {
              py::gil_scoped_release nogil;
              export_kgx(k, p);
            }
            return py::make_tuple(out.nodes, out.edges, out.meta);
          },
          py::arg("prefix"),
          "Writes PREFIX_nodes.tsv, PREFIX_edges.tsv (KGX TSV, Biolink model) and PREFIX_pharmakon.json; returns "
          "their paths. import_kgx reads them back to an equal knowledge base.")
      .def(
          "export_graphml",
          [](knowledge_base const& k, py::object path, py::object around, unsigned radius) {
            auto p = to_path(path);
            graphml_options o;
            o.radius = radius;
            if (!around.is_none()) {
              if (py::isinstance<py::str>(around) || py::isinstance<entity_ref>(around))
                around = py::make_tuple(around);
              else if (!py::isinstance<py::iterable>(around))
                throw py::type_error("around: expected names or entities, got " + type_name(around));
              for (auto a : around) {
                std::string name;
                if (py::isinstance<py::str>(a))
                  name = a.cast<std::string>();
                else if (py::isinstance<entity_ref>(a))
                  name = a.cast<entity_ref const&>().base().id;
                else
                  throw py::type_error("around: expected names or entities, got " + type_name(a));
                auto hits = k.find_all(name);
                if (hits.empty())
                  throw lookup_error("nothing in the knowledge base is called '" + name + "'", name, {});
                o.around.push_back(hits.front());
              }
            }
            py::gil_scoped_release nogil;
            export_graphml(k, p, o);
          },
          py::arg("path"), py::kw_only(), py::arg("around") = py::none(), py::arg("radius") = 1,
          "Writes GraphML (Cytoscape, Gephi, yEd, networkx.read_graphml): the whole knowledge base, or only the "
          "entities `around` (names or entities) and what lies within `radius` hops of them.")
      .def(
          "export_neo4j",
          [](knowledge_base const& k, py::object dir) {
            auto p = to_path(dir);
            std::vector<std::filesystem::path> files;
            {
              py::gil_scoped_release nogil;
              files = export_neo4j(k, p);
            }
            return files;
          },
          py::arg("directory"),
          "Writes the CSV files of `neo4j-admin database import full` and import.sh into `directory`; returns the "
          "files written.")
      .def(
          "mechanism_dot",
          [](knowledge_base const& k, py::object d, bool sources) {
            auto id = resolve<drug>(k, d, "a drug name or a Drug");
            dot_options o;
            o.show_sources = sources;
            py::gil_scoped_release nogil;
            return mechanism_dot(k, id, o);
          },
          py::arg("drug"), py::kw_only(), py::arg("sources") = false,
          "The mechanism neighbourhood of a drug as Graphviz DOT text (render with `dot -Tsvg`); `sources` cites "
          "the numbered sources on each edge.");
}

}  // namespace pharmakon::python
