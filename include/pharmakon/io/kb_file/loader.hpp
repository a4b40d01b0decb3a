#pragma once
/// \file loader.hpp
/// Loading knowledge-base files (TOML, see docs/kb-format.md). Loads are all-or-nothing: every file is
/// parsed and every reference checked before anything is built, and a failed load returns every problem
/// found (not just the first) while the knowledge base you started from stays exactly as it was.

#include <cstddef>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "../../config.hpp"
#include "../../error.hpp"
#include "../../graph/knowledge_base.hpp"

namespace pharmakon {

/// A knowledge-base document held in memory (e.g. the embedded default, or a test fixture).
struct document {
  std::string path;  ///< the name used in error messages
  std::string text;
};

struct load_options {
  std::size_t max_file_bytes = std::size_t(256) << 20;  ///< larger files are rejected (errc::limit)
  std::size_t max_string_bytes = std::size_t(1) << 16;  ///< longer string values are rejected (errc::limit)
};

/// The outcome of `try_load`: a knowledge base, or the diagnostics that prevented it.
struct load_result {
  std::optional<knowledge_base> kb;
  std::vector<diagnostic> diagnostics;
  explicit operator bool() const noexcept { return kb.has_value(); }
};

/// Loads documents on top of `base` (nullptr: start empty). Never throws for bad input.
PHARMAKON_API PHARMAKON_FUNC load_result try_load(std::span<document const> docs, knowledge_base const* base = nullptr,
                                    load_options const& opts = {});
/// Reads and loads files on top of `base`. Unreadable files are diagnostics too (errc::io).
PHARMAKON_API PHARMAKON_FUNC load_result try_load_files(std::span<std::filesystem::path const> paths,
                                          knowledge_base const* base = nullptr, load_options const& opts = {});

/// Like `try_load_files`, but throws `load_error` with every diagnostic.
inline knowledge_base load_files(std::span<std::filesystem::path const> paths, knowledge_base const* base = nullptr,
                                 load_options const& opts = {}) {
  auto r = try_load_files(paths, base, opts);
  if (!r) throw load_error(std::move(r.diagnostics));
  return std::move(*r.kb);
}
inline knowledge_base load_file(std::filesystem::path const& path, knowledge_base const* base = nullptr) {
  return load_files(std::span(&path, 1), base);
}
/// Loads one in-memory document; throws `load_error`.
inline knowledge_base load_string(std::string_view text, std::string_view name = "<string>",
                                  knowledge_base const* base = nullptr) {
  document d{std::string(name), std::string(text)};
  auto r = try_load(std::span(&d, 1), base);
  if (!r) throw load_error(std::move(r.diagnostics));
  return std::move(*r.kb);
}

/// True if `value` is well formed for identifier scheme `scheme` (pmid, doi, dailymed_setid, chembl, ...).
/// Sets `expected` to a description of the form when it is not.
PHARMAKON_API PHARMAKON_FUNC bool valid_identifier(std::string_view scheme, std::string_view value, std::string* expected = nullptr);

}  // namespace pharmakon

#ifdef PHARMAKON_INCLUDE_IMPL
#  include "loader-inl.hpp"
#endif
