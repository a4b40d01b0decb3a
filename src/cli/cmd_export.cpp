// pharmakon export: the knowledge base (embedded, --kb files or a snapshot) as KGX, GraphML, Neo4j CSV, a
// snapshot, or a drug's mechanism as Graphviz DOT.
#include "cli.hpp"

namespace pharmakon::cli {

namespace {
struct export_args {
  std::string to;
  std::string out;
  std::string drug;
  std::vector<std::string> around;
  unsigned radius = 1;
  bool sources = false;
  bool all_targets = false;
};
}  // namespace

void add_export(CLI::App& app, context& ctx) {
  auto* cmd = app.add_subcommand("export", "Write the knowledge base in another format");
  auto a = std::make_shared<export_args>();
  cmd->add_option("--to", a->to, "kgx (PREFIX_nodes.tsv, PREFIX_edges.tsv), graphml, neo4j (a directory), "
                                 "snapshot, dot (a drug's mechanism; needs --drug)")
      ->required()
      ->check(CLI::IsMember({"kgx", "graphml", "neo4j", "snapshot", "dot"}));
  cmd->add_option("-o,--out", a->out,
                  "Output file, prefix (kgx) or directory (neo4j); '-' writes to stdout where the format is one file "
                  "(graphml, snapshot, dot; dot also when omitted)");
  cmd->add_option("--drug", a->drug, "The drug whose mechanism neighbourhood DOT shows");
  cmd->add_option("--around", a->around, "GraphML: only these entities and their neighbourhood (repeatable)");
  cmd->add_option("--radius", a->radius, "GraphML with --around: how many hops")->capture_default_str();
  cmd->add_flag("--sources", a->sources, "DOT: number the sources on each edge and list them");
  cmd->add_flag("--all-targets", a->all_targets,
                "DOT: every target claim, also activity-only rows and other species (default: the mechanism only)");
  cmd->callback([&ctx, a] {
    ctx.run = [&ctx, a]() -> int {
      wrappable_output() = false;  // DOT, GraphML, snapshots: data, never wrapped
      auto kb = ctx.load();
      if (!kb) return bad_input;
      if (a->to != "dot" && a->out.empty()) {
        print_error(fmt::format("--out is required for --to {}", a->to));
        return bad_input;
      }
      if (a->out == "-" && (a->to == "kgx" || a->to == "neo4j")) {
        print_error(fmt::format("--out -: --to {} writes several files ({}), not one; give {}", a->to,
                                a->to == "kgx" ? "PREFIX_nodes.tsv, PREFIX_edges.tsv, PREFIX_pharmakon.json"
                                               : "CSV files and import.sh",
                                a->to == "kgx" ? "a prefix" : "a directory"));
        return bad_input;
      }
      if (a->to == "dot") {
        if (a->drug.empty()) {
          print_error("--to dot needs --drug NAME");
          return bad_input;
        }
        auto d = resolve_drug(*kb, a->drug);
        if (!d) return bad_input;
        dot_options o;
        o.show_sources = a->sources;
        o.all_targets = a->all_targets;
        auto text = mechanism_dot(*kb, *d, o);
        if (a->out.empty() || a->out == "-") {
          emit(text);
        } else {
          write_file_atomically(a->out, text);
        }
      } else if (a->to == "kgx") {
        export_kgx(*kb, a->out);
        kgx_paths p(a->out);
        fmt::print(stderr, "wrote {}, {} and {}\n", p.nodes.string(), p.edges.string(), p.meta.string());
      } else if (a->to == "graphml") {
        graphml_options o;
        o.radius = a->radius;
        for (auto const& n : a->around) {
          auto hits = kb->find_all(n);
          if (hits.empty()) {
            print_error(fmt::format("nothing in the knowledge base is called '{}'", n), "unknown_name");
            return bad_input;
          }
          o.around.push_back(hits.front());
        }
        write_to(a->out, [&](std::filesystem::path const& p) { export_graphml(*kb, p, o); });
      } else if (a->to == "neo4j") {
        auto files = export_neo4j(*kb, a->out);
        fmt::print(stderr, "wrote {} files to {}; load them with {}/import.sh (see docs/neo4j.md)\n", files.size(),
                   a->out, a->out);
      } else {
        write_to(a->out, [&](std::filesystem::path const& p) { save_snapshot(*kb, p); });
      }
      return answered;
    };
  });
}

}  // namespace pharmakon::cli
