#include "core/torch/fx_binding.h"

#include <ostream>

#include "core/fx/graph_format.h"
#include "core/fx/normalize.h"
#include "core/hop/trace_wrapped.h"
#include "core/lang/function.h"
#include "core/torch/errors.h"
#include "core/torch/fx_graph_object.h"
#include "core/torch/python_arg_parser.h"
#include "core/torch/tensor_object.h"
#include "core/torch/value_types.h"
#include "core/tracing/make_fx.h"

namespace bwhop::torchmod {

namespace native = lang::native;
using lang::Value;
using tensor::IValue;
using tracing::Tree;

namespace {

// ------------------------------------------------------------------ value conversions

IValue value_to_ivalue(const Value& v) {
  if (v.is_none()) return IValue();
  if (v.is_bool()) return IValue(v.as_bool());
  if (v.is_int()) return IValue(v.as_int());
  if (v.is_float()) return IValue(v.as_float());
  if (const tensor::Tensor* t = as_tensor(v)) return IValue(*t);
  if (native::is_str(v)) return IValue(native::as_str(v));
  if (auto d = as_dtype(v)) return IValue(*d);
  if (is_device(v)) return IValue(parse_device(v));
  if (native::is_list(v) || native::is_tuple(v)) {
    const auto& items = native::is_list(v) ? native::list_items(v) : native::tuple_items(v);
    bool all_tensors = true, all_ints = true;
    for (const Value& item : items) {
      all_tensors = all_tensors && as_tensor(item);
      all_ints = all_ints && item.is_int();
    }
    if (all_ints) {
      tensor::IntList out;
      for (const Value& item : items) out.push_back(item.as_int());
      return IValue(std::move(out));
    }
    if (all_tensors) {
      std::vector<tensor::Tensor> out;
      for (const Value& item : items) out.push_back(*as_tensor(item));
      return IValue(std::move(out));
    }
  }
  native::raise_error(lang::types::TypeError,
                      "cannot pass a value of type '" + lang::type_name(v) + "' to a traced op");
}

Tree value_to_tree(const Value& v) {
  if (native::is_tuple(v) || native::is_list(v)) {
    std::vector<Tree> items;
    native::for_each(v, [&](const Value& item) { items.push_back(value_to_tree(item)); });
    return native::is_list(v) ? Tree::list(std::move(items)) : Tree::tuple(std::move(items));
  }
  return Tree(value_to_ivalue(v));
}

Value tree_to_value(const Tree& t) {
  if (t.is_leaf()) return ivalue_to_value(t.leaf());
  std::vector<Value> items;
  for (const Tree& item : t.items()) items.push_back(tree_to_value(item));
  return t.kind() == Tree::Kind::List ? native::make_list(std::move(items))
                                      : native::make_tuple(std::move(items));
}

std::vector<Tree> trees_of(const lang::Args& a, size_t first) {
  if (a.nkw)
    native::raise_error(lang::types::TypeError, "keyword arguments are not supported here");
  std::vector<Tree> out;
  for (size_t i = first; i < a.npos; ++i) out.push_back(value_to_tree(a[i]));
  return out;
}

// ------------------------------------------------------------------ Graph, GraphModule

struct ModuleBox {
  std::shared_ptr<tracing::TracedModule> traced;
};

tracing::TracedModule& traced_of(const Value& v) {
  auto* box = native::native_cast<ModuleBox>(v);
  if (!box) native::raise_error(lang::types::TypeError, "expected a GraphModule");
  return *box->traced;
}

lang::Type* graph_module_type() {
  static lang::Type* t = [] {
    lang::Type* ty = native::define_type("GraphModule", "torch.fx.graph_module");
    native::def_property(ty, "graph", [](const Value& self) {
      return graph_object(native::native_cast<ModuleBox>(self)->traced->shared_module());
    });
    native::def_property(ty, "code", [](const Value& self) {
      return native::make_str(traced_of(self).module().code());
    });
    // The tensors the graph's get_attr nodes read (`gm._tensor_constant0`).
    native::def_method(ty, "__getattr__", [](const lang::Args& a) {
      const std::string& name = native::as_str(a[1], "attribute name");
      if (const tensor::Tensor* t = traced_of(a[0]).attributes().find(name)) return wrap_tensor(*t);
      native::raise_error(lang::types::AttributeError,
                          "'GraphModule' object has no attribute '" + name + "'");
    });
    native::def_method(ty, "print_readable", guarded([](const lang::Args& a) {
                         auto p = native::bind_args(lang::Args{a.pos + 1, a.npos - 1, a.kw, a.nkw},
                                                    "print_readable",
                                                    {{"print_output", native::make_bool(true)},
                                                     {"include_stride", native::make_bool(false)},
                                                     {"include_device", native::make_bool(false)},
                                                     {"colored", native::make_bool(false)}});
                         fx::ReadableOptions options;
                         options.include_stride = lang::truthy(p[1]);
                         options.include_device = lang::truthy(p[2]);
                         std::string text = traced_of(a[0]).module().print_readable(false, options);
                         if (lang::truthy(p[0])) native::out_stream() << text << '\n';
                         return native::make_str(std::move(text));
                       }));
    native::def_method(ty, "__call__", guarded([](const lang::Args& a) {
                         std::vector<Tree> inputs = trees_of(a, 1);
                         return tree_to_value(traced_of(a[0])(inputs));
                       }));
    native::def_method(ty, "forward", guarded([](const lang::Args& a) {
                         std::vector<Tree> inputs = trees_of(a, 1);
                         return tree_to_value(traced_of(a[0])(inputs));
                       }));
    native::def_method(ty, "__repr__", [](const lang::Args& a) {
      return native::make_str(traced_of(a[0]).module().class_name() + "()");
    });
    return ty;
  }();
  return t;
}

// ------------------------------------------------------------------ make_fx

// What make_fx reads from a script callable (its __name__ and parameters).
tracing::FunctionSignature signature_of(const Value& f) {
  tracing::FunctionSignature sig;
  const lang::Function* fn = native::as_function(f);
  if (!fn) {
    sig.name = "<lambda>";
    sig.has_varargs = true;
    return sig;
  }
  sig.name = fn->name;
  sig.has_varargs = fn->scope->vararg_slot >= 0;
  for (int32_t i = 0; i < fn->scope->nposargs; ++i)
    sig.parameters.push_back(fn->scope->param_names[static_cast<size_t>(i)]->s);
  return sig;
}

Value traced_call(const Value& f, const lang::Args& a) {
  std::vector<Tree> args = trees_of(a, 0);
  tracing::FunctionSignature sig = signature_of(f);
  auto traced = translate_errors([&] {
    return tracing::make_fx(sig, args, [&](const std::vector<Tree>& inputs) {
      std::vector<Value> pos;
      for (const Tree& t : inputs) pos.push_back(tree_to_value(t));
      return value_to_tree(native::call(f, std::move(pos)));
    });
  });
  return native::make_native(graph_module_type(),
                             ModuleBox{std::make_shared<tracing::TracedModule>(std::move(traced))});
}

Value make_fx_fn(const lang::Args& a) {
  auto p = native::bind_args(a, "make_fx",
                             {{"f"},
                              {"decomposition_table", native::none()},
                              {"tracing_mode", native::make_str("real")},
                              {"_allow_non_fake_inputs", native::make_bool(false)}});
  if (!p[1].is_none())
    native::raise_error(lang::types::NotImplementedError,
                        "make_fx: decomposition_table is not supported");
  if (native::as_str(p[2], "tracing_mode") != "real")
    native::raise_error(lang::types::NotImplementedError,
                        "make_fx: only tracing_mode='real' is supported");
  Value f = p[0];
  return lang::new_builtin("wrapped", [f](const lang::Args& args) { return traced_call(f, args); });
}

// ------------------------------------------------------------------ trace_wrapped

Value trace_wrapped_fn(const lang::Args& a) {
  Value fn;
  tracing::CallKwargs kwargs;
  for (size_t k = 0; k < a.nkw; ++k) {
    if (a.kw[k].name->s == "fn")
      fn = a.kw[k].value;
    else
      kwargs.emplace_back(a.kw[k].name->s, value_to_ivalue(a.kw[k].value));
  }
  if (fn.is_null())
    native::raise_error(lang::types::TypeError,
                        "trace_wrapped() missing required keyword argument 'fn'");
  std::vector<IValue> args;
  for (size_t i = 0; i < a.npos; ++i) args.push_back(value_to_ivalue(a[i]));
  hop::WrappedFn wrapped = [fn](const hop::WrappedArgs& call) {
    std::vector<Value> pos;
    for (const IValue& v : call.args) pos.push_back(ivalue_to_value(v));
    std::vector<std::pair<std::string, Value>> kw;
    for (const auto& [name, v] : call.kwargs) kw.emplace_back(name, ivalue_to_value(v));
    return value_to_ivalue(native::call(fn, std::move(pos), std::move(kw)));
  };
  return translate_errors([&] {
    return ivalue_to_value(hop::trace_wrapped(std::move(args), wrapped, std::move(kwargs)));
  });
}

} // namespace

void build_fx_module(const Value& m) {
  native::module_set(m, "GraphModule", Value(graph_module_type()));
  native::module_set(m, "Graph", Value(graph_object_type()));
}

void build_proxy_tensor_module(const Value& m) {
  native::module_def(m, "make_fx", make_fx_fn);
}

void build_dynamo_testing_module(const Value& m) {
  native::module_def(m, "normalize_gm", [](const lang::Args& a) {
    auto p = native::bind_args(a, "normalize_gm", {{"gm_str"}});
    return native::make_str(fx::normalize_gm(native::as_str(p[0], "gm_str")));
  });
}

void build_trace_wrapped_module(const Value& m) {
  native::module_def(m, "trace_wrapped", trace_wrapped_fn);
}

} // namespace bwhop::torchmod
