#pragma once
/// \file describe.hpp
/// Field descriptions: a record's fields named once, as (name, member pointer) pairs, so that every place
/// that walks a record — the content hash, the snapshot codec, the KGX columns, the bindings — derives from the
/// one description instead of listing the fields again. A field's type is one of the `described_value`s:
/// a string, a bool, an optional bool, or a named enum.

#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>

#include "enums.hpp"

namespace pharmakon {

/// One field of record T: its name (the KB-file key and KGX column) and its member.
template <class T, class M>
struct field {
  std::string_view name;
  M T::*member;
};
// spelled out for compilers without class template argument deduction for aggregates (clang before 17)
template <class T, class M>
field(std::string_view, M T::*) -> field<T, M>;

/// Specialised for each described record: `static constexpr auto fields = std::tuple{field{...}, ...};`
template <class T>
struct description;

template <class T>
concept described = requires { description<T>::fields; };

template <class M>
concept described_value = std::is_same_v<M, std::string> || std::is_same_v<M, bool> ||
                          std::is_same_v<M, std::optional<bool>> || named_enum<M>;

/// Calls `f(name, value)` for every field of `r`, in description order.
template <class T, class F>
  requires described<std::remove_const_t<T>>
constexpr void for_each_field(T& r, F&& f) {
  std::apply([&](auto const&... fl) { (f(fl.name, r.*(fl.member)), ...); }, description<std::remove_const_t<T>>::fields);
}

/// A field value as text: strings as they are, bools as true/false (an unknown optional as ""), enums by name.
template <described_value M>
std::string field_text(M const& v) {
  if constexpr (std::is_same_v<M, std::string>) return v;
  else if constexpr (std::is_same_v<M, bool>) return v ? "true" : "false";
  else if constexpr (std::is_same_v<M, std::optional<bool>>) return v ? (*v ? "true" : "false") : "";
  else return std::string(to_string(v));
}

/// Parses `text` (as `field_text` writes it) into `v`; false if it is not a value of the field's type.
template <described_value M>
bool parse_field_text(std::string_view text, M& v) {
  if constexpr (std::is_same_v<M, std::string>) {
    v = std::string(text);
    return true;
  } else if constexpr (std::is_same_v<M, bool>) {
    if (text != "true" && text != "false") return false;
    v = text == "true";
    return true;
  } else if constexpr (std::is_same_v<M, std::optional<bool>>) {
    if (text.empty()) v.reset();
    else if (text == "true" || text == "false") v = text == "true";
    else return false;
    return true;
  } else {
    auto e = parse_enum<M>(text);
    if (!e) return false;
    v = *e;
    return true;
  }
}

}  // namespace pharmakon
