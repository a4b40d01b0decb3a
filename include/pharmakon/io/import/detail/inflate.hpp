// The importers' bytes (io layer, internal): one small reader over a file descriptor that yields the file's text,
// inflated when the file is gzipped. ISA-L's inflate (libisal, ~1.4 GB/s of output on this project's machine,
// 3x zlib) when pharmakon was configured with it (PHARMAKON_HAVE_ISAL, the default where libisal-dev is found);
// zlib otherwise. Plain or gzipped is told from the first two bytes (1f 8b), not the name; concatenated gzip
// members are read one after the other (as `gzip -dc` does); anything after the last member that is not another
// member is an error, as are a truncated stream, a damaged block and a wrong CRC or length.
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "detail/inflate.hpp is part of the importers' out-of-line definitions; include <pharmakon/pharmakon.hpp>"
#endif
#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>
#include "../../../detail/format.hpp"
#if defined(PHARMAKON_HAVE_ISAL)
#  include <isa-l/igzip_lib.h>
#else
#  include <zlib.h>
#endif

namespace pharmakon::detail::import {

/// The name of the inflate library the importers use ("ISA-L" or "zlib"), for reports and benchmarks.
inline constexpr char const* inflate_library =
#if defined(PHARMAKON_HAVE_ISAL)
    "ISA-L";
#else
    "zlib";
#endif

/// Reads the text of a plain or gzipped file from a file descriptor it owns. Not thread-safe; one thread at a time
/// (the line reader's inflate thread).
class byte_reader {
 public:
  explicit byte_reader(int fd) : fd_(fd), in_(in_size) {
    struct stat st {};
    if (::fstat(fd_, &st) == 0 && S_ISREG(st.st_mode)) {
      regular_ = true;
      size_ = std::uint64_t(st.st_size);
      mtime_ = st.st_mtim;
    }
  }
  byte_reader(byte_reader const&) = delete;
  byte_reader& operator=(byte_reader const&) = delete;
  ~byte_reader() {
    end_stream();
    if (fd_ >= 0) ::close(fd_);
  }

  /// Fills [out, out + n) as far as it can and returns the bytes written (0 at the end of the text). After an error
  /// `error()` says what went wrong and `truncated()` whether the input ended inside a gzip stream; the bytes of
  /// that call are then incomplete and no more follow.
  std::size_t read(char* out, std::size_t n) {
    if (done_ || !error_.empty()) return 0;
    if (!started_ && !start()) return 0;
    return gzip_ ? inflate(out, n) : copy(out, n);
  }

  std::string const& error() const noexcept { return error_; }
  bool truncated() const noexcept { return truncated_; }
  /// True when the error is that the file changed (size or modification time) while it was read.
  bool changed() const noexcept { return changed_; }
  bool gzipped() const noexcept { return gzip_; }
  /// Input (file) bytes consumed so far.
  std::uint64_t consumed() const noexcept { return consumed_ - avail_; }

 private:
  static constexpr std::size_t in_size = std::size_t(1) << 18;

  /// Reads more input after the unread rest; false at the end of the file or on a read error (error_ set).
  bool refill() {
    if (eof_) return false;
    if (avail_ > 0 && next_ != 0) std::memmove(in_.data(), in_.data() + next_, avail_);
    next_ = 0;
    while (true) {
      ssize_t got = ::read(fd_, in_.data() + avail_, in_.size() - avail_);
      if (got < 0 && errno == EINTR) continue;
      if (got < 0) {
        error_ = std::strerror(errno);
        return false;
      }
      if (got == 0) {
        eof_ = true;
        check_unchanged();
        return false;
      }
      avail_ += std::size_t(got);
      consumed_ += std::uint64_t(got);
      return true;
    }
  }

  /// At the end of a regular file: the bytes read are the size it had when it was opened, and its size and
  /// modification time are still those (a file rewritten or appended to while it was read is an error, not a
  /// silently mixed read).
  void check_unchanged() {
    if (!regular_) return;
    struct stat st {};
    bool same = ::fstat(fd_, &st) == 0 && std::uint64_t(st.st_size) == size_ && consumed_ == size_ &&
                st.st_mtim.tv_sec == mtime_.tv_sec && st.st_mtim.tv_nsec == mtime_.tv_nsec;
    if (!same) {
      changed_ = true;
      error_ = detail::format("it changed while it was read ({} bytes when opened, {} read, {} now)", size_, consumed_,
                           std::uint64_t(st.st_size));
    }
  }

  bool start() {
    started_ = true;
    while (avail_ < 2 && refill()) {
    }
    if (!error_.empty()) return false;
    gzip_ = avail_ >= 2 && static_cast<unsigned char>(in_[0]) == 0x1f && static_cast<unsigned char>(in_[1]) == 0x8b;
    if (gzip_) begin_stream();
    return true;
  }

  std::size_t copy(char* out, std::size_t n) {
    std::size_t written = 0;
    while (written < n) {
      if (avail_ == 0 && !refill()) break;
      std::size_t k = std::min(avail_, n - written);
      std::memcpy(out + written, in_.data() + next_, k);
      next_ += k;
      avail_ -= k;
      written += k;
    }
    if (written == 0 && error_.empty()) done_ = true;
    return written;
  }

