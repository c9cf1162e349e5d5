#include "core/fx/target.h"

#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "core/fx/py_format.h"

namespace bwhop::fx {

namespace {

struct Template {
  std::string_view name;
  std::string_view text;
};

// torch.fx.graph.magic_methods (reflectable ones included).
constexpr Template kMagic[] = {
    {"add", "{} + {}"},     {"sub", "{} - {}"},     {"mul", "{} * {}"},    {"floordiv", "{} // {}"},
    {"truediv", "{} / {}"}, {"div", "{} / {}"},     {"mod", "{} % {}"},    {"pow", "{} ** {}"},
    {"lshift", "{} << {}"}, {"rshift", "{} >> {}"}, {"and_", "{} & {}"},   {"or_", "{} | {}"},
    {"xor", "{} ^ {}"},     {"getitem", "{}[{}]"},  {"matmul", "{} @ {}"}, {"eq", "{} == {}"},
    {"ne", "{} != {}"},     {"lt", "{} < {}"},      {"gt", "{} > {}"},     {"le", "{} <= {}"},
    {"ge", "{} >= {}"},     {"pos", "+{}"},         {"neg", "-{}"},        {"invert", "~{}"},
};

// torch.fx.graph.inplace_methods.
constexpr Template kInPlace[] = {
    {"iadd", "{} += {}"},     {"iand", "{} &= {}"},       {"ifloordiv", "{} //= {}"},
    {"ilshift", "{} <<= {}"}, {"imod", "{} %= {}"},       {"imul", "{} *= {}"},
    {"imatmul", "{} @= {}"},  {"ior", "{} |= {}"},        {"ipow", "{} **= {}"},
    {"irshift", "{} >>= {}"}, {"isub", "{} -= {}"},       {"itruediv", "{} /= {}"},
    {"ixor", "{} ^= {}"},     {"setitem", "{}[{}] = {}"},
};

template <std::size_t N>
const Template* find_template(const Template (&table)[N], std::string_view name) {
  for (const Template& t : table)
    if (t.name == name) return &t;
  return nullptr;
}

class Registry {
public:
  const Target* intern(std::string key, GlobalRef ref, const void* impl) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = by_key_.find(key);
    if (it != by_key_.end()) {
      if (impl != nullptr && it->second->impl() == nullptr) it->second->set_impl(impl);
      return it->second;
    }
    Target* t = &storage_.emplace_back(std::move(ref), impl);
    by_key_.emplace(std::move(key), t);
    return t;
  }
  Target* fresh(GlobalRef ref, const void* impl) {
    std::lock_guard<std::mutex> lock(mutex_);
    return &storage_.emplace_back(std::move(ref), impl);
  }

private:
  std::mutex mutex_;
  std::deque<Target> storage_;
  std::map<std::string, Target*, std::less<>> by_key_;
};

Registry& registry() {
  static Registry r;
  return r;
}

std::string key_of(std::string_view kind, std::string_view module, std::string_view name) {
  std::string key(kind);
  key += '|';
  key += module;
  key += '|';
  key += name;
  return key;
}

} // namespace

Target::Target(GlobalRef ref, const void* impl) : ref_(std::move(ref)), impl_(impl) {
  qualified_name_ = ref_.qualified_name();
  pretty_name_ = ref_.pretty_name();
  prints_qualified_ = ref_.prints_qualified();
  default_node_name_ = snake_case(ref_.name);
  if (ref_.module.rfind("torch._ops.", 0) == 0) {
    std::size_t dot = ref_.name.find('.');
    if (dot != std::string::npos) overload_packet_ = ref_.name.substr(0, dot);
  }
  if (ref_.module == "_operator") {
    if (const Template* t = find_template(kMagic, ref_.name)) {
      form_ = OperatorForm::Magic;
      template_ = t->text;
    } else if (const Template* t = find_template(kInPlace, ref_.name)) {
      form_ = OperatorForm::InPlace;
      template_ = t->text;
    }
  }
}

const Target* operator_target(std::string_view name, const void* impl) {
  return registry().intern(key_of("fn", "_operator", name),
                           GlobalRef{"_operator", std::string(name)}, impl);
}

const Target* builtin_target(std::string_view name, const void* impl) {
  return registry().intern(key_of("fn", "builtins", name),
                           GlobalRef{"builtins", std::string(name), true}, impl);
}

const Target* aten_target(std::string_view ns, std::string_view name, std::string_view overload,
                          const void* impl) {
  std::string module = "torch._ops.";
  module += ns;
  std::string full(name);
  full += '.';
  full += overload;
  return registry().intern(key_of("fn", module, full), GlobalRef{module, full}, impl);
}

const Target* higher_order_target(std::string_view name, const void* impl) {
  return registry().intern(key_of("fn", "torch._ops.higher_order", name),
                           GlobalRef{"torch._ops.higher_order", std::string(name)}, impl);
}

const Target* global_function_target(std::string_view module, std::string_view name,
                                     const void* impl) {
  return registry().intern(key_of("fn", module, name),
                           GlobalRef{std::string(module), std::string(name)}, impl);
}

const Target* tensor_method_target(std::string_view name, const void* impl) {
  GlobalRef ref{"torch", std::string(name)};
  ref.is_tensor_method = true;
  return registry().intern(key_of("method", "torch.Tensor", name), std::move(ref), impl);
}

const Target* fresh_function_target(std::string_view module, std::string_view name,
                                    const void* impl) {
  return registry().fresh(GlobalRef{std::string(module), std::string(name)}, impl);
}

} // namespace bwhop::fx
