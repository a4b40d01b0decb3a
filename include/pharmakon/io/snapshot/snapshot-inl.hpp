// The binary snapshot (io layer): save_snapshot, try_load_snapshot.
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "snapshot-inl.hpp holds the out-of-line definitions of snapshot.hpp: include snapshot.hpp (they come with it in a header-only build, and src/pharmakon.cpp compiles them once)"
#endif
#include <cerrno>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <map>
#include <type_traits>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../../graph/builder.hpp"
#include "../../model/entity_fields.hpp"
#include "snapshot.hpp"
#include "../../detail/format.hpp"

namespace pharmakon {

namespace detail::snap {

/// One entry of the section table that follows the header.
struct section {
  std::uint32_t tag;
  std::uint32_t elem_size;
  std::uint64_t offset;
  std::uint64_t bytes;
};
static_assert(sizeof(section) == 24);

enum tag : std::uint32_t {
  blob = 1,  // name, version, hash, paths, entities, sources, notes, regions, payloads
  kind_base,
  fw_rowstart,
  fw_column,
  fw_kind,
  bw_rowstart,
  bw_column,
  bw_claim,
  claim_payload,
  claim_evidence,
  claim_flags,
  evidence,
  claim_sources,
  id_slots,
  source_slots,
  name_index,
  conflicts,
  tag_end
};

/// A 64-bit checksum of a word stream in four independent lanes (so it runs at memory speed).
struct checksum {
  std::array<std::uint64_t, 4> lane{0x6A09E667F3BCC908ull, 0xBB67AE8584CAA73Bull, 0x3C6EF372FE94F82Bull,
                                    0xA54FF53A5F1D36F1ull};
  std::uint64_t words = 0;
  static std::uint64_t step(std::uint64_t h, std::uint64_t w) noexcept {
    h = (h ^ w) * 0x9E3779B97F4A7C15ull;
    return h ^ (h >> 31);
  }
  /// `n` must be a multiple of 8 (sections are padded).
  void add(void const* data, std::size_t n) noexcept {
    auto const* p = static_cast<unsigned char const*>(data);
    std::size_t i = 0;
    while ((words & 3) != 0 && i + 8 <= n) {
      std::uint64_t w;
      std::memcpy(&w, p + i, 8);
      lane[words & 3] = step(lane[words & 3], w);
      ++words;
      i += 8;
    }
    // the lanes in registers (as members they would be stored back on every step)
    std::uint64_t l0 = lane[0], l1 = lane[1], l2 = lane[2], l3 = lane[3];
    for (; i + 32 <= n; i += 32, words += 4) {
      std::uint64_t w[4];
      std::memcpy(w, p + i, 32);
      l0 = step(l0, w[0]);
      l1 = step(l1, w[1]);
      l2 = step(l2, w[2]);
      l3 = step(l3, w[3]);
    }
    lane = {l0, l1, l2, l3};
    for (; i + 8 <= n; i += 8, ++words) {
      std::uint64_t w;
      std::memcpy(&w, p + i, 8);
      lane[words & 3] = step(lane[words & 3], w);
    }
  }
  std::uint64_t finish() const noexcept {
    std::uint64_t h = words;
    for (auto l : lane) h = step(h, l);
    return step(h, 0x5851F42D4C957F2Dull);
  }
};

/// Thrown while decoding; becomes an errc::corrupt diagnostic.
struct corrupt {
  std::string expected, found;
};

// ----- the serialised block -----
class out {
 public:
  std::string data;
  template <class T>
  void pod(T v) {
    static_assert(std::is_trivially_copyable_v<T>);
    data.append(reinterpret_cast<char const*>(&v), sizeof v);
  }
  void u8(std::uint64_t v) { pod(std::uint8_t(v)); }
  void u32(std::uint64_t v) { pod(std::uint32_t(v)); }
  void f64(double v) { pod(v); }
  void str(std::string_view s) {
    u32(s.size());
    data.append(s);
  }
  void opt(std::optional<double> v) {
    u8(v.has_value());
    if (v) f64(*v);
  }
  void opt(std::optional<bool> v) { u8(v ? 1 + *v : 0); }
  void qty(quantity const& q) {
    f64(q.value());
    u8(std::uint8_t(q.unit_of()));
  }
  void opt(std::optional<quantity> const& q) {
    u8(q.has_value());
    if (q) qty(*q);
  }
};

class in {
 public:
  in(char const* p, std::size_t n) : p_(p), end_(p + n) {}
  template <class T>
  T pod() {
    static_assert(std::is_trivially_copyable_v<T>);
    need(sizeof(T));
    T v;
    std::memcpy(&v, p_, sizeof v);
    p_ += sizeof v;
    return v;
  }
  std::uint8_t u8() { return pod<std::uint8_t>(); }
  std::uint32_t u32() { return pod<std::uint32_t>(); }
  double f64() { return pod<double>(); }
  bool flag() {
    auto v = u8();
    if (v > 1) throw corrupt{"a flag (0 or 1)", detail::format("{}", v)};
    return v;
  }
  std::string str() {
    auto n = u32();
    need(n);
    std::string s(p_, n);
    p_ += n;
    return s;
  }
  /// A count of items of at least `min_bytes` each (so a corrupt count cannot ask for more than the file has).
  std::uint32_t count(std::size_t min_bytes = 1) {
    auto n = u32();
    if (std::size_t(n) * min_bytes > std::size_t(end_ - p_))
      throw corrupt{"a count that fits in the file", detail::format("{} items", n)};
    return n;
  }
  template <named_enum E>
  E enumeration() {
    auto v = u8();
    if (v >= enum_table<E>::entries.size()) throw corrupt{"a known enum value", detail::format("{}", v)};
    return enum_values<E>()[v];
  }
  std::optional<double> opt_f64() {
    if (!flag()) return std::nullopt;
    return f64();
  }
  std::optional<bool> opt_bool() {
    auto v = u8();
    if (v > 2) throw corrupt{"an optional flag (0, 1 or 2)", detail::format("{}", v)};
    if (v == 0) return std::nullopt;
    return v == 2;
  }
  quantity qty() {
    double v = f64();
    auto u = u8();
    if (u >= unit_table.size()) throw corrupt{"a known unit", detail::format("{}", u)};
    return quantity{v, unit(u)};
  }
  std::optional<quantity> opt_qty() {
    if (!flag()) return std::nullopt;
    return qty();
  }
  bool done() const { return p_ == end_; }

