#pragma once
/// \file detail/format.hpp
/// `detail::format`: what the library's own code calls instead of `fmt::format`.
///
/// In the compiled library (`pharmakon::pharmakon`) it is `fmt::format`: every format string is checked against
/// its arguments when the library is compiled, so a mismatch is a compile error there (and in CI). In a header-only
/// build (`PHARMAKON_HEADER_ONLY`) the same strings would be checked again, by constant evaluation, in every
/// host translation unit that includes the definitions: about half of that build's front-end time (benchmarks/
/// RESULTS.md, "Compiling a host program"). There they are formatted at run time instead: the strings are the
/// ones the compiled library has already checked.

#include <string>
#include <utility>

#include <fmt/format.h>

#include "../config.hpp"

namespace pharmakon::detail {

#ifdef PHARMAKON_HEADER_ONLY
template <class... T>
[[nodiscard]] inline std::string format(fmt::string_view format_string, T&&... args) {
  return fmt::vformat(format_string, fmt::make_format_args(args...));
}
#else
template <class... T>
[[nodiscard]] inline std::string format(fmt::format_string<T...> format_string, T&&... args) {
  return fmt::format(format_string, std::forward<T>(args)...);
}
#endif

}  // namespace pharmakon::detail
