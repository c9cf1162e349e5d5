#include "core/torch/autograd_binding.h"

#include <any>
#include <cstdio>
#include <unordered_map>

#include "core/autograd/accumulate_grad.h"
#include "core/autograd/engine.h"
#include "core/autograd/variable.h"
#include "core/tensor/dispatcher.h"
#include "core/torch/errors.h"
#include "core/torch/node_hooks.h"
#include "core/torch/tensor_object.h"

namespace bwhop::torchmod {

namespace native = lang::native;
using autograd::Node;
using tensor::Tensor;

namespace {

// ------------------------------------------------------------------ nodes

std::unordered_map<const Node*, lang::Object*>& live_nodes() {
  static std::unordered_map<const Node*, lang::Object*> table;
  return table;
}

struct NodeObject : lang::Instance {
  std::shared_ptr<Node> node;
  NodeObject(lang::Type* t, std::shared_ptr<Node> n) : Instance(t), node(std::move(n)) {
    live_nodes()[node.get()] = this;
  }
  ~NodeObject() override { live_nodes().erase(node.get()); }
};

Node& node_of(const Value& v) {
  auto* o = v.is_obj() ? dynamic_cast<NodeObject*>(v.obj()) : nullptr;
  if (!o) native::raise_error(lang::types::TypeError, "expected an autograd Node");
  return *o->node;
}

std::string hex_address(const void* p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%p", p);
  return buf;
}

// Node.name() as PyTorch returns it: the engine's own nodes carry their C++
// namespace (`torch::autograd::AccumulateGrad`); their class name does not.
std::string script_name(const Node& n) {
  std::string name(n.name());
  if (name == "AccumulateGrad" || name == "GraphRoot") return "torch::autograd::" + name;
  return name;
}

// Common base of the per-name node classes (PyTorch's torch.autograd.graph.Node).
lang::Type* node_base_type() {
  static lang::Type* t = [] {
    lang::Type* ty = native::define_type("Node", "torch.autograd.graph");
    native::def_method(ty, "name", [](const lang::Args& a) {
      return native::make_str(script_name(node_of(a[0])));
    });
    native::def_method(ty, "register_hook", [](const lang::Args& a) {
      auto p = native::bind_args(lang::Args{a.pos + 1, a.npos - 1, a.kw, a.nkw}, "register_hook",
                                 {{"fn"}});
      return register_node_post_hook(node_of(a[0]), p[0]);
    });
    native::def_method(ty, "register_prehook", [](const lang::Args& a) {
      auto p = native::bind_args(lang::Args{a.pos + 1, a.npos - 1, a.kw, a.nkw}, "register_prehook",
                                 {{"fn"}});
      return register_node_pre_hook(node_of(a[0]), p[0]);
    });
    native::def_method(ty, "__repr__", [](const lang::Args& a) {
      return native::make_str("<" + std::string(node_of(a[0]).name()) + " object at " +
                              hex_address(a[0].obj()) + ">");
    });
    native::def_property(ty, "next_functions", [](const Value& self) {
      std::vector<Value> items;
      for (const autograd::Edge& e : node_of(self).next_edges())
        items.push_back(native::make_tuple({wrap_node(e.function), native::make_int(e.input_nr)}));
      return native::make_tuple(std::move(items));
    });
    native::def_property(ty, "variable", [](const Value& self) {
      auto* acc = dynamic_cast<autograd::AccumulateGrad*>(&node_of(self));
      if (!acc)
        native::raise_error(lang::types::AttributeError,
                            "'" + std::string(node_of(self).name()) +
                                "' object has no attribute 'variable'");
      return wrap_tensor(acc->variable());
    });
    return ty;
  }();
  return t;
}

// One class per node name, so type(y.grad_fn).__name__ is `MulBackward0`.
lang::Type* node_type(const std::string& name) {
  static std::unordered_map<std::string, lang::Type*> types;
  auto it = types.find(name);
  if (it != types.end()) return it->second;
  lang::Type* t = native::define_type(name, "builtins", node_base_type());
  types.emplace(name, t);
  return t;
}

// ------------------------------------------------------------------ hook handles

struct HandleBox {
  autograd::RemovableHandle handle;
};

lang::Type* handle_type() {
  static lang::Type* t = [] {
    lang::Type* ty = native::define_type("RemovableHandle", "torch.utils.hooks");
    native::def_method(ty, "remove", [](const lang::Args& a) {
      native::native_cast<HandleBox>(a[0])->handle.remove();
      return native::none();
    });
    native::def_method(ty, "__enter__", [](const lang::Args& a) { return a[0]; });
    native::def_method(ty, "__exit__", [](const lang::Args& a) {
      native::native_cast<HandleBox>(a[0])->handle.remove();
      return native::none();
    });
    native::def_property(ty, "id", [](const Value& self) {
      return native::make_int(
          static_cast<int64_t>(native::native_cast<HandleBox>(self)->handle.id()));
    });
    return ty;
  }();
  return t;
}

std::string callable_name(const Value& fn) {
  Value n = native::get_attr_or_null(fn, "__name__");
  return !n.is_null() && native::is_str(n) ? native::as_str(n) : lang::repr(fn);
}

// ------------------------------------------------------------------ grad mode

// torch.no_grad / enable_grad / set_grad_enabled objects: the mode they set and
// the modes to restore (a stack, so one object may be entered recursively).
struct GradModeBox {
  bool mode = false;
  std::vector<bool> saved;
};

Value grad_mode_call(const Value& self, const lang::Args& a) {
  if (a.npos != 2 || a.nkw != 0 || !native::is_callable(a[1]))
    native::raise_error(lang::types::TypeError, "grad mode decorators take one function");
  bool mode = native::native_cast<GradModeBox>(self)->mode;
  Value fn = a[1];
  return lang::new_builtin(callable_name(fn), [mode, fn](const lang::Args& inner) {
    tensor::GradModeGuard guard(mode);
    return lang::call(fn, inner);
  });
}

lang::Type* grad_mode_type(const char* name, bool mode) {
  lang::Type* ty = native::define_type(name, "torch.autograd.grad_mode");
  native::def_method(ty, "__new__", [ty, mode](const lang::Args& a) {
    if (a.npos > 1 || a.nkw)
      native::raise_error(lang::types::TypeError, ty->name + "() takes no arguments");
    return native::make_native(ty, GradModeBox{mode, {}});
  });
  native::def_method(ty, "__enter__", [](const lang::Args& a) {
    auto* box = native::native_cast<GradModeBox>(a[0]);
    box->saved.push_back(tensor::grad_mode_enabled());
    tensor::set_grad_mode(box->mode);
    return native::none();
  });
  native::def_method(ty, "__exit__", [](const lang::Args& a) {
    auto* box = native::native_cast<GradModeBox>(a[0]);
    if (!box->saved.empty()) {
      tensor::set_grad_mode(box->saved.back());
      box->saved.pop_back();
    }
    return native::make_bool(false);
  });
  native::def_method(ty, "__call__", [](const lang::Args& a) { return grad_mode_call(a[0], a); });
  return ty;
}

lang::Type* no_grad_type() {
  static lang::Type* t = grad_mode_type("no_grad", false);
  return t;
}
lang::Type* enable_grad_type() {
  static lang::Type* t = grad_mode_type("enable_grad", true);
  return t;
}
// set_grad_enabled(mode) changes the mode at once; leaving the block restores it.
lang::Type* set_grad_enabled_type() {
  static lang::Type* t = [] {
    lang::Type* ty = native::define_type("set_grad_enabled", "torch.autograd.grad_mode");
    native::def_method(ty, "__new__", [ty](const lang::Args& a) {
      auto p = native::bind_args(lang::Args{a.pos + 1, a.npos - 1, a.kw, a.nkw}, "set_grad_enabled",
                                 {{"mode"}});
      if (!p[0].is_bool())
        native::raise_error(lang::types::TypeError,
                            "set_grad_enabled(): argument 'mode' must be bool, not " +
                                lang::type_name(p[0]));
      GradModeBox box{p[0].as_bool(), {tensor::grad_mode_enabled()}};
      tensor::set_grad_mode(box.mode);
      return native::make_native(ty, std::move(box));
    });
    native::def_method(ty, "__enter__", [](const lang::Args&) { return native::none(); });
    native::def_method(ty, "__exit__", [](const lang::Args& a) {
      auto* box = native::native_cast<GradModeBox>(a[0]);
      if (!box->saved.empty()) {
        tensor::set_grad_mode(box->saved.back());
        box->saved.pop_back();
      }
      return native::make_bool(false);
    });
    return ty;
  }();
  return t;
}

// ------------------------------------------------------------------ autograd functions

// A tensor or a sequence of tensors (None entries allowed when `allow_none`).
std::vector<Tensor> tensor_sequence(const Value& v, const char* what, bool allow_none) {
  std::vector<Tensor> out;
  auto one = [&](const Value& item) {
    if (allow_none && item.is_none()) {
      out.emplace_back();
      return;
    }
    out.push_back(expect_tensor(item, what));
  };
  if (as_tensor(v))
    one(v);
  else if (native::is_list(v) || native::is_tuple(v))
    native::for_each(v, one);
  else if (allow_none && v.is_none()) {
  } else
    native::raise_error(lang::types::TypeError,
                        std::string(what) + " must be a Tensor or a sequence of Tensors, not " +
                            lang::type_name(v));
  return out;
}

std::optional<bool> optional_bool(const Value& v, const char* what) {
  if (v.is_none()) return std::nullopt;
  if (!v.is_bool())
    native::raise_error(lang::types::TypeError,
                        std::string(what) + " must be bool, not " + lang::type_name(v));
  return v.as_bool();
}

Value autograd_grad(const lang::Args& a) {
  auto p = native::bind_args(a, "grad",
                             {{"outputs"},
                              {"inputs"},
                              {"grad_outputs", native::none()},
                              {"retain_graph", native::none()},
                              {"create_graph", native::make_bool(false)},
                              {"only_inputs", native::make_bool(true)},
                              {"allow_unused", native::make_bool(false)},
                              {"is_grads_batched", native::make_bool(false), true}});
  std::vector<Tensor> outputs = tensor_sequence(p[0], "outputs", false);
  std::vector<Tensor> inputs = tensor_sequence(p[1], "inputs", false);
  std::vector<Tensor> grad_outputs = tensor_sequence(p[2], "grad_outputs", true);
  std::optional<bool> retain = optional_bool(p[3], "retain_graph");
  bool create = optional_bool(p[4], "create_graph").value_or(false);
  bool allow_unused = optional_bool(p[6], "allow_unused").value_or(false);
  if (!grad_outputs.empty() && grad_outputs.size() != outputs.size())
    native::raise_error(lang::types::RuntimeError,
                        "grad can be implicitly created only for scalar outputs");
  std::vector<Tensor> grads = translate_errors(
      [&] { return autograd::grad(outputs, inputs, grad_outputs, retain, create, allow_unused); });
  std::vector<Value> items;
  for (const Tensor& g : grads) items.push_back(wrap_tensor(g));
  return native::make_tuple(std::move(items));
}

Value run_backward(const std::vector<Tensor>& tensors, const std::vector<Tensor>& grads,
                   const Value& retain_graph, const Value& create_graph, const Value& inputs) {
  bool create = optional_bool(create_graph, "create_graph").value_or(false);
  bool retain = optional_bool(retain_graph, "retain_graph").value_or(create);
  std::vector<Tensor> input_list;
  if (!inputs.is_none()) input_list = tensor_sequence(inputs, "inputs", false);
  translate_errors([&] { autograd::backward(tensors, grads, retain, create, input_list); });
  return native::none();
}

Value autograd_backward(const lang::Args& a) {
  auto p = native::bind_args(a, "backward",
                             {{"tensors"},
                              {"grad_tensors", native::none()},
                              {"retain_graph", native::none()},
                              {"create_graph", native::make_bool(false)},
                              {"grad_variables", native::none()},
                              {"inputs", native::none(), true}});
  std::vector<Tensor> tensors = tensor_sequence(p[0], "tensors", false);
  std::vector<Tensor> grads = tensor_sequence(p[1], "grad_tensors", true);
  if (grads.empty()) grads.resize(tensors.size());
  return run_backward(tensors, grads, p[2], p[3], p[5]);
}

} // namespace

Value wrap_node(const std::shared_ptr<Node>& node) {
  if (!node) return native::none();
  auto& table = live_nodes();
  if (auto it = table.find(node.get()); it != table.end()) return Value(it->second);
  return Value(new NodeObject(node_type(std::string(node->name())), node));
}

Value register_tensor_hook(const Tensor& t, const Value& fn) {
  if (!native::is_callable(fn))
    native::raise_error(lang::types::TypeError,
                        "register_hook(): hook must be callable, not " + lang::type_name(fn));
  std::string name = callable_name(fn);
  autograd::RemovableHandle h = translate_errors([&] {
    return autograd::register_hook(t, [fn, name](const Tensor& grad) -> std::optional<Tensor> {
      Value r = native::call(fn, {wrap_tensor(grad)});
      if (r.is_none()) return std::nullopt;
      const Tensor* out = as_tensor(r);
      if (!out)
        native::raise_error(lang::types::TypeError,
                            "expected Variable or None (got " + lang::type_name(r) + ")");
      if (grad.defined() && out->sizes() != grad.sizes())
        native::raise_error(lang::types::RuntimeError,
                            "hook '" + name + "' has changed the size of value");
      return *out;
    });
  });
  // The script callable rides along, so compiled autograd can lift the hook.
  if (auto list = autograd::tensor_hooks(t)) list->set_payload(h.id(), std::any(fn));
  return native::make_native(handle_type(), HandleBox{h});
}

Value tensor_backward(const Value& self, const lang::Args& rest) {
  auto p = native::bind_args(rest, "backward",
                             {{"gradient", native::none()},
                              {"retain_graph", native::none()},
                              {"create_graph", native::make_bool(false)},
                              {"inputs", native::none()}});
  Tensor grad;
  if (!p[0].is_none()) grad = expect_tensor(p[0], "gradient");
  return run_backward({expect_tensor(self, "self")}, {grad}, p[1], p[2], p[3]);
}

void bind_grad_mode(const Value& m) {
  native::module_set(m, "no_grad", Value(no_grad_type()));
  native::module_set(m, "enable_grad", Value(enable_grad_type()));
  native::module_set(m, "set_grad_enabled", Value(set_grad_enabled_type()));
  native::module_def(m, "is_grad_enabled", [](const lang::Args&) {
    return native::make_bool(tensor::grad_mode_enabled());
  });
}

void build_autograd_module(const Value& m) {
  native::module_def(m, "grad", autograd_grad);
  native::module_def(m, "backward", autograd_backward);
  native::module_set(m, "no_grad", Value(no_grad_type()));
  native::module_set(m, "enable_grad", Value(enable_grad_type()));
  native::module_set(m, "set_grad_enabled", Value(set_grad_enabled_type()));
}

void build_hooks_module(const Value& m) {
  native::module_set(m, "RemovableHandle", Value(handle_type()));
}

} // namespace bwhop::torchmod
