// The CLI's conventions: see conventions.hpp.
#include "conventions.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <new>
#include <random>

#include <fmt/core.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace pharmakon::cli {

bool& json_errors() noexcept {
  static bool on = false;
  return on;
}

void detect_json_errors(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if ((a == "--format" || a == "-f") && i + 1 < argc && std::string_view(argv[i + 1]) == "json") json_errors() = true;
    if (a == "--format=json" || a == "-fjson") json_errors() = true;
  }
}

namespace {
void print_json(nlohmann::json const& j) { fmt::print(stderr, "{}\n", j.dump()); }
}  // namespace

void print_error(std::string_view message, std::string_view code, std::vector<std::string> const& suggestions) {
  if (!json_errors()) {
    fmt::print(stderr, "error: {}\n", message);
    return;
  }
  nlohmann::json e = {{"code", code}, {"message", message}};
  if (!suggestions.empty()) e["suggestions"] = suggestions;
  print_json({{"error", e}});
}

int run_subcommand(std::function<int()> const& run) noexcept {
  try {
    try {
      return run ? run() : bad_input;
    } catch (pharmakon::load_error const& e) {
      print_diagnostics(e.diagnostics());
      return bad_input;
    } catch (pharmakon::lookup_error const& e) {
      print_error(e.what(), "unknown_name", e.suggestions());
      return bad_input;
    } catch (pharmakon::error const& e) {
      print_error(e.what(), errc_name(e.code()));
      return bad_input;
    } catch (std::filesystem::filesystem_error const& e) {
      print_error(e.what(), "io");
      return bad_input;
    }
  } catch (std::bad_alloc const&) {  // also when printing a bad-input error ran out of memory
    print_internal_error("out of memory");
  } catch (std::exception const& e) {
    print_internal_error(e.what());
  } catch (...) {
    print_internal_error("an unknown exception");
  }
  return internal_error;
}

void print_internal_error(std::string_view message) noexcept {
  try {
    if (json_errors()) {
      print_json({{"error", {{"code", "internal"}, {"message", message}}}});
      return;
    }
  } catch (...) {  // out of memory while making the JSON: the plain line below
  }
  std::fputs("internal error: ", stderr);
  std::fwrite(message.data(), 1, message.size(), stderr);
  std::fputc('\n', stderr);
}

void print_diagnostics(std::vector<diagnostic> const& diags, std::string_view summary) {
  if (!json_errors()) {
    for (auto const& d : diags) fmt::print(stderr, "{}\n", d.to_string());
    if (!summary.empty()) fmt::print(stderr, "{}\n", summary);
    return;
  }
  nlohmann::json list = nlohmann::json::array();
  for (auto const& d : diags)
    list.push_back({{"code", std::string(errc_name(d.code))}, {"file", d.region.file()}, {"line", d.region.begin.line},
                    {"column", d.region.begin.column},
                    {"expected", d.expected}, {"found", d.found}, {"message", d.to_string()}});
  std::string message = summary.empty() ? (diags.empty() ? std::string("failed") : diags.front().to_string())
                                        : std::string(summary);
  print_json({{"error",
               {{"code", diags.empty() ? std::string("syntax") : std::string(errc_name(diags.front().code))},
                {"message", message},
                {"diagnostics", list}}}});
}

std::string version_text() {
  auto const& kb = default_kb();
  return fmt::format("pharmakon {}\nembedded knowledge base: {} {} (content hash {}; {} entities, {} claims, {} sources)",
                     PHARMAKON_VERSION_STRING, kb.name(), kb.version(), kb.content_hash(), num_vertices(kb.graph()),
                     kb.claim_count(), kb.sources().size());
}

