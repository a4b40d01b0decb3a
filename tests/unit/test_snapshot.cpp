// The binary snapshot: a faithful round trip, and corrupt, truncated or foreign files refused without a crash.
#include <doctest/doctest.h>

#include <pharmakon/pharmakon.hpp>

#include "support.hpp"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <random>
#include <thread>

using namespace pharmakon;
using namespace pharmakon::test;
namespace fs = std::filesystem;

namespace {

struct temp_file {
  fs::path path;
  explicit temp_file(std::string const& name)
      : path(fs::temp_directory_path() / fmt::format("pharmakon-snap-{}-{}", ::getpid(), name)) {}
  ~temp_file() {
    std::error_code ec;
    fs::remove(path, ec);
  }
};


/// Everything a query could see, as text, to compare two knowledge bases beyond their content hash.
std::string describe(knowledge_base const& kb) {
  std::string out = fmt::format("{} {} {} {}\n", kb.name(), kb.version(), kb.content_hash(), kb.claim_count());
  for (std::uint32_t c = 0; c < kb.claim_count(); ++c) {
    auto v = kb.claim(claim_id{c});
    out += fmt::format("{} {} {} {} {} {} {}|", to_string(v.kind()), kb.base(v.subject()).id, kb.base(v.object()).id,
                       v.sources().size(), int(v.tier()), v.negated(), v.note());
  }
  for (auto const& c : kb.conflicts()) out += fmt::format("c{} {} {}|", int(c.why), c.first.index(), c.second.index());
  for (auto d : kb.handles<drug>())
    for (auto e : kb.in<rel::modulates_response>(d)) out += fmt::format("pgx {} {}|", kb[e.subject()].id, kb[d].id);
  return out;
}

}  // namespace

TEST_CASE("snapshot: the default knowledge base round-trips exactly") {
  auto const& kb = default_kb();
  temp_file f("default.pkb");
  save_snapshot(kb, f.path);
  CHECK(is_snapshot(f.path));
  auto info = read_snapshot_info(f.path);
  REQUIRE(info);
  CHECK(info->format_version == snapshot_format_version);
  CHECK(info->name == kb.name());
  CHECK(info->content_hash == kb.content_hash());
  CHECK(info->claims == kb.claim_count());
  auto r = try_load_snapshot(f.path);
  REQUIRE_MESSAGE(r, (r.diagnostics.empty() ? "" : r.diagnostics.front().to_string()));
  auto const& back = *r.kb;
  CHECK(back.content_hash() == kb.content_hash());
  CHECK(describe(back) == describe(kb));
  // lookups and typed queries answer alike
  auto n = back.at<drug>("ReVia");
  CHECK(back[n].id == "drug:naltrexone");
  CHECK(back.find<target>("μ") == back.find<target>("MOR"));
  CHECK(back.out<rel::acts_on>(n).count() == kb.out<rel::acts_on>(kb.at<drug>("naltrexone")).count());
  CHECK(back.suggest("naltrexon", node_kind::drug) == kb.suggest("naltrexon", node_kind::drug));
  for (auto d : kb.handles<drug>()) {
    CHECK(back[d].id == kb[d].id);
    CHECK(back[d].region.to_string() == kb[d].region.to_string());
  }
  CHECK(back.conflicts().size() == kb.conflicts().size());
  // a builder started from a loaded snapshot rebuilds the same knowledge base
  CHECK(builder(back).build().content_hash() == kb.content_hash());
  // no temporary file is left next to it
  for (auto const& e : fs::directory_iterator(f.path.parent_path()))
    CHECK(e.path().filename().string().find(f.path.filename().string() + ".tmp") == std::string::npos);
}

TEST_CASE("snapshot: an empty knowledge base round-trips") {
  temp_file f("empty.pkb");
  save_snapshot(knowledge_base{}, f.path);
  auto back = load_snapshot(f.path);
  CHECK(back.claim_count() == 0);
  CHECK(back.content_hash() == knowledge_base{}.content_hash());
  // the empty knowledge base has a content hash like any other (16 hex digits), the one an empty builder gives
  CHECK(knowledge_base{}.content_hash().size() == 16);
  CHECK(knowledge_base{}.content_hash() == builder{}.build().content_hash());
  CHECK(knowledge_base{}.content_hash() != default_kb().content_hash());
}

