// The two limits that keep one kernel from growing with the graph, as inductor
// applies them (expected values derived by hand from PyTorch's rules):
//  * GraphLowering.run_node realizes a pointwise value whose inner function has
//    more than max(100, config.realize_opcount_threshold = 30) = 100 distinct ops
//    (OpCounterCSE: every distinct load, constant and op counts once).
//  * Scheduler.can_fuse refuses a fusion when len(node1.get_nodes()) +
//    len(node2.get_nodes()) > config.max_fusion_size (64). get_nodes() lists
//    scheduler nodes, i.e. realized buffers; inlined ops do not count. On a chain
//    the adjacent pairs score alike and fuse greedily in graph order, so the
//    buffers split into runs of 64 from the start.
#include <doctest/doctest.h>

#include "core/inductor/compile_fx.h"
#include "core/inductor/config.h"
#include "core/inductor/lowering.h"
#include "tests/inductor/inductor_test_util.h"

using namespace bwhop;
using namespace bwhop::inductor;
using namespace bwhop::inductor::testing;
using tensor::IValue;
using tensor::Tensor;

namespace {

struct Chain {
  std::shared_ptr<fx::GraphModule> module;
  std::vector<fx::Node*> ops; // ops[k] is op k + 1
};

// a_1 = x * y, a_k = a_{k-1} * y; every a_k is returned when `all_outputs`.
Chain mul_chain(int n, bool all_outputs) {
  GraphBuilder b;
  fx::Node* x = b.input("x");
  fx::Node* y = b.input("y");
  Chain c;
  fx::Node* cur = x;
  for (int k = 0; k < n; ++k) c.ops.push_back(cur = b.call("mul.Tensor", {cur, y}));
  std::vector<fx::Argument> outs;
  if (all_outputs)
    for (fx::Node* op : c.ops) outs.emplace_back(op);
  else
    outs.emplace_back(cur);
  c.module = b.finish(std::move(outs));
  return c;
}

// Materialized (scheduler) nodes per kernel: members that got a buffer name.
std::vector<std::size_t> buffers_per_kernel(const LoweredGraph& lg) {
  std::vector<std::size_t> counts;
  for (const Kernel& k : lg.kernels) {
    std::size_t n = 0;
    for (const fx::Node* m : k.members) n += lg.buffer_names[m->id()].empty() ? 0 : 1;
    counts.push_back(n);
  }
  return counts;
}

Tensor eager_chain(const Tensor& x, const Tensor& y, int n) {
  Tensor cur = x;
  for (int k = 0; k < n; ++k) cur = tensor::ops::mul(cur, y);
  return cur;
}

const Tensor kX = tensor_of({0.5, -1.25, 2.0}, {3});
const Tensor kY = tensor_of({1.01, 0.99, -1.0}, {3});

} // namespace

TEST_CASE("200 chained muls that are all outputs: kernels of 64, 64, 64 and 8 buffers") {
  Chain c = mul_chain(200, /*all_outputs=*/true);
  LoweredGraph lg = lower_graph(c.module->graph(), {}, {kX, kY});
  // Every output is realized, so 200 scheduler nodes: ceil(200 / 64) = 4 kernels.
  CHECK(buffers_per_kernel(lg) == std::vector<std::size_t>{64, 64, 64, 8});
  REQUIRE(lg.kernels.size() == 4);
  CHECK(lg.kernels[1].members.front() == c.ops[64]);
  CHECK(lg.kernels[3].members.front() == c.ops[192]);

  auto compiled = compile_fx_inner(c.module, {kX, kY});
  INFO(compiled->fallback_reason());
  REQUIRE(compiled->compiled());
  std::vector<IValue> out = (*compiled)({kX, kY});
  REQUIRE(out.size() == 200);
  CHECK(close(out[63].to_tensor(), eager_chain(kX, kY, 64), 1e-5));
  CHECK(close(out[64].to_tensor(), eager_chain(kX, kY, 65), 1e-5));
  CHECK(close(out[199].to_tensor(), eager_chain(kX, kY, 200), 1e-5));
}

TEST_CASE("max_fusion_size is read from the config on every lowering") {
  ScopedConfig restore;
  config().max_fusion_size = 10;
  Chain c = mul_chain(25, /*all_outputs=*/true);
  LoweredGraph lg = lower_graph(c.module->graph(), {}, {kX, kY});
  CHECK(buffers_per_kernel(lg) == std::vector<std::size_t>{10, 10, 5});
}

TEST_CASE("a 250-op single-use chain is realized where its inner function passes 100 ops") {
  // a_k inlines a_1..a_{k-1}: loads of x and y plus k muls = k + 2 distinct ops,
  // over 100 first at k = 99. The next segment loads a_99 and y: realized again
  // 99 ops later, at a_198. a_250 is the output. All three share one kernel.
  Chain c = mul_chain(250, /*all_outputs=*/false);
  LoweredGraph lg = lower_graph(c.module->graph(), {}, {kX, kY});
  CHECK(lg.buffer_names[c.ops[97]->id()].empty()); // a_98: 100 ops, still inlined
  CHECK(lg.buffer_names[c.ops[98]->id()] == "buf0");
  CHECK(lg.buffer_names[c.ops[196]->id()].empty());
  CHECK(lg.buffer_names[c.ops[197]->id()] == "buf1");
  CHECK(lg.buffer_names[c.ops[249]->id()] == "buf2");
  CHECK(buffers_per_kernel(lg) == std::vector<std::size_t>{3});
  REQUIRE(lg.kernels.size() == 1);
  // a_99 and a_198 are read only inside the kernel: never stored.
  CHECK(lg.kernels[0].outputs == std::vector<const fx::Node*>{c.ops[249]});

  auto compiled = compile_fx_inner(c.module, {kX, kY});
  INFO(compiled->fallback_reason());
  REQUIRE(compiled->compiled());
  CHECK(close((*compiled)({kX, kY})[0].to_tensor(), eager_chain(kX, kY, 250), 1e-5));
}

TEST_CASE("a repeated constant and a repeated load count once in the inner function") {
  // x * y, + 1.0, * y, + 1.0, ...: distinct leaves x, y, 1.0 plus k ops, over
  // 100 first at k = 98 (an add).
  GraphBuilder b;
  fx::Node* x = b.input("x");
  fx::Node* y = b.input("y");
  std::vector<fx::Node*> ops;
  fx::Node* cur = x;
  for (int k = 0; k < 120; ++k)
    ops.push_back(cur = k % 2 == 0 ? b.call("mul.Tensor", {cur, y})
                                   : b.call("add.Tensor", {cur, 1.0}));
  auto gm = b.finish({cur});
  LoweredGraph lg = lower_graph(gm->graph(), {}, {kX, kY});
  CHECK(lg.buffer_names[ops[96]->id()].empty());
  CHECK(lg.buffer_names[ops[97]->id()] == "buf0");
  CHECK(lg.buffer_names[ops[119]->id()] == "buf1");
}
