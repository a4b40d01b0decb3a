#pragma once
/// \file huge_pages.hpp
/// Internal: vectors backed by transparent huge pages, for the claim columns of big knowledge bases. Not a public
/// API.

#include <cstddef>
#include <vector>

#include "../../config.hpp"

namespace pharmakon::detail {

/// Asks the kernel to back [p, p + n) with huge pages when it is touched (Linux, THP in "madvise" mode): a
/// million-claim array then costs a few dozen page faults instead of thousands. Only whole 2 MiB pages inside the
/// range are advised; elsewhere, or where it is not supported, this does nothing.
PHARMAKON_API PHARMAKON_FUNC void advise_huge_pages(void const* p, std::size_t n) noexcept;

/// `v.assign(first, last)` into fresh memory advised for huge pages.
template <class T>
void assign_huge(std::vector<T>& v, T const* first, T const* last) {
  std::vector<T>().swap(v);
  v.reserve(std::size_t(last - first));
  advise_huge_pages(v.data(), std::size_t(last - first) * sizeof(T));
  v.assign(first, last);
}
/// `v.resize(n)` into fresh memory advised for huge pages (for a vector that is empty).
template <class T>
void resize_huge(std::vector<T>& v, std::size_t n) {
  if (!v.empty() || n * sizeof(T) < (std::size_t(4) << 20)) {
    v.resize(n);
    return;
  }
  v.reserve(n);
  advise_huge_pages(v.data(), n * sizeof(T));
  v.resize(n);
}

}  // namespace pharmakon::detail

#ifdef PHARMAKON_INCLUDE_IMPL
#  include "huge_pages-inl.hpp"
#endif
