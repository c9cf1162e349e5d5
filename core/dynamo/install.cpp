#include "core/dynamo/install.h"

#include "core/dynamo/compile.h"
#include "core/dynamo/config.h"
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

void build_functorch_config(const Value& m) {
  build_config_module(m, {{"guess_tangent_strides_as_outputs", native::make_bool(false)},
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
      return native::none();
    });
    native::import_module("torch._dynamo.exc");
    native::import_module("torch._dynamo.config");
  });
  native::register_native_module("torch._dynamo.exc", build_exc);
  native::register_native_module("torch._dynamo.config", build_dynamo_config);
  auto& natives = lang::module_registry().natives;
  if (!natives.count("torch._functorch"))
    native::register_native_module("torch._functorch", [](const Value&) {});
  if (!natives.count("torch._functorch.config"))
    native::register_native_module("torch._functorch.config", build_functorch_config);
  if (!natives.count("torch._functorch.aot_autograd"))
    native::register_native_module("torch._functorch.aot_autograd", build_aot_autograd);
}

} // namespace bwhop::dynamo
