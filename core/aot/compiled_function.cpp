#include "core/aot/compiled_function.h"

#include <stdexcept>

#include "core/aot/runtime_tangents.h"
#include "core/autograd/errors.h"
#include "core/autograd/variable.h"
#include "core/tensor/dispatcher.h"
#include "core/tensor/ops.h"

namespace bwhop::aot {

namespace {

Tensor tensor_or_undefined(const IValue& v) {
  return v.is_tensor() ? v.to_tensor() : Tensor();
}

// A new TensorImpl over the same data: an output that is also an input or a
// saved value must not share autograd state with it.
Tensor alias_of(const Tensor& t) {
  return Tensor::make_view(t, t.sizes(), t.strides(), t.storage_offset());
}

} // namespace

const CompiledGraph& AotArtifacts::compiled_backward() {
  std::call_once(backward_once_, [&] {
    GraphToCompile g{backward_module, attributes, backward_example_inputs, GraphKind::Backward,
                     aot_id};
    compiled_backward_ = backward_compiler ? backward_compiler(g) : interpret_graph(g);
  });
  return compiled_backward_;
}

CompiledFunctionBackward::CompiledFunctionBackward(std::shared_ptr<AotArtifacts> artifacts,
                                                   std::vector<Tensor> saved)
    : artifacts_(std::move(artifacts)), saved_(std::move(saved)) {}

const std::string& CompiledFunctionBackward::name() const {
  static const std::string n = "CompiledFunctionBackward";
  return n;
}

void CompiledFunctionBackward::release_variables() {
  saved_.clear();
  released_ = true;
}

autograd::variable_list CompiledFunctionBackward::apply(autograd::variable_list&& grads) {
  if (released_ && artifacts_->num_saved > 0)
    throw std::runtime_error(autograd::errors::kBackwardTwice);
  const AotArtifacts& a = *artifacts_;
  std::vector<IValue> args;
  args.reserve(saved_.size() + a.num_outputs);
  for (const Tensor& s : saved_) args.emplace_back(s);
  for (std::size_t j = 0; j < a.num_outputs; ++j) {
    if (!a.output_differentiable[j]) continue;
    // Gradients that never arrived are materialized as zeros (materialize_grads).
    // A tangent with another layout than the one the backward was compiled for
    // is coerced first (process_runtime_tangent).
    const std::size_t slot = args.size(); // the tangent's placeholder index
    if (j < grads.size() && grads[j].defined())
      args.emplace_back(coerce_runtime_tangent(grads[j], slot < a.backward_example_inputs.size()
                                                             ? a.backward_example_inputs[slot]
                                                             : IValue()));
    else
      args.emplace_back(tensor::ops::zeros(a.output_info[j].shape, a.output_info[j].dtype));
  }
  std::vector<IValue> outs = artifacts_->compiled_backward()(args);
  if (outs.size() != a.num_inputs)
    throw std::runtime_error("CompiledFunctionBackward: backward graph returned " +
                             std::to_string(outs.size()) + " values for " +
                             std::to_string(a.num_inputs) + " inputs");
  autograd::variable_list result(a.num_inputs);
  for (std::size_t i = 0; i < a.num_inputs; ++i) result[i] = tensor_or_undefined(outs[i]);
  return result;
}

std::vector<Tensor> run_compiled_function(const std::shared_ptr<AotArtifacts>& artifacts,
                                          const std::vector<Tensor>& inputs) {
  const AotArtifacts& a = *artifacts;
  if (inputs.size() != a.num_inputs)
    throw std::invalid_argument("compiled function takes " + std::to_string(a.num_inputs) +
                                " inputs but " + std::to_string(inputs.size()) + " were given");
  std::vector<IValue> args(inputs.begin(), inputs.end());
  std::vector<IValue> raw;
  {
    // autograd.Function.forward runs without recording history.
    tensor::GradModeGuard no_grad(false);
    raw = a.compiled_forward(args);
  }
  if (raw.size() != a.num_outputs + a.num_saved)
    throw std::runtime_error("compiled forward returned " + std::to_string(raw.size()) +
                             " values, expected " + std::to_string(a.num_outputs + a.num_saved));
  std::vector<Tensor> outs;
  outs.reserve(a.num_outputs);
  for (std::size_t j = 0; j < a.num_outputs; ++j) {
    Tensor t = tensor_or_undefined(raw[j]);
    for (const Tensor& in : inputs)
      if (t.defined() && t.is_same(in)) t = alias_of(t);
    outs.push_back(t);
  }

  bool any_input_requires_grad = false;
  for (std::size_t i = 0; i < inputs.size(); ++i)
    any_input_requires_grad |= a.input_requires_grad[i] && autograd::requires_grad(inputs[i]);
  if (a.backward_module == nullptr || !tensor::grad_mode_enabled() || !any_input_requires_grad)
    return outs;

  std::vector<Tensor> saved;
  saved.reserve(a.num_saved);
  for (std::size_t k = 0; k < a.num_saved; ++k) {
    Tensor s = tensor_or_undefined(raw[a.num_outputs + k]);
    // A saved user output must not hold its own grad_fn (a reference cycle).
    for (const Tensor& out : outs)
      if (s.defined() && s.is_same(out)) s = alias_of(s);
    saved.push_back(s);
  }
  auto node = std::make_shared<CompiledFunctionBackward>(artifacts, std::move(saved));
  for (const Tensor& in : inputs)
    node->add_next_edge(autograd::requires_grad(in) ? autograd::gradient_edge(in)
                                                    : autograd::Edge{});
  for (std::size_t j = 0; j < outs.size(); ++j) {
    if (a.output_differentiable[j])
      autograd::set_history(outs[j], node);
    else
      node->add_input_metadata(outs[j]);
  }
  return outs;
}

} // namespace bwhop::aot
