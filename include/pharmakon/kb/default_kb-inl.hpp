// The embedded knowledge base (kb layer). The generated headers hold data/*.toml as string literals and the
// knowledge base they make as a binary snapshot (cmake/kb-snapshot.cpp).
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "default_kb-inl.hpp holds the out-of-line definitions of default_kb.hpp: include default_kb.hpp (they come with it in a header-only build, and src/pharmakon.cpp compiles them once)"
#endif
#include <pharmakon/kb/embedded_data.hpp>
#include <pharmakon/kb/embedded_snapshot.hpp>

#include <span>

#include "../io/snapshot/snapshot.hpp"

#include "default_kb.hpp"

namespace pharmakon {

PHARMAKON_FUNC std::vector<document> default_documents() {
  std::vector<document> docs;
  docs.reserve(embedded::documents.size());
  for (auto const& d : embedded::documents) docs.push_back({"embedded:" + std::string(d.path), std::string(d.text)});
  return docs;
}

PHARMAKON_FUNC knowledge_base const& default_kb() {
  static knowledge_base const kb = [] {
    // the snapshot the build made from the same files (tests check that it equals what parsing them gives) ...
    auto s = try_load_snapshot(std::as_bytes(std::span(embedded::snapshot)), "embedded:snapshot");
    if (s && s.kb->content_hash() == embedded::snapshot_content_hash) return std::move(*s.kb);
    // ... or, should it ever be refused, the files themselves
    auto docs = default_documents();
    auto r = try_load(docs);
    if (!r) throw load_error(std::move(r.diagnostics));
    return std::move(*r.kb);
  }();
  return kb;
}

}  // namespace pharmakon
