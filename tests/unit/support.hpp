#pragma once
// What the unit tests share: whole files read and written as bytes, scratch directories that remove themselves,
// and the first diagnostic of a failed import for a REQUIRE_MESSAGE. Everything else a test needs stays in it.
#include <doctest/doctest.h>

#include <pharmakon/pharmakon.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

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

}  // namespace pharmakon::test
