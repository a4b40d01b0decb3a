#pragma once
/// \file html.hpp
/// The answer page: each answer as one self-contained HTML document (inline CSS, no script, no network), laid
/// out like a clinical answer page — the question as its title, the statements grouped by evidence tier ("From
/// guidelines", "From drug labels", "From research"), each with its tier, review status and numbered references
/// linked to their public records (PubMed, doi.org, DailyMed, GtoPdb, ChEMBL), the drug → targets → effects
/// picture as inline SVG with a text equivalent, "Last updated", a reader choice, a follow-up question box and
/// the disclaimer. Every string that comes from a knowledge base goes through `html_escape()`.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../answers/answers.hpp"
#include "../config.hpp"

namespace pharmakon {

/// Who reads the page: the same claims and references, worded for the reader.
PHARMAKON_NAMED_ENUM(audience,
  clinician,  ///< actions, regimens, warnings, references; no affinity numbers
  patient,    ///< plain words: no affinities, no receptor names; every warning and contraindication kept
  researcher  ///< everything: affinities with species, identifiers, conflicts in full
);

/// What a page says about review, dates and lay words: the one place the renderers read them from (filled from
/// the answer: its review records and claim dates, `review_summary_of`). No reviewer is named who did not review.
struct page_facts {
  /// The answer's review status: "Approved (...)" only when every statement shown is approved, else the counts.
  std::string review_status = "Curated; sources verified; not clinically reviewed";
  review_summary summary;   ///< the counts behind `review_status`
  bool reviews = false;     ///< the knowledge base carries review records (a review layer)
  std::string approved_only;  ///< non-empty: only approved statements are shown, and how many were left out
  std::string kb_name;
  std::string kb_version;
  std::string content_hash;
  /// The answer's last-updated date and where it comes from (its claims' newest date, or the release).
  std::string last_updated;
  /// Lay names by entity id (effects, conditions, targets) for the patient view, from the knowledge base's
  /// `lay_name` fields; an entity without one shows its curated name (the renderer never invents words), and a
  /// statement whose entity is named in receptor terms is left out of the patient view rather than shown in jargon.
  std::vector<std::pair<std::string, std::string>> lay_names;

  /// The lay name of entity `id`, else `name`.
  std::string lay(std::string_view id, std::string_view name) const {
    for (auto const& [k, v] : lay_names)
      if (k == id) return v;
    return std::string(name);
  }
  /// The name the patient view shows for entity `id`: its lay name; else the curated name unless that is worded in
  /// receptor terms (then nullopt: the statement waits for a lay name rather than show jargon).
  std::optional<std::string> patient_name(std::string_view id, std::string_view name) const {
    for (auto const& [k, v] : lay_names)
      if (k == id) return v;
    if (name.find("receptor") != std::string_view::npos) return std::nullopt;
    return std::string(name);
  }
};

PHARMAKON_FUNC page_facts page_facts_of(kb_info const& kb);
/// The page facts of an answer: its knowledge base, review counts and last-updated date.
PHARMAKON_FUNC page_facts page_facts_of(mechanism_answer const& a);
PHARMAKON_FUNC page_facts page_facts_of(interaction_answer const& a);
PHARMAKON_FUNC page_facts page_facts_of(dose_answer const& a);
/// One statement's review in words: "approved by NAME, DATE", "under review since DATE", "submitted DATE",
/// "not reviewed" (the knowledge base has review records) or "not clinically reviewed" (it has none).
PHARMAKON_FUNC std::string review_words(std::optional<review_record> const& r, bool kb_has_reviews);

/// How a page is put together.
struct html_options {
  pharmakon::audience audience = audience::clinician;
  /// Where the page's links (reader choice, follow-up question, drug pages) point: "" for a page served by
  /// `pharmakon serve` (links relative to the server), else the server's address for a page opened as a file.
  std::string base_url = "http://127.0.0.1:8765";
  /// The question the page answers, as its title; empty: one is composed from the answer.
  std::string question;
  /// Show the follow-up question box.
  bool question_box = true;
  page_facts facts;     ///< empty kb_name and kb_version: filled from the answer (`page_facts_of`)
};

PHARMAKON_FUNC std::string render_html(mechanism_answer const& a, html_options const& o = {});
PHARMAKON_FUNC std::string render_html(interaction_answer const& a, html_options const& o = {});
PHARMAKON_FUNC std::string render_html(dose_answer const& a, html_options const& o = {});

/// HTML-escapes text for element content and quoted attribute values: `& < > " '` become entities, invalid
/// UTF-8 becomes U+FFFD, and control characters other than tab, newline and carriage return (not allowed in
/// HTML) become U+FFFD too. The one escape function of the HTML renderer and the server.
PHARMAKON_FUNC std::string html_escape(std::string_view s);

/// Percent-encodes a URL component (RFC 3986 unreserved characters pass).
PHARMAKON_FUNC std::string url_encode(std::string_view s);

/// The public record a source's identifier points to (PubMed, doi.org, DailyMed, GtoPdb; or the source's own
/// http(s) URL); empty when it has none. Never a `javascript:` or other non-http(s) URL.
PHARMAKON_FUNC std::string source_url(source const& s);
/// The public page of a drug or target identifier (ChEMBL compound, GtoPdb ligand/target, PubChem, DrugBank),
/// empty for schemes without one.
PHARMAKON_FUNC std::string identifier_url(identifier const& id);

/// One interaction, read out of an `interaction` in words: the only place the HTML renderer and the CDS Hooks
/// cards read the interaction answer's fields, so a change of the interaction model is adapted here.
struct interaction_summary {
  std::string title;                ///< e.g. "naltrexone blocks oxycodone at the mu opioid receptor"
  std::string plain_title;          ///< the same without target names, for patients
  std::string kind;                 ///< "blockade", ...
  std::string mechanism;            ///< "same target", "same effect", "exposure", "stated"
  std::string severity;             ///< "contraindicated", "major", "moderate", "minor" ("no interaction")
  int severity_rank = 2;            ///< 0 the most severe (contraindicated), 3 minor, 4 a statement of no interaction
  std::string management;           ///< "avoid the combination", "adjust the dose", "monitor", ...
  bool intended = false;            ///< used on purpose (naloxone for an overdose)
  bool no_interaction = false;      ///< a source states there is none
  std::string first, second;        ///< the two drugs
  std::string first_action, second_action;
  std::string target;               ///< the shared target's name
  std::vector<std::string> effects; ///< effects at stake
  std::vector<std::string> plain_effects;  ///< the same in plain words (lay names where the knowledge base has them)
  std::string effects_label;        ///< "effects that add up" / "effects blocked or reversed"
  struct statement {
    std::string text;               ///< clinician wording
    std::string plain;              ///< without receptor names
    std::string kind;               ///< "boxed warning", "contraindication", ...
    std::vector<int> refs;
    std::string tier;
    std::string review;             ///< review_words() of the statement's claim
  };
  std::vector<statement> warnings;
  std::vector<statement> stated;    ///< what labels and guidelines say about it (severity, change, advice)
  std::vector<statement> path;      ///< the path through the graph, one step each
  std::vector<statement> duration;  ///< the two drugs' half-lives (one statement, when the knowledge base has both)
};
PHARMAKON_FUNC std::vector<interaction_summary> summarize(interaction_answer const& a);

}  // namespace pharmakon

#ifdef PHARMAKON_INCLUDE_IMPL
#  include "html-inl.hpp"
#endif
