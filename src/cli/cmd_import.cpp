// pharmakon import: Hetionet, GtoPdb, KGX, ChEMBL, DrugCentral or DrugMechDB files into a knowledge-base snapshot (--kb).
#include <algorithm>
#include <atomic>
#include <csignal>

#include "cli.hpp"

namespace pharmakon::cli {

namespace {

std::atomic<bool> interrupted{false};
extern "C" void on_interrupt(int) { interrupted = true; }

struct import_args {
  std::string from;
  std::vector<std::string> paths;
  std::string out;
  std::string name, version;
  bool onto = false;
  bool quiet = false;
};

}  // namespace

void add_import(CLI::App& app, context& ctx) {
  auto* cmd = app.add_subcommand(
      "import",
      "Import a public knowledge graph into a snapshot file, for answers over it: pharmakon --kb FILE moa ...");
  auto a = std::make_shared<import_args>();
  cmd->add_option("--from", a->from, "Format of the input files")
      ->required()
      ->check(CLI::IsMember({"hetionet", "gtopdb", "kgx", "chembl", "drugcentral", "drugmechdb"}));
  cmd->add_option("paths", a->paths,
                  "Input files, plain or gzipped: hetionet NODES.tsv EDGES.sif; gtopdb interactions.csv [ligands.csv "
                  "peptides.csv targets_and_families.csv]; kgx NODES.tsv [EDGES.tsv] [PREFIX_pharmakon.json]; chembl "
                  "drug_mechanism.csv [drug_nodes.csv]; drugcentral drug.target.interaction.tsv.gz; drugmechdb "
                  "PATH.yaml... or a folder of them. '-' reads one of "
                  "them (plain or gzipped) from stdin; not for kgx, which reads its nodes file twice")
      ->required()
      ->check(CLI::Validator(
          [](std::string& s) -> std::string {
            if (std::filesystem::is_directory(s)) return {};  // a folder of DrugMechDB paths
            return existing_file_or_stdin()(s);
          },
          "FILE, FOLDER (drugmechdb) or - (stdin)"));
  cmd->add_option("-o,--out", a->out, "The snapshot to write ('-': to stdout)")->required();
  cmd->add_option("--name", a->name, "Name of the resulting knowledge base");
  cmd->add_option("--kb-version", a->version, "Version of the resulting knowledge base");
  cmd->add_flag("--onto", a->onto,
                "Import on top of the knowledge base of the global options (the embedded one and --kb files); "
                "entities with the same DrugBank, Entrez, GtoPdb, ChEMBL... identifier merge");
  cmd->add_flag("-q,--quiet", a->quiet, "No progress line and no report");
  cmd->callback([&ctx, a] {
    ctx.run = [&ctx, a]() -> int {
      std::optional<knowledge_base> base;
      if (a->onto) {
        base = ctx.load();
        if (!base) return bad_input;
      }
      import_options o;
      o.base = base ? &*base : nullptr;
      o.name = a->name;
      o.version = a->version;
      o.cancel = &interrupted;
      if (!a->quiet) o.progress = terminal_progress(stderr, &interrupted);
      auto previous = std::signal(SIGINT, on_interrupt);
      if (auto stdin_files = std::count(a->paths.begin(), a->paths.end(), "-"); stdin_files > 1) {
        print_error("'-' (standard input) can be given once");
        return bad_input;
      } else if (stdin_files == 1 && a->from == "kgx") {
        print_error("'-': a KGX import reads its nodes file twice, so it cannot come from standard input; give a file");
        return bad_input;
      }
      std::vector<std::filesystem::path> files(a->paths.begin(), a->paths.end());
      import_result r = a->from == "hetionet" ? try_import_hetionet(files, o)
                        : a->from == "gtopdb" ? try_import_gtopdb(files, o)
                        : a->from == "chembl" ? try_import_chembl(files, o)
                        : a->from == "drugcentral" ? try_import_drugcentral(files, o)
                        : a->from == "drugmechdb" ? try_import_drugmechdb(files, o)
                                              : try_import_kgx(files, o);
      std::signal(SIGINT, previous);
      if (r.cancelled) {
        fmt::print(stderr, "import cancelled; nothing written\n");
        return 130;
      }
      if (!r) {
        print_diagnostics(r.diagnostics, "import failed; nothing written");
        return bad_input;
      }
      write_to(a->out, [&](std::filesystem::path const& p) { save_snapshot(*r.kb, p); });
      if (!a->quiet) {
        fmt::print(stderr, "{}", r.report.to_string());
        if (a->out == "-")
          fmt::print(stderr, "wrote the snapshot to standard output ({} {}, content hash {})\n", r.kb->name(),
                     r.kb->version(), r.kb->content_hash());
        else
          fmt::print(stderr, "wrote {} ({} {}, content hash {}); use it with: pharmakon --kb {} moa DRUG\n", a->out,
                     r.kb->name(), r.kb->version(), r.kb->content_hash(), a->out);
      }
      return answered;
    };
  });
}

}  // namespace pharmakon::cli
