// The smallest host program: link pharmakon, ask one question.
#include <pharmakon/pharmakon.hpp>

#include <fmt/core.h>

int main() {
  auto const& kb = pharmakon::default_kb();
  auto naltrexone = kb.at<pharmakon::drug>("naltrexone");
  for (auto e : kb.out<pharmakon::rel::acts_on>(naltrexone))
    if (!e.negated() && kb[e.object()].name == "mu opioid receptor")
      fmt::print("naltrexone: {} at {}\n", e.payload().type, kb[e.object()].name);
}
