// Attribute access and calls: the object protocol of getattr/setattr/call.
#include <cstring>

#include "core/lang/eval.h"
#include "core/lang/interp.h"

namespace bwhop::lang {

namespace {

struct Names {
  Str *name, *qualname, *module, *doc, *class_, *dict, *init, *new_, *call, *getattr_, *self, *func,
      *args, *cause, *context, *suppress, *mro, *bases, *wrapped, *defaults, *kwdefaults, *keywords,
      *traceback, *set_name;
  Names() {
    name = intern_str("__name__");
    qualname = intern_str("__qualname__");
    module = intern_str("__module__");
    doc = intern_str("__doc__");
    class_ = intern_str("__class__");
    dict = intern_str("__dict__");
    init = intern_str("__init__");
    new_ = intern_str("__new__");
    call = intern_str("__call__");
    getattr_ = intern_str("__getattr__");
    self = intern_str("__self__");
    func = intern_str("__func__");
    args = intern_str("args");
    cause = intern_str("__cause__");
    context = intern_str("__context__");
    suppress = intern_str("__suppress_context__");
    mro = intern_str("__mro__");
    bases = intern_str("__bases__");
    wrapped = intern_str("__wrapped__");
    defaults = intern_str("__defaults__");
    kwdefaults = intern_str("__kwdefaults__");
    keywords = intern_str("keywords");
    traceback = intern_str("__traceback__");
    set_name = intern_str("__set_name__");
  }
};

Names& N() {
  static Names n;
  return n;
}

// Objects of these layouts are Instance subclasses with an attribute dict.
inline bool has_instance_dict(const Type* t) {
  switch (t->layout) {
  case Layout::Object:
  case Layout::Instance:
  case Layout::Exception:
  case Layout::Native:
    return true;
  default:
    return false;
  }
}

inline bool is_type_obj(const Value& v) {
  return v.is_obj() && v.obj()->type->layout == Layout::Type;
}

Value bind_descriptor(const Value& descr, const Value& obj, Type* owner) {
  if (!descr.is_obj()) return descr;
  Type* dt = descr.obj()->type;
  if (dt == types::function || dt == types::builtin_function)
    return Value(new BoundMethod(types::method, obj, descr));
  if (dt == types::staticmethod) return static_cast<Wrapper*>(descr.obj())->f;
  if (dt == types::classmethod)
    return Value(
        new BoundMethod(types::method, Value(owner), static_cast<Wrapper*>(descr.obj())->f));
  if (dt == types::property) {
    auto* p = static_cast<Wrapper*>(descr.obj());
    return call(p->f, {obj});
  }
  return descr;
}

Value tuple_of_types(const std::vector<Type*>& ts) {
  std::vector<Value> items;
  for (Type* t : ts) items.push_back(Value(t));
  return new_tuple(std::move(items));
}

// Special attributes that live in C++ fields rather than dicts.
Value special_attr(const Value& obj, Str* name) {
  Names& n = N();
  if (name == n.class_) return Value(type_of(obj));
  if (!obj.is_obj()) return Value();
  Object* o = obj.obj();
  Type* t = o->type;
  if (t == types::function) {
    auto* f = static_cast<Function*>(o);
    if (name == n.name) return new_str(f->name);
    if (name == n.qualname) return new_str(f->qualname);
    if (name == n.module) return new_str(f->module);
    if (name == n.doc) return f->def ? docstring_of(f->def->body) : Value::none();
    if (name == n.defaults) {
      if (f->defaults.empty()) return Value::none();
      return new_tuple(f->defaults);
    }
    if (name == n.dict) return Value(f->dict());
    return Value();
  }
  if (t == types::builtin_function) {
    auto* b = static_cast<Builtin*>(o);
    if (name == n.name || name == n.qualname) return new_str(b->name);
    if (name == n.doc) return Value::none();
    if (name == n.module) return new_str("builtins");
    return Value();
  }
  if (t == types::method) {
    auto* m = static_cast<BoundMethod*>(o);
    if (name == n.self) return m->self;
    if (name == n.func) return m->func;
    return getattr_opt(m->func, name);
  }
  if (t == types::partial) {
    auto* p = static_cast<Partial*>(o);
    if (name == n.func || std::strcmp(name->s.c_str(), "func") == 0) return p->func;
    if (name == n.args) return Value(p->args);
    if (name == n.keywords) return Value(p->keywords);
    return Value();
  }
  if (t == types::property || t == types::staticmethod || t == types::classmethod) {
    auto* w = static_cast<Wrapper*>(o);
    if (name->s == "fget" || name == n.func) return w->f;
    if (name->s == "fset") return w->fset.is_null() ? Value::none() : w->fset;
    return getattr_opt(w->f, name);
  }
  if (t->is_exception) {
    auto* e = static_cast<ExceptionObj*>(o);
    if (name == n.args) return Value(e->args);
    if (name == n.cause) return e->cause.is_null() ? Value::none() : e->cause;
    if (name == n.context) return e->context.is_null() ? Value::none() : e->context;
    if (name == n.suppress) return Value::boolean(e->suppress_context);
    if (name == n.traceback) return Value::none();
    return Value();
  }
  if (t->layout == Layout::Type) {
    auto* ty = static_cast<Type*>(o);
    if (name == n.name || name == n.qualname) return new_str(ty->name);
    if (name == n.module) return new_str(ty->module);
    if (name == n.mro) return tuple_of_types(ty->mro);
    if (name == n.bases) {
      std::vector<Type*> bs;
      for (auto& b : ty->bases) bs.push_back(b.get());
      return tuple_of_types(bs);
    }
    if (name == n.dict) return Value(ty->dict_);
    if (name == n.doc) return Value::none();
    return Value();
  }
  if (name == n.dict) {
    if (auto* inst = dynamic_cast<Instance*>(o)) return Value(inst->dict());
  }
  return Value();
}

} // namespace

Value type_lookup(Type* t, Str* name) {
  return t->lookup(name);
}

Value super_attr(const Value& s, Str* name);

Value getattr_opt(const Value& obj, Str* name) {
  if (obj.is_obj() && obj.obj()->type == types::super) {
    try {
      return super_attr(obj, name);
    } catch (PyError& e) {
      if (isinstance(e.exc, types::AttributeError)) return Value();
      throw;
    }
  }
  if (is_type_obj(obj)) {
    auto* ty = static_cast<Type*>(obj.obj());
    Value a = ty->lookup(name);
    if (!a.is_null()) {
      if (a.is_obj()) {
        Type* at = a.obj()->type;
        if (at == types::staticmethod) return static_cast<Wrapper*>(a.obj())->f;
        if (at == types::classmethod)
          return Value(new BoundMethod(types::method, obj, static_cast<Wrapper*>(a.obj())->f));
      }
      return a;
    }
    Value s = special_attr(obj, name);
    if (!s.is_null()) return s;
    // Methods of the metatype (e.g. type.mro).
    Value m = types::type->lookup(name);
    if (!m.is_null()) return bind_descriptor(m, obj, types::type);
    return Value();
  }
  Type* t = type_of(obj);
  Value descr = t->lookup(name);
  if (!descr.is_null() && descr.is_obj() && descr.obj()->type == types::property)
    return bind_descriptor(descr, obj, t);
  if (obj.is_obj() && has_instance_dict(t)) {
    auto* inst = static_cast<Instance*>(obj.obj());
    if (inst->attrs)
      if (Value* v = inst->attrs->d.find_str(name)) return *v;
  }
  if (!descr.is_null()) return bind_descriptor(descr, obj, t);
  Value s = special_attr(obj, name);
  if (!s.is_null()) return s;
  Value ga = t->lookup(N().getattr_);
  if (!ga.is_null()) {
    try {
      Value n(name);
      return call_with_self(ga, obj, {&n, 1, nullptr, 0});
    } catch (PyError& e) {
      if (isinstance(e.exc, types::AttributeError)) return Value();
      throw;
    }
  }
  return Value();
}

Value getattr(const Value& obj, Str* name) {
  Value v = getattr_opt(obj, name);
  if (!v.is_null()) return v;
  if (is_type_obj(obj))
    raise(types::AttributeError, "type object '" + static_cast<Type*>(obj.obj())->name +
                                     "' has no attribute '" + name->s + "'");
  if (obj.is_obj() && obj.obj()->type == types::module)
    raise(types::AttributeError, "module '" + static_cast<Module*>(obj.obj())->name +
                                     "' has no attribute '" + name->s + "'");
  raise(types::AttributeError,
        "'" + type_name(obj) + "' object has no attribute '" + name->s + "'");
}

void setattr(const Value& obj, Str* name, const Value& v) {
  Names& n = N();
  if (is_type_obj(obj)) {
    auto* ty = static_cast<Type*>(obj.obj());
    if (ty->module == "builtins" && !ty->heap)
      raise(types::TypeError,
            "cannot set '" + name->s + "' attribute of immutable type '" + ty->name + "'");
    if (name == n.name) {
      ty->name = to_str(v);
      return;
    }
    ty->dict_->d.set(Value(name), v);
    return;
  }
  Type* t = type_of(obj);
  Value descr = t->lookup(name);
  if (!descr.is_null() && descr.is_obj() && descr.obj()->type == types::property) {
    auto* p = static_cast<Wrapper*>(descr.obj());
    if (p->fset.is_null() || p->fset.is_none())
      raise(types::AttributeError,
            "property '" + name->s + "' of '" + t->name + "' object has no setter");
    call(p->fset, {obj, v});
    return;
  }
  if (obj.is_obj()) {
    Object* o = obj.obj();
    if (t == types::function) {
      auto* f = static_cast<Function*>(o);
      if (name == n.name)
        f->name = to_str(v);
      else if (name == n.qualname)
        f->qualname = to_str(v);
      else if (name == n.module)
        f->module = to_str(v);
      else if (name == n.doc) {
      } else
        f->dict()->d.set(Value(name), v);
      return;
    }
    if (t->is_exception) {
      auto* e = static_cast<ExceptionObj*>(o);
      if (name == n.cause) {
        e->cause = v.is_none() ? Value() : v;
        e->suppress_context = true;
        return;
      }
      if (name == n.context) {
        e->context = v.is_none() ? Value() : v;
        return;
      }
      if (name == n.suppress) {
        e->suppress_context = truthy(v);
        return;
      }
      if (name == n.args) {
        e->args = new_tuple(to_vector(v));
        return;
      }
      if (name == n.traceback) return;
    }
    if (t->instance_attrs && has_instance_dict(t)) {
      static_cast<Instance*>(o)->dict()->d.set(Value(name), v);
      return;
    }
  }
  if (!descr.is_null())
    raise(types::AttributeError,
          "'" + t->name + "' object attribute '" + name->s + "' is read-only");
  raise(types::AttributeError,
        "'" + type_name(obj) + "' object has no attribute '" + name->s + "'");
}

void delattr(const Value& obj, Str* name) {
  if (is_type_obj(obj)) {
    auto* ty = static_cast<Type*>(obj.obj());
    if (ty->dict_->d.erase(Value(name))) return;
  } else if (obj.is_obj()) {
    if (auto* inst = dynamic_cast<Instance*>(obj.obj()))
      if (inst->attrs && inst->attrs->d.erase(Value(name))) return;
  }
  raise(types::AttributeError,
        "'" + type_name(obj) + "' object has no attribute '" + name->s + "'");
}

// ---------------------------------------------------------------- calls

namespace {

// Stack buffer for short argument lists.
struct ArgBuffer {
  Value inline_[8];
  std::vector<Value> heap;
  Value* data = inline_;
  explicit ArgBuffer(size_t n) {
    if (n > 8) {
      heap.resize(n);
      data = heap.data();
    }
  }
};

Value construct(Type* t, const Args& args) {
  Names& n = N();
  if (t == types::type && args.npos == 1 && args.nkw == 0) return Value(type_of(args[0]));
  static Value object_new = types::object->lookup(n.new_);
  static Value object_init = types::object->lookup(n.init);
  Value newf = t->lookup(n.new_);
  Value init = t->lookup(n.init);
  bool default_init = init.is(object_init);
  Value obj;
  if (newf.is(object_new)) {
    if (default_init && (args.npos || args.nkw))
      raise(types::TypeError, t->name + "() takes no arguments");
    if (!t->alloc) raise(types::TypeError, "cannot create '" + t->name + "' instances");
    obj = t->alloc(t);
  } else if (newf.is_obj() && newf.obj()->type == types::staticmethod) {
    obj = call_with_self(static_cast<Wrapper*>(newf.obj())->f, Value(t), args);
  } else if (!newf.is_null()) {
    obj = call_with_self(newf, Value(t), args);
  } else {
    if (!t->alloc) raise(types::TypeError, "cannot create '" + t->name + "' instances");
    obj = t->alloc(t);
  }
  if (default_init || init.is_null() || !isinstance(obj, t)) return obj;
  call_with_self(init, obj, args);
  return obj;
}

Value call_partial(Partial* p, const Args& args) {
  std::vector<Value> pos(p->args->items);
  pos.insert(pos.end(), args.pos, args.pos + args.npos);
  std::vector<KwArg> kw;
  for (auto& e : p->keywords->d.entries())
    if (!e.key.is_null()) kw.push_back(KwArg{static_cast<Str*>(e.key.obj()), e.value});
  for (size_t i = 0; i < args.nkw; ++i) {
    bool replaced = false;
    for (auto& k : kw)
      if (k.name->s == args.kw[i].name->s) {
        k.value = args.kw[i].value;
        replaced = true;
      }
    if (!replaced) kw.push_back(args.kw[i]);
  }
  return call(p->func, Args{pos.data(), pos.size(), kw.data(), kw.size()});
}

} // namespace

Value call_with_self(const Value& f, const Value& self, const Args& args) {
  ArgBuffer buf(args.npos + 1);
  buf.data[0] = self;
  for (size_t i = 0; i < args.npos; ++i) buf.data[i + 1] = args.pos[i];
  return call(f, Args{buf.data, args.npos + 1, args.kw, args.nkw});
}

Value call(const Value& f, const Args& args) {
  if (!f.is_obj()) raise(types::TypeError, "'" + type_name(f) + "' object is not callable");
  Object* o = f.obj();
  Type* t = o->type;
  if (t == types::function) return call_function(static_cast<Function*>(o), args);
  if (t == types::builtin_function) return static_cast<Builtin*>(o)->fn(args);
  if (t == types::method) {
    auto* m = static_cast<BoundMethod*>(o);
    return call_with_self(m->func, m->self, args);
  }
  if (t->layout == Layout::Type) return construct(static_cast<Type*>(o), args);
  if (t == types::partial) return call_partial(static_cast<Partial*>(o), args);
  if (t == types::staticmethod) return call(static_cast<Wrapper*>(o)->f, args);
  Value c = t->lookup(N().call);
  if (!c.is_null()) return call_with_self(c, f, args);
  raise(types::TypeError, "'" + t->name + "' object is not callable");
}

Value call(const Value& f, std::initializer_list<Value> pos) {
  return call(f, Args{pos.begin(), pos.size(), nullptr, 0});
}

Value call_method(const Value& self, Str* name, const Args& args) {
  Type* t = type_of(self);
  if (t->layout != Layout::Type) {
    Value f = t->lookup(name);
    if (f.is_obj()) {
      Type* ft = f.obj()->type;
      if (ft == types::function || ft == types::builtin_function) {
        bool shadowed = false;
        if (self.is_obj() && has_instance_dict(t)) {
          auto* inst = static_cast<Instance*>(self.obj());
          shadowed = inst->attrs && inst->attrs->d.find_str(name);
        }
        if (!shadowed) return call_with_self(f, self, args);
      }
    }
  }
  return call(getattr(self, name), args);
}

Value call_method(const Value& self, Str* name, std::initializer_list<Value> pos) {
  return call_method(self, name, Args{pos.begin(), pos.size(), nullptr, 0});
}

Str* as_str_key(const Value& v) {
  if (v.is_obj() && v.obj()->type->layout == Layout::Str) return static_cast<Str*>(v.obj());
  return nullptr;
}

} // namespace bwhop::lang
