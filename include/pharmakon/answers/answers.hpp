#pragma once
/// \file answers.hpp
/// Answers composed from the graph: mechanism of action, interaction screening and dose checks.
/// Every answer is a self-contained typed value (names, numbers, sources copied out of the knowledge base),
/// so it stays valid after the knowledge base is gone, and renderers (render/) turn it into text, Markdown or
/// JSON. No answer contains canned prose: every statement is a claim of the graph with its numbered sources.

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "../config.hpp"
#include "../graph/knowledge_base.hpp"
#include "../model/entities.hpp"
#include "../model/relations.hpp"
#include "../model/review.hpp"

namespace pharmakon {

/// Which knowledge base answered: every answer carries it.
struct kb_info {
  std::string name;
  std::string version;
  std::string content_hash;
  bool reviews = false;  ///< the knowledge base carries review records or claim dates (a review layer)
};

/// Source records shared with the knowledge base that answered (each keeps its state alive, so an answer stays
/// valid on its own), read like a `std::vector<source>`: `sources[i]`, `size()`, range-for.
class shared_sources {
  using list = std::vector<std::shared_ptr<source const>>;

 public:
  class iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = source;
    using difference_type = std::ptrdiff_t;
    using pointer = source const*;
    using reference = source const&;
    iterator() = default;
    explicit iterator(list::const_iterator it) : it_(it) {}
    reference operator*() const { return **it_; }
    pointer operator->() const { return it_->get(); }
    iterator& operator++() { ++it_; return *this; }
    iterator operator++(int) { auto t = *this; ++it_; return t; }
    friend bool operator==(iterator const&, iterator const&) = default;

   private:
    list::const_iterator it_{};
  };

  source const& operator[](std::size_t i) const { return *items_[i]; }
  std::size_t size() const noexcept { return items_.size(); }
  bool empty() const noexcept { return items_.empty(); }
  iterator begin() const { return iterator(items_.begin()); }
  iterator end() const { return iterator(items_.end()); }
  void push_back(std::shared_ptr<source const> s) { items_.push_back(std::move(s)); }
  void reserve(std::size_t n) { items_.reserve(n); }
  /// Copies of the records.
  std::vector<source> to_vector() const { return {begin(), end()}; }

 private:
  list items_;
};

/// The sources an answer cites, numbered 1.. in order of first citation.
struct PHARMAKON_API reference_list {
  shared_sources sources;
  std::vector<std::string> ids;  ///< source ids, parallel to `sources`
  std::vector<std::uint32_t> handles;  ///< source handles in the answering knowledge base, parallel to `sources`

  /// The reference number of `id` (adding it on first use).
  int cite(knowledge_base const& kb, source_id id);
  std::vector<int> cite(knowledge_base const& kb, std::span<source_id const> ids);
};

/// Evidence attached to one statement of an answer.
struct evidence {
  std::vector<int> refs;  ///< reference numbers, ascending
  evidence_tier tier = evidence_tier::other;
  bool negated = false;    ///< the statement is that the relation does NOT hold
  bool hypothesis = false;
  bool unverified = false; ///< the claim, or one of its sources, is marked unverified
  std::string note;        ///< the curator's remark on the claim
  /// The claim's newest review (for a warning or a regimen, else the entity's), if a review was recorded.
  std::optional<review_record> review;
  std::string updated;     ///< the date (YYYY-MM-DD) the claim last changed, if recorded
};

/// A short description of a target, for answers.
struct target_ref {
  std::string id;
  std::string name;
  std::string gene_symbol;
  std::string family;
  std::vector<std::string> synonyms;
  std::string lay_name;  ///< the name in plain words (patients), empty when the knowledge base has none
};

/// How well an action claim establishes the drug's mechanism, best first (docs/answers.md, "Summary"). The summary
/// leads with the best basis; activity-only claims are only counted there.
PHARMAKON_NAMED_ENUM(action_basis,
  stated,    ///< a guideline or a drug label states it
  curated,   ///< a curated database records the action (GtoPdb, ChEMBL or DrugCentral mechanism rows)
  study,     ///< research sources only (single studies, reviews)
  activity   ///< an activity was measured, no action is stated (action type `other`)
);

