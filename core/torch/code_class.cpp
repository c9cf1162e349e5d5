#include "core/torch/code_class.h"

#include "core/lang/eval.h"
#include "core/lang/modules.h"
#include "core/lang/object.h"
#include "core/lang/parser.h"
#include "core/lang/syntax_error.h"

namespace bwhop::torchmod {

namespace native = lang::native;
using lang::Value;

namespace {

// The class statement: `__call__`, then the code's lines indented into the body.
std::string class_source(const std::string& class_name, const std::string& forward_code) {
  std::string src = "class " + class_name + ":\n";
  src += "    def __call__(self, *args, **kwargs):\n";
  src += "        return self.forward(*args, **kwargs)\n";
  std::size_t pos = 0;
  while (pos < forward_code.size()) {
    std::size_t end = forward_code.find('\n', pos);
    if (end == std::string::npos) end = forward_code.size();
    std::string_view line(forward_code.data() + pos, end - pos);
    if (line.find_first_not_of(' ') != std::string_view::npos) {
      src += "    ";
      src += line;
    }
    src += '\n';
    pos = end + 1;
  }
  return src;
}

} // namespace

Value class_from_code(const std::string& class_name, const std::string& forward_code,
                      const std::vector<CodeGlobal>& globals, const std::string& filename) {
  std::shared_ptr<lang::ParsedFile> file;
  try {
    file = lang::parse_file(filename, class_source(class_name, forward_code));
  } catch (const lang::SyntaxError& e) {
    native::raise_error(lang::types::RuntimeError,
                        "generated code does not parse: " + std::string(e.what()) + " (" +
                            filename + ", line " + std::to_string(e.line) + ")");
  }
  Value m = lang::new_module(filename);
  Value dict = native::module_dict(m);
  native::dict_set(dict, native::make_str("torch"), native::import_module("torch"));
  for (const auto& [name, value] : globals) native::dict_set(dict, native::make_str(name), value);
  lang::exec_module(file, static_cast<lang::Module*>(m.obj())->globals);
  return native::get_attr(m, class_name);
}

} // namespace bwhop::torchmod
