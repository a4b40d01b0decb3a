// Fuzz target: the CDS Hooks request reader of pharmakon serve (src/serve/cds.cpp) and the cards it leads to.
// Invariants: reading never throws or crashes; a refusal is a 4xx that says what was expected and found; an
// accepted request gives a {"cards": [...]} response whose cards have a summary of at most 140 bytes, an
// indicator info/warning/critical and a source with a label.
#include "check.hpp"

#include <cds.hpp>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  using namespace pharmakon;
  std::string_view body(reinterpret_cast<char const*>(data), size);
  for (auto id : {"pharmakon-order-select", "pharmakon-order-sign"}) {
    auto r = serve::read_cds_request(body, id, 50);
    if (auto const* e = std::get_if<serve::cds_error>(&r)) {
      FUZZ_CHECK(e->status >= 400 && e->status < 500, std::string(body));
      FUZZ_CHECK(!e->expected.empty() && !e->found.empty(), std::string(body));
      (void)e->to_json().dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      continue;
    }
    auto cards = serve::cds_cards(default_kb(), std::get<serve::cds_request>(r), "http://127.0.0.1:8765");
    FUZZ_CHECK(cards.contains("cards") && cards["cards"].is_array(), std::string(body));
    for (auto const& c : cards["cards"]) {
      FUZZ_CHECK(c["summary"].get<std::string>().size() <= 140, std::string(body));
      auto ind = c["indicator"].get<std::string>();
      FUZZ_CHECK(ind == "info" || ind == "warning" || ind == "critical", std::string(body));
      FUZZ_CHECK(!c["source"]["label"].get<std::string>().empty(), std::string(body));
    }
    (void)cards.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  return 0;
}
