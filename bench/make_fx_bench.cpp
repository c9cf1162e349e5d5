// make_fx on generated elementwise chains of 10^3..10^6 ops (t = t * x, then
// t = t + 1.0, alternating), traced with the proxy mode (ops run for real on a
// 2-element float tensor) and printed with print_readable. Reports ns/node for
// tracing, printing and both, and peak heap bytes/node. Where /usr/bin/python3
// has torch, it also times PyTorch's make_fx (trace + print_readable) on the
// 10^3 and 10^4 chains and prints the ratio. All times are process CPU time
// (the machine is shared). Pass --no-torch to skip PyTorch.
// Also built by CMake (target `benches`). To build by hand, from the repo root:
//   g++ -std=c++20 -O2 -I. bench/make_fx_bench.cpp core/tracing/*.cpp core/fx/*.cpp
//   core/fx/passes/*.cpp core/tensor/*.cpp core/autograd/*.cpp core/common/*.cpp
//   -o /tmp/make_fx_bench && /tmp/make_fx_bench
// (one command line; run with --no-torch to skip the PyTorch comparison).
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <time.h>

#include "core/autograd/autograd_kernel.h"
#include "core/tensor/ops.h"
#include "core/tracing/make_fx.h"

namespace {

// Heap accounting through the global allocation functions.
std::atomic<std::size_t> g_live{0};
std::atomic<std::size_t> g_peak{0};

void note_alloc(std::size_t n) {
  std::size_t now = g_live.fetch_add(n) + n;
  std::size_t peak = g_peak.load();
  while (now > peak && !g_peak.compare_exchange_weak(peak, now)) {
  }
}

} // namespace