 private:
  void need(std::size_t n) {
    if (std::size_t(end_ - p_) < n) throw corrupt{"more data in the serialised block", "its end"};
  }
  char const* p_;
  char const* end_;
};

/// Enum values are stored as their index in the enum's name table.
template <named_enum E>
std::uint8_t enum_index(E e) {
  auto values = enum_values<E>();
  for (std::size_t i = 0; i < values.size(); ++i)
    if (values[i] == e) return std::uint8_t(i);
  return 0;
}

struct path_table {
  std::map<std::string const*, std::uint32_t> index;
  std::vector<std::string const*> paths;
  std::uint32_t of(source_region const& r) {
    if (!r.path) return 0;
    auto [it, fresh] = index.try_emplace(r.path.get(), std::uint32_t(paths.size() + 1));
    if (fresh) paths.push_back(r.path.get());
    return it->second;
  }
};

inline void put_region(out& o, path_table& paths, source_region const& r) {
  o.u32(paths.of(r));
  o.u32(r.begin.line);
  o.u32(r.begin.column);
}
inline void put_identifiers(out& o, std::vector<identifier> const& ids) {
  o.u32(ids.size());
  for (auto const& i : ids) {
    o.str(i.scheme);
    o.str(i.value);
  }
}
inline void put_base(out& o, path_table& paths, entity_base const& e) {
  o.str(e.id);
  o.str(e.name);
  o.str(e.lay_name);
  o.u32(e.synonyms.size());
  for (auto const& s : e.synonyms) o.str(s);
  put_identifiers(o, e.ids);
  o.u32(e.sources.size());
  for (auto s : e.sources) o.u32(s.index());
  put_region(o, paths, e.region);
}
/// Writes record fields by their type (model/entity_fields.hpp names them; `decoder` reads them back the same way).
struct encoder {
  out& o;
  void value(std::string const& v) { o.str(v); }
  void value(bool v) { o.u8(v); }
  void value(int v) { o.pod(std::int32_t(v)); }
  template <named_enum E>
  void value(E v) { o.u8(enum_index(v)); }
  void value(quantity const& q) { o.qty(q); }
  void value(source_id v) { o.u32(v.index()); }
  void value(identifier const& v) { o.str(v.scheme); o.str(v.value); }
  template <class T>
  void value(std::optional<T> const& v) {
    o.u8(v.has_value());
    if (v) value(*v);
  }
  template <class T>
  void value(std::vector<T> const& v) {
    o.u32(v.size());
    for (auto const& x : v) value(x);
  }
  template <class T>
    requires requires(encoder& c, T const& r) { visit_fields(c, r); }
  void value(T const& r) { visit_fields(*this, r); }
  template <class T>
  void operator()(std::string_view, T const& v) { value(v); }
};

template <class E>
void put(out& o, path_table& p, E const& e) {
  put_base(o, p, e);
  encoder c{o};
  visit_fields(c, e);
}

inline void put_source(out& o, path_table& p, source const& s) {
  o.str(s.id);
  encoder c{o};
  visit_fields(c, s);
  put_region(o, p, s.region);
}
/// A described payload record (model/describe.hpp): every field in description order.
template <described T>
void put_described(out& o, T const& r) {
  for_each_field(r, [&](std::string_view, auto const& v) {
    using V = std::remove_cvref_t<decltype(v)>;
    if constexpr (std::is_same_v<V, std::string>) o.str(v);
    else if constexpr (std::is_same_v<V, bool>) o.u8(v);
    else if constexpr (std::is_same_v<V, std::optional<bool>>) o.opt(v);
    else o.u8(enum_index(v));
  });
}
inline void put_action(out& o, action const& a) {
  o.u8(enum_index(a.type));
  o.u8(enum_index(a.modality));
  o.opt(a.reversible);
  o.opt(a.surmountable);
  o.opt(a.efficacy);
  o.u32(a.affinities.size());
  for (auto const& af : a.affinities) {
    o.u8(enum_index(af.measure));
    o.opt(af.value);
    o.opt(af.low);
    o.opt(af.high);
    o.u8(af.conc_unit ? 1 + std::uint8_t(*af.conc_unit) : 0);
    o.str(af.species);
    o.u32(af.sources.size());
    for (auto s : af.sources) o.u32(s.index());
  }
}

// ----- reading the block back -----
struct decoder {
  in& i;
  std::vector<std::shared_ptr<const std::string>> paths;
  std::uint32_t source_count = 0;  ///< known after the sources; entity sources are checked against it later

