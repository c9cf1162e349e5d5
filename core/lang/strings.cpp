// Methods of str, and str.format.
#include <algorithm>

#include "core/lang/eval.h"
#include "core/lang/native.h"
#include "core/lang/text.h"

namespace bwhop::lang {

namespace {

const std::string& self_str(const Args& a) {
  return static_cast<Str*>(a[0].obj())->s;
}

const std::string& str_arg(const Args& a, size_t i, const char* fname) {
  if (i >= a.npos) raise(types::TypeError, std::string(fname) + "() missing argument");
  Str* s = as_str_key(a[i]);
  if (!s)
    raise(types::TypeError, std::string(fname) + "() argument must be str, not " + type_name(a[i]));
  return s->s;
}

bool is_space(unsigned char c) {
  return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x1c || c == 0x1d || c == 0x1e || c == 0x1f;
}

std::string strip_impl(const Args& a, bool left, bool right) {
  const std::string& s = self_str(a);
  size_t b = 0, e = s.size();
  if (a.npos > 1 && !a[1].is_none()) {
    const std::string& chars = str_arg(a, 1, "strip");
    while (left && b < e && chars.find(s[b]) != std::string::npos) ++b;
    while (right && e > b && chars.find(s[e - 1]) != std::string::npos) --e;
  } else {
    while (left && b < e && is_space(s[b])) ++b;
    while (right && e > b && is_space(s[e - 1])) --e;
  }
  return s.substr(b, e - b);
}

Value split_impl(const Args& a, bool from_right) {
  auto v = native::bind_args(a, from_right ? "rsplit" : "split",
                             {{"self"}, {"sep", Value::none()}, {"maxsplit", Value::integer(-1)}});
  const std::string& s = static_cast<Str*>(v[0].obj())->s;
  int64_t maxsplit = to_index(v[2]);
  std::vector<Value> parts;
  if (v[1].is_none()) {
    std::vector<std::string> words;
    if (!from_right) {
      size_t i = 0;
      while (i < s.size()) {
        while (i < s.size() && is_space(s[i])) ++i;
        if (i >= s.size()) break;
        if (maxsplit >= 0 && static_cast<int64_t>(words.size()) == maxsplit) {
          size_t e = s.size();
          while (e > i && is_space(s[e - 1])) --e;
          words.push_back(s.substr(i, e - i));
          break;
        }
        size_t j = i;
        while (j < s.size() && !is_space(s[j])) ++j;
        words.push_back(s.substr(i, j - i));
        i = j;
      }
    } else {
      size_t i = s.size();
      while (i > 0) {
        while (i > 0 && is_space(s[i - 1])) --i;
        if (i == 0) break;
        if (maxsplit >= 0 && static_cast<int64_t>(words.size()) == maxsplit) {
          size_t b = 0;
          while (b < i && is_space(s[b])) ++b;
          words.push_back(s.substr(b, i - b));
          break;
        }
        size_t j = i;
        while (j > 0 && !is_space(s[j - 1])) --j;
        words.push_back(s.substr(j, i - j));
        i = j;
      }
      std::reverse(words.begin(), words.end());
    }
    for (auto& w : words) parts.push_back(new_str(w));
    return Value(new_list(std::move(parts)));
  }
  Str* sepo = as_str_key(v[1]);
  if (!sepo) raise(types::TypeError, "must be str or None, not " + type_name(v[1]));
  const std::string& sep = sepo->s;
  if (sep.empty()) raise(types::ValueError, "empty separator");
  std::vector<std::string> out;
  if (!from_right) {
    size_t start = 0;
    while (maxsplit < 0 || static_cast<int64_t>(out.size()) < maxsplit) {
      size_t k = s.find(sep, start);
      if (k == std::string::npos) break;
      out.push_back(s.substr(start, k - start));
      start = k + sep.size();
    }
    out.push_back(s.substr(start));
  } else {
    size_t end = s.size();
    while (maxsplit < 0 || static_cast<int64_t>(out.size()) < maxsplit) {
      if (end < sep.size()) break;
      size_t k = s.rfind(sep, end - sep.size());
      if (k == std::string::npos) break;
      out.push_back(s.substr(k + sep.size(), end - k - sep.size()));
      end = k;
    }
    out.push_back(s.substr(0, end));
    std::reverse(out.begin(), out.end());
  }
  for (auto& w : out) parts.push_back(new_str(w));
  return Value(new_list(std::move(parts)));
}

bool affix_match(const Args& a, bool prefix) {
  const std::string& s = self_str(a);
  size_t start = 0, end = s.size();
  if (a.npos > 2 && !a[2].is_none()) {
    int64_t st = to_index(a[2]);
    if (st < 0) st = std::max<int64_t>(0, st + static_cast<int64_t>(s.size()));
    start = std::min<size_t>(static_cast<size_t>(st), s.size());
  }
  if (a.npos > 3 && !a[3].is_none()) {
    int64_t en = to_index(a[3]);
    if (en < 0) en = std::max<int64_t>(0, en + static_cast<int64_t>(s.size()));
    end = std::min<size_t>(static_cast<size_t>(en), s.size());
  }
  if (start > end) return false;
  std::string_view view(s.data() + start, end - start);
  auto test = [&](const Value& x) {
    Str* p = as_str_key(x);
    if (!p)
      raise(types::TypeError, std::string(prefix ? "startswith" : "endswith") +
                                  " first arg must be str or a tuple of str, not " + type_name(x));
    return prefix ? view.substr(0, p->s.size()) == p->s
                  : view.size() >= p->s.size() && view.substr(view.size() - p->s.size()) == p->s;
  };
  if (type_of(a[1]) == types::tuple) {
    for (auto& x : static_cast<TupleObj*>(a[1].obj())->items)
      if (test(x)) return true;
    return false;
  }
  return test(a[1]);
}

int64_t find_impl(const Args& a, bool reverse) {
  const std::string& s = self_str(a);
  const std::string& sub = str_arg(a, 1, "find");
  int64_t n = static_cast<int64_t>(s.size());
  int64_t start = 0, end = n;
  if (a.npos > 2 && !a[2].is_none()) {
    start = to_index(a[2]);
    if (start < 0) start = std::max<int64_t>(0, start + n);
  }
  if (a.npos > 3 && !a[3].is_none()) {
    end = to_index(a[3]);
    if (end < 0) end = std::max<int64_t>(0, end + n);
  }
  end = std::min(end, n);
  if (start > end) return -1;
  std::string_view view(s.data() + start, end - start);
  size_t k = reverse ? view.rfind(sub) : view.find(sub);
  if (k == std::string::npos) return -1;
  return static_cast<int64_t>(k) + start;
}

// str.format: fields `{name.attr[key]!conv:spec}`.
std::string format_impl(const std::string& fmt, const Args& a, size_t first) {
  std::string out;
  size_t auto_index = 0;
  auto lookup = [&](const std::string& field) -> Value {
    size_t i = 0;
    while (i < field.size() && field[i] != '.' && field[i] != '[') ++i;
    std::string head = field.substr(0, i);
    Value v;
    if (head.empty()) {
      size_t k = first + auto_index++;
      if (k >= a.npos)
        raise(types::IndexError, "Replacement index " + std::to_string(k - first) +
                                     " out of range for positional args tuple");
      v = a[k];
    } else if (std::all_of(head.begin(), head.end(),
                           [](char c) { return isdigit(static_cast<unsigned char>(c)); })) {
      size_t k = first + std::stoul(head);
      if (k >= a.npos)
        raise(types::IndexError,
              "Replacement index " + head + " out of range for positional args tuple");
      v = a[k];
    } else {
      bool found = false;
      for (size_t k = 0; k < a.nkw; ++k)
        if (a.kw[k].name->s == head) {
          v = a.kw[k].value;
          found = true;
        }
      if (!found) throw PyError{make_exception(types::KeyError, {new_str(head)})};
    }
    while (i < field.size()) {
      if (field[i] == '.') {
        size_t j = i + 1;
        while (j < field.size() && field[j] != '.' && field[j] != '[') ++j;
        v = getattr(v, intern_str(field.substr(i + 1, j - i - 1)));
        i = j;
      } else {
        size_t j = field.find(']', i);
        std::string key = field.substr(i + 1, j - i - 1);
        bool numeric = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
          return isdigit(static_cast<unsigned char>(c));
        });
        v = getitem(v, numeric ? Value::integer(std::stoll(key)) : new_str(key));
        i = j + 1;
      }
    }
    return v;
  };
  for (size_t i = 0; i < fmt.size(); ++i) {
    char c = fmt[i];
    if (c == '}') {
      if (i + 1 < fmt.size() && fmt[i + 1] == '}') {
        out += '}';
        ++i;
        continue;
      }
      raise(types::ValueError, "Single '}' encountered in format string");
    }
    if (c != '{') {
      out += c;
      continue;
    }
    if (i + 1 < fmt.size() && fmt[i + 1] == '{') {
      out += '{';
      ++i;
      continue;
    }
    // Find the matching close brace (specs may nest one level).
    size_t depth = 1, j = i + 1;
    for (; j < fmt.size() && depth; ++j) {
      if (fmt[j] == '{')
        ++depth;
      else if (fmt[j] == '}')
        --depth;
    }
    if (depth) raise(types::ValueError, "expected '}' before end of string");
    std::string field = fmt.substr(i + 1, j - i - 2);
    i = j - 1;
    std::string spec;
    char conv = 0;
    size_t colon = std::string::npos;
    size_t bracket = 0;
    for (size_t k = 0; k < field.size(); ++k) {
      if (field[k] == '[')
        ++bracket;
      else if (field[k] == ']')
        --bracket;
      else if (field[k] == ':' && !bracket) {
        colon = k;
        break;
      }
    }
    if (colon != std::string::npos) {
      spec = field.substr(colon + 1);
      field = field.substr(0, colon);
    }
    size_t bang = field.find('!');
    if (bang != std::string::npos) {
      conv = field[bang + 1];
      field = field.substr(0, bang);
    }
    if (spec.find('{') != std::string::npos) spec = format_impl(spec, a, first);
    Value v = lookup(field);
    if (conv == 'r')
      v = new_str(repr(v));
    else if (conv == 's')
      v = new_str(to_str(v));
    out += format_value(v, spec);
  }
  return out;
}

