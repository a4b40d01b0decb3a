// The importers' input (io layer, internal): a streaming line reader over plain or gzipped files (inflate.hpp: ISA-L,
// or zlib) that inflates on a second thread, and the splitting of TSV lines (an SSE2 scanner for the hot loops).
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "detail/line_reader.hpp is part of the importers' out-of-line definitions; include <pharmakon/pharmakon.hpp>"
#endif
#include <algorithm>
#include <array>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <unistd.h>
#include <fcntl.h>
#if defined(__SSE2__)
#  include <emmintrin.h>
#endif

#include "../options.hpp"
#include "inflate.hpp"
#include "sink.hpp"
#include "../../../detail/format.hpp"

namespace pharmakon::detail::import {

/// Reads a plain or gzipped text file line by line. With `background`, a second thread inflates 1 MiB blocks
/// ahead of the parser (at most four in flight), so decompression and parsing overlap on two cores.
class line_reader {
 public:
  line_reader(std::filesystem::path path, import_options const& opts, sink& diags)
      : path_(std::move(path)), name_(path_ == "-" ? std::string("<stdin>") : path_.string()), opts_(opts), diags_(diags) {}
  line_reader(line_reader const&) = delete;
  line_reader& operator=(line_reader const&) = delete;
  ~line_reader() { close(); }

  std::string const& name() const noexcept { return name_; }
  std::uint64_t line_number() const noexcept { return line_no_; }
  std::uint64_t bytes_total() const noexcept { return size_; }
  std::uint64_t bytes_done() const noexcept { return done_; }
  bool failed() const noexcept { return failed_; }

  bool open() {
    int fd = -1;
    if (path_ == "-") {  // standard input, plain or gzipped; its size is unknown (0)
      fd = ::dup(0);
      if (fd < 0) {
        fail(errc::io, 0, "readable standard input", std::strerror(errno));
        return false;
      }
    } else {
      std::error_code ec;
      size_ = std::filesystem::file_size(path_, ec);
      if (ec || !std::filesystem::is_regular_file(path_, ec)) {
        fail(errc::io, 0, "a readable file", ec ? ec.message() : "not a regular file");
        return false;
      }
      fd = ::open(name_.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd < 0) {
        fail(errc::io, 0, "a readable file", std::strerror(errno));
        return false;
      }
    }
    bytes_ = std::make_unique<byte_reader>(fd);
    for (auto& b : blocks_) b.data.resize(block_size);
    for (std::size_t i = 0; i < blocks_.size(); ++i) free_.push_back(i);
    if (opts_.background_decompression) producer_ = std::thread([this] { produce_all(); });
    return true;
  }

 public:
  /// The next line without its line end (\n or \r\n); valid until the next call. False at the end or on error.
  bool next(std::string_view& line) {
    carry_.clear();
    while (true) {
      if (cur_ != none) {
        auto [p, left] = unread();
        if (auto const* nl = static_cast<char const*>(std::memchr(p, '\n', left))) {
          std::size_t len = std::size_t(nl - p);
          pos_ += len + 1;
          ++line_no_;
          if (carry_.empty()) {
            line = std::string_view(p, len);
          } else {
            if (!append_carry(p, len)) return false;
            line = carry_;
          }
          if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
          return true;
        }
        if (!carry_rest(p, left)) return false;
      }
      if (!fetch()) {
        if (failed_ || carry_.empty()) return false;
        ++line_no_;  // a last line without a line end
        line = carry_;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        return true;
      }
    }
  }

  /// The next run of whole lines, each ending with a line end (except perhaps the last line of the file), for
  /// parsers that work on many lines at once. Its first line is `line_number() + 1`; call `advance(n)` after
  /// using n lines. Valid until the next call of `next` or `next_chunk`. False at the end or on an error.
  bool next_chunk(std::string_view& chunk) {
    carry_.clear();
    while (true) {
      if (cur_ != none) {
        auto [p, left] = unread();
        if (!carry_.empty()) {  // finish the line that began in the previous block
          auto const* nl = static_cast<char const*>(std::memchr(p, '\n', left));
          if (!nl) {
            if (!carry_rest(p, left)) return false;
            if (!fetch()) break;
            continue;
          }
          if (!append_carry(p, std::size_t(nl - p) + 1)) return false;
          pos_ += std::size_t(nl - p) + 1;
          chunk = carry_;
          return true;
        }
        // the whole lines of this block
        std::size_t end = left;
        while (end > 0 && p[end - 1] != '\n') --end;
        if (end > 0) {
          pos_ += end;
          chunk = std::string_view(p, end);
          return true;
        }
        if (!carry_rest(p, left)) return false;
      }
      if (!fetch()) break;
    }
    if (failed_ || carry_.empty()) return false;
    chunk = carry_;  // a last line without a line end
    return true;
  }
  void advance(std::uint64_t lines) noexcept { line_no_ += lines; }

