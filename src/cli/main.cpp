// pharmakon: pharmacology answers from the command line.
#include "cli.hpp"

int main(int argc, char** argv) {
  using namespace pharmakon::cli;
  CLI::App app{"pharmakon " PHARMAKON_VERSION_STRING
               " — pharmacology knowledge as a typed, evidence-linked graph.\n"
               "Answers are composed from the embedded knowledge base (plus --kb files), with numbered sources."};
  app.set_version_flag("--version", [] { return version_text(); },
                       "Print the version and the embedded knowledge base's name, version and content hash");
  app.require_subcommand(1);
  detect_json_errors(argc, argv);
  context ctx;
  app.add_option("--kb", ctx.kb_files,
                 "Knowledge-base file (TOML) to add to the embedded one, or a snapshot (from pharmakon import) to "
                 "use instead of it; repeatable")
      ->check(CLI::ExistingFile);
  app.add_flag("--no-default", ctx.no_default, "Use only the --kb files, not the embedded knowledge base");
  app.add_option("--reviews", ctx.review_files,
                 "Review file (TOML [[review]] tables: a medical board's status, reviewer and date per claim, entity "
                 "or source), checked against the knowledge base; repeatable")
      ->check(CLI::ExistingFile);
  app.add_flag("--approved-only", ctx.approved_only,
               "Answers show only approved statements (and say how many were left out)");
  add_moa(app, ctx);
  add_interactions(app, ctx);
  add_dose_check(app, ctx);
  add_drugs(app, ctx);
  add_show(app, ctx);
  add_validate(app, ctx);
  add_import(app, ctx);
  add_export(app, ctx);
  add_ask(app, ctx);
  add_serve(app, ctx);
  add_completion(app, ctx);
  add_agreement(app, ctx);
  // a subcommand's option given before it (pharmakon --format json moa X) is read as the subcommand's
  auto args = hoist_subcommand_options(app, argc, argv);
  std::vector<char*> arg_ptrs;
  for (auto& a : args) arg_ptrs.push_back(a.data());
  arg_ptrs.push_back(nullptr);
  argc = int(args.size());
  argv = arg_ptrs.data();
  if (auto unknown = unknown_subcommand(app, argc, argv)) {
    print_error(unknown->message, "unknown_command", unknown->suggestions);
    return bad_input;
  }
  try {
    app.parse(argc, argv);
  } catch (CLI::ParseError const& e) {
    if (json_errors() && e.get_exit_code() != 0) {
      print_error(e.what(), "usage");
      return bad_input;
    }
    int rc = app.exit(e);
    return rc == 0 ? answered : bad_input;
  }
  return run_subcommand(ctx.run);  // bad input exits 2, pharmakon's own failures 3 (docs/errors.md)
}
