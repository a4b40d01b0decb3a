// pharmakon's side of the benchmarks (benchmarks/run.sh runs it next to networkx and igraph, on the same files).
//
//   pharmakon_bench import NODES EDGES [--save SNAPSHOT] [--queries]   load from the TSV/SIF files
//   pharmakon_bench snapshot SNAPSHOT [--queries]                      load from a binary snapshot
//   pharmakon_bench inflate EDGES                                      inflate alone, in-process: the floor for a
//                                                                      text load (zlib, ISA-L, libdeflate: one JSON
//                                                                      line each, those the build found)
//
// Prints one JSON object: load time, peak memory (max RSS) with the graph loaded, and with --queries:
//   q1  typed 1-hop: the genes each compound binds (drug -acts_on-> target -encoded_by-> gene), every compound,
//       per-query latency p50/p99; also the pure 1-hop (targets of acts_on) on its own;
//   q2  2-hop typed count: for every compound, the distinct diseases reached through
//       Compound -binds-> Gene <-associates- Disease;
//   q2c the same count on columns (relation_adjacency_of, then two boolean sparse products), the median of 21
//       runs: the C++ counterpart of the Python columnar question (benchmarks/bench_two_hop.py);
//   q3  all pairs of compounds screened for a shared target (bit sets of targets, one AND per word).
#include <pharmakon/pharmakon.hpp>

#include <sys/resource.h>
#if defined(PHARMAKON_BENCH_ZLIB)
#  include <zlib.h>
#endif
#if defined(PHARMAKON_BENCH_ISAL)
#  include <isa-l/igzip_lib.h>
#endif
#if defined(PHARMAKON_BENCH_LIBDEFLATE)
#  include <libdeflate.h>
#endif
#include <fstream>
#include <iterator>
#include <memory>

#if defined(__x86_64__)
#  include <x86intrin.h>
#endif

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

using namespace pharmakon;
using clk = std::chrono::steady_clock;

namespace {

double seconds(clk::time_point a, clk::time_point b) { return std::chrono::duration<double>(b - a).count(); }

double max_rss_mb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return double(ru.ru_maxrss) / 1024.0;
}
/// CPU time (user + system, all threads) used so far.
double cpu_seconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return double(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) + double(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

/// A fine clock for single queries: the TSC where there is one, calibrated against steady_clock.
struct fine_clock {
  double ns_per_tick = 1.0;
  double overhead_ns = 0;
  static std::uint64_t now() {
#if defined(__x86_64__)
    unsigned aux;
    return __rdtscp(&aux);
#else
    return std::uint64_t(clk::now().time_since_epoch().count());
#endif
  }
  fine_clock() {
#if defined(__x86_64__)
    auto t0 = clk::now();
    auto c0 = now();
    while (clk::now() - t0 < std::chrono::milliseconds(200)) {
    }
    auto c1 = now();
    ns_per_tick = std::chrono::duration<double, std::nano>(clk::now() - t0).count() / double(c1 - c0);
#endif
    std::vector<double> empty;
    for (int i = 0; i < 10001; ++i) {
      auto a = now();
      auto b = now();
      empty.push_back(double(b - a) * ns_per_tick);
    }
    std::nth_element(empty.begin(), empty.begin() + 5000, empty.end());
    overhead_ns = empty[5000];
  }
};

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  auto k = std::size_t(p * double(v.size() - 1) + 0.5);
  std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(k), v.end());
  return v[k];
}

