// Constructors and methods of int, float and bool.
#include <cmath>
#include <cstdlib>

#include "core/lang/eval.h"
#include "core/lang/native.h"

namespace bwhop::lang {

namespace {

std::string strip_ws(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

Value int_from_string(const std::string& text, int64_t base) {
  std::string s = strip_ws(text);
  auto bad = [&]() -> Value {
    raise(types::ValueError, "invalid literal for int() with base " + std::to_string(base) + ": " +
                                 repr(new_str(text)));
  };
  size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  if (base == 0 || base == 16 || base == 8 || base == 2) {
    if (i + 1 < s.size() && s[i] == '0') {
      char p = static_cast<char>(tolower(static_cast<unsigned char>(s[i + 1])));
      int64_t pb = p == 'x' ? 16 : p == 'o' ? 8 : p == 'b' ? 2 : 0;
      if (pb && (base == 0 || base == pb)) {
        base = pb;
        i += 2;
        if (i < s.size() && s[i] == '_') ++i;
      }
    }
    if (base == 0) base = 10;
  }
  if (i >= s.size()) return bad();
  uint64_t acc = 0;
  bool prev_us = true;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '_') {
      if (prev_us) return bad();
      prev_us = true;
      continue;
    }
    int d = isdigit(static_cast<unsigned char>(c)) ? c - '0'
            : isalpha(static_cast<unsigned char>(c))
                ? tolower(static_cast<unsigned char>(c)) - 'a' + 10
                : 99;
    if (d >= base) return bad();
    prev_us = false;
    if (acc > (UINT64_MAX - static_cast<uint64_t>(d)) / static_cast<uint64_t>(base))
      raise(types::OverflowError, "integer overflow (bwhop ints are 64-bit)");
    acc = acc * static_cast<uint64_t>(base) + static_cast<uint64_t>(d);
  }
  if (prev_us) return bad();
  if (neg ? acc > static_cast<uint64_t>(INT64_MAX) + 1 : acc > static_cast<uint64_t>(INT64_MAX))
    raise(types::OverflowError, "integer overflow (bwhop ints are 64-bit)");
  return Value::integer(neg ? static_cast<int64_t>(0 - acc) : static_cast<int64_t>(acc));
}

} // namespace

int64_t float_to_int(double d) {
  if (std::isnan(d)) raise(types::ValueError, "cannot convert float NaN to integer");
  if (std::isinf(d)) raise(types::OverflowError, "cannot convert float infinity to integer");
  double t = std::trunc(d);
  if (t >= 9223372036854775808.0 || t < -9223372036854775808.0)
    raise(types::OverflowError, "integer overflow (bwhop ints are 64-bit)");
  return static_cast<int64_t>(t);
}

double parse_float(const std::string& text) {
  std::string s = strip_ws(text);
  std::string clean;
  for (char c : s)
    if (c != '_') clean += c;
  std::string low;
  for (char c : clean) low += static_cast<char>(tolower(static_cast<unsigned char>(c)));
  std::string body = low;
  bool neg = false;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    neg = body[0] == '-';
    body = body.substr(1);
  }
  if (body == "inf" || body == "infinity") return neg ? -INFINITY : INFINITY;
  if (body == "nan") return neg ? -NAN : NAN;
  char* end = nullptr;
  double d = clean.empty() ? 0 : std::strtod(clean.c_str(), &end);
  bool ok = !clean.empty() && end == clean.c_str() + clean.size() &&
            body.find_first_of("xp") == std::string::npos && body.find("in") == std::string::npos &&
            body.find("na") == std::string::npos;
  if (!ok) raise(types::ValueError, "could not convert string to float: " + repr(new_str(text)));
  return d;
}

Value to_int_value(const Value& v) {
  if (v.is_bool()) return Value::integer(v.as_int());
  if (v.is_int()) return v;
  if (v.is_float()) return Value::integer(float_to_int(v.as_float()));
  if (Str* s = as_str_key(v)) return int_from_string(s->s, 10);
  static Str* int_ = intern_str("__int__");
  static Str* index_ = intern_str("__index__");
  static Str* trunc_ = intern_str("__trunc__");
  for (Str* n : {int_, index_, trunc_}) {
    Value f = type_of(v)->lookup(n);
    if (!f.is_null()) return call_with_self(f, v, Args{});
  }
  raise(types::TypeError,
        "int() argument must be a string, a bytes-like object or a real number, not '" +
            type_name(v) + "'");
}