  source_region region() {
    source_region r;
    auto p = i.u32();
    if (p > paths.size()) throw corrupt{"a path index", detail::format("{}", p)};
    if (p) r.path = paths[p - 1];
    r.begin.line = i.u32();
    r.begin.column = i.u32();
    return r;
  }
  std::vector<source_id> source_list() {
    std::vector<source_id> out(i.count(4));
    for (auto& s : out) s = source_id{i.u32()};
    return out;
  }
  std::vector<identifier> identifiers() {
    std::vector<identifier> out(i.count(8));
    for (auto& x : out) {
      x.scheme = i.str();
      x.value = i.str();
    }
    return out;
  }
  void base(entity_base& e) {
    e.id = i.str();
    e.name = i.str();
    e.lay_name = i.str();
    e.synonyms.resize(i.count(4));
    for (auto& s : e.synonyms) s = i.str();
    e.ids = identifiers();
    e.sources = source_list();
    e.region = region();
  }
  // record fields by their type, as `encoder` writes them
  void value(std::string& v) { v = i.str(); }
  void value(bool& v) { v = i.flag(); }
  void value(int& v) { v = i.pod<std::int32_t>(); }
  template <named_enum E>
  void value(E& v) { v = i.template enumeration<E>(); }
  void value(quantity& q) { q = i.qty(); }
  void value(source_id& v) { v = source_id{i.u32()}; }
  void value(identifier& v) {
    v.scheme = i.str();
    v.value = i.str();
  }
  template <class T>
  void value(std::optional<T>& v) {
    v.reset();
    if (!i.flag()) return;
    T x{};
    value(x);
    v = std::move(x);
  }
  template <class T>
  void value(std::vector<T>& v) {
    v.resize(i.count(1));
    for (auto& x : v) value(x);
  }
  template <class T>
    requires requires(decoder& d, T& r) { visit_fields(d, r); }
  void value(T& r) { visit_fields(*this, r); }
  template <class T>
  void operator()(std::string_view, T& v) { value(v); }

  template <class E>
  void get(E& e) {
    base(e);
    visit_fields(*this, e);
  }
  template <described T>
  void get_described(T& r) {
    for_each_field(r, [&](std::string_view, auto& v) {
      using V = std::remove_cvref_t<decltype(v)>;
      if constexpr (std::is_same_v<V, std::string>) v = i.str();
      else if constexpr (std::is_same_v<V, bool>) v = i.flag();
      else if constexpr (std::is_same_v<V, std::optional<bool>>) v = i.opt_bool();
      else v = i.template enumeration<V>();
    });
  }
  source get_source() {
    source s;
    s.id = i.str();
    visit_fields(*this, s);
    s.region = region();
    return s;
  }
  action get_action() {
    action a;
    a.type = i.enumeration<action_type>();
    a.modality = i.enumeration<modality>();
    a.reversible = i.opt_bool();
    a.surmountable = i.opt_bool();
    a.efficacy = i.opt_f64();
    a.affinities.resize(i.count(8));
    for (auto& af : a.affinities) {
      af.measure = i.enumeration<affinity_measure>();
      af.value = i.opt_f64();
      af.low = i.opt_f64();
      af.high = i.opt_f64();
      auto u = i.u8();
      if (u > unit_table.size()) throw corrupt{"a known unit", detail::format("{}", u)};
      if (u) af.conc_unit = unit(u - 1);
      af.species = i.str();
      af.sources = source_list();
    }
    return a;
  }
};

/// Every entity's and affinity's sources must exist; checked once the sources are known.
inline void check_sources(std::vector<source_id> const& list, std::size_t n) {
  for (auto s : list)
    if (s.index() >= n) throw corrupt{"a source index", detail::format("{} of {} sources", s.index(), n)};
}

inline diagnostic diag(std::filesystem::path const& path, errc code, std::string expected, std::string found) {
  return diagnostic{code, source_region::at(path.string()), std::move(expected), std::move(found)};
}

/// A snapshot file, read section by section with pread straight into the knowledge base's arrays (one copy from
/// the page cache; a file truncated while it is read is a short read, a `corrupt` error, never a fault), or a
/// snapshot in memory (the embedded default knowledge base), read in place.
class snapshot_file {
 public:
  snapshot_file() = default;
  snapshot_file(snapshot_file const&) = delete;
  snapshot_file& operator=(snapshot_file const&) = delete;
  ~snapshot_file() {
    if (fd_ >= 0) ::close(fd_);
  }
  /// Empty string on success, else the reason.
  std::string open(std::filesystem::path const& path) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) return std::strerror(errno);
    struct stat st {};
    if (fstat(fd_, &st) != 0) return std::strerror(errno);
    if (!S_ISREG(st.st_mode)) return "not a regular file";
    size_ = std::uint64_t(st.st_size);
    return "";
  }
  /// Reads from `bytes` instead of a file (they must outlive this object and be 8-byte aligned).
  void open_memory(std::span<std::byte const> bytes) noexcept {
    mem_ = reinterpret_cast<char const*>(bytes.data());
    size_ = bytes.size();
  }
  std::uint64_t size() const noexcept { return size_; }
  void read(std::uint64_t offset, void* out, std::size_t n) const {
    if (mem_) {
      if (offset > size_ || n > size_ - offset)
        throw corrupt{detail::format("{} bytes at offset {}", n, offset), "the end of the snapshot"};
      std::memcpy(out, mem_ + offset, n);
      return;
    }
    auto* p = static_cast<char*>(out);
    for (std::size_t done = 0; done < n;) {  // a read may return less than asked (large sections)
      auto got = ::pread(fd_, p + done, n - done, off_t(offset + done));
      if (got < 0 && errno == EINTR) continue;
      if (got <= 0)  // the file shrank since it was opened: an error, never a crash
        throw corrupt{detail::format("{} bytes at offset {}", n, offset),
                      got == 0 ? std::string("the end of the file") : std::string(std::strerror(errno))};
      done += std::size_t(got);
    }
  }
  bool in_memory() const noexcept { return mem_ != nullptr; }

