// make_fx on generated elementwise chains of 10^3..10^6 ops (t = t * x, then
// t = t + 1.0, alternating), traced with the proxy mode (ops run for real on a
// 2-element float tensor) and printed with print_readable. Reports ns/node for
// tracing, printing and both, and peak heap bytes/node, as a table and as one
// machine-readable `result n=<nodes> key=value ...` line per size. All times are
// process CPU time (the machine is shared). `--sizes 1000,10000` picks the
// sizes. bench/make_fx_torch.sh runs PyTorch's make_fx on the same chains.
// Also built by CMake (target `benches`). To build by hand, from the repo root:
//   g++ -std=c++20 -O2 -I. bench/make_fx_bench.cpp core/tracing/*.cpp core/fx/*.cpp
//   core/fx/passes/*.cpp core/tensor/*.cpp core/autograd/*.cpp core/common/*.cpp
//   -o /tmp/make_fx_bench && /tmp/make_fx_bench
// (one command line).
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "bench/common.h"
#include "core/autograd/autograd_kernel.h"
#include "core/tensor/ops.h"
#include "core/tracing/make_fx.h"

using namespace bwhop;
using tensor::IValue;
using tensor::Tensor;
using tracing::Tree;

namespace {

// CPU time of this process (bench/common.h says why CPU time).
struct Clock {
  using time_point = double;
  static double now() { return bench::process_cpu_ns(); }
};

double ns_since(double t0) {
  return Clock::now() - t0;
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
  std::size_t base = bench::reset_peak();
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
  double peak = static_cast<double>(bench::peak_since(base));
  return {trace_ns, print_ns, peak, text.size()};
}

} // namespace

int main(int argc, char** argv) {
  std::vector<long> sizes = {1000, 10000, 100000, 1000000};
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--no-torch") == 0) continue; // accepted; PyTorch is timed elsewhere
    if (std::strcmp(argv[i], "--sizes") == 0 && i + 1 < argc) {
      sizes.clear();
      for (char* p = argv[++i]; *p != '\0';) {
        char* end = nullptr;
        long n = std::strtol(p, &end, 10);
        if (end == p || n <= 0) {
          std::fprintf(stderr, "make_fx_bench: bad --sizes list '%s'\n", argv[i]);
          return 2;
        }
        sizes.push_back(n);
        p = *end == ',' ? end + 1 : end;
      }
      continue;
    }
    std::fprintf(stderr, "usage: make_fx_bench [--sizes N,N,...]\n");
    return 2;
  }
  autograd::install();
  run_chain(1000); // warm up the op registry and target tables
  std::printf("make_fx: elementwise chains, traced (real tensors) and print_readable\n");
  std::printf("%9s %12s %12s %12s %14s %12s %12s\n", "nodes", "trace ns/n", "print ns/n",
              "total ns/n", "nodes/s", "peak B/node", "eager ns/n");
  std::string machine;
  for (long n : sizes) {
    Result r = run_chain(n);
    double total = r.trace_ns + r.print_ns;
    double eager = eager_ns(n);
    std::printf("%9ld %12.0f %12.0f %12.0f %14.0f %12.0f %12.0f\n", n, r.trace_ns / n,
                r.print_ns / n, total / n, n / (total * 1e-9), r.peak_bytes / n, eager / n);
    char line[256];
    std::snprintf(line, sizeof line,
                  "result n=%ld trace_ns_per_node=%.1f print_ns_per_node=%.1f "
                  "total_ns_per_node=%.1f nodes_per_s=%.0f peak_bytes_per_node=%.1f "
                  "text_bytes=%zu\n",
                  n, r.trace_ns / n, r.print_ns / n, total / n, n / (total * 1e-9),
                  r.peak_bytes / n, r.text_bytes);
    machine += line;
  }
  std::fputs(machine.c_str(), stdout);
  return 0;
}
