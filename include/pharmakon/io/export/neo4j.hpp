#pragma once
/// \file neo4j.hpp
/// The CSV files of `neo4j-admin database import` (one file per node kind and per relation, and the command that
/// loads them), for graphs that outgrow one machine; see docs/neo4j.md.

#include <filesystem>
#include <vector>

#include "../../config.hpp"
#include "../../graph/knowledge_base.hpp"

namespace pharmakon {

/// Writes the files `neo4j-admin database import full` reads into directory `dir` (created if needed): one nodes
/// CSV per node kind and one for the sources, one relationships CSV per relation kind, and `import.sh` with the
/// command. Returns the files written. Throws `error` (errc::io).
PHARMAKON_API PHARMAKON_FUNC std::vector<std::filesystem::path> export_neo4j(knowledge_base const& kb,
                                                               std::filesystem::path const& dir);

}  // namespace pharmakon

#ifdef PHARMAKON_INCLUDE_IMPL
#  include "neo4j-inl.hpp"
#endif
