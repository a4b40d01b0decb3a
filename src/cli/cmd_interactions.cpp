// pharmakon interactions DRUG DRUG...: interactions through shared targets and effects, metabolism and label statements.
#include "cli.hpp"

namespace pharmakon::cli {

int answer_interactions(context const& ctx, knowledge_base const& kb, std::vector<std::string> const& names) {
  // a medication list is screened as far as the knowledge base knows it: an unknown name is listed in the answer as
  // not screened (and makes the exit code "needs attention"); only with fewer than two known drugs there is nothing
  // to screen, and every unknown name is an error
  auto answer = screen_interactions(kb, std::span<std::string const>(names));
  if (!screenable(answer)) {
    for (auto const& u : answer.not_screened)
      print_error(u.reason, "unknown_name", u.suggestions);
    if (answer.drugs.size() == 1)
      print_error(fmt::format("only {} is known here: an interaction screen needs two known drugs", answer.drugs[0]), "usage");
    return int(bad_input);
  }
  if (ctx.format_name == "dot")
    emit(interactions_dot(answer));  // the paths, e.g. `| dot -Tsvg -o interactions.svg`
  else
    emit(ctx.render(answer));
  // needs attention: a finding moderate or worse (minor findings and "no interaction" statements do not), or a drug
  // of the list that could not be screened
  auto worst = answer.worst();
  return int((worst && *worst <= interaction_severity::moderate) || !answer.not_screened.empty() ? finding : answered);
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
