// Example 2: a medication-list screen. Reads drug names (one per line; '#' starts a comment) and prints the
// interactions pharmakon finds: shared targets, shared effects, metabolism and label statements.
//
//   $ example_medication_screen medication-list.txt
#include <pharmakon/pharmakon.hpp>

#include <fmt/core.h>

#include <fstream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  if (argc != 2) {
    fmt::print(stderr, "usage: {} MEDICATION-LIST\n", argv[0]);
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    fmt::print(stderr, "{}: cannot open\n", argv[1]);
    return 2;
  }
  auto const& kb = pharmakon::default_kb();
  std::vector<pharmakon::drug_id> drugs;
  std::string line;
  int bad = 0;
  for (int n = 1; std::getline(in, line); ++n) {
    if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.pop_back();
    while (!line.empty() && line.front() == ' ') line.erase(0, 1);
    if (line.empty()) continue;
    if (auto d = kb.find<pharmakon::drug>(line)) {
      drugs.push_back(*d);
    } else {
      auto s = kb.suggest(line, pharmakon::node_kind::drug);
      fmt::print(stderr, "{}:{}: unknown drug '{}'{}\n", argv[1], n, line,
                 s.empty() ? "" : fmt::format(" (did you mean {}?)", s.front()));
      ++bad;
    }
  }
  auto answer = pharmakon::screen_interactions(kb, drugs);
  for (auto const& i : answer.interactions) {
    if (i.no_interaction) continue;
    std::string at = i.target ? fmt::format(" at the {}", i.target->name) : std::string();
    std::string what = i.kind == pharmakon::interaction_kind::blockade ? fmt::format("{} blocks {}{}", i.first, i.second, at)
                       : i.mechanism == pharmakon::interaction_mechanism::exposure
                           ? fmt::format("{} {} {} exposure{}", i.first, i.direction == pharmakon::direction::increase ? "raises" : "lowers",
                                         i.affected, at)
                           : fmt::format("{} + {}{}", i.first, i.second, at);
    fmt::print("{:<16} {:<12} {:<13} {}{}\n", pharmakon::to_string(i.severity), pharmakon::to_string(i.mechanism),
               pharmakon::to_string(i.kind), what, i.effects.empty() ? "" : fmt::format(" ({})", fmt::join(i.effects, ", ")));
  }
  if (!answer.without_metabolism.empty())
    fmt::print("no metabolism data for: {}\n", fmt::join(answer.without_metabolism, ", "));
  fmt::print("{} drugs, {} interactions; knowledge base {} ({})\n{}\n", drugs.size(), answer.interactions.size(),
             answer.kb.version, answer.kb.content_hash, pharmakon::disclaimer);
  return bad ? 2 : 0;
}
