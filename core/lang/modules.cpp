// Module registry and import machinery.
#include "core/lang/modules.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/lang/eval.h"
#include "core/lang/interp.h"
#include "core/lang/parser.h"

namespace bwhop::lang {

ModuleRegistry& module_registry() {
  static auto* r = new ModuleRegistry();
  return *r;
}

Value new_module(const std::string& name) {
  auto* m = new Module(types::module, name);
  Value mv(m);
  m->globals = new_dict();
  m->attrs = m->globals;
  m->globals->d.set(Value(intern_str("__name__")), new_str(name));
  m->globals->d.set(Value(intern_str("__doc__")), Value::none());
  size_t dot = name.rfind('.');
  m->globals->d.set(Value(intern_str("__package__")),
                    new_str(dot == std::string::npos ? "" : name.substr(0, dot)));
  return mv;
}

namespace {

Value syntax_error_value(const SyntaxError& e) {
  Value exc = make_exception(types::SyntaxError, {new_str(e.message)});
  setattr(exc, intern_str("report"), new_str(format_syntax_error(e)));
  setattr(exc, intern_str("lineno"), Value::integer(e.line));
  setattr(exc, intern_str("filename"), new_str(e.file));
  return exc;
}

} // namespace

Value load_source_module(const std::string& name, const std::string& path,
                         const std::string& source) {
  Interp& in = interp();
  std::shared_ptr<ParsedFile> file;
  try {
    file = parse_file(path, source);
  } catch (const SyntaxError& e) {
    throw PyError{syntax_error_value(e)};
  }
  Value m = new_module(name);
  auto* mod = static_cast<Module*>(m.obj());
  mod->globals->d.set(Value(intern_str("__file__")), new_str(path));
  in.modules->d.set(new_str(name), m);
  try {
    exec_module(file, mod->globals);
  } catch (...) {
    in.modules->d.erase(new_str(name));
    throw;
  }
  // The module may have replaced itself in sys.modules.
  if (Value* v = in.modules->d.find(new_str(name))) return *v;
  return m;
}

Value import_module(const std::string& dotted) {
  Interp& in = interp();
  Value key = new_str(dotted);
  if (Value* v = in.modules->d.find(key)) return *v;
  Value parent;
  std::string leaf = dotted;
  size_t dot = dotted.rfind('.');
  if (dot != std::string::npos) {
    parent = import_module(dotted.substr(0, dot));
    leaf = dotted.substr(dot + 1);
    if (Value* v = in.modules->d.find(key)) return *v; // the parent imported it
  }
  Value m;
  auto& reg = module_registry();
  auto nit = reg.natives.find(dotted);
  if (nit != reg.natives.end()) {
    m = new_module(dotted);
    in.modules->d.set(key, m);
    try {
      nit->second(m);
    } catch (...) {
      in.modules->d.erase(key);
      throw;
    }
  } else if (auto sit = reg.sources.find(dotted); sit != reg.sources.end()) {
    m = load_source_module(dotted, "<frozen " + dotted + ">", sit->second);
  } else {
    // A file next to the script: name.py or name/__init__.py.
    std::string rel = dotted;
    for (auto& c : rel)
      if (c == '.') c = '/';
    for (auto& dir : in.search_paths) {
      namespace fs = std::filesystem;
      for (fs::path p : {fs::path(dir) / (rel + ".py"), fs::path(dir) / rel / "__init__.py"}) {
        std::error_code ec;
        if (!fs::is_regular_file(p, ec)) continue;
        std::ifstream f(p, std::ios::binary);
        std::stringstream ss;
        ss << f.rdbuf();
        m = load_source_module(dotted, p.string(), ss.str());
        break;
      }
      if (!m.is_null()) break;
    }
  }
  if (m.is_null()) {
    Value exc =
        make_exception(types::ModuleNotFoundError, {new_str("No module named '" + dotted + "'")});
    setattr(exc, intern_str("name"), new_str(dotted));
    throw PyError{exc};
  }
  if (!parent.is_null() && parent.is_obj() && parent.obj()->type == types::module)
    static_cast<Module*>(parent.obj())->globals->d.set(Value(intern_str(leaf)), m);
  return m;
}

} // namespace bwhop::lang
