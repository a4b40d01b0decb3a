#pragma once
/// \file render.hpp
/// Renderers: answers to plain text (terminals), Markdown and JSON (schema: docs/answer-schema.json,
/// `answer_schema_version`). Text and Markdown share one layout, so they say the same thing; every rendered
/// answer ends with the knowledge base's name, version and content hash, and a disclaimer.

#include <string>
#include <string_view>
#include <vector>

#include "../answers/answers.hpp"
#include "../config.hpp"

namespace pharmakon {

/// Version of the JSON answer schema (docs/answer-schema.json). Minor: additions; major: changes.
inline constexpr std::string_view answer_schema_version = "3.1";  // 2.0: interactions by mechanism, severity scale; 2.1: summary basis, metabolites, species, review status and dates; 3.0: opioid_free (was opioid_free_for), target roles, title_unverified; 3.1: not_screened

/// The short disclaimer every rendered answer ends with.
inline constexpr std::string_view disclaimer =
    "For health professionals. Not a substitute for clinical judgment: verify against the primary sources "
    "and current labeling before use in patient care. A missing finding is not evidence of safety.";

PHARMAKON_API PHARMAKON_FUNC std::string render_text(mechanism_answer const& a);
PHARMAKON_API PHARMAKON_FUNC std::string render_markdown(mechanism_answer const& a);
PHARMAKON_API PHARMAKON_FUNC std::string render_json(mechanism_answer const& a, int indent = 2);

PHARMAKON_API PHARMAKON_FUNC std::string render_text(interaction_answer const& a);
PHARMAKON_API PHARMAKON_FUNC std::string render_markdown(interaction_answer const& a);
PHARMAKON_API PHARMAKON_FUNC std::string render_json(interaction_answer const& a, int indent = 2);

PHARMAKON_API PHARMAKON_FUNC std::string render_text(dose_answer const& a);
PHARMAKON_API PHARMAKON_FUNC std::string render_markdown(dose_answer const& a);
PHARMAKON_API PHARMAKON_FUNC std::string render_json(dose_answer const& a, int indent = 2);

/// The one-line summary of a mechanism answer ("pure competitive, reversible, surmountable antagonist at the
/// mu, kappa and delta opioid receptors; highest affinity at mu").
PHARMAKON_API PHARMAKON_FUNC std::string summary_line(mechanism_answer const& a);
/// The reference numbers the summary line cites (its action groups and active metabolites), ascending.
PHARMAKON_API PHARMAKON_FUNC std::vector<int> summary_refs(mechanism_answer const& a);

/// Output formats, for hosts that pick one at run time.
PHARMAKON_NAMED_ENUM(output_format, text, markdown, json);
/// The old name of `output_format` (it hid `fmt::format` inside namespace pharmakon).
using format [[deprecated("use output_format")]] = output_format;
template <class Answer>
std::string render(Answer const& a, output_format f) {
  switch (f) {
    case output_format::markdown: return render_markdown(a);
    case output_format::json: return render_json(a);
    default: return render_text(a);
  }
}

}  // namespace pharmakon

#ifdef PHARMAKON_INCLUDE_IMPL
#  include "render-inl.hpp"
#endif
