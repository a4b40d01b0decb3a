#pragma once
/// \file review.hpp
/// Review records: what a medical board says about a claim, an entity or a source (submitted, under review,
/// approved), who said it and when. They are not pharmacology: they never change what the graph states, only
/// what an answer says about its own review status (docs/kb-format.md#reviews).

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

#include "entities.hpp"
#include "enums.hpp"

namespace pharmakon {

/// Where a claim, entity or source stands in a board's review.
PHARMAKON_NAMED_ENUM(review_status,
  submitted,     ///< handed to the board, not yet looked at
  under_review,  ///< the board is reviewing it
  approved       ///< the board approved it (a reviewer is named)
);

/// One review record (a `[[review]]` table, or a claim's `review = { ... }`).
struct review_record {
  review_status status = review_status::submitted;
  std::string reviewer;  ///< who reviewed (required when approved)
  std::string date;      ///< YYYY-MM-DD
  std::string note;      ///< the board's remark, optional
  source_region region;  ///< where it was written
};

/// True for a calendar date written YYYY-MM-DD (years 1900 to 2100).
constexpr bool valid_date(std::string_view s) noexcept {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  int v[3] = {0, 0, 0};
  std::size_t const starts[3] = {0, 5, 8}, lens[3] = {4, 2, 2};
  for (int k = 0; k < 3; ++k)
    for (std::size_t i = starts[k]; i < starts[k] + lens[k]; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      v[k] = v[k] * 10 + (s[i] - '0');
    }
  auto [y, m, d] = std::tuple{v[0], v[1], v[2]};
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int const days[12] = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return d <= days[m - 1];
}

}  // namespace pharmakon
