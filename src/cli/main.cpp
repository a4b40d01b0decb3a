// pharmakon: pharmacology answers from the command line.
#include "cli.hpp"

int main(int argc, char** argv) {
  using namespace pharmakon::cli;
  CLI::App app{"pharmakon " PHARMAKON_VERSION_STRING
               " — pharmacology knowledge as a typed, evidence-linked graph.\n"
               "Answers are composed from the embedded knowledge base (plus --kb files), with numbered sources."};
  app.set_version_flag("--version", std::string(PHARMAKON_VERSION_STRING));
  app.require_subcommand(1);
  context ctx;
  app.add_option("--kb", ctx.kb_files,
                 "Knowledge-base file (TOML) to add to the embedded one, or a snapshot (from pharmakon import) to "
                 "use instead of it; repeatable")
      ->check(CLI::ExistingFile);
  app.add_flag("--no-default", ctx.no_default, "Use only the --kb files, not the embedded knowledge base");
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
  try {
    app.parse(argc, argv);
  } catch (CLI::ParseError const& e) {
    int rc = app.exit(e);
    return rc == 0 ? answered : bad_input;
  }
  try {
    return ctx.run ? ctx.run() : bad_input;
  } catch (pharmakon::error const& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return bad_input;
  } catch (std::exception const& e) {
    fmt::print(stderr, "internal error: {}\n", e.what());
    return bad_input;
  }
}
