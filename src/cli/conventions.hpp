#pragma once
// The CLI's conventions shared by every subcommand: errors as text or JSON (--format json), `-` for stdin and
// stdout, text wrapped to the terminal, the version line, unknown subcommands with suggestions, and shell
// completion scripts generated from the CLI11 definitions.

#include <CLI/CLI.hpp>
#include <pharmakon/pharmakon.hpp>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pharmakon::cli {

/// Exit codes (docs/errors.md, README): the CLI's contract with scripts; the numbers never change meaning.
enum exit_code : int {
  answered = 0,  ///< the question was answered, nothing needs attention
  finding = 1,   ///< answered, and something needs attention (an interaction, a dose outside every regimen)
  bad_input = 2,      ///< usage error, unknown name, unreadable or invalid file
  internal_error = 3  ///< pharmakon failed, not the input: out of memory, a broken invariant, an unexpected exception
};

/// Runs a subcommand and turns what it throws into an exit code, printing the error on stderr (text or JSON):
/// bad input (a `pharmakon::error`: a file, a name, a unit; or a path the system refuses) is `bad_input`; anything
/// else (`std::bad_alloc`, `std::logic_error`, any other exception) is pharmakon's own failure, `internal_error`,
/// so scripts can tell "fix the input" from "not your fault". An empty `run` is a usage error.
int run_subcommand(std::function<int()> const& run) noexcept;

/// Whether emit() may wrap: the chosen format is prose (text, markdown), not data (json, html, dot, ...).
inline bool& wrappable_output() noexcept {
  static bool on = true;
  return on;
}

/// True when the command line asks for `--format json` (errors are then JSON objects on stderr).
bool& json_errors() noexcept;
/// Decides json_errors() from the raw arguments (before parsing, so that parse errors follow it too).
void detect_json_errors(int argc, char** argv);

/// Prints one error on stderr: `error: MESSAGE`, or with --format json
/// `{"error": {"code": CODE, "message": MESSAGE, "suggestions": [...]}}`.
void print_error(std::string_view message, std::string_view code = "usage",
                 std::vector<std::string> const& suggestions = {});
/// Prints an internal error (pharmakon's own failure, exit code 3): `internal error: MESSAGE`, or with --format json
/// `{"error": {"code": "internal", "message": MESSAGE}}`.
void print_internal_error(std::string_view message) noexcept;
/// Prints the diagnostics of a failed load or import (file:line:column lines, or one JSON error with them all),
/// then `summary` (if any) as the text mode's last line.
void print_diagnostics(std::vector<diagnostic> const& diags, std::string_view summary = {});

/// The text to print for `--version`: the program's version and the embedded knowledge base's name, version
/// and content hash.
std::string version_text();

/// A command line's first word that is not a subcommand: the error naming it, and the closest subcommands.
struct unknown_command {
  std::string message;
  std::vector<std::string> suggestions;
};
/// With the arguments of a command line whose first word (after the global options) is not a subcommand of `app`:
/// the error. nullopt when the command line is fine (or has no subcommand).
std::optional<unknown_command> unknown_subcommand(CLI::App const& app, int argc, char** argv);

/// The command line with the subcommand's own options moved after the subcommand when they were given before it
/// (`pharmakon --format json moa naltrexone` is `pharmakon moa --format json naltrexone`): an option that is not
/// one of `app`'s but is one of the subcommand's moves with its value. Everything else keeps its place.
std::vector<std::string> hoist_subcommand_options(CLI::App const& app, int argc, char** argv);

/// The bash completion script for `app` (`pharmakon completion bash`), and for zsh (through bashcompinit) and fish.
std::string completion_script(CLI::App const& app, std::string_view shell);

/// The width to wrap text to: the terminal's columns when stdout is a terminal (COLUMNS when set), 0 otherwise
/// (piped output is never wrapped).
std::size_t terminal_width();
/// `text` with every line longer than `width` broken at spaces; continuation lines keep the line's indentation
/// (plus two spaces after a list marker "- " or "N. "). Lines without a space to break at are left long.
std::string wrap_text(std::string_view text, std::size_t width);

/// Calls `write(path)` to write one file; with `out` "-" it writes to a temporary file and copies it to stdout.
void write_to(std::string const& out, std::function<void(std::filesystem::path const&)> const& write);

/// The CLI11 validator of an input file that may also be "-" (standard input).
CLI::Validator existing_file_or_stdin();

}  // namespace pharmakon::cli
