// pharmakon agreement: how the knowledge base's mechanism paths (DrugMechDB) agree with its acts_on actions.
#include "cli.hpp"

namespace pharmakon::cli {

void add_agreement(CLI::App& app, context& ctx) {
  auto* cmd = app.add_subcommand(
      "agreement",
      "Compare the mechanism paths' drug -> target hops (pharmakon import --from drugmechdb --onto) with the "
      "knowledge base's actions: matched, conflict, only in one");
  auto* o = cmd->add_option("-f,--format", ctx.format_name, "Output format")
                ->check(CLI::IsMember({"text", "markdown", "json"}))
                ->capture_default_str();
  o->each([](std::string const& v) { json_errors() = v == "json"; });
  cmd->callback([&ctx] {
    ctx.run = [&ctx] {
      auto kb = ctx.load();
      if (!kb) return int(bad_input);
      auto a = path_agreement_of(*kb);
      if (a.paths == 0) {
        print_error("the knowledge base has no mechanism paths: import DrugMechDB first "
                    "(pharmakon import --from drugmechdb DIR --onto --out dm.pkb, then --kb dm.pkb agreement)");
        return int(bad_input);
      }
      emit(render(a, ctx.fmt_()));
      return int(answered);
    };
  });
}

}  // namespace pharmakon::cli
