#include "core/aot/aot_autograd.h"

#include "core/aot/aot_log.h"
#include "core/aot/joint_trace.h"
#include "core/aot/partitioner.h"
#include "core/autograd/variable.h"
#include "core/tensor/dispatcher.h"

namespace bwhop::aot {

namespace {

std::vector<IValue> examples_of(const fx::Graph& graph) {
  std::vector<IValue> examples;
  for (const fx::Node* n : graph.nodes()) {
    if (n->op() != fx::OpKind::Placeholder) break;
    const fx::TensorMetaPtr* meta = std::get_if<fx::TensorMetaPtr>(&n->meta_value());
    if (meta == nullptr || *meta == nullptr) {
      examples.emplace_back();
      continue;
    }
    tensor::IntList sizes;
    for (const fx::Dim& d : (*meta)->shape)
      sizes.push_back(std::holds_alternative<int64_t>(d) ? std::get<int64_t>(d) : 0);
    examples.emplace_back(Tensor::empty(sizes, (*meta)->dtype, /*with_storage=*/false));
  }
  return examples;
}

CompiledGraph compile_with(const GraphCompiler& compiler, const GraphToCompile& graph) {
  return compiler ? compiler(graph) : interpret_graph(graph);
}

void fill_metadata(AotArtifacts& a, const std::vector<Tensor>& inputs,
                   const std::vector<Tensor>& outputs) {
  a.num_inputs = inputs.size();
  a.num_outputs = outputs.size();
  for (const Tensor& t : inputs) {
    a.input_info.emplace_back(t);
    a.input_requires_grad.push_back(autograd::requires_grad(t));
  }
  for (const Tensor& t : outputs) a.output_info.emplace_back(t);
}

std::vector<IValue> as_ivalues(const std::vector<Tensor>& tensors) {
  std::vector<IValue> out;
  out.reserve(tensors.size());
  for (const Tensor& t : tensors) out.emplace_back(metadata_only_like(t));
  return out;
}

} // namespace

std::shared_ptr<AotCompiledFunction>
aot_module_simplified(const fx::GraphModule& graph, const std::vector<Tensor>& example_inputs,
                      int64_t aot_id, const AotOptions& options) {
  auto a = std::make_shared<AotArtifacts>();
  a->aot_id = aot_id;
  bool needs_autograd = false;
  for (const Tensor& t : example_inputs) needs_autograd |= autograd::requires_grad(t);
  needs_autograd = needs_autograd && tensor::grad_mode_enabled();

  if (!needs_autograd) {
    InferenceGraph inference = trace_inference(graph, options.attributes, example_inputs);
    a->forward_module = inference.module;
    a->attributes = inference.attributes;
    log_aot_graph("Forward graph", aot_id, *a->forward_module);
    fill_metadata(*a, example_inputs, inference.output_examples);
    a->output_differentiable.assign(a->num_outputs, false);
    a->compiled_forward = compile_with(options.inference_compiler,
                                       {a->forward_module, a->attributes,
                                        as_ivalues(example_inputs), GraphKind::Inference, aot_id});
    return std::make_shared<AotCompiledFunction>(a);
  }

  JointGraph joint = trace_joint(graph, options.attributes, example_inputs);
  PartitionedGraphs parts = default_partition(joint);
  a->forward_module = parts.forward;
  a->backward_module = parts.backward;
  a->attributes = joint.attributes;
  a->num_saved = parts.num_saved;
  fill_metadata(*a, example_inputs, joint.output_examples);
  a->output_differentiable = joint.output_differentiable;
  log_aot_graph("Forward graph", aot_id, *a->forward_module);
  log_aot_graph("Backward graph", aot_id, *a->backward_module);

  a->compiled_forward = compile_with(
      options.forward_compiler,
      {a->forward_module, a->attributes, as_ivalues(example_inputs), GraphKind::Forward, aot_id});
  a->backward_compiler = options.backward_compiler;
  a->backward_example_inputs = examples_of(a->backward_module->graph());
  return std::make_shared<AotCompiledFunction>(a);
}

} // namespace bwhop::aot
