// pharmakon show ID: one entity or source, with every claim that leaves or reaches it.
#include "cli.hpp"

namespace pharmakon::cli {

void add_show(CLI::App& app, context& ctx) {
  auto* cmd = app.add_subcommand("show", "Show an entity or a source (by id, name or identifier) and its claims");
  auto id = std::make_shared<std::string>();
  cmd->add_option("id", *id, "e.g. drug:naltrexone, target:MOR, MOR, src:pmid:12813472")->required();
  add_format_option(cmd, ctx);
  cmd->callback([&ctx, id] {
    ctx.run = [&ctx, id] {
      auto kb = ctx.load();
      if (!kb) return int(bad_input);
      if (auto s = kb->find_source(*id)) {
        emit(render_source(*kb, *s, ctx.fmt_()));
        return int(answered);
      }
      auto found = kb->find_all(*id);
      if (found.empty()) {
        std::vector<std::string> sugg;
        for (auto k : enum_values<node_kind>())
          for (auto& s : kb->suggest(*id, k, 2)) sugg.push_back(s);
        print_error(fmt::format("nothing named '{}'{}", *id,
                                sugg.empty() ? "" : fmt::format("; did you mean {}?", fmt::join(sugg, ", "))),
                    "unknown_name", sugg);
        return int(bad_input);
      }
      emit(render_entities(*kb, found, ctx.fmt_()));
      return int(answered);
    };
  });
}

}  // namespace pharmakon::cli
