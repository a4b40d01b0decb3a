// pharmakon dose-check DRUG AMOUNT [UNIT] --route R --every INTERVAL [--condition C] [--opioid-free DURATION] [--age AGE]
#include "cli.hpp"

namespace pharmakon::cli {

namespace {
std::optional<quantity> parse_arg(std::string const& what, std::string const& text, bool interval) {
  auto q = interval ? parse_interval(text) : parse_quantity(text);
  if (!q) {
    auto const& e = q.diagnostics.front();
    print_error(fmt::format("{} '{}': expected {}, found {}", what, text, e.expected, e.found), "bad_quantity");
  }
  return q;
}
}  // namespace

int answer_dose(context const& ctx, knowledge_base const& kb, dose_args const& a) {
  auto d = resolve_drug(kb, a.drug);
  if (!d) return int(bad_input);
  dose_query q;
  auto dose = parse_arg("dose", a.unit.empty() ? a.amount : a.amount + " " + a.unit, false);
  if (!dose) return int(bad_input);
  q.dose = *dose;
  if (!a.route.empty()) {
    q.route = parse_enum<route>(a.route);
    if (!q.route) {
      print_error(fmt::format("route: expected one of {}, found '{}'", enum_choices<route>(), a.route), "unknown_enum");
      return int(bad_input);
    }
  }
  if (!a.every.empty()) {
    q.every = parse_arg("--every", a.every, true);
    if (!q.every) return int(bad_input);
  }
  if (!a.opioid_free.empty()) {
    q.opioid_free = parse_arg("--opioid-free", a.opioid_free, true);
    if (!q.opioid_free) return int(bad_input);
  }
  if (!a.age.empty()) {
    auto age = parse_age(a.age);
    if (!age) {
      auto const& e = age.diagnostics.front();
      print_error(fmt::format("--age '{}': expected {}, found {}", a.age, e.expected, e.found), "bad_quantity");
      return int(bad_input);
    }
    q.age = *age;
  }
  if (!a.condition.empty()) {
    try {
      q.condition = kb.at<condition>(a.condition);
    } catch (lookup_error const& e) {
      print_error(e.what(), "unknown_name", e.suggestions());
      return int(bad_input);
    }
  }
  auto answer = check_dose(kb, *d, q);
  emit(ctx.render(answer));
  switch (answer.verdict) {
    case dose_verdict::within: return int(answered);
    case dose_verdict::wrong_dimension: return int(bad_input);  // a unit error is bad input
    default: return int(finding);
  }
}

void add_dose_check(CLI::App& app, context& ctx) {
  auto* cmd = app.add_subcommand("dose-check", "Check a dose against the drug's regimens");
  auto a = std::make_shared<dose_args>();
  cmd->add_option("drug", a->drug, "Drug name")->required();
  cmd->add_option("amount", a->amount, "Dose amount, e.g. 50 (or 50mg)")->required();
  cmd->add_option("unit", a->unit, "Dose unit, e.g. mg, µg, g, mL");
  cmd->add_option("-r,--route", a->route, "Route: " + enum_choices<route>());
  cmd->add_option("-e,--every", a->every, "Dosing interval, e.g. 24h, '4 weeks', q12h, daily");
  cmd->add_option("-c,--condition", a->condition, "Condition (indication), e.g. 'alcohol use disorder'");
  cmd->add_option("--opioid-free", a->opioid_free, "How long the patient has been opioid-free, e.g. 10d");
  cmd->add_option("--age", a->age, "The patient's age, e.g. 8 (years), '8 years', '18 months'");
  add_format_option(cmd, ctx);
  cmd->callback([&ctx, a] {
    ctx.run = [&ctx, a] {
      auto kb = ctx.load();
      if (!kb) return int(bad_input);
      return answer_dose(ctx, *kb, *a);
    };
  });
}

}  // namespace pharmakon::cli
