#include "core/inductor/compile_fx.h"

#include <stdexcept>

#include "core/common/artifacts.h"
#include "core/inductor/aten_call.h"
#include "core/inductor/cpp_codegen.h"
#include "core/inductor/lowering.h"
#include "core/tensor/dispatcher.h"
#include "core/tensor/tensor.h"

namespace bwhop::inductor {

namespace {

using EntryFn = void (*)(void* const*);

// assert_size_stride: kernels index with the geometry they were compiled for.
// The stride of a size-1 dimension is never used, so it may differ.
bool same_geometry(const Tensor& t, const ValueInfo& expected) {
  if (t.sizes() != expected.sizes || t.dtype() != expected.dtype) return false;
  for (std::size_t d = 0; d < expected.sizes.size(); ++d)
    if (expected.sizes[d] != 1 && t.strides()[d] != expected.strides[d]) return false;
  return true;
}

void check_geometry(const Tensor& t, const ValueInfo& expected, const std::string& name) {
  if (same_geometry(t, expected)) return;
  throw std::runtime_error(
      "inductor: '" + name + "' has size " + tensor::sizes_str(t.sizes()) + ", stride " +
      tensor::sizes_str(t.strides()) + ", dtype " +
      std::string(tensor::scalar_type_name(t.dtype())) + " but the kernel was compiled for size " +
      tensor::sizes_str(expected.sizes) + ", stride " + tensor::sizes_str(expected.strides) +
      ", dtype " + std::string(tensor::scalar_type_name(expected.dtype)));
}

} // namespace

std::vector<IValue> CompiledFxGraph::operator()(const std::vector<IValue>& inputs) const {
  if (!compiled()) return fallback_(inputs);
  return run_compiled(inputs);
}

std::vector<IValue> CompiledFxGraph::run_compiled(const std::vector<IValue>& inputs) const {
  const LoweredGraph& lg = lowered_;
  if (inputs.size() != lg.placeholders.size())
    throw std::invalid_argument("graph takes " + std::to_string(lg.placeholders.size()) +
                                " inputs but " + std::to_string(inputs.size()) + " were given");
  std::vector<IValue> slots(lg.values.size());
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const fx::Node* p = lg.placeholders[i];
    if (lg.values[p->id()].is_tensor) {
      if (!inputs[i].is_tensor())
        throw std::invalid_argument("inductor: input '" + lg.buffer_names[p->id()] +
                                    "' must be a tensor");
      check_geometry(inputs[i].to_tensor(), lg.values[p->id()], lg.buffer_names[p->id()]);
    }
    slots[p->id()] = inputs[i];
  }
  if (graph_.attributes)
    for (const fx::Node* n : graph_.module->graph().nodes())
      if (n->op() == fx::OpKind::GetAttr)
        slots[n->id()] = *graph_.attributes->find(n->target_name());
  NodeValue value = [&slots](const fx::Node* n) -> const IValue& { return slots[n->id()]; };
  std::vector<void*> pointers;
  for (const Step& step : lg.steps) {
    if (step.kind == Step::Kind::Extern) {
      const fx::Node& n = *step.node;
      if (is_getitem(n))
        slots[n.id()] = getitem_value(n, value);
      else {
        const tensor::OpDef& op = *aten_op_of(n);
        slots[n.id()] = tensor::call_op(op, bind_aten_args(n, op, value));
      }
      continue;
    }
    const Kernel& k = lg.kernels[step.kernel];
    pointers.clear();
    for (const fx::Node* in : k.inputs) {
      const Tensor& t = slots[in->id()].to_tensor();
      check_geometry(t, lg.values[in->id()], lg.buffer_names[in->id()]);
      pointers.push_back(t.raw_data());
    }
    for (const fx::Node* out : k.outputs) {
      const ValueInfo& info = lg.values[out->id()];
      Tensor t = Tensor::empty(info.sizes, info.dtype);
      pointers.push_back(t.raw_data());
      slots[out->id()] = std::move(t);
    }
    entries_[step.kernel](pointers.data());
  }
  std::vector<IValue> results;
  for_each_output_leaf(lg.output->args().at(0), [&](const fx::Argument& a) {
    if (const fx::Node* n = a.node())
      results.push_back(slots[n->id()]);
    else if (a.is_none())
      results.emplace_back();
    else if (const int64_t* i = a.get_if<int64_t>())
      results.emplace_back(*i);
    else if (const double* d = a.get_if<double>())
      results.emplace_back(*d);
    else if (const bool* b = a.get_if<bool>())
      results.emplace_back(*b);
    else
      throw std::runtime_error("inductor: unsupported constant graph output");
  });
  return results;
}

std::shared_ptr<const CompiledFxGraph> compile_fx_inner(const aot::GraphToCompile& graph) {
  auto compiled = std::make_shared<CompiledFxGraph>();
  compiled->graph_ = graph;
  if (!compiled->graph_.attributes)
    compiled->graph_.attributes = std::make_shared<const tracing::TensorAttributes>();
  try {
    compiled->lowered_ =
        lower_graph(graph.module->graph(), *compiled->graph_.attributes, graph.example_inputs);
    compiled->output_code_ = output_code(compiled->lowered_);
    compiled->source_ = module_source(compiled->lowered_);
    if (!compiled->lowered_.kernels.empty()) {
      compiled->library_ = load_kernel_library(compiled->source_);
      for (const Kernel& k : compiled->lowered_.kernels)
        compiled->entries_.push_back(
            reinterpret_cast<EntryFn>(compiled->library_->symbol(entry_symbol(k))));
    }
  } catch (const Unsupported& e) {
    compiled->fallback_reason_ = e.what();
  } catch (const CompileError& e) {
    compiled->fallback_reason_ = e.what();
  }
  if (!compiled->compiled()) {
    compiled->output_code_.clear();
    compiled->fallback_ = aot::interpret_graph(compiled->graph_);
    return compiled;
  }
  common::record_artifact("output_code", compiled->output_code_);
  return compiled;
}

std::shared_ptr<const CompiledFxGraph> compile_fx_inner(std::shared_ptr<fx::GraphModule> module,
                                                        const std::vector<IValue>& example_inputs) {
  aot::GraphToCompile graph;
  graph.module = std::move(module);
  graph.example_inputs = example_inputs;
  graph.kind = aot::GraphKind::Inference;
  return compile_fx_inner(graph);
}

aot::GraphCompiler inductor_graph_compiler() {
  return [](const aot::GraphToCompile& graph) -> aot::CompiledGraph {
    std::shared_ptr<const CompiledFxGraph> compiled = compile_fx_inner(graph);
    return [compiled](const std::vector<IValue>& inputs) { return (*compiled)(inputs); };
  };
}

aot::AotOptions inductor_aot_options(tracing::TensorAttributes attributes) {
  aot::AotOptions options;
  options.forward_compiler = inductor_graph_compiler();
  options.backward_compiler = inductor_graph_compiler();
  options.inference_compiler = inductor_graph_compiler();
  options.attributes = std::move(attributes);
  return options;
}

std::shared_ptr<aot::AotCompiledFunction> compile_fx(const fx::GraphModule& module,
                                                     const std::vector<Tensor>& example_inputs,
                                                     int64_t aot_id,
                                                     tracing::TensorAttributes attributes) {
  return aot::aot_module_simplified(module, example_inputs, aot_id,
                                    inductor_aot_options(std::move(attributes)));
}

} // namespace bwhop::inductor
