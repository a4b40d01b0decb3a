// Two translation units that both include pharmakon in header-only mode must link into one program.
#include <pharmakon/pharmakon.hpp>

#include <fmt/core.h>

int answer_from_second_tu();

int main() {
  auto const& kb = pharmakon::default_kb();
  auto n = kb.find<pharmakon::drug>("naltrexone");
  if (!n) return 1;
  int targets = 0;
  for (auto e : kb.out<pharmakon::rel::acts_on>(*n)) targets += !e.negated();
  fmt::print("header-only: naltrexone acts on {} targets; second TU sees {}\n", targets, answer_from_second_tu());
  return targets >= 3 && answer_from_second_tu() == targets ? 0 : 1;
}
