// Concurrency: frozen knowledge bases shared by many threads, and kb_handle swapping in new versions while
// readers query. Also built alone under ThreadSanitizer (preset tsan), so keep these tests free of anything
// else. Promises tested here are listed in docs/reliability.md.
#include <doctest/doctest.h>

#include <pharmakon/graph/kb_handle.hpp>
#include <pharmakon/pharmakon.hpp>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

using namespace pharmakon;

namespace {

std::string golden_text() {
  std::ifstream in(std::filesystem::path(PHARMAKON_TEST_DATA) / "golden" / "kb.toml", std::ios::binary);
  REQUIRE(in);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

knowledge_base golden() { return load_string(golden_text(), "golden/kb.toml"); }

/// A document with `n` extra drugs ("drug:extra-<tag>-<i>"), each acting on the mu receptor.
std::string extra_drugs(std::string const& tag, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    out += "[[drug]]\nid = \"drug:extra-" + tag + "-" + std::to_string(i) + "\"\nname = \"extra " + tag + " " +
           std::to_string(i) + "\"\nsources = [\"src:gtopdb:target:319\"]\n\n";
    out += "[[acts_on]]\ndrug = \"drug:extra-" + tag + "-" + std::to_string(i) +
           "\"\ntarget = \"target:MOR\"\naction = \"agonist\"\nsources = [\"src:gtopdb:target:319\"]\n\n";
  }
  return out;
}

/// Version `v` of the knowledge base: the golden one plus `v` extra drugs.
knowledge_base version(knowledge_base const& base, int v) {
  if (v == 0) return base;
  return load_string(extra_drugs("v", v), "extra.toml", &base);
}

/// What a reader can observe of one version; all of it must come from the same version.
struct observation {
  std::string name;
  std::size_t drugs = 0;
  std::size_t claims = 0;
  std::size_t sources = 0;
  bool has_last_extra = false;
  std::size_t mor_agonists = 0;  ///< drugs acting on the mu receptor: the extras add to them
  std::string moa_json;          ///< naltrexone's answer, which names the knowledge base's content hash
  bool operator==(observation const&) const = default;
};

/// What a reader sees of `kb`; `full` adds a rendered answer (slow under sanitizers, so not on every read).
observation observe(knowledge_base const& kb, int expected_extras, bool full = true) {
  observation o;
  o.name = kb.name();
  o.drugs = kb.all<drug>().size();
  o.claims = kb.claim_count();
  o.sources = kb.sources().size();
  o.has_last_extra = expected_extras == 0 || kb.find<drug>("drug:extra-v-" + std::to_string(expected_extras - 1));
  o.mor_agonists = kb.in<rel::acts_on>(kb.at<target>("target:MOR")).count();
  if (full) o.moa_json = render_json(mechanism_of(kb, kb.at<drug>("naltrexone")));
  return o;
}

}  // namespace

TEST_CASE("concurrency: many threads query one frozen knowledge base and get the single-threaded answers") {
  auto const kb = golden();
  std::vector<std::string> names;
  for (auto const& d : kb.all<drug>()) names.push_back(d.name);
  REQUIRE(names.size() >= 2);
  std::map<std::string, std::string> expected;
  for (auto const& n : names) expected[n] = render_text(mechanism_of(kb, kb.at<drug>(n)));
  std::vector<drug_id> all(kb.handles<drug>().begin(), kb.handles<drug>().end());
  auto const interactions = render_json(screen_interactions(kb, all));

  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      knowledge_base const local = kb;  // copies share the same immutable state
      for (int i = 0; i < 10; ++i) {
        auto const& n = names[std::size_t(t + i) % names.size()];
        auto const& q = (i % 2) ? kb : local;
        if (render_text(mechanism_of(q, q.at<drug>(n))) != expected[n]) ++mismatches;
        if (q.find_all(n).empty()) ++mismatches;
        if (q.suggest(n.substr(0, n.size() - 1), node_kind::drug).empty()) ++mismatches;
        if (i % 5 == 0 && render_json(screen_interactions(q, all)) != interactions) ++mismatches;
      }
    });
  for (auto& th : threads) th.join();
  CHECK(mismatches.load() == 0);
}

