#include "core/dynamo/config.h"

#include <memory>

#include "core/lang/runtime.h"

namespace bwhop::dynamo {

namespace native = lang::native;
using lang::Value;

namespace {

struct Patch {
  Value module;
  std::vector<std::pair<std::string, Value>> changes;
  std::vector<std::vector<std::pair<std::string, Value>>> saved; // one frame per active enter
};

void apply_patch(Patch& p) {
  std::vector<std::pair<std::string, Value>> old;
  for (const auto& [name, value] : p.changes) {
    old.emplace_back(name, native::get_attr(p.module, name));
    native::module_set(p.module, name, value);
  }
  p.saved.push_back(std::move(old));
}

void undo_patch(Patch& p) {
  if (p.saved.empty()) return;
  for (const auto& [name, value] : p.saved.back()) native::module_set(p.module, name, value);
  p.saved.pop_back();
}

lang::Type* patch_type() {
  static lang::Type* t = [] {
    lang::Type* ty = native::define_type("ConfigPatch", "torch.utils._config_module");
    native::def_method(ty, "__enter__", [](const lang::Args& a) {
      apply_patch(**native::native_cast<std::shared_ptr<Patch>>(a[0]));
      return native::none();
    });
    native::def_method(ty, "__exit__", [](const lang::Args& a) {
      undo_patch(**native::native_cast<std::shared_ptr<Patch>>(a[0]));
      return native::make_bool(false);
    });
    // As a decorator: the wrapped function runs with the patch applied.
    native::def_method(ty, "__call__", [](const lang::Args& a) {
      auto patch = *native::native_cast<std::shared_ptr<Patch>>(a[0]);
      auto p =
          native::bind_args(lang::Args{a.pos + 1, a.npos - 1, a.kw, a.nkw}, "patch", {{"func"}});
      Value fn = p[0];
      return lang::new_builtin("patched", [patch, fn](const lang::Args& inner) {
        apply_patch(*patch);
        try {
          Value out = lang::call(fn, inner);
          undo_patch(*patch);
          return out;
        } catch (...) {
          undo_patch(*patch);
          throw;
        }
      });
    });
    return ty;
  }();
  return t;
}

} // namespace

void build_config_module(const Value& module,
                         const std::vector<std::pair<std::string, Value>>& defaults) {
  for (const auto& [name, value] : defaults) native::module_set(module, name, value);
  Value m = module;
  native::module_def(module, "patch", [m](const lang::Args& a) {
    auto patch = std::make_shared<Patch>();
    patch->module = m;
    if (a.npos == 2 && native::is_str(a[0]))
      patch->changes.emplace_back(native::as_str(a[0]), a[1]);
    else if (a.npos != 0)
      native::raise_error(lang::types::TypeError, "patch() takes a name and a value, or keywords");
    for (size_t k = 0; k < a.nkw; ++k) patch->changes.emplace_back(a.kw[k].name->s, a.kw[k].value);
    for (const auto& change : patch->changes)
      if (!native::has_attr(m, change.first))
        native::raise_error(lang::types::AttributeError, static_cast<lang::Module*>(m.obj())->name +
                                                             "." + change.first +
                                                             " does not exist");
    return native::make_native(patch_type(), patch);
  });
}

} // namespace bwhop::dynamo
