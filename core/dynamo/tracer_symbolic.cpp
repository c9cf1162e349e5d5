// Symbolic shapes in the capture: size symbols for graph inputs (dynamic=True,
// mark_dynamic), unspecialized ints as SymInt inputs, SymInt arithmetic as
// graph nodes, and symbolic sizes carried through tensor ops. Expressions live
// in the capture's ShapeEnv (core/tracing), so guards found later (an equality
// checked by an op) change how earlier nodes print.
#include <algorithm>

#include "core/dynamo/graph_exec.h"
#include "core/dynamo/tracer.h"
#include "core/lang/runtime.h"
#include "core/torch/tensor_object.h"
#include "core/tracing/proxy_mode.h"

namespace bwhop::dynamo {

namespace native = lang::native;
using tracing::SymLinear;

namespace {

bool contains_dim(const Value& marks, int64_t dim) {
  if (marks.is_null()) return false;
  return lang::truthy(native::call(native::get_attr(marks, "__contains__"), {Value::integer(dim)}));
}

// Operators that keep a SymInt expression linear (products only by constants).
bool is_linear_operator(lang::BinOpKind op) {
  return op == lang::BinOpKind::Add || op == lang::BinOpKind::Sub || op == lang::BinOpKind::Mult;
}

} // namespace

std::vector<SymLinear> Tracer::input_dims(const Value& real, const tensor::Tensor& t,
                                          const SourcePtr& source) {
  Value marked = native::get_attr_or_null(real, "_dynamo_dynamic_indices");
  Value weak = native::get_attr_or_null(real, "_dynamo_weak_dynamic_indices");
  if (!options_.dynamic && marked.is_null() && weak.is_null() && options_.automatic_dynamic.empty())
    return {};
  std::vector<SymLinear> dims;
  bool any = false;
  for (int64_t d = 0; d < t.dim(); ++d) {
    bool is_marked = contains_dim(marked, d) || contains_dim(weak, d);
    SourcePtr size_src = Source::size(source, static_cast<int>(d));
    // dynamic=True and automatic dynamic duck-size a dim; a marked dim gets a
    // symbol of its own.
    bool automatic = options_.automatic_dynamic.count(size_src->name()) != 0;
    bool is_static = !options_.dynamic && !is_marked && !automatic;
    any = any || !is_static;
    dims.push_back(shape_env_->create_size(size_src->name(), t.size(d), is_static, !is_marked));
    if (auto id = dims.back().as_symbol(); id && !symbol_source_.count(*id))
      symbol_source_[*id] = size_src;
  }
  if (!any) return {};
  sized_inputs_.push_back(SizedInput{source, dims, false});
  return dims;
}

void Tracer::set_tensor_meta(fx::Node* node, const tensor::Tensor& fake,
                             const std::vector<SymLinear>& dims) {
  fx::TensorMetaPtr meta = tracing::tensor_meta_of(fake);
  if (dims.empty()) {
    node->set_tensor_meta(std::move(meta));
    return;
  }
  auto sym = std::make_shared<fx::TensorMeta>(*meta);
  for (size_t i = 0; i < dims.size() && i < sym->shape.size(); ++i)
    if (!dims[i].is_constant()) sym->shape[i] = shape_env_->fx_expr(dims[i]);
  node->set_tensor_meta(std::move(sym));
}

VarPtr Tracer::realize_symint(const Value& v, SourcePtr source) {
  SymLinear e = shape_env_->create_unspecified_int(source->name(), v.as_int());
  symbol_source_[*e.as_symbol()] = source;
  sized_inputs_.push_back(SizedInput{source, {e}, true});
  fx::Node* node = add_placeholder(source->input_name());
  node->set_sym_meta(shape_env_->fx_expr(e));
  inputs_.push_back(Input{node, source, v});
  auto var = make_var(Var::Kind::SymInt, v, source);
  var->node = node;
  var->sym = e;
  var->name_set = true;
  return var;
}

std::vector<SymLinear> Tracer::infer_dims(const std::vector<VarPtr>& args,
                                          const tensor::Tensor& out) {
  bool any = false;
  for (const VarPtr& a : args) any = any || (a->is_tensor() && !a->dims.empty());
  if (!any) return {};
  const tensor::IntList& sizes = out.sizes();
  std::vector<SymLinear> dims;
  for (size_t i = 0; i < sizes.size(); ++i) {
    size_t from_right = sizes.size() - 1 - i;
    // Broadcasting: the sizes of this dim that are not 1 must be equal.
    std::optional<SymLinear> chosen;
    bool symbolic = false;
    for (const VarPtr& a : args) {
      if (!a->is_tensor() || sizes[i] == 1) continue;
      const tensor::Tensor& t = *torchmod::as_tensor(a->fake);
      if (from_right >= static_cast<size_t>(t.dim())) continue;
      size_t at = static_cast<size_t>(t.dim()) - 1 - from_right;
      SymLinear d =
          a->dims.empty() ? SymLinear::of_constant(t.size(static_cast<int64_t>(at))) : a->dims[at];
      if (shape_env_->evaluate(d) != sizes[i]) continue;
      symbolic = symbolic || !d.is_constant();
      if (!chosen)
        chosen = d;
      else
        shape_env_->guard_equal(*chosen, d);
    }
    if (!symbolic) chosen.reset();
    dims.push_back(chosen ? shape_env_->simplify(*chosen) : SymLinear::of_constant(sizes[i]));
  }
  return dims;
}

SymLinear Tracer::sym_of(const VarPtr& v) {
  if (v->kind == Var::Kind::SymInt) return v->sym;
  return SymLinear::of_constant(v->value.as_int());
}

VarPtr Tracer::sym_var(SymFrame& f, fx::Node* node, const SymLinear& e) {
  SymLinear s = shape_env_->simplify(e);
  node->set_sym_meta(shape_env_->fx_expr(s));
  node->set_stack_trace(user_stack(f));
  auto v = make_var(Var::Kind::SymInt, Value::integer(shape_env_->evaluate(s)));
  v->node = node;
  v->sym = s;
  return v;
}

VarPtr Tracer::specialize(const VarPtr& v) {
  if (v->kind != Var::Kind::SymInt) return v;
  return constant_var(Value::integer(shape_env_->guard_int(v->sym)));
}

VarPtr Tracer::sym_binary(SymFrame& f, lang::BinOpKind op, const VarPtr& a, const VarPtr& b) {
  const char* name = binary_operator_name(op);
  SymLinear x = sym_of(a), y = sym_of(b);
  bool linear =
      is_linear_operator(op) && (op != lang::BinOpKind::Mult || x.is_constant() || y.is_constant());
  if (!linear) {
    // Not representable as a linear expression: specialize both sides.
    VarPtr l = specialize(a), r = specialize(b);
    return constant_var(lang::binary_op(op, l->value, r->value));
  }
  SymLinear e = op == lang::BinOpKind::Add   ? x + y
                : op == lang::BinOpKind::Sub ? x - y
                : x.is_constant()            ? y * x.constant
                                             : x * y.constant;
  auto arg = [](const VarPtr& v) {
    return v->kind == Var::Kind::SymInt ? fx::Argument(v->node) : fx::Argument(v->value.as_int());
  };
  fx::Node* node = graph_->call_function(fx::operator_target(name), {arg(a), arg(b)}, {});
  tracing::attach_callable(*node, script_function_callable(binary_builtin(op, false)));
  return sym_var(f, node, e);
}

VarPtr Tracer::tensor_size(SymFrame& f, const VarPtr& t, const std::vector<VarPtr>& args) {
  const tensor::Tensor& fake = *torchmod::as_tensor(t->fake);
  auto one = [&](int64_t d) -> VarPtr {
    if (d < 0) d += fake.dim();
    if (d < 0 || d >= fake.dim())
      native::raise_error(lang::types::IndexError, "Dimension out of range");
    SymLinear e = t->dims.empty() ? SymLinear::of_constant(fake.size(d))
                                  : shape_env_->simplify(t->dims[static_cast<size_t>(d)]);
    if (e.is_constant()) return constant_var(Value::integer(e.constant));
    fx::Node* node = graph_->call_method("size", {fx::Argument(t->node), fx::Argument(d)}, {});
    tracing::attach_callable(*node, script_method_callable("size"));
    return sym_var(f, node, e);
  };
  if (!args.empty()) return one(specialize(args[0])->value.as_int());
  auto tuple = make_var(Var::Kind::Tuple);
  for (int64_t d = 0; d < fake.dim(); ++d) tuple->items.push_back(one(d));
  return tuple;
}

void Tracer::finalize_shape_guards() {
  Guard shape;
  shape.kind = Guard::Kind::ShapeEnv;
  for (const SizedInput& in : sized_inputs_) {
    Guard* tensor = in.is_int ? nullptr : guards_.find(Guard::Kind::TensorMatch, in.source->name());
    for (size_t d = 0; d < in.dims.size(); ++d) {
      SymLinear e = shape_env_->simplify(in.dims[d]);
      SourcePtr src = in.is_int ? in.source : Source::size(in.source, static_cast<int>(d));
      if (e.is_constant()) {
        if (in.is_int) guards_.add(constant_guard(in.source, Value::integer(e.constant)));
        continue;
      }
      if (tensor) {
        tensor->sizes[d] = kDynamicDim;
        for (size_t j = 0; j < d; ++j) tensor->strides[j] = kDynamicDim;
      }
      auto id = e.as_symbol();
      auto defining = id ? symbol_source_.find(*id) : symbol_source_.end();
      if (defining != symbol_source_.end() && defining->second->name() == src->name()) continue;
      shape.relations.emplace_back(src, e);
    }
  }
  if (shape.relations.empty()) return;
  for (const auto& [id, src] : symbol_source_) shape.symbol_sources.emplace_back(id, src);
  std::sort(shape.symbol_sources.begin(), shape.symbol_sources.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  shape.source = shape.relations.front().first;
  guards_.add(std::move(shape));
}

} // namespace bwhop::dynamo
