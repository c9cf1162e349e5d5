#include "core/tensor/schema.h"

#include <cctype>
#include <stdexcept>

namespace bwhop::tensor {

namespace {

class SchemaParser {
public:
  explicit SchemaParser(std::string_view text) : s_(text) {}

  Schema parse() {
    Schema sc;
    std::string full = ident();
    auto dot = full.find('.');
    sc.name = full.substr(0, dot);
    if (dot != std::string::npos) sc.overload = full.substr(dot + 1);
    expect('(');
    bool kwarg_only = false;
    skip_ws();
    while (peek() != ')') {
      skip_ws();
      if (peek() == '*') {
        ++pos_;
        kwarg_only = true;
      } else {
        sc.args.push_back(argument(kwarg_only, true));
      }
      skip_ws();
      if (peek() == ',') ++pos_;
      skip_ws();
    }
    expect(')');
    skip_ws();
    expect('-');
    expect('>');
    skip_ws();
    if (peek() == '(') {
      ++pos_;
      while (true) {
        skip_ws();
        sc.returns.push_back(argument(false, false));
        skip_ws();
        if (peek() == ',') {
          ++pos_;
          continue;
        }
        break;
      }
      expect(')');
    } else {
      sc.returns.push_back(argument(false, false));
    }
    skip_ws();
    if (pos_ != s_.size()) fail("trailing text");
    return sc;
  }

private:
  std::string_view s_;
  std::size_t pos_ = 0;

  [[noreturn]] void fail(const std::string& what) const {
    throw std::invalid_argument("schema parse error at column " + std::to_string(pos_ + 1) + ": " +
                                what + " in `" + std::string(s_) + "`");
  }
  char peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }
  void skip_ws() {
    while (pos_ < s_.size() && s_[pos_] == ' ') ++pos_;
  }
  void expect(char c) {
    if (peek() != c) fail(std::string("expected '") + c + "'");
    ++pos_;
  }
  std::string ident() {
    std::size_t b = pos_;
    while (pos_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[pos_])) ||
                                s_[pos_] == '_' || s_[pos_] == '.'))
      ++pos_;
    if (b == pos_) fail("expected a name");
    return std::string(s_.substr(b, pos_ - b));
  }

  static BaseType base_of(const std::string& n, const SchemaParser& p) {
    if (n == "Tensor") return BaseType::Tensor;
    if (n == "Scalar") return BaseType::Scalar;
    if (n == "int") return BaseType::Int;
    if (n == "SymInt") return BaseType::SymInt;
    if (n == "float") return BaseType::Float;
    if (n == "bool") return BaseType::Bool;
    if (n == "ScalarType") return BaseType::ScalarType;
    if (n == "Layout") return BaseType::Layout;
    if (n == "Device") return BaseType::Device;
    if (n == "MemoryFormat") return BaseType::MemoryFormat;
    if (n == "str") return BaseType::Str;
    if (n == "Generator") return BaseType::Generator;
    p.fail("unknown type " + n);
  }

  Argument argument(bool kwarg_only, bool named) {
    Argument a;
    std::size_t type_begin = pos_;
    a.type.base = base_of(ident(), *this);
    if (peek() == '(') { // alias annotation
      ++pos_;
      std::size_t b = pos_;
      while (peek() != ')' && peek() != '\0') ++pos_;
      a.alias = std::string(s_.substr(b, pos_ - b));
      expect(')');
    }
    if (peek() == '[') {
      ++pos_;
      a.type.is_list = true;
      if (std::isdigit(static_cast<unsigned char>(peek()))) {
        int64_t n = 0;
        while (std::isdigit(static_cast<unsigned char>(peek()))) n = n * 10 + (s_[pos_++] - '0');
        a.type.list_size = n;
      }
      expect(']');
    }
    if (peek() == '?') {
      ++pos_;
      a.type.optional = true;
    }
    a.type.str = std::string(s_.substr(type_begin, pos_ - type_begin));
    if (!a.alias.empty()) { // the written type without the annotation
      a.type.str.erase(a.type.str.find('('), a.alias.size() + 2);
    }
    a.kwarg_only = kwarg_only;
    skip_ws();
    if (named || (peek() != ',' && peek() != ')' && peek() != '\0')) {
      if (std::isalpha(static_cast<unsigned char>(peek())) || peek() == '_') a.name = ident();
    }
    skip_ws();
    if (peek() == '=') {
      ++pos_;
      std::size_t b = pos_;
      int depth = 0;
      while (pos_ < s_.size() && (depth > 0 || (s_[pos_] != ',' && s_[pos_] != ')'))) {
        if (s_[pos_] == '[') ++depth;
        if (s_[pos_] == ']') --depth;
        ++pos_;
      }
      a.default_text = std::string(s_.substr(b, pos_ - b));
      a.has_default = true;
      a.default_value = default_value(a.type, a.default_text);
    }
    return a;
  }

  IValue default_value(const ArgType& t, const std::string& text) const {
    if (text == "None") return IValue();
    if (text == "True") return IValue(true);
    if (text == "False") return IValue(false);
    if (t.is_list) {
      IntList vals;
      std::size_t i = 1;
      while (i < text.size() && text[i] != ']') {
        std::size_t j = text.find_first_of(",]", i);
        std::string item = text.substr(i, j - i);
        if (!item.empty()) vals.push_back(std::stoll(item));
        i = text[j] == ',' ? j + 1 : j;
      }
      if (t.list_size && vals.size() == 1 && text.front() != '[') {
        vals.assign(static_cast<std::size_t>(*t.list_size), vals[0]);
      }
      return IValue(std::move(vals));
    }
    if (t.base == BaseType::Str) return IValue(text.substr(1, text.size() - 2));
    if (t.base == BaseType::MemoryFormat && text == "contiguous_format")
      return IValue(MemoryFormat::Contiguous);
    if (text.find_first_of(".e") != std::string::npos && t.base != BaseType::Int)
      return IValue(std::stod(text));
    if (t.base == BaseType::Float) return IValue(std::stod(text));
    return IValue(static_cast<int64_t>(std::stoll(text)));
  }
};

} // namespace

