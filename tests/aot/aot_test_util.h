// Helpers for AOT autograd tests: hand-built graphs shaped like dynamo's output
// (`L_x_` placeholders, `operator.mul` calls, a tuple output) and small tensors.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/autograd/variable.h"
#include "core/fx/graph_module.h"
#include "core/fx/target.h"
#include "core/tensor/dispatcher.h"
#include "core/tensor/op_registry.h"
#include "core/tensor/ops.h"
#include "core/tracing/callable_target.h"

namespace bwhop::aot::testing {

// operator.<name>(a, b) on tensors, as Python's operator module dispatches it.
class TensorBinary : public tracing::CallableTarget {
public:
  explicit TensorBinary(std::string op) : op_(std::move(op)) {}
  tensor::IValue call(const std::vector<tensor::IValue>& args,
                      const tracing::CallKwargs&) const override {
    const tensor::OpDef& op = tensor::op(op_);
    std::vector<tensor::IValue> positional{args.at(0), args.at(1)};
    return tensor::call_op(op, op.schema.bind(positional, {}));
  }

private:
  std::string op_;
};

inline const fx::Target* binary_target(const std::string& python_name, const std::string& aten) {
  const fx::Target* t = fx::operator_target(python_name);
  tracing::register_callable(t, std::make_shared<TensorBinary>(aten));
  return t;
}

// def forward(self, L_x_: "f32[n]", L_y_: "f32[n]"): return (l_x_ <op> l_y_,)
inline std::shared_ptr<fx::GraphModule> binary_dynamo_graph(const std::string& python_name,
                                                            const std::string& aten, int64_t n) {
  auto g = std::make_shared<fx::Graph>();
  fx::Node* x = g->create_node(fx::OpKind::Placeholder, nullptr, "L_x_", {}, {}, "l_x_", nullptr);
  fx::Node* y = g->create_node(fx::OpKind::Placeholder, nullptr, "L_y_", {}, {}, "l_y_", nullptr);
  x->set_tensor_meta(fx::make_tensor_meta(tensor::ScalarType::Float, {n}));
  y->set_tensor_meta(fx::make_tensor_meta(tensor::ScalarType::Float, {n}));
  fx::Node* r = g->call_function(binary_target(python_name, aten), {x, y});
  r->set_tensor_meta(fx::make_tensor_meta(tensor::ScalarType::Float, {n}));
  g->output(fx::Argument::tuple({r}));
  return std::make_shared<fx::GraphModule>(g);
}

inline tensor::Tensor T(std::vector<double> v) {
  int64_t n = static_cast<int64_t>(v.size());
  return tensor::ops::from_doubles(v, {n}, tensor::ScalarType::Float);
}
inline tensor::Tensor leaf(std::vector<double> v) {
  tensor::Tensor t = T(std::move(v));
  autograd::set_requires_grad(t, true);
  return t;
}

} // namespace bwhop::aot::testing
