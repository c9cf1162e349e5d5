#include "core/dynamo/install.h"

#include "core/compiled_autograd/install.h"
#include "core/dynamo/backends.h"
#include "core/dynamo/compile.h"
#include "core/dynamo/config.h"
#include "core/dynamo/testing_backends.h"
#include "core/inductor/config.h"
#include "core/lang/interp.h"
#include "core/lang/modules.h"
#include "core/lang/native.h"

namespace bwhop::dynamo {

namespace native = lang::native;
using lang::Value;

namespace {

// The builder registered so far for `name` (or a no-op), so ours can extend it.
native::ModuleBuilder previous_builder(const std::string& name) {
  auto& natives = lang::module_registry().natives;
  auto it = natives.find(name);
  if (it == natives.end()) return [](const Value&) {};
  return it->second;
}

void build_exc(const Value& m) {
  native::module_set(m, "TorchDynamoException", Value(dynamo_exception_type()));
  native::module_set(m, "Unsupported", Value(unsupported_type()));
}

void build_dynamo_config(const Value& m) {
  build_config_module(m, {{"reorderable_logging_functions", Value(lang::new_set())},
                          {"verbose", native::make_bool(false)},
                          {"suppress_errors", native::make_bool(false)},
                          {"cache_size_limit", native::make_int(8)},
                          {"automatic_dynamic_shapes", native::make_bool(true)},
                          {"assume_static_by_default", native::make_bool(true)}});
}

// torch._dynamo.mark_dynamic / maybe_mark_dynamic: as PyTorch, the marks are
// a set of dims stored on the tensor object, read when dynamo wraps it.
Value mark_dims(const lang::Args& a, const char* name, const char* attr) {
  auto p = native::bind_args(a, name, {{"t"}, {"index"}});
  Value dims = native::get_attr_or_null(p[0], attr);
  if (dims.is_null()) {
    Value set_type = native::dict_get(Value(lang::interp().builtins), native::make_str("set"));
    dims = native::call(set_type, {});
    native::set_attr(p[0], attr, dims);
  }
  std::vector<Value> indices =
      native::is_list(p[1]) ? native::list_items(p[1]) : std::vector<Value>{p[1]};
  for (const Value& i : indices) native::call(native::get_attr(dims, "add"), {i});
  return native::none();
}

// torch._dynamo.utils: the locals-to-steal convention between compiled
// autograd and dynamo (`gm.meta["locals_to_steal"]`).
void build_utils(const Value& m) {
  // counters: PyTorch's per-category event counters (a dict here; bwhop does not count yet).
  native::module_set(m, "counters", native::make_dict());
  native::module_def(m, "set_locals_to_steal", [](const lang::Args& a) {
    auto p = native::bind_args(a, "set_locals_to_steal", {{"gm"}, {"locals_to_steal"}});
    Value meta = native::get_attr_or_null(p[0], "meta");
    if (meta.is_null() || !native::is_dict(meta)) {
      meta = native::make_dict();
      native::set_attr(p[0], "meta", meta);
    }
    native::call(native::get_attr(meta, "__setitem__"),
                 {native::make_str("locals_to_steal"), p[1]});
    return native::none();
  });
  native::module_def(m, "get_locals_to_steal", [](const lang::Args& a) {
    auto p = native::bind_args(a, "get_locals_to_steal", {{"gm"}});
    return locals_to_steal(p[0]);
  });
}

void build_inductor(const Value& m) {
  native::module_def(m, "compile", [](const lang::Args& a) {
    auto p = native::bind_args(a, "compile", {{"gm"}, {"example_inputs"}});
    return inductor_compile(p[0], p[1]);
  });
  native::import_module("torch._inductor.config");
}

// torch._inductor.config: inductor's tunables, read by each compile.
void build_inductor_config(const Value& m) {
  inductor::InductorConfig defaults;
  build_config_module(
      m, {{"max_fusion_size", native::make_int(static_cast<int64_t>(defaults.max_fusion_size))},
          {"realize_opcount_threshold",
           native::make_int(static_cast<int64_t>(defaults.realize_opcount_threshold))}});
}

void build_functorch_config(const Value& m) {
  // PyTorch's default is `not is_fbcode()`: True outside Meta.
  build_config_module(m, {{"guess_tangent_strides_as_outputs", native::make_bool(true)},
                          {"activation_memory_budget", native::make_float(1.0)}});
}

void build_aot_autograd(const Value& m) {
  Value count = native::get_attr(native::import_module("itertools"), "count");
  native::module_set(m, "AOT_COUNTER", native::call(count, {}));
}

} // namespace

// core/torch registers plain functions; a builder that is not one was already
// extended (this makes install() idempotent, and redoable after the torch
// layer installs itself again).
static bool extended(const std::string& name) {
  auto& natives = lang::module_registry().natives;
  auto it = natives.find(name);
  return it != natives.end() && it->second.target<void (*)(const Value&)>() == nullptr;
}

void install() {
  compiled_autograd::install();
  if (extended("torch") && extended("torch._dynamo")) return;
  auto torch_builder = previous_builder("torch");
  native::register_native_module("torch", [torch_builder](const Value& m) {
    torch_builder(m);
    native::module_def(m, "compile", torch_compile);
  });
  auto dynamo_builder = previous_builder("torch._dynamo");
  native::register_native_module("torch._dynamo", [dynamo_builder](const Value& m) {
    dynamo_builder(m);
    native::module_def(m, "reset", [](const lang::Args&) {
      reset();
      // torch._dynamo.reset() also drops compiled autograd's cache.
      Value ca = native::import_module("torch._dynamo.compiled_autograd");
      native::call(native::get_attr(ca, "reset"), {});
      return native::none();
    });
    native::module_def(m, "mark_dynamic", [](const lang::Args& a) {
      return mark_dims(a, "mark_dynamic", "_dynamo_dynamic_indices");
    });
    native::module_def(m, "maybe_mark_dynamic", [](const lang::Args& a) {
      return mark_dims(a, "maybe_mark_dynamic", "_dynamo_weak_dynamic_indices");
    });
    native::import_module("torch._dynamo.exc");
    native::import_module("torch._dynamo.config");
  });
  native::register_native_module("torch._dynamo.exc", build_exc);
  native::register_native_module("torch._dynamo.config", build_dynamo_config);
  native::register_native_module("torch._inductor", build_inductor);
  native::register_native_module("torch._inductor.config", build_inductor_config);
  native::register_native_module("torch._dynamo.utils", build_utils);
  native::register_native_module("torch._dynamo.backends", [](const Value&) {});
  native::register_native_module("torch._dynamo.backends.registry", [](const Value& m) {
    native::module_def(m, "lookup_backend", [](const lang::Args& a) {
      auto p = native::bind_args(a, "lookup_backend", {{"compiler_fn"}});
      return lookup_backend(p[0]);
    });
  });
  native::register_source_module("torch._dynamo._testing_backends", kTestingBackendsSource);
  auto testing_builder = previous_builder("torch._dynamo.testing");
  native::register_native_module("torch._dynamo.testing", [testing_builder](const Value& m) {
    testing_builder(m);
    Value backends = native::import_module("torch._dynamo._testing_backends");
    for (const char* name : {"CompileCounter", "CompileCounterWithBackend", "EagerAndRecordGraphs"})
      native::module_set(m, name, native::get_attr(backends, name));
  });
  auto& natives = lang::module_registry().natives;
  if (!natives.count("torch._functorch"))
    native::register_native_module("torch._functorch", [](const Value&) {});
  if (!natives.count("torch._functorch.config"))
    native::register_native_module("torch._functorch.config", build_functorch_config);
  if (!natives.count("torch._functorch.aot_autograd"))
    native::register_native_module("torch._functorch.aot_autograd", build_aot_autograd);
}

} // namespace bwhop::dynamo
