#pragma once
/// \file hash.hpp
/// Internal: the string hash of the knowledge base's tables (graph storage, snapshot checksums, import tables).
/// Not a public API.

#include <cstdint>
#include <cstring>
#include <string_view>

namespace pharmakon::detail {

/// A fast, portable 64-bit string hash (8 bytes per step), stable across runs and platforms of one byte order,
/// so hash tables built from it can be stored in a snapshot. Not for adversarial input.
inline std::uint64_t hash_bytes(char const* p, std::size_t n, std::uint64_t seed = 0) noexcept {
  constexpr std::uint64_t m1 = 0x9E3779B97F4A7C15ull, m2 = 0xBF58476D1CE4E5B9ull, m3 = 0x94D049BB133111EBull;
  auto load8 = [](char const* q) {
    std::uint64_t w;
    std::memcpy(&w, q, 8);
    return w;
  };
  auto load4 = [](char const* q) {
    std::uint32_t w;
    std::memcpy(&w, q, 4);
    return std::uint64_t(w);
  };
  std::uint64_t h = seed ^ (std::uint64_t(n) * m1);
  std::uint64_t w;
  if (n >= 8) {
    std::size_t i = 0;
    for (; i + 8 < n; i += 8) {
      h = (h ^ load8(p + i)) * m2;
      h ^= h >> 29;
    }
    w = load8(p + n - 8);  // the last 8 bytes (overlapping the previous word when n is not a multiple of 8)
  } else if (n >= 4) {
    w = load4(p) | (load4(p + n - 4) << 32);
  } else if (n > 0) {
    w = std::uint64_t(static_cast<unsigned char>(p[0])) | (std::uint64_t(static_cast<unsigned char>(p[n / 2])) << 8) |
        (std::uint64_t(static_cast<unsigned char>(p[n - 1])) << 16);
  } else {
    w = 0;
  }
  h = (h ^ w) * m3;
  h ^= h >> 32;
  h *= m2;
  h ^= h >> 29;
  return h;
}
inline std::uint64_t hash_str(std::string_view s) noexcept { return hash_bytes(s.data(), s.size()); }

}  // namespace pharmakon::detail
