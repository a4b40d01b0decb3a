// Compiled three ways by the tests: the control must compile; the other two must not, because a typed query
// takes the handle type of its relation's endpoint.
#include <pharmakon/pharmakon.hpp>

int main() {
  pharmakon::knowledge_base kb;
  int n = 0;
#if defined(PHARMAKON_CASE_CONTROL)
  pharmakon::drug_id d{0};
  for (auto e : kb.out<pharmakon::rel::acts_on>(d)) n += int(e.object().index());
#elif defined(PHARMAKON_CASE_WRONG_RELATION)
  pharmakon::gene_id g{0};
  for (auto e : kb.out<pharmakon::rel::acts_on>(g)) n += int(e.object().index());  // genes do not act on targets
#elif defined(PHARMAKON_CASE_WRONG_ENDPOINT)
  pharmakon::drug_id d{0};
  for (auto e : kb.out<pharmakon::rel::acts_on>(d)) {
    pharmakon::gene_id wrong = e.object();  // acts_on leads to a target, not a gene
    n += int(wrong.index());
  }
#endif
  return n;
}
