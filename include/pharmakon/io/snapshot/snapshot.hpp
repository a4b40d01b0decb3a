#pragma once
/// \file snapshot.hpp
/// A binary snapshot of a frozen knowledge base, so a large graph loads in milliseconds the second time.
///
/// The file holds the graph exactly as it is in memory: the CSR arrays, the claim columns and the indexes are
/// stored as raw little-endian arrays (8-byte aligned sections, so the file could be memory-mapped), and the
/// entities, sources and payloads in a compact serialised block. A header carries a magic number, the format
/// version, the file size and a 64-bit checksum of everything after it. Loading checks the header, the
/// checksum and every index in the file before it builds anything, so a truncated, corrupt or foreign file is a
/// `load_error` with `errc::corrupt` (or `errc::io`), never a crash. Saving writes a temporary file next to the
/// target and renames it, so a reader never sees half a snapshot.
///
/// Snapshots are for speed, not exchange: the format may change between pharmakon versions (a snapshot of
/// another format version is refused with a message saying so); keep the source files and export KGX for that.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "../../config.hpp"
#include "../../error.hpp"
#include "../../graph/knowledge_base.hpp"
#include "../kb_file/loader.hpp"

namespace pharmakon {

/// The snapshot format this pharmakon writes and reads.
/// 2: drug classes, metabolism, stated interactions; 3: lay names, drug half-lives, source date and version;
/// 4: a source's identifiers as a list of (scheme, value); 5: a regimen's labeled maximum daily dose (`max_daily`);
/// 6: the ages of a regimen and of a warning (`min_age`, `max_age`), and the unit `y`
inline constexpr std::uint32_t snapshot_format_version = 6;

namespace detail::snap {
inline constexpr char magic[8] = {'P', 'H', 'K', 'S', 'N', 'A', 'P', '\0'};
inline constexpr std::uint32_t endian_mark = 0x01020304u;

/// The fixed header at offset 0 of a snapshot; all integers little-endian. A section table follows it, then the
/// sections, each 8-byte aligned (see snapshot-inl.hpp).
struct header {
  char magic[8];
  std::uint32_t version;
  std::uint32_t header_bytes;
  std::uint64_t file_size;
  std::uint32_t sections;
  std::uint32_t endian;
  std::uint64_t checksum;     ///< over bytes [sizeof(header), file_size)
  std::uint64_t header_hash;  ///< over the bytes before this field
  char producer[16];          ///< "pharmakon x.y.z"
};
static_assert(sizeof(header) == 64);

inline std::uint64_t header_hash(header const& h) {
  return hash_bytes(reinterpret_cast<char const*>(&h), offsetof(header, header_hash));
}
}  // namespace detail::snap

/// What a snapshot file says about itself (from its header and metadata, without loading the graph).
struct snapshot_info {
  std::uint32_t format_version = 0;
  std::uint64_t bytes = 0;
  std::string name;
  std::string version;
  std::string content_hash;
  std::uint64_t entities = 0;
  std::uint64_t claims = 0;
};

/// Writes `kb` to `path` (through a temporary file and a rename). Throws `error` (errc::io) if it cannot.
PHARMAKON_API PHARMAKON_FUNC void save_snapshot(knowledge_base const& kb, std::filesystem::path const& path);

/// Loads a snapshot. Never throws for bad input: a missing, truncated, corrupt or foreign file gives diagnostics.
PHARMAKON_API PHARMAKON_FUNC load_result try_load_snapshot(std::filesystem::path const& path);

/// Loads a snapshot held in memory (e.g. embedded in a program); `bytes` must be 8-byte aligned and are only read
/// during the call. `name` stands for the file in diagnostics.
PHARMAKON_API PHARMAKON_FUNC load_result try_load_snapshot(std::span<std::byte const> bytes, std::string_view name = "<memory>");

/// Like `try_load_snapshot`, but throws `load_error`.
inline knowledge_base load_snapshot(std::filesystem::path const& path) {
  return try_load_snapshot(path).value_or_throw();
}

/// True if the file starts with the snapshot magic number (whatever its version); for tools that accept both
/// snapshots and knowledge-base files.
PHARMAKON_API PHARMAKON_FUNC bool is_snapshot(std::filesystem::path const& path);

/// Reads a snapshot's header and metadata; diagnostics (io, corrupt) if it is not a readable snapshot.
PHARMAKON_API PHARMAKON_FUNC result<snapshot_info> read_snapshot_info(std::filesystem::path const& path);

}  // namespace pharmakon

#ifdef PHARMAKON_INCLUDE_IMPL
#  include "snapshot-inl.hpp"
#endif
