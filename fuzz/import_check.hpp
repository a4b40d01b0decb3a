// Invariants of every importer's result (fuzz_import_*): never a knowledge base and diagnostics at once, every
// diagnostic names one of the input files, a result's report agrees with its knowledge base, and the knowledge
// base passes the same checks as a loaded one.
#pragma once

#include <pharmakon/io/import/options.hpp>

#include "check.hpp"

namespace fuzz {

inline void check_import(pharmakon::import_result const& r, std::vector<std::filesystem::path> const& files,
                         std::vector<std::string_view> const& texts) {
  if (!r) {
    FUZZ_CHECK(!r.diagnostics.empty() || r.cancelled, "a failed import without diagnostics");
    for (auto const& d : r.diagnostics) {
      std::size_t which = files.size();
      for (std::size_t i = 0; i < files.size(); ++i)
        if (d.region.file() == files[i].string()) which = i;
      // a diagnostic about the import as a whole may name no file
      check_diagnostic(d, which < texts.size() ? texts[which] : std::string_view(), false);
      if (which < texts.size() && d.region.begin.line > 0)
        FUZZ_CHECK(d.region.begin.line <= line_count(texts[which]) + 1, d.to_string());
    }
    return;
  }
  FUZZ_CHECK(r.diagnostics.empty(), r.diagnostics.front().to_string());
  auto st = r.kb->stats();
  FUZZ_CHECK(st.nodes == r.report.result.nodes && st.claims == r.report.result.claims &&
                 st.sources == r.report.result.sources,
             "the report's counts differ from the knowledge base's");
  check_kb(*r.kb);
}

}  // namespace fuzz