Schema Schema::parse(std::string_view text) {
  return SchemaParser(text).parse();
}

std::string Schema::qualified_name() const {
  return overload.empty() ? name : name + "." + overload;
}

namespace {
std::string arg_str(const Argument& a) {
  std::string s = a.type.str;
  if (!a.alias.empty()) {
    // Put the annotation back between the base type and the list/optional suffix.
    auto cut = s.find_first_of("[?");
    std::string base = s.substr(0, cut);
    std::string rest = cut == std::string::npos ? "" : s.substr(cut);
    s = base + "(" + a.alias + ")" + rest;
  }
  if (!a.name.empty()) s += " " + a.name;
  if (a.has_default) s += "=" + a.default_text;
  return s;
}
} // namespace

std::string Schema::str() const {
  std::string s = qualified_name() + "(";
  bool kw = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (i) s += ", ";
    if (args[i].kwarg_only && !kw) {
      s += "*, ";
      kw = true;
    }
    s += arg_str(args[i]);
  }
  s += ") -> ";
  if (returns.size() == 1) return s + arg_str(returns[0]);
  s += "(";
  for (std::size_t i = 0; i < returns.size(); ++i) s += (i ? ", " : "") + arg_str(returns[i]);
  return s + ")";
}

int Schema::index_of(std::string_view arg_name) const {
  for (std::size_t i = 0; i < args.size(); ++i)
    if (args[i].name == arg_name) return static_cast<int>(i);
  return -1;
}

Args Schema::bind(std::span<const IValue> positional,
                  std::span<const std::pair<std::string, IValue>> kwargs) const {
  std::size_t max_positional = 0;
  while (max_positional < args.size() && !args[max_positional].kwarg_only) ++max_positional;
  if (positional.size() > max_positional) {
    throw std::invalid_argument(qualified_name() + "() takes " + std::to_string(max_positional) +
                                " positional arguments but " + std::to_string(positional.size()) +
                                " were given");
  }
  Args out(args.size());
  std::vector<bool> set(args.size(), false);
  for (std::size_t i = 0; i < positional.size(); ++i) {
    out[i] = positional[i];
    set[i] = true;
  }
  for (const auto& [name, value] : kwargs) {
    int idx = index_of(name);
    if (idx < 0) {
      throw std::invalid_argument(qualified_name() + "() got an unexpected keyword argument '" +
                                  name + "'");
    }
    if (set[static_cast<std::size_t>(idx)]) {
      throw std::invalid_argument(qualified_name() + "() got multiple values for argument '" +
                                  name + "'");
    }
    out[static_cast<std::size_t>(idx)] = value;
    set[static_cast<std::size_t>(idx)] = true;
  }
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (set[i]) continue;
    if (!args[i].has_default) {
      throw std::invalid_argument(qualified_name() + "() missing required argument '" +
                                  args[i].name + "'");
    }
    out[i] = args[i].default_value;
  }
  return out;
}

} // namespace bwhop::tensor
