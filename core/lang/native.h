// The native extension API: how C++ layers (the `torch` binding, the unittest
// runner) define modules, types and functions for scripts, and how they call
// back into script code. Everything here is a thin, stable facade over the
// interpreter's runtime (runtime.h); prefer it over the internals.
//
// Example:
//   using namespace bwhop::lang;
//   struct Counter { int64_t n = 0; };
//   static Type* counter_type = [] {
//     Type* t = native::define_type("Counter", "toy");
//     native::def_method(t, "bump", [](const Args& a) {
//       native::native_cast<Counter>(a[0])->n += native::as_int(a[1]);
//       return Value::none();
//     });
//     native::def_property(t, "n", [](const Value& self) {
//       return Value::integer(native::native_cast<Counter>(self)->n);
//     });
//     return t;
//   }();
//   native::register_native_module("toy", [](const Value& m) {
//     native::module_set(m, "Counter", Value(counter_type));
//     native::module_def(m, "make", [](const Args&) {
//       return native::make_native(counter_type, Counter{});
//     });
//   });
//
// Lifetimes and threads:
// * Types made with define_type/define_exception are immortal: keep them in
//   statics. Any other Value (modules, instances, functions) belongs to one
//   run (run_file / run_source / Session) and is torn down when it ends, so do
//   not keep such Values in statics across runs.
// * Module builders run on first import in each run, so they may be called
//   many times per process.
// * The evaluator recurses on the native stack. Code that calls into scripts
//   from outside a running script (a test runner, a benchmark) should run
//   inside bwhop::lang::run_on_big_stack (run.h), as run_file does.
// * Subclassing a native type in a script works when the type's __new__
//   builds the instance with make_native(<the class it was given in args[0]>, ...).
#pragma once

#include <functional>
#include <initializer_list>
#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/lang/function.h"
#include "core/lang/runtime.h"

