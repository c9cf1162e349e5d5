// The native extension API (native.h) over the runtime.
#include "core/lang/native.h"

#include <ostream>

#include "core/lang/eval.h"
#include "core/lang/interp.h"
#include "core/lang/modules.h"

namespace bwhop::lang::native {

void register_native_module(const std::string& dotted_name, ModuleBuilder builder) {
  module_registry().natives[dotted_name] = std::move(builder);
}

void register_source_module(const std::string& dotted_name, std::string source) {
  module_registry().sources[dotted_name] = std::move(source);
}

Value import_module(std::string_view dotted_name) {
  return lang::import_module(std::string(dotted_name));
}

void module_set(const Value& module, std::string_view name, Value v) {
  auto* m = static_cast<Module*>(module.obj());
  m->globals->d.set(Value(intern_str(name)), std::move(v));
}

void module_def(const Value& module, std::string_view name, NativeFn fn) {
  module_set(module, name, new_builtin(std::string(name), std::move(fn)));
}

Value module_dict(const Value& module) {
  return Value(static_cast<Module*>(module.obj())->globals);
}

Type* define_type(std::string name, std::string module, Type* base, bool instance_attrs) {
  init_runtime();
  Type* t = new_native_type(std::move(name), std::move(module), base, Layout::Native);
  t->instance_attrs = instance_attrs;
  t->alloc = nullptr; // instances come from make_native
  if (base && base->alloc) t->alloc = base->alloc;
  return t;
}

void def_method(Type* t, std::string_view name, NativeFn fn) {
  add_method(t, name, std::move(fn));
}

void def_staticmethod(Type* t, std::string_view name, NativeFn fn) {
  t->dict_->d.set(
      Value(intern_str(name)),
      Value(new Wrapper(types::staticmethod, new_builtin(std::string(name), std::move(fn)))));
}

void def_classmethod(Type* t, std::string_view name, NativeFn fn) {
  t->dict_->d.set(
      Value(intern_str(name)),
      Value(new Wrapper(types::classmethod, new_builtin(std::string(name), std::move(fn)))));
}

void def_property(Type* t, std::string_view name, Getter get, Setter set) {
  Value g = new_builtin(std::string(name), [get](const Args& a) { return get(a[0]); });
  Value s;
  if (set)
    s = new_builtin(std::string(name), [set](const Args& a) {
      set(a[0], a[1]);
      return Value::none();
    });
  t->dict_->d.set(Value(intern_str(name)), Value(new Wrapper(types::property, g, s)));
}

void set_class_attr(Type* t, std::string_view name, Value v) {
  t->dict_->d.set(Value(intern_str(name)), std::move(v));
}

Type* define_exception(std::string name, std::string module, Type* base) {
  init_runtime();
  if (!base) base = types::Exception;
  Type* t = new_native_type(std::move(name), std::move(module), base, Layout::Exception);
  t->alloc = types::BaseException->alloc;
  t->is_exception = true;
  return t;
}

Value make_list(std::vector<Value> items) {
  return Value(new_list(std::move(items)));
}
Value make_tuple(std::vector<Value> items) {
  return Value(new_tuple(std::move(items)));
}
Value make_dict(std::vector<std::pair<Value, Value>> items) {
  auto d = new_dict();
  for (auto& [k, v] : items) d->d.set(k, v);
  return Value(d);
}

bool is_str(const Value& v) {
  return as_str_key(v) != nullptr;
}
bool is_list(const Value& v) {
  return v.is_obj() && v.obj()->type->layout == Layout::List;
}
bool is_tuple(const Value& v) {
  return v.is_obj() && v.obj()->type->layout == Layout::Tuple;
}
bool is_dict(const Value& v) {
  return v.is_obj() && v.obj()->type->layout == Layout::Dict;
}
bool is_callable(const Value& v) {
  if (!v.is_obj()) return false;
  Type* t = v.obj()->type;
  return t == types::function || t == types::builtin_function || t == types::method ||
         t->layout == Layout::Type || t == types::partial ||
         !t->lookup(intern_str("__call__")).is_null();
}

int64_t as_int(const Value& v, const char* what) {
  if (v.is_intlike()) return v.as_int();
  raise(types::TypeError, std::string(what) + " must be int, not " + type_name(v));
}

double as_float(const Value& v, const char* what) {
  if (v.is_float()) return v.as_float();
  if (v.is_intlike()) return static_cast<double>(v.as_int());
  raise(types::TypeError, std::string(what) + " must be real number, not " + type_name(v));
}

const std::string& as_str(const Value& v, const char* what) {
  Str* s = as_str_key(v);
  if (!s) raise(types::TypeError, std::string(what) + " must be str, not " + type_name(v));
  return s->s;
}

std::vector<Value>& list_items(const Value& v) {
  if (!is_list(v)) raise(types::TypeError, "expected list, got " + type_name(v));
  return static_cast<ListObj*>(v.obj())->items;
}

const std::vector<Value>& tuple_items(const Value& v) {
  if (!is_tuple(v)) raise(types::TypeError, "expected tuple, got " + type_name(v));
  return static_cast<TupleObj*>(v.obj())->items;
}

Value dict_get(const Value& dict, const Value& key) {
  if (!is_dict(dict)) raise(types::TypeError, "expected dict, got " + type_name(dict));
  Value* v = static_cast<DictObj*>(dict.obj())->d.find(key);
  return v ? *v : Value();
}

void dict_set(const Value& dict, const Value& key, Value v) {
  if (!is_dict(dict)) raise(types::TypeError, "expected dict, got " + type_name(dict));
  static_cast<DictObj*>(dict.obj())->d.set(key, std::move(v));
}

std::vector<std::pair<Value, Value>> dict_items(const Value& dict) {
  if (!is_dict(dict)) raise(types::TypeError, "expected dict, got " + type_name(dict));
  std::vector<std::pair<Value, Value>> out;
  for (auto& e : static_cast<DictObj*>(dict.obj())->d.entries())
    if (!e.key.is_null()) out.emplace_back(e.key, e.value);
  return out;
}

std::vector<Value> bind_args(const Args& args, const char* fname,
                             std::initializer_list<Param> params, std::vector<Value>* rest) {
  std::vector<Value> out(params.size());
  size_t npositional = 0;
  for (auto& p : params)
    if (!p.kwonly) ++npositional;
  if (args.npos > npositional) {
    if (!rest)
      raise(types::TypeError, std::string(fname) + "() takes " + std::to_string(npositional) +
                                  " positional arguments but " + std::to_string(args.npos) +
                                  " were given");
    rest->assign(args.pos + npositional, args.pos + args.npos);
  }
  for (size_t i = 0; i < std::min(args.npos, npositional); ++i) out[i] = args.pos[i];
  for (size_t k = 0; k < args.nkw; ++k) {
    size_t i = 0;
    bool found = false;
    for (auto& p : params) {
      if (args.kw[k].name->s == p.name) {
        if (!out[i].is_null())
          raise(types::TypeError,
                std::string(fname) + "() got multiple values for argument '" + p.name + "'");
        out[i] = args.kw[k].value;
        found = true;
        break;
      }
      ++i;
    }
    if (!found)
      raise(types::TypeError, std::string(fname) + "() got an unexpected keyword argument '" +
                                  args.kw[k].name->s + "'");
  }
  size_t i = 0;
  for (auto& p : params) {
    if (out[i].is_null()) {
      if (p.default_value.is_null())
        raise(types::TypeError,
              std::string(fname) + "() missing required argument '" + p.name + "'");
      out[i] = p.default_value;
    }
    ++i;
  }
  return out;
}

Value call(const Value& f, std::vector<Value> pos, std::vector<std::pair<std::string, Value>> kw) {
  std::vector<KwArg> kws;
  kws.reserve(kw.size());
  for (auto& [n, v] : kw) kws.push_back(KwArg{intern_str(n), v});
  return lang::call(f, Args{pos.data(), pos.size(), kws.data(), kws.size()});
}

Value get_attr(const Value& obj, std::string_view name) {
  return getattr(obj, intern_str(name));
}
Value get_attr_or_null(const Value& obj, std::string_view name) {
  return getattr_opt(obj, intern_str(name));
}
bool has_attr(const Value& obj, std::string_view name) {
  return !getattr_opt(obj, intern_str(name)).is_null();
}
void set_attr(const Value& obj, std::string_view name, const Value& v) {
  setattr(obj, intern_str(name), v);
}

void for_each(const Value& iterable, const std::function<void(const Value&)>& fn) {
  Value it = get_iter(iterable);
  Value x;
  while (iter_next(it, x)) fn(x);
}

std::string repr_of(const Value& v) {
  return repr(v);
}
std::string str_of(const Value& v) {
  return to_str(v);
}

void raise_error(Type* t, const std::string& message) {
  raise(t, message);
}
Type* error_type(const PyError& e) {
  return type_of(e.exc);
}
std::string error_message(const PyError& e) {
  return to_str(e.exc);
}

std::ostream& out_stream() {
  return *interp().out;
}
std::ostream& err_stream() {
  return *interp().err;
}

const Function* as_function(const Value& v) {
  if (v.is_obj() && v.obj()->type == types::function) return static_cast<Function*>(v.obj());
  return nullptr;
}

const Partial* as_partial(const Value& v) {
  if (v.is_obj() && v.obj()->type == types::partial) return static_cast<Partial*>(v.obj());
  return nullptr;
}

Value instance_dict(const Value& v) {
  if (!v.is_obj()) return Value();
  if (auto* inst = dynamic_cast<Instance*>(v.obj())) return Value(inst->dict());
  return Value();
}

bool unbind_method(const Value& v, Value& func, Value& self) {
  if (!v.is_obj() || v.obj()->type != types::method) return false;
  auto* m = static_cast<BoundMethod*>(v.obj());
  func = m->func;
  self = m->self;
  return true;
}

} // namespace bwhop::lang::native
