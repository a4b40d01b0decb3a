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

namespace detail {
/// A `result<knowledge_base>` keeps its knowledge base in `kb`, the member's name from before results were one
/// template: `r.kb` (an optional) still works beside `*r`, `r->` and `value_or_throw()`.
template <>
struct result_storage<knowledge_base> {
  std::optional<knowledge_base> kb;  ///< the knowledge base, if the load succeeded (the same as `*r`)

 protected:
  std::optional<knowledge_base>& stored() noexcept { return kb; }
  std::optional<knowledge_base> const& stored() const noexcept { return kb; }
};
}  // namespace detail

/// The outcome of `try_load` (and of every other load): a knowledge base, or the diagnostics that prevented it.
using load_result = result<knowledge_base>;

/// Loads documents on top of `base` (nullptr: start empty). Never throws for bad input.
PHARMAKON_API PHARMAKON_FUNC load_result try_load(std::span<document const> docs, knowledge_base const* base = nullptr,
                                    load_options const& opts = {});
/// Reads and loads files on top of `base`. Unreadable files are diagnostics too (errc::io).
PHARMAKON_API PHARMAKON_FUNC load_result try_load_files(std::span<std::filesystem::path const> paths,
                                          knowledge_base const* base = nullptr, load_options const& opts = {});

/// Like `try_load_files`, but throws `load_error` with every diagnostic.
inline knowledge_base load_files(std::span<std::filesystem::path const> paths, knowledge_base const* base = nullptr,
                                 load_options const& opts = {}) {
  return try_load_files(paths, base, opts).value_or_throw();
}
inline knowledge_base load_file(std::filesystem::path const& path, knowledge_base const* base = nullptr) {
  return load_files(std::span(&path, 1), base);
}
/// Loads one in-memory document; throws `load_error`.
inline knowledge_base load_string(std::string_view text, std::string_view name = "<string>",
                                  knowledge_base const* base = nullptr) {
  document d{std::string(name), std::string(text)};
  return try_load(std::span(&d, 1), base).value_or_throw();
}

/// Whether `value` is well formed for identifier scheme `scheme` (pmid, doi, dailymed_setid, chembl, ...): true,
/// or false with one `errc::bad_identifier` diagnostic whose `expected` describes the form ("a PMID (1 to 9
/// digits, e.g. 12813472)") and whose `found` is the value, quoted. The diagnostic has no file: the caller knows
/// where the value was.
PHARMAKON_API PHARMAKON_FUNC result<void> valid_identifier(std::string_view scheme, std::string_view value);

}  // namespace pharmakon

#ifdef PHARMAKON_INCLUDE_IMPL
#  include "loader-inl.hpp"
#endif
