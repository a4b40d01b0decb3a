// Out-of-line definitions of huge_pages.hpp (graph storage, internal).
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "huge_pages-inl.hpp holds the out-of-line definitions of huge_pages.hpp: include huge_pages.hpp (they come with it in a header-only build, and src/pharmakon.cpp compiles them once)"
#endif
#include <cstdint>

#if defined(__linux__)
#  include <sys/mman.h>
#endif

#include "huge_pages.hpp"

namespace pharmakon::detail {

PHARMAKON_FUNC void advise_huge_pages(void const* p, std::size_t n) noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t huge = std::uintptr_t(2) << 20;
  auto begin = (reinterpret_cast<std::uintptr_t>(p) + huge - 1) & ~(huge - 1);
  auto end = (reinterpret_cast<std::uintptr_t>(p) + n) & ~(huge - 1);
  if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)p;
  (void)n;
#endif
}

}  // namespace pharmakon::detail
