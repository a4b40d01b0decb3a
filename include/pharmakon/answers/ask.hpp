#pragma once
/// \file ask.hpp
/// Questions in plain words: "What is the mechanism of action of naltrexone?", "How does Vivitrol work?",
/// "Does tramadol interact with sertraline?", "Can I take naltrexone with oxycodone?", "Is 100 mg of naltrexone a
/// day too much?", "What is ReVia?". A deterministic reader (no language model): drug names, brands and
/// identifiers are found through the knowledge base's names and synonyms, and the question becomes the command it
/// stands for (`moa`, `interactions`, `dose-check`), answered exactly as that command answers it.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "../config.hpp"
#include "../error.hpp"
#include "answers.hpp"

namespace pharmakon {

/// Which answer a question asks for.
PHARMAKON_NAMED_ENUM(question_kind, mechanism, interactions, dose_check);

/// A question read: what it asks and about what, in the words of the question (a drug the knowledge base does not
/// know is kept as written, so the answer reports it with suggestions, as the subcommand would).
struct question {
  question_kind kind = question_kind::mechanism;
  std::vector<std::string> drugs;
  std::string dose;       ///< e.g. "100 mg" (dose checks)
  std::string every;      ///< e.g. "24 h"
  std::string route;      ///< e.g. "oral"
  std::string condition;  ///< e.g. "alcohol use disorder"
  std::string age;        ///< the patient's age, e.g. "8 y" ("an 8-year-old"), for dose checks

  /// The equivalent `pharmakon` command line, without options common to every command:
  /// {"moa", "naltrexone"}, {"interactions", "tramadol", "sertraline"},
  /// {"dose-check", "naltrexone", "100 mg", "--every", "24 h"}.
  std::vector<std::string> command() const {
    std::vector<std::string> out;
    switch (kind) {
      case question_kind::mechanism: out = {"moa"}; break;
      case question_kind::interactions: out = {"interactions"}; break;
      case question_kind::dose_check: out = {"dose-check"}; break;
    }
    out.insert(out.end(), drugs.begin(), drugs.end());
    if (kind == question_kind::dose_check) {
      out.push_back(dose);
      if (!route.empty()) out.insert(out.end(), {"--route", route});
      if (!every.empty()) out.insert(out.end(), {"--every", every});
      if (!condition.empty()) out.insert(out.end(), {"--condition", condition});
      if (!age.empty()) out.insert(out.end(), {"--age", age});
    }
    return out;
  }
  friend bool operator==(question const&, question const&) = default;
};

/// Questions the reader understands, for help texts and for "I could not read that" messages.
inline constexpr std::array<std::string_view, 6> example_questions{
    "What is the mechanism of action of naltrexone?", "How does Vivitrol work?",
    "Does tramadol interact with sertraline?",       "Can I take naltrexone with oxycodone?",
    "Is 100 mg of naltrexone a day too much?",        "What is ReVia?"};

/// The longest question read, in bytes.
inline constexpr std::size_t max_question_size = 1000;

/// A question that could not be read; `understood()` says what was made of it (drugs, dose, interval, ...).
class question_error : public error {
 public:
  question_error(std::string what, std::string understood)
      : error(errc::unreadable_question, std::move(what)), understood_(std::move(understood)) {}
  std::string const& understood() const noexcept { return understood_; }

 private:
  std::string understood_;
};

/// What `parse_question` expects, in the `expected` of its diagnostic.
inline constexpr std::string_view question_expected = "a question about a mechanism, an interaction or a dose";

/// Reads a question. If it cannot be read: one `errc::unreadable_question` diagnostic (no file or position) whose
/// `expected` is `question_expected` and whose `found` says what was understood (drugs, dose, interval, ...).
PHARMAKON_FUNC result<question> parse_question(knowledge_base const& kb, std::string_view text);
/// Like `parse_question`, but throws `question_error`.
PHARMAKON_FUNC question read_question(knowledge_base const& kb, std::string_view text);

/// The drugs a free text names (names, synonyms, brands, identifiers; the longest name first, each drug once), as a
/// question or a medication's display text ("naltrexone hydrochloride 50 MG Oral Tablet") names them.
PHARMAKON_FUNC std::vector<drug_id> drugs_mentioned(knowledge_base const& kb, std::string_view text);

/// Any answer.
using any_answer = std::variant<mechanism_answer, interaction_answer, dose_answer>;

/// A question and its answer.
struct asked {
  pharmakon::question question;
  any_answer answer;
};

/// Reads and answers a question. Throws `question_error` (unreadable), `lookup_error` (a drug or condition the
/// knowledge base does not know, with suggestions) or `usage_error` (a dose or interval that does not parse).
PHARMAKON_FUNC asked ask(knowledge_base const& kb, std::string_view text);
/// Answers a question already read.
PHARMAKON_FUNC any_answer answer(knowledge_base const& kb, question const& q);

}  // namespace pharmakon

#ifdef PHARMAKON_INCLUDE_IMPL
#  include "ask-inl.hpp"
#endif
