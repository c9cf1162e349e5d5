// Literals: numbers, strings with their escapes, implicit concatenation and
// f-strings.
#include <cerrno>
#include <cstdlib>
#include <limits>

#include "core/lang/parser_impl.h"
#include "core/lang/text.h"

namespace bwhop::lang::detail {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

} // namespace

// ------------------------------------------------------------------ numbers

Expr* Parser::parse_number(const Token& t, bool negated) {
  std::string_view text = std::string_view(file_.source()).substr(t.start, t.end - t.start);
  std::string digits;
  digits.reserve(text.size());
  for (char c : text) {
    if (c != '_') digits += c;
  }
  int base = 10;
  std::size_t skip = 0;
  if (digits.size() > 1 && digits[0] == '0') {
    char p = static_cast<char>(digits[1] | 0x20);
    if (p == 'x') base = 16, skip = 2;
    if (p == 'o') base = 8, skip = 2;
    if (p == 'b') base = 2, skip = 2;
  }
  bool is_float = base == 10 && digits.find_first_of(".eE") != std::string::npos;
  if (is_float) {
    if (negated) return nullptr;
    auto* c = arena_.make<Constant>();
    c->value_kind = ConstantKind::Float;
    c->float_value = std::strtod(digits.c_str(), nullptr); // inf for 1e999, as Python
    return c;
  }
  constexpr uint64_t kLimit = uint64_t{1} << 63; // |INT64_MIN|
  uint64_t value = 0;
  bool too_big = false;
  for (std::size_t i = skip; i < digits.size(); ++i) {
    uint64_t d = static_cast<uint64_t>(hex_value(digits[i]));
    if (value > (kLimit - d) / static_cast<uint64_t>(base)) {
      too_big = true;
      break;
    }
    value = value * static_cast<uint64_t>(base) + d;
  }
  if (negated) {
    if (too_big || value != kLimit) return nullptr;
    auto* c = arena_.make<Constant>();
    c->value_kind = ConstantKind::Int;
    c->int_value = std::numeric_limits<int64_t>::min();
    return c;
  }
  if (too_big || value > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
    throw error_at(t, "integer literal too large: bwhop ints are 64-bit");
  }
  auto* c = arena_.make<Constant>();
  c->value_kind = ConstantKind::Int;
  c->int_value = static_cast<int64_t>(value);
  return c;
}

// ------------------------------------------------------------------ escapes

void Parser::decode_escapes(const Token& token, std::string_view body, bool raw, std::string& out) {
  if (raw || body.find('\\') == std::string_view::npos) {
    out += body;
    return;
  }
  auto truncated = [&](std::size_t from, std::size_t to, const char* what) {
    return error_after(token,
                       "(unicode error) 'unicodeescape' codec can't decode bytes in position " +
                           std::to_string(from) + "-" + std::to_string(to) + ": " + what);
  };
  for (std::size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c != '\\' || i + 1 >= body.size()) {
      out += c;
      continue;
    }
    char e = body[++i];
    switch (e) {
    case '\n':
      break; // backslash-newline continues the string
    case '\\':
      out += '\\';
      break;
    case '\'':
      out += '\'';
      break;
    case '"':
      out += '"';
      break;
    case 'a':
      out += '\a';
      break;
    case 'b':
      out += '\b';
      break;
    case 'f':
      out += '\f';
      break;
    case 'n':
      out += '\n';
      break;
    case 'r':
      out += '\r';
      break;
    case 't':
      out += '\t';
      break;
    case 'v':
      out += '\v';
      break;
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7': {
      uint32_t value = static_cast<uint32_t>(e - '0');
      for (int n = 1; n < 3 && i + 1 < body.size() && body[i + 1] >= '0' && body[i + 1] <= '7';
           ++n) {
        value = value * 8 + static_cast<uint32_t>(body[++i] - '0');
      }
      append_utf8(out, value);
      break;
    }
    case 'x':
    case 'u':
    case 'U': {
      int width = e == 'x' ? 2 : e == 'u' ? 4 : 8;
      std::size_t start = i - 1;
      uint32_t value = 0;
      int n = 0;
      for (; n < width && i + 1 < body.size() && hex_value(body[i + 1]) >= 0; ++n) {
        value = value * 16 + static_cast<uint32_t>(hex_value(body[++i]));
      }
      if (n < width) {
        throw truncated(start, i,
                        e == 'x'   ? "truncated \\xXX escape"
                        : e == 'u' ? "truncated \\uXXXX escape"
                                   : "truncated \\UXXXXXXXX escape");
      }
      if (value > 0x10FFFF) throw truncated(start, i, "illegal Unicode character");
      append_utf8(out, value);
      break;
    }
    case 'N':
      throw error_at(token, "\\N{...} escapes are not supported by bwhop");
    default:
      // Unknown escapes keep their backslash (CPython only warns).
      out += '\\';
      out += e;
      break;
    }
  }
}

