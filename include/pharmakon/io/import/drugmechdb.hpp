#pragma once
/// \file drugmechdb.hpp
/// Imports DrugMechDB's indication paths (one YAML file per path) as `related` claims that cite the path and its
/// references; docs/import-export.md#drugmechdb-mechanism-paths maps every node label, link and reference.

#include <filesystem>
#include <span>

#include "../../config.hpp"
#include "options.hpp"

namespace pharmakon {

/// Imports DrugMechDB path files; a directory among `paths` stands for its `*.yaml` files (sorted by name, without
/// DrugMechDB's `_index.yaml`). All or nothing; never throws for bad input (diagnostics with file:line:column).
PHARMAKON_API PHARMAKON_FUNC import_result try_import_drugmechdb(std::span<std::filesystem::path const> paths,
                                                                 import_options const& opts = {});
/// Like `try_import_drugmechdb`, but throws `load_error`.
inline knowledge_base import_drugmechdb(std::span<std::filesystem::path const> paths, import_options const& opts = {}) {
  return try_import_drugmechdb(paths, opts).value_or_throw();
}

/// The prefix of the sources the importer makes for DrugMechDB paths (followed by the path's `_id`).
inline constexpr std::string_view drugmechdb_path_source_prefix = "src:path:drugmechdb:";

}  // namespace pharmakon

#ifdef PHARMAKON_INCLUDE_IMPL
#  include "drugmechdb-inl.hpp"
#endif
