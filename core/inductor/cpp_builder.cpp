#include "core/inductor/cpp_builder.h"

#include <dlfcn.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <mutex>
#include <sstream>
#include <unordered_map>

namespace bwhop::inductor {

namespace {

namespace fs = std::filesystem;

std::atomic<std::size_t> g_invocations{0};

// FNV-1a: stable across runs and builds, unlike std::hash.
std::string content_hash(const std::string& text) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::shared_ptr<const KernelLibrary> open_library(const fs::path& so) {
  void* handle = dlopen(so.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* err = dlerror();
    throw CompileError("cannot load " + so.string() + ": " + (err ? err : "unknown error"));
  }
  return std::make_shared<const KernelLibrary>(handle, so.string());
}

void compile_to(const std::string& source, const fs::path& dir, const std::string& stem,
                const fs::path& so) {
  const std::string unique = stem + "." + std::to_string(::getpid());
  const fs::path cpp = dir / (unique + ".cpp");
  const fs::path tmp_so = dir / (unique + ".so");
  const fs::path log = dir / (unique + ".log");
  {
    std::ofstream out(cpp);
    out << source;
    if (!out) throw CompileError("cannot write " + cpp.string());
  }
  const std::string cmd = compiler_command() + " -o " + shell_quote(tmp_so.string()) + " " +
                          shell_quote(cpp.string()) + " > " + shell_quote(log.string()) + " 2>&1";
  ++g_invocations;
  const int rc = std::system(cmd.c_str());
  std::error_code ec;
  if (rc != 0) {
    std::string diagnostics = read_file(log);
    fs::remove(log, ec);
    throw CompileError("C++ compiler failed (" + compiler_command() + ", exit " +
                       std::to_string(rc) + "): " + diagnostics.substr(0, 2000));
  }
  // Rename is atomic: concurrent processes never see a half-written object.
  fs::rename(tmp_so, so, ec);
  if (ec) throw CompileError("cannot move " + tmp_so.string() + ": " + ec.message());
  fs::rename(cpp, dir / (stem + ".cpp"), ec);
  fs::remove(log, ec);
}

} // namespace

void* KernelLibrary::symbol(const std::string& name) const {
  void* p = dlsym(handle_, name.c_str());
  if (p == nullptr) throw CompileError("symbol " + name + " missing from " + path_);
  return p;
}

std::string kernel_cache_dir() {
  if (const char* d = std::getenv("BWHOP_INDUCTOR_CACHE_DIR"); d && *d) return d;
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x)
    return (fs::path(x) / "bwhop" / "inductor").string();
  return "/tmp/bwhop-inductor-" + std::to_string(::getuid());
}

std::string compiler_command() {
  const char* cxx = std::getenv("BWHOP_INDUCTOR_CXX");
  return std::string(cxx && *cxx ? cxx : "c++") + " -O2 -shared -fPIC";
}

std::shared_ptr<const KernelLibrary> load_kernel_library(const std::string& source) {
  static std::mutex mutex;
  static std::unordered_map<std::string, std::shared_ptr<const KernelLibrary>> loaded;
  const std::string stem = content_hash(compiler_command() + "\n" + source);
  std::lock_guard<std::mutex> lock(mutex);
  if (auto it = loaded.find(stem); it != loaded.end()) return it->second;
  const fs::path dir = kernel_cache_dir();
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw CompileError("cannot create cache folder " + dir.string() + ": " + ec.message());
  const fs::path so = dir / (stem + ".so");
  if (!fs::exists(so)) compile_to(source, dir, stem, so);
  auto library = open_library(so);
  loaded.emplace(stem, library);
  return library;
}

std::size_t compiler_invocations() {
  return g_invocations.load();
}

} // namespace bwhop::inductor
