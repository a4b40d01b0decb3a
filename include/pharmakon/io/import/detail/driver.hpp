// The shared driver of the importers (io layer, internal): progress and cancellation, the one failure path, and the
// end of every import (the name and version, the build, the report, the last progress tick).
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "detail/driver.hpp is part of the importers' out-of-line definitions; include <pharmakon/pharmakon.hpp>"
#endif
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "../../../graph/builder.hpp"
#include "../options.hpp"
#include "line_reader.hpp"
#include "sink.hpp"
#include "text.hpp"

namespace pharmakon::detail::import {

using clock = std::chrono::steady_clock;

/// Calls the progress callback at most every 100 ms, and checks the cancel flag.
class progress_gate {
 public:
  explicit progress_gate(import_options const& o) : opts_(o), t0_(clock::now()), last_(t0_) {}
  /// False when the import should stop (cancelled).
  bool tick(std::string_view phase, line_reader const* in, bool force = false) {
    if (opts_.cancel && opts_.cancel->load(std::memory_order_relaxed)) return cancel();
    if (!opts_.progress) return true;
    auto now = clock::now();
    if (!force && now - last_ < std::chrono::milliseconds(100)) return true;
    last_ = now;
    import_progress p;
    p.phase = phase;
    if (in) {
      p.file = in->name();
      p.bytes_done = in->bytes_done();
      p.bytes_total = in->bytes_total();
      p.records = in->line_number();
    }
    p.seconds = std::chrono::duration<double>(now - t0_).count();
    if (!opts_.progress(p)) return cancel();
    return true;
  }
  bool cancelled() const noexcept { return cancelled_; }
  double seconds() const { return std::chrono::duration<double>(clock::now() - t0_).count(); }

 private:
  bool cancel() {
    cancelled_ = true;
    return false;
  }
  import_options const& opts_;
  clock::time_point t0_, last_;
  bool cancelled_ = false;
};

/// The name and version a knowledge base gets when the options give none.
struct kb_naming {
  std::string name, version;                       ///< what the data says of itself (KGX metadata), base or not
  std::string_view default_name, default_version;  ///< the dataset's, when importing without a base
};

/// What every importer starts from and ends with: the options, the diagnostics, the progress gate, the builder (on
/// top of the base, if any) and the files read. An importer derives from it, reads its files, then returns
/// `finish(...)`, or `fail()` as soon as it must stop.
struct driver {
  import_options const& opts;
  sink diags;
  progress_gate gate;
  builder b;
  std::vector<std::string> files;  ///< read, in the report's order
  std::unordered_map<std::string, source_id> source_of;  ///< made or found by `source_for`

  explicit driver(import_options const& o) : opts(o), gate(o) {
    diags.max = o.max_diagnostics;
    if (o.base) b = builder(*o.base);
  }
  driver(driver const&) = delete;
  driver& operator=(driver const&) = delete;

  /// Nothing went wrong so far: no diagnostic, not cancelled.
  bool ok() const noexcept { return diags.diags.empty() && !gate.cancelled(); }

  /// The outcome of a failed or cancelled import: its diagnostics, no knowledge base.
  import_result fail() {
    import_result r;
    r.diagnostics = std::move(diags.diags);
    r.cancelled = gate.cancelled();
    return r;
  }
  /// Reports a problem with the files given (not in one of them), and fails.
  import_result fail_arguments(std::string expected, std::string found) {
    diags.add(errc::io, "<arguments>", 0, 0, std::move(expected), std::move(found));
    return fail();
  }

  /// The base's entities of kind E by their identifier of `scheme` (empty without a base).
  template <entity_type E>
  std::unordered_map<std::string, node_id<E>> base_by(std::string_view scheme) const {
    std::unordered_map<std::string, node_id<E>> out;
    if (opts.base)
      for (auto id : opts.base->handles<E>())
        if (auto v = (*opts.base)[id].identifier_of(scheme)) out.emplace(std::string(*v), id);
    return out;
  }

  /// The source with id `id`: the one made or found before, the builder's (the base's) own, or `make()` added.
  template <class Make>
  source_id source_for(std::string const& id, Make&& make) {
    if (auto it = source_of.find(id); it != source_of.end()) return it->second;
    auto existing = b.find_source(id);
    auto s = existing ? *existing : b.add_source(make());
    source_of.emplace(id, s);
    return s;
  }

