// pharmakon serve: the answer pages, a JSON API and CDS Hooks services on a local web server.
#include <serve.hpp>

#include "cli.hpp"

namespace pharmakon::cli {

void add_serve(CLI::App& app, context& ctx) {
  auto* cmd = app.add_subcommand(
      "serve", "Serve the answer pages, a JSON API (/api/...) and CDS Hooks 2.0 services (/cds-services) on "
               "http://127.0.0.1:8765 until SIGTERM or Ctrl-C (SIGHUP reloads the --kb files)");
  auto cfg = std::make_shared<serve::config>();
  cmd->add_option("--host", cfg->host, "Address to listen on (loopback unless you say otherwise)")->capture_default_str();
  cmd->add_option("--port", cfg->port, "Port (0: any free port, printed on stderr)")->check(CLI::Range(0, 65535))->capture_default_str();
  cmd->add_option("--threads", cfg->threads, "Worker threads")->check(CLI::Range(1, 256))->capture_default_str();
  cmd->add_option("--max-body", cfg->max_body, "Largest request body in bytes (larger: 413)")->capture_default_str();
  cmd->add_option("--timeout", cfg->read_timeout_s, "Read and write timeout in seconds")->check(CLI::Range(1, 600))->capture_default_str();
  cmd->add_flag("--quiet", cfg->quiet, "No request log on stderr");
  cmd->add_option("--reviews", ctx.review_files, "Review file (as the global --reviews; reloaded on SIGHUP); repeatable")
      ->check(CLI::ExistingFile);
  cmd->add_flag("--approved-only", cfg->approved_only, "Pages and the JSON API show only approved statements");
  cmd->callback([&ctx, cfg] {
    ctx.run = [&ctx, cfg] {
      auto kb = ctx.load();
      if (!kb) return int(bad_input);
      kb_handle handle(std::move(*kb));
      cfg->write_timeout_s = cfg->read_timeout_s;
      cfg->approved_only = cfg->approved_only || ctx.approved_only;
      cfg->reload = [&ctx] { return ctx.load(); };
      return serve::run(handle, *cfg);
    };
  });
}

}  // namespace pharmakon::cli
