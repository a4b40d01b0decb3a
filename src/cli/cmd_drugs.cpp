// pharmakon drugs: the drugs the knowledge base knows.
#include <nlohmann/json.hpp>

#include "cli.hpp"

namespace pharmakon::cli {

void add_drugs(CLI::App& app, context& ctx) {
  auto* cmd = app.add_subcommand("drugs", "List the drugs of the knowledge base");
  add_format_option(cmd, ctx);
  cmd->callback([&ctx] {
    ctx.run = [&ctx] {
      auto kb = ctx.load();
      if (!kb) return int(bad_input);
      std::string out;
      auto f = ctx.fmt_();
      if (f == format::json) {
        auto arr = nlohmann::ordered_json::array();
        for (auto d : kb->ids<drug>()) {
          auto const& x = (*kb)[d];
          auto ids = nlohmann::ordered_json::object();
          for (auto const& i : x.ids) ids[i.scheme] = i.value;
          arr.push_back({{"id", x.id}, {"name", x.name}, {"class", x.drug_class}, {"synonyms", x.synonyms},
                         {"identifiers", ids},
                         {"targets", std::ranges::distance(kb->out<rel::acts_on>(d))}});
        }
        out = nlohmann::ordered_json{{"kb", {{"name", kb->name()}, {"version", kb->version()},
                                             {"content_hash", kb->content_hash()}}},
                                     {"drugs", arr}}
                  .dump(2);
      } else {
        if (f == format::markdown) out += "| drug | class | also known as |\n|---|---|---|\n";
        for (auto d : kb->ids<drug>()) {
          auto const& x = (*kb)[d];
          auto syn = fmt::format("{}", fmt::join(x.synonyms, ", "));
          if (f == format::markdown) out += fmt::format("| {} | {} | {} |\n", x.name, x.drug_class, syn);
          else out += fmt::format("{:<18} {}{}\n", x.name, x.drug_class, syn.empty() ? "" : " (" + syn + ")");
        }
        out += fmt::format("\n{} drugs; knowledge base {} {}, content hash {}\n", kb->all<drug>().size(), kb->name(),
                           kb->version(), kb->content_hash());
      }
      emit(out);
      return int(answered);
    };
  });
}

}  // namespace pharmakon::cli