  /// Stops the background thread and closes the file.
  void close() {
    {
      std::lock_guard lock(m_);
      stop_ = true;
    }
    cv_.notify_all();
    if (producer_.joinable()) producer_.join();
    bytes_.reset();
  }

  /// Marks the reader failed with a diagnostic at the current line.
  void fail(errc code, std::uint64_t column, std::string expected, std::string found) {
    failed_ = true;
    diags_.add(code, name_, column == 0 && line_no_ == 0 ? 0 : line_no_, column, std::move(expected),
               std::move(found));
  }

 private:
  static constexpr std::size_t block_size = std::size_t(1) << 20;
  static constexpr std::size_t none = std::size_t(-1);
  struct block {
    std::vector<char> data;
    std::size_t size = 0;
    std::uint64_t offset = 0;  ///< compressed bytes consumed after this block
    bool end = false;          ///< no more data after this block
    std::string error;         ///< the inflate library's or the system's message, when reading failed
    bool truncated = false;    ///< the gzip stream ended early
    bool changed = false;      ///< the file changed while it was read
  };

  /// The current block's bytes not yet returned: where they start and how many.
  std::pair<char const*, std::size_t> unread() const noexcept {
    auto const& b = blocks_[cur_];
    return {b.data.data() + pos_, b.size - pos_};
  }
  bool append_carry(char const* p, std::size_t n) {
    if (carry_.size() + n > opts_.max_line_bytes) {
      ++line_no_;
      fail(errc::limit, 0, detail::format("a line of at most {} bytes", opts_.max_line_bytes), "a longer line");
      return false;
    }
    carry_.append(p, n);
    return true;
  }
  /// Carries the unfinished line at the end of the current block over to the next one, and lets the block go.
  bool carry_rest(char const* p, std::size_t n) {
    if (!append_carry(p, n)) return false;
    release(cur_);
    cur_ = none;
    return true;
  }

  /// Fills block b from the file (either thread).
  void produce(block& b) {
    b.size = 0;
    // whole blocks: a read of a few hundred kilobytes of input fills many lines
    while (b.size < b.data.size()) {
      std::size_t n = bytes_->read(b.data.data() + b.size, b.data.size() - b.size);
      b.size += n;
      if (n == 0 || !bytes_->error().empty()) break;
    }
    b.offset = bytes_->consumed();
    b.end = b.size == 0 || !bytes_->error().empty();
    if (!bytes_->error().empty()) {
      b.error = bytes_->error();
      b.truncated = bytes_->truncated();
      b.changed = bytes_->changed();
    }
  }

  void produce_all() {
    while (true) {
      std::size_t i;
      {
        std::unique_lock lock(m_);
        cv_.wait(lock, [&] { return stop_ || !free_.empty(); });
        if (stop_) return;
        i = free_.front();
        free_.pop_front();
      }
      produce(blocks_[i]);
      bool end = blocks_[i].end;
      {
        std::lock_guard lock(m_);
        full_.push_back(i);
      }
      cv_.notify_all();
      if (end) return;
    }
  }

  void release(std::size_t i) {
    {
      std::lock_guard lock(m_);
      free_.push_back(i);
    }
    cv_.notify_all();
  }