/// drug --acts_on--> target, as stated in an answer.
struct target_action {
  target_ref target;
  action act;
  std::optional<double> best_p_affinity;  ///< tightest affinity on the p-scale (-log10 M), if sourced
  evidence ev;
  std::vector<std::vector<int>> affinity_refs;  ///< per affinity in `act.affinities`, its reference numbers
  action_basis basis = action_basis::study;
  std::string species;  ///< the target's species ("human", "Mus musculus", or empty when not given)
};

/// drug --produces/blocks/reduces--> effect.
struct effect_statement {
  relation_kind relation = relation_kind::produces;  ///< produces, blocks or reduces
  std::string effect_id;
  std::string effect;
  std::vector<std::string> via;  ///< targets the effect is mediated by that the drug acts on
  evidence ev;
  std::string lay_name;          ///< the effect in plain words, empty when the knowledge base has none
};

/// effect --mediated_by--> target, for a target the drug acts on: what the receptor does, whether or not the drug's
/// own claims name the effect (the kappa receptor mediates dysphoria, where naltrexone blocks the receptor).
struct target_role_statement {
  std::string target_id;
  std::string target;
  std::string effect_id;
  std::string effect;
  evidence ev;
  std::string lay_name;  ///< the effect in plain words, empty when the knowledge base has none
};

struct indication_statement {
  std::string condition_id;
  std::string condition;
  std::string adjunct;
  evidence ev;
  std::string lay_name;  ///< the condition in plain words, empty when the knowledge base has none
};

struct regimen_statement {
  regimen r;              ///< a copy of the regimen entity
  std::string condition;  ///< the condition it is for (may be empty)
  evidence ev;
};

struct warning_statement {
  std::string drug;                   ///< the drug that carries the warning
  warning w;                          ///< a copy of the warning entity
  std::vector<std::string> concerns;  ///< names of the targets it concerns
  evidence ev;
};

struct pgx_statement {
  std::string variant_id;
  std::string variant;
  std::string gene;
  pgx_finding finding = pgx_finding::associated;
  std::string outcome;
  evidence ev;
};

/// One side of a conflict.
struct conflict_side {
  std::string statement;  ///< e.g. "antagonist", or "does not act on" for the negated side
  evidence ev;
};
struct conflict_statement {
  conflict::reason why = conflict::reason::negation;
  std::string subject;   ///< the entity the claims start from
  relation_kind relation = relation_kind::acts_on;
  std::string object;    ///< the entity they point to
  conflict_side first;
  conflict_side second;
};

/// The one-line summary, per group of actions of the same type (the renderer writes the sentence).
struct action_summary {
  action_type type = action_type::other;
  action_basis basis = action_basis::stated;  ///< the best basis among the group's claims
  bool pure = false;                 ///< intrinsic efficacy 0 at every target of the group
  pharmakon::modality modality = pharmakon::modality::unknown; ///< shared by every claim of the group, else unknown
  std::optional<bool> reversible;    ///< shared, else nullopt
  std::optional<bool> surmountable;
  std::vector<std::string> targets;  ///< best-established first (docs/answers.md), at most `max_targets`
  std::size_t more = 0;              ///< targets of the group left out of `targets` by the cap ("and N more")
  std::optional<std::string> highest_affinity;  ///< when corroborated affinities rank two or more targets
  std::vector<int> refs;
};

/// drug --has_metabolite--> an active metabolite, for the summary ("acts mainly through morphine, formed by
/// CYP2D6").
struct metabolite_statement {
  std::string metabolite_id;
  std::string metabolite;
  std::string formed_by;  ///< the forming enzyme's name, or empty
  bool main = false;      ///< the drug is a prodrug: its effect comes mainly from its active metabolites
  std::optional<action_summary> acts;  ///< the metabolite's own leading action, if the knowledge base has one
  evidence ev;
};

/// The drug's elimination half-life (`drug::half_life`) as its sources give it: a range, or one value.
struct half_life_statement {
  quantity low;
  quantity high;     ///< equal to `low` for a single value
  std::string note;  ///< the curator's remark (population, formulation)
  evidence ev;       ///< its sources, and their best tier
  bool single() const noexcept { return low == high; }
};

