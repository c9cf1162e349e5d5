// The builtins namespace: print, len, range, isinstance, sorted, ...
#include <cmath>
#include <ostream>

#include "core/lang/eval.h"
#include "core/lang/interp.h"
#include "core/lang/modules.h"
#include "core/lang/native.h"
#include "core/lang/text.h"

namespace bwhop::lang {

void sort_list(std::vector<Value>& items, const Value& key, bool reverse);
Value to_int_value(const Value& v);

namespace {

void def(DictObj* b, const char* name, NativeFn fn) {
  b->d.set(Value(intern_str(name)), new_builtin(name, std::move(fn)));
}

void need(const Args& a, size_t lo, size_t hi, const char* name) {
  if (a.npos < lo || a.npos > hi) {
    if (lo == hi)
      raise(types::TypeError,
            std::string(name) + "() takes exactly " +
                (lo == 1 ? std::string("one argument") : std::to_string(lo) + " arguments") + " (" +
                std::to_string(a.npos) + " given)");
    raise(types::TypeError, std::string(name) + " expected at most " + std::to_string(hi) +
                                " arguments, got " + std::to_string(a.npos));
  }
}

bool type_check(const Value& v, const Value& spec, bool subclass, const char* fname) {
  if (type_of(spec) == types::tuple) {
    for (auto& s : static_cast<TupleObj*>(spec.obj())->items)
      if (type_check(v, s, subclass, fname)) return true;
    return false;
  }
  if (!spec.is_obj() || spec.obj()->type->layout != Layout::Type)
    raise(types::TypeError,
          std::string(fname) + "() arg 2 must be a type, a tuple of types, or a union");
  Type* t = static_cast<Type*>(spec.obj());
  if (subclass) {
    if (!v.is_obj() || v.obj()->type->layout != Layout::Type)
      raise(types::TypeError, "issubclass() arg 1 must be a class");
    return static_cast<Type*>(v.obj())->is_subtype(t);
  }
  return isinstance(v, t);
}

Value min_max(const Args& a, bool is_max) {
  const char* name = is_max ? "max" : "min";
  Value key, dflt;
  for (size_t i = 0; i < a.nkw; ++i) {
    if (a.kw[i].name->s == "key")
      key = a.kw[i].value;
    else if (a.kw[i].name->s == "default")
      dflt = a.kw[i].value;
    else
      raise(types::TypeError,
            std::string(name) + "() got an unexpected keyword argument '" + a.kw[i].name->s + "'");
  }
  std::vector<Value> items;
  if (a.npos == 1)
    items = to_vector(a[0]);
  else if (a.npos == 0)
    raise(types::TypeError, std::string(name) + " expected at least 1 argument, got 0");
  else
    items.assign(a.pos, a.pos + a.npos);
  if (items.empty()) {
    if (!dflt.is_null()) return dflt;
    raise(types::ValueError, std::string(name) + "() arg is an empty sequence");
  }
  Value best = items[0];
  Value best_key = key.is_null() || key.is_none() ? best : call(key, {best});
  for (size_t i = 1; i < items.size(); ++i) {
    Value k = key.is_null() || key.is_none() ? items[i] : call(key, {items[i]});
    bool better = truthy(compare(is_max ? CmpOpKind::Gt : CmpOpKind::Lt, k, best_key));
    if (better) {
      best = items[i];
      best_key = k;
    }
  }
  return best;
}

double round_half_even(double x, int64_t nd) {
  double p = std::pow(10.0, static_cast<double>(nd));
  double y = x * p;
  double r = std::nearbyint(y); // default rounding mode: half to even
  // Use the decimal string to decide exact halves like Python does.
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", static_cast<int>(nd < 0 ? 0 : nd), x);
  double via_str = std::strtod(buf, nullptr);
  if (nd >= 0) return via_str;
  return r / p;
}

} // namespace

// locals() of the running frame: a snapshot dict for functions, the module
// namespace at module level.
Value frame_locals() {
  Frame* f = interp().top;
  if (!f) return Value(new_dict());
  if (!f->function) return f->namespace_ ? Value(f->namespace_) : Value(new_dict());
  const ScopeExtra* sc = f->function->scope;
  auto d = new_dict();
  for (size_t i = 0; i < sc->local_names.size(); ++i)
    if (!f->locals[i].is_null() && sc->local_names[i])
      d->d.set(Value(sc->local_names[i]), f->locals[i]);
  for (size_t i = 0; i < sc->cell_names.size(); ++i)
    if (f->cells[i] && !f->cells[i]->v.is_null())
      d->d.set(Value(sc->cell_names[i]), f->cells[i]->v);
  return Value(d);
}

void install_builtins(DictObj* b) {
  auto set = [b](const char* name, Value v) { b->d.set(Value(intern_str(name)), std::move(v)); };
  set("object", Value(types::object));
  set("type", Value(types::type));
  set("int", Value(types::int_));
  set("float", Value(types::float_));
  set("bool", Value(types::bool_));
  set("str", Value(types::str));
  set("list", Value(types::list));
  set("tuple", Value(types::tuple));
  set("dict", Value(types::dict));
  set("set", Value(types::set));
  set("frozenset", Value(types::set));
  set("range", Value(types::range));
  set("slice", Value(types::slice));
  set("staticmethod", Value(types::staticmethod));
  set("classmethod", Value(types::classmethod));
  set("property", Value(types::property));
  set("super", Value(types::super));
  set("NotImplemented", not_implemented());
  set("Ellipsis", ellipsis());
  set("None", Value::none());
  set("True", Value::boolean(true));
  set("False", Value::boolean(false));
  for (Type* t : {types::BaseException,
                  types::Exception,
                  types::SystemExit,
                  types::KeyboardInterrupt,
                  types::ArithmeticError,
                  types::LookupError,
                  types::RuntimeError,
                  types::ValueError,
                  types::TypeError,
                  types::KeyError,
                  types::IndexError,
                  types::AttributeError,
                  types::NameError,
                  types::UnboundLocalError,
                  types::AssertionError,
                  types::StopIteration,
                  types::NotImplementedError,
                  types::ImportError,
                  types::ModuleNotFoundError,
                  types::ZeroDivisionError,
                  types::OverflowError,
                  types::RecursionError,
                  types::OSError,
                  types::UnicodeError,
                  types::SyntaxError})
    set(t->name.c_str(), Value(t));

  def(b, "print", [](const Args& a) {
    std::string sep = " ", end = "\n";
    Value file;
    bool flush = false;
    for (size_t i = 0; i < a.nkw; ++i) {
      const std::string& k = a.kw[i].name->s;
      const Value& v = a.kw[i].value;
      if (k == "sep")
        sep = v.is_none() ? " " : native::as_str(v, "sep");
      else if (k == "end")
        end = v.is_none() ? "\n" : native::as_str(v, "end");
      else if (k == "file")
        file = v;
      else if (k == "flush")
        flush = truthy(v);
      else
        raise(types::TypeError, "'" + k + "' is an invalid keyword argument for print()");
    }
    std::string out;
    for (size_t i = 0; i < a.npos; ++i) {
      if (i) out += sep;
      out += to_str(a[i]);
    }
    out += end;
    if (file.is_null() || file.is_none()) {
      *interp().out << out;
      if (flush) interp().out->flush();
    } else {
      call_method(file, intern_str("write"), {new_str(out)});
    }
    return Value::none();
  });
  def(b, "len", [](const Args& a) {
    need(a, 1, 1, "len");
    return Value::integer(length(a[0]));
  });
  def(b, "repr", [](const Args& a) {
    need(a, 1, 1, "repr");
    return new_str(repr(a[0]));
  });
  def(b, "ascii", [](const Args& a) { return new_str(repr(a[0])); });
  def(b, "format", [](const Args& a) {
    return new_str(format_value(a[0], a.npos > 1 ? native::as_str(a[1], "format spec") : ""));
  });
  def(b, "isinstance", [](const Args& a) {
    need(a, 2, 2, "isinstance");
    return Value::boolean(type_check(a[0], a[1], false, "isinstance"));
  });
  def(b, "issubclass", [](const Args& a) {
    need(a, 2, 2, "issubclass");
    return Value::boolean(type_check(a[0], a[1], true, "issubclass"));
  });
  def(b, "hasattr", [](const Args& a) {
    need(a, 2, 2, "hasattr");
    Str* n = intern_str(native::as_str(a[1], "attribute name"));
    return Value::boolean(!getattr_opt(a[0], n).is_null());
  });
  def(b, "getattr", [](const Args& a) {
    need(a, 2, 3, "getattr");
    Str* n = intern_str(native::as_str(a[1], "attribute name"));
    if (a.npos == 3) {
      try {
        Value v = getattr_opt(a[0], n);
        return v.is_null() ? a[2] : v;
      } catch (PyError& e) {
        if (isinstance(e.exc, types::AttributeError)) return a[2];
        throw;
      }
    }
    return getattr(a[0], n);
  });
  def(b, "setattr", [](const Args& a) {
    need(a, 3, 3, "setattr");
    setattr(a[0], intern_str(native::as_str(a[1], "attribute name")), a[2]);
    return Value::none();
  });
  def(b, "delattr", [](const Args& a) {
    need(a, 2, 2, "delattr");
    delattr(a[0], intern_str(native::as_str(a[1], "attribute name")));
    return Value::none();
  });
  def(b, "callable", [](const Args& a) {
    need(a, 1, 1, "callable");
    return Value::boolean(native::is_callable(a[0]));
  });
  def(b, "id", [](const Args& a) {
    need(a, 1, 1, "id");
    if (a[0].is_obj())
      return Value::integer(static_cast<int64_t>(reinterpret_cast<uintptr_t>(a[0].obj())));
    return Value::integer(
        static_cast<int64_t>(hash_value(a[0]) * 16 + static_cast<int>(a[0].kind())));
  });
  def(b, "hash", [](const Args& a) {
    need(a, 1, 1, "hash");
    return Value::integer(hash_value(a[0]));
  });
  def(b, "iter", [](const Args& a) {
    need(a, 1, 1, "iter");
    return get_iter(a[0]);
  });
  def(b, "next", [](const Args& a) {
    need(a, 1, 2, "next");
    Value out;
    if (!a[0].is_obj() || (a[0].obj()->type != types::iterator &&
                           type_of(a[0])->lookup(intern_str("__next__")).is_null()))
      raise(types::TypeError, "'" + type_name(a[0]) + "' object is not an iterator");
    if (iter_next(a[0], out)) return out;
    if (a.npos == 2) return a[1];
    throw PyError{make_exception(types::StopIteration, {})};
  });
  def(b, "locals", [](const Args&) { return frame_locals(); });
  def(b, "vars", [](const Args& a) {
    if (a.npos == 0) return frame_locals();
    Value d = getattr_opt(a[0], intern_str("__dict__"));
    if (d.is_null()) raise(types::TypeError, "vars() argument must have __dict__ attribute");
    return d;
  });
  def(b, "abs", [](const Args& a) {
    need(a, 1, 1, "abs");
    if (a[0].is_intlike()) {
      int64_t x = a[0].as_int();
      return Value::integer(x < 0 ? checked_sub(0, x) : x);
    }
    if (a[0].is_float()) return Value::floating(std::fabs(a[0].as_float()));
    Value f = type_of(a[0])->lookup(intern_str("__abs__"));
    if (f.is_null())
      raise(types::TypeError, "bad operand type for abs(): '" + type_name(a[0]) + "'");
    return call_with_self(f, a[0], Args{});
  });
  def(b, "min", [](const Args& a) { return min_max(a, false); });
  def(b, "max", [](const Args& a) { return min_max(a, true); });
  def(b, "sum", [](const Args& a) {
    auto v = native::bind_args(a, "sum", {{"iterable"}, {"start", Value::integer(0)}});
    Value acc = v[1];
    if (as_str_key(acc))
      raise(types::TypeError, "sum() can't sum strings [use ''.join(seq) instead]");
    Value it = get_iter(v[0]);
    Value x;
    while (iter_next(it, x)) acc = binary_op(BinOpKind::Add, acc, x);
    return acc;
  });
  def(b, "any", [](const Args& a) {
    need(a, 1, 1, "any");
    Value it = get_iter(a[0]);
    Value x;
    while (iter_next(it, x))
      if (truthy(x)) return Value::boolean(true);
    return Value::boolean(false);
  });
  def(b, "all", [](const Args& a) {
    need(a, 1, 1, "all");
    Value it = get_iter(a[0]);
    Value x;
    while (iter_next(it, x))
      if (!truthy(x)) return Value::boolean(false);
    return Value::boolean(true);
  });
  def(b, "sorted", [](const Args& a) {
    if (a.npos != 1)
      raise(types::TypeError, "sorted expected 1 argument, got " + std::to_string(a.npos));
    auto v = native::bind_args(
        a, "sorted",
        {{"iterable"}, {"key", Value::none(), true}, {"reverse", Value::boolean(false), true}});
    std::vector<Value> items = to_vector(v[0]);
    sort_list(items, v[1], truthy(v[2]));
    return Value(new_list(std::move(items)));
  });
  def(b, "reversed", [](const Args& a) {
    need(a, 1, 1, "reversed");
    Value f = type_of(a[0])->lookup(intern_str("__reversed__"));
    if (!f.is_null() && type_of(a[0])->heap) return call_with_self(f, a[0], Args{});
    Type* t = type_of(a[0]);
    if (t->layout != Layout::Dict && t->layout != Layout::List && t->layout != Layout::Tuple &&
        t->layout != Layout::Str && t != types::range &&
        t->lookup(intern_str("__getitem__")).is_null())
      raise(types::TypeError, "'" + t->name + "' object is not reversible");
    std::vector<Value> items = to_vector(a[0]);
    size_t i = items.size();
    auto shared = std::make_shared<std::vector<Value>>(std::move(items));
    return new_iter([shared, i](Value& out) mutable {
      if (i == 0) return false;
      out = (*shared)[--i];
      return true;
    });
  });
  def(b, "enumerate", [](const Args& a) {
    auto v = native::bind_args(a, "enumerate", {{"iterable"}, {"start", Value::integer(0)}});
    Value it = get_iter(v[0]);
    int64_t i = to_index(v[1]);
    return new_iter([it, i](Value& out) mutable {
      Value x;
      if (!iter_next(it, x)) return false;
      out = Value(new_tuple({Value::integer(i++), x}));
      return true;
    });
  });
  def(b, "zip", [](const Args& a) {
    bool strict = false;
    for (size_t i = 0; i < a.nkw; ++i)
      if (a.kw[i].name->s == "strict") strict = truthy(a.kw[i].value);
    std::vector<Value> its;
    for (size_t i = 0; i < a.npos; ++i) its.push_back(get_iter(a[i]));
    return new_iter([its, strict](Value& out) {
      if (its.empty()) return false;
      std::vector<Value> row;
      for (size_t k = 0; k < its.size(); ++k) {
        Value x;
        if (!iter_next(its[k], x)) {
          if (strict && k > 0)
            raise(types::ValueError,
                  "zip() argument " + std::to_string(k + 1) + " is shorter than argument 1");
          return false;
        }
        row.push_back(x);
      }
      out = Value(new_tuple(std::move(row)));
      return true;
    });
  });
  def(b, "map", [](const Args& a) {
    if (a.npos < 2) raise(types::TypeError, "map() must have at least two arguments.");
    Value f = a[0];
    std::vector<Value> its;
    for (size_t i = 1; i < a.npos; ++i) its.push_back(get_iter(a[i]));
    return new_iter([f, its](Value& out) {
      std::vector<Value> row;
      for (auto& it : its) {
        Value x;
        if (!iter_next(it, x)) return false;
        row.push_back(x);
      }
      out = call(f, Args{row.data(), row.size(), nullptr, 0});
      return true;
    });
  });
  def(b, "filter", [](const Args& a) {
    need(a, 2, 2, "filter");
    Value f = a[0];
    Value it = get_iter(a[1]);
    return new_iter([f, it](Value& out) {
      Value x;
      while (iter_next(it, x)) {
        if (f.is_none() ? truthy(x) : truthy(call(f, {x}))) {
          out = x;
          return true;
        }
      }
      return false;
    });
  });
  def(b, "round", [](const Args& a) {
    need(a, 1, 2, "round");
    Value x = a[0];
    bool has_nd = a.npos == 2 && !a[1].is_none();
    if (x.is_intlike()) {
      if (!has_nd || a[1].as_int() >= 0) return Value::integer(x.as_int());
      int64_t p = 1;
      for (int64_t i = 0; i < -a[1].as_int() && i < 19; ++i) p *= 10;
      int64_t q = x.as_int() / p, r = x.as_int() % p;
      if (r < 0) {
        r += p;
        --q;
      }
      if (2 * r > p || (2 * r == p && (q & 1))) ++q;
      return Value::integer(q * p);
    }
    if (x.is_float()) {
      double d = x.as_float();
      if (!has_nd) {
        if (std::isnan(d)) raise(types::ValueError, "cannot convert float NaN to integer");
        if (std::isinf(d)) raise(types::OverflowError, "cannot convert float infinity to integer");
        return to_int_value(Value::floating(std::nearbyint(d)));
      }
      if (!std::isfinite(d)) return x;
      return Value::floating(round_half_even(d, to_index(a[1])));
    }
    Value f = type_of(x)->lookup(intern_str("__round__"));
    if (f.is_null())
      raise(types::TypeError, "type " + type_name(x) + " doesn't define __round__ method");
    if (a.npos == 2) return call_with_self(f, x, {&a[1], 1, nullptr, 0});
    return call_with_self(f, x, Args{});
  });
  def(b, "divmod", [](const Args& a) {
    need(a, 2, 2, "divmod");
    return Value(new_tuple(
        {binary_op(BinOpKind::FloorDiv, a[0], a[1]), binary_op(BinOpKind::Mod, a[0], a[1])}));
  });
  def(b, "pow", [](const Args& a) {
    need(a, 2, 3, "pow");
    if (a.npos == 3) {
      int64_t base = a[0].as_int(), e = a[1].as_int(), m = a[2].as_int();
      if (m == 0) raise(types::ValueError, "pow() 3rd argument cannot be 0");
      __int128 r = 1, bb = ((base % m) + m) % m;
      while (e > 0) {
        if (e & 1) r = r * bb % m;
        bb = bb * bb % m;
        e >>= 1;
      }
      return Value::integer(static_cast<int64_t>(r));
    }
    return binary_op(BinOpKind::Pow, a[0], a[1]);
  });
  def(b, "chr", [](const Args& a) {
    need(a, 1, 1, "chr");
    int64_t c = to_index(a[0]);
    if (c < 0 || c > 0x10ffff) raise(types::ValueError, "chr() arg not in range(0x110000)");
    return new_str(utf8_encode(static_cast<uint32_t>(c)));
  });
  def(b, "ord", [](const Args& a) {
    need(a, 1, 1, "ord");
    const std::string& s = native::as_str(a[0], "ord() argument");
    if (char_count(s) != 1)
      raise(types::TypeError, "ord() expected a character, but string of length " +
                                  std::to_string(char_count(s)) + " found");
    return Value::integer(utf8_decode(s));
  });
  def(b, "hex", [](const Args& a) { return new_str(format_value(a[0], "#x")); });
  def(b, "oct", [](const Args& a) { return new_str(format_value(a[0], "#o")); });
  def(b, "bin", [](const Args& a) { return new_str(format_value(a[0], "#b")); });
  def(b, "globals", [](const Args&) {
    Frame* f = interp().top;
    if (f && f->globals) return Value(f->globals);
    return Value(new_dict());
  });
  def(b, "__import__", [](const Args& a) {
    std::string name = native::as_str(a[0], "module name");
    Value m = import_module(name);
    bool fromlist = false;
    for (size_t i = 1; i < a.npos; ++i)
      if (i == 3 && truthy(a[i])) fromlist = true;
    if (fromlist || name.find('.') == std::string::npos) return m;
    return import_module(name.substr(0, name.find('.')));
  });
  def(b, "input", [](const Args&) -> Value { raise(types::OSError, "input() is not supported"); });
  def(b, "open", [](const Args&) -> Value { raise(types::OSError, "open() is not supported"); });
  def(b, "exit", [](const Args& a) -> Value {
    throw PyError{make_exception(types::SystemExit,
                                 a.npos ? std::vector<Value>{a[0]} : std::vector<Value>{})};
  });
}

} // namespace bwhop::lang