// The size is stored in front of each block so delete can account for it.
void* operator new(std::size_t n) {
  void* p = std::malloc(n + 16);
  if (p == nullptr) throw std::bad_alloc();
  *static_cast<std::size_t*>(p) = n;
  note_alloc(n);
  return static_cast<char*>(p) + 16;
}
void* operator new[](std::size_t n) {
  return operator new(n);
}
void operator delete(void* p) noexcept {
  if (p == nullptr) return;
  char* base = static_cast<char*>(p) - 16;
  g_live.fetch_sub(*reinterpret_cast<std::size_t*>(base));
  std::free(base);
}
void operator delete[](void* p) noexcept {
  operator delete(p);
}
void operator delete(void* p, std::size_t) noexcept {
  operator delete(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  operator delete(p);
}
void* operator new(std::size_t n, std::align_val_t al) {
  std::size_t a = static_cast<std::size_t>(al);
  char* base = static_cast<char*>(std::aligned_alloc(a, (n + a + a - 1) / a * a));
  if (base == nullptr) throw std::bad_alloc();
  *reinterpret_cast<std::size_t*>(base + a - 16) = n;
  note_alloc(n);
  return base + a;
}
void operator delete(void* p, std::align_val_t al) noexcept {
  if (p == nullptr) return;
  std::size_t a = static_cast<std::size_t>(al);
  char* base = static_cast<char*>(p) - a;
  g_live.fetch_sub(*reinterpret_cast<std::size_t*>(base + a - 16));
  std::free(base);
}
void operator delete(void* p, std::size_t, std::align_val_t al) noexcept {
  operator delete(p, al);
}

using namespace bwhop;
using tensor::IValue;
using tensor::Tensor;
using tracing::Tree;

namespace {

// CPU time of this process: on a shared, loaded machine wall time mostly
// measures the scheduler, so the figures use CPU time.
struct Clock {
  using time_point = double;
  static double now() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
  }
};

double ns_since(double t0) {
  return Clock::now() - t0;
}

// The Python twin of the C++ chain, for PyTorch's timing.
std::string python_program(long n) {
  return "import time, torch\n"
         "from torch.fx.experimental.proxy_tensor import make_fx\n"
         "def f(x):\n"
         "    t = x\n"
         "    for i in range(" +
         std::to_string(n) +
         "):\n"
         "        t = t * x if i % 2 == 0 else t + 1.0\n"
         "    return t\n"
         "x = torch.tensor([0.5, 0.5])\n"
         "t0 = time.process_time()\n"
         "gm = make_fx(f)(x)\n"
         "s = gm.print_readable(False) if 'print_output' in "
         "gm.print_readable.__code__.co_varnames else gm.code\n"
         "print(time.process_time() - t0)\n";
}

// Seconds PyTorch needs, or a negative number when it is not available.
double time_pytorch(long n) {
  std::string path = "/tmp/bwhop_make_fx_bench_" + std::to_string(n) + ".py";
  FILE* f = std::fopen(path.c_str(), "w");
  if (f == nullptr) return -1;
  std::string prog = python_program(n);
  std::fwrite(prog.data(), 1, prog.size(), f);
  std::fclose(f);
  std::string cmd = "/usr/bin/python3 " + path + " 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  if (p == nullptr) return -1;
  char buf[128] = {};
  bool got = std::fgets(buf, sizeof buf, p) != nullptr;
  int status = pclose(p);
  std::remove(path.c_str());
  if (!got || status != 0) return -1;
  return std::atof(buf);
}

// The same chain run eagerly (no mode): the kernels' own cost, for reference.
double eager_ns(long n) {
  Tensor x = tensor::ops::from_doubles({0.5, 0.5}, {2}, tensor::ScalarType::Float);
  double t0 = Clock::now();
  Tensor t = x;
  for (long i = 0; i < n; ++i)
    t = i % 2 == 0 ? tensor::ops::mul(t, x) : tensor::ops::add(t, IValue(1.0));
  return ns_since(t0);
}

struct Result {
  double trace_ns, print_ns, peak_bytes;
  std::size_t text_bytes;
};

Result run_chain(long n) {
  Tensor x = tensor::ops::from_doubles({0.5, 0.5}, {2}, tensor::ScalarType::Float);
  std::size_t base = g_live.load();
  g_peak.store(base);
  auto fn = [&](const std::vector<Tree>& args) {
    Tensor t = args[0].leaf().to_tensor();
    for (long i = 0; i < n; ++i)
      t = i % 2 == 0 ? tensor::ops::mul(t, x) : tensor::ops::add(t, IValue(1.0));
    return Tree(t);
  };
  Clock::time_point t0 = Clock::now();
  tracing::TracedModule gm = tracing::make_fx({"f", {"x"}}, {Tree(x)}, fn);
  double trace_ns = ns_since(t0);
  t0 = Clock::now();
  std::string text = gm.module().print_readable(false);
  double print_ns = ns_since(t0);
  double peak = static_cast<double>(g_peak.load() - base);
  return {trace_ns, print_ns, peak, text.size()};
}

} // namespace

int main(int argc, char** argv) {
  bool with_torch = !(argc > 1 && std::strcmp(argv[1], "--no-torch") == 0);
  autograd::install();
  run_chain(1000); // warm up the op registry and target tables
  std::printf("make_fx: elementwise chains, traced (real tensors) and print_readable\n");
  std::printf("%9s %12s %12s %12s %14s %12s %12s\n", "nodes", "trace ns/n", "print ns/n",
              "total ns/n", "nodes/s", "peak B/node", "eager ns/n");
  double total_small[2] = {0, 0};
  long sizes[] = {1000, 10000, 100000, 1000000};
  for (int k = 0; k < 4; ++k) {
    long n = sizes[k];
    Result r = run_chain(n);
    double total = r.trace_ns + r.print_ns;
    if (k < 2) total_small[k] = total;
    std::printf("%9ld %12.0f %12.0f %12.0f %14.0f %12.0f %12.0f\n", n, r.trace_ns / n,
                r.print_ns / n, total / n, n / (total * 1e-9), r.peak_bytes / n, eager_ns(n) / n);
  }
  if (!with_torch) return 0;
  for (int k = 0; k < 2; ++k) {
    double s = time_pytorch(sizes[k]);
    if (s < 0) {
      std::printf("PyTorch make_fx: not available (/usr/bin/python3 with torch)\n");
      break;
    }
    std::printf("PyTorch make_fx %ld nodes: %.3f s; bwhop is %.0fx faster\n", sizes[k], s,
                s / (total_small[k] * 1e-9));
  }
  return 0;
}