  /// A read-only mapping of [offset, offset + bytes).
  class window {
   public:
    explicit window(char const* data) noexcept : data_(data) {}  // a view of memory (nothing to unmap)
    window(int fd, std::uint64_t offset, std::uint64_t bytes) {
      if (bytes == 0) return;
      auto page = std::uint64_t(sysconf(_SC_PAGESIZE));
      std::uint64_t start = offset / page * page;
      len_ = std::size_t(offset + bytes - start);
      base_ = mmap(nullptr, len_, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, off_t(start));
      if (base_ == MAP_FAILED) {
        base_ = nullptr;
        throw corrupt{"a readable section", std::strerror(errno)};
      }
      data_ = static_cast<char const*>(base_) + (offset - start);
    }
    window(window const&) = delete;
    window& operator=(window const&) = delete;
    ~window() {
      if (base_) munmap(base_, len_);
    }
    char const* data() const noexcept { return data_; }

   private:
    void* base_ = nullptr;
    std::size_t len_ = 0;
    char const* data_ = nullptr;
  };
  window map(std::uint64_t offset, std::uint64_t bytes) const {
    if (mem_) return window(mem_ + offset);  // read_layout checked that the sections lie inside
    return window(fd_, offset, bytes);
  }

 private:
  char const* mem_ = nullptr;
  int fd_ = -1;
  std::uint64_t size_ = 0;
};

inline std::uint64_t padded(std::uint64_t n) { return (n + 7) / 8 * 8; }

/// Reads and checks the header and the section table; the sections come back in file order, checked to tile
/// the file exactly. Throws `corrupt`.
inline std::vector<section> read_layout(snapshot_file const& file, header& h) {
  auto size = file.size();
  char m[sizeof magic] = {};
  if (size >= sizeof magic) file.read(0, m, sizeof m);
  if (size < sizeof(header) || std::memcmp(m, magic, sizeof magic) != 0)
    throw corrupt{"a pharmakon snapshot (a file starting with PHKSNAP)",
                  size < sizeof(header) ? detail::format("a file of {} bytes", size) : std::string("another kind of file")};
  file.read(0, &h, sizeof h);
  if (h.endian != endian_mark) throw corrupt{"a little-endian snapshot", "another byte order"};
  if (header_hash(h) != h.header_hash) throw corrupt{"a snapshot header that matches its checksum", "a corrupt header"};
  if (h.version != snapshot_format_version)
    throw corrupt{detail::format("snapshot format version {}", snapshot_format_version),
                  detail::format("version {} (written by {}); rebuild the snapshot from the source files", h.version,
                              std::string(h.producer, strnlen(h.producer, sizeof h.producer)))};
  if (h.file_size != size)
    throw corrupt{detail::format("a file of {} bytes, as its header says", h.file_size),
                  detail::format("{} bytes ({})", size, size < h.file_size ? "truncated" : "extra data")};
  if (h.sections == 0 || h.sections > 64 || sizeof(header) + std::uint64_t(h.sections) * sizeof(section) > size)
    throw corrupt{"a section table inside the file", detail::format("{} sections", h.sections)};
  std::vector<section> secs(h.sections);
  file.read(sizeof(header), secs.data(), secs.size() * sizeof(section));
  std::uint64_t at = sizeof(header) + secs.size() * sizeof(section);
  for (auto const& s : secs) {
    if (s.tag == 0 || s.tag >= tag_end || s.offset != at || s.bytes > size - s.offset || padded(s.bytes) > size - s.offset)
      throw corrupt{"sections that tile the file", detail::format("section {} at {} (+{} bytes)", s.tag, s.offset, s.bytes)};
    at = s.offset + padded(s.bytes);
  }
  if (at != size) throw corrupt{"sections that tile the file", detail::format("{} bytes after the last", size - at)};
  return secs;
}

}  // namespace detail::snap

