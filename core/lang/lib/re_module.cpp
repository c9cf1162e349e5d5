// The `re` module on top of std::regex (ECMAScript grammar), after rewriting
// the Python-only spellings scripts commonly use: (?P<name>...), (?P=name),
// \A and \Z. Covers compile, search, match, fullmatch, sub, subn, findall,
// finditer, split, escape and Match objects.
#include <regex>

#include "core/lang/lib/library.h"
#include "core/lang/native.h"

namespace bwhop::lang {

namespace {

constexpr int64_t kIgnoreCase = 2, kMultiline = 8, kDotAll = 16, kVerbose = 64;

struct Pattern {
  std::string source;
  int64_t flags = 0;
  std::shared_ptr<std::regex> re;
  std::vector<std::string> group_names; // by group number - 1 ("" when unnamed)
};

struct MatchData {
  std::string subject;
  std::vector<std::pair<int64_t, int64_t>> spans; // (-1, -1) for unmatched groups
  Value pattern;
};

Type* pattern_type();
Type* match_type();

// Translates Python regex syntax to ECMAScript and records group names.
Pattern compile_pattern(const std::string& src, int64_t flags) {
  Pattern p;
  p.source = src;
  p.flags = flags;
  std::string out;
  for (size_t i = 0; i < src.size(); ++i) {
    char c = src[i];
    if (c == '\\' && i + 1 < src.size()) {
      char n = src[i + 1];
      if (n == 'A')
        out += "^";
      else if (n == 'Z')
        out += "$";
      else {
        out += c;
        out += n;
      }
      ++i;
      continue;
    }
    if (c == '[') { // copy character classes verbatim
      size_t j = i + 1;
      if (j < src.size() && src[j] == '^') ++j;
      if (j < src.size() && src[j] == ']') ++j;
      while (j < src.size() && src[j] != ']') {
        if (src[j] == '\\') ++j;
        ++j;
      }
      out += src.substr(i, j - i + 1);
      i = j;
      continue;
    }
    if (c == '(') {
      if (src.compare(i, 4, "(?P<") == 0) {
        size_t close = src.find('>', i);
        p.group_names.push_back(src.substr(i + 4, close - i - 4));
        out += "(";
        i = close;
        continue;
      }
      if (src.compare(i, 4, "(?P=") == 0) {
        size_t close = src.find(')', i);
        std::string name = src.substr(i + 4, close - i - 4);
        size_t k = 0;
        while (k < p.group_names.size() && p.group_names[k] != name) ++k;
        out += "\\" + std::to_string(k + 1);
        i = close;
        continue;
      }
      if (i + 1 < src.size() && src[i + 1] != '?') p.group_names.push_back("");
    }
    if ((flags & kVerbose) && (c == ' ' || c == '\n' || c == '\t')) continue;
    if ((flags & kVerbose) && c == '#') {
      while (i < src.size() && src[i] != '\n') ++i;
      continue;
    }
    if (c == '.' && (flags & kDotAll)) {
      out += "[\\s\\S]";
      continue;
    }
    out += c;
  }
  auto f = std::regex::ECMAScript;
  if (flags & kIgnoreCase) f |= std::regex::icase;
  if (flags & kMultiline) f |= std::regex::multiline;
  try {
    p.re = std::make_shared<std::regex>(out, f);
  } catch (const std::regex_error& e) {
    native::raise_error(types::ValueError, "invalid regular expression '" + src + "': " + e.what());
  }
  return p;
}

Value as_pattern(const Value& pat, int64_t flags) {
  if (native::native_cast<Pattern>(pat)) return pat;
  return native::make_native(pattern_type(),
                             compile_pattern(native::as_str(pat, "pattern"), flags));
}

Value make_match(const Value& pattern, const std::string& subject, const std::smatch& m,
                 size_t offset) {
  MatchData d;
  d.subject = subject;
  d.pattern = pattern;
  for (size_t g = 0; g < m.size(); ++g) {
    if (!m[g].matched)
      d.spans.emplace_back(-1, -1);
    else {
      int64_t start = static_cast<int64_t>(offset + m.position(g));
      d.spans.emplace_back(start, start + static_cast<int64_t>(m.length(g)));
    }
  }
  return native::make_native(match_type(), std::move(d));
}

enum class Mode { Search, Match, Full };

Value do_match(const Value& pv, const std::string& s, Mode mode, int64_t pos = 0) {
  Pattern* p = native::native_cast<Pattern>(pv);
  std::smatch m;
  std::string sub =
      s.substr(static_cast<size_t>(std::min<int64_t>(pos, static_cast<int64_t>(s.size()))));
  bool ok;
  if (mode == Mode::Full)
    ok = std::regex_match(sub, m, *p->re);
  else if (mode == Mode::Match)
    ok = std::regex_search(sub, m, *p->re, std::regex_constants::match_continuous);
  else
    ok = std::regex_search(sub, m, *p->re);
  if (!ok) return Value::none();
  return make_match(pv, s, m, static_cast<size_t>(pos));
}

int64_t group_index(MatchData* d, const Value& g) {
  if (g.is_intlike()) {
    int64_t i = g.as_int();
    if (i < 0 || i >= static_cast<int64_t>(d->spans.size()))
      native::raise_error(types::IndexError, "no such group");
    return i;
  }
  Pattern* p = native::native_cast<Pattern>(d->pattern);
  const std::string& name = native::as_str(g, "group");
  for (size_t k = 0; k < p->group_names.size(); ++k)
    if (p->group_names[k] == name) return static_cast<int64_t>(k + 1);
  native::raise_error(types::IndexError, "no such group");
}

Value group_value(MatchData* d, int64_t i, const Value& dflt = Value::none()) {
  auto [a, b] = d->spans[i];
  if (a < 0) return dflt;
  return native::make_str(d->subject.substr(a, b - a));
}

// Expands \1, \g<1>, \g<name> and escapes in a replacement template.
std::string expand(MatchData* d, const std::string& repl) {
  std::string out;
  for (size_t i = 0; i < repl.size(); ++i) {
    char c = repl[i];
    if (c != '\\' || i + 1 >= repl.size()) {
      out += c;
      continue;
    }
    char n = repl[++i];
    if (isdigit(static_cast<unsigned char>(n))) {
      int64_t g = n - '0';
      if (i + 1 < repl.size() && isdigit(static_cast<unsigned char>(repl[i + 1])))
        g = g * 10 + (repl[++i] - '0');
      Value v = group_value(d, group_index(d, native::make_int(g)), native::make_str(""));
      out += native::str_of(v);
    } else if (n == 'g' && i + 1 < repl.size() && repl[i + 1] == '<') {
      size_t close = repl.find('>', i);
      std::string key = repl.substr(i + 2, close - i - 2);
      bool numeric = !key.empty() && std::all_of(key.begin(), key.end(), [](char ch) {
        return isdigit(static_cast<unsigned char>(ch));
      });
      Value g = numeric ? native::make_int(std::stoll(key)) : native::make_str(key);
      out += native::str_of(group_value(d, group_index(d, g), native::make_str("")));
      i = close;
    } else if (n == 'n')
      out += '\n';
    else if (n == 't')
      out += '\t';
    else if (n == '\\')
      out += '\\';
    else {
      out += '\\';
      out += n;
    }
  }
  return out;
}

// All non-overlapping matches, as Match values.
std::vector<Value> all_matches(const Value& pv, const std::string& s) {
  Pattern* p = native::native_cast<Pattern>(pv);
  std::vector<Value> out;
  auto begin = std::sregex_iterator(s.begin(), s.end(), *p->re);
  for (auto it = begin; it != std::sregex_iterator(); ++it)
    out.push_back(make_match(pv, s, *it, 0));
  return out;
}

Value findall(const Value& pv, const std::string& s) {
  std::vector<Value> out;
  for (auto& mv : all_matches(pv, s)) {
    auto* d = native::native_cast<MatchData>(mv);
    size_t ngroups = d->spans.size() - 1;
    if (ngroups == 0)
      out.push_back(group_value(d, 0));
    else if (ngroups == 1)
      out.push_back(group_value(d, 1, native::make_str("")));
    else {
      std::vector<Value> row;
      for (size_t g = 1; g <= ngroups; ++g)
        row.push_back(group_value(d, static_cast<int64_t>(g), native::make_str("")));
      out.push_back(native::make_tuple(row));
    }
  }
  return native::make_list(out);
}

std::pair<std::string, int64_t> substitute(const Value& pv, const Value& repl, const std::string& s,
                                           int64_t count) {
  std::string out;
  int64_t last = 0, n = 0;
  for (auto& mv : all_matches(pv, s)) {
    if (count > 0 && n >= count) break;
    auto* d = native::native_cast<MatchData>(mv);
    out += s.substr(last, d->spans[0].first - last);
    if (native::is_str(repl))
      out += expand(d, native::as_str(repl));
    else
      out += native::as_str(native::call(repl, {mv}), "replacement");
    last = d->spans[0].second;
    ++n;
  }
  out += s.substr(last);
  return {out, n};
}

Value split(const Value& pv, const std::string& s, int64_t maxsplit) {
  std::vector<Value> out;
  int64_t last = 0, n = 0;
  for (auto& mv : all_matches(pv, s)) {
    if (maxsplit > 0 && n >= maxsplit) break;
    auto* d = native::native_cast<MatchData>(mv);
    if (d->spans[0].first == d->spans[0].second && d->spans[0].first == last && last != 0) continue;
    out.push_back(native::make_str(s.substr(last, d->spans[0].first - last)));
    for (size_t g = 1; g < d->spans.size(); ++g)
      out.push_back(group_value(d, static_cast<int64_t>(g)));
    last = d->spans[0].second;
    ++n;
  }
  out.push_back(native::make_str(s.substr(last)));
  return native::make_list(out);
}

Type* pattern_type() {
  static Type* t = [] {
    Type* t = native::define_type("Pattern", "re", nullptr, false);
    auto method = [t](const char* name, Mode mode) {
      native::def_method(t, name, [mode](const Args& a) {
        int64_t pos = a.npos > 2 ? native::as_int(a[2]) : 0;
        return do_match(a[0], native::as_str(a[1], "string"), mode, pos);
      });
    };
    method("search", Mode::Search);
    method("match", Mode::Match);
    method("fullmatch", Mode::Full);
    native::def_method(t, "findall",
                       [](const Args& a) { return findall(a[0], native::as_str(a[1], "string")); });
    native::def_method(t, "finditer", [](const Args& a) {
      return get_iter(native::make_list(all_matches(a[0], native::as_str(a[1], "string"))));
    });
    native::def_method(t, "sub", [](const Args& a) {
      auto v = native::bind_args(a, "sub",
                                 {{"self"}, {"repl"}, {"string"}, {"count", native::make_int(0)}});
      return native::make_str(
          substitute(v[0], v[1], native::as_str(v[2]), native::as_int(v[3])).first);
    });
    native::def_method(t, "split", [](const Args& a) {
      auto v =
          native::bind_args(a, "split", {{"self"}, {"string"}, {"maxsplit", native::make_int(0)}});
      return split(v[0], native::as_str(v[1]), native::as_int(v[2]));
    });
    native::def_property(t, "pattern", [](const Value& self) {
      return native::make_str(native::native_cast<Pattern>(self)->source);
    });
    native::def_property(t, "flags", [](const Value& self) {
      return native::make_int(native::native_cast<Pattern>(self)->flags);
    });
    native::def_method(t, "__repr__", [](const Args& a) {
      return native::make_str(
          "re.compile(" +
          native::repr_of(native::make_str(native::native_cast<Pattern>(a[0])->source)) + ")");
    });
    return t;
  }();
  return t;
}

Type* match_type() {
  static Type* t = [] {
    Type* t = native::define_type("Match", "re", nullptr, false);
    native::def_method(t, "group", [](const Args& a) {
      auto* d = native::native_cast<MatchData>(a[0]);
      if (a.npos <= 2) return group_value(d, a.npos == 2 ? group_index(d, a[1]) : 0);
      std::vector<Value> out;
      for (size_t i = 1; i < a.npos; ++i) out.push_back(group_value(d, group_index(d, a[i])));
      return native::make_tuple(out);
    });
    native::def_method(t, "__getitem__", [](const Args& a) {
      auto* d = native::native_cast<MatchData>(a[0]);
      return group_value(d, group_index(d, a[1]));
    });
    native::def_method(t, "groups", [](const Args& a) {
      auto* d = native::native_cast<MatchData>(a[0]);
      Value dflt = a.npos > 1 ? a[1] : Value::none();
      std::vector<Value> out;
      for (size_t g = 1; g < d->spans.size(); ++g)
        out.push_back(group_value(d, static_cast<int64_t>(g), dflt));
      return native::make_tuple(out);
    });
    native::def_method(t, "groupdict", [](const Args& a) {
      auto* d = native::native_cast<MatchData>(a[0]);
      Pattern* p = native::native_cast<Pattern>(d->pattern);
      Value out = native::make_dict();
      for (size_t k = 0; k < p->group_names.size(); ++k)
        if (!p->group_names[k].empty())
          native::dict_set(out, native::make_str(p->group_names[k]),
                           group_value(d, static_cast<int64_t>(k + 1)));
      return out;
    });
    auto span_part = [t](const char* name, int which) {
      native::def_method(t, name, [which](const Args& a) {
        auto* d = native::native_cast<MatchData>(a[0]);
        int64_t g = a.npos > 1 ? group_index(d, a[1]) : 0;
        auto [s, e] = d->spans[g];
        if (which == 0) return native::make_int(s);
        if (which == 1) return native::make_int(e);
        return native::make_tuple({native::make_int(s), native::make_int(e)});
      });
    };
    span_part("start", 0);
    span_part("end", 1);
    span_part("span", 2);
    native::def_property(t, "string", [](const Value& self) {
      return native::make_str(native::native_cast<MatchData>(self)->subject);
    });
    native::def_method(t, "expand", [](const Args& a) {
      return native::make_str(
          expand(native::native_cast<MatchData>(a[0]), native::as_str(a[1], "template")));
    });
    native::def_method(t, "__bool__", [](const Args&) { return native::make_bool(true); });
    native::def_method(t, "__repr__", [](const Args& a) {
      auto* d = native::native_cast<MatchData>(a[0]);
      auto [s, e] = d->spans[0];
      return native::make_str(
          "<re.Match object; span=(" + std::to_string(s) + ", " + std::to_string(e) +
          "), match=" + native::repr_of(native::make_str(d->subject.substr(s, e - s))) + ">");
    });
    return t;
  }();
  return t;
}

int64_t flags_arg(const Args& a, size_t index) {
  for (size_t i = 0; i < a.nkw; ++i)
    if (a.kw[i].name->s == "flags") return native::as_int(a.kw[i].value);
  return a.npos > index ? native::as_int(a[index]) : 0;
}

} // namespace

void register_re_module() {
  native::register_native_module("re", [](const Value& m) {
    native::module_set(m, "IGNORECASE", native::make_int(kIgnoreCase));
    native::module_set(m, "I", native::make_int(kIgnoreCase));
    native::module_set(m, "MULTILINE", native::make_int(kMultiline));
    native::module_set(m, "M", native::make_int(kMultiline));
    native::module_set(m, "DOTALL", native::make_int(kDotAll));
    native::module_set(m, "S", native::make_int(kDotAll));
    native::module_set(m, "VERBOSE", native::make_int(kVerbose));
    native::module_set(m, "X", native::make_int(kVerbose));
    native::module_set(m, "Pattern", Value(pattern_type()));
    native::module_set(m, "Match", Value(match_type()));
    native::module_set(m, "error", Value(types::ValueError));
    native::module_def(m, "compile",
                       [](const Args& a) { return as_pattern(a[0], flags_arg(a, 1)); });
    auto matcher = [&m](const char* name, Mode mode) {
      native::module_def(m, name, [mode](const Args& a) {
        return do_match(as_pattern(a[0], flags_arg(a, 2)), native::as_str(a[1], "string"), mode);
      });
    };
    matcher("search", Mode::Search);
    matcher("match", Mode::Match);
    matcher("fullmatch", Mode::Full);
    native::module_def(m, "findall", [](const Args& a) {
      return findall(as_pattern(a[0], flags_arg(a, 2)), native::as_str(a[1], "string"));
    });
    native::module_def(m, "finditer", [](const Args& a) {
      return get_iter(native::make_list(
          all_matches(as_pattern(a[0], flags_arg(a, 2)), native::as_str(a[1], "string"))));
    });
    native::module_def(m, "sub", [](const Args& a) {
      auto v = native::bind_args(a, "sub",
                                 {{"pattern"},
                                  {"repl"},
                                  {"string"},
                                  {"count", native::make_int(0)},
                                  {"flags", native::make_int(0)}});
      return native::make_str(substitute(as_pattern(v[0], native::as_int(v[4])), v[1],
                                         native::as_str(v[2]), native::as_int(v[3]))
                                  .first);
    });
    native::module_def(m, "subn", [](const Args& a) {
      auto v = native::bind_args(a, "subn",
                                 {{"pattern"},
                                  {"repl"},
                                  {"string"},
                                  {"count", native::make_int(0)},
                                  {"flags", native::make_int(0)}});
      auto [s, n] = substitute(as_pattern(v[0], native::as_int(v[4])), v[1], native::as_str(v[2]),
                               native::as_int(v[3]));
      return native::make_tuple({native::make_str(s), native::make_int(n)});
    });
    native::module_def(m, "split", [](const Args& a) {
      auto v = native::bind_args(a, "split",
                                 {{"pattern"},
                                  {"string"},
                                  {"maxsplit", native::make_int(0)},
                                  {"flags", native::make_int(0)}});
      return split(as_pattern(v[0], native::as_int(v[3])), native::as_str(v[1]),
                   native::as_int(v[2]));
    });
    native::module_def(m, "escape", [](const Args& a) {
      std::string out;
      for (char c : native::as_str(a[0], "pattern")) {
        if (!isalnum(static_cast<unsigned char>(c)) && c != '_' &&
            static_cast<unsigned char>(c) < 0x80)
          out += '\\';
        out += c;
      }
      return native::make_str(out);
    });
  });
}

} // namespace bwhop::lang
