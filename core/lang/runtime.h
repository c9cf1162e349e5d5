// Built-in types, value constructors and the generic object protocols
// (attribute access, calls, operators, iteration) shared by the evaluator,
// the builtins and native modules.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "core/lang/ast.h"
#include "core/lang/object.h"

namespace bwhop::lang {

// The built-in type objects (created once per process, immortal).
namespace types {
extern Type *object, *type, *none, *bool_, *int_, *float_, *str, *list, *tuple, *dict, *set, *range,
    *slice, *function, *builtin_function, *method, *cell, *module, *staticmethod, *classmethod,
    *property, *iterator, *super, *partial, *not_implemented, *ellipsis;
extern Type *BaseException, *Exception, *SystemExit, *KeyboardInterrupt, *ArithmeticError,
    *LookupError, *RuntimeError, *ValueError, *TypeError, *KeyError, *IndexError, *AttributeError,
    *NameError, *UnboundLocalError, *AssertionError, *StopIteration, *NotImplementedError,
    *ImportError, *ModuleNotFoundError, *ZeroDivisionError, *OverflowError, *RecursionError,
    *OSError, *UnicodeError, *SyntaxError;
} // namespace types

// Creates the built-in types once (idempotent).
void init_runtime();

// A Python exception travelling through C++ code.
struct PyError {
  Value exc; // an ExceptionObj
};

// ---- constructors
Str* intern_str(std::string_view s); // immortal, pointer-unique
Str* sym_str(Symbol s);              // interned Str for an AST symbol
Value new_str(std::string s);
Ref<TupleObj> new_tuple(std::vector<Value> items = {});
Ref<ListObj> new_list(std::vector<Value> items = {});
Ref<DictObj> new_dict();
Ref<SetObj> new_set();
Value new_builtin(std::string name, NativeFn fn);
Value new_iter(std::function<bool(Value&)> next);
Value not_implemented();
Value ellipsis();

// ---- errors
Value make_exception(Type* t, std::vector<Value> args);
[[noreturn]] void raise(Type* t, const std::string& msg);
[[noreturn]] void raise_value(Value exc);
// The exception's `Type: message` line as tracebacks print it.
std::string exception_line(const Value& exc);
std::string type_display_name(Type* t);

// ---- protocols
Type* type_of(const Value& v);
bool isinstance(const Value& v, Type* t);
bool truthy(const Value& v);
std::string repr(const Value& v);
std::string to_str(const Value& v);
int64_t hash_value(const Value& v);
bool values_equal(const Value& a, const Value& b);
// Attribute lookup; raises AttributeError when absent.
Value getattr(const Value& obj, Str* name);
// Attribute lookup that returns Null instead of raising AttributeError.
Value getattr_opt(const Value& obj, Str* name);
void setattr(const Value& obj, Str* name, const Value& v);
void delattr(const Value& obj, Str* name);
Value call(const Value& f, const Args& args);
Value call(const Value& f, std::initializer_list<Value> pos);
// Calls method `name` of `self` with `args` (self not included in args).
Value call_method(const Value& self, Str* name, const Args& args);
Value call_method(const Value& self, Str* name, std::initializer_list<Value> pos);
Value binary_op(BinOpKind op, const Value& a, const Value& b);
Value inplace_op(BinOpKind op, const Value& a, const Value& b);
Value unary_op(UnaryOpKind op, const Value& v);
Value compare(CmpOpKind op, const Value& a, const Value& b);
bool contains(const Value& container, const Value& item);
Value get_iter(const Value& v);
// Advances an iterator: stores the item and returns true, or false at the end.
bool iter_next(const Value& it, Value& out);
// Collects every item of an iterable.
std::vector<Value> to_vector(const Value& iterable);
Value getitem(const Value& obj, const Value& key);
void setitem(const Value& obj, const Value& key, const Value& v);
void delitem(const Value& obj, const Value& key);
int64_t length(const Value& v);
// Index conversion for subscripts (accepts int, bool, __index__).
int64_t to_index(const Value& v);
double to_double(const Value& v); // int, bool or float; TypeError otherwise
// The exception type names for error messages: `'int' object ...`.
std::string type_name(const Value& v);

// Checked int64 arithmetic raising OverflowError.
int64_t checked_add(int64_t a, int64_t b);
int64_t checked_sub(int64_t a, int64_t b);
int64_t checked_mul(int64_t a, int64_t b);

// Python's repr of a float (shortest round-trip).
std::string float_repr(double d);
// Applies a format spec (`format(v, spec)`).
std::string format_value(const Value& v, std::string_view spec);
// `fmt % args`.
std::string percent_format(const std::string& fmt, const Value& args);

// Looks up a builtin-type method (e.g. for str.join) in the type's MRO.
Value type_lookup(Type* t, Str* name);

// A new native type; `base` defaults to object.
Type* new_native_type(std::string name, std::string module, Type* base, Layout layout);
// Adds a method implemented natively to a type (self is pos[0]).
void add_method(Type* t, std::string_view name, NativeFn fn);

} // namespace bwhop::lang