PHARMAKON_FUNC void save_snapshot(knowledge_base const& kb, std::filesystem::path const& path) {
  using namespace detail::snap;
  auto const& st = detail::state_of(kb);
  // the serialised block
  out o;
  path_table paths;
  {
    out body;
    body.str(st.name);
    body.str(st.version);
    body.str(st.content_hash);
    std::apply([&](auto const&... t) { ((void)[&] { body.u32(t.size()); for (auto const& e : t) put(body, paths, e); }(), ...); },
               st.entities);
    body.u32(st.sources.size());
    for (auto const& s : st.sources) put_source(body, paths, s);
    body.u32(st.notes.size());
    for (auto const& n : st.notes) body.str(n);
    body.u32(st.regions.size());
    for (auto const& r : st.regions) put_region(body, paths, r);
    body.u32(st.actions.size());
    for (auto const& a : st.actions) put_action(body, a);
    std::apply([&](auto const&... t) {
      ((void)[&] { body.u32(t.size()); for (auto const& a : t) put_described(body, a); }(), ...);
    }, st.payloads);
    body.u32(st.labels.size());
    for (auto const& a : st.labels) body.str(a.label);
    // the paths come first in the file, so the reader can resolve regions as it goes
    o.u32(paths.paths.size());
    for (auto const* p : paths.paths) o.str(*p);
    o.data += body.data;
  }
  std::vector<std::uint32_t> conflict_words;
  for (auto const& c : kb.conflicts()) {
    conflict_words.push_back(std::uint32_t(c.why));
    conflict_words.push_back(c.first.index());
    conflict_words.push_back(c.second.index());
  }
  auto const& g = st.graph;
  struct part {
    tag t;
    std::uint32_t elem;
    void const* data;
    std::size_t bytes;
  };
  auto vec = [](tag t, auto const& v) {
    using T = typename std::decay_t<decltype(v)>::value_type;
    static_assert(std::is_trivially_copyable_v<T>);
    return part{t, std::uint32_t(sizeof(T)), v.data(), v.size() * sizeof(T)};
  };
  std::vector<part> parts{
      part{blob, 1, o.data.data(), o.data.size()},
      part{kind_base, 4, st.kind_base.data(), sizeof st.kind_base},
      vec(fw_rowstart, g.m_forward.m_rowstart),
      vec(fw_column, g.m_forward.m_column),
      vec(fw_kind, g.m_forward.m_edge_properties),
      vec(bw_rowstart, g.m_backward.m_rowstart),
      vec(bw_column, g.m_backward.m_column),
      vec(bw_claim, g.m_backward.m_edge_properties),
      vec(claim_payload, st.claim_payload),
      vec(claim_evidence, st.claim_evidence),
      vec(claim_flags, st.claim_flags),
      vec(evidence, st.evidence),
      vec(claim_sources, st.claim_sources),
      vec(id_slots, st.id_index.slots),
      vec(source_slots, st.source_index.slots),
      vec(name_index, st.name_index),
      vec(conflicts, conflict_words),
  };
  std::vector<section> table;
  std::uint64_t offset = sizeof(header) + parts.size() * sizeof(section);
  for (auto const& p : parts) {
    table.push_back({p.t, p.elem, offset, p.bytes});
    offset += (p.bytes + 7) / 8 * 8;
  }
  header h{};
  std::memcpy(h.magic, magic, sizeof magic);
  h.version = snapshot_format_version;
  h.header_bytes = sizeof(header);
  h.file_size = offset;
  h.sections = std::uint32_t(parts.size());
  h.endian = endian_mark;
  std::string producer = "pharmakon " PHARMAKON_VERSION_STRING;
  std::memcpy(h.producer, producer.data(), std::min(producer.size(), sizeof h.producer));
  checksum cs;
  cs.add(table.data(), table.size() * sizeof(section));
  static constexpr char zeros[8] = {};
  for (auto const& p : parts) {
    std::size_t whole = p.bytes / 8 * 8;
    cs.add(p.data, whole);
    if (p.bytes != whole) {
      char last[8] = {};
      std::memcpy(last, static_cast<char const*>(p.data) + whole, p.bytes - whole);
      cs.add(last, 8);
    }
  }
  h.checksum = cs.finish();
  h.header_hash = header_hash(h);

  // write next to the target, then rename over it
  auto tmp = path;
  tmp += detail::format(".tmp{}", ::getpid());
  auto fail = [&](std::string_view what) {
    int e = errno;
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    throw error(errc::io, detail::format("{}: cannot write the snapshot ({}): {}", path.string(), what, std::strerror(e)));
  };
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) fail("open");
  std::vector<char> buffer(std::size_t(1) << 20);
  std::setvbuf(f, buffer.data(), _IOFBF, buffer.size());
  bool ok = std::fwrite(&h, sizeof h, 1, f) == 1 &&
            std::fwrite(table.data(), sizeof(section), table.size(), f) == table.size();
  for (auto const& p : parts) {
    if (!ok) break;
    ok = p.bytes == 0 || std::fwrite(p.data, 1, p.bytes, f) == p.bytes;
    std::size_t pad = (8 - p.bytes % 8) % 8;
    if (ok && pad) ok = std::fwrite(zeros, 1, pad, f) == pad;
  }
  ok = ok && std::fflush(f) == 0 && ::fsync(fileno(f)) == 0;
  if (std::fclose(f) != 0) ok = false;
  if (!ok) fail("write");
  if (std::rename(tmp.c_str(), path.c_str()) != 0) fail("rename");
}