/// Options of `mechanism_of`.
struct mechanism_options {
  bool all_species = false;      ///< summary: every species' targets (default: human, or species not given, only)
  std::size_t max_targets = 6;   ///< summary: targets named per group before "and N more" (0: no cap)
};

/// One step of the path through the graph that explains an interaction.
struct path_step {
  std::string from;
  relation_kind relation = relation_kind::acts_on;
  std::string detail;  ///< the payload in short, e.g. "antagonist", "strong", "major pathway"
  std::string to;
  std::vector<int> refs;
  std::optional<review_record> review;  ///< as in `evidence`
  std::string updated;
};

/// A drug's mechanism path to a disease (answers/paths.hpp): the claims citing one path source, from the drug on.
struct mechanism_path {
  std::string source_id;  ///< the path source, e.g. "src:path:drugmechdb:DB00704_MESH_D000437_1"
  std::string title;      ///< its title
  std::string disease;    ///< the condition the path leads to (empty when it ends at no condition)
  std::vector<path_step> steps;  ///< its claims, breadth first from the drug; `detail` holds the path's verb
  std::vector<std::vector<std::size_t>> chains;  ///< routes from the drug to the path's ends (indices into steps)
  std::size_t more_chains = 0;  ///< routes beyond the first 16, left out (counted up to 4,096 routes in all)
  std::vector<int> refs;  ///< the references of its steps (each step's own are in `steps[i].refs`)
  std::string note;       ///< the path's comment (DrugMechDB `comment`), if any
};

struct mechanism_answer {
  kb_info kb;
  std::size_t left_out = 0;  ///< statements `keep_approved` dropped (not approved); 0 when it was not applied
  bool approved_only = false; ///< `keep_approved` was applied: only approved statements are shown
  std::string drug_id;
  std::string drug;
  std::vector<std::string> synonyms;
  std::string drug_class;
  std::vector<identifier> identifiers;
  std::vector<action_summary> summary;      ///< established actions grouped by type, best basis first
  std::vector<metabolite_statement> active_metabolites;  ///< has_metabolite claims with active = true
  std::size_t activity_targets = 0;         ///< summary: targets with measured activity only ("binds N other targets")
  std::size_t other_species_targets = 0;    ///< summary: targets of other species left out (`all_species` shows them)
  std::vector<std::string> disputed_targets;        ///< targets whose action claims conflict (the conflicts section)
  std::vector<std::string> summary_disputed_targets;///< of those, targets where guideline or label sources disagree
  std::vector<target_action> actions;       ///< every acts_on claim, best tier first
  std::optional<half_life_statement> half_life;
  std::vector<effect_statement> effects;
  /// what the targets of its established actions mediate, beyond the effects its own claims name through them
  std::vector<target_role_statement> target_roles;
  std::vector<indication_statement> indications;
  std::vector<regimen_statement> regimens;
  std::vector<warning_statement> warnings;
  std::vector<pgx_statement> pharmacogenetics;
  std::vector<conflict_statement> conflicts;
  std::vector<mechanism_path> paths;  ///< mechanism paths to diseases (answers/paths.hpp); empty without path sources
  reference_list references;
};

/// The mechanism of action of a drug, from every claim about it.
PHARMAKON_API PHARMAKON_FUNC mechanism_answer mechanism_of(knowledge_base const& kb, drug_id d,
                                                           mechanism_options const& opts = {});
inline mechanism_answer mechanism_of(knowledge_base const& kb, std::string_view drug_name,
                                     mechanism_options const& opts = {}) {
  return mechanism_of(kb, kb.at<drug>(drug_name), opts);
}
/// Drug `d`'s mechanism paths (answers/paths.hpp), ordered by path source id, citing into `refs`; `mechanism_of` fills
/// `mechanism_answer::paths` with them.
PHARMAKON_API PHARMAKON_FUNC std::vector<mechanism_path> mechanism_paths_of(knowledge_base const& kb, drug_id d,
                                                                           reference_list& refs);

// ---------------------------------------------------------------------------------------------------------------

