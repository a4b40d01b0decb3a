// The embedded knowledge base (kb layer). The generated header holds data/*.toml as string literals.
#include <pharmakon/kb/embedded_data.hpp>

#include "../kb/default_kb.hpp"

namespace pharmakon {

PHARMAKON_FUNC std::vector<document> default_documents() {
  std::vector<document> docs;
  docs.reserve(embedded::documents.size());
  for (auto const& d : embedded::documents) docs.push_back({"embedded:" + std::string(d.path), std::string(d.text)});
  return docs;
}

PHARMAKON_FUNC knowledge_base const& default_kb() {
  static knowledge_base const kb = [] {
    auto docs = default_documents();
    auto r = try_load(docs);
    if (!r) throw load_error(std::move(r.diagnostics));
    return std::move(*r.kb);
  }();
  return kb;
}

}  // namespace pharmakon
