#pragma once
/// \file export_common.hpp
/// What the exporters share: an output file that appears only when complete (written to a temporary file next
/// to it and renamed), and the escaping rules of the text formats.

#include <cstdio>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include "../../config.hpp"
#include "../../error.hpp"

namespace pharmakon::detail::exporter {

/// A buffered output file written through `PATH.tmpPID` and renamed over PATH by `commit()`; destroyed without
/// `commit()`, it removes the temporary file. Every failure throws `error` (errc::io) naming the path.
class PHARMAKON_API out_file {
 public:
  explicit out_file(std::filesystem::path path);
  out_file(out_file const&) = delete;
  out_file& operator=(out_file const&) = delete;
  ~out_file();
  void write(std::string_view s) {
    buf_.append(s);
    if (buf_.size() >= (std::size_t(1) << 20)) flush();
  }
  out_file& operator<<(std::string_view s) {
    write(s);
    return *this;
  }
  /// Writes out what is buffered and closes the temporary file (throws `error` on a write error, e.g. a full
  /// disk, and removes it); the target is not touched yet.
  void finish();
  /// Renames the finished temporary file onto the target.
  void publish();
  /// `finish()` then `publish()`.
  void commit() {
    finish();
    publish();
  }

 private:
  void flush();
  [[noreturn]] void fail(std::string_view what);
  std::filesystem::path path_, tmp_;
  std::FILE* f_ = nullptr;
  bool finished_ = false;  ///< closed, not yet renamed
  std::string buf_;
};

/// Commits several files all or nothing as far as the file system allows: every file is finished (written out
/// and closed) before any is renamed into place, so a full disk leaves every old file as it was.
inline void commit_all(std::span<out_file* const> files) {
  for (auto* f : files) f->finish();
  for (auto* f : files) f->publish();
}

/// TSV text: `%` `\t` `\n` `\r` and (in lists) `|` as %25 %09 %0A %0D %7C; `also` adds characters to escape.
PHARMAKON_API PHARMAKON_FUNC std::string tsv_escape(std::string_view s, std::string_view also = "|");
/// The inverse of `tsv_escape` (only the escapes it writes, plus %3B %2C %3D).
PHARMAKON_API PHARMAKON_FUNC std::string tsv_unescape(std::string_view s);
/// XML character data or attribute value.
PHARMAKON_API PHARMAKON_FUNC std::string xml_escape(std::string_view s);
/// A CSV field (RFC 4180: quoted when it holds a comma, quote or line end).
PHARMAKON_API PHARMAKON_FUNC std::string csv_field(std::string_view s);
/// A number that reads back as the same double.
PHARMAKON_API PHARMAKON_FUNC std::string exact_number(double v);

}  // namespace pharmakon::detail::exporter

#ifdef PHARMAKON_INCLUDE_IMPL
#  include "writer-inl.hpp"
#endif
