// pharmakon moa DRUG: the mechanism of action of a drug.
#include "cli.hpp"

namespace pharmakon::cli {

int answer_moa(context const& ctx, knowledge_base const& kb, std::string const& name) {
  auto d = resolve_drug(kb, name);
  if (!d) return int(bad_input);
  if (ctx.format_name == "dot")
    emit(mechanism_dot(kb, *d));  // render with e.g. `| dot -Tsvg -o naltrexone.svg`
  else
    emit(ctx.render(mechanism_of(kb, *d)));
  return int(answered);
}

void add_moa(CLI::App& app, context& ctx) {
  auto* cmd = app.add_subcommand("moa", "Mechanism of action of a drug, with numbered sources");
  auto name = std::make_shared<std::string>();
  cmd->add_option("drug", *name, "Drug name, synonym, brand or identifier (e.g. naltrexone, ReVia, CHEMBL19019)")
      ->required();
  add_format_option(cmd, ctx, /*with_dot=*/true);
  cmd->callback([&ctx, name] {
    ctx.run = [&ctx, name] {
      auto kb = ctx.load();
      if (!kb) return int(bad_input);
      return answer_moa(ctx, *kb, *name);
    };
  });
}

}  // namespace pharmakon::cli
