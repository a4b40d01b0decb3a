#include <pharmakon/pharmakon.hpp>

int answer_from_second_tu() {
  auto const& kb = pharmakon::default_kb();
  int targets = 0;
  for (auto e : kb.out<pharmakon::rel::acts_on>(kb.at<pharmakon::drug>("Vivitrol"))) targets += !e.negated();
  return targets;
}
