#pragma once
// A JSON writer that appends straight to one string: no document tree, no temporary objects. Its bytes are the
// bytes nlohmann::json's dump(indent, ' ', false, error_handler_t::replace) writes for the same document (the
// answer goldens hold it to that): the same indentation and separators, the same string escapes (ASCII control
// characters as \u00xx, UTF-8 kept, an invalid byte replaced by U+FFFD as nlohmann replaces it) and nlohmann's own
// shortest round-trip form of a double (with ".0" on whole numbers; NaN and infinities as null).
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace pharmakon::detail::render {

class json_writer {
 public:
  /// indent < 0: compact (no spaces, no newlines); otherwise pretty with `indent` spaces per level.
  explicit json_writer(int indent, std::size_t reserve = 16 * 1024) : indent_(indent) { buf_.resize(reserve); }

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  /// The key of the next member of the object being written.
  void key(std::string_view k) {
    separate();
    string(k);
    if (indent_ >= 0) put(": ");
    else put(':');
    keyed_ = true;
  }

  void null() {
    separate();
    put("null");
  }
  void value(std::nullptr_t) { null(); }
  void value(bool b) {
    separate();
    put(b ? std::string_view("true") : std::string_view("false"));
  }
  void value(char const* s) { value(std::string_view(s)); }
  void value(std::string const& s) { value(std::string_view(s)); }
  void value(std::string_view s) {
    separate();
    string(s);
  }
  template <std::integral I>
    requires(!std::same_as<I, bool> && !std::same_as<I, char>)
  void value(I i) {
    separate();
    char* p = room(24);
    len_ = std::size_t(std::to_chars(p, p + 24, i).ptr - buf_.data());
  }
  void value(double d) {
    separate();
    if (!std::isfinite(d)) return put("null");
    char* p = room(64);
    len_ = std::size_t(::nlohmann::detail::to_chars(p, p + 64, d) - buf_.data());
  }
  template <class T>
  void value(std::optional<T> const& v) {
    if (v) value(*v);
    else null();
  }
  template <class T>
  void value(std::vector<T> const& v) {
    begin_array();
    for (auto const& x : v) value(x);
    end_array();
  }
  /// A string, or null when it is empty.
  void string_or_null(std::string_view s) {
    if (s.empty()) null();
    else value(s);
  }

  /// key and value in one call.
  template <class T>
  void member(std::string_view k, T const& v) {
    key(k);
    value(v);
  }
  /// An object whose members `f` writes.
  template <class F>
  void object(F&& f) {
    begin_object();
    f();
    end_object();
  }
  template <class F>
  void array(F&& f) {
    begin_array();
    f();
    end_array();
  }

  std::string take() && {
    buf_.resize(len_);
    return std::move(buf_);
  }

 private:
  struct frame {  // an open object or array (a key before a value tells them apart)
    bool empty = true;
  };

  // at least n bytes free after the end; the place to write them
  char* room(std::size_t n) {
    if (len_ + n > buf_.size()) buf_.resize(std::max(buf_.size() * 2, len_ + n));
    return buf_.data() + len_;
  }
  void put(char c) {
    *room(1) = c;
    ++len_;
  }
  void put(std::string_view s) {
    std::memcpy(room(s.size()), s.data(), s.size());
    len_ += s.size();
  }
  void newline(std::size_t depth) {
    std::size_t const n = depth * std::size_t(indent_);
    char* p = room(n + 1);
    *p = '\n';
    std::memset(p + 1, ' ', n);
    len_ += n + 1;
  }
  // before a value: a member's value follows its key; an array element follows a separator
  void separate() {
    if (keyed_) {
      keyed_ = false;
      return;
    }
    if (stack_.empty()) return;
    auto& top = stack_.back();
    if (!top.empty) put(',');
    top.empty = false;
    if (indent_ >= 0) newline(stack_.size());
  }
  void open(char c) {
    separate();
    put(c);
    stack_.push_back({});
  }
  void close(char c) {
    bool const was_empty = stack_.back().empty;
    stack_.pop_back();
    if (!was_empty && indent_ >= 0) newline(stack_.size());
    put(c);
  }

  // nlohmann's escapes, written in place (at most 6 bytes per input byte)
  void string(std::string_view s) {
    char* const start = room(s.size() * 6 + 2);
    char* p = start;
    *p++ = '"';
    std::size_t i = 0;
    while (i < s.size()) {
      std::size_t const run = plain_run(s.data() + i, s.size() - i);
      std::memcpy(p, s.data() + i, run);
      p += run;
      i += run;
      if (i == s.size()) break;
      auto const c = static_cast<unsigned char>(s[i]);
      if (c >= 0x80) {
        std::size_t const n = utf8_length(s, i);
        if (n) {
          std::memcpy(p, s.data() + i, n);
          p += n;
          i += n;
          continue;
        }
        // an invalid sequence: hand the rest of the string to nlohmann, whose replacement rules are the reference
        len_ += std::size_t(p - start);
        std::string rest = nlohmann::json(std::string(s.substr(i))).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        put(std::string_view(rest).substr(1));  // without its opening quote; its closing quote ends ours
        return;
      }
      *p++ = '\\';
      switch (c) {
        case '"': *p++ = '"'; break;
        case '\\': *p++ = '\\'; break;
        case '\b': *p++ = 'b'; break;
        case '\f': *p++ = 'f'; break;
        case '\n': *p++ = 'n'; break;
        case '\r': *p++ = 'r'; break;
        case '\t': *p++ = 't'; break;
        default: {
          static constexpr char hex[] = "0123456789abcdef";
          *p++ = 'u';
          *p++ = '0';
          *p++ = '0';
          *p++ = hex[c >> 4];
          *p++ = hex[c & 15];
        }
      }
      ++i;
    }
    *p++ = '"';
    len_ += std::size_t(p - start);
  }
  // how many bytes at the start of s need no escape and no UTF-8 check (ASCII from 0x20 except '"' and '\\')
  static std::size_t plain_run(char const* s, std::size_t n) {
    std::size_t i = 0;
#if defined(__SSE2__)
    __m128i const space = _mm_set1_epi8(0x20), quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
    for (; i + 16 <= n; i += 16) {
      __m128i const v = _mm_loadu_si128(reinterpret_cast<__m128i const*>(s + i));
      // a signed compare: bytes from 0x80 are negative, so "below 0x20" also finds every non-ASCII byte
      __m128i const stop = _mm_or_si128(_mm_cmplt_epi8(v, space),
                                        _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
      if (int const m = _mm_movemask_epi8(stop)) return i + std::size_t(__builtin_ctz(unsigned(m)));
    }
#endif
    while (i < n) {
      auto const c = static_cast<unsigned char>(s[i]);
      if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') break;
      ++i;
    }
    return i;
  }
  // the length of the well-formed UTF-8 sequence at s[i] (RFC 3629: no overlongs, surrogates or > U+10FFFF), or 0
  static std::size_t utf8_length(std::string_view s, std::size_t i) {
    auto const b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    auto const cont = [&](std::size_t k) { return i + k < s.size() && (b(k) & 0xC0) == 0x80; };
    unsigned char const c = b(0);
    if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
      if (!cont(1) || !cont(2)) return 0;
      if (c == 0xE0 && b(1) < 0xA0) return 0;
      if (c == 0xED && b(1) > 0x9F) return 0;
      return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
      if (!cont(1) || !cont(2) || !cont(3)) return 0;
      if (c == 0xF0 && b(1) < 0x90) return 0;
      if (c == 0xF4 && b(1) > 0x8F) return 0;
      return 4;
    }
    return 0;
  }

  std::string buf_;  // bytes [0, len_) are written; the rest is room
  std::size_t len_ = 0;
  std::vector<frame> stack_;
  int indent_;
  bool keyed_ = false;
};

}  // namespace pharmakon::detail::render
