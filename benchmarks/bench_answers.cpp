// Benchmarks of the embedded knowledge base and the answers (issues 4 and 5), printed as a Markdown section.
//
//   bench_answers PATH-TO-pharmakon-CLI [runs]
//
// Measures, on this machine, with the same binary:
//   1. process start to a ready embedded knowledge base (a child process that only calls default_kb());
//   2. one mechanism answer (mechanism_of, rendering excluded), and its text rendering;
//   3. an interaction screen of every drug of the knowledge base against every other;
//   4. a whole `pharmakon moa naltrexone` process;
//   5. the heap allocations one mechanism answer makes, and what as many malloc/free pairs cost alone.
// Times are medians (p50) and 90th percentiles over many runs.
#include <pharmakon/kb/embedded_snapshot.hpp>
#include <pharmakon/pharmakon.hpp>

#include <fmt/core.h>
#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>
#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <new>
#include <span>
#include <string>
#include <vector>

extern char** environ;

// Every allocation of this process is counted (and its bytes summed) while `counting` is set: the cost of an
// answer's allocations is what its values' strings and vectors make, so the bench reports it beside the time.
namespace {
std::atomic<bool> counting{false};
std::atomic<std::size_t> allocations{0}, allocated_bytes{0};
}  // namespace
void* operator new(std::size_t n) {
  if (counting.load(std::memory_order_relaxed)) {
    allocations.fetch_add(1, std::memory_order_relaxed);
    allocated_bytes.fetch_add(n, std::memory_order_relaxed);
  }
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace {

using clock_type = std::chrono::steady_clock;

struct stats {
  double p50, p90, min;
};

stats summarize(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return {v[v.size() / 2], v[v.size() * 9 / 10], v.front()};
}

template <class F>
stats time_us(int runs, F&& f) {
  std::vector<double> t;
  t.reserve(std::size_t(runs));
  for (int i = 0; i < runs; ++i) {
    auto a = clock_type::now();
    f();
    t.push_back(std::chrono::duration<double, std::micro>(clock_type::now() - a).count());
  }
  return summarize(std::move(t));
}

/// Wall time of running argv to completion, stdout to /dev/null.
double run_process_ms(std::vector<char*> argv) {
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  auto a = clock_type::now();
  pid_t pid;
  if (posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ) != 0) return -1;
  int status = 0;
  waitpid(pid, &status, 0);
  auto ms = std::chrono::duration<double, std::milli>(clock_type::now() - a).count();
  posix_spawn_file_actions_destroy(&fa);
  return ms;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && std::strcmp(argv[1], "--startup-only") == 0) {
    // the child of measurement 1: time from process start (exec) to a ready knowledge base
    auto const& kb = pharmakon::default_kb();
    return kb.claim_count() > 0 ? 0 : 1;
  }
  if (argc < 2) {
    fmt::print(stderr, "usage: {} PATH-TO-pharmakon [runs]\n", argv[0]);
    return 2;
  }
  int runs = argc > 2 ? std::atoi(argv[2]) : 200;
  std::string self = "/proc/self/exe";
  char exe[4096];
  auto n = readlink(self.c_str(), exe, sizeof exe - 1);
  exe[n > 0 ? n : 0] = 0;

  // 1. start-up to a ready knowledge base, in a fresh process each time; and the bare process floor
  std::vector<double> startup, floor;
  for (int i = 0; i < runs; ++i) {
    startup.push_back(run_process_ms({exe, const_cast<char*>("--startup-only")}));
    floor.push_back(run_process_ms({const_cast<char*>("/bin/true")}));
  }
  auto s_startup = summarize(startup), s_floor = summarize(floor);

  // in-process: loading the embedded snapshot (what default_kb() does once), and parsing the embedded files
  auto s_snap = time_us(std::max(20, runs / 5), [&] {
    (void)pharmakon::try_load_snapshot(std::as_bytes(std::span(pharmakon::embedded::snapshot)));
  });
  auto docs = pharmakon::default_documents();
  auto s_load = time_us(std::max(20, runs / 5), [&] { (void)pharmakon::try_load(docs); });

  auto const& kb = pharmakon::default_kb();
  auto ntx = kb.at<pharmakon::drug>("naltrexone");
  std::size_t sink = 0;
  auto s_moa = time_us(runs * 50, [&] { sink += pharmakon::mechanism_of(kb, ntx).actions.size(); });
  auto answer = pharmakon::mechanism_of(kb, ntx);
  // 5. its allocations, and the same number of malloc/free pairs of its mean size, timed alone (the allocator's
  //    share of the answer's time: what answer values that own their strings cost on this machine's glibc)
  counting = true;
  { auto counted = pharmakon::mechanism_of(kb, ntx); sink += counted.actions.size(); }
  counting = false;
  std::size_t const n_alloc = allocations, n_bytes = allocated_bytes;
  std::size_t const mean_size = n_alloc ? n_bytes / n_alloc : 1;
  std::vector<void*> blocks(n_alloc);
  auto s_malloc = time_us(runs * 50, [&] {
    for (auto& b : blocks) b = std::malloc(mean_size);
    for (auto* b : blocks) std::free(b);
    sink += blocks.size();
  });
  auto s_render = time_us(runs * 10, [&] { sink += pharmakon::render_text(answer).size(); });
  auto s_json = time_us(runs * 10, [&] { sink += pharmakon::render_json(answer).size(); });
  std::vector<pharmakon::drug_id> all(kb.handles<pharmakon::drug>().begin(), kb.handles<pharmakon::drug>().end());
  std::size_t found = 0;
  auto s_screen = time_us(runs, [&] { found = pharmakon::screen_interactions(kb, all).interactions.size(); });
  // a real patient's medication list: 20 drugs (opioids, benzodiazepines, antidepressants, azoles, inducers, ...)
  std::vector<pharmakon::drug_id> list20;
  for (auto name : {"oxycodone", "alprazolam", "sertraline", "tramadol", "gabapentin", "ketoconazole", "methadone",
                 "naltrexone", "codeine", "fluoxetine", "quetiapine", "ondansetron", "rifampin", "zolpidem", "ethanol",
                 "clarithromycin", "lorazepam", "bupropion", "fentanyl", "citalopram"})
    list20.push_back(kb.at<pharmakon::drug>(name));
  std::size_t found20 = 0;
  auto s_screen20 = time_us(runs * 5, [&] { found20 = pharmakon::screen_interactions(kb, list20).interactions.size(); });
  auto s_lookup = time_us(runs * 100, [&] { sink += kb.find<pharmakon::drug>("Vivitrol").has_value(); });

  // 4. the whole CLI process
  std::vector<double> cli;
  for (int i = 0; i < runs; ++i)
    cli.push_back(run_process_ms({argv[1], const_cast<char*>("moa"), const_cast<char*>("naltrexone")}));
  auto s_cli = summarize(cli);

  fmt::print("| measurement | p50 | p90 | min | target |\n|---|---|---|---|---|\n");
  fmt::print("| process start to a ready embedded knowledge base ({} claims) | {:.2f} ms | {:.2f} ms | {:.2f} ms | ≤ 2 ms |\n",
             kb.claim_count(), s_startup.p50, s_startup.p90, s_startup.min);
  fmt::print("| … of which a bare process (`/bin/true`, fork+exec+wait) | {:.2f} ms | {:.2f} ms | {:.2f} ms | |\n",
             s_floor.p50, s_floor.p90, s_floor.min);
  fmt::print("| loading the embedded snapshot in-process (what `default_kb()` does once) | {:.0f} µs | {:.0f} µs | {:.0f} µs | |\n",
             s_snap.p50, s_snap.p90, s_snap.min);
  fmt::print("| parsing the embedded TOML files instead (parse + validate + build) | {:.0f} µs | {:.0f} µs | {:.0f} µs | |\n",
             s_load.p50, s_load.p90, s_load.min);
  fmt::print("| one mechanism answer, `mechanism_of(naltrexone)`, rendering excluded | {:.1f} µs | {:.1f} µs | {:.1f} µs | ≤ 10 µs (issue 15) |\n",
             s_moa.p50, s_moa.p90, s_moa.min);
  fmt::print("| … its heap allocations: {} ({} bytes, {} on average); as many malloc/free pairs alone | {:.1f} µs | {:.1f} µs | {:.1f} µs | |\n",
             n_alloc, n_bytes, mean_size, s_malloc.p50, s_malloc.p90, s_malloc.min);
  fmt::print("| rendering it as text | {:.1f} µs | {:.1f} µs | {:.1f} µs | |\n", s_render.p50, s_render.p90, s_render.min);
  fmt::print("| rendering it as JSON | {:.1f} µs | {:.1f} µs | {:.1f} µs | ≤ 50 µs (issue 15) |\n", s_json.p50, s_json.p90, s_json.min);
  fmt::print("| name lookup (`find<drug>(\"Vivitrol\")`) | {:.2f} µs | {:.2f} µs | {:.2f} µs | |\n", s_lookup.p50,
             s_lookup.p90, s_lookup.min);
  fmt::print("| interaction screen, all {} drugs ({} pairs, {} interactions) | {:.0f} µs | {:.0f} µs | {:.0f} µs | |\n",
             all.size(), all.size() * (all.size() - 1) / 2, found, s_screen.p50, s_screen.p90, s_screen.min);
  fmt::print("| interaction screen of a 20-drug medication list (190 pairs, {} interactions) | {:.0f} µs | {:.0f} µs | {:.0f} µs | ≤ 1 ms |\n",
             found20, s_screen20.p50, s_screen20.p90, s_screen20.min);
  fmt::print("| whole `pharmakon moa naltrexone` process | {:.2f} ms | {:.2f} ms | {:.2f} ms | ≤ 10 ms |\n", s_cli.p50,
             s_cli.p90, s_cli.min);
  return sink == 0 ? 1 : 0;
}
