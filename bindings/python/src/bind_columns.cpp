// The columnar API (KnowledgeBase.edges, adjacency, entity_ids, kinds, index_of, ...), kb[name], Drug.targets and
// the typed import report and progress classes.
//
// Arrays handed to numpy either view the knowledge base's own memory (read-only; a capsule holding a copy of the
// knowledge base is their base, so they outlive the Python KnowledgeBase) or own a vector moved out of C++ (a
// capsule holding the vector frees it). Nothing is copied on the way.
#include <algorithm>
#include <cstddef>
#include <memory>

#include <pybind11/numpy.h>

#include "common.hpp"

namespace pharmakon::python {

namespace {

/// A read-only int32 numpy array viewing `n` uint32 values of `kb`'s memory (entity and claim indices are below
/// 2^31, so the bits are the same); the array keeps `kb` alive.
py::array view_of_kb(knowledge_base const& kb, std::uint32_t const* data, std::size_t n) {
  auto* keep = new knowledge_base(kb);
  py::capsule owner(keep, [](void* p) { delete static_cast<knowledge_base*>(p); });
  py::array a(py::dtype::of<std::int32_t>(), {py::ssize_t(n)}, {py::ssize_t(sizeof(std::uint32_t))},
              reinterpret_cast<std::int32_t const*>(data), owner);
  a.attr("setflags")(py::arg("write") = false);
  return a;
}

/// A writable int32 numpy array that owns `v` (moved, not copied).
py::array own(std::vector<std::uint32_t>&& v) {
  auto* keep = new std::vector<std::uint32_t>(std::move(v));
  py::capsule owner(keep, [](void* p) { delete static_cast<std::vector<std::uint32_t>*>(p); });
  return py::array(py::dtype::of<std::int32_t>(), {py::ssize_t(keep->size())}, {py::ssize_t(sizeof(std::uint32_t))},
                   reinterpret_cast<std::int32_t const*>(keep->data()), owner);
}

relation_kind relation_of(py::handle h) { return to_enum<relation_kind>(h, "relation"); }

adjacency_options options_of(py::handle label, bool negated) {
  adjacency_options o;
  if (!label.is_none()) {
    if (!py::isinstance<py::str>(label)) throw py::type_error("label: expected a str or None, got " + type_name(label));
    o.label = label.cast<std::string>();
  }
  o.negated = negated;
  return o;
}

/// (indptr, indices, claims or None, shares_storage): the CSR arrays of one relation.
py::tuple csr_arrays(knowledge_base const& kb, py::handle relation, py::handle label, bool negated, bool want_claims) {
  auto r = relation_of(relation);
  auto o = options_of(label, negated);
  relation_adjacency a;
  {
    py::gil_scoped_release nogil;
    a = relation_adjacency_of(kb, r, o);
  }
  py::object claims = py::none();
  py::array indices;
  if (a.shares_storage) {
    indices = view_of_kb(kb, a.shared_objects.data(), a.shared_objects.size());
    if (want_claims) {
      auto np = py::module_::import("numpy");
      claims = np.attr("arange")(a.first_claim, a.first_claim + a.shared_objects.size(), py::arg("dtype") = "int32");
    }
  } else {
    indices = own(std::move(a.owned_objects));
    if (want_claims) claims = own(std::move(a.owned_claims));
  }
  bool shares = a.shares_storage;
  return py::make_tuple(own(std::move(a.offsets)), indices, claims, shares);
}

/// The entity index of `h`: a str (id, name, synonym, identifier, CURIE) or an entity.
std::uint32_t index_of_one(knowledge_base const& kb, py::handle h) {
  if (py::isinstance<entity_ref>(h)) {
    auto const& e = h.cast<entity_ref const&>();
    if (e.kb.same_as(kb)) return kb.vertex(e.node);
    auto hits = kb.find_all(e.base().id);
    if (hits.empty()) throw lookup_error(fmt::format("'{}' is not in this knowledge base", e.base().id), e.base().id, {});
    return kb.vertex(hits.front());
  }
  if (!py::isinstance<py::str>(h)) throw py::type_error("expected a name, an id or an Entity, got " + type_name(h));
  auto name = h.cast<std::string>();
  auto hits = kb.find_all(name);
  if (hits.empty()) {
    std::vector<std::string> sugg;
    for (auto k : enum_values<node_kind>())
      for (auto& s : kb.suggest(name, k, 2))
        if (sugg.size() < 3 && std::find(sugg.begin(), sugg.end(), s) == sugg.end()) sugg.push_back(s);
    std::string msg = fmt::format("unknown name '{}'", name);
    if (!sugg.empty()) msg += fmt::format("; did you mean {}?", fmt::join(sugg, ", "));
    throw lookup_error(std::move(msg), name, std::move(sugg));
  }
  return kb.vertex(hits.front());
}

/// An owning copy of an import_progress (whose strings are views into the importer).
struct progress_value {
  std::string phase, file;
  std::uint64_t bytes_done = 0, bytes_total = 0, records = 0;
  double seconds = 0;
};

using row = import_report::row;

/// Read access by key, for code written when reports and progress were dicts (`report["nodes"]`, `dict(p)`).
template <class C>
void mapping_compat(C& c, std::vector<std::string> keys) {
  c.def("keys", [keys](py::object const&) { return keys; }, "The attribute names (for code that read this as a dict).");
  c.def(
      "__getitem__",
      [keys](py::object const& self, std::string const& key) -> py::object {
        if (std::find(keys.begin(), keys.end(), key) == keys.end()) throw py::key_error(key);
        return self.attr(key.c_str());
      },
      "Attribute access by name (for code that read this as a dict).");
}

}  // namespace

py::object progress_object(import_progress const& p) {
  return py::cast(progress_value{std::string(p.phase), std::string(p.file), p.bytes_done, p.bytes_total, p.records,
                                 p.seconds});
}

void bind_reports(py::module_& m) {
  py::class_<row> r(m, "ImportCount", "One original kind of an import and what it became, with its count.");
  r.def_readonly("original", &row::original, "The source's own kind, e.g. \"Compound\", \"CbG (Compound binds Gene)\".")
      .def_readonly("pharmakon", &row::pharmakon, "What it became, e.g. \"drug\", \"acts_on\", \"related 'participates'\".")
      .def_readonly("count", &row::count, "How many.")
      .def("__repr__", [](row const& x) { return fmt::format("<ImportCount {} -> {}: {}>", x.original, x.pharmakon, x.count); });
  mapping_compat(r, {"original", "pharmakon", "count"});

  py::class_<import_report> rep(m, "ImportReport",
                                "What an import read and made: the counts per original kind and the pharmakon kind each "
                                "became; str() is the printed table (as `pharmakon import` prints it).");
  rep.def_readonly("format", &import_report::format, "\"hetionet\", \"gtopdb\", \"kgx\", \"chembl\" or \"drugcentral\".")
      .def_readonly("files", &import_report::files, "The files read (list of str).")
      .def_readonly("nodes", &import_report::nodes, "Per original node kind (list of ImportCount).")
      .def_readonly("edges", &import_report::edges, "Per original edge kind (list of ImportCount).")
      .def_readonly("notes", &import_report::notes, "Anything else worth saying: merged entities, skipped columns (list of str).")
      .def_readonly("seconds", &import_report::seconds, "How long the import took.")
      .def_property_readonly("text", &import_report::to_string, "The report as the printed table (= str(report)).")
      .def("__str__", &import_report::to_string)
      .def("__repr__", [](import_report const& x) {
        std::uint64_t n = 0, e = 0;
        for (auto const& y : x.nodes) n += y.count;
        for (auto const& y : x.edges) e += y.count;
        return fmt::format("<ImportReport {}: {} nodes, {} edges, {:.2f} s>", x.format, n, e, x.seconds);
      });
  mapping_compat(rep, {"format", "files", "nodes", "edges", "notes", "seconds", "text"});

  py::class_<progress_value> p(m, "ImportProgress",
                               "How far an import has got, as given to a `progress` callable a few times a second.");
  p.def_readonly("phase", &progress_value::phase, "\"nodes\", \"edges\", \"interactions\", \"building\", ...")
      .def_readonly("file", &progress_value::file, "The file being read (empty while the knowledge base is built).")
      .def_readonly("bytes_done", &progress_value::bytes_done, "Bytes of the file (as stored) consumed so far.")
      .def_readonly("bytes_total", &progress_value::bytes_total, "The file's size (0 if unknown).")
      .def_readonly("records", &progress_value::records, "Records (lines, rows) read so far in this file.")
      .def_readonly("seconds", &progress_value::seconds, "Seconds since the import started.")
      .def_property_readonly("fraction",
                             [](progress_value const& x) -> py::object {
                               if (x.bytes_total == 0) return py::none();
                               return py::float_(double(x.bytes_done) / double(x.bytes_total));
                             },
                             "bytes_done / bytes_total, or None when the size is unknown.")
      .def("__repr__", [](progress_value const& x) {
        return fmt::format("<ImportProgress {} {}: {} of {} bytes, {} records, {:.2f} s>", x.phase, x.file,
                           x.bytes_done, x.bytes_total, x.records, x.seconds);
      });
  mapping_compat(p, {"phase", "file", "bytes_done", "bytes_total", "records", "seconds"});
}

void bind_columns(py::module_& m) {
  auto kb = py::reinterpret_borrow<py::class_<knowledge_base>>(m.attr("KnowledgeBase"));
  kb.def(
        "_csr",
        [](knowledge_base const& k, py::object relation, py::object label, bool negated, bool claims) {
          return csr_arrays(k, relation, label, negated, claims);
        },
        py::arg("relation"), py::arg("label") = py::none(), py::arg("negated") = false, py::arg("claims") = true,
        "(indptr, indices, claims, shares_storage): the CSR arrays behind adjacency() and edges().")
      .def(
          "_claim_csr",
          [](knowledge_base const& k) {
            auto off = claim_offsets(k);
            auto obj = claim_objects(k);
            // relation kind of every claim: the edge bundles are one byte each, contiguous
            auto const& kinds = k.graph().m_forward.m_edge_properties;
            static_assert(sizeof(edge_bundle) == 1);
            auto* keep = new knowledge_base(k);
            py::capsule owner(keep, [](void* p) { delete static_cast<knowledge_base*>(p); });
            py::array kind_arr(py::dtype::of<std::uint8_t>(), {py::ssize_t(k.claim_count())}, {py::ssize_t(1)},
                               reinterpret_cast<std::uint8_t const*>(kinds.data()), owner);
            kind_arr.attr("setflags")(py::arg("write") = false);
            return py::make_tuple(view_of_kb(k, off.data(), off.size()), view_of_kb(k, obj.data(), obj.size()),
                                  kind_arr);
          },
          "(indptr, objects, relation codes) of every claim: views of the knowledge base's own CSR.")
      .def(
          "_claim_labels",
          [](knowledge_base const& k) {
            auto codes = related_label_codes(k);
            return py::make_tuple(related_labels(k), own(std::move(codes)));
          },
          "(labels, codes): the original kinds of related claims, and per claim the index into labels (-1 for "
          "claims of other relations).")
      .def(
          "labels",
          [](knowledge_base const& k, py::object relation) {
            // only related claims carry an original kind; kb.labels("related") says the same as kb.labels()
            if (!relation.is_none())
              if (auto const r = to_enum<relation_kind>(relation, "relation"); r != relation_kind::related)
                throw usage_error(errc::unknown_enum,
                                  fmt::format("relation: expected 'related' (only related claims carry an original "
                                              "kind), found '{}'",
                                              pharmakon::to_string(r)));
            return related_labels(k);
          },
          py::arg("relation") = py::none(),
          "The original kinds (labels) the related claims carry, e.g. Hetionet's \"associates\", \"participates\" "
          "(list of str), each once. relation: None or 'related' (the only relation whose claims have labels).")
      .def(
          "entity_ids",
          [](knowledge_base const& k) {
            auto np = py::module_::import("numpy");
            auto n = std::size_t(num_vertices(k.graph()));
            py::array out = np.attr("empty")(n, py::arg("dtype") = "object");
            auto* p = static_cast<PyObject**>(out.mutable_data());
            for (std::size_t v = 0; v < n; ++v) {
              auto const& id = k.base(k.node(vertex_type(v))).id;
              PyObject* s = PyUnicode_DecodeUTF8(id.data(), py::ssize_t(id.size()), nullptr);
              if (!s) throw py::error_already_set();
              Py_XDECREF(p[v]);
              p[v] = s;
            }
            return out;
          },
          "The string id of every entity, by entity index (a numpy array of str): entity_ids()[kb.index_of(x)] is "
          "x's id. Rows and columns of adjacency() are entity indices.")
      .def(
          "kinds",
          [](knowledge_base const& k) {
            auto b = entity_bundles(k);
            auto* keep = new knowledge_base(k);
            py::capsule owner(keep, [](void* p) { delete static_cast<knowledge_base*>(p); });
            py::array a(py::dtype::of<std::uint8_t>(), {py::ssize_t(b.size())}, {py::ssize_t(sizeof(vertex_bundle))},
                        reinterpret_cast<std::uint8_t const*>(b.data()) + offsetof(vertex_bundle, kind), owner);
            a.attr("setflags")(py::arg("write") = false);
            return a;
          },
          "The NodeKind of every entity as its integer code, by entity index (a read-only numpy uint8 array viewing "
          "the knowledge base): `kb.kinds() == int(pharmakon.NodeKind.drug)` selects the drugs.")
      .def(
          "index_range",
          [](knowledge_base const& k, py::object kind) {
            auto [a, b] = entity_range(k, to_enum<node_kind>(kind, "kind"));
            return py::module_::import("builtins").attr("range")(a, b);
          },
          py::arg("kind"),
          "The entity indices of one NodeKind (or its name), a range: entities are grouped by kind, so "
          "adjacency(...)[kb.index_range('drug')] are the drugs' rows.")
      .def(
          "index_of",
          [](knowledge_base const& k, py::object x) -> py::object {
            if (py::isinstance<py::str>(x) || py::isinstance<entity_ref>(x)) return py::int_(index_of_one(k, x));
            if (!py::isinstance<py::iterable>(x))
              throw py::type_error("expected a name, an id, an Entity or a list of them, got " + type_name(x));
            std::vector<std::uint32_t> out;
            for (auto h : x) out.push_back(index_of_one(k, h));
            return own(std::move(out));
          },
          py::arg("name"),
          "The entity index of a name, id, identifier or CURIE (\"GO:0000002\"), or of an Entity: an int; for a "
          "list of them, a numpy array. Raises UnknownNameError with the closest names.")
      .def(
          "__getitem__",
          [](knowledge_base const& k, py::object x) -> py::object {
            if (py::isinstance<py::int_>(x) && !py::isinstance<py::bool_>(x)) {
              auto i = x.cast<std::int64_t>();
              auto n = std::int64_t(num_vertices(k.graph()));
              if (i < 0) i += n;
              if (i < 0 || i >= n) throw py::index_error(fmt::format("entity index {} out of range (0..{})", x.cast<std::int64_t>(), n - 1));
              return wrap_node(k, k.node(vertex_type(i)));
            }
            if (!py::isinstance<py::str>(x)) throw py::type_error("kb[...]: expected a name, an id or an entity index, got " + type_name(x));
            return wrap_node(k, k.node(vertex_type(index_of_one(k, x))));
          },
          py::arg("key"),
          "kb[\"naltrexone\"]: the entity a name, id, identifier or CURIE denotes (as kb.entity()); kb[i]: the "
          "entity with index i (as in adjacency() and edges()). Raises UnknownNameError (a KeyError) or IndexError.");

  // Entity.index and Drug.targets
  auto entity = py::reinterpret_borrow<py::class_<entity_ref>>(m.attr("Entity"));
  entity.def_property_readonly("index", [](entity_ref const& e) { return e.kb.vertex(e.node); },
                               "The entity's index: its row and column in adjacency(), as in edges() and entity_ids().");
  auto drug_cls = py::reinterpret_borrow<py::class_<entity_view<drug>, entity_ref>>(m.attr("Drug"));
  drug_cls.def_property_readonly(
      "targets",
      [](entity_view<drug> const& d) {
        std::vector<target_id> seen;
        py::list out;
        for (auto e : d.kb.out<rel::acts_on>(d.id())) {
          if (e.negated() || std::find(seen.begin(), seen.end(), e.object()) != seen.end()) continue;
          seen.push_back(e.object());
          out.append(wrap_node(d.kb, any_node(e.object())));
        }
        return out;
      },
      "The targets the drug acts on (list of Target, each once, negated claims left out); `actions` has the "
      "claims with their actions and affinities.");
}

}  // namespace pharmakon::python
