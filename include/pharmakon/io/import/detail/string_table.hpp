// The importers' id table (io layer, internal).
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "detail/string_table.hpp is part of the importers' out-of-line definitions; include <pharmakon/pharmakon.hpp>"
#endif
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../../../graph/knowledge_base.hpp"

namespace pharmakon::detail::import {

/// Maps strings (ids) to uint32 values with open addressing. A slot is 32 bytes and holds the value, the length and
/// the key itself when it is at most 24 bytes long (ids usually are), so a lookup touches one cache line; a longer
/// key keeps its first 20 bytes there and the rest in an arena. Lookups do not allocate.
class string_table {
 public:
  void reserve(std::size_t n) {
    std::size_t size = 64;
    while (size * 2 < n * 3) size <<= 1;
    if (size > slots_.size()) rehash(size);
  }
  std::size_t size() const noexcept { return count_; }
  /// Inserts key -> value; returns false (and leaves the table alone) if the key is present.
  bool insert(std::string_view key, std::uint32_t value) {
    if (key.size() >= empty) return false;
    if ((count_ + 1) * 3 > slots_.size() * 2) rehash(std::max<std::size_t>(64, slots_.size() * 2));
    auto h = hash_of(key);
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      auto& s = slots_[i];
      if (s.len == empty) {
        s.len = std::uint32_t(key.size());
        s.value = value;
        std::memset(s.key, 0, sizeof s.key);
        if (key.size() <= inline_max) {
          std::memcpy(s.key, key.data(), key.size());
        } else {
          std::memcpy(s.key, key.data(), head);
          auto offset = std::uint32_t(arena_.size());
          std::memcpy(s.key + head, &offset, 4);
          arena_.append(key);
        }
        ++count_;
        return true;
      }
      if (equal(s, key)) return false;
    }
  }
  /// The hash `find` uses for `key`: compute it, `prefetch` it, do other work, then `find(key, hash)`.
  static std::uint64_t hash_of(std::string_view key) noexcept { return hash_str(key); }
  void prefetch(std::uint64_t h) const noexcept {
    // branch-free: GCC 12 drops a prefetch that is the only statement under an `if`
    std::size_t mask = slots_.size() - std::size_t(!slots_.empty());
    __builtin_prefetch(slots_.data() + (h & mask));
  }
  std::optional<std::uint32_t> find(std::string_view key) const noexcept { return find(key, hash_of(key)); }
  std::optional<std::uint32_t> find(std::string_view key, std::uint64_t h) const noexcept {
    if (slots_.empty()) return std::nullopt;
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      auto const& s = slots_[i];
      if (s.len == empty) return std::nullopt;
      if (equal(s, key)) return s.value;
    }
  }
  template <class F>
  void for_each(F&& f) const {
    for (auto const& s : slots_)
      if (s.len != empty) f(key_of(s), s.value);
  }

 private:
  static constexpr std::uint32_t empty = 0xFFFFFFFFu;
  static constexpr std::size_t inline_max = 24, head = 20;
  struct slot {
    std::uint32_t len = empty, value = 0;
    char key[inline_max] = {};
  };
  static_assert(sizeof(slot) == 32);
  std::string key_of(slot const& s) const {
    if (s.len <= inline_max) return std::string(s.key, s.len);
    std::uint32_t offset;
    std::memcpy(&offset, s.key + head, 4);
    return arena_.substr(offset, s.len);
  }
  bool equal(slot const& s, std::string_view key) const noexcept {
    if (s.len != key.size()) return false;
    std::size_t n = std::min(key.size(), key.size() <= inline_max ? inline_max : head);
    unsigned diff = 0;
    for (std::size_t i = 0; i < n; ++i) diff |= unsigned(s.key[i] ^ key[i]);  // short: no call to memcmp
    if (diff) return false;
    if (key.size() <= inline_max) return true;
    std::uint32_t offset;
    std::memcpy(&offset, s.key + head, 4);
    return std::memcmp(arena_.data() + offset + head, key.data() + head, key.size() - head) == 0;
  }
  void rehash(std::size_t size) {
    std::vector<slot> old(size);
    old.swap(slots_);
    std::size_t mask = size - 1;
    for (auto const& s : old) {
      if (s.len == empty) continue;
      std::size_t i = hash_of(key_of(s)) & mask;
      while (slots_[i].len != empty) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }
  std::vector<slot> slots_;
  std::string arena_;
  std::size_t count_ = 0;
};

}  // namespace pharmakon::detail::import
