// pharmakon ask "QUESTION": a question in plain words, answered exactly as the subcommand it stands for.
#include "cli.hpp"

namespace pharmakon::cli {

void add_ask(CLI::App& app, context& ctx) {
  auto* cmd = app.add_subcommand(
      "ask", "Answer a question in plain words, e.g. \"How does Vivitrol work?\", \"Can I take naltrexone with "
             "oxycodone?\", \"Is 100 mg of naltrexone a day too much?\" (answered as moa, interactions or dose-check)");
  auto words = std::make_shared<std::vector<std::string>>();
  auto show = std::make_shared<bool>(false);
  cmd->add_option("question", *words, "The question (quoted, or as separate words)")->required()->expected(1, 1000);
  cmd->add_flag("--show-command", *show, "Print the equivalent command to stderr before the answer");
  add_format_option(cmd, ctx, /*with_dot=*/true);
  cmd->callback([&ctx, words, show] {
    ctx.run = [&ctx, words, show] {
      auto kb = ctx.load();
      if (!kb) return int(bad_input);
      std::string text;
      for (auto const& w : *words) text += (text.empty() ? "" : " ") + w;
      auto q = parse_question(*kb, text);
      if (!q) {
        auto const& d = q.diagnostics.front();
        auto msg = fmt::format("could not read the question: expected {}, found {}", d.expected, d.found);
        if (json_errors()) {
          std::vector<std::string> examples(example_questions.begin(), example_questions.end());
          print_error(msg, "unreadable_question", examples);
        } else {
          print_error(msg);
          fmt::print(stderr, "Questions pharmakon can answer:\n");
          for (auto e : example_questions) fmt::print(stderr, "  pharmakon ask \"{}\"\n", e);
        }
        return int(bad_input);
      }
      auto command = q->command();
      if (*show) {
        std::string line = "pharmakon";
        for (auto const& a : command) line += a.find(' ') == std::string::npos ? " " + a : " '" + a + "'";
        fmt::print(stderr, "{}\n", line);
      }
      context c = ctx;
      c.question = text;
      switch (q->kind) {
        case question_kind::mechanism: return answer_moa(c, *kb, q->drugs.at(0));
        case question_kind::interactions: return answer_interactions(c, *kb, q->drugs);
        case question_kind::dose_check: {
          dose_args a;
          a.drug = q->drugs.at(0);
          a.amount = q->dose;
          a.route = q->route;
          a.every = q->every;
          a.condition = q->condition;
          a.age = q->age;
          return answer_dose(c, *kb, a);
        }
      }
      return int(bad_input);
    };
  });
}

}  // namespace pharmakon::cli
