// pharmakon interactions DRUG DRUG...: interactions through shared targets and effects, metabolism and label statements.
#include "cli.hpp"

namespace pharmakon::cli {

int answer_interactions(context const& ctx, knowledge_base const& kb, std::vector<std::string> const& names) {
  std::vector<drug_id> ids;
  bool ok = true;
  for (auto const& n : names) {
    auto d = resolve_drug(kb, n);
    if (d) ids.push_back(*d);
    ok = ok && d.has_value();
  }
  if (!ok) return int(bad_input);
  auto answer = screen_interactions(kb, ids);
  if (ctx.format_name == "dot")
    emit(interactions_dot(answer));  // the paths, e.g. `| dot -Tsvg -o interactions.svg`
  else
    emit(ctx.render(answer));
  // a finding that needs attention: moderate or worse (minor findings and "no interaction" statements do not)
  auto worst = answer.worst();
  return int(worst && *worst <= interaction_severity::moderate ? finding : answered);
}

void add_interactions(CLI::App& app, context& ctx) {
  auto* cmd = app.add_subcommand("interactions", "Screen drugs for interactions: shared targets and effects, metabolism, label statements");
  auto names = std::make_shared<std::vector<std::string>>();
  cmd->add_option("drugs", *names, "Two or more drugs")->required()->expected(2, 100000);
  add_format_option(cmd, ctx, /*with_dot=*/true);
  cmd->callback([&ctx, names] {
    ctx.run = [&ctx, names] {
      auto kb = ctx.load();
      if (!kb) return int(bad_input);
      return answer_interactions(ctx, *kb, *names);
    };
  });
}

}  // namespace pharmakon::cli
