// Methods of object, type, BaseException, the descriptor wrappers and super.
#include "core/lang/eval.h"
#include "core/lang/interp.h"
#include "core/lang/native.h"

namespace bwhop::lang {

void finish_type(Type* t);

namespace {

Value exc_init(const Args& a) {
  auto* e = dynamic_cast<ExceptionObj*>(a[0].obj());
  if (e) e->args = new_tuple(std::vector<Value>(a.pos + 1, a.pos + a.npos));
  return Value::none();
}

Value exc_new(const Args& a) {
  Type* cls = static_cast<Type*>(a[0].obj());
  Value v = types::BaseException->alloc(cls);
  static_cast<ExceptionObj*>(v.obj())->args =
      new_tuple(std::vector<Value>(a.pos + 1, a.pos + a.npos));
  return v;
}

Type* as_type(const Value& v, const char* what) {
  if (!v.is_obj() || v.obj()->type->layout != Layout::Type)
    raise(types::TypeError, std::string(what) + " must be a type, not " + type_name(v));
  return static_cast<Type*>(v.obj());
}

Value super_getattr(Super* s, Str* name) {
  // Search the MRO of the instance's type after `start`.
  const auto& mro = s->self_type->mro;
  size_t i = 0;
  while (i < mro.size() && mro[i] != s->start) ++i;
  for (++i; i < mro.size(); ++i) {
    if (Value* v = mro[i]->dict_->d.find_str(name)) {
      Value d = *v;
      if (d.is_obj()) {
        Type* dt = d.obj()->type;
        if (dt == types::function || dt == types::builtin_function) {
          return Value(new BoundMethod(types::method, s->self, d));
        }
        if (dt == types::classmethod)
          return Value(new BoundMethod(types::method, Value(s->self_type),
                                       static_cast<Wrapper*>(d.obj())->f));
        if (dt == types::staticmethod) return static_cast<Wrapper*>(d.obj())->f;
        if (dt == types::property) return call(static_cast<Wrapper*>(d.obj())->f, {s->self});
      }
      return d;
    }
  }
  raise(types::AttributeError, "'super' object has no attribute '" + name->s + "'");
}

} // namespace

Value make_class(const std::string& name, std::vector<Value> bases, const Ref<DictObj>& ns,
                 const std::string& module) {
  Type* t = new Type(types::type, name);
  Ref<Type> keep(t);
  t->heap = true;
  t->module = module;
  if (bases.empty()) bases.push_back(Value(types::object));
  Type* layout_base = nullptr;
  for (auto& b : bases) {
    Type* bt = as_type(b, "base");
    t->bases.push_back(Ref<Type>(bt));
    if (bt->layout != Layout::Object && !layout_base) layout_base = bt;
  }
  if (!layout_base) layout_base = static_cast<Type*>(bases[0].obj());
  t->layout = layout_base->layout == Layout::Object ? Layout::Instance : layout_base->layout;
  t->alloc = layout_base->alloc;
  t->instance_attrs = true;
  for (auto& b : t->bases)
    if (b->is_exception) t->is_exception = true;
  if (t->is_exception) t->alloc = types::BaseException->alloc;
  for (auto& e : ns->d.entries())
    if (!e.key.is_null()) t->dict_->d.set(e.key, e.value);
  finish_type(t);
  track_container(t);
  // Record the owning class on functions for zero-argument super().
  for (auto& e : t->dict_->d.entries()) {
    if (e.key.is_null() || !e.value.is_obj()) continue;
    Value f = e.value;
    Type* ft = f.obj()->type;
    if (ft == types::staticmethod || ft == types::classmethod || ft == types::property) {
      auto* w = static_cast<Wrapper*>(f.obj());
      if (w->fset.is_obj())
        if (auto* fn = dynamic_cast<Function*>(w->fset.obj())) fn->owner_class = t;
      f = w->f;
    }
    if (f.is_obj())
      if (auto* fn = dynamic_cast<Function*>(f.obj())) fn->owner_class = t;
  }
  static Str* set_name = intern_str("__set_name__");
  for (auto& e : t->dict_->d.entries()) {
    if (e.key.is_null() || !e.value.is_obj()) continue;
    Value sn = type_of(e.value)->lookup(set_name);
    if (!sn.is_null())
      call_with_self(sn, e.value, {std::vector<Value>{Value(t), e.key}.data(), 2, nullptr, 0});
  }
  static Str* init_subclass = intern_str("__init_subclass__");
  for (size_t i = 1; i < t->mro.size(); ++i) {
    if (Value* f = t->mro[i]->dict_->d.find_str(init_subclass)) {
      Value fn = *f;
      if (fn.is_obj() && fn.obj()->type == types::classmethod)
        fn = static_cast<Wrapper*>(fn.obj())->f;
      call(fn, {Value(t)});
      break;
    }
  }
  return Value(t);
}

void init_object_methods() {
  Type* o = types::object;
  add_method(o, "__init__", [](const Args& a) {
    Type* t = type_of(a[0]);
    static Str* init = intern_str("__init__");
    static Str* new_ = intern_str("__new__");
    if ((a.npos > 1 || a.nkw) && t->lookup(init).is(types::object->lookup(init)) &&
        !t->lookup(new_).is_null() && t->lookup(new_).is(types::object->lookup(new_)))
      raise(types::TypeError, t->name + "() takes no arguments");
    return Value::none();
  });
  add_method(o, "__new__", [](const Args& a) {
    Type* t = as_type(a[0], "object.__new__(X): X");
    if (!t->alloc) raise(types::TypeError, "cannot create '" + t->name + "' instances");
    return t->alloc(t);
  });
  add_method(o, "__eq__", [](const Args& a) {
    return a[0].is(a[1]) ? Value::boolean(true) : not_implemented();
  });
  add_method(o, "__ne__", [](const Args& a) {
    Value r = compare(CmpOpKind::Eq, a[0], a[1]);
    return Value::boolean(!truthy(r));
  });
  add_method(o, "__setattr__", [](const Args& a) {
    Str* n = as_str_key(a[1]);
    if (!n) raise(types::TypeError, "attribute name must be string");
    Value self = a[0];
    if (auto* inst = dynamic_cast<Instance*>(self.obj())) {
      inst->dict()->d.set(Value(intern_str(n->s)), a[2]);
      return Value::none();
    }
    setattr(self, intern_str(n->s), a[2]);
    return Value::none();
  });
  add_method(o, "__getattribute__", [](const Args& a) {
    Str* n = as_str_key(a[1]);
    if (!n) raise(types::TypeError, "attribute name must be string");
    return getattr(a[0], intern_str(n->s));
  });
  add_method(o, "__delattr__", [](const Args& a) {
    Str* n = as_str_key(a[1]);
    if (!n) raise(types::TypeError, "attribute name must be string");
    delattr(a[0], intern_str(n->s));
    return Value::none();
  });
  add_method(o, "__init_subclass__", [](const Args&) { return Value::none(); });
  o->dict_->d.set(
      Value(intern_str("__init_subclass__")),
      Value(new Wrapper(types::classmethod, o->lookup(intern_str("__init_subclass__")))));
  add_method(o, "__format__", [](const Args& a) {
    Str* s = as_str_key(a[1]);
    if (s && !s->s.empty())
      raise(types::TypeError,
            "unsupported format string passed to " + type_name(a[0]) + ".__format__");
    return new_str(to_str(a[0]));
  });

  // type(x) and type(name, bases, dict)
  add_method(types::type, "__new__", [](const Args& a) {
    if (a.npos == 2) return Value(type_of(a[1]));
    if (a.npos != 4) raise(types::TypeError, "type() takes 1 or 3 arguments");
    Str* name = as_str_key(a[1]);
    auto ns = new_dict();
    for (auto& e : static_cast<DictObj*>(a[3].obj())->d.entries())
      if (!e.key.is_null()) ns->d.set(Value(intern_str(to_str(e.key))), e.value);
    std::string module = "__main__";
    if (interp().top && interp().top->function) module = interp().top->function->module;
    return make_class(name ? name->s : "?", to_vector(a[2]), ns, module);
  });
  add_method(types::type, "mro", [](const Args& a) {
    std::vector<Value> out;
    for (Type* t : as_type(a[0], "mro")->mro) out.push_back(Value(t));
    return Value(new_list(std::move(out)));
  });
  add_method(types::type, "__subclasses__", [](const Args&) { return Value(new_list()); });

  // exceptions
  add_method(types::BaseException, "__init__", exc_init);
  add_method(types::BaseException, "__new__", exc_new);
  add_method(types::BaseException, "with_traceback", [](const Args& a) { return a[0]; });
  add_method(types::BaseException, "add_note", [](const Args&) { return Value::none(); });

  // descriptor wrappers
  add_method(types::staticmethod, "__new__", [](const Args& a) {
    if (a.npos != 2) raise(types::TypeError, "staticmethod expected 1 argument");
    return Value(new Wrapper(types::staticmethod, a[1]));
  });
  add_method(types::classmethod, "__new__", [](const Args& a) {
    if (a.npos != 2) raise(types::TypeError, "classmethod expected 1 argument");
    return Value(new Wrapper(types::classmethod, a[1]));
  });
  add_method(types::property, "__new__", [](const Args& a) {
    auto v = native::bind_args(a, "property",
                               {{"cls"},
                                {"fget", Value::none()},
                                {"fset", Value::none()},
                                {"fdel", Value::none()},
                                {"doc", Value::none()}});
    return Value(new Wrapper(types::property, v[1], v[2].is_none() ? Value() : v[2]));
  });
  add_method(types::property, "setter", [](const Args& a) {
    auto* p = static_cast<Wrapper*>(a[0].obj());
    return Value(new Wrapper(types::property, p->f, a[1]));
  });
  add_method(types::property, "getter", [](const Args& a) {
    auto* p = static_cast<Wrapper*>(a[0].obj());
    return Value(new Wrapper(types::property, a[1], p->fset));
  });
  add_method(types::property, "__get__", [](const Args& a) {
    auto* p = static_cast<Wrapper*>(a[0].obj());
    if (a.npos < 2 || a[1].is_none()) return a[0];
    return call(p->f, {a[1]});
  });
  add_method(types::staticmethod, "__get__",
             [](const Args& a) { return static_cast<Wrapper*>(a[0].obj())->f; });

  // super
  add_method(types::super, "__new__", [](const Args& a) {
    Type* start;
    Value self;
    if (a.npos >= 3) {
      start = as_type(a[1], "super() argument 1");
      self = a[2];
    } else if (a.npos == 2) {
      start = as_type(a[1], "super() argument 1");
      raise(types::RuntimeError, "super(type) without an object is not supported");
    } else {
      Frame* f = interp().top;
      if (!f || !f->function || !f->function->owner_class)
        raise(types::RuntimeError, "super(): no arguments");
      start = f->function->owner_class;
      const ScopeExtra* sc = f->function->scope;
      if (sc->nposargs == 0) raise(types::RuntimeError, "super(): no arguments");
      // The first parameter: a local slot, or a cell when captured.
      int32_t cell = -1;
      for (size_t i = 0; i < sc->cell_from_param.size(); ++i)
        if (sc->cell_from_param[i] == 0) cell = static_cast<int32_t>(i);
      self = cell >= 0 ? f->cells[cell]->v : f->locals[0];
      if (self.is_null()) raise(types::RuntimeError, "super(): arg[0] deleted");
    }
    Type* self_type;
    if (self.is_obj() && self.obj()->type->layout == Layout::Type &&
        static_cast<Type*>(self.obj())->is_subtype(start))
      self_type = static_cast<Type*>(self.obj());
    else {
      self_type = type_of(self);
      if (!self_type->is_subtype(start))
        raise(types::TypeError, "super(type, obj): obj must be an instance or subtype of type");
    }
    return Value(new Super(types::super, start, self, self_type));
  });
  add_method(types::super, "__getattribute__", [](const Args& a) {
    return super_getattr(static_cast<Super*>(a[0].obj()), intern_str(to_str(a[1])));
  });
  add_method(types::super, "__getattr__", [](const Args& a) {
    return super_getattr(static_cast<Super*>(a[0].obj()), intern_str(to_str(a[1])));
  });
}

// Used by getattr_opt for super objects (fast path, no dunder dispatch).
Value super_attr(const Value& s, Str* name) {
  return super_getattr(static_cast<Super*>(s.obj()), name);
}

} // namespace bwhop::lang
