#include <doctest/doctest.h>

#include <pharmakon/model/enums.hpp>
#include <pharmakon/model/text.hpp>
#include <pharmakon/io/import/vocabulary.hpp>  // from_chembl, from_gtopdb

using namespace pharmakon;

TEST_CASE("fold_key folds case across scripts and normalises separators") {
  CHECK(text::fold_key("Mu-Opioid  Receptor") == "mu opioid receptor");
  CHECK(text::fold_key("μ") == text::fold_key("Μ"));        // Greek small and capital mu
  CHECK(text::fold_key("µ") == text::fold_key("μ"));        // micro sign and Greek mu
  CHECK(text::fold_key("ΚΑΠΠΑ") == text::fold_key("καππα"));
  CHECK(text::fold_key("σ1") == text::fold_key("Σ1"));
  CHECK(text::fold_key("  ReVia ") == "revia");
  CHECK(text::fold_key("Ärzteblatt") == text::fold_key("ärzteblatt"));
}

TEST_CASE("invalid UTF-8 is found at its offset") {
  CHECK(text::invalid_utf8_offset("plain") == std::string_view::npos);
  CHECK(text::invalid_utf8_offset("μ opioid") == std::string_view::npos);
  CHECK(text::invalid_utf8_offset("ab\xff") == 2);
  CHECK(text::invalid_utf8_offset("a\xc0\xaf") == 1);         // overlong
  CHECK(text::invalid_utf8_offset("\xed\xa0\x80") == 0);      // surrogate
  CHECK(text::invalid_utf8_offset("x\xe2\x82") == 1);         // truncated
}

TEST_CASE("edit distance counts code points and stops at the limit") {
  CHECK(text::edit_distance(U"naltrexon", U"naltrexone", 3) == 1);
  CHECK(text::edit_distance(U"naloxone", U"naltrexone", 3) == 3);
  CHECK(text::edit_distance(U"a", U"abcdefgh", 2) == 3);
}

TEST_CASE("every enum round-trips through its one name table") {
  for (auto a : enum_values<action_type>()) CHECK(parse_enum<action_type>(to_string(a)) == a);
  for (auto r : enum_values<relation_kind>()) CHECK(parse_enum<relation_kind>(to_string(r)) == r);
  for (auto r : enum_values<route>()) CHECK(parse_enum<route>(to_string(r)) == r);
  CHECK_FALSE(parse_enum<action_type>("antagonsit"));
  CHECK(enum_choices<evidence_tier>() == "guideline | label | research | other");
}

TEST_CASE("actions map to ChEMBL and GtoPdb vocabularies") {
  CHECK(to_chembl(action_type::partial_agonist) == "PARTIAL AGONIST");
  CHECK(from_chembl("ANTAGONIST") == action_type::antagonist);
  CHECK(from_chembl("NEGATIVE ALLOSTERIC MODULATOR") == action_type::negative_allosteric_modulator);
  CHECK_FALSE(from_chembl("VACCINE ANTIGEN"));
  CHECK(from_gtopdb("Full agonist") == action_type::full_agonist);
  CHECK(from_gtopdb("Inverse agonist") == action_type::inverse_agonist);
  for (auto a : enum_values<action_type>()) CHECK(from_chembl(to_chembl(a)).has_value());
  CHECK(is_agonist(action_type::partial_agonist));
  CHECK(is_antagonist(action_type::inverse_agonist));
  CHECK_FALSE(is_antagonist(action_type::inhibitor));
}
