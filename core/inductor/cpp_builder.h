// Compiling generated C++ into a shared object with the system compiler, once per
// distinct source: objects are cached on disk under a hash of the source and the
// command, and kept loaded for the life of the process.
#pragma once

#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string>

namespace bwhop::inductor {

class CompileError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

class KernelLibrary {
public:
  KernelLibrary(void* handle, std::string path) : handle_(handle), path_(std::move(path)) {}
  KernelLibrary(const KernelLibrary&) = delete;
  KernelLibrary& operator=(const KernelLibrary&) = delete;
  // Throws CompileError when the symbol is missing.
  void* symbol(const std::string& name) const;
  const std::string& path() const { return path_; }

private:
  void* handle_; // never closed: kernels may be referenced until exit
  std::string path_;
};

// The cache folder: $BWHOP_INDUCTOR_CACHE_DIR, else $XDG_CACHE_HOME/bwhop/inductor,
// else /tmp/bwhop-inductor-<uid>.
std::string kernel_cache_dir();
// The compile command without file names: $BWHOP_INDUCTOR_CXX (default `c++`)
// followed by `-O2 -shared -fPIC`.
std::string compiler_command();

// Loads the shared object built from `source`, compiling it if no cached copy
// exists. Throws CompileError with the compiler's diagnostics on failure.
std::shared_ptr<const KernelLibrary> load_kernel_library(const std::string& source);

// How many times this process has run the compiler (cache misses).
std::size_t compiler_invocations();

} // namespace bwhop::inductor
