// Example 1: a host application links pharmakon and asks for the mechanism of action of naltrexone.
//
//   $ example_host_mechanism [drug]
#include <pharmakon/pharmakon.hpp>

#include <fmt/core.h>

#include <algorithm>

int main(int argc, char** argv) {
  std::string const name = argc > 1 ? argv[1] : "naltrexone";
  auto const& kb = pharmakon::default_kb();  // the curated knowledge base compiled into the library
  try {
    auto answer = pharmakon::mechanism_of(kb, name);  // a typed value: actions, effects, regimens, sources...
    fmt::print("{}: {}\n\n", answer.drug, pharmakon::summary_line(answer));
    // the typed answer is data: e.g. the receptors with their action and best affinity
    for (auto const& a : answer.actions) {
      if (a.ev.negated) continue;
      bool disputed = std::find(answer.disputed_targets.begin(), answer.disputed_targets.end(), a.target.name) != answer.disputed_targets.end();
      fmt::print("  {:<24} {:<12} {:<12} {}{}\n", a.target.name, pharmakon::to_string(a.act.type),
                 pharmakon::to_string(a.act.modality),
                 a.best_p_affinity ? fmt::format("p-affinity {:.2f}", *a.best_p_affinity) : "",
                 disputed ? "(disputed: see Conflicting claims)" : "");
    }
    fmt::print("\n{}", pharmakon::render_text(answer));  // or render_markdown / render_json
  } catch (pharmakon::lookup_error const& e) {
    fmt::print(stderr, "{}\n", e.what());
    return 2;
  }
}