// ------------------------------------------------------------------ strings

void Parser::flush_literal(std::vector<Expr*>& parts, std::string& pending) {
  if (pending.empty()) return;
  auto* c = arena_.make<Constant>();
  c->value_kind = ConstantKind::Str;
  c->str_value = arena_.copy_text(pending);
  parts.push_back(c);
  pending.clear();
}

Expr* Parser::parse_strings() {
  const Token first = tok();
  const std::string_view src = file_.source();
  bool any_fstring = false;
  std::vector<Expr*> parts;
  std::string pending;
  while (check(TokenKind::String)) {
    const Token t = advance();
    bool raw = false, fstring = false, bytes = false;
    uint32_t i = t.start;
    for (; src[i] != '\'' && src[i] != '"'; ++i) {
      char p = static_cast<char>(src[i] | 0x20);
      if (p == 'r') raw = true;
      if (p == 'f') fstring = true;
      if (p == 'b') bytes = true;
    }
    if (bytes) throw error_at(t, "bytes literals are not supported by bwhop");
    char quote = src[i];
    bool triple = i + 2 < t.end && src[i + 1] == quote && src[i + 2] == quote && t.end - i >= 6;
    uint32_t quote_len = triple ? 3 : 1;
    uint32_t begin = i + quote_len;
    uint32_t end = t.end - quote_len;
    if (!fstring) {
      decode_escapes(t, src.substr(begin, end - begin), raw, pending);
      continue;
    }
    any_fstring = true;
    int32_t line = t.line;
    uint32_t line_start = t.start - static_cast<uint32_t>(t.col);
    parse_fstring_body(t, begin, end, raw, line, line_start, 0, parts, pending);
  }
  Loc loc = loc_from(first);
  if (!any_fstring) {
    auto* c = make<Constant>(loc);
    c->value_kind = ConstantKind::Str;
    c->str_value = arena_.copy_text(pending);
    return c;
  }
  flush_literal(parts, pending);
  auto* j = make<JoinedStr>(loc);
  // As in CPython 3.11, the parts of an f-string carry the whole string's location
  // (the expressions inside keep their own).
  for (Expr* part : parts) {
    part->loc = loc;
    if (auto* fv = part->as<FormattedValue>(); fv && fv->format_spec) {
      fv->format_spec->loc = loc;
      for (Expr* spec_part : fv->format_spec->as<JoinedStr>()->values) spec_part->loc = loc;
    }
  }
  j->values = copy(parts);
  return j;
}

uint32_t Parser::parse_fstring_body(const Token& token, uint32_t begin, uint32_t end, bool raw,
                                    int32_t& line, uint32_t& line_start, int nesting,
                                    std::vector<Expr*>& parts, std::string& pending) {
  const std::string_view src = file_.source();
  uint32_t chunk = begin;
  uint32_t i = begin;
  auto take_chunk = [&](uint32_t upto) {
    decode_escapes(token, src.substr(chunk, upto - chunk), raw, pending);
  };
  while (i < end) {
    char c = src[i];
    if (c == '{') {
      if (i + 1 < end && src[i + 1] == '{') {
        take_chunk(i);
        pending += '{';
        i += 2;
        chunk = i;
        continue;
      }
      take_chunk(i);
      flush_literal(parts, pending);
      i = parse_fstring_field(token, i, end, raw, line, line_start, nesting, parts, pending);
      chunk = i;
      continue;
    }
    if (c == '}') {
      if (nesting > 0) {
        take_chunk(i);
        return i;
      }
      if (i + 1 < end && src[i + 1] == '}') {
        take_chunk(i);
        pending += '}';
        i += 2;
        chunk = i;
        continue;
      }
      throw error_after(token, "f-string: single '}' is not allowed");
    }
    if (c == '\\' && !raw && i + 1 < end) {
      if (src[i + 1] == '\n') {
        ++line;
        line_start = i + 2;
      }
      i += 2;
      continue;
    }
    if (c == '\n') {
      ++line;
      line_start = i + 1;
    }
    ++i;
  }
  take_chunk(end);
  if (nesting > 0) throw error_after(token, "f-string: expecting '}'");
  return end;
}

