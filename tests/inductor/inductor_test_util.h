// Helpers for inductor tests: aten graphs built by hand (as AOT autograd emits
// them) and eager reference results through the dispatcher.
#pragma once

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "core/fx/graph_module.h"
#include "core/fx/target.h"
#include "core/tensor/dispatcher.h"
#include "core/tensor/op_registry.h"
#include "core/tensor/ops.h"

namespace bwhop::inductor::testing {

// `torch.ops.aten.<name>.<overload>` for a qualified `mul.Tensor` / `neg.default`.
inline const fx::Target* aten(const std::string& qualified) {
  std::size_t dot = qualified.find('.');
  if (dot == std::string::npos) return fx::aten_target("aten", qualified, "default");
  return fx::aten_target("aten", qualified.substr(0, dot), qualified.substr(dot + 1));
}

struct GraphBuilder {
  std::shared_ptr<fx::Graph> graph = std::make_shared<fx::Graph>();

  fx::Node* input(const std::string& name) { return graph->placeholder(name); }
  fx::Node* call(const std::string& qualified, fx::Args args, fx::Kwargs kwargs = {}) {
    return graph->call_function(aten(qualified), std::move(args), std::move(kwargs));
  }
  std::shared_ptr<fx::GraphModule> finish(std::vector<fx::Argument> outputs) {
    graph->output(fx::Argument::tuple(std::move(outputs)));
    return std::make_shared<fx::GraphModule>(graph);
  }
};

inline tensor::Tensor tensor_of(std::vector<double> values, tensor::IntList sizes,
                                tensor::ScalarType dtype = tensor::ScalarType::Float) {
  return tensor::ops::from_doubles(values, sizes, dtype);
}

// Eager result of one op on positional arguments.
inline tensor::Tensor eager(const std::string& qualified, std::vector<tensor::IValue> args) {
  const tensor::OpDef& op = tensor::op(qualified);
  return tensor::call_op(op, op.schema.bind(args, {})).to_tensor();
}

// Same sizes, dtype and values within a relative tolerance (libm float vs double).
inline bool close(const tensor::Tensor& a, const tensor::Tensor& b, double rtol = 1e-6) {
  if (a.sizes() != b.sizes() || a.dtype() != b.dtype()) return false;
  for (int64_t i = 0; i < a.numel(); ++i) {
    double x = a.double_at(i), y = b.double_at(i);
    if (std::abs(x - y) > rtol * std::max(1.0, std::abs(y))) return false;
  }
  return true;
}

} // namespace bwhop::inductor::testing
