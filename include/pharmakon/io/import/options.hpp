#pragma once
/// \file options.hpp
/// What every importer shares: options (a base to import on top of, progress, cancellation), the report of what
/// was imported, and the result. Imports are all-or-nothing like loads: the input is read and checked in full,
/// a failed or cancelled import returns diagnostics (`file:line:column: error: expected …, found …`) and no
/// knowledge base, and the base you started from is never modified.
///
/// Input files may be gzipped or plain (detected from their first bytes, not their name). They are streamed: the
/// decompressed text is never held in memory as a whole, and by default it is inflated on a second thread while
/// the first one parses.

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../../config.hpp"
#include "../../error.hpp"
#include "../../graph/knowledge_base.hpp"
#include "../kb_file/loader.hpp"  // load_result: an import's result is one

namespace pharmakon {

/// How far an import has got; passed to `import_options::progress`.
struct import_progress {
  std::string_view phase;         ///< "nodes", "edges", "interactions", "building", ...
  std::string_view file;          ///< the file being read (empty while building)
  std::uint64_t bytes_done = 0;   ///< bytes of the file (as stored, compressed or not) consumed so far
  std::uint64_t bytes_total = 0;  ///< the file's size (0 if unknown)
  std::uint64_t records = 0;      ///< records (lines, rows) read so far in this file
  double seconds = 0;             ///< since the import started
};

/// Called now and then during an import (a few times a second at most); return false to cancel it.
using progress_callback = std::function<bool(import_progress const&)>;

struct import_options {
  /// Import on top of this knowledge base (nullptr: start empty). Imported entities whose external identifier
  /// (DrugBank, Entrez, ...) an entity of the base already has are merged into that entity.
  knowledge_base const* base = nullptr;
  std::string name;     ///< the resulting knowledge base's name (default: the base's, or the dataset's)
  std::string version;  ///< its version (default: the base's, or the dataset's)
  progress_callback progress;                 ///< optional; see `terminal_progress()`
  std::atomic<bool> const* cancel = nullptr;  ///< optional; set it (e.g. from a SIGINT handler) to cancel
  std::size_t max_diagnostics = 50;           ///< stop reading after this many problems
  std::size_t max_line_bytes = std::size_t(16) << 20;  ///< a longer line is an error (errc::limit)
  bool background_decompression = true;       ///< inflate on a second thread while parsing on this one
};

/// What an import read and what it made of it; `to_string()` prints it as a table.
struct PHARMAKON_API import_report {
  /// Count of one original kind (a node kind, an edge type) and the pharmakon kind it became.
  struct row {
    std::string original;  ///< e.g. "Compound", "CbG (Compound binds Gene)"
    std::string pharmakon; ///< e.g. "drug", "acts_on", "related 'participates'"
    std::uint64_t count = 0;
  };
  std::string format;              ///< "hetionet", "gtopdb", "kgx"
  std::vector<std::string> files;
  std::vector<row> nodes;          ///< per original node kind
  std::vector<row> edges;          ///< per original edge kind
  std::vector<std::string> notes;  ///< anything else worth saying (merged entities, skipped columns, ...)
  kb_stats result;                 ///< counts in the resulting knowledge base
  double seconds = 0;

  std::string to_string() const;
};

/// The outcome of an import: a `load_result` (a knowledge base, or the diagnostics that prevented it) with the
/// import's report.
struct import_result : load_result {
  import_report report;
  bool cancelled = false;  ///< stopped by the progress callback or the cancel flag (no diagnostics then)

  /// Takes the knowledge base, or throws `load_error` with the diagnostics (one saying it was cancelled, if so).
  knowledge_base value_or_throw() && {
    if (!*this && diagnostics.empty())
      diagnostics.push_back({errc::io, source_region::at("<import>"), "the import to run to completion", "it was cancelled"});
    return std::move(static_cast<load_result&>(*this)).value_or_throw();
  }
};

/// The older spelling of `std::move(r).value_or_throw()`.
[[deprecated("use std::move(r).value_or_throw()")]] inline knowledge_base take_or_throw(import_result&& r) {
  return std::move(r).value_or_throw();
}

/// A progress callback that draws one updating line on `out` when it is a terminal, and does nothing otherwise
/// (so redirected output stays clean). Cancels when `cancel` (optional) is set.
PHARMAKON_API PHARMAKON_FUNC progress_callback terminal_progress(std::FILE* out = stderr, std::atomic<bool> const* cancel = nullptr);

}  // namespace pharmakon

#ifdef PHARMAKON_INCLUDE_IMPL
#  include "options-inl.hpp"
#endif
