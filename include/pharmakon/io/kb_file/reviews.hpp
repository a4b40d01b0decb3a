#pragma once
/// \file reviews.hpp
/// Review files: the records a hospital's medical board keeps about the claims, entities and sources of a
/// knowledge base (status submitted | under_review | approved, reviewer, date, note), in TOML `[[review]]` tables
/// (docs/kb-format.md#reviews). Validated like knowledge-base files (every problem as file:line:column) and loaded
/// all-or-nothing: a file with one error adds nothing. Knowledge-base files may hold `[[review]]` tables too, and
/// a claim's own `review = { ... }` and `updated = "YYYY-MM-DD"`; `try_load` reads those with the files.

#include <filesystem>
#include <span>

#include "../../config.hpp"
#include "loader.hpp"

namespace pharmakon {

/// Reads review documents against `kb` and returns `kb` with the records added to its review layer (a record
/// replaces an older one about the same claim, entity or source; the newest date wins). Never throws for bad input.
PHARMAKON_API PHARMAKON_FUNC load_result try_load_reviews(knowledge_base const& kb, std::span<document const> docs,
                                                          load_options const& opts = {});
/// Reads review files; unreadable files are diagnostics (errc::io).
PHARMAKON_API PHARMAKON_FUNC load_result try_load_reviews(knowledge_base const& kb,
                                                          std::span<std::filesystem::path const> paths,
                                                          load_options const& opts = {});
/// Like `try_load_reviews`, but throws `load_error` with every diagnostic.
inline knowledge_base load_reviews(knowledge_base const& kb, std::span<std::filesystem::path const> paths,
                                   load_options const& opts = {}) {
  return try_load_reviews(kb, paths, opts).value_or_throw();
}

}  // namespace pharmakon

#ifdef PHARMAKON_INCLUDE_IMPL
#  include "reviews-inl.hpp"
#endif