namespace bwhop::lang::native {

// ------------------------------------------------------------------ modules

// Called with the fresh (empty) module object on its first import in a run.
using ModuleBuilder = std::function<void(const Value& module)>;

// Registers a natively built module under a dotted name ("torch._dynamo.exc").
// Parent packages are imported first, and the module is bound as an attribute
// of its parent. Registering the same name again replaces the builder.
void register_native_module(const std::string& dotted_name, ModuleBuilder builder);
// Registers a module written in the scenario language (its source text).
void register_source_module(const std::string& dotted_name, std::string source);
// Imports (or returns the already loaded) module; raises ImportError/ModuleNotFoundError.
Value import_module(std::string_view dotted_name);
// Binds `name` in a module's namespace.
void module_set(const Value& module, std::string_view name, Value v);
// Defines a native function `name` in a module.
void module_def(const Value& module, std::string_view name, NativeFn fn);
// A module's global namespace (a dict).
Value module_dict(const Value& module);

// ------------------------------------------------------------------ types

// Defines a native type. `base` defaults to `object`; instances made with
// make_native accept arbitrary script attributes when `instance_attrs` is true.
// Types are immortal: define them once per process (e.g. in a static).
Type* define_type(std::string name, std::string module, Type* base = nullptr,
                  bool instance_attrs = true);
// Defines a method (args[0] is self). Dunders (__add__, __radd__, __mul__,
// __neg__, __eq__, __lt__, __hash__, __getitem__, __setitem__, __len__,
// __iter__, __next__, __call__, __enter__, __exit__, __bool__, __repr__,
// __str__, __contains__, ...) are defined the same way; a binary dunder
// returns not_implemented() to let the other operand try.
void def_method(Type* t, std::string_view name, NativeFn fn);
// Defines a staticmethod (no self) and a classmethod (args[0] is the class).
void def_staticmethod(Type* t, std::string_view name, NativeFn fn);
void def_classmethod(Type* t, std::string_view name, NativeFn fn);
// Defines a property; without a setter, assignment raises AttributeError.
using Getter = std::function<Value(const Value& self)>;
using Setter = std::function<void(const Value& self, const Value& v)>;
void def_property(Type* t, std::string_view name, Getter get, Setter set = nullptr);
// Sets a class-level attribute (constant, nested type, ...).
void set_class_attr(Type* t, std::string_view name, Value v);
// Defines an exception class scripts can raise/catch (base defaults to Exception).
Type* define_exception(std::string name, std::string module, Type* base = nullptr);

// ------------------------------------------------------------------ payloads

// Instance of a native type carrying a C++ payload of type T.
template <class T> struct NativeBox : Instance {
  T payload;
  NativeBox(Type* t, T v) : Instance(t), payload(std::move(v)) {}
};
// Creates an instance of `t` holding `payload`.
template <class T> Value make_native(Type* t, T payload) {
  return Value(new NativeBox<T>(t, std::move(payload)));
}
// The payload of `v` when it is a NativeBox<T>, else nullptr.
template <class T> T* native_cast(const Value& v) {
  if (!v.is_obj()) return nullptr;
  auto* box = dynamic_cast<NativeBox<T>*>(v.obj());
  return box ? &box->payload : nullptr;
}

// ------------------------------------------------------------------ values

inline Value none() {
  return Value::none();
}
inline Value make_bool(bool b) {
  return Value::boolean(b);
}
inline Value make_int(int64_t i) {
  return Value::integer(i);
}
inline Value make_float(double d) {
  return Value::floating(d);
}
inline Value make_str(std::string s) {
  return new_str(std::move(s));
}
Value make_list(std::vector<Value> items);
Value make_tuple(std::vector<Value> items);
Value make_dict(std::vector<std::pair<Value, Value>> items = {});
// Reads; each raises TypeError naming `what` when the value has another type.
bool is_str(const Value& v);
bool is_list(const Value& v);
bool is_tuple(const Value& v);
bool is_dict(const Value& v);
bool is_callable(const Value& v);
int64_t as_int(const Value& v, const char* what = "argument");  // int or bool
double as_float(const Value& v, const char* what = "argument"); // int, bool or float
const std::string& as_str(const Value& v, const char* what = "argument");
std::vector<Value>& list_items(const Value& v); // mutable list storage
const std::vector<Value>& tuple_items(const Value& v);
// Dict access (keys compared with Python equality).
Value dict_get(const Value& dict, const Value& key); // Null when absent
void dict_set(const Value& dict, const Value& key, Value v);
std::vector<std::pair<Value, Value>> dict_items(const Value& dict);
// isinstance against native or script types.
inline bool is_instance(const Value& v, Type* t) {
  return isinstance(v, t);
}
inline Type* type_of_value(const Value& v) {
  return type_of(v);
}

// ------------------------------------------------------------------ arguments

// One parameter of a native signature. A Null default means required.
struct Param {
  const char* name;
  Value default_value = Value();
  bool kwonly = false;
};
// Binds a call's arguments to `params` like a Python signature would and
// returns one Value per parameter (TypeError on missing/unexpected ones).
// With `rest`, extra positional arguments are appended to *rest instead of
// being an error.
std::vector<Value> bind_args(const Args& args, const char* fname,
                             std::initializer_list<Param> params,
                             std::vector<Value>* rest = nullptr);

// ------------------------------------------------------------------ calls, attributes

// Calls any callable with positional and keyword arguments.
Value call(const Value& f, std::vector<Value> pos,
           std::vector<std::pair<std::string, Value>> kw = {});
Value get_attr(const Value& obj, std::string_view name);         // AttributeError when absent
Value get_attr_or_null(const Value& obj, std::string_view name); // Null when absent
bool has_attr(const Value& obj, std::string_view name);
void set_attr(const Value& obj, std::string_view name, const Value& v);
// Iterates any iterable, calling fn for each item.
void for_each(const Value& iterable, const std::function<void(const Value&)>& fn);
std::string repr_of(const Value& v);
// A name from the current run's builtins namespace (e.g. "next", "print"); Null when absent.
Value builtin(std::string_view name);
// Advances an iterator: stores the next item in `out` and returns true, or false at the end.
bool next_item(const Value& iterator, Value& out);
std::string str_of(const Value& v);

// ------------------------------------------------------------------ errors

// Raises a Python exception of type `t` (TypeError, a define_exception type...).
[[noreturn]] void raise_error(Type* t, const std::string& message);
// The C++ exception carrying a Python exception is bwhop::lang::PyError; these
// read it.
Type* error_type(const PyError& e);
std::string error_message(const PyError& e); // str(exc)

// ------------------------------------------------------------------ streams

// The streams print() and sys.stdout/sys.stderr write to in the current run.
std::ostream& out_stream();
std::ostream& err_stream();

// ------------------------------------------------------------------ introspection

// The user function behind `v` (a def or lambda), else nullptr. Its fields give
// the AST node (def/lambda), globals, closure cells, defaults and name.
const Function* as_function(const Value& v);
// functools.partial objects: func, args (tuple), keywords (dict); else nullptr.
const Partial* as_partial(const Value& v);
// An instance's attribute dict (created on demand), or Null for values without one.
Value instance_dict(const Value& v);
// Bound method parts: the function and self; false when `v` is not a bound method.
bool unbind_method(const Value& v, Value& func, Value& self);

} // namespace bwhop::lang::native