PHARMAKON_FUNC bool is_snapshot(std::filesystem::path const& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  char m[8] = {};
  bool yes = std::fread(m, 1, 8, f) == 8 && std::memcmp(m, detail::snap::magic, 8) == 0;
  std::fclose(f);
  return yes;
}

namespace detail::snap {

/// Loads the snapshot `file` (opened); `path` names it in diagnostics.
inline load_result load(snapshot_file const& file, std::filesystem::path const& path) {
  load_result result;
  try {
    header h{};
    auto secs = read_layout(file, h);
    std::array<section const*, tag_end> by_tag{};
    for (auto const& s : secs) {
      if (by_tag[s.tag]) throw corrupt{"each section once", detail::format("section {} twice", s.tag)};
      by_tag[s.tag] = &s;
    }
    for (std::uint32_t t = blob; t < tag_end; ++t)
      if (!by_tag[t]) throw corrupt{"every section of a format-1 snapshot", detail::format("no section {}", t)};

    auto st = std::make_shared<detail::kb_state>();
    auto& g = st->graph;
    std::vector<std::uint32_t> kb_vec, conflict_words;
    graph_type::forward_type fw;
    graph_type::backward_type bw;
    checksum cs;
    cs.add(secs.data(), secs.size() * sizeof(section));
    // a damaged serialised block can fail to decode before the checksum is known; that error is kept and
    // reported only if the checksum matches, so damage is reported as a checksum mismatch wherever it lies
    std::optional<corrupt> blob_error;
    // each section in file order: map it, add it to the checksum, copy or decode it
    std::string blob_bytes;
    for (auto const& s : secs) {
      // the serialised block: read whole (from a file into a buffer, from memory in place)
      char const* blob_data = nullptr;
      if (s.tag == blob) {
        if (file.in_memory()) {
          blob_data = file.map(s.offset, padded(s.bytes)).data();
        } else {
          blob_bytes.resize(padded(s.bytes));
          file.read(s.offset, blob_bytes.data(), blob_bytes.size());
          blob_data = blob_bytes.data();
        }
        cs.add(blob_data, padded(s.bytes));
      }
      /// The section as a vector of T: read from the file straight into the vector (pread: a file truncated
      /// meanwhile is a short read, an error, where a mapping would fault), or copied from memory. The checksum
      /// reads the copy just written (still in cache); the last word, with the padding, is read on its own.
      auto take = [&]<class T>(std::vector<T>& v) {
        if (s.elem_size != sizeof(T) || s.bytes % sizeof(T) != 0)
          throw corrupt{detail::format("section {} of {}-byte elements", s.tag, sizeof(T)), detail::format("{} bytes", s.bytes)};
        std::size_t const count = s.bytes / sizeof(T);
        if (file.in_memory()) {
          auto const* first = reinterpret_cast<T const*>(file.map(s.offset, s.bytes).data());
          detail::assign_huge(v, first, first + count);
        } else {
          std::vector<T>().swap(v);
          detail::resize_huge(v, count);
          file.read(s.offset, v.data(), s.bytes);
        }
        std::size_t whole = s.bytes / 8 * 8;
        cs.add(v.data(), whole);
        char last[8] = {};
        file.read(s.offset + whole, last, padded(s.bytes) - whole);
        cs.add(last, padded(s.bytes) - whole);
      };
      switch (tag(s.tag)) {
        case blob: try {
          in i(blob_data, s.bytes);
          decoder d{i, {}, 0};
          d.paths.resize(i.count(4));
          for (auto& p : d.paths) p = std::make_shared<const std::string>(i.str());
          st->name = i.str();
          st->version = i.str();
          st->content_hash = i.str();
          // each table of a tuple (entities, described payloads): its count, then its items
          auto tables = [&](auto& tuple, std::size_t min_bytes, auto const& get_one) {
            std::apply([&](auto&... t) {
              ((void)[&] {
                 t.resize(i.count(min_bytes));
                 for (auto& e : t) get_one(e);
               }(), ...);
            }, tuple);
          };
          tables(st->entities, 20, [&](auto& e) { d.get(e); });
          st->sources.resize(i.count(20));
          for (auto& x : st->sources) x = d.get_source();
          st->notes.resize(i.count(4));
          for (auto& x : st->notes) x = i.str();
          st->regions.resize(i.count(12));
          for (auto& x : st->regions) x = d.region();
          st->actions.resize(i.count(9));
          for (auto& x : st->actions) x = d.get_action();
          tables(st->payloads, 1, [&](auto& x) { d.get_described(x); });
          st->labels.resize(i.count(4));
          for (auto& x : st->labels) x.label = i.str();
          if (!i.done()) throw corrupt{"the end of the serialised block", "more data"};
          break;
        } catch (corrupt& e) {
          blob_error = std::move(e);
          break;
        }
        case kind_base: take(kb_vec); break;
        case fw_rowstart: take(fw.m_rowstart); break;
        case fw_column: take(fw.m_column); break;
        case fw_kind: take(fw.m_edge_properties); break;
        case bw_rowstart: take(bw.m_rowstart); break;
        case bw_column: take(bw.m_column); break;
        case bw_claim: take(bw.m_edge_properties); break;
        case claim_payload: take(st->claim_payload); break;
        case claim_evidence: take(st->claim_evidence); break;
        case claim_flags: take(st->claim_flags); break;
        case evidence: take(st->evidence); break;
        case claim_sources: take(st->claim_sources); break;
        case id_slots: take(st->id_index.slots); break;
        case source_slots: take(st->source_index.slots); break;
        case name_index: take(st->name_index); break;
        case conflicts: take(conflict_words); break;
        case tag_end: break;
      }
    }
    if (cs.finish() != h.checksum)
      throw corrupt{detail::format("checksum {:016x}", h.checksum), detail::format("{:016x}: the file is corrupt", cs.finish())};
    if (blob_error) throw std::move(*blob_error);

    if (st->notes.empty() || st->regions.empty()) throw corrupt{"the empty note and region", "none"};
    auto const nsrc = st->sources.size();
    std::apply([&](auto const&... t) { ((void)[&] { for (auto const& e : t) check_sources(e.sources, nsrc); }(), ...); },
               st->entities);
    for (auto const& d : st->table<drug>()) {
      check_sources(d.site_sources, nsrc);
      if (d.half_life) check_sources(d.half_life->sources, nsrc);
    }
    for (auto const& a : st->actions)
      for (auto const& af : a.affinities) check_sources(af.sources, nsrc);
    auto expect = [](std::string_view what, std::size_t got, std::size_t want) {
      if (got != want) throw corrupt{detail::format("{} {}", want, what), detail::format("{}", got)};
    };

    // vertices
    expect("vertex range bounds", kb_vec.size(), node_kind_count + 1);
    std::size_t kk = 0;
    std::uint64_t total64 = 0;
    std::apply([&](auto const&... t) {
      ((void)[&] {
         if (kb_vec[kk] != total64) throw corrupt{"vertex ranges that match the entity tables", "others"};
         ++kk;
         total64 += t.size();
       }(), ...);
    }, st->entities);
    if (kb_vec[node_kind_count] != total64 || total64 >= 0xFFFFFFFFull)
      throw corrupt{"vertex ranges that match the entity tables", "others"};
    std::copy(kb_vec.begin(), kb_vec.end(), st->kind_base.begin());
    auto const total = std::uint32_t(total64);
    st->graph = graph_type(total);
    detail::fill_vertices(*st);

    // the graph and the claim columns
    g.m_forward = std::move(fw);
    g.m_backward = std::move(bw);
    auto const n = g.m_forward.m_column.size();
    if (n >= 0xFFFFFFFFull) throw corrupt{"fewer than 2^32 claims", detail::format("{}", n)};
    expect("forward row offsets", g.m_forward.m_rowstart.size(), std::size_t(total) + 1);
    expect("backward row offsets", g.m_backward.m_rowstart.size(), std::size_t(total) + 1);
    expect("claim kinds", g.m_forward.m_edge_properties.size(), n);
    expect("in-edge sources", g.m_backward.m_column.size(), n);
    expect("in-edge claims", g.m_backward.m_edge_properties.size(), n);
    expect("claim payloads", st->claim_payload.size(), n);
    expect("claim evidence", st->claim_evidence.size(), n);
    expect("claim flags", st->claim_flags.size(), n);

    // every index in range, so queries on this knowledge base cannot read out of bounds
    auto rows_ok = [&](std::vector<std::uint32_t> const& rs) {
      if (rs.front() != 0 || rs.back() != n) return false;
      for (std::size_t v = 0; v < total; ++v)
        if (rs[v] > rs[v + 1]) return false;
      return true;
    };
    if (!rows_ok(g.m_forward.m_rowstart) || !rows_ok(g.m_backward.m_rowstart))
      throw corrupt{"row offsets that rise to the number of claims", "others"};
    auto below = [](auto const& v, std::uint64_t limit) {
      std::uint32_t worst = 0;
      for (auto x : v) worst = std::max<std::uint32_t>(worst, std::uint32_t(x));
      return v.empty() || worst < limit;
    };
    {
      // one pass over the claims: ends, kinds, payloads, evidence and flags in range
      std::array<std::size_t, relation_kind_count> payload_limit;
      payload_limit.fill(1);
      payload_limit[std::size_t(relation_kind::acts_on)] = st->actions.size();
      for (std::size_t k = 0; k < relation_kind_count; ++k)
        detail::with_described_table(relation_kind(k), st->payloads, [&](auto const& t) { payload_limit[k] = t.size(); });
      payload_limit[std::size_t(relation_kind::related)] = st->labels.size();
      auto const* col = g.m_forward.m_column.data();
      auto const* kinds = g.m_forward.m_edge_properties.data();
      auto const* bcol = g.m_backward.m_column.data();
      auto const* bclaim = g.m_backward.m_edge_properties.data();
      auto const* pay = st->claim_payload.data();
      auto const* ev = st->claim_evidence.data();
      auto const* fl = st->claim_flags.data();
      std::size_t const nev = st->evidence.size();
      // simple reductions, one array at a time, so each loop vectorises
      auto max_of = [n](auto const* a) {
        std::uint32_t m = 0;
        for (std::size_t c = 0; c < n; ++c) m = std::max<std::uint32_t>(m, std::uint32_t(a[c]));
        return m;
      };
      std::uint8_t flag_bits = 0;
      for (std::size_t c = 0; c < n; ++c) flag_bits |= fl[c];
      std::array<std::uint32_t, 256> max_payload{};
      for (std::size_t c = 0; c < n; ++c) {
        auto k = std::uint8_t(kinds[c].kind);
        max_payload[k] = std::max(max_payload[k], pay[c] + 1);
      }
      bool bad = n > 0 && (max_of(col) >= total || max_of(bcol) >= total || max_of(bclaim) >= n || max_of(ev) >= nev ||
                           (flag_bits & ~0x37u) != 0);
      for (std::size_t k = 0; k < 256; ++k)
        bad |= max_payload[k] > 0 && (k >= relation_kind_count || max_payload[k] > payload_limit[k]);
      if (bad) throw corrupt{"claims whose ends, kinds, payloads, evidence and flags exist", "others"};
    }
    for (auto const& ev : st->evidence)
      if (std::uint64_t(ev.src_begin) + ev.src_count > st->claim_sources.size() || ev.note >= st->notes.size() ||
          ev.region >= st->regions.size())
        throw corrupt{"evidence records inside their tables", "others"};
    for (auto s : st->claim_sources)
      if (s.index() >= nsrc) throw corrupt{"claims citing existing sources", "others"};
    if (!below(st->id_index.slots, std::uint64_t(total) + 1) || !below(st->source_index.slots, nsrc + 1))
      throw corrupt{"index slots naming existing entries", "others"};
    auto pow2 = [](std::size_t x) { return x == 0 || (x & (x - 1)) == 0; };
    if (!pow2(st->id_index.slots.size()) || !pow2(st->source_index.slots.size()))
      throw corrupt{"index tables of a power-of-two size", "others"};
    for (auto const& e : st->name_index)
      if (e.vertex >= total) throw corrupt{"name entries naming vertices", "others"};
    if (conflict_words.size() % 3 != 0) throw corrupt{"conflicts as triples", "others"};
    std::vector<conflict> conflicts;
    for (std::size_t k = 0; k < conflict_words.size(); k += 3) {
      if (conflict_words[k] > 1 || conflict_words[k + 1] >= n || conflict_words[k + 2] >= n)
        throw corrupt{"conflicts between existing claims", "others"};
      conflicts.push_back({conflict::reason(conflict_words[k]), claim_id{conflict_words[k + 1]}, claim_id{conflict_words[k + 2]}});
    }
    st->index_labels();  // after the payloads were checked: every related claim's label exists
    result.kb = knowledge_base(std::move(st), std::move(conflicts));
  } catch (corrupt const& c) {
    result.diagnostics.push_back(diag(path, errc::corrupt, c.expected, c.found));
  } catch (std::bad_alloc const&) {
    result.diagnostics.push_back(diag(path, errc::limit, "a snapshot that fits in memory", "too little memory"));
  }
  return result;
}

}  // namespace detail::snap

