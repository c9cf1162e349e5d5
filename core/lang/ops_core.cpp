// Core protocols: type, truth, repr/str, hashing, equality, errors.
#include <cmath>
#include <cstdio>

#include "core/lang/eval.h"
#include "core/lang/interp.h"

namespace bwhop::lang {

namespace {
Str* dunder(const char* s) {
  return intern_str(s);
}
} // namespace

Type* type_of(const Value& v) {
  switch (v.kind()) {
  case Value::Kind::Obj:
    return v.obj()->type;
  case Value::Kind::Int:
    return types::int_;
  case Value::Kind::Float:
    return types::float_;
  case Value::Kind::Bool:
    return types::bool_;
  default:
    return types::none;
  }
}

bool isinstance(const Value& v, Type* t) {
  return type_of(v)->is_subtype(t);
}

std::string type_name(const Value& v) {
  return type_of(v)->name;
}

std::string type_display_name(Type* t) {
  if (t->module.empty() || t->module == "builtins" || t->module == "__main__") return t->name;
  return t->module + "." + t->name;
}

// ---------------------------------------------------------------- errors

Value make_exception(Type* t, std::vector<Value> args) {
  Value e = t->alloc ? t->alloc(t) : types::BaseException->alloc(t);
  if (auto* ex = dynamic_cast<ExceptionObj*>(e.obj())) ex->args = new_tuple(std::move(args));
  return e;
}

void raise(Type* t, const std::string& msg) {
  throw PyError{make_exception(t, {new_str(msg)})};
}

void raise_value(Value exc) {
  throw PyError{std::move(exc)};
}

std::string exception_line(const Value& exc) {
  std::string name = type_display_name(type_of(exc));
  std::string msg;
  try {
    msg = to_str(exc);
  } catch (PyError&) {
    msg = "<exception str() failed>";
  }
  return msg.empty() ? name : name + ": " + msg;
}

// ---------------------------------------------------------------- truth

bool truthy(const Value& v) {
  switch (v.kind()) {
  case Value::Kind::Null:
  case Value::Kind::None:
    return false;
  case Value::Kind::Bool:
  case Value::Kind::Int:
    return v.as_int() != 0;
  case Value::Kind::Float:
    return v.as_float() != 0.0;
  case Value::Kind::Obj:
    break;
  }
  Object* o = v.obj();
  switch (o->type->layout) {
  case Layout::Str:
    return !static_cast<Str*>(o)->s.empty();
  case Layout::List:
    return !static_cast<ListObj*>(o)->items.empty();
  case Layout::Tuple:
    return !static_cast<TupleObj*>(o)->items.empty();
  case Layout::Dict:
    return static_cast<DictObj*>(o)->d.size() != 0;
  case Layout::Set:
    return static_cast<SetObj*>(o)->d.size() != 0;
  default:
    break;
  }
  if (o->type == types::range) return static_cast<Range*>(o)->length() != 0;
  static Str* bool_ = dunder("__bool__");
  static Str* len_ = dunder("__len__");
  Value f = o->type->lookup(bool_);
  if (!f.is_null()) {
    Value r = call_with_self(f, v, Args{});
    if (!r.is_bool())
      raise(types::TypeError, "__bool__ should return bool, returned " + type_name(r));
    return r.as_bool();
  }
  f = o->type->lookup(len_);
  if (!f.is_null()) return length(v) != 0;
  return true;
}

// ---------------------------------------------------------------- repr / str

namespace {

std::string addr_of(const void* p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "0x%012llx",
                static_cast<unsigned long long>(reinterpret_cast<uintptr_t>(p)));
  return buf;
}

int g_repr_depth = 0;
struct ReprGuard {
  ReprGuard() {
    if (++g_repr_depth > 200) {
      --g_repr_depth;
      raise(types::RecursionError,
            "maximum recursion depth exceeded while getting the repr of an object");
    }
  }
  ~ReprGuard() { --g_repr_depth; }
};

} // namespace

