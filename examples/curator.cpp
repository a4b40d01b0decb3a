// Example 3: a curator loads a small custom knowledge-base file next to the embedded default and queries it.
// The custom file may refer to anything the default declares (here target:MOR and its sources).
//
//   $ example_curator custom-kb.toml
#include <pharmakon/pharmakon.hpp>

#include <fmt/core.h>

#include <filesystem>
#include <vector>

namespace {
std::string action_phrase(pharmakon::action_type t) {
  std::string s(pharmakon::to_string(t));
  for (auto& c : s)
    if (c == '_') c = ' ';
  return s;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    fmt::print(stderr, "usage: {} FILE.toml...\n", argv[0]);
    return 2;
  }
  std::vector<std::filesystem::path> files(argv + 1, argv + argc);
  auto result = pharmakon::try_load_files(files, &pharmakon::default_kb());
  if (!result) {  // every problem, with file:line:column; the default knowledge base is untouched
    for (auto const& d : result.diagnostics) fmt::print(stderr, "{}\n", d.to_string());
    return 2;
  }
  auto const& kb = *result.kb;
  fmt::print("loaded {} file(s): {} drugs, {} claims, content hash {}\n", files.size(), kb.all<pharmakon::drug>().size(),
             kb.claim_count(), kb.content_hash());
  auto mor = kb.at<pharmakon::target>("MOR");
  for (auto e : kb.in<pharmakon::rel::acts_on>(mor))
    if (kb[e.subject()].id == "drug:examplorphan")
      fmt::print("{}: {} at the {} ({} evidence)\n", kb[e.subject()].name, action_phrase(e.payload().type),
                 kb[mor].name, pharmakon::to_string(e.tier()));
  auto answer = pharmakon::mechanism_of(kb, "examplorphan");
  fmt::print("\n{}", pharmakon::render_markdown(answer));
}
