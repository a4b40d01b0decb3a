// The question reader: phrasings -> the subcommand and arguments they stand for.
#include <doctest/doctest.h>

#include <pharmakon/pharmakon.hpp>

using namespace pharmakon;

namespace {
std::string command_of(std::string_view q) {
  auto r = parse_question(default_kb(), q);
  if (!r) return "unreadable: " + r.diagnostics.at(0).found;
  std::string out;
  for (auto const& a : r->command()) out += (out.empty() ? "" : "|") + a;
  return out;
}
}  // namespace

TEST_CASE("phrasings of the issue and their commands") {
  struct row {
    std::string_view question, command;
  };
  row const table[] = {
      {"What is the mechanism of action of naltrexone?", "moa|naltrexone"},
      {"What is the mechanism of action (MOA) of Naltrexone?", "moa|Naltrexone"},
      {"mechanism of naltrexone", "moa|naltrexone"},
      {"How does Vivitrol work?", "moa|Vivitrol"},
      {"how does buprenorphine act", "moa|buprenorphine"},
      {"What is ReVia?", "moa|ReVia"},
      {"What's naltrexone's mechanism?", "moa|naltrexone"},
      {"naltrexone", "moa|naltrexone"},
      {"Does tramadol interact with sertraline?", "interactions|tramadol|sertraline"},
      {"Can I take naltrexone with oxycodone?", "interactions|naltrexone|oxycodone"},
      {"Does naltrexone interact with oxycodone and buprenorphine?", "interactions|naltrexone|oxycodone|buprenorphine"},
      {"interactions between morphine and methadone", "interactions|morphine|methadone"},
      {"Is it safe to take ReVia and Ultram together?", "interactions|ReVia|Ultram"},
      {"Is 100 mg of naltrexone a day too much?", "dose-check|naltrexone|100 mg|--every|24 h"},
      {"is 50mg naltrexone daily ok", "dose-check|naltrexone|50 mg|--every|24 h"},
      {"Is 380 mg of Vivitrol every 4 weeks by injection right?",
       "dose-check|Vivitrol|380 mg|--route|intramuscular|--every|4 wk"},
      {"can I take 25 mg of naltrexone twice a day", "dose-check|naltrexone|25 mg|--every|12 h"},
      {"Is 50 mg of naltrexone a day right for alcohol use disorder?",
       "dose-check|naltrexone|50 mg|--every|24 h|--condition|alcohol use disorder"},
      // the patient's age, for dose checks
      {"Can a 10-year-old take 30 mg of codeine every 6 hours?", "dose-check|codeine|30 mg|--every|6 h|--age|10 y"},
      {"is 15 mg codeine every 4 hours ok for my 8 year old", "dose-check|codeine|15 mg|--every|4 h|--age|8 y"},
      {"100 mg tapentadol twice a day, patient aged 16", "dose-check|tapentadol|100 mg|--every|12 h|--age|16 y"},
      {"2 mg loperamide for an 18-month-old", "dose-check|loperamide|2 mg|--age|18 mo"},
      {"What is the mechanism of action of naltrexon?", "moa|naltrexon"},  // passed on: the answer suggests
      {"How does Foozol work?", "moa|Foozol"},
      {"Does Foozol interact with Barzol?", "interactions|Foozol|Barzol"},
  };
  for (auto const& r : table) {
    CAPTURE(r.question);
    CHECK(command_of(r.question) == r.command);
  }
}

TEST_CASE("questions it cannot read say what was understood") {
  CHECK(command_of("hello").rfind("unreadable: no drug", 0) == 0);
  CHECK(command_of("what is the weather like").rfind("unreadable: no drug", 0) == 0);
  CHECK(command_of("What is Foozol?") == "moa|Foozol");
  CHECK(command_of("Is naltrexone safe?") == "unreadable: drugs: naltrexone");
  CHECK(command_of("is 100 mg a day too much") == "unreadable: no drug the knowledge base knows; dose: 100 mg; every 24 h");
  CHECK(command_of("") .rfind("unreadable", 0) == 0);
  CHECK(command_of(std::string(5000, 'a')).rfind("unreadable: a text of 5000 bytes", 0) == 0);
  CHECK_THROWS_AS(read_question(default_kb(), "hello"), question_error);
}

TEST_CASE("ask() answers as the subcommand's function does") {
  auto const& kb = default_kb();
  auto r = ask(kb, "How does Vivitrol work?");
  REQUIRE(std::holds_alternative<mechanism_answer>(r.answer));
  CHECK(render_text(std::get<mechanism_answer>(r.answer)) == render_text(mechanism_of(kb, "naltrexone")));
  auto i = ask(kb, "Can I take naltrexone with oxycodone?");
  REQUIRE(std::holds_alternative<interaction_answer>(i.answer));
  CHECK(!std::get<interaction_answer>(i.answer).interactions.empty());
  auto d = ask(kb, "Is 100 mg of naltrexone a day too much?");
  REQUIRE(std::holds_alternative<dose_answer>(d.answer));
  CHECK(std::get<dose_answer>(d.answer).verdict == dose_verdict::above);
  CHECK_THROWS_AS(ask(kb, "How does Foozol work?"), lookup_error);
}

TEST_CASE("drugs_mentioned finds drugs in a medication's display text") {
  auto const& kb = default_kb();
  auto found = drugs_mentioned(kb, "naltrexone hydrochloride 50 MG Oral Tablet");
  REQUIRE(found.size() == 1);
  CHECK(kb[found[0]].name == "naltrexone");
  CHECK(drugs_mentioned(kb, "Ultram 50 mg tablet and oxycodone").size() == 2);
  CHECK(drugs_mentioned(kb, "foozolamide 50 mg tablet").empty());
}

TEST_CASE("an age question is answered as dose-check --age answers it") {
  auto const& kb = default_kb();
  auto a = ask(kb, "Can a 10-year-old take 30 mg of codeine every 6 hours?");
  auto const* d = std::get_if<dose_answer>(&a.answer);
  CHECK(a.question.age == "10 y");
  REQUIRE(d);
  REQUIRE(d->query.age);
  CHECK(*d->query.age == quantity{10, unit::y});
  CHECK(d->verdict == dose_verdict::contraindicated);
}

TEST_CASE("an age question without a dose says what a dose check needs, and how to ask it") {
  auto const& kb = default_kb();
  auto q = parse_question(kb, "Can a 10-year-old take codeine?");
  REQUIRE(!q);
  auto const& d = q.diagnostics.front();
  CHECK(d.found == "drugs: codeine; age: 10 y");
  CHECK(d.expected.find("pharmakon dose-check codeine DOSE --age \"10 y\"") != std::string::npos);
  CHECK(d.expected.find("pharmakon moa codeine") != std::string::npos);
  CHECK_THROWS_AS(read_question(kb, "Can a 10-year-old take codeine?"), question_error);
}