  /// Makes the next block current; false at the end of the input, on an error, or when cancelled.
  bool fetch() {
    if (ended_ || failed_) return false;
    std::size_t i;
    if (opts_.background_decompression) {
      std::unique_lock lock(m_);
      cv_.wait(lock, [&] { return !full_.empty(); });
      i = full_.front();
      full_.pop_front();
    } else {
      i = free_.front();
      free_.pop_front();
      produce(blocks_[i]);
    }
    auto& b = blocks_[i];
    done_ = b.offset;
    ended_ = b.end;
    if (!b.error.empty()) {
      if (b.changed)
        fail(errc::io, 0, "a file that stays as it is while it is read", b.error);
      else if (!bytes_->gzipped())
        fail(errc::io, 0, "a readable file", b.error);
      else if (b.truncated)
        fail(errc::corrupt, 0, "a complete gzip stream", detail::format("a truncated file ({})", b.error));
      else
        fail(errc::corrupt, 0, "a readable gzip stream", b.error);
      release(i);
      return false;
    }
    if (b.size == 0) {
      release(i);
      return false;
    }
    if (auto const* z = static_cast<char const*>(std::memchr(b.data.data(), '\0', b.size))) {
      // a NUL byte is never text: report the line it is on
      line_no_ += std::uint64_t(std::count(static_cast<char const*>(b.data.data()), z, '\n')) + 1;
      fail(errc::encoding, 0, "text", "a NUL byte");
      release(i);
      return false;
    }
    cur_ = i;
    pos_ = 0;
    return true;
  }

  std::filesystem::path path_;
  std::string name_;
  import_options const& opts_;
  sink& diags_;
  std::unique_ptr<byte_reader> bytes_;
  std::uint64_t size_ = 0, done_ = 0, line_no_ = 0;
  bool failed_ = false, ended_ = false;

  std::array<block, 4> blocks_;
  std::deque<std::size_t> free_, full_;
  std::mutex m_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread producer_;

  std::size_t cur_ = none, pos_ = 0;
  std::string carry_;
};

/// Finds the end of the line starting at `p` (the '\n', or `end`) and the positions of its first `max_tabs` tabs;
/// returns the line end and sets `tabs` to the number of tabs in the line (all of them, not only those stored).
/// Scans 16 bytes at a time where it can (SSE2).
inline char const* scan_line(char const* p, char const* end, char const** tab_at, unsigned max_tabs, unsigned& tabs) {
  tabs = 0;
#if defined(__SSE2__)
  __m128i const tab = _mm_set1_epi8('\t'), nl = _mm_set1_epi8('\n');
  while (end - p >= 16) {
    __m128i x = _mm_loadu_si128(reinterpret_cast<__m128i const*>(p));
    unsigned tm = unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(x, tab)));
    unsigned nm = unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(x, nl)));
    if (nm) {
      unsigned first_nl = unsigned(__builtin_ctz(nm));
      tm &= (1u << first_nl) - 1;
      for (; tm; tm &= tm - 1, ++tabs)
        if (tabs < max_tabs) tab_at[tabs] = p + __builtin_ctz(tm);
      return p + first_nl;
    }
    for (; tm; tm &= tm - 1, ++tabs)
      if (tabs < max_tabs) tab_at[tabs] = p + __builtin_ctz(tm);
    p += 16;
  }
#endif
  for (; p < end && *p != '\n'; ++p)
    if (*p == '\t') {
      if (tabs < max_tabs) tab_at[tabs] = p;
      ++tabs;
    }
  return p;
}

/// Splits a TSV line into at most `N` fields; returns the number of fields found (which may exceed N: the last
/// field then holds the rest, tabs included).
template <std::size_t N>
inline std::size_t split_tsv(std::string_view line, std::array<std::string_view, N>& out) {
  std::size_t n = 0, start = 0;
  while (true) {
    auto tab = line.find('\t', start);
    if (n + 1 == N || tab == std::string_view::npos) {
      out[n++] = line.substr(start);
      if (tab == std::string_view::npos) return n;
      return n + std::size_t(std::count(line.begin() + std::ptrdiff_t(tab), line.end(), '\t'));
    }
    out[n++] = line.substr(start, tab - start);
    start = tab + 1;
  }
}

/// Splits a TSV line into all its fields.
inline void split_tsv_all(std::string_view line, std::vector<std::string_view>& out) {
  out.clear();
  std::size_t start = 0;
  while (true) {
    auto tab = line.find('\t', start);
    if (tab == std::string_view::npos) {
      out.push_back(line.substr(start));
      return;
    }
    out.push_back(line.substr(start, tab - start));
    start = tab + 1;
  }
}

}  // namespace pharmakon::detail::import