namespace {

/// Whether the option `a` (as given, e.g. "--format" or "-o"), an option of `app` or else of the first of its
/// subcommands that has one so named, takes a value from the next argument (not when given as --opt=value).
bool takes_next_value(CLI::App const& app, std::vector<CLI::App const*> const& subs, std::string const& a) {
  if (a.size() < 2 || a.find('=') != std::string::npos) return false;
  CLI::Option const* o = app.get_option_no_throw(a);
  for (std::size_t i = 0; !o && i < subs.size(); ++i) o = subs[i]->get_option_no_throw(a);
  return o && o->get_items_expected_min() > 0;
}

/// Where the subcommand word is: the first argument after args[0] that is neither an option nor the value of one
/// (global options and subcommands' options may come before it). args.size() when there is none or "--" comes first.
std::size_t subcommand_word_at(CLI::App const& app, std::vector<CLI::App const*> const& subs, std::vector<std::string> const& args) {
  for (std::size_t j = 1; j < args.size(); ++j) {
    std::string const& a = args[j];
    if (a == "--") break;
    if (a.empty() || a[0] != '-') return j;
    if (takes_next_value(app, subs, a)) ++j;
  }
  return args.size();
}

std::vector<CLI::App const*> subcommands_of(CLI::App const& app) {
  return app.get_subcommands([](CLI::App const*) { return true; });
}

}  // namespace

std::vector<std::string> hoist_subcommand_options(CLI::App const& app, int argc, char** argv) {
  std::vector<std::string> args(argv, argv + argc);
  auto const subs = subcommands_of(app);
  std::size_t const sub_at = subcommand_word_at(app, subs, args);
  if (sub_at == args.size()) return args;
  CLI::App const* sub = nullptr;
  for (auto const* s : subs)
    if (s->check_name(args[sub_at])) sub = s;
  if (!sub) return args;
  std::vector<std::string> kept{args[0]}, moved;
  for (std::size_t i = 1; i < sub_at; ++i) {
    std::string const& a = args[i];
    std::string const name = a.substr(0, a.find('='));
    bool const option = !a.empty() && a[0] == '-';
    bool const move = option && !app.get_option_no_throw(name) && sub->get_option_no_throw(name);
    auto& to = move ? moved : kept;
    to.push_back(a);
    if (option && takes_next_value(app, subs, a) && i + 1 < sub_at) to.push_back(args[++i]);
  }
  if (moved.empty()) return args;
  kept.push_back(args[sub_at]);
  kept.insert(kept.end(), moved.begin(), moved.end());
  kept.insert(kept.end(), args.begin() + std::ptrdiff_t(sub_at) + 1, args.end());
  return kept;
}

std::optional<unknown_command> unknown_subcommand(CLI::App const& app, int argc, char** argv) {
  std::vector<std::string> const args(argv, argv + argc);
  auto const subs = subcommands_of(app);
  std::size_t const at = subcommand_word_at(app, subs, args);
  if (at == args.size() || args[at].empty()) return std::nullopt;
  std::string const& word = args[at];
  std::vector<std::string> names;
  for (auto const* sub : subs) {
    if (sub->check_name(word)) return std::nullopt;
    names.push_back(sub->get_name());
  }
  // the closest names: edit distance on code points, then a shared prefix
  auto key = text::decode(text::fold_key(word));
  std::vector<std::pair<std::size_t, std::string>> ranked;
  for (auto const& n : names) {
    auto d = text::edit_distance(key, text::decode(n), 3);
    bool prefix = n.rfind(word, 0) == 0 || word.rfind(n, 0) == 0;
    if (d <= std::max<std::size_t>(2, word.size() / 3) || (prefix && word.size() >= 2)) ranked.emplace_back(prefix ? 0 : d, n);
  }
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> sugg;
  for (auto const& [d, n] : ranked)
    if (sugg.size() < 3) sugg.push_back(n);
  std::string msg = fmt::format("unknown command '{}'", word);
  if (!sugg.empty()) msg += fmt::format("; did you mean {}?", fmt::join(sugg, ", "));
  msg += fmt::format(" (commands: {}; pharmakon --help)", fmt::join(names, ", "));
  return unknown_command{std::move(msg), std::move(sugg)};
}