  /// The source `id` (as `source_for`), made if new with these fields and then `more(s)` for the rest.
  template <class More>
  source_id source_for(std::string const& id, source_kind kind, std::string title, std::string publisher,
                       std::string url, More&& more) {
    return source_for(id, [&] {
      source s;
      s.id = id;
      s.kind = kind;
      s.title = std::move(title);
      s.publisher = std::move(publisher);
      s.set_identifier("url", std::move(url));
      more(s);
      return s;
    });
  }
  source_id source_for(std::string const& id, source_kind kind, std::string title, std::string publisher,
                       std::string url = {}) {
    return source_for(id, kind, std::move(title), std::move(publisher), std::move(url), [](source&) {});
  }

  /// Claims given a note by `noted_meta`, for the report.
  std::uint64_t noted = 0;
  /// Evidence citing `sources`, with the items of `note` (if any, counted in `noted`) as its note.
  claim_meta noted_meta(std::vector<source_id> sources, std::vector<std::string> const& note) {
    claim_meta meta(std::move(sources));
    if (!note.empty()) {
      ++noted;
      meta.with_note(joined(note));
    }
    return meta;
  }

  /// Opens `path` as a new line reader; reports a file that cannot be opened (then `failed()` is true).
  std::unique_ptr<line_reader> open(std::filesystem::path const& path) {
    auto in = std::make_unique<line_reader>(path, opts, diags);
    in->open();
    return in;
  }
  /// Reports a file whose header could not be read: an empty file (nothing, if the reader has said why already).
  void no_header(line_reader const& in, std::string_view what) {
    if (!in.failed()) diags.add(errc::syntax, in.name(), 1, 1, std::string(what), "an empty file");
  }

  /// The end of every import: names the knowledge base (the options, else `naming`), builds it (a builder error,
  /// and one from `complete`, which adds what was kept for last, is a diagnostic), and reports.
  template <class Report, class Complete>
  import_result finish(kb_naming const& naming, Report&& report, Complete&& complete) {
    if (!gate.tick("building", nullptr, true)) return fail();
    import_result result;
    try {
      complete();
      if (!opts.name.empty()) b.set_name(opts.name);
      else if (!naming.name.empty()) b.set_name(naming.name);
      else if (!opts.base && !naming.default_name.empty()) b.set_name(std::string(naming.default_name));
      if (!opts.version.empty()) b.set_version(opts.version);
      else if (!naming.version.empty()) b.set_version(naming.version);
      else if (!opts.base && !naming.default_version.empty()) b.set_version(std::string(naming.default_version));
      result.kb = b.build();
    } catch (error const& e) {
      diags.add(e.code(), "<import>", 0, 0, "a consistent graph", e.what());
      return fail();
    }
    result.report = report();
    result.report.files = std::move(files);
    result.report.result = result.kb->stats();
    result.report.seconds = gate.seconds();
    gate.tick("done", nullptr, true);
    return result;
  }
  template <class Report>
  import_result finish(kb_naming const& naming, Report&& report) {
    return finish(naming, std::forward<Report>(report), [] {});
  }
};

/// Adds `e` (with an id no entity has yet, see `unused_id`) as the entity made for `key`, counted in `count`.
template <entity_type E, class Id>
Id add_new(builder& b, E e, std::unordered_map<std::string, Id>& made, std::string const& key, std::uint64_t& count) {
  e.id = unused_id(b, std::move(e.id));
  ++count;
  auto id = b.add(std::move(e));
  return made.emplace(key, id).first->second;
}

/// The entity made for `key` before, else the base's entity `key` names (then remembered, and counted in `merged`).
template <class Id>
std::optional<Id> made_or_merged(std::unordered_map<std::string, Id>& made,
                                 std::unordered_map<std::string, Id> const& base, std::string const& key,
                                 std::uint64_t& merged) {
  if (auto it = made.find(key); it != made.end()) return it->second;
  if (auto it = base.find(key); it != base.end()) {
    ++merged;
    return made.emplace(key, it->second).first->second;
  }
  return std::nullopt;
}

}  // namespace pharmakon::detail::import
