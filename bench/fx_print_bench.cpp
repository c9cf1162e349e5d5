// Builds make_fx-style elementwise chains of 10^3..10^6 nodes and prints them
// with print_readable, reporting ns/node and peak heap bytes/node per size.
// Built by the CMake target `benches` (make bench); it needs only core/fx, so it
// also compiles by hand: g++ -std=c++20 -O2 -I. bench/fx_print_bench.cpp
// core/fx/*.cpp core/fx/passes/*.cpp core/tensor/scalar_type.cpp
#include <cstdio>
#include <memory>
#include <string>

#include "bench/common.h"
#include "core/fx/graph.h"
#include "core/fx/graph_module.h"
#include "core/fx/target.h"

using namespace bwhop::fx;
namespace {

// CPU time of this thread (bench/common.h says why CPU time).
double cpu_ns() {
  return bwhop::bench::thread_cpu_ns();
}

struct Result {
  double build_ns, print_ns;
  std::size_t peak_bytes, text_bytes;
};

Result run(std::size_t n) {
  std::size_t base_live = bwhop::bench::reset_peak();
  double t0 = cpu_ns();
  auto graph = std::make_shared<Graph>();
  Graph& g = *graph;
  TensorMetaPtr meta = make_tensor_meta(bwhop::tensor::ScalarType::Float, {8});
  Node* x = g.placeholder("x_1");
  x->set_tensor_meta(meta);
  const Target* ops[] = {aten_target("aten", "mul", "Tensor"), aten_target("aten", "add", "Tensor"),
                         aten_target("aten", "sin", "default")};
  Node* prev = x;
  for (std::size_t i = 0; i < n; ++i) {
    const Target* op = ops[i % 3];
    Node* node = op == ops[2] ? g.call_function(op, {prev}, {}, op->overload_packet())
                              : g.call_function(op, {prev, x}, {}, op->overload_packet());
    node->set_tensor_meta(meta);
    prev = node;
  }
  g.output(prev);
  double build = cpu_ns() - t0;
  double t1 = cpu_ns();
  GraphModule gm(graph, "f");
  std::string text = gm.print_readable(false);
  double print = cpu_ns() - t1;
  Result r{build, print, bwhop::bench::peak_since(base_live), text.size()};
  if (text.find("return sin") == std::string::npos &&
      text.find("return mul") == std::string::npos && text.find("return add") == std::string::npos)
    std::fprintf(stderr, "unexpected output\n");
  return r;
}

} // namespace

int main() {
  std::printf("%10s %12s %12s %12s %14s %12s\n", "nodes", "build ns/n", "print ns/n", "total ns/n",
              "nodes/s", "peak B/node");
  for (std::size_t n : {1000u, 10000u, 100000u, 1000000u}) {
    run(n); // warm-up
    Result r = run(n);
    for (int rep = 0; rep < 2; ++rep) { // best of three
      Result again = run(n);
      if (again.build_ns + again.print_ns < r.build_ns + r.print_ns) r = again;
    }
    double total = (r.build_ns + r.print_ns) / static_cast<double>(n);
    std::printf("%10zu %12.1f %12.1f %12.1f %14.0f %12.1f\n", n, r.build_ns / n, r.print_ns / n,
                total, 1e9 / total, static_cast<double>(r.peak_bytes) / n);
  }
  return 0;
}
