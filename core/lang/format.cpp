// Format specs (format(), f-strings, str.format) and %-formatting.
#include <cmath>
#include <cstdio>

#include "core/lang/eval.h"
#include "core/lang/text.h"

namespace bwhop::lang {

namespace {

struct Spec {
  std::string fill = " ";
  char align = 0; // < > ^ =
  char sign = 0;  // + - space
  bool alt = false;
  bool zero = false;
  int64_t width = -1;
  char grouping = 0;
  int64_t precision = -1;
  char type = 0;
};

Spec parse_spec(std::string_view s) {
  Spec sp;
  size_t i = 0;
  auto is_align = [](char c) { return c == '<' || c == '>' || c == '^' || c == '='; };
  // fill may be a multi-byte character
  if (!s.empty()) {
    size_t clen = 1;
    while (clen < s.size() && (static_cast<unsigned char>(s[clen]) & 0xC0) == 0x80) ++clen;
    if (clen < s.size() && is_align(s[clen])) {
      sp.fill = std::string(s.substr(0, clen));
      sp.align = s[clen];
      i = clen + 1;
    } else if (is_align(s[0])) {
      sp.align = s[0];
      i = 1;
    }
  }
  if (i < s.size() && (s[i] == '+' || s[i] == '-' || s[i] == ' ')) sp.sign = s[i++];
  if (i < s.size() && s[i] == '#') {
    sp.alt = true;
    ++i;
  }
  if (i < s.size() && s[i] == '0') {
    sp.zero = true;
    ++i;
  }
  if (i < s.size() && isdigit(static_cast<unsigned char>(s[i]))) {
    sp.width = 0;
    while (i < s.size() && isdigit(static_cast<unsigned char>(s[i])))
      sp.width = sp.width * 10 + (s[i++] - '0');
  }
  if (i < s.size() && (s[i] == ',' || s[i] == '_')) sp.grouping = s[i++];
  if (i < s.size() && s[i] == '.') {
    ++i;
    sp.precision = 0;
    if (i >= s.size() || !isdigit(static_cast<unsigned char>(s[i])))
      raise(types::ValueError, "Format specifier missing precision");
    while (i < s.size() && isdigit(static_cast<unsigned char>(s[i])))
      sp.precision = sp.precision * 10 + (s[i++] - '0');
  }
  if (i < s.size()) sp.type = s[i++];
  if (i < s.size()) raise(types::ValueError, "Invalid format specifier '" + std::string(s) + "'");
  return sp;
}

std::string group_digits(const std::string& digits, char sep, int every = 3) {
  std::string out;
  int n = static_cast<int>(digits.size());
  for (int i = 0; i < n; ++i) {
    if (i && (n - i) % every == 0) out += sep;
    out += digits[i];
  }
  return out;
}

// Pads `body` (with sign prefix `sign`) to the spec's width.
std::string pad(const std::string& sign, const std::string& body, const Spec& sp,
                char default_align) {
  char align = sp.align ? sp.align : default_align;
  std::string fill = sp.fill;
  if (sp.zero && !sp.align) {
    align = '=';
    fill = "0";
  }
  int64_t len = static_cast<int64_t>(char_count(sign) + char_count(body));
  if (sp.width <= len) return sign + body;
  int64_t n = sp.width - len;
  auto rep = [&](int64_t k) {
    std::string r;
    for (int64_t i = 0; i < k; ++i) r += fill;
    return r;
  };
  switch (align) {
  case '<':
    return sign + body + rep(n);
  case '^':
    return rep(n / 2) + sign + body + rep(n - n / 2);
  case '=':
    return sign + rep(n) + body;
  default:
    return rep(n) + sign + body;
  }
}

std::string sign_of(bool neg, char sign) {
  if (neg) return "-";
  if (sign == '+') return "+";
  if (sign == ' ') return " ";
  return "";
}

std::string format_float_body(double d, char type, int64_t prec, bool alt) {
  char buf[512];
  if (std::isinf(d)) return (type == 'E' || type == 'F' || type == 'G') ? "INF" : "inf";
  if (std::isnan(d)) return (type == 'E' || type == 'F' || type == 'G') ? "NAN" : "nan";
  switch (type) {
  case 'f':
  case 'F':
  case 'e':
  case 'E':
  case 'g':
  case 'G': {
    char f[16];
    std::snprintf(f, sizeof f, "%%%s.%lld%c", alt ? "#" : "", static_cast<long long>(prec), type);
    std::snprintf(buf, sizeof buf, f, d);
    return buf;
  }
  case '%': {
    std::snprintf(buf, sizeof buf, "%.*f", static_cast<int>(prec), d * 100);
    return std::string(buf) + "%";
  }
  default: { // no type: repr, or %g-like with at least one decimal
    if (prec < 0) return float_repr(d);
    std::snprintf(buf, sizeof buf, "%.*g", static_cast<int>(prec == 0 ? 1 : prec), d);
    std::string s = buf;
    if (s.find_first_of(".e") == std::string::npos) s += ".0";
    return s;
  }
  }
}

std::string format_float(double d, const Spec& sp) {
  char type = sp.type;
  int64_t prec = sp.precision;
  if (type && prec < 0) prec = 6;
  bool neg = std::signbit(d) && !std::isnan(d);
  std::string body = format_float_body(std::fabs(d), type, prec, sp.alt);
  if (sp.grouping) {
    size_t end = body.find_first_of(".eE%");
    if (end == std::string::npos) end = body.size();
    bool digits_only = true;
    for (size_t i = 0; i < end; ++i)
      if (!isdigit(static_cast<unsigned char>(body[i]))) digits_only = false;
    if (digits_only) body = group_digits(body.substr(0, end), sp.grouping) + body.substr(end);
  }
  return pad(sign_of(neg, sp.sign), body, sp, '>');
}

std::string format_int(int64_t v, const Spec& sp) {
  switch (sp.type) {
  case 'e':
  case 'E':
  case 'f':
  case 'F':
  case 'g':
  case 'G':
  case '%':
    return format_float(static_cast<double>(v), sp);
  default:
    break;
  }
  if (sp.precision >= 0)
    raise(types::ValueError, "Precision not allowed in integer format specifier");
  bool neg = v < 0;
  uint64_t mag = neg ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v);
  std::string digits, prefix;
  switch (sp.type) {
  case 'x':
  case 'X': {
    char buf[32];
    std::snprintf(buf, sizeof buf, sp.type == 'x' ? "%llx" : "%llX",
                  static_cast<unsigned long long>(mag));
    digits = buf;
    if (sp.alt) prefix = sp.type == 'x' ? "0x" : "0X";
    break;
  }
  case 'o': {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%llo", static_cast<unsigned long long>(mag));
    digits = buf;
    if (sp.alt) prefix = "0o";
    break;
  }
  case 'b': {
    if (mag == 0) digits = "0";
    while (mag) {
      digits.insert(digits.begin(), static_cast<char>('0' + (mag & 1)));
      mag >>= 1;
    }
    if (sp.alt) prefix = "0b";
    break;
  }
  case 'c':
    return pad("", utf8_encode(static_cast<uint32_t>(v)), sp, '<');
  case 0:
  case 'd':
  case 'n':
    digits = std::to_string(mag);
    break;
  default:
    raise(types::ValueError,
          std::string("Unknown format code '") + sp.type + "' for object of type 'int'");
  }
  if (sp.grouping)
    digits =
        group_digits(digits, sp.grouping,
                     sp.type == 'x' || sp.type == 'b' || sp.type == 'o' || sp.type == 'X' ? 4 : 3);
  return pad(sign_of(neg, sp.sign) + prefix, digits, sp, '>');
}

std::string format_string(const std::string& s, const Spec& sp) {
  if (sp.type && sp.type != 's')
    raise(types::ValueError,
          std::string("Unknown format code '") + sp.type + "' for object of type 'str'");
  if (sp.sign) raise(types::ValueError, "Sign not allowed in string format specifier");
  std::string body = s;
  if (sp.precision >= 0) {
    auto chars = split_chars(s);
    if (static_cast<int64_t>(chars.size()) > sp.precision) {
      body.clear();
      for (int64_t i = 0; i < sp.precision; ++i) body += chars[i];
    }
  }
  if (sp.align == '=')
    raise(types::ValueError, "'=' alignment not allowed in string format specifier");
  return pad("", body, sp, '<');
}

} // namespace

