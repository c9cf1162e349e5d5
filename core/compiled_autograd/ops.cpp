#include "core/compiled_autograd/ops.h"

#include <unordered_map>

#include "core/aot/compiled_function.h"
#include "core/compiled_autograd/script_values.h"
#include "core/tensor/dispatcher.h"
#include "core/tensor/op_registry.h"
#include "core/tensor/ops.h"
#include "core/tensor/tensor_print.h"
#include "core/torch/tensor_object.h"

namespace bwhop::compiled_autograd {

namespace native = lang::native;
using lang::Value;
using tensor::Tensor;

namespace {

struct OpBox {
  std::shared_ptr<const OpInfo> info;
  const tensor::OpDef* backward_of = nullptr;         // FunctionalBackward
  std::shared_ptr<const aot::AotArtifacts> artifacts; // AotBackwardPrologue
};

lang::Args call_args(const lang::Args& a) {
  return lang::Args{a.pos + 1, a.npos - 1, a.kw, a.nkw};
}

[[noreturn]] void tracing_error(const std::string& message) {
  native::raise_error(lang::types::RuntimeError, "[Compiled Autograd Tracing:]" + message);
}

// validate_outputs(outputs, metadata): per output, reduce a broadcast gradient
// to the expected shape and cast it to the expected dtype, as the engine does.
Value validate_outputs(const lang::Args& a) {
  auto p = native::bind_args(a, "validate_outputs", {{"outputs"}, {"metadata"}});
  std::vector<Value> outputs = sequence_items(p[0], "outputs");
  std::vector<Value> metadata = sequence_items(p[1], "metadata");
  if (outputs.size() != metadata.size())
    tracing_error("invalid number of gradients - expected " + std::to_string(metadata.size()) +
                  ", but got " + std::to_string(outputs.size()));
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    if (metadata[i].is_none() || outputs[i].is_none()) continue;
    Tensor g = torchmod::expect_tensor(outputs[i], "validate_outputs(): output");
    std::vector<Value> meta = sequence_items(metadata[i], "metadata entry");
    if (meta.size() < 2) tracing_error("malformed metadata at index " + std::to_string(i));
    std::vector<Value> options = sequence_items(meta[0], "tensor options");
    tensor::IntList shape = int_list(meta[1], "metadata shape");
    if (g.sizes() != shape) {
      if (!is_expandable_to(shape, g.sizes()))
        tracing_error("invalid gradient at index " + std::to_string(i) + " - got " +
                      tensor::sizes_str(g.sizes()) + " but expected shape compatible with " +
                      tensor::sizes_str(shape));
      g = tensor::ops::sum_to(g, shape);
    }
    if (options.size() > 3 && !options[3].is_none()) {
      auto dtype = static_cast<tensor::ScalarType>(native::as_int(options[3], "dtype"));
      if (g.dtype() != dtype) g = tensor::ops::to_dtype(g, dtype);
    }
    outputs[i] = torchmod::wrap_tensor(g);
  }
  return native::make_list(std::move(outputs));
}

// AccumulateGrad([grad], variable, variable_grad, has_post_hooks) -> [new grad]:
// the functional form of AccumulateGrad, without hooks and without touching
// .grad (call_accumulate_grad assigns the result).
Value accumulate_grad(const lang::Args& a) {
  auto p = native::bind_args(a, "AccumulateGrad",
                             {{"grads"}, {"variable"}, {"variable_grad"}, {"has_post_hooks"}});
  std::vector<Value> grads = sequence_items(p[0], "grads");
  if (grads.size() != 1) tracing_error("AccumulateGrad expects 1 gradient");
  torchmod::expect_tensor(p[1], "AccumulateGrad(): variable");
  if (grads[0].is_none()) return native::make_list({p[2]});
  const Tensor& g = torchmod::expect_tensor(grads[0], "AccumulateGrad(): grad");
  if (p[2].is_none()) {
    // The graph keeps other references to the gradient, so it is never stolen.
    return native::make_list({torchmod::wrap_tensor(tensor::ops::clone(g))});
  }
  const Tensor& old = torchmod::expect_tensor(p[2], "AccumulateGrad(): variable_grad");
  // As the engine: in place without grad mode (x.grad stays the same tensor).
  if (!tensor::grad_mode_enabled()) {
    Tensor target = old;
    tensor::ops::add_(target, g);
    return native::make_list({p[2]});
  }
  return native::make_list({torchmod::wrap_tensor(tensor::ops::add(old, g))});
}

// call_aot_bwd_prologue(saved, symints, opaque, *grads) -> the backward graph's
// flat inputs: saved values, then one tangent per differentiable output
// (zeros for gradients that never arrived, as materialize_grads does).
Value aot_prologue(const aot::AotArtifacts& art, const lang::Args& a) {
  if (a.npos < 3 || a.nkw != 0)
    native::raise_error(lang::types::TypeError,
                        "call_aot_bwd_prologue() takes (saved, symints, opaque, *grads)");
  std::vector<Value> flat = sequence_items(a[0], "saved tensors");
  for (const Value& s : sequence_items(a[1], "symints")) flat.push_back(s);
  std::size_t ngrads = a.npos - 3;
  for (std::size_t j = 0; j < art.num_outputs; ++j) {
    if (!art.output_differentiable[j]) continue;
    Value g = j < ngrads ? a[3 + j] : native::none();
    if (g.is_none())
      g = torchmod::wrap_tensor(
          tensor::ops::zeros(art.output_info[j].shape, art.output_info[j].dtype));
    flat.push_back(g);
  }
  return native::make_list(std::move(flat));
}

// <Node>Backward([grads], [needs_input_grad], [saved args], [arg metadata],
// result): runs the op's registered backward formula on lifted values.
Value functional_backward(const tensor::OpDef& op, const lang::Args& a) {
  auto p = native::bind_args(
      a, op.backward_name.c_str(),
      {{"grads"}, {"needs_input_grad"}, {"args"}, {"arg_meta"}, {"result", native::none()}});
  std::vector<Value> grads = sequence_items(p[0], "grads");
  std::vector<Value> needs_v = sequence_items(p[1], "needs_input_grad");
  std::size_t n = op.tensor_args.size();
  if (needs_v.size() != n) tracing_error(op.backward_name + ": wrong needs_input_grad length");
  std::vector<Value> out(n, native::none());
  if (grads.empty() || grads[0].is_none()) return native::make_list(std::move(out));
  tensor::Args args = ivalue_args(op.schema, sequence_items(p[2], "args"));
  std::vector<tensor::TensorMeta> meta = tensor_metas(sequence_items(p[3], "arg_meta"));
  if (meta.size() != args.size()) tracing_error(op.backward_name + ": wrong arg_meta length");
  Tensor result;
  if (!p[4].is_none()) result = torchmod::expect_tensor(p[4], "result");
  Tensor grad = torchmod::expect_tensor(grads[0], "grad");
  std::unique_ptr<bool[]> needs(new bool[n]);
  for (std::size_t i = 0; i < n; ++i) needs[i] = lang::truthy(needs_v[i]);
  tensor::BackwardCtx ctx{op, args, meta, result, grad, std::span<const bool>(needs.get(), n)};
  std::vector<Tensor> g = op.backward(ctx);
  for (std::size_t i = 0; i < n && i < g.size(); ++i)
    if (needs[i] && g[i].defined()) out[i] = torchmod::wrap_tensor(g[i]);
  return native::make_list(std::move(out));
}

lang::Type* op_type() {
  static lang::Type* t = [] {
    lang::Type* ty = native::define_type("Op", kCompiledAutogradModule);
    native::def_method(ty, "__call__", [](const lang::Args& a) {
      const OpBox& box = *native::native_cast<OpBox>(a[0]);
      lang::Args rest = call_args(a);
      switch (box.info->kind) {
      case OpKind::ValidateOutputs:
        return validate_outputs(rest);
      case OpKind::AccumulateGrad:
        return accumulate_grad(rest);
      case OpKind::AotBackwardPrologue:
        return aot_prologue(*box.artifacts, rest);
      case OpKind::FunctionalBackward:
        return functional_backward(*box.backward_of, rest);
      }
      return native::none();
    });
    native::def_method(ty, "__repr__", [](const lang::Args& a) {
      return native::make_str("<compiled autograd op " +
                              native::native_cast<OpBox>(a[0])->info->name + ">");
    });
    return ty;
  }();
  return t;
}

Value make_op(OpBox box, const std::string& module) {
  std::string name = box.info->name;
  Value v = native::make_native(op_type(), std::move(box));
  native::set_attr(v, "__name__", native::make_str(name));
  native::set_attr(v, "__qualname__", native::make_str(name));
  native::set_attr(v, "__module__", native::make_str(module));
  return v;
}

std::shared_ptr<const OpInfo> shared_info(OpKind kind, std::string name) {
  auto info = std::make_shared<OpInfo>();
  info->kind = kind;
  info->name = std::move(name);
  return info;
}

// The registry entry whose autograd node has this name (null when none).
const tensor::OpDef* op_with_backward_name(const std::string& name) {
  static std::unordered_map<std::string, const tensor::OpDef*> by_name = [] {
    std::unordered_map<std::string, const tensor::OpDef*> m;
    for (const tensor::OpDef* op : tensor::OpRegistry::instance().all())
      if (!op->backward_name.empty() && op->backward) m.emplace(op->backward_name, op);
    return m;
  }();
  auto it = by_name.find(name);
  return it == by_name.end() ? nullptr : it->second;
}

lang::Type* ops_namespace_type() {
  static lang::Type* t = [] {
    lang::Type* ty = native::define_type("OpNamespace", kCompiledAutogradModule);
    native::def_method(ty, "__getattr__", [](const lang::Args& a) {
      const std::string& name = native::as_str(a[1], "attribute name");
      const tensor::OpDef* op = op_with_backward_name(name);
      if (op == nullptr)
        native::raise_error(lang::types::AttributeError,
                            "'OpNamespace' object has no attribute '" + name + "'");
      Value v =
          make_op(OpBox{shared_info(OpKind::FunctionalBackward, name), op, nullptr}, kOpsModule);
      native::set_attr(a[0], name, v); // created once per namespace
      return v;
    });
    return ty;
  }();
  return t;
}

} // namespace