Value to_float_value(const Value& v) {
  if (v.is_float()) return v;
  if (v.is_intlike()) return Value::floating(static_cast<double>(v.as_int()));
  if (Str* s = as_str_key(v)) return Value::floating(parse_float(s->s));
  static Str* float_ = intern_str("__float__");
  Value f = type_of(v)->lookup(float_);
  if (!f.is_null()) return call_with_self(f, v, Args{});
  raise(types::TypeError,
        "float() argument must be a string or a real number, not '" + type_name(v) + "'");
}

void init_numbers() {
  add_method(types::int_, "__new__", [](const Args& a) {
    if (a.npos == 1) return Value::integer(0);
    if (a.npos == 3 || a.nkw) {
      Value base = a.npos == 3 ? a[2] : a.kw[0].value;
      Str* s = as_str_key(a[1]);
      if (!s) raise(types::TypeError, "int() can't convert non-string with explicit base");
      return int_from_string(s->s, to_index(base));
    }
    return to_int_value(a[1]);
  });
  add_method(types::float_, "__new__", [](const Args& a) {
    if (a.npos == 1) return Value::floating(0.0);
    return to_float_value(a[1]);
  });
  add_method(types::bool_, "__new__",
             [](const Args& a) { return Value::boolean(a.npos > 1 && truthy(a[1])); });
  add_method(types::int_, "bit_length", [](const Args& a) {
    int64_t x = a[0].as_int();
    uint64_t m = x < 0 ? 0 - static_cast<uint64_t>(x) : static_cast<uint64_t>(x);
    int n = 0;
    while (m) {
      ++n;
      m >>= 1;
    }
    return Value::integer(n);
  });
  add_method(types::int_, "__index__", [](const Args& a) { return Value::integer(a[0].as_int()); });
  add_method(types::int_, "__int__", [](const Args& a) { return Value::integer(a[0].as_int()); });
  add_method(types::int_, "__float__",
             [](const Args& a) { return Value::floating(static_cast<double>(a[0].as_int())); });
  native::def_property(types::int_, "real",
                       [](const Value& v) { return Value::integer(v.as_int()); });
  native::def_property(types::int_, "imag", [](const Value&) { return Value::integer(0); });
  native::def_property(types::float_, "real", [](const Value& v) { return v; });
  native::def_property(types::float_, "imag", [](const Value&) { return Value::floating(0.0); });
  add_method(types::int_, "conjugate", [](const Args& a) { return Value::integer(a[0].as_int()); });
  add_method(types::float_, "is_integer", [](const Args& a) {
    double d = a[0].as_float();
    return Value::boolean(std::isfinite(d) && std::floor(d) == d);
  });
  add_method(types::float_, "__int__",
             [](const Args& a) { return Value::integer(float_to_int(a[0].as_float())); });
  add_method(types::float_, "__float__", [](const Args& a) { return a[0]; });
  for (Type* t : {types::int_, types::float_}) {
    const char* ops[] = {"add", "sub", "mul", "truediv", "floordiv", "mod", "pow"};
    BinOpKind kinds[] = {BinOpKind::Add,      BinOpKind::Sub, BinOpKind::Mult, BinOpKind::Div,
                         BinOpKind::FloorDiv, BinOpKind::Mod, BinOpKind::Pow};
    for (int i = 0; i < 7; ++i) {
      BinOpKind k = kinds[i];
      add_method(t, std::string("__") + ops[i] + "__", [k](const Args& a) {
        if (!(a[1].is_intlike() || a[1].is_float())) return not_implemented();
        return binary_op(k, a[0], a[1]);
      });
      add_method(t, std::string("__r") + ops[i] + "__", [k](const Args& a) {
        if (!(a[1].is_intlike() || a[1].is_float())) return not_implemented();
        return binary_op(k, a[1], a[0]);
      });
    }
    add_method(t, "__neg__", [](const Args& a) { return unary_op(UnaryOpKind::USub, a[0]); });
    add_method(t, "__abs__", [](const Args& a) {
      if (a[0].is_float()) return Value::floating(std::fabs(a[0].as_float()));
      return Value::integer(a[0].as_int() < 0 ? checked_sub(0, a[0].as_int()) : a[0].as_int());
    });
  }
}

} // namespace bwhop::lang
