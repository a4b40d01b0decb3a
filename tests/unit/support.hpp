#pragma once
// What the unit tests share: whole files read and written as bytes, scratch directories that remove themselves,
// the golden fixture knowledge base, numbered entities for generated graphs, text searches, and the diagnostics of a failed load or import for a
// REQUIRE_MESSAGE. Everything else a test needs stays in it.
#include <doctest/doctest.h>

#include <pharmakon/pharmakon.hpp>

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>

namespace pharmakon::test {

namespace fs = std::filesystem;

/// The bytes of the file at `p`; fails the test when it cannot be opened.
inline std::string read_bytes(fs::path const& p) {
  std::ifstream in(p, std::ios::binary);
  REQUIRE_MESSAGE(in, "cannot read ", p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Writes `bytes` to the file at `p`, replacing what it held; returns `p`.
inline fs::path const& write_bytes(fs::path const& p, std::string_view bytes) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), std::streamsize(bytes.size()));
  REQUIRE_MESSAGE(out, "cannot write ", p.string());
  return p;
}

/// True if `what` occurs in `s`.
inline bool contains(std::string_view s, std::string_view what) { return s.find(what) != std::string_view::npos; }

/// How many times `what` occurs in `s` (overlapping occurrences included).
inline std::size_t count(std::string_view s, std::string_view what) {
  std::size_t n = 0;
  for (auto i = s.find(what); i != std::string_view::npos; i = s.find(what, i + 1)) ++n;
  return n;
}

/// A fresh, empty directory under the system's temporary directory, removed with all it holds at the end of the
/// scope. Its name has the test program's pid, `tag` and a counter, so tests running at once never share one.
struct temp_dir {
  fs::path path;

  explicit temp_dir(std::string_view tag = "test") {
    static int counter = 0;
    path = fs::temp_directory_path() /
           ("pharmakon-" + std::string(tag) + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~temp_dir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  temp_dir(temp_dir const&) = delete;
  temp_dir& operator=(temp_dir const&) = delete;

  fs::path operator/(fs::path const& name) const { return path / name; }
  /// Writes `bytes` to the file `name` in the directory; returns its path.
  fs::path write(fs::path const& name, std::string_view bytes) const { return write_bytes(path / name, bytes); }
};

/// The first diagnostic of a result (an import's or a load's), or "(none)": the message of a REQUIRE_MESSAGE.
template <class Result>
std::string first_error(Result const& r) {
  return r.diagnostics.empty() ? std::string("(none)") : r.diagnostics.front().to_string();
}

/// Every diagnostic of a result, one `file:line:column: error: ...` line each.
template <class Result>
std::string messages(Result const& r) {
  std::string out;
  for (auto const& d : r.diagnostics) out += d.to_string() + "\n";
  return out;
}

/// Entity `<prefix><i>` of kind E ("drug:d" and 3: drug:d3), named as its id; a concept gets the kind "X". The
/// numbered nodes of a generated graph.
template <class E>
E numbered(std::string_view prefix, std::uint32_t i) {
  E e;
  e.id = fmt::format("{}{}", prefix, i);
  e.name = e.id;
  if constexpr (std::is_same_v<E, concept_node>) e.kind_label = "X";
  return e;
}

/// Adds the `n` entities `numbered<E>(prefix, 0)` ... `numbered<E>(prefix, n - 1)`; added to a builder without
/// others of kind E, their handles are 0 ... n - 1.
template <class E>
void add_numbered(builder& b, std::string_view prefix, std::uint32_t n) {
  for (std::uint32_t i = 0; i < n; ++i) b.add(numbered<E>(prefix, i));
}

/// The golden fixture knowledge base (tests/data/golden/kb.toml, the one the golden answers use), loaded once.
inline knowledge_base const& golden_kb() {
  static knowledge_base const kb = load_file(fs::path(PHARMAKON_TEST_DATA) / "golden" / "kb.toml");
  return kb;
}

}  // namespace pharmakon::test