namespace {

/// Every option name of `app` (long and short forms), and whether each takes a value.
std::vector<std::string> option_names(CLI::App const& app, bool with_help) {
  std::vector<std::string> out;
  for (auto const* o : app.get_options()) {
    for (auto const& l : o->get_lnames()) out.push_back("--" + l);
    for (auto const& s : o->get_snames()) out.push_back("-" + s);
  }
  if (!with_help) std::erase_if(out, [](std::string const& s) { return s == "-h" || s == "--help"; });
  return out;
}

/// The choices of an option with an IsMember check, read from its description ("... in {a,b,c}" is how CLI11
/// describes it), if any.
std::vector<std::string> choices_of(CLI::Option const* o) {
  std::vector<std::string> out;
  auto type = o->get_type_name();
  auto open = type.find('{');
  auto close = type.find('}', open == std::string::npos ? 0 : open);
  if (open == std::string::npos || close == std::string::npos) return out;
  std::string list = type.substr(open + 1, close - open - 1);
  std::size_t start = 0;
  while (start <= list.size()) {
    auto comma = list.find(',', start);
    auto item = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    while (!item.empty() && item.front() == ' ') item.erase(0, 1);
    if (!item.empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

std::string words(std::vector<std::string> const& v) { return fmt::format("{}", fmt::join(v, " ")); }

}  // namespace

std::string completion_script(CLI::App const& app, std::string_view shell) {
  auto subs = app.get_subcommands([](CLI::App const*) { return true; });
  std::vector<std::string> sub_names;
  for (auto const* s : subs) sub_names.push_back(s->get_name());
  if (shell == "fish") {
    std::string out = "# fish completion for pharmakon (pharmakon completion fish > ~/.config/fish/completions/pharmakon.fish)\n";
    out += "complete -c pharmakon -f\n";
    for (auto const* s : subs)
      out += fmt::format("complete -c pharmakon -n '__fish_use_subcommand' -a {} -d '{}'\n", s->get_name(),
                         [&] {
                           std::string d = s->get_description();
                           std::replace(d.begin(), d.end(), '\'', ' ');
                           return d.substr(0, 60);
                         }());
    for (auto const* s : subs)
      for (auto const* o : s->get_options())
        for (auto const& l : o->get_lnames()) {
          out += fmt::format("complete -c pharmakon -n '__fish_seen_subcommand_from {}' -l {}", s->get_name(), l);
          auto ch = choices_of(o);
          if (!ch.empty()) out += fmt::format(" -r -a '{}'", words(ch));
          out += "\n";
        }
    return out;
  }
  // bash (zsh: autoload bashcompinit && bashcompinit, then source this)
  std::string cases, value_cases;
  std::map<std::string, std::vector<std::string>> choices;  // option -> its values (same in every subcommand)
  for (auto const* s : subs) {
    cases += fmt::format("      {}) opts=\"{}\" ;;\n", s->get_name(), words(option_names(*s, true)));
    for (auto const* o : s->get_options())
      if (auto ch = choices_of(o); !ch.empty())
        for (auto const& l : o->get_lnames()) {
          auto& all = choices["--" + l];  // the union over subcommands (moa's --format also has dot)
          for (auto const& c : ch)
            if (std::find(all.begin(), all.end(), c) == all.end()) all.push_back(c);
        }
  }
  for (auto const& [opt, ch] : choices) value_cases += fmt::format("    {}) COMPREPLY=($(compgen -W \"{}\" -- \"$cur\")); return ;;\n", opt, words(ch));
  return fmt::format(
      R"(# bash completion for pharmakon. Load it with:  source <(pharmakon completion bash)
# or install it:  pharmakon completion bash > ~/.local/share/bash-completion/completions/pharmakon
# zsh: autoload -U bashcompinit && bashcompinit && source <(pharmakon completion bash)
_pharmakon() {{
  local cur prev cmd i opts
  cur="${{COMP_WORDS[COMP_CWORD]}}"
  prev="${{COMP_WORDS[COMP_CWORD-1]}}"
  cmd=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "${{COMP_WORDS[i]}}" in
      --kb) ((i++)) ;;
      -*) ;;
      *) cmd="${{COMP_WORDS[i]}}"; break ;;
    esac
  done
  case "$prev" in
{}    --kb|-o|--out) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  if [[ -z "$cmd" ]]; then
    COMPREPLY=($(compgen -W "{} {}" -- "$cur"))
    return
  fi
  case "$cmd" in
{}    *) opts="" ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}}
complete -F _pharmakon pharmakon
)",
      value_cases, words(sub_names), words(option_names(app, true)), cases);
}

