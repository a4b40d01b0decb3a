// The atomic multi-file writer (io layer).
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "writer-inl.hpp holds the out-of-line definitions of writer.hpp: include writer.hpp (they come with it in a header-only build, and src/pharmakon.cpp compiles them once)"
#endif
#include <cerrno>
#include <cstring>
#include <set>

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

#include "writer.hpp"
#include "../../detail/format.hpp"

namespace pharmakon {

PHARMAKON_FUNC atomic_files::file::file(std::filesystem::path path) : path_(std::move(path)) {
  tmp_ = path_;
  tmp_ += detail::format(".tmp{}", ::getpid());
  f_ = std::fopen(tmp_.c_str(), "wb");
  if (!f_) fail("open");
}

PHARMAKON_FUNC atomic_files::file::~file() {
  if (f_) std::fclose(f_);
  if (f_ || finished_) {  // never published: the temporary file goes
    std::error_code ec;
    std::filesystem::remove(tmp_, ec);
  }
}

PHARMAKON_FUNC void atomic_files::file::flush() {
  if (!buf_.empty() && std::fwrite(buf_.data(), 1, buf_.size(), f_) != buf_.size()) fail("write");
  buf_.clear();
}

PHARMAKON_FUNC void atomic_files::file::finish() {
  if (!f_) return;
  flush();
  bool ok = std::fflush(f_) == 0 && ::fsync(::fileno(f_)) == 0;
  ok = std::fclose(f_) == 0 && ok;
  f_ = nullptr;
  if (!ok) {
    int e = errno;
    std::error_code ec;
    std::filesystem::remove(tmp_, ec);
    errno = e;
    fail("write");
  }
  finished_ = true;
}

PHARMAKON_FUNC void atomic_files::file::publish() {
  if (!finished_) return;
  finished_ = false;
  if (std::rename(tmp_.c_str(), path_.c_str()) != 0) {
    int e = errno;
    std::error_code ec;
    std::filesystem::remove(tmp_, ec);
    errno = e;
    fail("rename");
  }
}

PHARMAKON_FUNC void atomic_files::file::fail(std::string_view what) {
  int e = errno;
  throw error(errc::io, detail::format("{}: cannot write ({}): {}", path_.string(), what, std::strerror(e)));
}

PHARMAKON_FUNC atomic_files::file& atomic_files::open(std::filesystem::path path) {
  files_.push_back(std::make_unique<file>(std::move(path)));
  return *files_.back();
}

PHARMAKON_FUNC void atomic_files::commit() {
  for (auto& f : files_) f->finish();
  for (auto& f : files_) f->publish();
  // the renames themselves reach the disk with their folders; best effort: the files are in place already
  std::set<std::filesystem::path> folders;
  for (auto const& f : files_) folders.insert(f->path().has_parent_path() ? f->path().parent_path() : ".");
  for (auto const& d : folders)
    if (int fd = ::open(d.c_str(), O_RDONLY | O_DIRECTORY); fd >= 0) {
      ::fsync(fd);
      ::close(fd);
    }
}

PHARMAKON_FUNC void write_file_atomically(std::filesystem::path const& path, std::string_view text) {
  atomic_files out;
  out.open(path) << text;
  out.commit();
}

}  // namespace pharmakon
