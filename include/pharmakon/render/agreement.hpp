#pragma once
/// \file agreement.hpp
/// The agreement report of mechanism paths with the knowledge base's actions (answers/paths.hpp) as text,
/// Markdown (docs/drugmechdb-agreement.md is one) and JSON (`"kind": "path_agreement"`, docs/answer-schema.json).

#include <string>

#include "../answers/paths.hpp"
#include "../config.hpp"
#include "render.hpp"

namespace pharmakon {

PHARMAKON_API PHARMAKON_FUNC std::string render_text(path_agreement const& a);
PHARMAKON_API PHARMAKON_FUNC std::string render_markdown(path_agreement const& a);
PHARMAKON_API PHARMAKON_FUNC std::string render_json(path_agreement const& a, int indent = 2);

}  // namespace pharmakon

#ifdef PHARMAKON_INCLUDE_IMPL
#  include "agreement-inl.hpp"
#endif