std::size_t terminal_width() {
  if (!::isatty(STDOUT_FILENO)) return 0;
  if (char const* c = std::getenv("COLUMNS")) {
    char* end = nullptr;
    long v = std::strtol(c, &end, 10);
    if (end != c && *end == '\0' && v > 0) return std::size_t(v);
  }
  winsize ws{};
  if (::ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

namespace {
/// Display width of UTF-8 text: one column per code point (pharmakon's text has no wide characters).
std::size_t columns(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}
}  // namespace

std::string wrap_text(std::string_view text, std::size_t width) {
  if (width < 20) return std::string(text);
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  std::size_t pos = 0;
  while (pos <= text.size()) {
    auto nl = text.find('\n', pos);
    auto line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (columns(line) <= width) {
      out += line;
    } else {
      // the indentation of continuation lines: the line's own, plus the width of a list marker
      std::size_t indent = line.find_first_not_of(' ');
      if (indent == std::string_view::npos) indent = 0;
      auto rest = line.substr(indent);
      std::size_t marker = 0;
      if (rest.size() > 2 && (rest[0] == '-' || rest[0] == '*') && rest[1] == ' ') marker = 2;
      else if (auto dot = rest.find_first_not_of("0123456789"); dot != 0 && dot != std::string_view::npos &&
                                                              dot + 1 < rest.size() && (rest[dot] == '.' || rest[dot] == ']') && rest[dot + 1] == ' ')
        marker = dot + 2;
      else if (rest.size() > 1 && rest[0] == '[')
        if (auto close = rest.find("] "); close != std::string_view::npos && close < 6) marker = close + 2;
      std::string hang(std::min(indent + marker, width / 2), ' ');
      bool first = true;
      // words, with the line's leading spaces kept on the first piece
      out.append(line.substr(0, indent));
      std::size_t used = indent;
      std::size_t i = indent;
      while (i < line.size()) {
        auto sp = line.find(' ', i);
        auto word = line.substr(i, sp == std::string_view::npos ? std::string_view::npos : sp - i);
        auto w = columns(word);
        if (!first && used + 1 + w > width) {
          out += '\n';
          out += hang;
          used = hang.size();
        } else if (!first) {
          out += ' ';
          ++used;
        }
        out += word;
        used += w;
        first = false;
        if (sp == std::string_view::npos) break;
        i = sp + 1;
        while (i < line.size() && line[i] == ' ') {  // runs of spaces inside a line (tables) are kept
          if (used + 1 > width) break;
          out += ' ';
          ++used;
          ++i;
        }
      }
    }
    if (nl == std::string_view::npos) break;
    out += '\n';
    pos = nl + 1;
  }
  return out;
}

void write_to(std::string const& out, std::function<void(std::filesystem::path const&)> const& write) {
  if (out != "-") {
    write(out);
    return;
  }
  std::random_device rd;
  auto dir = std::filesystem::temp_directory_path();
  auto tmp = dir / fmt::format("pharmakon-stdout-{}-{:x}", ::getpid(), rd());
  struct cleanup {
    std::filesystem::path p;
    ~cleanup() {
      std::error_code ec;
      std::filesystem::remove(p, ec);
    }
  } guard{tmp};
  write(tmp);
  std::ifstream in(tmp, std::ios::binary);
  std::vector<char> buf(1 << 16);
  while (in) {
    in.read(buf.data(), std::streamsize(buf.size()));
    auto n = std::size_t(in.gcount());
    if (n && std::fwrite(buf.data(), 1, n, stdout) != n)
      throw usage_error(errc::io, "could not write to standard output");
  }
  std::fflush(stdout);
}

CLI::Validator existing_file_or_stdin() {
  return CLI::Validator(
      [](std::string& s) -> std::string {
        if (s == "-") return {};
        return CLI::ExistingFile(s);
      },
      "FILE or - (stdin)");
}

}  // namespace pharmakon::cli
