#include "core/torch/aten_ops_namespace.h"

#include <memory>
#include <string>
#include <unordered_map>

#include "core/tensor/op_registry.h"
#include "core/torch/python_arg_parser.h"

namespace bwhop::torchmod {

namespace native = lang::native;
using lang::Value;

namespace {

// Names of the op namespaces the registry serves.
bool known_namespace(const std::string& ns) {
  return ns == "aten";
}

struct NamespaceBox {
  std::string name; // "aten"
};
struct PacketBox {
  std::string ns;
  std::string name; // "mul"
  std::shared_ptr<PyFunction> all_overloads;
};
struct OverloadBox {
  std::shared_ptr<PyFunction> fn; // exactly one signature
  const tensor::OpDef* op = nullptr;
};

// One signature for exactly `op`, every schema argument a parameter (an
// OpOverload is called with the schema's arguments, hidden overloads included).
std::shared_ptr<PyFunction> overload_function(const tensor::OpDef& op) {
  static std::unordered_map<const tensor::OpDef*, std::shared_ptr<PyFunction>> cache;
  if (auto it = cache.find(&op); it != cache.end()) return it->second;
  auto fn = std::make_shared<PyFunction>();
  cache.emplace(&op, fn);
  fn->name = op.qualified;
  fn->numbers_as_tensors = true;
  PySignature sig;
  sig.op = &op;
  for (std::size_t i = 0; i < op.schema.args.size(); ++i) {
    sig.params.push_back(static_cast<int>(i));
    if (!op.schema.args[i].kwarg_only) ++sig.max_positional;
  }
  fn->signatures.push_back(std::move(sig));
  return fn;
}

lang::Type* overload_type() {
  static lang::Type* t = [] {
    lang::Type* ty = native::define_type("OpOverload", "torch._ops");
    native::def_method(ty, "__call__", [](const lang::Args& a) {
      const auto* box = native::native_cast<OverloadBox>(a[0]);
      return call_py_function(*box->fn, Value(), lang::Args{a.pos + 1, a.npos - 1, a.kw, a.nkw});
    });
    return ty;
  }();
  return t;
}

Value make_overload(const tensor::OpDef& op, const std::string& ns) {
  Value v = native::make_native(overload_type(), OverloadBox{overload_function(op), &op});
  native::set_attr(v, "__name__", native::make_str(op.qualified));
  native::set_attr(v, "__module__", native::make_str("torch._ops." + ns));
  return v;
}

lang::Type* packet_type() {
  static lang::Type* t = [] {
    lang::Type* ty = native::define_type("OpOverloadPacket", "torch._ops");
    native::def_method(ty, "__getattr__", [](const lang::Args& a) {
      const auto* box = native::native_cast<PacketBox>(a[0]);
      const std::string& overload = native::as_str(a[1], "attribute name");
      const tensor::OpDef* op = tensor::OpRegistry::instance().find(box->name + "." + overload);
      if (op == nullptr)
        native::raise_error(lang::types::AttributeError,
                            "The underlying op of '" + box->ns + "." + box->name +
                                "' has no overload name '" + overload + "'");
      return make_overload(*op, box->ns);
    });
    native::def_method(ty, "__call__", [](const lang::Args& a) {
      const auto* box = native::native_cast<PacketBox>(a[0]);
      return call_py_function(*box->all_overloads, Value(),
                              lang::Args{a.pos + 1, a.npos - 1, a.kw, a.nkw});
    });
    return ty;
  }();
  return t;
}

lang::Type* namespace_type() {
  static lang::Type* t = [] {
    lang::Type* ty = native::define_type("_OpNamespace", "torch._ops");
    native::def_method(ty, "__getattr__", [](const lang::Args& a) {
      const auto* box = native::native_cast<NamespaceBox>(a[0]);
      const std::string& name = native::as_str(a[1], "attribute name");
      if (tensor::OpRegistry::instance().overloads(name).empty())
        native::raise_error(lang::types::AttributeError, "'_OpNamespace' '" + box->name +
                                                             "' object has no attribute '" + name +
                                                             "'");
      auto all = std::make_shared<PyFunction>(make_py_function(name, name, false, true));
      Value v = native::make_native(packet_type(), PacketBox{box->name, name, std::move(all)});
      native::set_attr(v, "__name__", native::make_str(name));
      return v;
    });
    return ty;
  }();
  return t;
}

lang::Type* ops_type() {
  static lang::Type* t = [] {
    lang::Type* ty = native::define_type("_Ops", "torch._ops");
    native::def_method(ty, "__getattr__", [](const lang::Args& a) {
      const std::string& ns = native::as_str(a[1], "attribute name");
      if (!known_namespace(ns))
        native::raise_error(lang::types::AttributeError,
                            "'_Ops' object has no attribute '" + ns + "'");
      Value v = native::make_native(namespace_type(), NamespaceBox{ns});
      native::set_attr(a[0], ns, v); // later lookups find the attribute directly
      return v;
    });
    return ty;
  }();
  return t;
}

} // namespace

Value make_torch_ops() {
  return native::make_native(ops_type(), 0);
}

const tensor::OpDef* as_op_overload(const lang::Value& v) {
  if (lang::type_of(v) != overload_type()) return nullptr;
  return native::native_cast<OverloadBox>(v)->op;
}

} // namespace bwhop::torchmod
