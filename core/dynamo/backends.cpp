#include "core/dynamo/backends.h"

#include "core/aot/aot_autograd.h"
#include "core/dynamo/graph_exec.h"
#include "core/inductor/compile_fx.h"
#include "core/lang/interp.h"
#include "core/lang/runtime.h"
#include "core/torch/errors.h"
#include "core/torch/tensor_object.h"
#include "core/tracing/graph_runner.h"

namespace bwhop::dynamo {

namespace native = lang::native;

namespace {

struct ModuleBox {
  std::shared_ptr<fx::GraphModule> module;
};

// The eager backend: core/tracing's graph runner on the real inputs.
std::vector<Value> run_eager(const fx::GraphModule& module,
                             const std::vector<tensor::Tensor>& inputs) {
  std::vector<tracing::Tree> in(inputs.begin(), inputs.end());
  tracing::Tree result = tracing::run_graph(module.graph(), tracing::TensorAttributes{}, in);
  std::vector<Value> out;
  for (const tracing::Tree& item : result.items()) out.push_back(to_value(item.leaf()));
  return out;
}

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
    native::def_method(ty, "print_readable", [module_of](const lang::Args& a) {
      auto p = native::bind_args(lang::Args{a.pos + 1, a.npos - 1, a.kw, a.nkw}, "print_readable",
                                 {{"print_output", native::make_bool(true)}});
      std::string text = module_of(a[0]).print_readable(false);
      if (lang::truthy(p[0])) native::out_stream() << text << '\n';
      return native::make_str(std::move(text));
    });
    auto call = [module_of](const lang::Args& a) {
      std::vector<tensor::Tensor> inputs;
      for (size_t i = 1; i < a.npos; ++i)
        inputs.push_back(torchmod::expect_tensor(a[i], "GraphModule input"));
      return torchmod::translate_errors(
          [&] { return native::make_tuple(run_eager(module_of(a[0]), inputs)); });
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

} // namespace

Value wrap_graph_module(std::shared_ptr<fx::GraphModule> module) {
  return native::make_native(graph_module_type(), ModuleBox{std::move(module)});
}

CompiledFn compile_with_backend(const Value& backend,
                                const std::shared_ptr<fx::GraphModule>& module,
                                const std::vector<tensor::Tensor>& example_inputs) {
  if (native::is_str(backend)) {
    const std::string& name = native::as_str(backend);
    if (name == "eager")
      return [module](const std::vector<tensor::Tensor>& inputs) {
        return run_eager(*module, inputs);
      };
    if (name == "aot_eager" || name == "inductor") {
      // Both take a number from the AOT counter; inductor also compiles the
      // forward and backward graphs to C++ kernels.
      int64_t aot_id = next_aot_id();
      auto compiled = torchmod::translate_errors([&] {
        return name == "inductor" ? inductor::compile_fx(*module, example_inputs, aot_id)
                                  : aot::aot_module_simplified(*module, example_inputs, aot_id);
      });
      return [compiled](const std::vector<tensor::Tensor>& inputs) {
        std::vector<Value> out;
        for (const tensor::Tensor& t : (*compiled)(inputs)) out.push_back(torchmod::wrap_tensor(t));
        return out;
      };
    }
    native::raise_error(lang::types::ValueError, "unknown torch.compile backend '" + name + "'");
  }
  std::vector<Value> examples;
  for (const tensor::Tensor& t : example_inputs) examples.push_back(torchmod::wrap_tensor(t));
  Value compiled = native::call(backend, {wrap_graph_module(module), native::make_list(examples)});
  return [compiled](const std::vector<tensor::Tensor>& inputs) {
    std::vector<Value> args;
    for (const tensor::Tensor& t : inputs) args.push_back(torchmod::wrap_tensor(t));
    Value result = native::call(compiled, std::move(args));
    if (native::is_tuple(result)) return native::tuple_items(result);
    if (native::is_list(result)) return native::list_items(result);
    return std::vector<Value>{result};
  };
}

} // namespace bwhop::dynamo
