// Running traced modules: values, constants, re-tracing under another mode.
#include <doctest/doctest.h>

#include "core/autograd/variable.h"
#include "core/fx/target.h"
#include "core/tracing/callable_target.h"
#include "core/tracing/graph_runner.h"
#include "tests/tracing/tracing_test_util.h"

using namespace bwhop;
using namespace bwhop::tracing;
using namespace bwhop::tracing::testing;
using tensor::IValue;
using tensor::Tensor;
namespace ops = tensor::ops;

namespace {
// f(x, y) = (x * y + 2, [x.sum(), c - x]) with a captured constant c.
TracedModule trace_example(const Tensor& c) {
  auto fn = [&](const std::vector<Tree>& a) {
    const Tensor& x = tensor_of(a[0]);
    const Tensor& y = tensor_of(a[1]);
    Tensor r = ops::add(ops::mul(x, y), IValue(int64_t{2}));
    return Tree::tuple({Tree(r), Tree::list({Tree(ops::sum(x)), Tree(ops::sub(c, x))})});
  };
  return make_fx({"f", {"x", "y"}}, {floats({0.5, 0.5}, true), floats({1, 2})}, fn);
}
} // namespace

TEST_CASE("a traced module computes what the function computes, on new inputs") {
  Tensor c = floats({10, 20});
  TracedModule gm = trace_example(c);
  Tree out = gm({Tree(floats({1, 2})), Tree(floats({3, 4}))});
  REQUIRE(out.kind() == Tree::Kind::Tuple);
  CHECK(values(out.items()[0]) == std::vector<double>{5, 10});
  REQUIRE(out.items()[1].kind() == Tree::Kind::List);
  CHECK(values(out.items()[1].items()[0]) == std::vector<double>{3});
  CHECK(values(out.items()[1].items()[1]) == std::vector<double>{9, 18});
}

TEST_CASE("running a module under a proxy mode traces it again") {
  TracedModule gm = trace_example(floats({10, 20}));
  auto fn = [&](const std::vector<Tree>& a) { return gm(a); };
  TracedModule again = make_fx({"g", {"x", "y"}}, {floats({1, 2}), floats({3, 4})}, fn);
  std::string code = again.module().code();
  CHECK(code.find("mul = torch.ops.aten.mul.Tensor(x_1, y_1)") != std::string::npos);
  CHECK(code.find("sub = torch.ops.aten.sub.Tensor(_tensor_constant0, x_1)") != std::string::npos);
  CHECK(code.find("return (add, [sum_1, sub])") != std::string::npos);
}

TEST_CASE("running records autograd history like eager code") {
  TracedModule gm = trace_example(floats({10, 20}));
  Tree out = gm({Tree(floats({1, 2}, true)), Tree(floats({3, 4}))});
  CHECK(tensor_of(out.items()[0]).requires_grad());
  CHECK(autograd::grad_fn(tensor_of(out.items()[0]))->name() == "AddBackward0");
}

TEST_CASE("wrong input counts and unknown targets are reported") {
  TracedModule gm = trace_example(floats({10, 20}));
  CHECK_THROWS_AS(gm({Tree(floats({1, 2}))}), std::invalid_argument);
  auto graph = std::make_shared<fx::Graph>();
  fx::Node* x = graph->placeholder("x");
  graph->output(graph->call_function(fx::global_function_target("m", "opaque"), {x}));
  CHECK_THROWS_WITH_AS(run_graph(*graph, {}, {Tree(floats({1}))}),
                       "node 'opaque': no executable for target m.opaque", std::runtime_error);
}

TEST_CASE("other targets run through a registered or attached callable") {
  class Scale : public CallableTarget {
  public:
    explicit Scale(double f) : f_(f) {}
    IValue call(const std::vector<IValue>& args, const CallKwargs& kwargs) const override {
      double f = kwargs.empty() ? f_ : kwargs[0].second.to_double();
      return IValue(ops::mul(args.at(0).to_tensor(), IValue(f)));
    }

  private:
    double f_;
  };
  const fx::Target* scale = fx::global_function_target("tests", "scale");
  register_callable(scale, std::make_shared<Scale>(10.0));
  fx::Graph g;
  fx::Node* x = g.placeholder("x");
  fx::Node* a = g.call_function(scale, {x});
  fx::Node* b = g.call_function(scale, {a}, {fx::Kwarg{"factor", 0.5}});
  fx::Node* c = g.call_function(scale, {b});
  attach_callable(*c, std::make_shared<Scale>(-1.0)); // the node's own wins
  g.output(c);
  CHECK(values(run_graph(g, {}, {Tree(floats({1, 2}))})) == std::vector<double>{-5, -10});
}