uint32_t Parser::parse_fstring_field(const Token& token, uint32_t open, uint32_t end, bool raw,
                                     int32_t& line, uint32_t& line_start, int nesting,
                                     std::vector<Expr*>& parts, std::string& pending) {
  const std::string_view src = file_.source();
  if (nesting >= 2) throw error_after(token, "f-string: expressions nested too deeply");
  const uint32_t expr_begin = open + 1;
  const int32_t expr_line = line;
  const uint32_t expr_line_start = line_start;
  uint32_t j = expr_begin;
  int depth = 0;
  char quote = 0;
  bool triple_quote = false;
  for (; j < end; ++j) {
    char c = src[j];
    if (c == '\n') {
      ++line;
      line_start = j + 1;
    }
    if (c == '\\') throw error_after(token, "f-string expression part cannot include a backslash");
    if (quote) {
      if (c == quote) {
        if (!triple_quote) {
          quote = 0;
        } else if (j + 2 < end && src[j + 1] == quote && src[j + 2] == quote) {
          quote = 0;
          j += 2;
        }
      }
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      triple_quote = j + 2 < end && src[j + 1] == c && src[j + 2] == c;
      if (triple_quote) j += 2;
      continue;
    }
    if (c == '(' || c == '[' || c == '{') {
      ++depth;
      continue;
    }
    if (c == ')' || c == ']' || c == '}') {
      if (depth == 0) {
        if (c == '}') break;
        throw error_after(token, std::string("f-string: unmatched '") + c + "'");
      }
      --depth;
      continue;
    }
    if (c == '#') throw error_after(token, "f-string expression part cannot include '#'");
    if (depth == 0 && (c == '!' || c == ':' || c == '=' || c == '<' || c == '>')) {
      char next = j + 1 < end ? src[j + 1] : '\0';
      if (next == '=' && c != ':') {
        ++j;
        continue;
      }
      if (c == '<' || c == '>') continue;
      break;
    }
  }
  if (quote) throw error_after(token, "f-string: unterminated string");
  if (j >= end) throw error_after(token, "f-string: expecting '}'");
  const uint32_t expr_end = j;
  std::string_view expr_text = src.substr(expr_begin, expr_end - expr_begin);
  if (expr_text.find_first_not_of(" \t\n\f") == std::string_view::npos) {
    throw error_after(token, "f-string: empty expression not allowed");
  }

  // The expression, parsed from the source text itself so that positions are real.
  Lexer lexer =
      Lexer::for_expression(src, file_.path(), expr_begin, expr_end, expr_line, expr_line_start);
  Parser sub(file_, std::move(lexer), deferred_);
  sub.function_depth = function_depth;
  sub.loop_depth = loop_depth;
  sub.recursion = recursion;
  sub.bracket_depth_ = 1; // the field is parsed as if parenthesized
  sub.fstring_nesting = fstring_nesting + 1;
  if (sub.fstring_nesting > 8) throw error_after(token, "f-string: expressions nested too deeply");
  Expr* value = nullptr;
  try {
    value = sub.parse_fstring_expression(token);
  } catch (SyntaxError& error) {
    // CPython 3.11 parses the field as "(expr)" and reports errors against
    // that text, prefixed with "f-string: ".
    if (error.kind != SyntaxErrorKind::SyntaxError || error.line != expr_line ||
        expr_text.find('\n') != std::string_view::npos || error.message.rfind("f-string", 0) == 0) {
      throw;
    }
    int32_t field_offset = 1; // 1-based character offset of the expression in its line
    for (uint32_t k = expr_line_start; k < expr_begin; ++k) {
      if ((static_cast<unsigned char>(src[k]) & 0xC0) != 0x80) ++field_offset;
    }
    error.message = "f-string: " + error.message;
    error.text = "(" + std::string(expr_text) + ")";
    error.offset = error.offset - field_offset + 2;
    if (error.end_offset > 0) error.end_offset = error.end_offset - field_offset + 2;
    throw;
  }

  // `{expr=}` prints the expression's text first.
  bool self_documenting = false;
  if (src[j] == '=') {
    self_documenting = true;
    ++j;
    while (j < end && (src[j] == ' ' || src[j] == '\t' || src[j] == '\n')) {
      if (src[j] == '\n') {
        ++line;
        line_start = j + 1;
      }
      ++j;
    }
    pending += src.substr(expr_begin, j - expr_begin);
    flush_literal(parts, pending);
  }
  int32_t conversion = -1;
  if (j < end && src[j] == '!') {
    ++j;
    char conv = j < end ? src[j] : '\0';
    if (conv != 's' && conv != 'r' && conv != 'a') {
      throw error_after(token, "f-string: invalid conversion character: expected 's', 'r', or 'a'");
    }
    conversion = conv;
    ++j;
  }
  Expr* spec = nullptr;
  if (j < end && src[j] == ':') {
    std::vector<Expr*> spec_parts;
    std::string spec_pending;
    j = parse_fstring_body(token, j + 1, end, raw, line, line_start, nesting + 1, spec_parts,
                           spec_pending);
    flush_literal(spec_parts, spec_pending);
    auto* joined = arena_.make<JoinedStr>();
    joined->loc = value->loc;
    joined->values = copy(spec_parts);
    spec = joined;
  }
  if (j >= end || src[j] != '}') throw error_after(token, "f-string: expecting '}'");
  ++j;
  if (self_documenting && conversion < 0 && !spec) conversion = 'r';
  auto* fv = arena_.make<FormattedValue>();
  fv->loc = value->loc;
  fv->value = value;
  fv->conversion = conversion;
  fv->format_spec = spec;
  parts.push_back(fv);
  return j;
}

} // namespace bwhop::lang::detail
