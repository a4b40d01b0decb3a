// pharmakon moa DRUG: the mechanism of action of a drug.
#include "cli.hpp"

namespace pharmakon::cli {

int answer_moa(context const& ctx, knowledge_base const& kb, std::string const& name, moa_args const& args) {
  auto d = resolve_drug(kb, name);
  if (!d) return int(bad_input);
  if (ctx.format_name == "dot") {
    dot_options o;
    o.all_targets = args.all_targets;
    emit(mechanism_dot(kb, *d, o));  // render with e.g. `| dot -Tsvg -o naltrexone.svg`
  } else {
    mechanism_options o;
    o.all_species = args.all_species;
    o.max_targets = args.max_targets;
    emit(ctx.render(mechanism_of(kb, *d, o)));
  }
  return int(answered);
}

void add_moa(CLI::App& app, context& ctx) {
  auto* cmd = app.add_subcommand("moa", "Mechanism of action of a drug, with numbered sources");
  auto name = std::make_shared<std::string>();
  auto args = std::make_shared<moa_args>();
  cmd->add_option("drug", *name, "Drug name, synonym, brand or identifier (e.g. naltrexone, ReVia, CHEMBL19019)")
      ->required();
  cmd->add_flag("--all-species", args->all_species,
                "Summary: name the targets of every species (default: human, or species not given)");
  cmd->add_option("--max-targets", args->max_targets, "Summary: targets named per action before \"and N more\" (0: all)")
      ->capture_default_str();
  cmd->add_flag("--all-targets", args->all_targets,
                "DOT: every target claim, also activity-only rows and other species (default: the mechanism only)");
  add_format_option(cmd, ctx, /*with_dot=*/true);
  cmd->callback([&ctx, name, args] {
    ctx.run = [&ctx, name, args] {
      auto kb = ctx.load();
      if (!kb) return int(bad_input);
      return answer_moa(ctx, *kb, *name, *args);
    };
  });
}

}  // namespace pharmakon::cli
