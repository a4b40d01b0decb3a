// pharmakon show ID: one entity or source, with every claim that leaves or reaches it.
#include <nlohmann/json.hpp>

#include "cli.hpp"

namespace pharmakon::cli {

namespace {

std::string claim_detail(knowledge_base const& kb, claim_view c) {
  std::string d;
  if (auto e = kb.claim_as<rel::acts_on>(c.id())) d = std::string(to_string(e->payload().type));
  else if (auto r = kb.claim_as<rel::related>(c.id())) d = r->payload().label;
  else if (auto p = kb.claim_as<rel::modulates_response>(c.id())) d = std::string(to_string(p->payload().finding));
  return d;
}

}  // namespace

void add_show(CLI::App& app, context& ctx) {
  auto* cmd = app.add_subcommand("show", "Show an entity or a source (by id, name or identifier) and its claims");
  auto id = std::make_shared<std::string>();
  cmd->add_option("id", *id, "e.g. drug:naltrexone, target:MOR, MOR, src:pmid:12813472")->required();
  add_format_option(cmd, ctx);
  cmd->callback([&ctx, id] {
    ctx.run = [&ctx, id] {
      auto kb = ctx.load();
      if (!kb) return int(bad_input);
      auto f = ctx.fmt_();
      if (auto s = kb->find_source(*id)) {
        auto const& src = kb->get(*s);
        if (f == format::json)
          emit(nlohmann::ordered_json{{"source", src.id}, {"kind", std::string(to_string(src.kind))}, {"title", src.title},
                                      {"authors", src.authors}, {"publisher", src.publisher}, {"year", src.year},
                                      {"citation", src.citation_id()}, {"unverified", src.unverified}}
                   .dump(2));
        else
          emit(fmt::format("{} ({})\n  {}\n  {} {} {}\n  {}{}\n", src.id, to_string(src.kind), src.title, src.authors,
                           src.publisher, src.year ? std::to_string(src.year) : "", src.citation_id(),
                           src.unverified ? "\n  identifier unverified" : ""));
        return int(answered);
      }
      auto found = kb->find_all(*id);
      if (found.empty()) {
        std::vector<std::string> sugg;
        for (auto k : enum_values<node_kind>())
          for (auto& s : kb->suggest(*id, k, 2)) sugg.push_back(s);
        fmt::print(stderr, "error: nothing named '{}'{}\n", *id,
                   sugg.empty() ? "" : fmt::format("; did you mean {}?", fmt::join(sugg, ", ")));
        return int(bad_input);
      }
      auto const& g = kb->graph();
      nlohmann::ordered_json all = nlohmann::ordered_json::array();
      std::string text;
      for (auto n : found) {
        auto const& e = kb->base(n);
        auto v = kb->vertex(n);
        nlohmann::ordered_json claims = nlohmann::ordered_json::array();
        text += fmt::format("{} ({}): {}\n", e.id, to_string(n.kind()), e.name);
        if (!e.synonyms.empty()) text += fmt::format("  also known as: {}\n", fmt::join(e.synonyms, ", "));
        for (auto const& i : e.ids) text += fmt::format("  {}: {}\n", i.scheme, i.value);
        auto one = [&](claim_view c, bool outgoing) {
          auto other = kb->base(outgoing ? c.to() : c.from());
          std::vector<std::string> srcs;
          for (auto s : c.sources()) srcs.push_back(kb->get(s).id);
          auto detail = claim_detail(*kb, c);
          text += fmt::format("  {} {}{}{} {} [{}] ({}{})\n", outgoing ? "->" : "<-", to_string(c.kind()),
                              detail.empty() ? "" : " " + detail, c.negated() ? " (negated)" : "", other.id,
                              fmt::join(srcs, ", "), to_string(c.tier()), c.hypothesis() ? ", hypothesis" : "");
          claims.push_back({{"direction", outgoing ? "out" : "in"}, {"relation", std::string(to_string(c.kind()))},
                            {"detail", detail}, {"other", other.id}, {"negated", c.negated()},
                            {"tier", std::string(to_string(c.tier()))}, {"sources", srcs}});
        };
        for (auto [it, end] = boost::out_edges(v, g); it != end; ++it) one(kb->claim(claim_id{it->idx}), true);
        for (auto [it, end] = boost::in_edges(v, g); it != end; ++it) one(kb->claim(claim_id{it->idx}), false);
        std::vector<std::string> srcs;
        for (auto s : e.sources) srcs.push_back(kb->get(s).id);
        if (!srcs.empty()) text += fmt::format("  sources: {}\n", fmt::join(srcs, ", "));
        all.push_back({{"id", e.id}, {"kind", std::string(to_string(n.kind()))}, {"name", e.name},
                       {"synonyms", e.synonyms}, {"sources", srcs}, {"claims", claims}});
      }
      emit(f == format::json ? all.dump(2) : text);
      return int(answered);
    };
  });
}

}  // namespace pharmakon::cli
