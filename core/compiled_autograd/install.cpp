#include "core/compiled_autograd/install.h"

#include "core/compiled_autograd/external_utils_source.h"
#include "core/compiled_autograd/ops.h"
#include "core/compiled_autograd/runtime.h"
#include "core/compiled_autograd/targets.h"

namespace bwhop::compiled_autograd {

namespace native = lang::native;
using lang::Value;

namespace {

struct EnableBox {
  Value compiler_fn;
  int depth = 0; // times entered and not yet exited
};
struct DisableBox {
  std::vector<bool> was_installed;
};

lang::Type* enable_type() {
  static lang::Type* t = [] {
    lang::Type* ty = native::define_type("_enable", kCompiledAutogradModule);
    native::def_method(ty, "__enter__", [](const lang::Args& a) {
      auto* box = native::native_cast<EnableBox>(a[0]);
      push_compiler(box->compiler_fn);
      ++box->depth;
      return native::none();
    });
    native::def_method(ty, "__exit__", [](const lang::Args& a) {
      auto* box = native::native_cast<EnableBox>(a[0]);
      if (box->depth > 0) {
        --box->depth;
        pop_compiler();
      }
      return native::make_bool(false);
    });
    return ty;
  }();
  return t;
}

lang::Type* disable_type() {
  static lang::Type* t = [] {
    lang::Type* ty = native::define_type("_disable", kCompiledAutogradModule);
    native::def_method(ty, "__enter__", [](const lang::Args& a) {
      native::native_cast<DisableBox>(a[0])->was_installed.push_back(suspend_engine_entry());
      return native::none();
    });
    native::def_method(ty, "__exit__", [](const lang::Args& a) {
      auto* box = native::native_cast<DisableBox>(a[0]);
      if (!box->was_installed.empty()) {
        resume_engine_entry(box->was_installed.back());
        box->was_installed.pop_back();
      }
      return native::make_bool(false);
    });
    return ty;
  }();
  return t;
}

void build_module(const Value& m) {
  native::module_set(m, "_state", make_runtime_state());
  native::module_set(m, "ops", make_ops_namespace());
  native::module_def(m, "_enable", [](const lang::Args& a) {
    auto p =
        native::bind_args(a, "_enable", {{"compiler_fn"}, {"dynamic", native::make_bool(true)}});
    if (!native::is_callable(p[0]))
      native::raise_error(lang::types::TypeError, "_enable(): compiler_fn must be callable");
    return native::make_native(enable_type(), EnableBox{p[0]});
  });
  native::module_def(m, "_disable", [](const lang::Args& a) {
    native::bind_args(a, "_disable", {});
    return native::make_native(disable_type(), DisableBox{});
  });
  native::module_def(m, "reset", [](const lang::Args& a) {
    native::bind_args(a, "reset", {});
    reset_cache();
    return native::none();
  });
}

} // namespace

void install() {
  native::register_native_module(kCompiledAutogradModule, build_module);
  native::register_source_module(kExternalUtilsModule, kExternalUtilsSource);
}

} // namespace bwhop::compiled_autograd