std::string queries(knowledge_base const& kb) {
  fine_clock fc;
  std::vector<drug_id> drugs(kb.handles<drug>().begin(), kb.handles<drug>().end());
  std::vector<gene_id> genes;
  genes.reserve(1024);
  std::vector<double> lat_genes, lat_targets;
  std::uint64_t total_genes = 0, total_targets = 0;
  // warm up once, then measure each compound's query on its own
  for (int round = 0; round < 2; ++round) {
    lat_genes.clear();
    lat_targets.clear();
    total_genes = total_targets = 0;
    for (auto d : drugs) {
      auto a = fine_clock::now();
      genes.clear();
      for (auto e : kb.out<rel::acts_on>(d))
        for (auto g : kb.out<rel::encoded_by>(e.object())) genes.push_back(g.object());
      auto b = fine_clock::now();
      total_genes += genes.size();
      lat_genes.push_back(double(b - a) * fc.ns_per_tick - fc.overhead_ns);
      a = fine_clock::now();
      std::size_t n = 0;
      for (auto e : kb.out<rel::acts_on>(d)) n += e.object().index() != 0xFFFFFFFFu;
      b = fine_clock::now();
      total_targets += n;
      lat_targets.push_back(double(b - a) * fc.ns_per_tick - fc.overhead_ns);
    }
  }
  // q2: diseases reached through a bound gene that the disease is associated with
  auto t0 = clk::now();
  std::vector<std::uint32_t> seen(kb.all<condition>().size(), 0xFFFFFFFFu);
  std::uint64_t disease_pairs = 0;
  for (std::uint32_t i = 0; i < drugs.size(); ++i)
    for (auto e : kb.out<rel::acts_on>(drugs[i]))
      for (auto g : kb.out<rel::encoded_by>(e.object()))
        for (auto r : kb.in<rel::related>(any_node(g.object()))) {
          auto from = r.subject();
          if (from.kind() != node_kind::condition || r.payload().label != "associates") continue;
          if (seen[from.index()] != i) {
            seen[from.index()] = i;
            ++disease_pairs;
          }
        }
  auto t1 = clk::now();
  // q2c: the same question on columns, as from Python: three adjacencies (relation_adjacency_of), then the two
  // boolean products drug -> gene -> disease, row by row with a marker (the work of scipy's CSR product)
  std::vector<double> q2c_runs;
  std::uint64_t q2c_results = 0;
  for (int run = 0; run < 21; ++run) {
    auto c0 = clk::now();
    auto binds = relation_adjacency_of(kb, relation_kind::acts_on);
    auto coded = relation_adjacency_of(kb, relation_kind::encoded_by);
    adjacency_options assoc_opts;
    assoc_opts.label = "associates";
    auto assoc = relation_adjacency_of(kb, relation_kind::related, assoc_opts);
    // the transpose of assoc (gene -> disease), as CSR: a counting sort
    std::vector<std::uint32_t> t_off(std::size_t(assoc.entities) + 1, 0), t_obj(assoc.size());
    auto ao = assoc.objects();
    for (auto o : ao) ++t_off[o + 1];
    for (std::size_t v = 0; v < assoc.entities; ++v) t_off[v + 1] += t_off[v];
    {
      auto fill = t_off;
      for (std::uint32_t v = 0; v < assoc.entities; ++v)
        for (auto i = assoc.offsets[v]; i < assoc.offsets[v + 1]; ++i) t_obj[fill[ao[i]]++] = v;
    }
    std::vector<std::uint32_t> gene_mark(assoc.entities, 0xFFFFFFFFu), dis_mark(assoc.entities, 0xFFFFFFFFu);
    auto bo = binds.objects();
    auto co = coded.objects();
    std::uint64_t n = 0;
    for (std::uint32_t v = 0; v < binds.entities; ++v)
      for (auto i = binds.offsets[v]; i < binds.offsets[v + 1]; ++i) {
        auto t = bo[i];
        for (auto j = coded.offsets[t]; j < coded.offsets[t + 1]; ++j) {
          auto g = co[j];
          if (gene_mark[g] == v) continue;
          gene_mark[g] = v;
          for (auto k = t_off[g]; k < t_off[g + 1]; ++k)
            if (dis_mark[t_obj[k]] != v) {
              dis_mark[t_obj[k]] = v;
              ++n;
            }
        }
      }
    q2c_results = n;
    q2c_runs.push_back(seconds(c0, clk::now()) * 1e3);
  }
  // q3: every pair of compounds, do they share a target?
  auto t2 = clk::now();
  std::size_t words = (kb.all<target>().size() + 63) / 64;
  std::vector<std::uint64_t> bits(drugs.size() * words, 0);
  for (std::size_t i = 0; i < drugs.size(); ++i)
    for (auto e : kb.out<rel::acts_on>(drugs[i])) bits[i * words + e.object().index() / 64] |= std::uint64_t(1) << (e.object().index() % 64);
  std::uint64_t pairs = 0, sharing = 0;
  for (std::size_t i = 0; i < drugs.size(); ++i) {
    auto const* a = &bits[i * words];
    for (std::size_t j = i + 1; j < drugs.size(); ++j) {
      auto const* b = &bits[j * words];
      std::uint64_t any = 0;
      for (std::size_t w = 0; w < words; ++w) any |= a[w] & b[w];
      sharing += any != 0;
      ++pairs;
    }
  }
  auto t3 = clk::now();
  return fmt::format(
      ",\"compounds\":{},\"q1_p50_ns\":{:.1f},\"q1_p99_ns\":{:.1f},\"q1_results\":{},\"q1_timer_overhead_ns\":{:.1f},"
      "\"q1t_p50_ns\":{:.1f},\"q1t_p99_ns\":{:.1f},\"q1t_results\":{},"
      "\"q2_ms\":{:.3f},\"q2_results\":{},\"q2c_ms\":{:.3f},\"q2c_min_ms\":{:.3f},\"q2c_results\":{},"
      "\"q3_ms\":{:.3f},\"q3_pairs\":{},\"q3_sharing\":{}",
      drugs.size(), percentile(lat_genes, 0.5), percentile(lat_genes, 0.99), total_genes, fc.overhead_ns,
      percentile(lat_targets, 0.5), percentile(lat_targets, 0.99), total_targets, seconds(t0, t1) * 1e3,
      disease_pairs, percentile(q2c_runs, 0.5), *std::min_element(q2c_runs.begin(), q2c_runs.end()), q2c_results,
      seconds(t2, t3) * 1e3, pairs, sharing);
}

