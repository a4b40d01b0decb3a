#pragma once
/// \file catalog.hpp
/// Renderers of what a knowledge base holds, as opposed to answers about it: the list of its drugs (the CLI's
/// `drugs`), entities with the claims that leave or reach them, and source records (the CLI's `show`). Text and
/// Markdown for people; JSON for programs, in one envelope (schema: docs/catalog-schema.json,
/// `catalog_schema_version`) whose `kb` object is the one answers carry.

#include <span>
#include <string>
#include <string_view>

#include "../config.hpp"
#include "../graph/knowledge_base.hpp"
#include "render.hpp"

namespace pharmakon {

/// Version of the JSON catalog schema (docs/catalog-schema.json). Minor: additions; major: changes.
inline constexpr std::string_view catalog_schema_version = "1.0";

/// Every drug of `kb`: name, class and synonyms (text, a Markdown table), or, as JSON, also its identifiers and
/// the number of targets it acts on; then the knowledge base's name, version and content hash.
PHARMAKON_API PHARMAKON_FUNC std::string render_drug_list(knowledge_base const& kb, output_format f);

/// The entities `nodes` of `kb` with their synonyms, identifiers and sources, and every claim that leaves or
/// reaches each (relation, detail such as the action type, the other end, sources, evidence tier).
PHARMAKON_API PHARMAKON_FUNC std::string render_entities(knowledge_base const& kb, std::span<any_node const> nodes,
                                                         output_format f);

/// One source record of `kb`: kind, title, authors, publisher, year and citable identifier.
PHARMAKON_API PHARMAKON_FUNC std::string render_source(knowledge_base const& kb, source_id s, output_format f);

}  // namespace pharmakon

#ifdef PHARMAKON_INCLUDE_IMPL
#  include "catalog-inl.hpp"
#endif