TEST_CASE("snapshot: truncated, corrupt, foreign and missing files are errors, never crashes") {
  temp_file good("good.pkb"), bad("bad.pkb");
  save_snapshot(default_kb(), good.path);
  auto bytes = read_bytes(good.path);
  auto load_bad = [&](std::string const& b) {
    write_bytes(bad.path, b);
    return try_load_snapshot(bad.path);
  };
  auto expect = [&](load_result const& r, errc code, std::string const& what) {
    CHECK_FALSE(r.kb);
    REQUIRE(!r.diagnostics.empty());
    CHECK(r.diagnostics.front().code == code);
    CHECK_MESSAGE(r.diagnostics.front().to_string().find(what) != std::string::npos, r.diagnostics.front().to_string());
  };
  expect(load_bad(bytes.substr(0, bytes.size() - 100)), errc::corrupt, "truncated");
  expect(load_bad(bytes.substr(0, 10)), errc::corrupt, "a pharmakon snapshot");
  expect(load_bad("[kb]\nname = \"not a snapshot\"\n"), errc::corrupt, "a pharmakon snapshot");
  expect(load_bad(""), errc::corrupt, "a file of 0 bytes");
  // a flipped byte in a section that is copied, not decoded (the forward CSR's columns), is caught by the checksum
  // (one in the serialised block may stop its decoding first: a corrupt error too, without the word "checksum")
  auto flipped = bytes;
  {
    struct section_entry {  // the layout of the section table (io/snapshot/snapshot-inl.hpp)
      std::uint32_t tag, elem_size;
      std::uint64_t offset, bytes;
    };
    detail::snap::header h0;
    std::memcpy(&h0, bytes.data(), sizeof h0);
    std::uint64_t at = 0;
    for (std::uint32_t i = 0; i < h0.sections; ++i) {
      section_entry e;
      std::memcpy(&e, bytes.data() + sizeof h0 + i * sizeof e, sizeof e);
      if (e.tag == 4 && e.bytes > 0) at = e.offset + e.bytes / 2;  // fw_column
    }
    REQUIRE(at > 0);
    flipped[at] ^= 0x5A;
  }
  expect(load_bad(flipped), errc::corrupt, "checksum");
  auto header_flip = bytes;
  header_flip[12] ^= 1;
  expect(load_bad(header_flip), errc::corrupt, "header");
  // a snapshot of another format version says so
  auto other = bytes;
  std::uint32_t v = snapshot_format_version + 1;
  std::memcpy(other.data() + 8, &v, 4);
  detail::snap::header h;
  std::memcpy(&h, other.data(), sizeof h);
  h.header_hash = detail::snap::header_hash(h);
  std::memcpy(other.data(), &h, sizeof h);
  expect(load_bad(other), errc::corrupt, fmt::format("expected snapshot format version {}", snapshot_format_version));
  expect(try_load_snapshot(good.path.string() + ".missing"), errc::io, "readable snapshot");
  CHECK_THROWS_AS(load_snapshot(bad.path), load_error);
  CHECK_FALSE(is_snapshot(good.path.string() + ".missing"));

  // random damage: every truncation point class and random byte flips are refused or, if harmless, load the same
  std::mt19937 rng(7);
  for (int i = 0; i < 150; ++i) {
    auto damaged = bytes;
    if (i % 3 == 0) {
      damaged.resize(std::uniform_int_distribution<std::size_t>(0, bytes.size() - 1)(rng));
    } else {
      for (int k = 0; k < 1 + i % 4; ++k)
        damaged[std::uniform_int_distribution<std::size_t>(0, bytes.size() - 1)(rng)] ^=
            char(1 + std::uniform_int_distribution<int>(0, 254)(rng));
    }
    auto r = load_bad(damaged);
    if (r) CHECK(r.kb->content_hash() == default_kb().content_hash());
    else CHECK(!r.diagnostics.empty());
  }
}

TEST_CASE("snapshot: an unwritable path is an io error and leaves nothing behind") {
  auto dir = fs::temp_directory_path() / fmt::format("pharmakon-no-such-dir-{}", ::getpid());
  try {
    save_snapshot(default_kb(), dir / "x.pkb");
    FAIL("expected an error");
  } catch (error const& e) {
    CHECK(e.code() == errc::io);
  }
  CHECK_FALSE(fs::exists(dir));
}

TEST_CASE("snapshot: a file changed or removed after the load does not touch the knowledge base") {
  temp_file file("after.pkb");
  save_snapshot(default_kb(), file.path);
  auto bytes = read_bytes(file.path);
  auto kb = load_snapshot(file.path);
  auto const before = describe(kb);
  // rewritten in place with garbage, then cut to nothing, then removed: the knowledge base is its own copy
  std::string garbage(bytes.size(), '\x5A');
  write_bytes(file.path, garbage);
  CHECK(describe(kb) == before);
  fs::resize_file(file.path, 0);
  CHECK(describe(kb) == before);
  fs::remove(file.path);
  CHECK(describe(kb) == before);
  CHECK(kb.content_hash() == default_kb().content_hash());
  // and the per-label index of a loaded snapshot is built from its own claims
  CHECK(relation_adjacency_of(kb, relation_kind::related).size() == relation_adjacency_of(default_kb(), relation_kind::related).size());
}

TEST_CASE("snapshot: a file that shrinks or changes while it is loaded is an error or the whole knowledge base") {
  // another thread cuts the file and writes it back again and again while it is loaded: every load is the whole
  // knowledge base, a corrupt error (short read, checksum, size) or an io error, never a crash
  temp_file file("shrinking.pkb");
  save_snapshot(default_kb(), file.path);
  auto const bytes = read_bytes(file.path);
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    for (int i = 0; !stop; ++i) {
      if (i % 2) write_bytes(file.path, bytes);
      else {
        std::error_code ec;
        fs::resize_file(file.path, bytes.size() / (2 + i % 5), ec);
      }
    }
  });
  int whole = 0, errors = 0;
  for (int i = 0; i < 200; ++i) {
    auto r = try_load_snapshot(file.path);
    if (r) {
      ++whole;
      CHECK(r.kb->content_hash() == default_kb().content_hash());
    } else {
      ++errors;
      REQUIRE_FALSE(r.diagnostics.empty());
      auto code = r.diagnostics.front().code;
      CHECK((code == errc::corrupt || code == errc::io));
    }
  }
  stop = true;
  writer.join();
  MESSAGE("loads while the file changed: ", whole, " whole, ", errors, " errors");
  CHECK(whole + errors == 200);
}
