#pragma once
// Shared pieces of the `pharmakon` command-line tool: one file per subcommand registers itself through
// `add_<name>(CLI::App&, context&)`; main.cpp wires them up.

#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <pharmakon/pharmakon.hpp>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "conventions.hpp"

namespace pharmakon::cli {

/// Options every subcommand shares, and the knowledge base they ask.
struct context {
  std::vector<std::string> kb_files;
  std::vector<std::string> review_files;  ///< --reviews: a medical board's review records (docs/kb-format.md#reviews)
  bool approved_only = false;             ///< --approved-only: answers show approved statements only
  bool no_default = false;
  std::string format_name = "text";
  std::string audience_name = "clinician";  ///< --audience, for --format html
  std::string question;                     ///< the question asked (`ask`), the title of an HTML page
  std::function<int()> run;  ///< set by the chosen subcommand

  /// The knowledge base: embedded default plus --kb files (or only the files with --no-default).
  /// Prints the diagnostics and returns nullopt when a file does not load.
  std::optional<knowledge_base> load() const {
    auto kb = load_kb();
    if (!kb || review_files.empty()) return kb;
    std::vector<std::filesystem::path> paths(review_files.begin(), review_files.end());
    auto r = try_load_reviews(*kb, paths);
    if (!r) {
      for (auto const& d : r.diagnostics) fmt::print(stderr, "{}\n", d.to_string());
      return std::nullopt;
    }
    return std::move(*r.kb);
  }
  std::optional<knowledge_base> load_kb() const {
    if (kb_files.empty()) {
      if (no_default) return knowledge_base{};
      return default_kb();
    }
    // a snapshot (from `pharmakon import` or `export --to snapshot`) is a whole knowledge base: it takes the place
    // of the embedded one, and TOML files given with it load on top of it
    std::vector<std::filesystem::path> paths;
    std::optional<knowledge_base> snapshot;
    for (auto const& f : kb_files) {
      if (!is_snapshot(f)) {
        paths.emplace_back(f);
        continue;
      }
      auto s = try_load_snapshot(f);
      if (!s || snapshot) {
        if (s && snapshot)
          print_diagnostics({diagnostic{errc::syntax, source_region::at(f), "one snapshot", "a second one"}});
        else
          print_diagnostics(s.diagnostics);
        return std::nullopt;
      }
      snapshot = std::move(*s.kb);
    }
    if (paths.empty() && snapshot) return snapshot;
    auto r = try_load_files(paths, snapshot ? &*snapshot : no_default ? nullptr : &default_kb());
    if (!r) {
      print_diagnostics(r.diagnostics);
      return std::nullopt;
    }
    return std::move(*r.kb);
  }
  pharmakon::output_format fmt_() const { return parse_enum<pharmakon::output_format>(format_name).value_or(pharmakon::output_format::text); }

  /// The answer in the chosen format (html: the answer page of render/html.hpp, for the chosen reader).
  template <class Answer>
  std::string render(Answer const& full) const {
    Answer filtered;
    if (approved_only) {
      filtered = full;
      keep_approved(filtered);
    }
    auto const& a = approved_only ? filtered : full;
    if (format_name == "html") {
      html_options o;
      o.audience = parse_enum<audience>(audience_name).value_or(audience::clinician);
      o.question = question;
      return render_html(a, o);
    }
    return pharmakon::render(a, fmt_());
  }
};

/// Adds --format (and --audience, for html) to an answer subcommand; `with_dot` also offers "dot" (Graphviz, for
/// `moa`).
inline void add_format_option(CLI::App* cmd, context& ctx, bool with_dot = false) {
  auto* o = cmd->add_option("-f,--format", ctx.format_name,
                            with_dot ? "Output format (html: the answer page; dot: a Graphviz graph of the mechanism or of the paths)"
                                     : "Output format (html: the answer page)");
  if (with_dot)
    o->check(CLI::IsMember({"text", "markdown", "json", "html", "dot"}));
  else
    o->check(CLI::IsMember({"text", "markdown", "json", "html"}));
  o->capture_default_str();
  o->each([](std::string const& v) {
    json_errors() = v == "json";
    wrappable_output() = v == "text" || v == "markdown";
  });
  cmd->add_option("--audience", ctx.audience_name, "Reader of an html page: " + enum_choices<audience>())
      ->check(CLI::IsMember({"clinician", "patient", "researcher"}))
      ->capture_default_str();
}

/// A dose check's arguments, as `dose-check` takes them.
struct dose_args {
  std::string drug, amount, unit, route, every, condition, opioid_free, age;
};

// The answering subcommands' work, shared with `ask` so a question answers exactly as its subcommand does (same
// output, same exit code).
/// `moa` options (mechanism_options and dot_options).
struct moa_args {
  bool all_species = false;
  std::size_t max_targets = mechanism_options{}.max_targets;
  bool all_targets = false;
};
int answer_moa(context const& ctx, knowledge_base const& kb, std::string const& name, moa_args const& args = {});
int answer_interactions(context const& ctx, knowledge_base const& kb, std::vector<std::string> const& names);
int answer_dose(context const& ctx, knowledge_base const& kb, dose_args const& a);

/// Resolves a drug name; on failure prints the error with suggestions and returns nullopt.
inline std::optional<drug_id> resolve_drug(knowledge_base const& kb, std::string const& name) {
  try {
    return kb.at<drug>(name);
  } catch (lookup_error const& e) {
    print_error(e.what(), "unknown_name", e.suggestions());
    return std::nullopt;
  }
}

/// Writes an answer to stdout in full (answers can be long; fwrite, no iostreams). Text and Markdown are wrapped to
/// the terminal's width when stdout is a terminal; piped output is written as it is.
inline void emit(std::string const& text) {
  if (auto width = wrappable_output() ? terminal_width() : 0; width > 0) {
    auto wrapped = wrap_text(text, width);
    std::fwrite(wrapped.data(), 1, wrapped.size(), stdout);
    if (!wrapped.empty() && wrapped.back() != '\n') std::fputc('\n', stdout);
    return;
  }
  std::fwrite(text.data(), 1, text.size(), stdout);
  if (!text.empty() && text.back() != '\n') std::fputc('\n', stdout);
}

void add_moa(CLI::App& app, context& ctx);
void add_interactions(CLI::App& app, context& ctx);
void add_dose_check(CLI::App& app, context& ctx);
void add_drugs(CLI::App& app, context& ctx);
void add_show(CLI::App& app, context& ctx);
void add_validate(CLI::App& app, context& ctx);
void add_import(CLI::App& app, context& ctx);
void add_export(CLI::App& app, context& ctx);
void add_ask(CLI::App& app, context& ctx);
void add_serve(CLI::App& app, context& ctx);
void add_completion(CLI::App& app, context& ctx);
void add_agreement(CLI::App& app, context& ctx);

}  // namespace pharmakon::cli