/// The four ways an interaction is found (docs/answers.md).
PHARMAKON_NAMED_ENUM(interaction_mechanism,
  same_target,  ///< both drugs act on one receptor (or one through its active metabolite)
  same_effect,  ///< both produce one effect through different targets (CNS depression, QT prolongation, ...)
  exposure,     ///< one inhibits or induces an enzyme or transporter that clears the other or forms its metabolite
  stated        ///< a label or guideline states it, and the graph does not explain it otherwise
);

/// What the interaction does.
PHARMAKON_NAMED_ENUM(interaction_kind,
  blockade,           ///< an antagonist at a target blocks an agonist's effects there
  peripheral_blockade,///< a peripherally restricted antagonist blocks only the peripheral effects (e.g. constipation)
  displacement,       ///< a partial agonist displaces a full agonist: less effect, precipitated withdrawal
  additive,           ///< two agonists at one target, or two drugs producing one effect: the effects add up
  duplicate,          ///< two antagonists at one target: duplicated blockade
  more_exposure,      ///< the other drug's (or metabolite's) concentrations rise
  less_exposure,      ///< the other drug's (or metabolite's) concentrations fall
  stated              ///< as the label or guideline states it
);


/// One drug's half-life in an interaction.
struct drug_half_life {
  std::string drug;
  half_life_statement half_life;
};

/// An interaction a label or guideline states, as it applies to a pair of the screened drugs.
struct stated_statement {
  std::string between_first;   ///< the drug or class named by the claim, on `first`'s side
  std::string between_second;  ///< ... on `second`'s side
  stated_interaction says;     ///< severity, management, direction, effect / exposure ids, advice
  std::string effect;          ///< the effect's name (if `says.effect`)
  std::string exposure_of;     ///< the drug's name (if `says.exposure_of`)
  evidence ev;
};

struct interaction {
  interaction_mechanism mechanism = interaction_mechanism::same_target;
  interaction_kind kind = interaction_kind::additive;
  interaction_severity severity = interaction_severity::moderate;
  pharmakon::management management = pharmakon::management::monitor;
  std::string first;   ///< the drug that acts on the other's: the antagonist, the inhibitor or inducer
  std::string second;
  std::optional<target_ref> target;  ///< the shared receptor, or the enzyme / transporter
  action_type first_action = action_type::other;   ///< same_target: the actions at the target
  action_type second_action = action_type::other;
  std::vector<std::string> effects;  ///< effects at stake: blocked, added, or changed with the exposure
  std::string affected;              ///< exposure: the drug or metabolite whose concentrations change
  pharmakon::direction direction = pharmakon::direction::increase;  ///< of the effects or of `affected`'s exposure
  bool intended = false;         ///< a stated claim says the combination is used on purpose
  bool no_interaction = false;   ///< a stated claim says there is no clinically relevant interaction
  evidence_tier tier = evidence_tier::other;  ///< the best tier of the claims that make the interaction
  std::vector<stated_statement> stated;      ///< label or guideline statements that confirm it
  /// The half-lives of `first` and `second` (in that order), when the knowledge base has both; empty otherwise.
  std::vector<drug_half_life> half_lives;
  /// A blockade or displacement by a drug whose longest half-life is shorter than the other's shortest: it wears off
  /// while the other still acts, so the other's effects can return (naloxone and methadone).
  bool wears_off_first = false;
  std::vector<warning_statement> warnings;
  std::vector<path_step> path;
};

/// A name of a medication list that no drug of the knowledge base has: left out of the screen, never dropped silently.
struct unscreened_drug {
  std::string name;                      ///< as the list gives it
  std::string reason;                    ///< why it matched no drug: unknown, or e.g. a drug class, not a drug
  std::vector<std::string> suggestions;  ///< the closest drug names of the knowledge base (may be empty)
};

