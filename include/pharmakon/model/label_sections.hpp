#pragma once
/// \file label_sections.hpp
/// The sections of a US drug label (FDA Structured Product Labeling), one table: LOINC section code, pharmakon's
/// name, the section number of the PLR format (21 CFR 201.57; none for the boxed warning and the old format's
/// WARNINGS and PRECAUTIONS), and a short title. A source's `sections` accept any of code, name or number, and a
/// numbered subsection ("5.1") of a known section; they are stored normalised: the number where the section has
/// one, else the name ("boxed_warning", "7", "5.1", "warnings").

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace pharmakon {

struct label_section {
  std::string_view loinc;   ///< LOINC section code, e.g. "34073-7"
  std::string_view name;    ///< e.g. "drug_interactions"
  std::string_view number;  ///< PLR section number, e.g. "7"; empty when the section has none
  std::string_view title;   ///< e.g. "drug interactions"
};

/// Codes checked against the FDA's "Section Headings (LOINC)" list for SPL.
inline constexpr std::array<label_section, 22> label_section_table{{
    {"34066-1", "boxed_warning", "", "boxed warning"},
    {"34067-9", "indications_and_usage", "1", "indications and usage"},
    {"34068-7", "dosage_and_administration", "2", "dosage and administration"},
    {"43678-2", "dosage_forms_and_strengths", "3", "dosage forms and strengths"},
    {"34070-3", "contraindications", "4", "contraindications"},
    {"43685-7", "warnings_and_precautions", "5", "warnings and precautions"},
    {"34084-4", "adverse_reactions", "6", "adverse reactions"},
    {"34073-7", "drug_interactions", "7", "drug interactions"},
    {"43684-0", "use_in_specific_populations", "8", "use in specific populations"},
    {"42227-9", "drug_abuse_and_dependence", "9", "drug abuse and dependence"},
    {"34088-5", "overdosage", "10", "overdosage"},
    {"34089-3", "description", "11", "description"},
    {"34090-1", "clinical_pharmacology", "12", "clinical pharmacology"},
    {"43679-0", "mechanism_of_action", "12.1", "mechanism of action"},
    {"43681-6", "pharmacodynamics", "12.2", "pharmacodynamics"},
    {"43682-4", "pharmacokinetics", "12.3", "pharmacokinetics"},
    {"34092-7", "clinical_studies", "14", "clinical studies"},
    {"34093-5", "references", "15", "references"},
    {"34069-5", "how_supplied", "16", "how supplied"},
    {"34076-0", "patient_counseling_information", "17", "patient counseling information"},
    {"34071-1", "warnings", "", "warnings"},
    {"42232-9", "precautions", "", "precautions"},
}};

/// The table entry whose code, name or number is `s`; for a numbered subsection without an entry of its own
/// ("5.1"), the entry of its section ("5").
constexpr label_section const* find_label_section(std::string_view s) noexcept {
  for (auto const& e : label_section_table)
    if (s == e.loinc || s == e.name || (!e.number.empty() && s == e.number)) return &e;
  auto dot = s.find('.');
  if (dot == std::string_view::npos || dot + 1 >= s.size()) return nullptr;
  for (char c : s.substr(dot + 1))
    if (c < '0' || c > '9') return nullptr;
  auto top = s.substr(0, dot);
  for (auto const& e : label_section_table)
    if (!e.number.empty() && top == e.number) return &e;
  return nullptr;
}

/// The stored form of section `s` (the number, a subsection as given, else the name); nullopt if unknown.
inline std::optional<std::string> normalise_label_section(std::string_view s) {
  auto const* e = find_label_section(s);
  if (!e) return std::nullopt;
  if (s != e->loinc && s != e->name && s != e->number) return std::string(s);  // a subsection ("5.1")
  return std::string(e->number.empty() ? e->name : e->number);
}

/// What `sections` accept, for error messages.
inline std::string label_section_choices() {
  std::string out = "a LOINC section code, name or PLR number (";
  bool first = true;
  for (auto const& e : label_section_table) {
    out += first ? "" : ", ";
    first = false;
    out += std::string(e.loinc) + " " + std::string(e.name);
    if (!e.number.empty()) out += " " + std::string(e.number);
  }
  return out + "), or a numbered subsection such as 5.1";
}

/// A short reading of a stored section: "boxed warning", "7 drug interactions", "5.1 warnings and precautions";
/// the text itself if the section is unknown (a knowledge base made through the builder API).
inline std::string label_section_text(std::string_view s) {
  auto const* e = find_label_section(s);
  if (!e) return std::string(s);
  if (s == e->name || s == e->loinc || s == e->number) 
    return e->number.empty() ? std::string(e->title) : std::string(e->number) + " " + std::string(e->title);
  return std::string(s) + " " + std::string(e->title);
}

}  // namespace pharmakon
