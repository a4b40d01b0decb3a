// pharmakon drugs: the drugs the knowledge base knows.
#include "cli.hpp"

namespace pharmakon::cli {

void add_drugs(CLI::App& app, context& ctx) {
  auto* cmd = app.add_subcommand("drugs", "List the drugs of the knowledge base");
  add_format_option(cmd, ctx);
  cmd->callback([&ctx] {
    ctx.run = [&ctx] {
      auto kb = ctx.load();
      if (!kb) return int(bad_input);
      emit(render_drug_list(*kb, ctx.fmt_()));
      return int(answered);
    };
  });
}

}  // namespace pharmakon::cli
