// Creation of the built-in type objects, value constructors, interning and
// container tracking for teardown.
#include <unordered_map>

#include "core/lang/function.h"
#include "core/lang/runtime.h"

namespace bwhop::lang {

namespace types {
Type *object, *type, *none, *bool_, *int_, *float_, *str, *list, *tuple, *dict, *set, *range,
    *slice, *function, *builtin_function, *method, *cell, *module, *staticmethod, *classmethod,
    *property, *iterator, *super, *partial, *not_implemented, *ellipsis;
Type *BaseException, *Exception, *SystemExit, *KeyboardInterrupt, *ArithmeticError, *LookupError,
    *RuntimeError, *ValueError, *TypeError, *KeyError, *IndexError, *AttributeError, *NameError,
    *UnboundLocalError, *AssertionError, *StopIteration, *NotImplementedError, *ImportError,
    *ModuleNotFoundError, *ZeroDivisionError, *OverflowError, *RecursionError, *OSError,
    *UnicodeError, *SyntaxError;
} // namespace types

// ---------------------------------------------------------------- tracking

namespace {
std::vector<Object*> g_tracked;
bool g_tracking = false;
} // namespace

void set_container_tracking(bool on) {
  g_tracking = on;
}

void track_container(Object* o) {
  if (!g_tracking) return;
  o->track_slot = static_cast<int32_t>(g_tracked.size());
  g_tracked.push_back(o);
}

void untrack_container(Object* o) {
  if (o->track_slot < 0) return;
  Object* last = g_tracked.back();
  g_tracked[o->track_slot] = last;
  last->track_slot = o->track_slot;
  g_tracked.pop_back();
  o->track_slot = -1;
}

void clear_tracked_objects() {
  bool was = g_tracking;
  g_tracking = false;
  std::vector<Object*> all = g_tracked;
  for (Object* o : all) incref(o);
  for (Object* o : all) o->clear_refs();
  for (Object* o : all) decref(o);
  g_tracking = was;
}

// ---------------------------------------------------------------- object kinds

ListObj::ListObj(Type* t) : Object(t) {
  track_container(this);
}
ListObj::~ListObj() {
  untrack_container(this);
}
DictObj::DictObj(Type* t) : Object(t) {
  track_container(this);
}
DictObj::~DictObj() {
  untrack_container(this);
}
SetObj::SetObj(Type* t) : Object(t) {
  track_container(this);
}
SetObj::~SetObj() {
  untrack_container(this);
}
// An instance keeps its class alive, as CPython's heap types are: a class made
// inside a function may be reachable only through its instances. (`type` itself
// is built with no class yet and patched to itself; it is immortal.)
Instance::Instance(Type* t) : Object(t) {
  if (t) incref(t);
  track_container(this);
}
Instance::~Instance() {
  untrack_container(this);
  if (type) decref(type);
}

DictObj* Instance::dict() {
  if (!attrs) attrs = new_dict();
  return attrs.get();
}

Module::Module(Type* t, std::string n) : Instance(t), name(std::move(n)) {}

Type::Type(Type* meta, std::string n) : Instance(meta), name(std::move(n)) {
  // Types are immortal unless a class statement makes them (make_class tracks those).
  untrack_container(this);
  dict_ = new DictObj(types::dict);
  dict_->d.mark_type_dict();
  untrack_container(dict_.get());
  ++type_dict_epoch; // a new type may reuse a dead one's address
}

Type::~Type() {
  ++type_dict_epoch;
}

void Type::clear_refs() {
  if (!heap) return;
  ++type_dict_epoch;
  dict_->clear_refs();
  bases.clear();
}

namespace {

// Direct-mapped cache of MRO lookups keyed by (type, interned name). An entry
// points at the value inside the owning type dict, valid while no type dict
// or MRO has changed since (same type_dict_epoch).
struct LookupCacheSlot {
  const Type* type = nullptr;
  const Str* name = nullptr;
  uint64_t epoch = 0;
  const Value* found = nullptr; // null when the MRO has no such attribute
};

constexpr size_t kLookupCacheSize = 4096;
LookupCacheSlot g_lookup_cache[kLookupCacheSize];

const Value* lookup_uncached(const Type* t, Str* key) {
  for (Type* c : t->mro)
    if (Value* v = c->dict_->d.find_str(key)) return v;
  return nullptr;
}

} // namespace

Value Type::lookup(Str* key) const {
  if (!key->interned) {
    // Non-interned names may die and their address be reused: no caching.
    const Value* v = lookup_uncached(this, key);
    return v ? *v : Value();
  }
  size_t h =
      (reinterpret_cast<uintptr_t>(this) >> 4) * 31 + (reinterpret_cast<uintptr_t>(key) >> 4);
  LookupCacheSlot& slot = g_lookup_cache[(h ^ (h >> 12)) & (kLookupCacheSize - 1)];
  if (slot.type != this || slot.name != key || slot.epoch != type_dict_epoch) {
    slot.found = lookup_uncached(this, key);
    slot.type = this;
    slot.name = key;
    slot.epoch = type_dict_epoch;
  }
  return slot.found ? *slot.found : Value();
}

bool Type::is_subtype(const Type* other) const {
  if (this == other) return true;
  for (Type* t : mro)
    if (t == other) return true;
  return false;
}

std::string Type::qualname_for_error() const {
  return name;
}

int64_t Range::length() const {
  if (step > 0 && start < stop) return (stop - start - 1) / step + 1;
  if (step < 0 && start > stop) return (start - stop - 1) / (-step) + 1;
  return 0;
}

int64_t Str::hash() const {
  if (hash_cache == -1) {
    // FNV-1a; -1 is reserved as "not computed".
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
    int64_t r = static_cast<int64_t>(h >> 1);
    hash_cache = r == -1 ? -2 : r;
  }
  return hash_cache;
}

// ---------------------------------------------------------------- constructors

Str* intern_str(std::string_view s) {
  static auto* table = new std::unordered_map<std::string_view, Str*>();
  auto it = table->find(s);
  if (it != table->end()) return it->second;
  Str* o = new Str(types::str, std::string(s));
  o->interned = true;
  incref(o); // immortal
  table->emplace(std::string_view(o->s), o);
  return o;
}

Str* sym_str(Symbol sym) {
  // Open-addressing map from the symbol's text pointer to its Str.
  struct Slot {
    const std::string* key;
    Str* value;
  };
  static std::vector<Slot> slots(1024, Slot{nullptr, nullptr});
  static size_t used = 0;
  const std::string* k = sym.raw();
  size_t mask = slots.size() - 1;
  size_t i = (reinterpret_cast<uintptr_t>(k) >> 4) & mask;
  while (slots[i].key) {
    if (slots[i].key == k) return slots[i].value;
    i = (i + 1) & mask;
  }
  Str* s = intern_str(sym.view());
  slots[i] = Slot{k, s};
  if (++used * 2 > slots.size()) {
    std::vector<Slot> old(slots.size() * 2, Slot{nullptr, nullptr});
    old.swap(slots);
    mask = slots.size() - 1;
    for (auto& sl : old) {
      if (!sl.key) continue;
      size_t j = (reinterpret_cast<uintptr_t>(sl.key) >> 4) & mask;
      while (slots[j].key) j = (j + 1) & mask;
      slots[j] = sl;
    }
  }
  return s;
}

Value new_str(std::string s) {
  return Value(new Str(types::str, std::move(s)));
}

Ref<TupleObj> new_tuple(std::vector<Value> items) {
  auto* t = new TupleObj(types::tuple);
  t->items = std::move(items);
  return Ref<TupleObj>(t);
}

Ref<ListObj> new_list(std::vector<Value> items) {
  auto* l = new ListObj(types::list);
  l->items = std::move(items);
  return Ref<ListObj>(l);
}

Ref<DictObj> new_dict() {
  return Ref<DictObj>(new DictObj(types::dict));
}
Ref<SetObj> new_set() {
  return Ref<SetObj>(new SetObj(types::set));
}

Value new_builtin(std::string name, NativeFn fn) {
  return Value(new Builtin(types::builtin_function, std::move(name), std::move(fn)));
}

Value new_iter(std::function<bool(Value&)> next) {
  return Value(new NativeIter(types::iterator, std::move(next)));
}

namespace {
Value g_not_implemented, g_ellipsis;
}
Value not_implemented() {
  return g_not_implemented;
}
Value ellipsis() {
  return g_ellipsis;
}

// ---------------------------------------------------------------- types

namespace {

void compute_mro(Type* t) {
  // C3 linearization over the bases' MROs.
  t->mro.clear();
  t->mro.push_back(t);
  std::vector<std::vector<Type*>> seqs;
  for (auto& b : t->bases) seqs.push_back(b->mro);
  std::vector<Type*> bases;
  for (auto& b : t->bases) bases.push_back(b.get());
  seqs.push_back(bases);
  for (;;) {
    bool any = false;
    for (auto& s : seqs)
      if (!s.empty()) any = true;
    if (!any) break;
    Type* cand = nullptr;
    for (auto& s : seqs) {
      if (s.empty()) continue;
      Type* head = s.front();
      bool in_tail = false;
      for (auto& s2 : seqs)
        for (size_t k = 1; k < s2.size(); ++k)
          if (s2[k] == head) in_tail = true;
      if (!in_tail) {
        cand = head;
        break;
      }
    }
    if (!cand)
      raise(types::TypeError, "Cannot create a consistent method resolution order (MRO) for bases");
    t->mro.push_back(cand);
    for (auto& s : seqs)
      if (!s.empty() && s.front() == cand) s.erase(s.begin());
  }
  ++type_dict_epoch;
}

Type* make_type(const char* name, Type* base, Layout layout) {
  Type* t = new Type(types::type, name);
  incref(t);
  t->module = "builtins";
  if (base) t->bases.push_back(Ref<Type>(base));
  t->layout = layout;
  if (base) {
    t->alloc = base->alloc;
    t->is_exception = base->is_exception;
  }
  compute_mro(t);
  return t;
}

Type* make_exc(const char* name, Type* base) {
  Type* t = make_type(name, base, Layout::Exception);
  t->is_exception = true;
  return t;
}

} // namespace

void finish_type(Type* t) {
  compute_mro(t);
}

Type* new_native_type(std::string name, std::string module, Type* base, Layout layout) {
  if (!base) base = types::object;
  Type* t = new Type(types::type, std::move(name));
  incref(t); // native types are immortal
  t->module = std::move(module);
  t->bases.push_back(Ref<Type>(base));
  t->layout = base->layout == Layout::Object ? layout : base->layout;
  t->alloc = base->alloc;
  t->is_exception = base->is_exception;
  compute_mro(t);
  return t;
}

void add_method(Type* t, std::string_view name, NativeFn fn) {
  t->dict_->d.set(Value(intern_str(name)), new_builtin(std::string(name), std::move(fn)));
}

void init_strings();
void init_numbers();
void init_containers();
void init_object_methods();

void init_runtime() {
  static bool done = false;
  if (done) return;
  done = true;
  using namespace types;
  // `type` and `object` refer to each other: build them by hand.
  type = new Type(nullptr, "type");
  type->type = type;
  incref(type);
  object = new Type(type, "object");
  incref(object);
  // dicts need types::dict, which does not exist yet: patch afterwards.
  dict = new Type(type, "dict");
  incref(dict);
  for (Type* t : {type, object, dict}) {
    t->dict_->type = dict;
    t->module = "builtins";
  }
  object->layout = Layout::Object;
  object->mro = {object};
  object->alloc = [](Type* t) { return Value(new Instance(t)); };
  type->bases.push_back(Ref<Type>(object));
  type->mro = {type, object};
  type->layout = Layout::Type;
  dict->bases.push_back(Ref<Type>(object));
  dict->mro = {dict, object};
  ++type_dict_epoch;
  dict->layout = Layout::Dict;
  dict->alloc = [](Type*) { return Value(new_dict()); };
  str = make_type("str", object, Layout::Str);
  none = make_type("NoneType", object, Layout::Other);
  int_ = make_type("int", object, Layout::Int);
  bool_ = make_type("bool", int_, Layout::Int);
  float_ = make_type("float", object, Layout::Float);
  list = make_type("list", object, Layout::List);
  list->alloc = [](Type*) { return Value(new_list()); };
  tuple = make_type("tuple", object, Layout::Tuple);
  set = make_type("set", object, Layout::Set);
  set->alloc = [](Type*) { return Value(new_set()); };
  range = make_type("range", object, Layout::Other);
  slice = make_type("slice", object, Layout::Other);
  function = make_type("function", object, Layout::Instance);
  builtin_function = make_type("builtin_function_or_method", object, Layout::Other);
  method = make_type("method", object, Layout::Other);
  cell = make_type("cell", object, Layout::Other);
  module = make_type("module", object, Layout::Instance);
  staticmethod = make_type("staticmethod", object, Layout::Other);
  classmethod = make_type("classmethod", object, Layout::Other);
  property = make_type("property", object, Layout::Other);
  iterator = make_type("iterator", object, Layout::Other);
  super = make_type("super", object, Layout::Other);
  partial = make_type("partial", object, Layout::Instance);
  partial->module = "functools";
  types::not_implemented = make_type("NotImplementedType", object, Layout::Other);
  types::ellipsis = make_type("ellipsis", object, Layout::Other);
  g_not_implemented = Value(new Instance(types::not_implemented));
  g_ellipsis = Value(new Instance(types::ellipsis));

  BaseException = make_exc("BaseException", object);
  BaseException->alloc = [](Type* t) {
    auto* e = new ExceptionObj(t);
    e->args = new_tuple();
    return Value(e);
  };
  SystemExit = make_exc("SystemExit", BaseException);
  KeyboardInterrupt = make_exc("KeyboardInterrupt", BaseException);
  Exception = make_exc("Exception", BaseException);
  ArithmeticError = make_exc("ArithmeticError", Exception);
  LookupError = make_exc("LookupError", Exception);
  RuntimeError = make_exc("RuntimeError", Exception);
  ValueError = make_exc("ValueError", Exception);
  TypeError = make_exc("TypeError", Exception);
  KeyError = make_exc("KeyError", LookupError);
  IndexError = make_exc("IndexError", LookupError);
  AttributeError = make_exc("AttributeError", Exception);
  NameError = make_exc("NameError", Exception);
  UnboundLocalError = make_exc("UnboundLocalError", NameError);
  AssertionError = make_exc("AssertionError", Exception);
  StopIteration = make_exc("StopIteration", Exception);
  NotImplementedError = make_exc("NotImplementedError", RuntimeError);
  ImportError = make_exc("ImportError", Exception);
  ModuleNotFoundError = make_exc("ModuleNotFoundError", ImportError);
  ZeroDivisionError = make_exc("ZeroDivisionError", ArithmeticError);
  OverflowError = make_exc("OverflowError", ArithmeticError);
  RecursionError = make_exc("RecursionError", RuntimeError);
  OSError = make_exc("OSError", Exception);
  UnicodeError = make_exc("UnicodeError", ValueError);
  SyntaxError = make_exc("SyntaxError", Exception);

  init_object_methods();
  init_numbers();
  init_strings();
  init_containers();
}

} // namespace bwhop::lang
