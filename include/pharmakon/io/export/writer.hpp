#pragma once
/// \file writer.hpp
/// Files that appear whole or not at all, for every exporter (and for hosts that write pharmakon's formats
/// themselves, such as the CLI): an `atomic_files` writes each of its files to a temporary file beside it and
/// renames them into place only when all are complete.

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "../../config.hpp"
#include "../../error.hpp"

namespace pharmakon {

/// A set of output files written all or nothing, as far as the file system allows. Each is written to
/// `PATH.tmpPID`; `commit()` writes out, fsyncs and closes every one before it renames any into place (then fsyncs
/// their folders), so a full disk, a failed write or a crash leaves every old file as it was. Destroyed without
/// `commit()` (an exception while the files were written), it removes its temporary files. Every failure throws
/// `error` (errc::io) naming the path.
///
///     atomic_files out;
///     auto& nodes = out.open("kb_nodes.tsv");
///     nodes << "id\tname\n";
///     out.commit();
class PHARMAKON_API atomic_files {
 public:
  /// One file of the set: buffered text, written to its temporary file as the buffer fills.
  class PHARMAKON_API file {
   public:
    explicit file(std::filesystem::path path);
    file(file const&) = delete;
    file& operator=(file const&) = delete;
    ~file();
    void write(std::string_view s) {
      buf_.append(s);
      if (buf_.size() >= (std::size_t(1) << 20)) flush();
    }
    file& operator<<(std::string_view s) {
      write(s);
      return *this;
    }
    /// Where the file appears on `commit()`.
    std::filesystem::path const& path() const noexcept { return path_; }

   private:
    friend class atomic_files;
    void flush();
    void finish();   ///< written out, fsynced and closed; the target is not touched yet
    void publish();  ///< renamed onto the target
    [[noreturn]] void fail(std::string_view what);
    std::filesystem::path path_, tmp_;
    std::FILE* f_ = nullptr;
    bool finished_ = false;  ///< closed, not yet renamed
    std::string buf_;
  };

  atomic_files() = default;
  atomic_files(atomic_files const&) = delete;
  atomic_files& operator=(atomic_files const&) = delete;

  /// Starts a file of the set at `path` (its temporary file is created now). The reference stays valid as long
  /// as the set.
  PHARMAKON_FUNC file& open(std::filesystem::path path);
  /// Finishes every file, then renames every one into place, in the order they were opened.
  PHARMAKON_FUNC void commit();

 private:
  std::vector<std::unique_ptr<file>> files_;
};

/// Writes `text` to `path` through a temporary file and a rename (an `atomic_files` of one file).
PHARMAKON_API PHARMAKON_FUNC void write_file_atomically(std::filesystem::path const& path, std::string_view text);

}  // namespace pharmakon

#ifdef PHARMAKON_INCLUDE_IMPL
#  include "writer-inl.hpp"
#endif
