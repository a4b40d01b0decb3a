// The escaping rules of the text formats the exporters write and the KGX importer reads back (io layer, internal).
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "detail/escape.hpp is part of the exporters' out-of-line definitions; include <pharmakon/pharmakon.hpp>"
#endif
#include <string>
#include <string_view>

#include <fmt/format.h>
#include "../../../detail/format.hpp"

namespace pharmakon::detail::exporter {

/// TSV text: `%` `\t` `\n` `\r` and (in lists) `|` as %25 %09 %0A %0D %7C; `also` adds characters to escape.
inline std::string tsv_escape(std::string_view s, std::string_view also = "|") {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c == '%' || c == '\t' || c == '\n' || c == '\r' || also.find(c) != std::string_view::npos)
      out += detail::format("%{:02X}", unsigned(static_cast<unsigned char>(c)));
    else
      out += c;
  }
  return out;
}

/// The inverse of `tsv_escape` (only the escapes it writes, plus %3B %2C %3D).
inline std::string tsv_unescape(std::string_view s) {
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

/// XML character data or attribute value.
inline std::string xml_escape(std::string_view s) {
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

/// A CSV field (RFC 4180: quoted when it holds a comma, quote or line end).
inline std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

/// A number that reads back as the same double.
inline std::string exact_number(double v) { return detail::format("{}", v); }

}  // namespace pharmakon::detail::exporter
