// Calls, attributes and operators of the symbolic evaluator: inlining user
// functions, tensor ops as graph nodes, side effects, builtins.
#include "core/dynamo/graph_exec.h"
#include "core/dynamo/tracer.h"
#include "core/lang/runtime.h"
#include "core/tensor/dispatcher.h"
#include "core/torch/aten_ops_namespace.h"
#include "core/torch/tensor_object.h"
#include "core/torch/value_types.h"
#include "core/tracing/proxy_mode.h"

namespace bwhop::dynamo {

namespace native = lang::native;
using lang::types::NotImplementedError;

namespace {

std::string inplace_name(const std::string& name) {
  std::string base = name;
  if (!base.empty() && base.back() == '_') base.pop_back();
  return "i" + base;
}

} // namespace

// The operator-module names of binary operators (torch.fx magic methods).
const char* binary_operator_name(lang::BinOpKind op) {
  switch (op) {
  case lang::BinOpKind::Add:
    return "add";
  case lang::BinOpKind::Sub:
    return "sub";
  case lang::BinOpKind::Mult:
    return "mul";
  case lang::BinOpKind::MatMult:
    return "matmul";
  case lang::BinOpKind::Div:
    return "truediv";
  case lang::BinOpKind::Mod:
    return "mod";
  case lang::BinOpKind::Pow:
    return "pow";
  case lang::BinOpKind::LShift:
    return "lshift";
  case lang::BinOpKind::RShift:
    return "rshift";
  case lang::BinOpKind::BitOr:
    return "or_";
  case lang::BinOpKind::BitXor:
    return "xor";
  case lang::BinOpKind::BitAnd:
    return "and_";
  case lang::BinOpKind::FloorDiv:
    return "floordiv";
  }
  return "";
}

// ------------------------------------------------------------------ graph nodes

fx::Argument Tracer::graph_arg(SymFrame& f, const VarPtr& v) {
  switch (v->kind) {
  case Var::Kind::Tensor:
  case Var::Kind::SymInt:
    return fx::Argument(v->node);
  case Var::Kind::Constant:
    if (v->value.is_none()) return fx::Argument(nullptr);
    if (v->value.is_bool()) return fx::Argument(v->value.as_bool());
    if (v->value.is_int()) return fx::Argument(v->value.as_int());
    if (v->value.is_float()) return fx::Argument(v->value.as_float());
    return fx::Argument(native::as_str(v->value));
  case Var::Kind::Tuple:
  case Var::Kind::List: {
    std::vector<fx::Argument> items;
    for (const VarPtr& item : v->items) items.push_back(graph_arg(f, item));
    if (v->kind == Var::Kind::Tuple) return fx::Argument(fx::ArgTuple{std::move(items)});
    return fx::Argument(fx::ArgList{std::move(items)});
  }
  default:
    if (v->kind == Var::Kind::Object && torchmod::is_device(v->value))
      return fx::Argument(fx::Device(torchmod::parse_device(v->value).str()));
    unsupported(f, GraphBreakInfo{"Unsupported graph argument",
                                  tracker_class_name(*v),
                                  "A value of type " + python_type_name(*v) +
                                      " cannot be passed to an operation in the graph.",
                                  {},
                                  ""});
  }
}

Value Tracer::fake_arg(const VarPtr& v) {
  if (v->is_tensor()) return v->fake;
  if (v->kind == Var::Kind::Tuple || v->kind == Var::Kind::List) {
    std::vector<Value> items;
    for (const VarPtr& item : v->items) items.push_back(fake_arg(item));
    return v->kind == Var::Kind::Tuple ? native::make_tuple(std::move(items))
                                       : native::make_list(std::move(items));
  }
  return v->value;
}

VarPtr Tracer::emit_tensor_op(SymFrame& f, fx::OpKind kind, const fx::Target* target,
                              const std::string& method, tracing::CallablePtr callable,
                              const std::vector<VarPtr>& args, const std::vector<KwVar>& kwargs,
                              const Value& real_callable) {
  auto to_arg = [&](const VarPtr& v) { return graph_arg(f, v); };
  auto to_fake = [&](const VarPtr& v) { return fake_arg(v); };
  fx::Args node_args;
  std::vector<Value> fake_args;
  for (const VarPtr& a : args) {
    node_args.push_back(to_arg(a));
    fake_args.push_back(to_fake(a));
  }
  fx::Kwargs node_kwargs;
  std::vector<std::pair<std::string, Value>> fake_kwargs;
  for (const KwVar& k : kwargs) {
    node_kwargs.push_back(fx::Kwarg{k.name, to_arg(k.value)});
    fake_kwargs.emplace_back(k.name, to_fake(k.value));
  }

  // The example value: the same script callable on fake tensors.
  Value example;
  {
    tensor::ModeGuard mode(fake_mode_);
    if (!method.empty()) {
      Value self = fake_args.front();
      fake_args.erase(fake_args.begin());
      example = native::call(native::get_attr(self, method), std::move(fake_args),
                             std::move(fake_kwargs));
    } else {
      example = native::call(real_callable, std::move(fake_args), std::move(fake_kwargs));
    }
  }
  const tensor::Tensor* fake = torchmod::as_tensor(example);
  if (fake == nullptr)
    unsupported(f, GraphBreakInfo{"Unsupported operation result",
                                  lang::type_name(example),
                                  "bwhop's dynamo only traces operations that return one tensor; "
                                  "this one returned " +
                                      lang::type_name(example) + ".",
                                  {},
                                  ""});

  fx::Node* node =
      kind == fx::OpKind::CallMethod
          ? graph_->call_method(method, std::move(node_args), std::move(node_kwargs))
          : graph_->call_function(target, std::move(node_args), std::move(node_kwargs));
  auto v = make_var(Var::Kind::Tensor);
  v->dims = infer_dims(args, *fake);
  set_tensor_meta(node, *fake, v->dims);
  node->set_stack_trace(user_stack(f));
  tracing::attach_callable(*node, callable ? std::move(callable)
                                           : script_function_callable(real_callable));
  v->node = node;
  v->fake = example;
  return v;
}

VarPtr Tracer::binary(SymFrame& f, lang::BinOpKind op, const VarPtr& a, const VarPtr& b,
                      bool inplace) {
  auto int_like = [](const VarPtr& v) {
    return v->kind == Var::Kind::SymInt || (v->is_constant() && v->value.is_int());
  };
  if ((a->kind == Var::Kind::SymInt || b->kind == Var::Kind::SymInt) && int_like(a) && int_like(b))
    return sym_binary(f, op, a, b);
  if (a->is_constant() && b->is_constant())
    return constant_var(inplace ? lang::inplace_op(op, a->value, b->value)
                                : lang::binary_op(op, a->value, b->value));
  auto operand = [](const VarPtr& v) {
    return v->is_tensor() || v->is_constant() || v->kind == Var::Kind::SymInt;
  };
  if (operand(a) && operand(b)) {
    std::string name = binary_operator_name(op);
    if (inplace && a->is_tensor()) name = inplace_name(name);
    // The operator itself, as the graph will call it on real tensors.
    return emit_tensor_op(f, fx::OpKind::CallFunction, fx::operator_target(name), "", nullptr,
                          {a, b}, {}, binary_builtin(op, inplace));
  }
  if ((a->kind == Var::Kind::Tuple || a->kind == Var::Kind::List) && a->kind == b->kind &&
      op == lang::BinOpKind::Add) {
    auto v = make_var(a->kind);
    v->items = a->items;
    v->items.insert(v->items.end(), b->items.begin(), b->items.end());
    return v;
  }
  unsupported(f, GraphBreakInfo{"Unsupported binary operator",
                                std::string(lang::to_string(op)) + " " + tracker_class_name(*a) +
                                    " " + tracker_class_name(*b),
                                std::string("Dynamo does not know how to trace the operator `") +
                                    lang::to_string(op) + "` with argument types ['" +
                                    python_type_name(*a) + "', '" + python_type_name(*b) + "']",
                                {},
                                ""});
}

// ------------------------------------------------------------------ calls

VarPtr Tracer::make_nested_function(SymFrame& f, const lang::Arguments* params,
                                    const lang::ScopeInfo& scope, std::string name,
                                    const lang::FunctionDef* def, const lang::Lambda* lambda) {
  auto v = make_var(Var::Kind::NestedFunction);
  v->def = def;
  v->lambda = lambda;
  v->home = f.fn;
  v->attr = std::move(name);
  for (const lang::Expr* d : params->defaults) v->defaults.push_back(eval(f, d));
  for (const lang::Expr* d : params->kw_defaults)
    v->kw_defaults.push_back(d ? eval(f, d) : nullptr);
  const auto* extra = static_cast<const lang::ScopeExtra*>(scope.extra);
  for (int32_t src : extra->free_source) {
    // A free variable of the root frame not read yet is realised now.
    size_t slot = static_cast<size_t>(src);
    if (!*f.cells[slot] && slot < f.pending_cells.size() && !f.pending_cells[slot].is_null()) {
      SourcePtr cell_src;
      if (f.fn_var && f.fn_var->source)
        cell_src =
            Source::closure_cell(f.fn_var->source, static_cast<int>(slot) - f.scope->num_cells);
      *f.cells[slot] = wrap(f.pending_cells[slot], cell_src);
    }
    v->closure.push_back(f.cells[slot]);
  }
  return v;
}

VarPtr Tracer::inline_function(SymFrame& f, const VarPtr& fn, const std::vector<VarPtr>& args,
                               const std::vector<KwVar>& kwargs) {
  // The code to run: a real function object, or a def/lambda made while tracing.
  bool nested = fn->kind == Var::Kind::NestedFunction;
  const lang::Function* real = nested ? nullptr : native::as_function(fn->value);
  const lang::FunctionDef* def = nested ? fn->def : real->def;
  const lang::Lambda* lambda = nested ? fn->lambda : real->lambda;
  const lang::ScopeExtra& sc =
      *static_cast<const lang::ScopeExtra*>(def ? def->scope.extra : lambda->scope.extra);
  std::string name = nested ? fn->attr : real->name;
  if (++depth_ > 200) native::raise_error(lang::types::RecursionError, "inlining too deep");
  SymFrame callee;
  callee.fn = nested ? fn->home : real;
  callee.scope = &sc;
  callee.name = name;
  callee.fn_var = fn;
  callee.parent = &f;
  callee.caller_stack = user_stack(f);
  callee.line = def ? def->loc.line : lambda->loc.line;
  callee.locals.resize(static_cast<size_t>(sc.num_locals));
  size_t npos = static_cast<size_t>(sc.nposargs);
  if (args.size() > npos && sc.vararg_slot < 0)
    native::raise_error(lang::types::TypeError, name + "() takes " + std::to_string(npos) +
                                                    " positional arguments but " +
                                                    std::to_string(args.size()) + " were given");
  for (size_t i = 0; i < std::min(args.size(), npos); ++i) callee.locals[i] = args[i];
  if (sc.vararg_slot >= 0) {
    // *args: the surplus positional arguments as a tuple made in this frame.
    auto rest = make_var(Var::Kind::Tuple);
    if (args.size() > npos) rest->items.assign(args.begin() + static_cast<long>(npos), args.end());
    callee.locals[static_cast<size_t>(sc.vararg_slot)] = rest;
  }
  auto extra_kwargs = make_var(Var::Kind::Dict);
  for (const KwVar& k : kwargs) {
    size_t i = 0;
    while (i < sc.param_names.size() && sc.param_names[i]->s != k.name) ++i;
    if (i == sc.param_names.size() && sc.kwarg_slot >= 0) {
      extra_kwargs->keys.push_back(k.name);
      extra_kwargs->kw_items.push_back(k.value);
      continue;
    }
    if (i == sc.param_names.size() || callee.locals[i])
      native::raise_error(lang::types::TypeError,
                          name + "() got an unexpected keyword argument '" + k.name + "'");
    callee.locals[i] = k.value;
  }
  if (sc.kwarg_slot >= 0) callee.locals[static_cast<size_t>(sc.kwarg_slot)] = extra_kwargs;
  size_t ndefaults = nested ? fn->defaults.size() : real->defaults.size();
  size_t first_default = npos - ndefaults;
  for (size_t i = 0; i < sc.param_names.size(); ++i) {
    if (callee.locals[i]) continue;
    VarPtr d;
    if (i < npos && i >= first_default)
      d = nested ? fn->defaults[i - first_default]
                 : wrap(real->defaults[i - first_default], nullptr);
    if (i >= npos) {
      if (nested)
        d = fn->kw_defaults[i - npos];
      else if (!real->kwdefaults[i - npos].is_null())
        d = wrap(real->kwdefaults[i - npos], nullptr);
    }
    if (!d)
      native::raise_error(lang::types::TypeError,
                          name + "() missing required argument: '" + sc.param_names[i]->s + "'");
    callee.locals[i] = d;
  }
  // Parameters are bound, not stored: they get no name hint.
  callee.cells.resize(static_cast<size_t>(sc.num_cells + sc.num_frees));
  callee.pending_cells.resize(callee.cells.size());
  for (int32_t c = 0; c < sc.num_cells; ++c) {
    auto box = std::make_shared<VarPtr>();
    int32_t p = sc.cell_from_param[static_cast<size_t>(c)];
    if (p >= 0) *box = callee.locals[static_cast<size_t>(p)];
    callee.cells[static_cast<size_t>(c)] = box;
  }
  for (int32_t j = 0; j < sc.num_frees; ++j) {
    size_t slot = static_cast<size_t>(sc.num_cells + j);
    if (nested) {
      callee.cells[slot] = fn->closure[static_cast<size_t>(j)];
    } else {
      callee.cells[slot] = std::make_shared<VarPtr>();
      callee.pending_cells[slot] = real->closure[static_cast<size_t>(j)]->v;
    }
  }
  VarPtr result = constant_var(Value::none());
  if (lambda) {
    result = eval(callee, lambda->body);
  } else if (exec_block(callee, def->body) == Flow::Return) {
    result = callee.retval;
  }
  --depth_;
  current_frame_ = &f;
  return result;
}

VarPtr Tracer::call_builtin(SymFrame& f, const VarPtr& fn, const std::vector<VarPtr>& args,
                            const std::vector<KwVar>& kwargs) {
  auto* builtin = static_cast<lang::Builtin*>(fn->value.obj());
  const std::string& name = builtin->name;
  if (name == "len" && args.size() == 1 && kwargs.empty()) {
    const VarPtr& a = args[0];
    if (a->kind == Var::Kind::Tuple || a->kind == Var::Kind::List)
      return constant_var(Value::integer(static_cast<int64_t>(a->items.size())));
    if (a->kind == Var::Kind::Dict)
      return constant_var(Value::integer(static_cast<int64_t>(a->kw_items.size())));
    if (a->is_constant()) return constant_var(native::call(fn->value, {a->value}));
  }
  if (name == "isinstance" && args.size() == 2 && args[1]->kind == Var::Kind::Class) {
    // A tensor's type is known from its example value.
    if (args[0]->is_tensor())
      return constant_var(native::call(fn->value, {args[0]->fake, args[1]->value}));
    if (args[0]->kind == Var::Kind::SymInt)
      return constant_var(native::call(fn->value, {Value::integer(0), args[1]->value}));
    if (!args[0]->value.is_null())
      return constant_var(native::call(fn->value, {args[0]->value, args[1]->value}));
  }
  // BuiltinVariable.call_unimplemented: the rule-derived "Failed to trace builtin operator".
  std::string classes = "[", types = "[";
  for (size_t i = 0; i < args.size(); ++i) {
    classes += (i ? ", " : "") + tracker_class_name(*args[i]);
    types += (i ? ", '" : "'") + python_type_name(*args[i]) + "'";
  }
  classes += "]";
  types += "]";
  std::string has_kwargs = kwargs.empty() ? "False" : "True";
  GraphBreakInfo info;
  info.gb_type = "Failed to trace builtin operator";
  info.context = "builtin " + name + " " + classes + " " + has_kwargs;
  info.explanation = "Dynamo does not know how to trace builtin operator `" + name +
                     "` with argument types " + types + " (has_kwargs " + has_kwargs + ")";
  info.hints = {"Avoid calling builtin `" + name + "` with argument types " + types +
                    ". Consider using an equivalent alternative function/method to `" + name + "`.",
                "If you are attempting to call a logging function (e.g. `print`), you can try "
                "adding it to `torch._dynamo.config.reorderable_logging_functions`.",
                "Please report an issue to PyTorch."};
  info.registry_id = "GB0059";
  unsupported(f, std::move(info));
}

VarPtr Tracer::call(SymFrame& f, const VarPtr& fn, std::vector<VarPtr> args,
                    std::vector<KwVar> kwargs) {
  switch (fn->kind) {
  case Var::Kind::Function:
  case Var::Kind::NestedFunction:
    return inline_function(f, fn, args, kwargs);
  case Var::Kind::Method:
    args.insert(args.begin(), fn->self);
    return call(f, fn->func, std::move(args), std::move(kwargs));
  case Var::Kind::Partial: {
    std::vector<VarPtr> all = fn->items;
    all.insert(all.end(), args.begin(), args.end());
    std::vector<KwVar> kw;
    for (size_t i = 0; i < fn->keys.size(); ++i) {
      bool overridden = false;
      for (const KwVar& k : kwargs) overridden = overridden || k.name == fn->keys[i];
      if (!overridden) kw.push_back(KwVar{fn->keys[i], fn->kw_items[i]});
    }
    kw.insert(kw.end(), kwargs.begin(), kwargs.end());
    return call(f, fn->func, std::move(all), std::move(kw));
  }
  case Var::Kind::TraceWrapped: {
    // TraceWrappedHigherOrderOperatorVariable: pops `fn` and inlines fn(*args, **rest).
    VarPtr inner;
    std::vector<KwVar> rest;
    for (KwVar& k : kwargs) {
      if (k.name == "fn")
        inner = k.value;
      else
        rest.push_back(std::move(k));
    }
    if (!inner)
      native::raise_error(lang::types::TypeError,
                          "trace_wrapped() missing required keyword argument 'fn'");
    return call(f, inner, std::move(args), std::move(rest));
  }
  case Var::Kind::TorchFunction: {
    std::string module = fn->attr.substr(0, fn->attr.rfind('.'));
    std::string name = fn->attr.substr(fn->attr.rfind('.') + 1);
    return emit_tensor_op(f, fx::OpKind::CallFunction, fx::global_function_target(module, name), "",
                          nullptr, args, kwargs, fn->value);
  }
  case Var::Kind::TensorMethod: {
    const VarPtr& self = fn->self;
    if (fn->attr == "register_hook") {
      if (!self->source || self->node->op() != fx::OpKind::Placeholder)
        unsupported(f,
                    GraphBreakInfo{"Compilation of intermediate hooks requires compiled autograd",
                                   "var_getattr " + tracker_class_name(*self) + " register_hook",
                                   "Dynamo must be in compiled_autograd to register hooks on "
                                   "intermediate tensors.",
                                   {"Enable compiled autograd."},
                                   ""});
      if (args.size() != 1 || !kwargs.empty())
        native::raise_error(lang::types::TypeError, "register_hook() takes exactly one argument");
      hooks_.push_back(PendingEffect{SideEffect::Kind::RegisterHook, self, args[0], "", Value()});
      return constant_var(Value::none());
    }
    if (fn->attr == "size" && kwargs.empty()) return tensor_size(f, self, args);
    if (fn->attr == "item" || fn->attr == "tolist" || fn->attr == "numpy")
      // Their result is data, not a tensor: the graph has to end before them.
      unsupported(f, GraphBreakInfo{"Unsupported Tensor." + fn->attr + "() call",
                                    "call_method TensorVariable " + fn->attr + " () {}",
                                    "Dynamo does not support tracing `Tensor." + fn->attr +
                                        "()`: its result depends on the tensor's data.",
                                    {"Move the call out of the compiled region."},
                                    ""});
    args.insert(args.begin(), self);
    return emit_tensor_op(f, fx::OpKind::CallMethod, nullptr, fn->attr,
                          script_method_callable(fn->attr), args, kwargs, Value());
  }
  case Var::Kind::Builtin:
    return call_builtin(f, fn, args, kwargs);
  case Var::Kind::GraphOp:
    return call_graph_op(f, fn, args, kwargs);
  case Var::Kind::AtenOp: {
    const tensor::OpDef& op = *torchmod::as_op_overload(fn->value);
    size_t dot = op.qualified.find('.');
    std::string overload = dot == std::string::npos ? "default" : op.qualified.substr(dot + 1);
    return emit_tensor_op(f, fx::OpKind::CallFunction, fx::aten_target("aten", op.name(), overload),
                          "", script_function_callable(fn->value), args, kwargs, fn->value);
  }
  case Var::Kind::ContainerMethod:
    return call_container_method(f, fn, args, kwargs);
  case Var::Kind::Class:
    if (fn->value.is(Value(torchmod::device_type()))) {
      // torch.device(...) of constants is a constant (generated code spells devices so).
      std::vector<Value> pos;
      std::vector<std::pair<std::string, Value>> kw;
      bool constant = true;
      for (const VarPtr& a : args) constant = constant && a->is_constant();
      for (const KwVar& k : kwargs) constant = constant && k.value->is_constant();
      if (constant) {
        for (const VarPtr& a : args) pos.push_back(a->value);
        for (const KwVar& k : kwargs) kw.emplace_back(k.name, k.value->value);
        return make_var(Var::Kind::Object, native::call(fn->value, std::move(pos), std::move(kw)));
      }
    }
    if (args.empty() && kwargs.empty()) {
      // torch.no_grad() / enable_grad(): the object only matters to `with`.
      Value torch = native::import_module("torch");
      if (fn->value.is(native::get_attr(torch, "no_grad")) ||
          fn->value.is(native::get_attr(torch, "enable_grad")))
        return make_var(Var::Kind::Object, native::call(fn->value, {}));
    }
    if (fn->value.is(Value(lang::types::partial))) {
      if (args.empty()) native::raise_error(lang::types::TypeError, "partial() needs a function");
      auto p = make_var(Var::Kind::Partial);
      p->func = args[0];
      p->items.assign(args.begin() + 1, args.end());
      for (const KwVar& k : kwargs) {
        p->keys.push_back(k.name);
        p->kw_items.push_back(k.value);
      }
      return p;
    }
    break;
  default:
    break;
  }
  unsupported(f, GraphBreakInfo{"Unsupported function call",
                                "call_function " + tracker_class_name(*fn),
                                "Dynamo does not know how to trace the call of a value of type " +
                                    python_type_name(*fn) + ".",
                                {},
                                ""});
}

} // namespace bwhop::dynamo
