// The CLI's exit codes for what a subcommand throws (docs/errors.md): bad input exits 2 with `error: ...`, pharmakon's
// own failures (out of memory, a logic error, any other exception) exit 3 with `internal error: ...`.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <new>
#include <stdexcept>
#include <string>

#include "../../src/cli/conventions.hpp"

using namespace pharmakon;
using namespace pharmakon::cli;

namespace {

/// The exit code of `run_subcommand(run)` and what it printed on stderr.
struct outcome {
  int code;
  std::string err;
};

outcome run(std::function<int()> const& f, bool json = false) {
  json_errors() = json;
  std::fflush(stderr);
  std::FILE* tmp = std::tmpfile();
  REQUIRE(tmp);
  int saved = ::dup(2);
  ::dup2(::fileno(tmp), 2);
  int code = run_subcommand(f);
  std::fflush(stderr);
  ::dup2(saved, 2);
  ::close(saved);
  std::string text;
  std::rewind(tmp);
  for (int c; (c = std::fgetc(tmp)) != EOF;) text += char(c);
  std::fclose(tmp);
  json_errors() = false;
  return {code, text};
}

}  // namespace

TEST_CASE("exit codes: an answer exits with what the subcommand returns") {
  CHECK(run([] { return int(answered); }).code == 0);
  CHECK(run([] { return int(finding); }).code == 1);
  CHECK(run({}).code == 2);  // no subcommand chose what to run
}

TEST_CASE("exit codes: bad input exits 2 with 'error: ...'") {
  auto lookup = run([]() -> int { throw lookup_error("unknown drug 'x'", "x", {"y"}); });
  CHECK(lookup.code == bad_input);
  CHECK(lookup.err == "error: unknown drug 'x'\n");
  auto load = run([]() -> int {
    throw load_error({diagnostic{errc::bad_quantity, source_region::at("a.toml", 3, 9), "a unit", "'xg'"}});
  });
  CHECK(load.code == bad_input);
  CHECK(load.err == "a.toml:3:9: error: expected a unit, found 'xg'\n");
  CHECK(run([]() -> int { throw usage_error(errc::bad_quantity, "dose '5': expected a unit"); }).code == bad_input);
  CHECK(run([]() -> int { throw std::filesystem::filesystem_error("cannot open", std::error_code()); }).code ==
        bad_input);
}

TEST_CASE("exit codes: pharmakon's own failures exit 3 with 'internal error: ...', never 2") {
  auto oom = run([]() -> int { throw std::bad_alloc(); });
  CHECK(oom.code == internal_error);
  CHECK(oom.code == 3);
  CHECK(oom.err.rfind("internal error: out of memory", 0) == 0);
  auto logic = run([]() -> int { throw std::logic_error("a broken invariant"); });
  CHECK(logic.code == internal_error);
  CHECK(logic.err.rfind("internal error: a broken invariant", 0) == 0);
  auto other = run([]() -> int { throw 42; });
  CHECK(other.code == internal_error);
  CHECK(other.err.rfind("internal error: an unknown exception", 0) == 0);
  auto json = run([]() -> int { throw std::runtime_error("boom"); }, true);
  CHECK(json.code == internal_error);
  CHECK(json.err.find("\"code\":\"internal\"") != std::string::npos);
}