struct interaction_answer {
  kb_info kb;
  std::size_t left_out = 0;  ///< statements `keep_approved` dropped (not approved); 0 when it was not applied
  bool approved_only = false; ///< `keep_approved` was applied: only approved statements are shown
  std::vector<std::string> drugs;
  std::vector<interaction> interactions;  ///< most severe first
  /// Drugs with no metabolism claim at all (no substrate_of, inhibits, induces or has_metabolite): exposure
  /// interactions cannot be found for them, so no finding is not evidence of safety.
  std::vector<std::string> without_metabolism;
  /// Names of the list that matched no drug (the by-name screen): nothing is known here about their
  /// interactions, with each other or with the screened drugs, so no finding is not evidence of safety.
  std::vector<unscreened_drug> not_screened;
  reference_list references;
  /// Lay names of the effects the interactions name (effect name -> lay name), where the knowledge base has one.
  std::vector<std::pair<std::string, std::string>> lay_names;
  /// The most severe finding that needs attention (not a `no_interaction` statement), if any.
  std::optional<interaction_severity> worst() const noexcept {
    std::optional<interaction_severity> w;
    for (auto const& i : interactions)
      if (!i.no_interaction && (!w || i.severity < *w)) w = i.severity;
    return w;
  }
};

/// Interactions among `drugs`: through shared targets, shared effects, enzymes and transporters, and what labels
/// and guidelines state. Screens every pair of the list.
PHARMAKON_API PHARMAKON_FUNC interaction_answer screen_interactions(knowledge_base const& kb, std::span<drug_id const> drugs);
/// The same screen of a medication list by name (names, synonyms or identifiers, as `kb.find<drug>`): the drugs
/// found are screened, and every name that matches none is listed in `not_screened` with the closest names, so one
/// unknown medication does not stop the screen of the rest. A name that matches a drug already in the list is
/// screened once.
PHARMAKON_API PHARMAKON_FUNC interaction_answer screen_interactions(knowledge_base const& kb,
                                                                   std::span<std::string const> names);
/// Whether a screen by name had something to screen: false when fewer than two of the names are known drugs and
/// at least one name matched none (then the answer says nothing about the list; a caller reports the unknown names).
inline bool screenable(interaction_answer const& a) noexcept { return a.drugs.size() >= 2 || a.not_screened.empty(); }
/// Throws the `lookup_error` of the first name not screened (with its suggestions) when `!screenable(a)`: the one rule
/// by which the CLI, the server, `ask` and Python refuse a list with fewer than two known drugs.
PHARMAKON_API PHARMAKON_FUNC void require_screenable(knowledge_base const& kb, interaction_answer const& a);

// ---------------------------------------------------------------------------------------------------------------

PHARMAKON_NAMED_ENUM(dose_verdict,
  within,             ///< matches a regimen
  below,              ///< lower than the regimen's dose
  above,              ///< higher than the regimen's dose (the regimen states no labeled maximum daily dose)
  above_usual,        ///< higher than the regimen's usual dose, but the daily total is within its labeled maximum
  above_maximum,      ///< the daily total is above the regimen's labeled maximum daily dose (`max_daily`)
  too_frequent,       ///< a shorter interval than the regimen's
  too_infrequent,     ///< a longer interval than the regimen's
  wrong_route,
  wrong_dimension,    ///< e.g. a volume for a drug dosed by mass
  precondition_unmet, ///< e.g. not opioid-free long enough
  no_regimen,         ///< the knowledge base has no regimen for the drug (and condition)
  wrong_age,          ///< the patient's age is outside the regimen's stated ages
  contraindicated     ///< a contraindication of the drug applies at the patient's age (e.g. codeine under 12 years)
);

struct dose_query {
  quantity dose;
  std::optional<pharmakon::route> route;
  std::optional<quantity> every;
  std::optional<condition_id> condition;
  std::optional<quantity> opioid_free;  ///< how long the patient has been opioid-free
  std::optional<quantity> age;          ///< the patient's age (a time, e.g. 8 y)
};

/// One finding about a query against one regimen.
struct dose_issue {
  dose_verdict verdict = dose_verdict::within;
  double factor = 1.0;  ///< for below/above*/too_*: how far, as a ratio (2 = twice the regimen's value)
  std::string expected; ///< what the regimen asks, e.g. "50 mg", "oral", "opioid-free for at least 7 d"
  std::string found;    ///< what the query gave
};

