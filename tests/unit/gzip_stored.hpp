#pragma once
// A compressor-free gzip writer for the reader's tests and its fuzz target (fuzz/fuzz_reader_gzip.cpp, built with
// clang alone): stored (uncompressed) deflate blocks, so the bytes do not depend on a zlib version. Self-contained:
// the standard library only, no doctest and no pharmakon header.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace pharmakon::test {

/// The CRC-32 of `s` (gzip's, reflected polynomial 0xEDB88320).
inline std::uint32_t crc32_of(std::string_view s) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : s) {
    c ^= b;
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return ~c;
}

/// `text` as one gzip member of stored deflate blocks of at most `block` (1 to 65535) bytes each.
inline std::string gzip_stored(std::string_view text, std::size_t block = 65535) {
  auto put32 = [](std::string& out, std::uint32_t v) {
    for (int k = 0; k < 4; ++k) out.push_back(char((v >> (8 * k)) & 0xFF));
  };
  std::string out = {'\x1f', '\x8b', '\x08', '\0', '\0', '\0', '\0', '\0', '\0', '\x03'};
  std::size_t at = 0;
  do {
    std::size_t n = std::min(text.size() - at, block);
    out.push_back(at + n == text.size() ? '\x01' : '\x00');  // BFINAL, BTYPE = stored
    out.push_back(char(n & 0xFF));
    out.push_back(char(n >> 8));
    out.push_back(char(~n & 0xFF));
    out.push_back(char((~n >> 8) & 0xFF));
    out.append(text.substr(at, n));
    at += n;
  } while (at < text.size());
  put32(out, crc32_of(text));
  put32(out, std::uint32_t(text.size()));
  return out;
}

}  // namespace pharmakon::test
