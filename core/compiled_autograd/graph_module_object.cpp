#include "core/compiled_autograd/graph_module_object.h"

#include <vector>

#include "core/fx/codegen.h"
#include "core/fx/graph_format.h"
#include "core/fx/target.h"
#include "core/torch/code_class.h"
#include "core/torch/fx_graph_object.h"
#include "core/torch/value_types.h"

namespace bwhop::compiled_autograd {

namespace native = lang::native;
using lang::Value;

namespace {

// The object `<module>.<name>` names: the longest importable prefix of the
// module path, then attributes (`torch._dynamo.compiled_autograd.ops` is an
// attribute of its module, not a module).
Value resolve_by_name(const fx::Target& t) {
  std::string path = std::string(t.module()) + "." + std::string(t.python_name());
  std::string module(t.module());
  Value v;
  while (true) {
    try {
      v = native::import_module(module);
      break;
    } catch (const lang::PyError&) {
      std::size_t dot = module.rfind('.');
      if (dot == std::string::npos) throw;
      module.resize(dot);
    }
  }
  std::string_view name = std::string_view(path).substr(module.size() + 1);
  std::size_t pos = 0;
  while (pos <= name.size()) {
    std::size_t dot = name.find('.', pos);
    if (dot == std::string_view::npos) dot = name.size();
    v = native::get_attr(v, name.substr(pos, dot - pos));
    pos = dot + 1;
  }
  return v;
}

bool needs_global(const fx::Target& t) {
  return t.operator_form() == fx::OperatorForm::None && !t.ref().is_builtin;
}

} // namespace

std::shared_ptr<fx::GraphModule> graph_module_of(const Value& object) {
  return torchmod::module_of_graph_object(native::get_attr_or_null(object, "graph"));
}

Value make_graph_module_object(std::shared_ptr<fx::GraphModule> module,
                               const TargetValues& locals) {
  // The names codegen gave the call targets are the globals the code needs.
  std::vector<fx::CodeGlobalName> names;
  fx::CodegenOptions options;
  options.globals = &names;
  std::string code = fx::python_code(module->graph(), options);
  std::vector<torchmod::CodeGlobal> globals;
  globals.emplace_back("device", Value(torchmod::device_type()));
  for (const fx::CodeGlobalName& g : names) {
    if (!needs_global(*g.target)) continue;
    auto local = locals.find(g.target);
    globals.emplace_back(g.name,
                         local != locals.end() ? local->second : resolve_by_name(*g.target));
  }
  const std::string& class_name = module->class_name();
  Value cls = torchmod::class_from_code(class_name, code, globals, "<eval_with_key>." + class_name);
  Value self = native::call(cls, {});
  native::set_attr(self, "code", native::make_str(code));
  native::set_attr(self, "graph", torchmod::graph_object(module));
  native::set_attr(
      self, "print_readable", lang::new_builtin("print_readable", [module](const lang::Args& a) {
        auto p =
            native::bind_args(a, "print_readable", {{"print_output", native::make_bool(true)}});
        std::string text = module->print_readable(false);
        if (lang::truthy(p[0])) native::out_stream() << text << '\n';
        return native::make_str(std::move(text));
      }));
  return self;
}

} // namespace bwhop::compiled_autograd
