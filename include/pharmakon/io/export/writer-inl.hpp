// Shared pieces of the exporters (io layer).
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "writer-inl.hpp holds the out-of-line definitions of writer.hpp: include writer.hpp (they come with it in a header-only build, and src/pharmakon.cpp compiles them once)"
#endif
#include <cerrno>
#include <cstring>

#include <unistd.h>

#include "writer.hpp"

namespace pharmakon::detail::exporter {

PHARMAKON_FUNC out_file::out_file(std::filesystem::path path) : path_(std::move(path)) {
  tmp_ = path_;
  tmp_ += fmt::format(".tmp{}", ::getpid());
  f_ = std::fopen(tmp_.c_str(), "wb");
  if (!f_) fail("open");
}

PHARMAKON_FUNC out_file::~out_file() {
  if (f_) std::fclose(f_);
  if (f_ || finished_) {  // never published: the temporary file goes
    std::error_code ec;
    std::filesystem::remove(tmp_, ec);
  }
}

PHARMAKON_FUNC void out_file::flush() {
  if (!buf_.empty() && std::fwrite(buf_.data(), 1, buf_.size(), f_) != buf_.size()) fail("write");
  buf_.clear();
}

PHARMAKON_FUNC void out_file::finish() {
  if (!f_) return;
  flush();
  bool ok = std::fflush(f_) == 0;
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

PHARMAKON_FUNC void out_file::publish() {
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

PHARMAKON_FUNC void out_file::fail(std::string_view what) {
  int e = errno;
  throw error(errc::io, fmt::format("{}: cannot write ({}): {}", path_.string(), what, std::strerror(e)));
}

PHARMAKON_FUNC std::string tsv_escape(std::string_view s, std::string_view also) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '%' || c == '\t' || c == '\n' || c == '\r' || also.find(c) != std::string_view::npos)
      out += fmt::format("%{:02X}", unsigned(static_cast<unsigned char>(c)));
    else
      out += c;
  }
  return out;
}

PHARMAKON_FUNC std::string tsv_unescape(std::string_view s) {
  if (s.find('%') == std::string_view::npos) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      auto code = s.substr(i + 1, 2);
      char c = 0;
      if (code == "25") c = '%';
      else if (code == "09") c = '\t';
      else if (code == "0A") c = '\n';
      else if (code == "0D") c = '\r';
      else if (code == "7C") c = '|';
      else if (code == "3B") c = ';';
      else if (code == "2C") c = ',';
      else if (code == "3D") c = '=';
      if (c) {
        out += c;
        i += 2;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

PHARMAKON_FUNC std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\t': out += "&#9;"; break;
      case '\n': out += "&#10;"; break;
      case '\r': out += "&#13;"; break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20) out += c;  // other control characters are not XML
    }
  }
  return out;
}

PHARMAKON_FUNC std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

PHARMAKON_FUNC std::string exact_number(double v) { return fmt::format("{}", v); }

}  // namespace pharmakon::detail::exporter
