// pharmakon completion bash|zsh|fish: a shell completion script, generated from the subcommands and options.
#include "cli.hpp"

namespace pharmakon::cli {

void add_completion(CLI::App& app, context& ctx) {
  auto* cmd = app.add_subcommand("completion",
                                 "Print a shell completion script: source <(pharmakon completion bash)");
  auto shell = std::make_shared<std::string>();
  cmd->add_option("shell", *shell, "bash, zsh (through bashcompinit) or fish")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish"}));
  cmd->callback([&app, &ctx, shell] {
    ctx.run = [&app, shell] {
      auto script = completion_script(app, *shell == "fish" ? "fish" : "bash");
      if (*shell == "zsh") script = "autoload -U +X bashcompinit && bashcompinit\n" + script;
      std::fwrite(script.data(), 1, script.size(), stdout);
      return int(answered);
    };
  });
}

}  // namespace pharmakon::cli
