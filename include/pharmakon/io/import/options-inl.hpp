// The import report's table and the terminal progress line (io layer).
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "options-inl.hpp holds the out-of-line definitions of options.hpp: include options.hpp (they come with it in a header-only build, and src/pharmakon.cpp compiles them once)"
#endif
#include <algorithm>

#include <unistd.h>

#include "options.hpp"
#include "../../detail/format.hpp"

namespace pharmakon {

PHARMAKON_FUNC std::string import_report::to_string() const {
  // a folder of thousands of files is named by its first few and a count, not one line of every name
  constexpr std::size_t named_files = 3;
  std::string from = files.size() <= named_files + 1
                         ? detail::format("{}", fmt::join(files, ", "))
                         : detail::format("{} and {} more files", fmt::join(files.begin(), files.begin() + named_files, ", "),
                                       files.size() - named_files);
  std::string out = detail::format("Imported {} from {} in {:.2f} s\n", format, from, seconds);
  auto table = [&](std::string_view title, std::vector<row> const& rows) {
    if (rows.empty()) return;
    std::size_t w1 = title.size(), w2 = 8;
    std::uint64_t total = 0;
    for (auto const& r : rows) {
      w1 = std::max(w1, r.original.size());
      w2 = std::max(w2, r.pharmakon.size());
      total += r.count;
    }
    out += detail::format("\n  {:<{}}  {:<{}}  {:>10}\n", title, w1, "pharmakon", w2, "count");
    for (auto const& r : rows) out += detail::format("  {:<{}}  {:<{}}  {:>10}\n", r.original, w1, r.pharmakon, w2, r.count);
    out += detail::format("  {:<{}}  {:<{}}  {:>10}\n", "total", w1, "", w2, total);
  };
  table("original node kind", nodes);
  table("original edge kind", edges);
  out += "\n  in the knowledge base:";
  for (std::size_t k = 0; k < node_kind_count; ++k)
    if (result.nodes[k]) out += detail::format(" {} {},", result.nodes[k], pharmakon::to_string(node_kind(k)));
  for (std::size_t k = 0; k < relation_kind_count; ++k)
    if (result.claims[k]) out += detail::format(" {} {},", result.claims[k], pharmakon::to_string(relation_kind(k)));
  out += detail::format(" {} sources\n", result.sources);
  for (auto const& n : notes) out += detail::format("  note: {}\n", n);
  return out;
}

PHARMAKON_FUNC progress_callback terminal_progress(std::FILE* out, std::atomic<bool> const* cancel) {
  bool tty = out && isatty(fileno(out));
  return [out, cancel, tty, last = std::string()](import_progress const& p) mutable {
    if (cancel && cancel->load()) return false;
    if (!tty) return true;
    std::string line;
    if (p.bytes_total > 0)
      line = detail::format("{} {}: {:3.0f}%  {} records  {:.1f} s", p.phase, p.file,
                         100.0 * double(p.bytes_done) / double(p.bytes_total), p.records, p.seconds);
    else
      line = detail::format("{}{}{}  {:.1f} s", p.phase, p.file.empty() ? "" : " ", p.file, p.seconds);
    if (p.phase == "done") line.clear();
    std::size_t pad = last.size() > line.size() ? last.size() - line.size() : 0;
    fmt::print(out, "\r{}{}", line, std::string(pad, ' '));
    if (line.empty()) fmt::print(out, "\r");
    std::fflush(out);
    last = std::move(line);
    return true;
  };
}

}  // namespace pharmakon