  /// After a member's end: another member, the end of the file, or an error for anything else.
  bool next_member() {
    while (avail_ < 2 && refill()) {
    }
    if (!error_.empty()) return false;
    if (avail_ == 0) {
      done_ = true;
      return false;
    }
    if (avail_ < 2 || static_cast<unsigned char>(in_[next_]) != 0x1f ||
        static_cast<unsigned char>(in_[next_ + 1]) != 0x8b) {
      error_ = "bytes after the end of the gzip stream that are not another gzip member";
      return false;
    }
    end_stream();
    begin_stream();
    return true;
  }

  /// One call of the backend's inflate: what it took of the input (`used`) and gave of the output (`made`), and its
  /// error message (nullptr when none).
  struct step_result {
    std::size_t used, made;
    char const* error;
  };

  /// The gzip loop both backends share: a member's end, refills, truncation and a stream that stops moving.
  std::size_t inflate(char* out, std::size_t n) {
    // the output position is kept here: a new member starts a new inflate state
    auto* next_out = reinterpret_cast<unsigned char*>(out);
    std::size_t const want = std::min(n, max_step);
    std::size_t avail_out = want;
    while (avail_out > 0 && st_) {
      if (member_finished()) {
        if (!next_member()) break;
        continue;
      }
      if (avail_ == 0 && !refill()) {
        if (error_.empty()) {
          truncated_ = true;
          error_ = "unexpected end of file";
        }
        break;
      }
      auto [used, made, error] = step(next_out, avail_out);
      next_ += used;
      avail_ -= used;
      next_out += made;
      avail_out -= made;
      bool const stuck = used == 0 && made == 0 && !member_finished();
      if (error || stuck) {
        error_ = error ? error : "invalid gzip data";
        break;
      }
    }
    return want - avail_out;
  }

#if defined(PHARMAKON_HAVE_ISAL)
  static constexpr std::size_t max_step = 0xFFFFFFFFu;
  void begin_stream() {
    st_ = std::make_unique<inflate_state>();
    isal_inflate_init(st_.get());
    st_->crc_flag = ISAL_GZIP;
  }
  void end_stream() noexcept { st_.reset(); }
  bool member_finished() const noexcept { return st_->block_state == ISAL_BLOCK_FINISH; }
  static char const* message(int rc) noexcept {
    switch (rc) {
      case ISAL_INVALID_BLOCK: return "invalid deflate block";
      case ISAL_INVALID_SYMBOL: return "invalid deflate symbol";
      case ISAL_INVALID_LOOKBACK: return "invalid distance too far back";
      case ISAL_INVALID_WRAPPER: return "incorrect header check";
      case ISAL_UNSUPPORTED_METHOD: return "unknown compression method";
      case ISAL_INCORRECT_CHECKSUM: return "incorrect data check";
      case ISAL_NEED_DICT: return "a preset dictionary is needed";
      default: return "invalid gzip data";
    }
  }
  step_result step(unsigned char* out, std::size_t room) {
    st_->next_in = reinterpret_cast<std::uint8_t*>(in_.data() + next_);
    st_->avail_in = std::uint32_t(avail_);
    st_->next_out = out;
    st_->avail_out = std::uint32_t(room);
    int rc = isal_inflate(st_.get());
    return {avail_ - st_->avail_in, room - st_->avail_out, rc < 0 ? message(rc) : nullptr};
  }
  std::unique_ptr<inflate_state> st_;
#else
  static constexpr std::size_t max_step = 0x7FFFFFFFu;
  void begin_stream() {
    st_ = std::make_unique<z_stream>();
    if (inflateInit2(st_.get(), 16 + MAX_WBITS) != Z_OK) {
      error_ = "out of memory";
      st_.reset();
    }
    finished_ = false;
  }
  void end_stream() noexcept {
    if (st_) inflateEnd(st_.get());
    st_.reset();
  }
  bool member_finished() const noexcept { return finished_; }
  step_result step(unsigned char* out, std::size_t room) {
    st_->next_in = reinterpret_cast<Bytef*>(in_.data() + next_);
    st_->avail_in = uInt(avail_);
    st_->next_out = out;
    st_->avail_out = uInt(room);
    int rc = ::inflate(st_.get(), Z_NO_FLUSH);
    if (rc == Z_STREAM_END) finished_ = true;
    bool const ok = rc == Z_OK || rc == Z_BUF_ERROR || rc == Z_STREAM_END;
    return {avail_ - st_->avail_in, room - st_->avail_out, ok ? nullptr : st_->msg ? st_->msg : "invalid gzip data"};
  }
  std::unique_ptr<z_stream> st_;
  bool finished_ = false;
#endif

  int fd_;
  std::vector<char> in_;
  std::size_t next_ = 0, avail_ = 0;
  std::uint64_t consumed_ = 0;
  bool started_ = false, gzip_ = false, eof_ = false, done_ = false, truncated_ = false, regular_ = false, changed_ = false;
  std::uint64_t size_ = 0;
  struct timespec mtime_ {};
  std::string error_;
};

}  // namespace pharmakon::detail::import
