// The interpreter's object model: the heap object kinds behind Value.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/lang/dict.h"
#include "core/lang/set_table.h"
#include "core/lang/value.h"

namespace bwhop::lang {

struct Str;
struct Type;

// One keyword argument of a call. The name is borrowed for the call's duration.
struct KwArg {
  Str* name;
  Value value;
};

// The arguments of a call: positional values then keyword arguments.
struct Args {
  const Value* pos = nullptr;
  size_t npos = 0;
  const KwArg* kw = nullptr;
  size_t nkw = 0;
  const Value& operator[](size_t i) const { return pos[i]; }
  size_t size() const { return npos; }
};

// Signature of every natively implemented callable.
using NativeFn = std::function<Value(const Args&)>;

// Interned or plain text. The hash is computed once.
struct Str : Object {
  std::string s;
  mutable int64_t hash_cache = -1;
  bool interned = false;
  Str(Type* t, std::string text) : Object(t), s(std::move(text)) {}
  int64_t hash() const;
};

struct TupleObj : Object {
  std::vector<Value> items;
  explicit TupleObj(Type* t) : Object(t) {}
  void clear_refs() override { items.clear(); }
};

struct ListObj : Object {
  std::vector<Value> items;
  explicit ListObj(Type* t);
  ~ListObj() override;
  void clear_refs() override { items.clear(); }
};

struct DictObj : Object {
  DictTable d;
  explicit DictObj(Type* t);
  ~DictObj() override;
  void clear_refs() override { d.clear(); }
};

struct SetObj : Object {
  SetTable d;
  explicit SetObj(Type* t);
  ~SetObj() override;
  void clear_refs() override { d.clear(); }
};

// Instances of classes (user classes, exceptions, native types): an optional
// attribute dict.
struct Instance : Object {
  Ref<DictObj> attrs; // created on first attribute store
  explicit Instance(Type* t);
  ~Instance() override;
  void clear_refs() override { attrs = nullptr; }
  DictObj* dict(); // creates it on demand
};

// Layout a type's instances use; inherited from the nearest builtin base.
enum class Layout : uint8_t {
  Object,
  Instance,
  Exception,
  Native,
  Int,
  Float,
  Str,
  List,
  Tuple,
  Dict,
  Set,
  Type,
  Other
};

struct Type : Instance {
  std::string name;
  std::string module; // "builtins" for built-in types
  std::vector<Ref<Type>> bases;
  std::vector<Type*> mro; // includes this type first
  Ref<DictObj> dict_;
  Layout layout = Layout::Object;
  bool is_exception = false;
  bool heap = false;          // created by a class statement
  bool instance_attrs = true; // instances accept arbitrary attributes
  // Creates a blank instance for `object.__new__`; inherited.
  std::function<Value(Type*)> alloc;
  Type(Type* meta, std::string n);
  ~Type() override;
  void clear_refs() override;
  // Attribute lookup along the MRO, without descriptors. Null if absent.
  // Cached per (type, interned name) until any type dict or MRO changes.
  Value lookup(Str* name) const;
  bool is_subtype(const Type* other) const;
  std::string qualname_for_error() const;
};

class ParsedFile;

struct TracebackEntry {
  const ParsedFile* file; // kept alive by the interpreter for the run
  int line;
  std::string func;
};

struct ExceptionObj : Instance {
  Ref<TupleObj> args;
  Value cause, context;
  bool suppress_context = false;
  std::vector<TracebackEntry> tb;      // innermost first
  const void* tb_last_frame = nullptr; // the frame of the newest tb entry
  explicit ExceptionObj(Type* t) : Instance(t) {}
  void clear_refs() override {
    Instance::clear_refs();
    cause = Value();
    context = Value();
  }
};

struct Cell : Object {
  Value v;
  explicit Cell(Type* t) : Object(t) {}
  void clear_refs() override { v = Value(); }
};

struct Module : Instance {
  std::string name;
  Module(Type* t, std::string n);
  Ref<DictObj> globals;
  void clear_refs() override {}
};

struct Builtin : Object {
  std::string name;
  NativeFn fn;
  Builtin(Type* t, std::string n, NativeFn f) : Object(t), name(std::move(n)), fn(std::move(f)) {}
};

struct BoundMethod : Object {
  Value self, func;
  BoundMethod(Type* t, Value s, Value f) : Object(t), self(std::move(s)), func(std::move(f)) {}
  void clear_refs() override {
    self = Value();
    func = Value();
  }
};

// staticmethod / classmethod / property wrappers.
struct Wrapper : Object {
  Value f, fset;
  Wrapper(Type* t, Value a, Value b = {}) : Object(t), f(std::move(a)), fset(std::move(b)) {}
  void clear_refs() override {
    f = Value();
    fset = Value();
  }
};

struct Range : Object {
  int64_t start, stop, step;
  Range(Type* t, int64_t a, int64_t b, int64_t c) : Object(t), start(a), stop(b), step(c) {}
  int64_t length() const;
};

struct SliceObj : Object {
  Value start, stop, step;
  explicit SliceObj(Type* t) : Object(t) {}
};

// Any native iterator: next() stores the next item and returns true, or
// returns false when exhausted.
struct NativeIter : Object {
  std::function<bool(Value&)> next;
  NativeIter(Type* t, std::function<bool(Value&)> n) : Object(t), next(std::move(n)) {}
  void clear_refs() override { next = nullptr; }
};

struct Super : Object {
  Type* start; // the class whose MRO successor is searched
  Value self;
  Type* self_type;
  Super(Type* t, Type* s, Value obj, Type* st)
      : Object(t), start(s), self(std::move(obj)), self_type(st) {}
};

struct Partial : Instance {
  Value func;
  Ref<TupleObj> args;
  Ref<DictObj> keywords;
  explicit Partial(Type* t) : Instance(t) {}
  void clear_refs() override {
    Instance::clear_refs();
    func = Value();
    args = nullptr;
    keywords = nullptr;
  }
};

// Records containers created while a run is active so teardown can break
// reference cycles (see clear_tracked_objects).
void track_container(Object* o);
void untrack_container(Object* o);
// Clears every tracked container's references and frees what is unreachable.
void clear_tracked_objects();
void set_container_tracking(bool on);

} // namespace bwhop::lang
