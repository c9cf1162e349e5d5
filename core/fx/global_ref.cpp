#include "core/fx/global_ref.h"

namespace bwhop::fx {

namespace {

// The module's `torch._ops` becomes `torch.ops` (every occurrence).
std::string fix_ops_module(std::string_view module) {
  std::string out;
  constexpr std::string_view from = "torch._ops";
  std::size_t pos = 0;
  while (true) {
    std::size_t hit = module.find(from, pos);
    if (hit == std::string_view::npos) break;
    out.append(module.substr(pos, hit - pos));
    out += "torch.ops";
    pos = hit + from.size();
  }
  out.append(module.substr(pos));
  return out;
}

} // namespace

bool module_is_from_torch(std::string_view module) {
  // ^torch(?:\.(?!_dynamo\.|_inductor\.)[^.]+)*$
  if (module.substr(0, 5) != "torch") return false;
  std::string_view rest = module.substr(5);
  while (!rest.empty()) {
    if (rest[0] != '.') return false;
    rest.remove_prefix(1);
    std::size_t dot = rest.find('.');
    std::string_view component = rest.substr(0, dot);
    if (component.empty()) return false;
    bool more = dot != std::string_view::npos;
    if (more && (component == "_dynamo" || component == "_inductor")) return false;
    rest = more ? rest.substr(dot) : std::string_view{};
  }
  return true;
}

std::string GlobalRef::qualified_name() const {
  if (is_builtin) return name;
  if (is_tensor_method) return "torch.Tensor." + name;
  std::string mod = fix_ops_module(module);
  std::string short_name = name;
  if (mod == "torch" && short_name == "segment_reduce") short_name = "_segment_reduce";
  return mod + "." + short_name;
}

bool GlobalRef::prints_qualified() const {
  if (module == "torch" && name == "device") return false;
  return module_is_from_torch(module);
}

std::string GlobalRef::pretty_name() const {
  if (module == "builtins") return "builtins." + name;
  if (module == "_operator") return "operator." + name;
  return qualified_name();
}

} // namespace bwhop::fx
