// Compiled autograd's allow-in-graph ops in the capture (validate_outputs,
// call_aot_bwd_prologue, AccumulateGrad, functional backward nodes): each is one
// call_function node; its list result is unpacked right away into one getitem
// node per element. Their example values follow the op's meaning, as their
// fake implementations do in PyTorch: validate_outputs and the AOT prologue
// check sizes, which is where symbolic sizes meet (and get specialized).
#include "core/compiled_autograd/ops.h"
#include "core/dynamo/graph_exec.h"
#include "core/dynamo/tracer.h"
#include "core/lang/runtime.h"
#include "core/tensor/dispatcher.h"
#include "core/torch/tensor_object.h"

namespace bwhop::dynamo {

namespace native = lang::native;
namespace ca = compiled_autograd;
using tracing::SymLinear;

namespace {

bool guess_tangent_strides_as_outputs() {
  Value config = native::import_module("torch._functorch.config");
  Value flag = native::get_attr_or_null(config, "guess_tangent_strides_as_outputs");
  return !flag.is_null() && lang::truthy(flag);
}

const std::vector<VarPtr>& items_of(const VarPtr& v, const char* what) {
  if (v->kind != Var::Kind::List && v->kind != Var::Kind::Tuple)
    native::raise_error(lang::types::TypeError, std::string(what) + " must be a list");
  return v->items;
}

} // namespace

VarPtr Tracer::call_graph_op(SymFrame& f, const VarPtr& op, const std::vector<VarPtr>& args,
                             const std::vector<KwVar>& kwargs) {
  const ca::OpInfo& info = *ca::op_info(op->value);
  const void* identity = op->value.obj();
  const fx::Target* target =
      info.kind == ca::OpKind::AotBackwardPrologue
          ? fx::fresh_function_target(ca::kCompiledAutogradModule, info.name, identity)
          : fx::global_function_target(ca::kOpsModule, info.name, identity);
  fx::Args node_args;
  for (const VarPtr& a : args) node_args.push_back(graph_arg(f, a));
  fx::Kwargs node_kwargs;
  for (const KwVar& k : kwargs) node_kwargs.push_back(fx::Kwarg{k.name, graph_arg(f, k.value)});

  // The tensors the op returns (fake value, symbolic dims) before unpacking.
  struct Result {
    Value fake;
    std::vector<SymLinear> dims;
  };
  std::vector<Result> results;
  auto sym_dims = [&](const VarPtr& t) {
    std::vector<SymLinear> d = t->dims;
    if (d.empty())
      for (int64_t s : torchmod::as_tensor(t->fake)->sizes())
        d.push_back(SymLinear::of_constant(s));
    return d;
  };
  switch (info.kind) {
  case ca::OpKind::ValidateOutputs: {
    const auto& outputs = items_of(args.at(0), "validate_outputs: outputs");
    const auto& metadata = items_of(args.at(1), "validate_outputs: metadata");
    for (size_t i = 0; i < outputs.size(); ++i) {
      const VarPtr& out = outputs[i];
      if (!out->is_tensor()) {
        results.push_back(Result{Value::none(), {}});
        continue;
      }
      std::vector<SymLinear> dims = sym_dims(out);
      if (i < metadata.size() && metadata[i]->kind == Var::Kind::Tuple &&
          metadata[i]->items.size() > 1) {
        const auto& sizes = items_of(metadata[i]->items[1], "validate_outputs: sizes");
        if (sizes.size() != dims.size())
          native::raise_error(lang::types::RuntimeError,
                              "[Compiled Autograd Tracing:] invalid gradient at index " +
                                  std::to_string(i) + " - got a different number of sizes");
        for (size_t d = 0; d < dims.size(); ++d) shape_env_->guard_equal(dims[d], sym_of(sizes[d]));
      }
      results.push_back(Result{out->fake, out->dims});
    }
    break;
  }
  case ca::OpKind::AotBackwardPrologue: {
    // (saved tensors, symints, opaque objects, *grads) -> the backward graph's
    // inputs: the saved tensors, then the grads as tangents.
    for (const VarPtr& saved : items_of(args.at(0), "call_aot_bwd_prologue: saved tensors"))
      results.push_back(saved->is_tensor() ? Result{saved->fake, saved->dims}
                                           : Result{Value::none(), {}});
    bool check_sizes = guess_tangent_strides_as_outputs();
    for (size_t i = 3; i < args.size(); ++i) {
      const VarPtr& grad = args[i];
      if (!grad->is_tensor()) {
        results.push_back(Result{Value::none(), {}});
        continue;
      }
      size_t k = i - 3;
      if (check_sizes && k < info.tangent_sizes.size()) {
        std::vector<SymLinear> dims = sym_dims(grad);
        const auto& expected = info.tangent_sizes[k];
        if (expected.size() == dims.size())
          for (size_t d = 0; d < dims.size(); ++d)
            shape_env_->guard_equal(dims[d], SymLinear::of_constant(expected[d]));
      }
      results.push_back(Result{grad->fake, grad->dims});
    }
    break;
  }
  case ca::OpKind::AccumulateGrad: {
    const auto& grads = items_of(args.at(0), "AccumulateGrad: grads");
    for (const VarPtr& g : grads)
      results.push_back(g->is_tensor() ? Result{g->fake, g->dims} : Result{Value::none(), {}});
    break;
  }
  case ca::OpKind::FunctionalBackward: {
    // The node's own backward formula on fake tensors gives the output metadata.
    std::vector<Value> fake_args;
    for (const VarPtr& a : args) fake_args.push_back(fake_arg(a));
    Value out;
    {
      tensor::ModeGuard mode(fake_mode_);
      out = native::call(op->value, std::move(fake_args));
    }
    std::vector<VarPtr> grads = items_of(args.at(0), "backward: grads");
    for (const Value& item :
         native::is_list(out) ? native::list_items(out) : native::tuple_items(out)) {
      const tensor::Tensor* t = torchmod::as_tensor(item);
      results.push_back(t ? Result{item, infer_dims(grads, *t)} : Result{Value::none(), {}});
    }
    break;
  }
  }

  fx::Node* node = graph_->call_function(target, std::move(node_args), std::move(node_kwargs));
  node->set_stack_trace(user_stack(f));
  node->set_meta(kOpaqueOpMetaKey, true);
  tracing::attach_callable(*node, script_function_callable(op->value));
  auto list = make_var(Var::Kind::List);
  for (size_t i = 0; i < results.size(); ++i) {
    if (results[i].fake.is_none()) {
      list->items.push_back(constant_var(Value::none()));
      continue;
    }
    fx::Node* item = graph_->call_function(fx::operator_target("getitem"),
                                           {fx::Argument(node), fx::Argument(int64_t(i))}, {});
    item->set_stack_trace(user_stack(f));
    tracing::attach_callable(*item, script_function_callable(getitem_builtin()));
    auto v = make_var(Var::Kind::Tensor);
    v->node = item;
    v->fake = results[i].fake;
    for (const SymLinear& d : results[i].dims) v->dims.push_back(shape_env_->simplify(d));
    set_tensor_meta(item, *torchmod::as_tensor(v->fake), v->dims);
    list->items.push_back(v);
  }
  return list;
}

} // namespace bwhop::dynamo