std::string format_value(const Value& v, std::string_view spec) {
  Type* t = type_of(v);
  if (t->heap || t->module != "builtins") {
    static Str* fmt = intern_str("__format__");
    Value f = t->lookup(fmt);
    if (!f.is_null()) {
      Value s = new_str(std::string(spec));
      Value r = call_with_self(f, v, {&s, 1, nullptr, 0});
      return to_str(r);
    }
    if (spec.empty()) return to_str(v);
    raise(types::TypeError, "unsupported format string passed to " + t->name + ".__format__");
  }
  if (spec.empty()) return to_str(v);
  Spec sp = parse_spec(spec);
  if (v.is_intlike()) return format_int(v.as_int(), sp);
  if (v.is_float()) {
    if (sp.type && std::string("eEfFgG%").find(sp.type) == std::string::npos)
      raise(types::ValueError,
            std::string("Unknown format code '") + sp.type + "' for object of type 'float'");
    return format_float(v.as_float(), sp);
  }
  if (t == types::str) return format_string(static_cast<Str*>(v.obj())->s, sp);
  if (t->module == "builtins" && !t->is_exception && t != types::str)
    raise(types::TypeError, "unsupported format string passed to " + t->name + ".__format__");
  return format_string(to_str(v), sp);
}

std::string percent_format(const std::string& fmt, const Value& args) {
  std::vector<Value> items;
  bool is_tuple = type_of(args) == types::tuple;
  bool is_mapping = type_of(args) == types::dict;
  if (is_tuple)
    items = static_cast<TupleObj*>(args.obj())->items;
  else
    items.push_back(args);
  size_t next = 0;
  auto next_arg = [&]() -> Value {
    if (next >= items.size()) raise(types::TypeError, "not enough arguments for format string");
    return items[next++];
  };
  std::string out;
  for (size_t i = 0; i < fmt.size(); ++i) {
    char c = fmt[i];
    if (c != '%') {
      out += c;
      continue;
    }
    if (++i >= fmt.size()) raise(types::ValueError, "incomplete format");
    Value arg;
    bool have = false;
    if (fmt[i] == '(') {
      size_t close = fmt.find(')', i);
      if (close == std::string::npos) raise(types::ValueError, "incomplete format key");
      if (!is_mapping) raise(types::TypeError, "format requires a mapping");
      arg = getitem(args, new_str(fmt.substr(i + 1, close - i - 1)));
      have = true;
      i = close + 1;
    }
    Spec sp;
    bool left = false;
    for (; i < fmt.size(); ++i) {
      char f = fmt[i];
      if (f == '-')
        left = true;
      else if (f == '+')
        sp.sign = '+';
      else if (f == ' ') {
        if (!sp.sign) sp.sign = ' ';
      } else if (f == '0')
        sp.zero = true;
      else if (f == '#')
        sp.alt = true;
      else
        break;
    }
    if (i < fmt.size() && fmt[i] == '*') {
      sp.width = to_index(next_arg());
      ++i;
    } else {
      while (i < fmt.size() && isdigit(static_cast<unsigned char>(fmt[i]))) {
        sp.width = (sp.width < 0 ? 0 : sp.width) * 10 + (fmt[i++] - '0');
      }
    }
    if (i < fmt.size() && fmt[i] == '.') {
      ++i;
      sp.precision = 0;
      while (i < fmt.size() && isdigit(static_cast<unsigned char>(fmt[i])))
        sp.precision = sp.precision * 10 + (fmt[i++] - '0');
    }
    if (i >= fmt.size()) raise(types::ValueError, "incomplete format");
    char type = fmt[i];
    if (type == '%') {
      out += '%';
      continue;
    }
    if (!have) arg = next_arg();
    if (left) {
      sp.align = '<';
      sp.zero = false;
    }
    switch (type) {
    case 's':
    case 'r':
    case 'a': {
      std::string s = type == 's' ? to_str(arg) : repr(arg);
      if (sp.precision >= 0 && static_cast<int64_t>(s.size()) > sp.precision)
        s.resize(sp.precision);
      Spec ss;
      ss.width = sp.width;
      ss.align = left ? '<' : '>';
      out += pad("", s, ss, '>');
      break;
    }
    case 'd':
    case 'i':
    case 'u': {
      if (!arg.is_intlike() && !arg.is_float())
        raise(types::TypeError, std::string("%") + type +
                                    " format: a real number is required, not " + type_name(arg));
      int64_t n = arg.is_float() ? static_cast<int64_t>(std::trunc(arg.as_float())) : arg.as_int();
      Spec is = sp;
      is.precision = -1;
      is.type = 'd';
      out += format_int(n, is);
      break;
    }
    case 'x':
    case 'X':
    case 'o': {
      if (!arg.is_intlike())
        raise(types::TypeError,
              std::string("%") + type + " format: an integer is required, not " + type_name(arg));
      Spec is = sp;
      is.precision = -1;
      is.type = type;
      out += format_int(arg.as_int(), is);
      break;
    }
    case 'c': {
      if (arg.is_intlike())
        out += utf8_encode(static_cast<uint32_t>(arg.as_int()));
      else
        out += to_str(arg);
      break;
    }
    case 'f':
    case 'F':
    case 'e':
    case 'E':
    case 'g':
    case 'G': {
      if (!arg.is_intlike() && !arg.is_float())
        raise(types::TypeError, "must be real number, not " + type_name(arg));
      Spec fs = sp;
      fs.type = type;
      if (fs.precision < 0) fs.precision = 6;
      out += format_float(to_double(arg), fs);
      break;
    }
    default:
      raise(types::ValueError, std::string("unsupported format character '") + type + "'");
    }
  }
  if (next < items.size() && !is_mapping)
    raise(types::TypeError, "not all arguments converted during string formatting");
  return out;
}

} // namespace bwhop::lang