struct regimen_check {
  regimen_statement regimen;
  std::vector<dose_issue> issues;  ///< empty: the query is within this regimen
  std::vector<std::string> unchecked;  ///< preconditions the query did not say anything about
  /// What the query gives that this regimen cannot be checked against: e.g. an age, where the regimen states none
  std::vector<std::string> not_checkable;
};

struct dose_answer {
  kb_info kb;
  std::size_t left_out = 0;  ///< statements `keep_approved` dropped (not approved); 0 when it was not applied
  bool approved_only = false; ///< `keep_approved` was applied: only approved statements are shown
  std::string drug;
  dose_query query;
  std::string condition;  ///< name of the query's condition, if any
  dose_verdict verdict = dose_verdict::no_regimen;  ///< within, or the main issue of the closest regimen
  std::vector<regimen_check> checks;  ///< closest regimen first
  /// With the query's age: the drug's warnings whose stated ages include it (most severe first). A contraindication
  /// among them makes the verdict `contraindicated`, whatever the regimens say.
  std::vector<warning_statement> age_warnings;
  reference_list references;
};

/// Checks a dose against the drug's regimens.
PHARMAKON_API PHARMAKON_FUNC dose_answer check_dose(knowledge_base const& kb, drug_id d, dose_query const& q);
/// The drug's warnings that state ages (`min_age`/`max_age`) and include `age`, most important first (contraindications,
/// boxed warnings, ...); their sources are added to `refs`. A warning that states no age holds at every age and is not
/// listed here (it is in the mechanism answer). What `check_dose` lists as `age_warnings`, for a caller with an age
/// and no dose (e.g. a CDS Hooks order without a dose).
PHARMAKON_API PHARMAKON_FUNC std::vector<warning_statement> warnings_at_age(knowledge_base const& kb, drug_id d,
                                                                           quantity const& age, reference_list& refs);

// ---------------------------------------------------------------------------------------------------------------
// Review status and dates of an answer (docs/kb-format.md#reviews)

/// Where an answer's "last updated" date comes from.
PHARMAKON_NAMED_ENUM(updated_from,
  claims,   ///< the newest `updated` date among the claims it shows
  release,  ///< no claim it shows carries a date: the knowledge base's release (from its calendar version)
  none      ///< neither is known
);

/// What an answer can say about its own review: counts over the statements it shows, and its date.
struct review_summary {
  std::size_t statements = 0;  ///< statements shown (each a claim, or a warning or regimen)
  std::size_t approved = 0;
  std::size_t under_review = 0;
  std::size_t submitted = 0;
  std::size_t not_reviewed = 0;
  std::string last_updated;    ///< YYYY-MM-DD, or YYYY-MM for a release; empty when `from` is none
  updated_from from = updated_from::none;
  std::string newest_review;   ///< the newest review date among the statements, if any
  /// "Approved" only when every statement shown is approved.
  bool all_approved() const noexcept { return statements > 0 && approved == statements; }
};

/// The release month of a calendar version ("2026.12.0" -> "2026-12"); empty for other versions.
PHARMAKON_API PHARMAKON_FUNC std::string release_date_of(std::string_view version);

PHARMAKON_API PHARMAKON_FUNC review_summary review_summary_of(mechanism_answer const& a);
PHARMAKON_API PHARMAKON_FUNC review_summary review_summary_of(interaction_answer const& a);
PHARMAKON_API PHARMAKON_FUNC review_summary review_summary_of(dose_answer const& a);

/// Drops every statement that is not approved (`--approved-only`), and says so in the answer (`approved_only`,
/// `left_out`). A mechanism's summary keeps only approved target actions; an interaction is kept only when every
/// step of its path is approved; a dose verdict is taken again from the approved regimens.
PHARMAKON_API PHARMAKON_FUNC void keep_approved(mechanism_answer& a);
PHARMAKON_API PHARMAKON_FUNC void keep_approved(interaction_answer& a);
PHARMAKON_API PHARMAKON_FUNC void keep_approved(dose_answer& a);

}  // namespace pharmakon

#ifdef PHARMAKON_INCLUDE_IMPL
#  include "answers-inl.hpp"
#endif