Value str_new(const Args& a) {
  // a[0] is the class.
  if (a.npos <= 1) return new_str("");
  return new_str(to_str(a[1]));
}

} // namespace

std::string str_repr(const std::string& s);

void init_strings() {
  Type* t = types::str;
  add_method(t, "__new__", str_new);
  add_method(t, "join", [](const Args& a) {
    const std::string& sep = self_str(a);
    std::string out;
    size_t i = 0;
    for (auto& v : to_vector(a[1])) {
      Str* s = as_str_key(v);
      if (!s)
        raise(types::TypeError, "sequence item " + std::to_string(i) + ": expected str instance, " +
                                    type_name(v) + " found");
      if (i++) out += sep;
      out += s->s;
    }
    return new_str(std::move(out));
  });
  add_method(t, "split", [](const Args& a) { return split_impl(a, false); });
  add_method(t, "rsplit", [](const Args& a) { return split_impl(a, true); });
  add_method(t, "strip", [](const Args& a) { return new_str(strip_impl(a, true, true)); });
  add_method(t, "lstrip", [](const Args& a) { return new_str(strip_impl(a, true, false)); });
  add_method(t, "rstrip", [](const Args& a) { return new_str(strip_impl(a, false, true)); });
  add_method(t, "startswith", [](const Args& a) { return Value::boolean(affix_match(a, true)); });
  add_method(t, "endswith", [](const Args& a) { return Value::boolean(affix_match(a, false)); });
  add_method(t, "replace", [](const Args& a) {
    const std::string& s = self_str(a);
    const std::string& old = str_arg(a, 1, "replace");
    const std::string& rep = str_arg(a, 2, "replace");
    int64_t count = a.npos > 3 ? to_index(a[3]) : -1;
    std::string out;
    if (old.empty()) {
      auto chars = split_chars(s);
      int64_t n = 0;
      for (size_t i = 0; i <= chars.size(); ++i) {
        if (count < 0 || n < count) {
          out += rep;
          ++n;
        }
        if (i < chars.size()) out += chars[i];
      }
      return new_str(std::move(out));
    }
    size_t start = 0;
    int64_t n = 0;
    while (count < 0 || n < count) {
      size_t k = s.find(old, start);
      if (k == std::string::npos) break;
      out.append(s, start, k - start);
      out += rep;
      start = k + old.size();
      ++n;
    }
    out.append(s, start, std::string::npos);
    return new_str(std::move(out));
  });
  add_method(t, "format", [](const Args& a) { return new_str(format_impl(self_str(a), a, 1)); });
  add_method(t, "upper", [](const Args& a) {
    std::string s = self_str(a);
    for (auto& c : s) c = static_cast<char>(toupper(static_cast<unsigned char>(c)));
    return new_str(std::move(s));
  });
  add_method(t, "lower", [](const Args& a) {
    std::string s = self_str(a);
    for (auto& c : s) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
    return new_str(std::move(s));
  });
  add_method(t, "casefold", [](const Args& a) {
    std::string s = self_str(a);
    for (auto& c : s) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
    return new_str(std::move(s));
  });
  add_method(t, "swapcase", [](const Args& a) {
    std::string s = self_str(a);
    for (auto& c : s) {
      unsigned char u = static_cast<unsigned char>(c);
      c = static_cast<char>(isupper(u) ? tolower(u) : toupper(u));
    }
    return new_str(std::move(s));
  });
  add_method(t, "capitalize", [](const Args& a) {
    std::string s = self_str(a);
    for (size_t i = 0; i < s.size(); ++i)
      s[i] = static_cast<char>(i == 0 ? toupper(static_cast<unsigned char>(s[i]))
                                      : tolower(static_cast<unsigned char>(s[i])));
    return new_str(std::move(s));
  });
  add_method(t, "title", [](const Args& a) {
    std::string s = self_str(a);
    bool prev_alpha = false;
    for (auto& c : s) {
      unsigned char u = static_cast<unsigned char>(c);
      c = static_cast<char>(prev_alpha ? tolower(u) : toupper(u));
      prev_alpha = isalpha(u);
    }
    return new_str(std::move(s));
  });
  add_method(t, "find", [](const Args& a) { return Value::integer(find_impl(a, false)); });
  add_method(t, "rfind", [](const Args& a) { return Value::integer(find_impl(a, true)); });
  add_method(t, "index", [](const Args& a) {
    int64_t k = find_impl(a, false);
    if (k < 0) raise(types::ValueError, "substring not found");
    return Value::integer(k);
  });
  add_method(t, "rindex", [](const Args& a) {
    int64_t k = find_impl(a, true);
    if (k < 0) raise(types::ValueError, "substring not found");
    return Value::integer(k);
  });
  add_method(t, "count", [](const Args& a) {
    const std::string& s = self_str(a);
    const std::string& sub = str_arg(a, 1, "count");
    if (sub.empty()) return Value::integer(static_cast<int64_t>(char_count(s) + 1));
    int64_t n = 0;
    for (size_t k = s.find(sub); k != std::string::npos; k = s.find(sub, k + sub.size())) ++n;
    return Value::integer(n);
  });
  auto pred = [t](const char* name, int (*f)(int), bool cased) {
    add_method(t, name, [f, cased](const Args& a) {
      const std::string& s = self_str(a);
      if (s.empty()) return Value::boolean(false);
      bool any_cased = false;
      for (unsigned char c : s) {
        if (cased) {
          if (isalpha(c)) {
            any_cased = true;
            if (!f(c)) return Value::boolean(false);
          }
        } else if (!f(c)) {
          return Value::boolean(false);
        }
      }
      return Value::boolean(cased ? any_cased : true);
    });
  };
  pred("isdigit", isdigit, false);
  pred("isdecimal", isdigit, false);
  pred("isnumeric", isdigit, false);
  pred("isalpha", isalpha, false);
  pred("isalnum", isalnum, false);
  pred("isspace", isspace, false);
  pred("isupper", isupper, true);
  pred("islower", islower, true);
  add_method(t, "isidentifier", [](const Args& a) {
    const std::string& s = self_str(a);
    if (s.empty() || isdigit(static_cast<unsigned char>(s[0]))) return Value::boolean(false);
    for (unsigned char c : s)
      if (!isalnum(c) && c != '_' && c < 0x80) return Value::boolean(false);
    return Value::boolean(true);
  });
  auto justify = [t](const char* name, char how) {
    add_method(t, name, [how](const Args& a) {
      const std::string& s = self_str(a);
      int64_t width = to_index(a[1]);
      std::string fill = a.npos > 2 ? str_arg(a, 2, "justify") : std::string(" ");
      int64_t len = static_cast<int64_t>(char_count(s));
      if (width <= len) return a[0];
      int64_t n = width - len;
      auto rep = [&](int64_t k) {
        std::string r;
        for (int64_t i = 0; i < k; ++i) r += fill;
        return r;
      };
      if (how == '<') return new_str(s + rep(n));
      if (how == '>') return new_str(rep(n) + s);
      int64_t left = n / 2 + (n & width & 1);
      return new_str(rep(left) + s + rep(n - left));
    });
  };
  justify("ljust", '<');
  justify("rjust", '>');
  justify("center", '^');
  add_method(t, "zfill", [](const Args& a) {
    std::string s = self_str(a);
    int64_t width = to_index(a[1]);
    int64_t len = static_cast<int64_t>(s.size());
    if (width <= len) return a[0];
    size_t at = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    s.insert(at, std::string(width - len, '0'));
    return new_str(std::move(s));
  });
  add_method(t, "splitlines", [](const Args& a) {
    const std::string& s = self_str(a);
    bool keep = a.npos > 1 && truthy(a[1]);
    std::vector<Value> out;
    size_t i = 0;
    while (i < s.size()) {
      size_t j = i;
      while (j < s.size() && s[j] != '\n' && s[j] != '\r') ++j;
      size_t e = j;
      if (j < s.size()) {
        if (s[j] == '\r' && j + 1 < s.size() && s[j + 1] == '\n')
          j += 2;
        else
          ++j;
      }
      out.push_back(new_str(s.substr(i, (keep ? j : e) - i)));
      i = j;
    }
    return Value(new_list(std::move(out)));
  });
  auto partition = [t](const char* name, bool right) {
    add_method(t, name, [right](const Args& a) {
      const std::string& s = self_str(a);
      const std::string& sep = str_arg(a, 1, "partition");
      if (sep.empty()) raise(types::ValueError, "empty separator");
      size_t k = right ? s.rfind(sep) : s.find(sep);
      if (k == std::string::npos) {
        if (right) return Value(new_tuple({new_str(""), new_str(""), a[0]}));
        return Value(new_tuple({a[0], new_str(""), new_str("")}));
      }
      return Value(new_tuple({new_str(s.substr(0, k)), a[1], new_str(s.substr(k + sep.size()))}));
    });
  };
  partition("partition", false);
  partition("rpartition", true);
  add_method(t, "removeprefix", [](const Args& a) {
    const std::string& s = self_str(a);
    const std::string& p = str_arg(a, 1, "removeprefix");
    if (s.compare(0, p.size(), p) == 0) return new_str(s.substr(p.size()));
    return a[0];
  });
  add_method(t, "removesuffix", [](const Args& a) {
    const std::string& s = self_str(a);
    const std::string& p = str_arg(a, 1, "removesuffix");
    if (!p.empty() && s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0)
      return new_str(s.substr(0, s.size() - p.size()));
    return a[0];
  });
  add_method(t, "encode", [](const Args& a) { return a[0]; });
  add_method(t, "__len__", [](const Args& a) { return Value::integer(length(a[0])); });
  add_method(t, "__contains__", [](const Args& a) { return Value::boolean(contains(a[0], a[1])); });
  add_method(t, "__getitem__", [](const Args& a) { return getitem(a[0], a[1]); });
  add_method(t, "__add__", [](const Args& a) { return binary_op(BinOpKind::Add, a[0], a[1]); });
  add_method(t, "__mod__", [](const Args& a) { return binary_op(BinOpKind::Mod, a[0], a[1]); });
  add_method(t, "__format__", [](const Args& a) {
    return new_str(format_value(a[0], static_cast<Str*>(a[1].obj())->s));
  });
}

} // namespace bwhop::lang
