#pragma once
/// \file kb_handle.hpp
/// A shared, swappable reference to "the current knowledge base", for servers that answer queries on many
/// threads while a new knowledge base (a reload, an import) is built on another and swapped in.
///
/// A `knowledge_base` is immutable, so sharing one between threads needs no lock; what needs care is replacing
/// it. Readers `load()` it (a `shared_ptr` to one whole knowledge base) and query that: everything they
/// read comes from one version, old or new, never a mix, and the old version lives until its last reader is
/// done. A swap is a pointer exchange under a small lock, held only to copy or swap a `shared_ptr` (never while a
/// knowledge base is built or destroyed), so readers never wait for a writer's work. Writers that derive the next
/// version from the current one use `update()`, which serialises them so no update is lost.
///
/// (Not `std::atomic<std::shared_ptr>`: libstdc++ 12 implements it with a spin lock that ThreadSanitizer cannot
/// see, so every swap would be reported as a data race.)
///
///     pharmakon::kb_handle current(pharmakon::default_kb());
///     // reader threads
///     auto kb = current.load();
///     auto answer = pharmakon::mechanism_of(*kb, kb->at<pharmakon::drug>("naltrexone"));
///     // a writer thread
///     current.update([&](pharmakon::knowledge_base const& kb) { return pharmakon::try_load_files(paths, &kb).kb; });

#include <memory>
#include <mutex>
#include <optional>
#include <utility>

#include "knowledge_base.hpp"

namespace pharmakon {

class kb_handle {
 public:
  using pointer = std::shared_ptr<knowledge_base const>;

  /// Holds an empty knowledge base.
  kb_handle() : current_(std::make_shared<knowledge_base const>()) {}
  explicit kb_handle(knowledge_base kb) : current_(std::make_shared<knowledge_base const>(std::move(kb))) {}
  /// Holds `kb`; a null pointer holds an empty knowledge base instead.
  explicit kb_handle(pointer kb) : current_(kb ? std::move(kb) : std::make_shared<knowledge_base const>()) {}
  kb_handle(kb_handle const&) = delete;
  kb_handle& operator=(kb_handle const&) = delete;

  /// The current knowledge base (`load`, `store`, `exchange`: the names of `std::atomic`). Query what it returns,
  /// not the handle, so that every answer of one request comes from one version; it stays valid (and unchanged)
  /// however often the handle is swapped meanwhile.
  pointer load() const {
    std::lock_guard lock(m_);
    return current_;
  }
  /// The old name of `load()` (a binary snapshot is something else: io/snapshot).
  [[deprecated("use load()")]] pointer snapshot() const { return load(); }

  /// Publishes `kb` (null: ignored) and returns the previous knowledge base.
  pointer exchange(pointer kb) {
    if (!kb) return load();
    std::lock_guard lock(m_);
    current_.swap(kb);
    return kb;
  }
  /// Publishes `kb`; the previous one is released (and freed, if no reader holds it) outside the lock.
  void store(pointer kb) { (void)exchange(std::move(kb)); }
  void store(knowledge_base kb) { store(std::make_shared<knowledge_base const>(std::move(kb))); }

  /// Publishes `desired` only if the current knowledge base is still `expected` (else sets `expected` to it).
  bool compare_exchange(pointer& expected, pointer desired) {
    if (!desired) return false;
    std::lock_guard lock(m_);
    if (current_ != expected) {
      expected = current_;
      return false;
    }
    current_.swap(desired);  // the old one leaves with `desired`, after the lock is released
    return true;
  }

  /// Derives the next knowledge base from the current one: `f(knowledge_base const&)` returns
  /// `std::optional<knowledge_base>` (nullopt: keep the current one, e.g. a load that failed). Calls of `update`
  /// run one at a time, so two updates never both start from the same version and lose one's changes; readers
  /// are not blocked meanwhile. Returns true if a new knowledge base was published. If `f` throws, nothing changes.
  template <class F>
  bool update(F&& f) {
    std::lock_guard lock(writers_);
    auto cur = load();
    std::optional<knowledge_base> next = std::forward<F>(f)(*cur);
    if (!next) return false;
    store(std::make_shared<knowledge_base const>(std::move(*next)));
    return true;
  }

 private:
  mutable std::mutex m_;  ///< guards current_ (a pointer copy or swap at a time)
  pointer current_;
  std::mutex writers_;    ///< serialises update()
};

}  // namespace pharmakon
