#include "core/torch/install.h"

#include "core/autograd/autograd_kernel.h"
#include "core/tensor/ops.h"
#include "core/tensor/scalar_type.h"
#include "core/torch/aten_ops_namespace.h"
#include "core/torch/autograd_binding.h"
#include "core/torch/fx_binding.h"
#include "core/torch/python_api.h"
#include "core/torch/tensor_ctor.h"
#include "core/torch/tensor_members.h"
#include "core/torch/tensor_object.h"
#include "core/torch/value_types.h"

namespace bwhop::torchmod {

namespace native = lang::native;
using lang::Value;

namespace {

void build_torch(const Value& m) {
  define_tensor_members();
  native::module_set(m, "Tensor", Value(tensor_type()));
  bind_value_types(m);
  bind_torch_functions(m);
  bind_grad_mode(m);
  native::module_def(m, "tensor", torch_tensor);
  native::module_set(m, "ops", make_torch_ops());
  native::module_def(m, "is_tensor", [](const lang::Args& a) {
    auto p = native::bind_args(a, "is_tensor", {{"obj"}});
    return native::make_bool(as_tensor(p[0]) != nullptr);
  });
  native::module_def(m, "manual_seed", [](const lang::Args& a) {
    auto p = native::bind_args(a, "manual_seed", {{"seed"}});
    tensor::ops::manual_seed(static_cast<uint64_t>(native::as_int(p[0], "seed")));
    return native::none();
  });
  native::module_def(m, "get_default_dtype",
                     [](const lang::Args&) { return dtype_object(tensor::default_float_dtype()); });
  native::module_def(m, "set_default_dtype", [](const lang::Args& a) {
    auto p = native::bind_args(a, "set_default_dtype", {{"d"}});
    auto d = as_dtype(p[0]);
    if (!d || !tensor::is_floating(*d))
      native::raise_error(lang::types::TypeError,
                          "only floating-point types are supported as the default type");
    tensor::set_default_float_dtype(*d);
    return native::none();
  });
  native::module_def(m, "is_floating_point", [](const lang::Args& a) {
    auto p = native::bind_args(a, "is_floating_point", {{"input"}});
    return native::make_bool(
        tensor::is_floating(expect_tensor(p[0], "is_floating_point(): argument 'input'").dtype()));
  });
  native::module_def(m, "numel", [](const lang::Args& a) {
    auto p = native::bind_args(a, "numel", {{"input"}});
    return native::make_int(expect_tensor(p[0], "numel(): argument 'input'").numel());
  });
  // Submodules PyTorch imports with torch itself.
  native::import_module("torch.autograd");
  native::import_module("torch.fx");
}

void empty_package(const Value&) {}

} // namespace

void install() {
  autograd::install();
  native::register_native_module("torch", build_torch);
  native::register_native_module("torch.autograd", build_autograd_module);
  native::register_native_module("torch.utils", empty_package);
  native::register_native_module("torch.utils.hooks", build_hooks_module);
  native::register_native_module("torch.fx", build_fx_module);
  native::register_native_module("torch.fx.experimental", empty_package);
  native::register_native_module("torch.fx.experimental.proxy_tensor", build_proxy_tensor_module);
  native::register_native_module("torch._dynamo", empty_package);
  native::register_native_module("torch._dynamo.testing", build_dynamo_testing_module);
  native::register_native_module("torch._dynamo._trace_wrapped_higher_order_op",
                                 build_trace_wrapped_module);
}

} // namespace bwhop::torchmod
