// Attribute and item access of the symbolic evaluator: tensor facts and
// methods, module and object attributes, .grad, container methods, and the
// stores that become side effects.
#include "core/dynamo/graph_exec.h"
#include "core/dynamo/tracer.h"
#include "core/lang/runtime.h"
#include "core/tensor/dispatcher.h"
#include "core/torch/aten_ops_namespace.h"
#include "core/torch/tensor_object.h"
#include "core/torch/value_types.h"
#include "core/tracing/proxy_mode.h"

namespace bwhop::dynamo {

namespace native = lang::native;

namespace {

bool is_torch_module(const Value& m) {
  auto* mod = static_cast<lang::Module*>(m.obj());
  return mod->name == "torch" || mod->name.rfind("torch.", 0) == 0;
}

// Tensor attributes that are plain facts of the (fake) value, not graph work.
bool is_tensor_fact(const std::string& name) {
  return name == "shape" || name == "dtype" || name == "requires_grad" || name == "ndim" ||
         name == "is_leaf" || name == "device";
}

} // namespace

// ------------------------------------------------------------------ attributes

VarPtr Tracer::get_attr(SymFrame& f, const VarPtr& obj, const std::string& name) {
  SourcePtr src = obj->source ? Source::attr(obj->source, name) : nullptr;
  switch (obj->kind) {
  case Var::Kind::Tensor: {
    if (is_tensor_fact(name)) return constant_var(native::get_attr(obj->fake, name));
    if (name == "grad") {
      // An input's .grad: the value stored while tracing, else the real one.
      if (!obj->source)
        unsupported(f, GraphBreakInfo{"Unsupported attribute access",
                                      tracker_class_name(*obj) + " grad",
                                      "bwhop's dynamo reads .grad only of graph inputs.",
                                      {},
                                      ""});
      auto it = mutation_index_.find({obj->value.obj(), name});
      if (it != mutation_index_.end()) return mutations_[it->second].value;
      return wrap(native::get_attr(obj->value, name), src);
    }
    auto m = make_var(Var::Kind::TensorMethod);
    m->self = obj;
    m->attr = name;
    return m;
  }
  case Var::Kind::Module: {
    Value v = native::get_attr(obj->value, name);
    if (lang::type_of(v) == lang::types::builtin_function && is_torch_module(obj->value)) {
      auto t = make_var(Var::Kind::TorchFunction, v);
      t->attr = static_cast<lang::Module*>(obj->value.obj())->name + "." + name;
      return t;
    }
    return wrap(v, src);
  }
  case Var::Kind::Partial:
    if (name == "func") return obj->func;
    if (name == "args") {
      auto t = make_var(Var::Kind::Tuple);
      t->items = obj->items;
      return t;
    }
    if (name == "keywords") {
      auto d = make_var(Var::Kind::Dict);
      d->keys = obj->keys;
      d->kw_items = obj->kw_items;
      return d;
    }
    break;
  case Var::Kind::Object: {
    auto it = mutation_index_.find({obj->value.obj(), name});
    if (it != mutation_index_.end()) return mutations_[it->second].value;
    lang::Type* t = lang::type_of(obj->value);
    Value cls_attr = t->lookup(lang::intern_str(name));
    if (native::as_function(cls_attr)) {
      Value dict = native::instance_dict(obj->value);
      if (dict.is_null() || native::dict_get(dict, native::make_str(name)).is_null()) {
        auto m = make_var(Var::Kind::Method);
        m->func = wrap(cls_attr, nullptr);
        m->self = obj;
        return m;
      }
    }
    return wrap(native::get_attr(obj->value, name), src);
  }
  case Var::Kind::Class:
  case Var::Kind::Function:
    return wrap(native::get_attr(obj->value, name), src);
  case Var::Kind::Dict:
    if (name == "get" || name == "keys" || name == "values" || name == "items") {
      auto m = make_var(Var::Kind::ContainerMethod);
      m->self = obj;
      m->attr = name;
      return m;
    }
    break;
  default:
    break;
  }
  unsupported(f, GraphBreakInfo{"Unsupported attribute access",
                                tracker_class_name(*obj) + " " + name,
                                "Dynamo does not know how to read the attribute `" + name +
                                    "` of a value of type " + python_type_name(*obj) + ".",
                                {},
                                ""});
}

void Tracer::set_attr(SymFrame& f, const VarPtr& obj, const std::string& name,
                      const VarPtr& value) {
  bool tracked = obj->kind == Var::Kind::Object || (obj->is_tensor() && name == "grad");
  if (tracked && obj->source) {
    // A mutation of an object that existed before the call: replayed after the graph.
    auto key = std::make_pair(static_cast<const lang::Object*>(obj->value.obj()), name);
    auto it = mutation_index_.find(key);
    if (it != mutation_index_.end()) {
      mutations_[it->second].value = value;
    } else {
      mutation_index_[key] = mutations_.size();
      mutations_.push_back(PendingEffect{SideEffect::Kind::SetAttr, obj, value, name, Value()});
    }
    return;
  }
  unsupported(f, GraphBreakInfo{"Unsupported attribute store",
                                tracker_class_name(*obj) + " " + name,
                                "Dynamo does not know how to store the attribute `" + name +
                                    "` on a value of type " + python_type_name(*obj) +
                                    " that has no source.",
                                {},
                                ""});
}

void Tracer::set_item(SymFrame& f, const VarPtr& container, const VarPtr& key,
                      const VarPtr& value) {
  if (!key->is_constant())
    unsupported(f, GraphBreakInfo{"Unsupported item store",
                                  tracker_class_name(*key),
                                  "bwhop's dynamo stores items only at constant keys.",
                                  {},
                                  ""});
  Value k = key->value;
  if (container->kind == Var::Kind::List && k.is_int()) {
    int64_t i = k.as_int();
    int64_t n = static_cast<int64_t>(container->items.size());
    if (i < 0) i += n;
    if (i < 0 || i >= n)
      native::raise_error(lang::types::IndexError, "list assignment index out of range");
    container->items[static_cast<size_t>(i)] = value;
    k = Value::integer(i);
  } else if (container->kind == Var::Kind::Dict && native::is_str(k)) {
    const std::string& name = native::as_str(k);
    size_t i = 0;
    while (i < container->keys.size() && container->keys[i] != name) ++i;
    if (i == container->keys.size()) {
      container->keys.push_back(name);
      container->kw_items.push_back(value);
    } else {
      container->kw_items[i] = value;
    }
  } else {
    unsupported(f, GraphBreakInfo{"Unsupported item store",
                                  tracker_class_name(*container) + " " + lang::repr(k),
                                  "bwhop's dynamo stores items of lists (int index) and dicts "
                                  "(str key) only.",
                                  {},
                                  ""});
  }
  if (!container->source) return; // made in this frame: the tracker is the truth
  auto mkey = std::make_pair(static_cast<const lang::Object*>(container->value.obj()),
                             "[" + lang::repr(k) + "]");
  auto it = mutation_index_.find(mkey);
  if (it != mutation_index_.end()) {
    mutations_[it->second].value = value;
  } else {
    mutation_index_[mkey] = mutations_.size();
    mutations_.push_back(PendingEffect{SideEffect::Kind::SetItem, container, value, "", k});
  }
}

VarPtr Tracer::call_container_method(SymFrame& f, const VarPtr& m, const std::vector<VarPtr>& args,
                                     const std::vector<KwVar>& kwargs) {
  const Var& self = *m->self;
  const std::string& name = m->attr;
  auto constant_key = [&](const VarPtr& k) -> const std::string& {
    if (!k->is_constant() || !native::is_str(k->value))
      unsupported(f, GraphBreakInfo{"Unsupported dict key",
                                    tracker_class_name(*k),
                                    "bwhop's dynamo only tracks dicts with str keys.",
                                    {},
                                    ""});
    return native::as_str(k->value);
  };
  if (self.kind == Var::Kind::Dict && kwargs.empty()) {
    if (name == "get" && (args.size() == 1 || args.size() == 2)) {
      const std::string& key = constant_key(args[0]);
      for (size_t i = 0; i < self.keys.size(); ++i)
        if (self.keys[i] == key) return self.kw_items[i];
      return args.size() == 2 ? args[1] : constant_var(Value::none());
    }
    if (args.empty() && (name == "keys" || name == "values" || name == "items")) {
      auto out = make_var(Var::Kind::List);
      for (size_t i = 0; i < self.keys.size(); ++i) {
        VarPtr key = constant_var(native::make_str(self.keys[i]));
        if (name == "keys") {
          out->items.push_back(key);
        } else if (name == "values") {
          out->items.push_back(self.kw_items[i]);
        } else {
          auto pair = make_var(Var::Kind::Tuple);
          pair->items = {key, self.kw_items[i]};
          out->items.push_back(pair);
        }
      }
      return out;
    }
  }
  unsupported(f, GraphBreakInfo{"Unsupported method call",
                                tracker_class_name(self) + " " + name,
                                "bwhop's dynamo does not trace `" + python_type_name(self) + "." +
                                    name + "` with these arguments.",
                                {},
                                ""});
}

} // namespace bwhop::dynamo