int usage() {
  std::fprintf(stderr,
               "usage: pharmakon_bench import NODES EDGES [--save SNAPSHOT] [--queries]\n"
               "       pharmakon_bench snapshot SNAPSHOT [--queries]\n"
               "       pharmakon_bench inflate EDGES\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return usage();
  std::string mode = argv[1];
  std::vector<std::string> args(argv + 2, argv + argc);
  bool want_queries = std::find(args.begin(), args.end(), "--queries") != args.end();
  std::string save;
  if (auto it = std::find(args.begin(), args.end(), "--save"); it != args.end() && it + 1 != args.end()) save = *(it + 1);

  if (mode == "inflate") {
    auto report = [](char const* lib, double sec, std::uint64_t n) {
      fmt::print("{{\"tool\":\"inflate\",\"library\":\"{}\",\"mode\":\"inflate\",\"load_s\":{:.4f},\"bytes\":{}}}\n",
                 lib, sec, n);
    };
#if defined(PHARMAKON_BENCH_ZLIB)
    {  // zlib through gzread, streaming 1 MiB at a time (what the importers did before ISA-L)
      auto t0 = clk::now();
      gzFile f = gzopen(args[0].c_str(), "rb");
      if (!f) return 1;
      gzbuffer(f, 1u << 18);
      std::vector<char> buf(std::size_t(1) << 20);
      std::uint64_t n = 0;
      int r;
      while ((r = gzread(f, buf.data(), unsigned(buf.size()))) > 0) n += std::uint64_t(r);
      gzclose(f);
      report("zlib", seconds(t0, clk::now()), n);
    }
#endif
#if defined(PHARMAKON_BENCH_ISAL)
    {  // ISA-L, streaming: 256 KiB reads of the file, 1 MiB of output at a time (as the importers' reader)
      auto t0 = clk::now();
      std::FILE* f = std::fopen(args[0].c_str(), "rb");
      if (!f) return 1;
      std::vector<std::uint8_t> in(std::size_t(1) << 18), buf(std::size_t(1) << 20);
      auto st = std::make_unique<inflate_state>();
      isal_inflate_init(st.get());
      st->crc_flag = ISAL_GZIP;
      std::uint64_t n = 0;
      bool eof = false;
      while (st->block_state != ISAL_BLOCK_FINISH) {
        if (st->avail_in == 0 && !eof) {
          std::size_t got = std::fread(in.data(), 1, in.size(), f);
          eof = got == 0;
          st->next_in = in.data();
          st->avail_in = std::uint32_t(got);
        }
        st->next_out = buf.data();
        st->avail_out = std::uint32_t(buf.size());
        if (isal_inflate(st.get()) < 0 || (eof && st->avail_out == buf.size())) break;
        n += buf.size() - st->avail_out;
      }
      std::fclose(f);
      report("ISA-L", seconds(t0, clk::now()), n);
    }
#endif
#if defined(PHARMAKON_BENCH_LIBDEFLATE)
    {  // libdeflate: whole buffers only (it cannot stream), so the file is read whole first; the output size is
       // the gzip trailer's ISIZE (mod 2^32: enough for these files)
      auto t0 = clk::now();
      std::ifstream f(args[0], std::ios::binary);
      std::string gz((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
      if (gz.size() < 18) return 1;
      std::uint32_t isize;
      std::memcpy(&isize, gz.data() + gz.size() - 4, 4);
      std::vector<char> out_buf(isize);
      auto* d = libdeflate_alloc_decompressor();
      std::size_t got = 0;
      auto rc = libdeflate_gzip_decompress(d, gz.data(), gz.size(), out_buf.data(), out_buf.size(), &got);
      libdeflate_free_decompressor(d);
      if (rc != LIBDEFLATE_SUCCESS) return 1;
      report("libdeflate", seconds(t0, clk::now()), got);
    }
#endif
    return 0;
  }

  knowledge_base kb;
  double load_s = 0;
  if (mode == "import" && args.size() >= 2) {
    auto t0 = clk::now();
    auto r = try_import_hetionet(args[0], args[1]);
    load_s = seconds(t0, clk::now());
    if (!r) {
      for (auto const& d : r.diagnostics) fmt::print(stderr, "{}\n", d.to_string());
      return 1;
    }
    kb = std::move(*r.kb);
  } else if (mode == "snapshot") {
    auto t0 = clk::now();
    auto r = try_load_snapshot(args[0]);
    load_s = seconds(t0, clk::now());
    if (!r) {
      for (auto const& d : r.diagnostics) fmt::print(stderr, "{}\n", d.to_string());
      return 1;
    }
    kb = std::move(*r.kb);
  } else {
    return usage();
  }
  double rss = max_rss_mb();
  double cpu = cpu_seconds();
  std::string out = fmt::format("{{\"tool\":\"pharmakon\",\"mode\":\"{}\",\"load_s\":{:.4f},\"cpu_s\":{:.4f},"
                                "\"rss_mb\":{:.1f},\"entities\":{},\"claims\":{}",
                                mode, load_s, cpu, rss, num_vertices(kb.graph()), kb.claim_count());
  if (want_queries) out += queries(kb);
  if (!save.empty()) {
    auto t0 = clk::now();
    save_snapshot(kb, save);
    out += fmt::format(",\"save_s\":{:.3f}", seconds(t0, clk::now()));
  }
  fmt::print("{}}}\n", out);
}
