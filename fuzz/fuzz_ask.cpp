// Fuzz target: the plain-words question reader (parse_question) over the embedded knowledge base, and the HTML
// escaper on the same bytes. Invariants: reading never throws; a question read names at least one drug and its
// command starts with moa, interactions or dose-check; an unreadable one says what was understood; the escaped
// text is valid UTF-8 with no raw '<', '>', '"' or '\''.
#include "check.hpp"

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  using namespace pharmakon;
  std::string_view text(reinterpret_cast<char const*>(data), size);
  auto const& kb = default_kb();
  auto q = parse_question(kb, text);
  if (q) {
    FUZZ_CHECK(!q->drugs.empty(), std::string(text));
    auto cmd = q->command();
    FUZZ_CHECK(cmd[0] == "moa" || cmd[0] == "interactions" || cmd[0] == "dose-check", std::string(text));
    if (q->kind == question_kind::interactions) FUZZ_CHECK(q->drugs.size() >= 2, std::string(text));
    if (q->kind == question_kind::dose_check) FUZZ_CHECK(!q->dose.empty(), std::string(text));
  } else {
    FUZZ_CHECK(q.diagnostics.size() == 1 && !q.diagnostics[0].found.empty(), std::string(text));
  }
  auto escaped = html_escape(text);
  FUZZ_CHECK(text::invalid_utf8_offset(escaped) == std::string_view::npos, std::string(text));
  FUZZ_CHECK(escaped.find_first_of("<>\"'") == std::string::npos, std::string(text));
  return 0;
}
