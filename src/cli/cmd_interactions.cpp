// pharmakon interactions DRUG DRUG...: pharmacodynamic interactions through shared targets.
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
  emit(ctx.render(answer));
  return int(answer.interactions.empty() ? answered : finding);
}

void add_interactions(CLI::App& app, context& ctx) {
  auto* cmd = app.add_subcommand("interactions", "Screen drugs for interactions through shared targets");
  auto names = std::make_shared<std::vector<std::string>>();
  cmd->add_option("drugs", *names, "Two or more drugs")->required()->expected(2, 100000);
  add_format_option(cmd, ctx);
  cmd->callback([&ctx, names] {
    ctx.run = [&ctx, names] {
      auto kb = ctx.load();
      if (!kb) return int(bad_input);
      return answer_interactions(ctx, *kb, *names);
    };
  });
}

}  // namespace pharmakon::cli
