// pharmakon: pharmacology answers from the command line.
#include <filesystem>
#include <new>

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
  std::vector<std::string> suggestions;
  if (auto unknown = unknown_subcommand(app, argc, argv, &suggestions)) {
    print_error(*unknown, "unknown_command", suggestions);
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
  // Bad input (a pharmakon::error: a file, a name, a unit; or a path the system refuses) exits 2. Anything else is
  // pharmakon's own failure, not the user's, and exits 3 so that scripts can tell the two apart.
  try {
    return ctx.run ? ctx.run() : bad_input;
  } catch (pharmakon::load_error const& e) {
    print_diagnostics(e.diagnostics());
    return bad_input;
  } catch (pharmakon::lookup_error const& e) {
    print_error(e.what(), "unknown_name", e.suggestions());
    return bad_input;
  } catch (pharmakon::error const& e) {
    print_error(e.what(), errc_name(e.code()));
    return bad_input;
  } catch (std::filesystem::filesystem_error const& e) {
    print_error(e.what(), "io");
    return bad_input;
  } catch (std::bad_alloc const&) {
    print_internal_error("out of memory");
    return internal_error;
  } catch (std::exception const& e) {
    print_internal_error(e.what());
    return internal_error;
  } catch (...) {
    print_internal_error("an unknown exception");
    return internal_error;
  }
}
