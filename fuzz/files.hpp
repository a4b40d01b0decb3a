// Helpers for fuzz targets whose parser reads files (importers, snapshots): the input is written to files in a
// private temporary directory, and the diagnostics are checked to name those files.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace fuzz {

inline std::filesystem::path scratch_dir() {
  static std::filesystem::path const dir = [] {
    std::filesystem::path base = std::filesystem::exists("/dev/shm") ? "/dev/shm" : std::filesystem::temp_directory_path();
    auto d = base / ("pharmakon-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

inline std::filesystem::path write_file(std::string const& name, std::string_view bytes) {
  auto p = scratch_dir() / name;
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), std::streamsize(bytes.size()));
  return p;
}

/// Splits `in` at each line "#%%" into at most `n` parts.
inline std::vector<std::string_view> split_parts(std::string_view in, std::size_t n) {
  std::vector<std::string_view> parts;
  constexpr std::string_view sep = "#%%\n";
  while (parts.size() + 1 < n) {
    auto at = in.find(sep);
    while (at != std::string_view::npos && at > 0 && in[at - 1] != '\n') at = in.find(sep, at + 1);
    if (at == std::string_view::npos) break;
    parts.push_back(in.substr(0, at));
    in.remove_prefix(at + sep.size());
  }
  parts.push_back(in);
  return parts;
}

}  // namespace fuzz
