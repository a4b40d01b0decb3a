// pharmakon validate FILE...: check knowledge-base files; every problem with file:line:column.
#include <algorithm>

#include "cli.hpp"

namespace pharmakon::cli {

void add_validate(CLI::App& app, context& ctx) {
  auto* cmd = app.add_subcommand("validate", "Check knowledge-base files (on top of the embedded one unless --no-default)");
  auto files = std::make_shared<std::vector<std::string>>();
  cmd->add_option("files", *files, "TOML files")->required();
  cmd->callback([&ctx, files] {
    ctx.run = [&ctx, files] {
      auto base = ctx.load();
      if (!base) return int(bad_input);
      std::vector<std::filesystem::path> paths(files->begin(), files->end());
      auto r = try_load_files(paths, ctx.no_default && ctx.kb_files.empty() ? nullptr : &*base);
      if (!r) {
        print_diagnostics(r.diagnostics, fmt::format("{} error{} in {} file{}", r.diagnostics.size(),
                                                     r.diagnostics.size() == 1 ? "" : "s", files->size(),
                                                     files->size() == 1 ? "" : "s"));
        // files that redeclare the embedded ones (e.g. a copy of data/*.toml): say how to check them alone
        bool only_embedded_duplicates = !ctx.no_default && std::ranges::all_of(r.diagnostics, [](diagnostic const& d) {
          return d.code == errc::duplicate_id && d.found.find("already declared at embedded:") != std::string::npos;
        });
        if (only_embedded_duplicates)
          fmt::print(stderr, "note: every error is an id the embedded knowledge base already declares; to check "
                             "files that replace it (such as data/*.toml), use: pharmakon --no-default validate ...\n");
        return int(bad_input);
      }
      auto st = r.kb->stats();
      std::size_t nodes = 0, claims = 0;
      for (auto n : st.nodes) nodes += n;
      for (auto c : st.claims) claims += c;
      fmt::print("ok: {} file{} valid; the knowledge base now has {} entities, {} claims, {} sources, {} conflicts\n",
                 files->size(), files->size() == 1 ? "" : "s", nodes, claims, st.sources, r.kb->conflicts().size());
      return int(answered);
    };
  });
}

}  // namespace pharmakon::cli