const OpInfo* op_info(const Value& callable) {
  const OpBox* box = native::native_cast<OpBox>(callable);
  return box ? box->info.get() : nullptr;
}

Value make_ops_namespace() {
  Value ns = native::make_native(ops_namespace_type(), 0);
  native::set_attr(
      ns, "validate_outputs",
      make_op(OpBox{shared_info(OpKind::ValidateOutputs, "validate_outputs"), nullptr, nullptr},
              kOpsModule));
  native::set_attr(
      ns, "AccumulateGrad",
      make_op(OpBox{shared_info(OpKind::AccumulateGrad, "AccumulateGrad"), nullptr, nullptr},
              kOpsModule));
  return ns;
}

Value make_aot_prologue(std::shared_ptr<const aot::AotArtifacts> artifacts) {
  auto info = std::make_shared<OpInfo>();
  info->kind = OpKind::AotBackwardPrologue;
  info->name = "call_aot_bwd_prologue";
  for (std::size_t j = 0; j < artifacts->num_outputs; ++j) {
    if (!artifacts->output_differentiable[j]) continue;
    const tensor::IntList& shape = artifacts->output_info[j].shape;
    info->tangent_sizes.emplace_back(shape.begin(), shape.end());
    info->tangent_strides.push_back(contiguous_strides(shape));
  }
  return make_op(OpBox{std::move(info), nullptr, std::move(artifacts)}, kCompiledAutogradModule);
}

} // namespace bwhop::compiled_autograd