TEST_CASE("concurrency: readers see the old or the new knowledge base, never a mix, while writers swap") {
  auto const base = golden();
  constexpr int versions = 6;
  // what each version looks like, computed before any thread starts; keyed by content hash
  std::map<std::string, std::pair<int, observation>> expected;
  for (int v = 0; v < versions; ++v) {
    auto kb = version(base, v);
    expected[kb.content_hash()] = {v, observe(kb, v)};
  }
  REQUIRE(expected.size() == std::size_t(versions));

  kb_handle current(base);
  std::atomic<bool> stop{false};
  std::atomic<int> reads{0}, mixes{0}, unknown{0}, swaps{0};
  std::vector<std::thread> threads;
  constexpr int rounds = 8;
  for (int r = 0; r < 4; ++r)
    threads.emplace_back([&] {
      for (int i = 0; !stop.load() || reads.load() < 100; ++i) {
        auto kb = current.load();
        auto hash = kb->content_hash();
        auto it = expected.find(hash);
        if (it == expected.end()) {
          ++unknown;
          continue;
        }
        std::this_thread::yield();  // let writers swap between the two reads
        auto expect = it->second.second;
        bool full = i % 8 == 0;
        if (!full) expect.moa_json.clear();
        if (!(observe(*kb, it->second.first, full) == expect)) ++mixes;
        if (kb->content_hash() != hash) ++mixes;
        ++reads;
        std::this_thread::sleep_for(std::chrono::microseconds(200));  // leave the writers some CPU
      }
    });
  std::atomic<int> writers_done{0};
  for (int w = 0; w < 2; ++w)
    threads.emplace_back([&, w] {
      // each writer builds versions from scratch (loader and builder running beside the readers) and swaps them in
      for (int round = 0; round < rounds; ++round)
        for (int v = 1 + w; v < versions; v += 2) {
          current.store(version(base, v));
          ++swaps;
        }
      if (++writers_done == 2) stop = true;
    });
  for (auto& th : threads) th.join();
  CHECK(unknown.load() == 0);
  CHECK(mixes.load() == 0);
  CHECK(reads.load() >= 100);
  CHECK(swaps.load() == rounds * (versions - 1));
  CHECK(expected.count(current.load()->content_hash()) == 1);
}

TEST_CASE("concurrency: a snapshot outlives the swap that replaced it") {
  kb_handle current(golden());
  auto old = current.load();
  auto hash = old->content_hash();
  auto drugs = old->all<drug>().size();
  current.store(knowledge_base());  // the empty one
  CHECK(current.load()->all<drug>().empty());
  CHECK(old->content_hash() == hash);  // still alive, still the same
  CHECK(old->all<drug>().size() == drugs);
  CHECK(render_text(mechanism_of(*old, old->at<drug>("naltrexone"))).find("naltrexone") != std::string::npos);
  CHECK(current.exchange(nullptr) == current.load());  // null is ignored
  auto expected = current.load();
  CHECK_FALSE(current.compare_exchange(old, std::make_shared<knowledge_base const>(golden())));
  CHECK(old == expected);  // compare_exchange reports what is current
}

TEST_CASE("concurrency: update() serialises writers, so no update is lost") {
  auto const base = golden();
  auto const before = base.all<drug>().size();
  kb_handle current(base);
  constexpr int writers = 3, each = 2;
  std::atomic<int> readers_ok{0}, not_published{0};
  std::atomic<bool> stop{false};
  std::vector<std::thread> threads;
  for (int w = 0; w < writers; ++w)
    threads.emplace_back([&, w] {
      for (int i = 0; i < each; ++i) {
        bool published = current.update([&](knowledge_base const& kb) {
          return try_load(std::vector<document>{{"w.toml", extra_drugs(std::to_string(w) + "x" + std::to_string(i), 1)}},
                          &kb)
              .kb;
        });
        if (!published) ++not_published;
      }
    });
  threads.emplace_back([&] {
    do {  // at least one read, however the threads are scheduled
      auto kb = current.load();
      if (kb->all<drug>().size() >= before) ++readers_ok;
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    } while (!stop.load());
  });
  for (int w = 0; w < writers; ++w) threads[std::size_t(w)].join();
  stop = true;
  threads.back().join();
  CHECK(not_published.load() == 0);
  auto kb = current.load();
  CHECK(kb->all<drug>().size() == before + writers * each);
  for (int w = 0; w < writers; ++w)
    for (int i = 0; i < each; ++i)
      CHECK(kb->find<drug>("drug:extra-" + std::to_string(w) + "x" + std::to_string(i) + "-0"));
  auto const hash = kb->content_hash();
  CHECK_FALSE(current.update([](knowledge_base const& k) {
    return try_load(std::vector<document>{{"bad.toml", "[[drug]]\nid = \"oops\"\n"}}, &k).kb;
  }));
  CHECK(current.load()->content_hash() == hash);  // a failed update publishes nothing
  CHECK_THROWS_AS(current.update([](knowledge_base const& k) -> std::optional<knowledge_base> {
    (void)k;
    throw std::runtime_error("writer failed");
  }),
                  std::runtime_error);
  CHECK(current.load()->content_hash() == hash);
  CHECK(readers_ok.load() > 0);
}

TEST_CASE("concurrency: independent loads and builds on many threads at once") {
  auto const text = golden_text();
  std::string expected_hash = load_string(text, "golden/kb.toml").content_hash();
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2; ++i) {
        if (t % 2 == 0) {
          auto r = try_load(std::vector<document>{{"golden/kb.toml", text}});
          if (!r || r.kb->content_hash() != expected_hash) ++wrong;
        } else {
          // a bad document: every thread gets the same diagnostics
          auto r = try_load(std::vector<document>{{"bad.toml", text + "\n[[drug]]\nid = \"drug:x\"\n"}});
          if (r || r.diagnostics.empty()) ++wrong;
        }
        // the embedded knowledge base is built once, on first use, whichever thread gets there first
        if (default_kb().find<drug>("naltrexone") == std::nullopt) ++wrong;
      }
    });
  for (auto& th : threads) th.join();
  CHECK(wrong.load() == 0);
}
