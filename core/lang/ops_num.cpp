// Arithmetic, comparison and unary operators, with dunder dispatch.
#include <charconv>
#include <cmath>
#include <cstring>

#include "core/lang/eval.h"
#include "core/lang/interp.h"

namespace bwhop::lang {

int64_t checked_add(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_add_overflow(a, b, &r))
    raise(types::OverflowError, "integer overflow (bwhop ints are 64-bit)");
  return r;
}
int64_t checked_sub(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_sub_overflow(a, b, &r))
    raise(types::OverflowError, "integer overflow (bwhop ints are 64-bit)");
  return r;
}
int64_t checked_mul(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_mul_overflow(a, b, &r))
    raise(types::OverflowError, "integer overflow (bwhop ints are 64-bit)");
  return r;
}

std::string float_repr(double d) {
  if (std::isnan(d)) return "nan";
  if (std::isinf(d)) return d > 0 ? "inf" : "-inf";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  // sci looks like "-1.2345e+05" or "5e-324".
  bool neg = sci[0] == '-';
  if (neg) sci.erase(0, 1);
  size_t epos = sci.find('e');
  std::string mant = sci.substr(0, epos);
  int exp = std::stoi(sci.substr(epos + 1));
  std::string digits;
  for (char c : mant)
    if (c != '.') digits += c;
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  std::string out = neg ? "-" : "";
  if (exp >= -4 && exp < 16) {
    // Fixed notation.
    int decpt = exp + 1; // digits before the point
    if (decpt <= 0) {
      out += "0." + std::string(-decpt, '0') + digits;
    } else if (static_cast<size_t>(decpt) >= digits.size()) {
      out += digits + std::string(decpt - digits.size(), '0') + ".0";
    } else {
      out += digits.substr(0, decpt) + "." + digits.substr(decpt);
    }
    return out;
  }
  out += digits.substr(0, 1);
  if (digits.size() > 1) out += "." + digits.substr(1);
  char eb[16];
  std::snprintf(eb, sizeof eb, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
  return out + eb;
}

namespace {

const char* op_symbol(BinOpKind op) {
  return to_string(op);
}

Str* binop_dunder(BinOpKind op, bool reflected) {
  static Str* names[13][2];
  static bool init = false;
  if (!init) {
    const char* base[13] = {"add",    "sub",    "mul", "matmul", "truediv", "mod",     "pow",
                            "lshift", "rshift", "or",  "xor",    "and",     "floordiv"};
    for (int i = 0; i < 13; ++i) {
      names[i][0] = intern_str(std::string("__") + base[i] + "__");
      names[i][1] = intern_str(std::string("__r") + base[i] + "__");
    }
    init = true;
  }
  return names[static_cast<int>(op)][reflected ? 1 : 0];
}

Str* inplace_dunder(BinOpKind op) {
  static Str* names[13];
  static bool init = false;
  if (!init) {
    const char* base[13] = {"add",    "sub",    "mul", "matmul", "truediv", "mod",     "pow",
                            "lshift", "rshift", "or",  "xor",    "and",     "floordiv"};
    for (int i = 0; i < 13; ++i) names[i] = intern_str(std::string("__i") + base[i] + "__");
    init = true;
  }
  return names[static_cast<int>(op)];
}

int64_t floordiv_int(int64_t a, int64_t b) {
  if (b == 0) raise(types::ZeroDivisionError, "integer division or modulo by zero");
  if (a == INT64_MIN && b == -1)
    raise(types::OverflowError, "integer overflow (bwhop ints are 64-bit)");
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

int64_t mod_int(int64_t a, int64_t b) {
  if (b == 0) raise(types::ZeroDivisionError, "integer modulo by zero");
  if (b == -1) return 0;
  int64_t r = a % b;
  if (r != 0 && ((r < 0) != (b < 0))) r += b;
  return r;
}

double mod_float(double a, double b) {
  if (b == 0) raise(types::ZeroDivisionError, "float modulo");
  double r = std::fmod(a, b);
  if (r != 0) {
    if ((b < 0) != (r < 0)) r += b;
  } else {
    r = std::copysign(0.0, b);
  }
  return r;
}

double floordiv_float(double x, double y) {
  double mod = std::fmod(x, y);
  double div = (x - mod) / y;
  if (mod != 0 && ((y < 0) != (mod < 0))) div -= 1.0;
  if (div == 0) return std::copysign(0.0, x / y);
  double fl = std::floor(div);
  if (div - fl > 0.5) fl += 1.0;
  return fl;
}

Value pow_int(int64_t a, int64_t b) {
  if (b < 0) {
    if (a == 0) raise(types::ZeroDivisionError, "0.0 cannot be raised to a negative power");
    return Value::floating(std::pow(static_cast<double>(a), static_cast<double>(b)));
  }
  int64_t r = 1, base = a;
  while (b) {
    if (b & 1) r = checked_mul(r, base);
    b >>= 1;
    if (b) base = checked_mul(base, base);
  }
  return Value::integer(r);
}

// Numeric fast paths; Null when the operands are not both numbers.
Value numeric_binop(BinOpKind op, const Value& a, const Value& b) {
  if (a.is_intlike() && b.is_intlike()) {
    int64_t x = a.as_int(), y = b.as_int();
    switch (op) {
    case BinOpKind::Add:
      return Value::integer(checked_add(x, y));
    case BinOpKind::Sub:
      return Value::integer(checked_sub(x, y));
    case BinOpKind::Mult:
      return Value::integer(checked_mul(x, y));
    case BinOpKind::Div:
      if (y == 0) raise(types::ZeroDivisionError, "division by zero");
      return Value::floating(static_cast<double>(x) / static_cast<double>(y));
    case BinOpKind::FloorDiv:
      return Value::integer(floordiv_int(x, y));
    case BinOpKind::Mod:
      return Value::integer(mod_int(x, y));
    case BinOpKind::Pow:
      return pow_int(x, y);
    case BinOpKind::LShift:
      if (y < 0) raise(types::ValueError, "negative shift count");
      if (y >= 64 || (x != 0 && (y >= 63 || (x << y) >> y != x)))
        raise(types::OverflowError, "integer overflow (bwhop ints are 64-bit)");
      return Value::integer(x << y);
    case BinOpKind::RShift:
      if (y < 0) raise(types::ValueError, "negative shift count");
      return Value::integer(y >= 64 ? (x < 0 ? -1 : 0) : x >> y);
    case BinOpKind::BitOr:
      return a.is_bool() && b.is_bool() ? Value::boolean(x | y) : Value::integer(x | y);
    case BinOpKind::BitXor:
      return a.is_bool() && b.is_bool() ? Value::boolean(x ^ y) : Value::integer(x ^ y);
    case BinOpKind::BitAnd:
      return a.is_bool() && b.is_bool() ? Value::boolean(x & y) : Value::integer(x & y);
    case BinOpKind::MatMult:
      return Value();
    }
  }
  bool an = a.is_float() || a.is_intlike();
  bool bn = b.is_float() || b.is_intlike();
  if (!an || !bn) return Value();
  double x = to_double(a), y = to_double(b);
  switch (op) {
  case BinOpKind::Add:
    return Value::floating(x + y);
  case BinOpKind::Sub:
    return Value::floating(x - y);
  case BinOpKind::Mult:
    return Value::floating(x * y);
  case BinOpKind::Div:
    if (y == 0) raise(types::ZeroDivisionError, "float division by zero");
    return Value::floating(x / y);
  case BinOpKind::FloorDiv:
    if (y == 0) raise(types::ZeroDivisionError, "float floor division by zero");
    return Value::floating(floordiv_float(x, y));
  case BinOpKind::Mod:
    return Value::floating(mod_float(x, y));
  case BinOpKind::Pow:
    if (x == 0 && y < 0)
      raise(types::ZeroDivisionError, "0.0 cannot be raised to a negative power");
    if (x < 0 && std::floor(y) != y) raise(types::ValueError, "complex results are not supported");
    return Value::floating(std::pow(x, y));
  default:
    return Value();
  }
}

Value sequence_binop(BinOpKind op, const Value& a, const Value& b) {
  Type* ta = type_of(a);
  Type* tb = type_of(b);
  if (op == BinOpKind::Add && ta == tb) {
    if (ta == types::str)
      return new_str(static_cast<Str*>(a.obj())->s + static_cast<Str*>(b.obj())->s);
    if (ta == types::list) {
      auto& x = static_cast<ListObj*>(a.obj())->items;
      auto& y = static_cast<ListObj*>(b.obj())->items;
      std::vector<Value> r;
      r.reserve(x.size() + y.size());
      r.insert(r.end(), x.begin(), x.end());
      r.insert(r.end(), y.begin(), y.end());
      return Value(new_list(std::move(r)));
    }
    if (ta == types::tuple) {
      auto& x = static_cast<TupleObj*>(a.obj())->items;
      auto& y = static_cast<TupleObj*>(b.obj())->items;
      std::vector<Value> r(x);
      r.insert(r.end(), y.begin(), y.end());
      return Value(new_tuple(std::move(r)));
    }
  }
  if (op == BinOpKind::Mult) {
    const Value* seq = nullptr;
    const Value* n = nullptr;
    if ((ta == types::str || ta == types::list || ta == types::tuple) && b.is_intlike()) {
      seq = &a;
      n = &b;
    } else if ((tb == types::str || tb == types::list || tb == types::tuple) && a.is_intlike()) {
      seq = &b;
      n = &a;
    }
    if (seq) {
      int64_t k = std::max<int64_t>(0, n->as_int());
      Type* ts = type_of(*seq);
      if (ts == types::str) {
        const std::string& s = static_cast<Str*>(seq->obj())->s;
        std::string r;
        r.reserve(s.size() * k);
        for (int64_t i = 0; i < k; ++i) r += s;
        return new_str(std::move(r));
      }
      const std::vector<Value>& src = ts == types::list ? static_cast<ListObj*>(seq->obj())->items
                                                        : static_cast<TupleObj*>(seq->obj())->items;
      std::vector<Value> r;
      r.reserve(src.size() * k);
      for (int64_t i = 0; i < k; ++i) r.insert(r.end(), src.begin(), src.end());
      return ts == types::list ? Value(new_list(std::move(r))) : Value(new_tuple(std::move(r)));
    }
  }
  if (op == BinOpKind::Mod && ta == types::str)
    return new_str(percent_format(static_cast<Str*>(a.obj())->s, b));
  if (ta == types::set && tb == types::set &&
      (op == BinOpKind::BitOr || op == BinOpKind::BitAnd || op == BinOpKind::Sub ||
       op == BinOpKind::BitXor)) {
    auto& x = static_cast<SetObj*>(a.obj())->d;
    auto& y = static_cast<SetObj*>(b.obj())->d;
    auto r = new_set();
    auto add = [&](const Value& k) { r->d.set(k, Value::none()); };
    for (auto& e : x.entries()) {
      if (e.key.is_null()) continue;
      bool in_y = y.find(e.key) != nullptr;
      if (op == BinOpKind::BitOr || (op == BinOpKind::BitAnd && in_y) ||
          ((op == BinOpKind::Sub || op == BinOpKind::BitXor) && !in_y))
        add(e.key);
    }
    if (op == BinOpKind::BitOr || op == BinOpKind::BitXor)
      for (auto& e : y.entries())
        if (!e.key.is_null() && !x.find(e.key)) add(e.key);
    return Value(r);
  }
  if (ta == types::dict && tb == types::dict && op == BinOpKind::BitOr) {
    auto r = new_dict();
    for (auto* d : {&static_cast<DictObj*>(a.obj())->d, &static_cast<DictObj*>(b.obj())->d})
      for (auto& e : d->entries())
        if (!e.key.is_null()) r->d.set(e.key, e.value);
    return Value(r);
  }
  return Value();
}

[[noreturn]] void unsupported(BinOpKind op, const Value& a, const Value& b, bool inplace) {
  if (op == BinOpKind::Mult &&
      (type_of(a) == types::str || type_of(a) == types::list || type_of(a) == types::tuple))
    raise(types::TypeError, "can't multiply sequence by non-int of type '" + type_name(b) + "'");
  raise(types::TypeError, std::string("unsupported operand type(s) for ") + op_symbol(op) +
                              (inplace ? "=" : "") + ": '" + type_name(a) + "' and '" +
                              type_name(b) + "'");
}

Value dunder_binop(BinOpKind op, const Value& a, const Value& b) {
  Type* ta = type_of(a);
  Type* tb = type_of(b);
  Str* fwd = binop_dunder(op, false);
  Str* rev = binop_dunder(op, true);
  // A subclass operand that overrides the reflected method goes first.
  bool rev_first = tb != ta && tb->is_subtype(ta) && !tb->lookup(rev).is_null() &&
                   !tb->lookup(rev).is(ta->lookup(rev));
  if (rev_first) {
    Value r = call_with_self(tb->lookup(rev), b, {&a, 1, nullptr, 0});
    if (!r.is(not_implemented())) return r;
  }
  Value f = ta->lookup(fwd);
  if (!f.is_null()) {
    Value r = call_with_self(f, a, {&b, 1, nullptr, 0});
    if (!r.is(not_implemented())) return r;
  }
  if (tb != ta && !rev_first) {
    Value g = tb->lookup(rev);
    if (!g.is_null()) {
      Value r = call_with_self(g, b, {&a, 1, nullptr, 0});
      if (!r.is(not_implemented())) return r;
    }
  }
  return Value();
}

} // namespace

Value binary_op(BinOpKind op, const Value& a, const Value& b) {
  Value r = numeric_binop(op, a, b);
  if (!r.is_null()) return r;
  if (a.is_obj() || b.is_obj()) {
    if (!type_of(a)->heap && !type_of(b)->heap) {
      r = sequence_binop(op, a, b);
      if (!r.is_null()) return r;
    }
    r = dunder_binop(op, a, b);
    if (!r.is_null()) return r;
  }
  unsupported(op, a, b, false);
}

Value inplace_op(BinOpKind op, const Value& a, const Value& b) {
  if (a.is_obj()) {
    Type* ta = a.obj()->type;
    if (ta == types::list && op == BinOpKind::Add) {
      auto& items = static_cast<ListObj*>(a.obj())->items;
      if (b.is_obj() && b.obj() == a.obj()) {
        std::vector<Value> copy(items);
        items.insert(items.end(), copy.begin(), copy.end());
      } else {
        for (auto& v : to_vector(b)) items.push_back(v);
      }
      return a;
    }
    if (ta->heap || ta->module != "builtins") {
      Value f = ta->lookup(inplace_dunder(op));
      if (!f.is_null()) {
        Value r = call_with_self(f, a, {&b, 1, nullptr, 0});
        if (!r.is(not_implemented())) return r;
      }
    }
  }
  Value r = numeric_binop(op, a, b);
  if (!r.is_null()) return r;
  if (a.is_obj() || b.is_obj()) {
    if (!type_of(a)->heap && !type_of(b)->heap) {
      r = sequence_binop(op, a, b);
      if (!r.is_null()) return r;
    }
    r = dunder_binop(op, a, b);
    if (!r.is_null()) return r;
  }
  unsupported(op, a, b, true);
}

Value unary_op(UnaryOpKind op, const Value& v) {
  if (op == UnaryOpKind::Not) return Value::boolean(!truthy(v));
  if (v.is_intlike()) {
    int64_t x = v.as_int();
    switch (op) {
    case UnaryOpKind::USub:
      return Value::integer(checked_sub(0, x));
    case UnaryOpKind::UAdd:
      return Value::integer(x);
    case UnaryOpKind::Invert:
      return Value::integer(~x);
    default:
      break;
    }
  }
  if (v.is_float()) {
    if (op == UnaryOpKind::USub) return Value::floating(-v.as_float());
    if (op == UnaryOpKind::UAdd) return v;
  }
  static Str* neg = intern_str("__neg__");
  static Str* pos = intern_str("__pos__");
  static Str* inv = intern_str("__invert__");
  Str* name = op == UnaryOpKind::USub ? neg : op == UnaryOpKind::UAdd ? pos : inv;
  Value f = type_of(v)->lookup(name);
  if (!f.is_null()) return call_with_self(f, v, Args{});
  const char* sym = op == UnaryOpKind::USub ? "-" : op == UnaryOpKind::UAdd ? "+" : "~";
  raise(types::TypeError,
        std::string("bad operand type for unary ") + sym + ": '" + type_name(v) + "'");
}

// ---------------------------------------------------------------- comparisons

Value rich_eq(const Value& a, const Value& b);

namespace {

// -1, 0, 1 for a < b, ==, > b; 2 when not comparable natively.
int native_order(const Value& a, const Value& b, CmpOpKind op);

int seq_order(const std::vector<Value>& x, const std::vector<Value>& y, CmpOpKind op) {
  size_t n = std::min(x.size(), y.size());
  for (size_t i = 0; i < n; ++i) {
    if (x[i].is(y[i]) || values_equal(x[i], y[i])) continue;
    return truthy(compare(CmpOpKind::Lt, x[i], y[i])) ? -1 : 1;
  }
  (void)op;
  return x.size() < y.size() ? -1 : x.size() > y.size() ? 1 : 0;
}

int native_order(const Value& a, const Value& b, CmpOpKind op) {
  if (a.is_intlike() && b.is_intlike())
    return a.as_int() < b.as_int() ? -1 : a.as_int() > b.as_int() ? 1 : 0;
  if ((a.is_float() || a.is_intlike()) && (b.is_float() || b.is_intlike())) {
    double x = to_double(a), y = to_double(b);
    if (std::isnan(x) || std::isnan(y)) return 3; // every ordering is False
    return x < y ? -1 : x > y ? 1 : 0;
  }
  Type* ta = type_of(a);
  Type* tb = type_of(b);
  if (ta != tb || ta->heap) return 2;
  if (ta == types::str) {
    int c = static_cast<Str*>(a.obj())->s.compare(static_cast<Str*>(b.obj())->s);
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  if (ta == types::list)
    return seq_order(static_cast<ListObj*>(a.obj())->items, static_cast<ListObj*>(b.obj())->items,
                     op);
  if (ta == types::tuple)
    return seq_order(static_cast<TupleObj*>(a.obj())->items, static_cast<TupleObj*>(b.obj())->items,
                     op);
  return 2;
}

Str* cmp_dunder(CmpOpKind op) {
  static Str* lt = intern_str("__lt__");
  static Str* le = intern_str("__le__");
  static Str* gt = intern_str("__gt__");
  static Str* ge = intern_str("__ge__");
  static Str* ne = intern_str("__ne__");
  static Str* eq = intern_str("__eq__");
  switch (op) {
  case CmpOpKind::Lt:
    return lt;
  case CmpOpKind::LtE:
    return le;
  case CmpOpKind::Gt:
    return gt;
  case CmpOpKind::GtE:
    return ge;
  case CmpOpKind::NotEq:
    return ne;
  default:
    return eq;
  }
}

CmpOpKind swapped(CmpOpKind op) {
  switch (op) {
  case CmpOpKind::Lt:
    return CmpOpKind::Gt;
  case CmpOpKind::LtE:
    return CmpOpKind::GtE;
  case CmpOpKind::Gt:
    return CmpOpKind::Lt;
  case CmpOpKind::GtE:
    return CmpOpKind::LtE;
  default:
    return op;
  }
}

template <class T> bool subset(const T& x, const T& y) {
  for (auto& e : x.entries())
    if (!e.key.is_null() && !y.find(e.key)) return false;
  return true;
}

} // namespace

Value compare(CmpOpKind op, const Value& a, const Value& b) {
  switch (op) {
  case CmpOpKind::Is:
    return Value::boolean(a.is(b));
  case CmpOpKind::IsNot:
    return Value::boolean(!a.is(b));
  case CmpOpKind::In:
    return Value::boolean(contains(b, a));
  case CmpOpKind::NotIn:
    return Value::boolean(!contains(b, a));
  case CmpOpKind::Eq:
  case CmpOpKind::NotEq: {
    if (a.is_intlike() && b.is_intlike())
      return Value::boolean((a.as_int() == b.as_int()) == (op == CmpOpKind::Eq));
    Type* ta = type_of(a);
    if (op == CmpOpKind::NotEq && (ta->heap || ta->module != "builtins")) {
      Value f = ta->lookup(cmp_dunder(CmpOpKind::NotEq));
      if (!f.is_null()) {
        Value r = call_with_self(f, a, {&b, 1, nullptr, 0});
        if (!r.is(not_implemented())) return r;
      }
    }
    Value r = rich_eq(a, b);
    if (op == CmpOpKind::Eq) return r;
    if (r.is_bool()) return Value::boolean(!r.as_bool());
    return Value::boolean(!truthy(r));
  }
  default:
    break;
  }
  int o = native_order(a, b, op);
  if (o == 3) return Value::boolean(false);
  if (o != 2) {
    switch (op) {
    case CmpOpKind::Lt:
      return Value::boolean(o < 0);
    case CmpOpKind::LtE:
      return Value::boolean(o <= 0);
    case CmpOpKind::Gt:
      return Value::boolean(o > 0);
    default:
      return Value::boolean(o >= 0);
    }
  }
  Type* ta = type_of(a);
  Type* tb = type_of(b);
  if (ta == types::set && tb == types::set) {
    auto& x = static_cast<SetObj*>(a.obj())->d;
    auto& y = static_cast<SetObj*>(b.obj())->d;
    switch (op) {
    case CmpOpKind::LtE:
      return Value::boolean(subset(x, y));
    case CmpOpKind::Lt:
      return Value::boolean(x.size() < y.size() && subset(x, y));
    case CmpOpKind::GtE:
      return Value::boolean(subset(y, x));
    default:
      return Value::boolean(y.size() < x.size() && subset(y, x));
    }
  }
  Value f = ta->lookup(cmp_dunder(op));
  if (!f.is_null()) {
    Value r = call_with_self(f, a, {&b, 1, nullptr, 0});
    if (!r.is(not_implemented())) return r;
  }
  Value g = tb->lookup(cmp_dunder(swapped(op)));
  if (!g.is_null()) {
    Value r = call_with_self(g, b, {&a, 1, nullptr, 0});
    if (!r.is(not_implemented())) return r;
  }
  raise(types::TypeError, std::string("'") + to_string(op) +
                              "' not supported between instances of '" + ta->name + "' and '" +
                              tb->name + "'");
}

} // namespace bwhop::lang
