#include "core/dynamo/backends.h"

#include <optional>

#include "core/aot/aot_autograd.h"
#include "core/dynamo/graph_exec.h"
#include "core/inductor/compile_fx.h"
#include "core/inductor/config.h"
#include "core/lang/interp.h"
#include "core/lang/runtime.h"
#include "core/torch/errors.h"
#include "core/torch/fx_graph_object.h"
#include "core/torch/tensor_object.h"
#include "core/tracing/graph_runner.h"

namespace bwhop::dynamo {

namespace native = lang::native;

namespace {

struct ModuleBox {
  std::shared_ptr<fx::GraphModule> module;
};

lang::Type* graph_module_type() {
  static lang::Type* t = [] {
    lang::Type* ty = native::define_type("GraphModule", "torch.fx.graph_module");
    auto module_of = [](const Value& v) -> fx::GraphModule& {
      auto* box = native::native_cast<ModuleBox>(v);
      if (!box) native::raise_error(lang::types::TypeError, "expected a GraphModule");
      return *box->module;
    };
    native::def_property(ty, "code", [module_of](const Value& self) {
      return native::make_str(module_of(self).code());
    });
    native::def_property(ty, "graph", [](const Value& self) {
      return torchmod::graph_object(native::native_cast<ModuleBox>(self)->module);
    });
    native::def_method(ty, "print_readable", [module_of](const lang::Args& a) {
      auto p = native::bind_args(lang::Args{a.pos + 1, a.npos - 1, a.kw, a.nkw}, "print_readable",
                                 {{"print_output", native::make_bool(true)}});
      std::string text = module_of(a[0]).print_readable(false);
      if (lang::truthy(p[0])) native::out_stream() << text << '\n';
      return native::make_str(std::move(text));
    });
    auto call = [module_of](const lang::Args& a) {
      std::vector<Value> inputs(a.pos + 1, a.pos + a.npos);
      return torchmod::translate_errors(
          [&] { return native::make_tuple(run_script_graph(module_of(a[0]).graph(), inputs)); });
    };
    native::def_method(ty, "__call__", call);
    native::def_method(ty, "forward", call);
    return ty;
  }();
  return t;
}

// torch._functorch.aot_autograd.AOT_COUNTER, read through the module each time.
int64_t next_aot_id() {
  Value m = native::import_module("torch._functorch.aot_autograd");
  Value counter = native::get_attr(m, "AOT_COUNTER");
  Value next = native::dict_get(Value(lang::interp().builtins), native::make_str("next"));
  return native::as_int(native::call(next, {counter}), "AOT_COUNTER");
}

// torch._inductor.config's values as the script set them.
void read_inductor_config(inductor::InductorConfig& c) {
  Value m = native::import_module("torch._inductor.config");
  auto read = [&](const char* name, std::size_t& slot) {
    Value v = native::get_attr_or_null(m, name);
    if (!v.is_null() && v.is_int() && v.as_int() > 0) slot = static_cast<std::size_t>(v.as_int());
  };
  read("max_fusion_size", c.max_fusion_size);
  read("realize_opcount_threshold", c.realize_opcount_threshold);
}

// The inputs as tensors, or nothing when one is not a tensor.
std::optional<std::vector<tensor::Tensor>> all_tensors(const std::vector<Value>& values) {
  std::vector<tensor::Tensor> out;
  for (const Value& v : values) {
    const tensor::Tensor* t = torchmod::as_tensor(v);
    if (t == nullptr) return std::nullopt;
    out.push_back(*t);
  }
  return out;
}

CompiledFn run_with_script_graph(const std::shared_ptr<fx::GraphModule>& module) {
  return [module](const std::vector<Value>& inputs) {
    return run_script_graph(module->graph(), inputs);
  };
}

// aot_eager / inductor: both take a number from the AOT counter; inductor also
// compiles the forward and backward graphs to C++ kernels.
CompiledFn compile_with_aot(const std::string& name, const std::shared_ptr<fx::GraphModule>& module,
                            const std::vector<Value>& example_inputs) {
  int64_t aot_id = next_aot_id();
  auto tensors = all_tensors(example_inputs);
  bool opaque = false;
  for (const fx::Node* n : module->graph().nodes())
    opaque = opaque || n->find_meta(kOpaqueOpMetaKey);
  if (!tensors || opaque) {
    if (name == "aot_eager")
      native::raise_error(lang::types::NotImplementedError,
                          "aot_eager: bwhop's AOT autograd only traces graphs whose inputs are "
                          "all tensors and whose ops it can trace");
    return run_with_script_graph(module); // inductor's fallback: run the graph as captured
  }
  auto compiled = torchmod::translate_errors([&] {
    if (name != "inductor") return aot::aot_module_simplified(*module, *tensors, aot_id);
    inductor::ScopedConfig scoped;
    read_inductor_config(inductor::config());
    return inductor::compile_fx(*module, *tensors, aot_id);
  });
  return [compiled](const std::vector<Value>& inputs) {
    std::vector<tensor::Tensor> args;
    for (const Value& v : inputs) args.push_back(torchmod::expect_tensor(v, "graph input"));
    std::vector<Value> out;
    for (const tensor::Tensor& t : (*compiled)(args)) out.push_back(torchmod::wrap_tensor(t));
    return out;
  };
}

} // namespace

CompiledFn compile_with_backend(const Value& backend,
                                const std::shared_ptr<fx::GraphModule>& module,
                                const std::vector<Value>& example_inputs) {
  if (native::is_str(backend)) {
    const std::string& name = native::as_str(backend);
    if (name == "eager") return run_with_script_graph(module);
    if (name == "aot_eager" || name == "inductor")
      return compile_with_aot(name, module, example_inputs);
    native::raise_error(lang::types::ValueError, "unknown torch.compile backend '" + name + "'");
  }
  Value compiled =
      native::call(backend, {wrap_graph_module(module), native::make_list(example_inputs)});
  return [compiled](const std::vector<Value>& inputs) {
    Value result = native::call(compiled, inputs);
    if (native::is_tuple(result)) return native::tuple_items(result);
    if (native::is_list(result)) return native::list_items(result);
    return std::vector<Value>{result};
  };
}

Value wrap_graph_module(std::shared_ptr<fx::GraphModule> module) {
  return native::make_native(graph_module_type(), ModuleBox{std::move(module)});
}

namespace {

// backend(gm, example_inputs) for a named backend: the compiled callable.
Value compile_graph_module(const Value& backend, const Value& gm, const Value& example_inputs) {
  auto* box = native::native_cast<ModuleBox>(gm);
  if (!box) native::raise_error(lang::types::TypeError, "backend: expected a GraphModule");
  std::vector<Value> examples = native::is_list(example_inputs)
                                    ? native::list_items(example_inputs)
                                    : native::tuple_items(example_inputs);
  CompiledFn fn = compile_with_backend(backend, box->module, examples);
  return lang::new_builtin("compiled_fn", [fn](const lang::Args& call) {
    std::vector<Value> inputs(call.pos, call.pos + call.npos);
    return torchmod::translate_errors([&] { return native::make_tuple(fn(inputs)); });
  });
}

} // namespace

Value inductor_compile(const Value& gm, const Value& example_inputs) {
  return compile_graph_module(native::make_str("inductor"), gm, example_inputs);
}

Value lookup_backend(const Value& name) {
  if (!native::is_str(name))
    native::raise_error(lang::types::TypeError, "lookup_backend: expected a backend name");
  const std::string& n = native::as_str(name);
  if (n != "eager" && n != "aot_eager" && n != "inductor")
    native::raise_error(lang::types::ValueError, "unknown torch.compile backend '" + n + "'");
  return lang::new_builtin(n, [name](const lang::Args& a) {
    auto p = native::bind_args(a, "backend", {{"gm"}, {"example_inputs"}});
    return compile_graph_module(name, p[0], p[1]);
  });
}

} // namespace bwhop::dynamo