std::string str_repr(const std::string& s) {
  bool has_single = s.find('\'') != std::string::npos;
  bool has_double = s.find('"') != std::string::npos;
  char q = (has_single && !has_double) ? '"' : '\'';
  std::string out;
  out.reserve(s.size() + 2);
  out += q;
  for (unsigned char c : s) {
    if (c == static_cast<unsigned char>(q) || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n')
      out += "\\n";
    else if (c == '\r')
      out += "\\r";
    else if (c == '\t')
      out += "\\t";
    else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else
      out += static_cast<char>(c);
  }
  out += q;
  return out;
}

std::string repr(const Value& v) {
  switch (v.kind()) {
  case Value::Kind::Null:
    return "<NULL>";
  case Value::Kind::None:
    return "None";
  case Value::Kind::Bool:
    return v.as_bool() ? "True" : "False";
  case Value::Kind::Int:
    return std::to_string(v.as_int());
  case Value::Kind::Float:
    return float_repr(v.as_float());
  case Value::Kind::Obj:
    break;
  }
  Object* o = v.obj();
  Type* t = o->type;
  static Str* repr_ = dunder("__repr__");
  Value f = t->lookup(repr_);
  if (!f.is_null()) {
    ReprGuard g;
    Value r = call_with_self(f, v, Args{});
    if (!as_str_key(r))
      raise(types::TypeError, "__repr__ returned non-string (type " + type_name(r) + ")");
    return static_cast<Str*>(r.obj())->s;
  }
  switch (t->layout) {
  case Layout::Str:
    return str_repr(static_cast<Str*>(o)->s);
  case Layout::List: {
    ReprGuard g;
    std::string s = "[";
    auto& items = static_cast<ListObj*>(o)->items;
    for (size_t i = 0; i < items.size(); ++i) {
      if (i) s += ", ";
      s += repr(items[i]);
    }
    return s + "]";
  }
  case Layout::Tuple: {
    ReprGuard g;
    auto& items = static_cast<TupleObj*>(o)->items;
    std::string s = "(";
    for (size_t i = 0; i < items.size(); ++i) {
      if (i) s += ", ";
      s += repr(items[i]);
    }
    if (items.size() == 1) s += ",";
    return s + ")";
  }
  case Layout::Dict: {
    ReprGuard g;
    std::string s = "{";
    bool first = true;
    for (auto& e : static_cast<DictObj*>(o)->d.entries()) {
      if (e.key.is_null()) continue;
      if (!first) s += ", ";
      first = false;
      s += repr(e.key) + ": " + repr(e.value);
    }
    return s + "}";
  }
  case Layout::Set: {
    ReprGuard g;
    auto& d = static_cast<SetObj*>(o)->d;
    if (d.size() == 0) return "set()";
    std::string s = "{";
    bool first = true;
    for (auto& e : d.entries()) {
      if (e.key.is_null()) continue;
      if (!first) s += ", ";
      first = false;
      s += repr(e.key);
    }
    return s + "}";
  }
  case Layout::Type: {
    auto* ty = static_cast<Type*>(o);
    if (ty->module == "builtins") return "<class '" + ty->name + "'>";
    return "<class '" + ty->module + "." + ty->name + "'>";
  }
  default:
    break;
  }
  if (t->is_exception) {
    auto* e = static_cast<ExceptionObj*>(o);
    std::string s = t->name + "(";
    for (size_t i = 0; i < e->args->items.size(); ++i) {
      if (i) s += ", ";
      s += repr(e->args->items[i]);
    }
    return s + ")";
  }
  if (t == types::function) {
    auto* fn = static_cast<Function*>(o);
    return "<function " + fn->qualname + " at " + addr_of(o) + ">";
  }
  if (t == types::builtin_function)
    return "<built-in function " + static_cast<Builtin*>(o)->name + ">";
  if (t == types::method) {
    auto* m = static_cast<BoundMethod*>(o);
    std::string fname;
    if (auto* fn = dynamic_cast<Function*>(m->func.obj()))
      fname = fn->qualname;
    else if (auto* b = dynamic_cast<Builtin*>(m->func.obj()))
      fname = type_name(m->self) + "." + b->name;
    return "<bound method " + fname + " of " + repr(m->self) + ">";
  }
  if (t == types::range) {
    auto* r = static_cast<Range*>(o);
    std::string s = "range(" + std::to_string(r->start) + ", " + std::to_string(r->stop);
    if (r->step != 1) s += ", " + std::to_string(r->step);
    return s + ")";
  }
  if (t == types::slice) {
    auto* sl = static_cast<SliceObj*>(o);
    auto part = [](const Value& x) { return x.is_null() ? std::string("None") : repr(x); };
    return "slice(" + part(sl->start) + ", " + part(sl->stop) + ", " + part(sl->step) + ")";
  }
  if (t == types::module) return "<module '" + static_cast<Module*>(o)->name + "'>";
  if (t == types::not_implemented) return "NotImplemented";
  if (t == types::ellipsis) return "Ellipsis";
  if (t == types::partial) {
    auto* p = static_cast<Partial*>(o);
    std::string s = "functools.partial(" + repr(p->func);
    for (auto& a : p->args->items) s += ", " + repr(a);
    for (auto& e : p->keywords->d.entries())
      if (!e.key.is_null()) s += ", " + to_str(e.key) + "=" + repr(e.value);
    return s + ")";
  }
  if (t == types::cell) return "<cell at " + addr_of(o) + ">";
  std::string mod = t->module == "builtins" ? "" : t->module + ".";
  return "<" + mod + t->name + " object at " + addr_of(o) + ">";
}

std::string to_str(const Value& v) {
  if (v.is_obj()) {
    Object* o = v.obj();
    Type* t = o->type;
    if (t->layout == Layout::Str) return static_cast<Str*>(o)->s;
    static Str* str_ = dunder("__str__");
    Value f = t->lookup(str_);
    if (!f.is_null()) {
      Value r = call_with_self(f, v, Args{});
      if (!as_str_key(r))
        raise(types::TypeError, "__str__ returned non-string (type " + type_name(r) + ")");
      return static_cast<Str*>(r.obj())->s;
    }
    if (t->is_exception) {
      auto* e = static_cast<ExceptionObj*>(o);
      auto& a = e->args->items;
      if (a.empty()) return "";
      if (a.size() == 1) return t->is_subtype(types::KeyError) ? repr(a[0]) : to_str(a[0]);
      return repr(Value(e->args));
    }
  }
  return repr(v);
}

// ---------------------------------------------------------------- hashing

namespace {
constexpr int64_t kHashModulus = (int64_t{1} << 61) - 1;

int64_t hash_int(int64_t i) {
  int64_t h;
  if (i >= 0)
    h = i % kHashModulus;
  else
    h = -((-(i + 1)) % kHashModulus + 1) % kHashModulus;
  if (i < 0 && h == 0) h = 0;
  return h == -1 ? -2 : h;
}

int64_t hash_double(double d) {
  if (std::isnan(d)) return 0;
  if (std::isinf(d)) return d > 0 ? 314159 : -314159;
  double ip;
  if (std::modf(d, &ip) == 0.0 && std::fabs(d) < 9.2e18) return hash_int(static_cast<int64_t>(d));
  int64_t bits;
  std::memcpy(&bits, &d, sizeof bits);
  int64_t h = bits ^ (bits >> 29);
  return h == -1 ? -2 : h;
}
} // namespace

int64_t hash_value(const Value& v) {
  switch (v.kind()) {
  case Value::Kind::Null:
  case Value::Kind::None:
    return 0x5ca1ab1e;
  case Value::Kind::Bool:
  case Value::Kind::Int:
    return hash_int(v.as_int());
  case Value::Kind::Float:
    return hash_double(v.as_float());
  case Value::Kind::Obj:
    break;
  }
  Object* o = v.obj();
  Type* t = o->type;
  switch (t->layout) {
  case Layout::Str:
    return static_cast<Str*>(o)->hash();
  case Layout::Tuple: {
    uint64_t h = 0x345678;
    for (auto& x : static_cast<TupleObj*>(o)->items)
      h = (h ^ static_cast<uint64_t>(hash_value(x))) * 1000003ull;
    int64_t r = static_cast<int64_t>(h >> 1);
    return r == -1 ? -2 : r;
  }
  case Layout::List:
  case Layout::Dict:
  case Layout::Set:
    raise(types::TypeError, "unhashable type: '" + t->name + "'");
  default:
    break;
  }
  static Str* hash_ = dunder("__hash__");
  static Str* eq_ = dunder("__eq__");
  Value f = t->lookup(hash_);
  if (!f.is_null()) {
    if (f.is_none()) raise(types::TypeError, "unhashable type: '" + t->name + "'");
    Value r = call_with_self(f, v, Args{});
    if (!r.is_intlike()) raise(types::TypeError, "__hash__ method should return an integer");
    return hash_int(r.as_int());
  }
  // A class defining __eq__ without __hash__ is unhashable.
  if (t->heap) {
    for (Type* c : t->mro) {
      if (c->dict_->d.find_str(hash_)) break;
      if (c->dict_->d.find_str(eq_)) raise(types::TypeError, "unhashable type: '" + t->name + "'");
    }
  }
  return static_cast<int64_t>(reinterpret_cast<uintptr_t>(o) >> 4);
}

// ---------------------------------------------------------------- equality

namespace {

bool seq_equal(const std::vector<Value>& a, const std::vector<Value>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (!a[i].is(b[i]) && !values_equal(a[i], b[i])) return false;
  return true;
}

} // namespace

// Returns Null when neither side knows how to compare.
Value rich_eq(const Value& a, const Value& b) {
  if (a.is_intlike() && b.is_intlike()) return Value::boolean(a.as_int() == b.as_int());
  if ((a.is_float() || a.is_intlike()) && (b.is_float() || b.is_intlike()))
    return Value::boolean(to_double(a) == to_double(b));
  if (!a.is_obj() && !b.is_obj()) return Value::boolean(a.is(b));
  Type* ta = type_of(a);
  Type* tb = type_of(b);
  if (ta->layout == tb->layout && !ta->heap && !tb->heap) {
    switch (ta->layout) {
    case Layout::Str:
      return Value::boolean(static_cast<Str*>(a.obj())->s == static_cast<Str*>(b.obj())->s);
    case Layout::List:
      return Value::boolean(
          seq_equal(static_cast<ListObj*>(a.obj())->items, static_cast<ListObj*>(b.obj())->items));
    case Layout::Tuple:
      return Value::boolean(seq_equal(static_cast<TupleObj*>(a.obj())->items,
                                      static_cast<TupleObj*>(b.obj())->items));
    case Layout::Dict: {
      auto& da = static_cast<DictObj*>(a.obj())->d;
      auto& db = static_cast<DictObj*>(b.obj())->d;
      if (da.size() != db.size()) return Value::boolean(false);
      for (auto& e : da.entries()) {
        if (e.key.is_null()) continue;
        Value* o = db.find(e.key);
        if (!o || (!o->is(e.value) && !values_equal(*o, e.value))) return Value::boolean(false);
      }
      return Value::boolean(true);
    }
    case Layout::Set: {
      auto& da = static_cast<SetObj*>(a.obj())->d;
      auto& db = static_cast<SetObj*>(b.obj())->d;
      if (da.size() != db.size()) return Value::boolean(false);
      for (auto& e : da.entries())
        if (!e.key.is_null() && !db.find(e.key)) return Value::boolean(false);
      return Value::boolean(true);
    }
    default:
      break;
    }
  }
  if (ta == types::range && tb == types::range) {
    auto* x = static_cast<Range*>(a.obj());
    auto* y = static_cast<Range*>(b.obj());
    return Value::boolean(
        x->length() == y->length() &&
        (x->length() == 0 || (x->start == y->start && (x->length() == 1 || x->step == y->step))));
  }
  static Str* eq_ = dunder("__eq__");
  Value f = ta->lookup(eq_);
  if (!f.is_null()) {
    Value r = call_with_self(f, a, {&b, 1, nullptr, 0});
    if (!r.is(not_implemented())) return r;
  }
  f = tb->lookup(eq_);
  if (!f.is_null()) {
    Value r = call_with_self(f, b, {&a, 1, nullptr, 0});
    if (!r.is(not_implemented())) return r;
  }
  return Value::boolean(a.is(b));
}

bool values_equal(const Value& a, const Value& b) {
  if (a.is(b) && !a.is_float()) return true;
  return truthy(rich_eq(a, b));
}

double to_double(const Value& v) {
  if (v.is_float()) return v.as_float();
  if (v.is_intlike()) return static_cast<double>(v.as_int());
  raise(types::TypeError, "must be real number, not " + type_name(v));
}

int64_t to_index(const Value& v) {
  if (v.is_intlike()) return v.as_int();
  static Str* index_ = dunder("__index__");
  if (v.is_obj()) {
    Value f = v.obj()->type->lookup(index_);
    if (!f.is_null()) {
      Value r = call_with_self(f, v, Args{});
      if (r.is_intlike()) return r.as_int();
    }
  }
  raise(types::TypeError, "'" + type_name(v) + "' object cannot be interpreted as an integer");
}

} // namespace bwhop::lang
