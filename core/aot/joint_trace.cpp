#include "core/aot/joint_trace.h"

#include <stdexcept>
#include <string>

#include "core/autograd/autograd_kernel.h"
#include "core/autograd/engine.h"
#include "core/autograd/variable.h"
#include "core/tensor/dispatcher.h"
#include "core/tracing/graph_runner.h"

namespace bwhop::aot {

namespace {

using tracing::Tree;

// The user graph's result as flat tensors.
std::vector<Tensor> output_tensors(const Tree& result) {
  std::vector<Tensor> outs;
  result.for_each_leaf([&](const tensor::IValue& v) {
    if (!v.is_tensor() || !v.to_tensor().defined())
      throw std::invalid_argument("AOT autograd: graph output " + v.repr() + " is not a tensor");
    outs.push_back(v.to_tensor());
  });
  return outs;
}

std::vector<Tree> as_trees(const std::vector<Tensor>& tensors) {
  return std::vector<Tree>(tensors.begin(), tensors.end());
}

// Placeholders created after the forward ran must still precede its nodes.
fx::Graph::InsertPoint before_first_computation(fx::Graph& g, fx::Node* last_placeholder) {
  fx::Node* first = last_placeholder ? last_placeholder->next() : g.first_node();
  if (first == nullptr || first->op() == fx::OpKind::Root) return g.inserting_after(nullptr);
  return g.inserting_before(first);
}

} // namespace

Tensor metadata_only_like(const Tensor& t) {
  Tensor out = Tensor::empty(t.sizes(), t.dtype(), /*with_storage=*/false);
  out.impl()->strides = t.strides();
  out.impl()->storage_offset = t.storage_offset();
  out.impl()->device = t.device();
  return out;
}

JointGraph trace_joint(const fx::GraphModule& user, const tracing::TensorAttributes& attributes,
                       const std::vector<Tensor>& example_inputs) {
  autograd::install();
  auto mode = std::make_shared<tracing::ProxyMode>();
  fx::Graph& g = mode->graph();
  JointGraph joint;
  joint.graph = mode->shared_graph();

  std::vector<Tensor> primals;
  std::vector<Tensor> diff_inputs;
  std::vector<std::size_t> diff_input_index;
  for (std::size_t i = 0; i < example_inputs.size(); ++i) {
    Tensor p = metadata_only_like(example_inputs[i]);
    if (autograd::requires_grad(example_inputs[i])) {
      autograd::set_requires_grad(p, true);
      diff_inputs.push_back(p);
      diff_input_index.push_back(i);
    }
    fx::Node* ph = g.placeholder("primals_" + std::to_string(i + 1));
    mode->track(p, ph);
    primals.push_back(p);
    joint.primals.push_back(ph);
  }

  std::vector<Tensor> outs;
  std::vector<Tensor> diff_outs;
  std::vector<Tensor> tangents;
  std::vector<Tensor> grads;
  {
    tensor::GradModeGuard grad_on(true);
    tensor::ModeGuard on(mode);
    outs = output_tensors(tracing::run_graph(user.graph(), attributes, as_trees(primals)));
    {
      fx::Node* last = joint.primals.empty() ? nullptr : joint.primals.back();
      fx::Graph::InsertPoint at = before_first_computation(g, last);
      for (const Tensor& out : outs) {
        bool diff = autograd::requires_grad(out) && tensor::is_floating(out.dtype());
        joint.output_differentiable.push_back(diff);
        if (!diff) continue;
        Tensor tangent = metadata_only_like(out);
        fx::Node* ph = g.placeholder("tangents_" + std::to_string(tangents.size() + 1));
        mode->track(tangent, ph);
        joint.tangents.push_back(ph);
        tangents.push_back(tangent);
        diff_outs.push_back(out);
      }
    }
    if (!diff_outs.empty() && !diff_inputs.empty())
      grads = autograd::grad(diff_outs, diff_inputs, tangents, /*retain_graph=*/false,
                             /*create_graph=*/false, /*allow_unused=*/true);
  }

  for (const Tensor& out : outs) {
    joint.forward_outputs.push_back(mode->node_for(out));
    joint.output_examples.push_back(metadata_only_like(out));
  }
  joint.gradients.assign(example_inputs.size(), nullptr);
  for (std::size_t k = 0; k < grads.size(); ++k)
    if (grads[k].defined()) joint.gradients[diff_input_index[k]] = mode->node_for(grads[k]);

  std::vector<fx::Argument> fw;
  for (fx::Node* n : joint.forward_outputs) fw.emplace_back(n);
  std::vector<fx::Argument> bw;
  for (fx::Node* n : joint.gradients) bw.emplace_back(n);
  g.output(
      fx::Argument::tuple({fx::Argument::list(std::move(fw)), fx::Argument::list(std::move(bw))}));
  joint.attributes = std::make_shared<const tracing::TensorAttributes>(mode->take_attributes());
  return joint;
}

InferenceGraph trace_inference(const fx::GraphModule& user,
                               const tracing::TensorAttributes& attributes,
                               const std::vector<Tensor>& example_inputs) {
  autograd::install();
  auto mode = std::make_shared<tracing::ProxyMode>();
  fx::Graph& g = mode->graph();
  std::vector<Tensor> args;
  for (std::size_t i = 0; i < example_inputs.size(); ++i) {
    Tensor a = metadata_only_like(example_inputs[i]);
    // make_fx's fake_signature names flat arguments arg<i> and each leaf `_1`.
    mode->track(a, g.placeholder("arg" + std::to_string(i) + "_1"));
    args.push_back(a);
  }
  std::vector<Tensor> outs;
  {
    tensor::GradModeGuard grad_off(false);
    tensor::ModeGuard on(mode);
    outs = output_tensors(tracing::run_graph(user.graph(), attributes, as_trees(args)));
  }
  std::vector<fx::Argument> result;
  InferenceGraph inference;
  for (const Tensor& out : outs) {
    result.emplace_back(mode->node_for(out));
    inference.output_examples.push_back(metadata_only_like(out));
  }
  g.output(fx::Argument::tuple(std::move(result)));
  inference.module = std::make_shared<fx::GraphModule>(mode->shared_graph());
  inference.attributes = std::make_shared<const tracing::TensorAttributes>(mode->take_attributes());
  return inference;
}

} // namespace bwhop::aot