PHARMAKON_FUNC load_result try_load_snapshot(std::filesystem::path const& path) {
  using namespace detail::snap;
  snapshot_file file;
  if (auto why = file.open(path); !why.empty()) {
    load_result result;
    result.diagnostics.push_back(diag(path, errc::io, "a readable snapshot file", why));
    return result;
  }
  return load(file, path);
}

PHARMAKON_FUNC load_result try_load_snapshot(std::span<std::byte const> bytes, std::string_view name) {
  using namespace detail::snap;
  if (reinterpret_cast<std::uintptr_t>(bytes.data()) % 8 != 0) {
    load_result result;
    result.diagnostics.push_back(diag(std::string(name), errc::io, "snapshot bytes aligned to 8 bytes",
                                      "an unaligned buffer"));
    return result;
  }
  snapshot_file file;
  file.open_memory(bytes);
  return load(file, std::string(name));
}

PHARMAKON_FUNC result<snapshot_info> read_snapshot_info(std::filesystem::path const& path) {
  using namespace detail::snap;
  snapshot_file file;
  if (auto why = file.open(path); !why.empty()) return diag(path, errc::io, "a readable snapshot file", why);
  try {
    header h{};
    auto secs = read_layout(file, h);
    snapshot_info info;
    info.format_version = h.version;
    info.bytes = h.file_size;
    for (auto const& s : secs) {
      if (s.tag == blob) {
        auto w = file.map(s.offset, s.bytes);
        in i(w.data(), s.bytes);
        auto npaths = i.count(4);
        for (std::uint32_t k = 0; k < npaths; ++k) (void)i.str();
        info.name = i.str();
        info.version = i.str();
        info.content_hash = i.str();
      }
      if (s.tag == kind_base && s.bytes == 4 * (node_kind_count + 1)) {
        std::uint32_t last;
        file.read(s.offset + 4 * node_kind_count, &last, 4);
        info.entities = last;
      }
      if (s.tag == fw_column) info.claims = s.bytes / 4;
    }
    return info;
  } catch (corrupt const& c) {
    return diag(path, errc::corrupt, c.expected, c.found);
  }
}

}  // namespace pharmakon
