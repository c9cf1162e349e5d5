#include "core/unittest/inline_literal.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <functional>
#include <stdexcept>

#include "core/lang/ast_visit.h"
#include "core/lang/parser.h"

namespace bwhop::unittest {

namespace {

struct LiteralParts {
  std::string prefix; // letters before the quote, as written
  std::string quote;  // ', ", ''' or """
};

LiteralParts split_literal(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size() && std::isalpha(static_cast<unsigned char>(text[i]))) ++i;
  const std::string prefix(text.substr(0, i));
  for (char c : prefix)
    if (c != 'r' && c != 'R' && c != 'u' && c != 'U')
      throw std::invalid_argument("not a plain string literal (prefix '" + prefix + "')");
  if (i >= text.size() || (text[i] != '"' && text[i] != '\''))
    throw std::invalid_argument("not a string literal");
  const char q = text[i];
  const bool triple = text.substr(i, 3) == std::string(3, q);
  std::string quote = triple ? std::string(3, q) : std::string(1, q);
  const std::size_t body_begin = i + quote.size();
  if (text.size() < body_begin + quote.size() || text.substr(text.size() - quote.size()) != quote)
    throw std::invalid_argument("not a single string literal");
  // Implicit concatenation ("a" "b") would contain a closing quote followed by
  // more literal text; a lone literal's body never holds an unescaped closer.
  std::string_view body = text.substr(body_begin, text.size() - body_begin - quote.size());
  for (std::size_t k = 0; k < body.size(); ++k) {
    if (body[k] == '\\') {
      ++k;
      continue;
    }
    if (body.substr(k, quote.size()) == quote)
      throw std::invalid_argument("several string literals (implicit concatenation)");
  }
  return {prefix, std::move(quote)};
}

bool has_raw_prefix(const std::string& prefix) {
  return prefix.find_first_of("rR") != std::string::npos;
}

std::string without_raw_prefix(const std::string& prefix) {
  std::string out;
  for (char c : prefix)
    if (c != 'r' && c != 'R') out += c;
  return out;
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
  std::string out;
  std::size_t pos = 0;
  for (std::size_t hit; (hit = s.find(from, pos)) != std::string::npos; pos = hit + from.size())
    out.append(s, pos, hit - pos).append(to);
  out.append(s, pos);
  s = std::move(out);
}

// Control characters other than newline and tab become \xNN (not raw-safe).
bool has_other_control(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    return static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t';
  });
}

std::string escape_controls(std::string_view s, bool escape_newline_and_tab) {
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\n' && escape_newline_and_tab) {
      out += "\\n";
    } else if (c == '\t' && escape_newline_and_tab) {
      out += "\\t";
    } else if (u < 0x20 && c != '\n' && c != '\t') {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", u);
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

std::string render_triple(const LiteralParts& parts, std::string_view value) {
  const char q = parts.quote[0];
  const std::string triple(3, q);
  std::string s(value);
  // As expecttest: a raw literal stays raw when the text can be written raw.
  const bool raw = has_raw_prefix(parts.prefix) && s.find(triple) == std::string::npos &&
                   (s.empty() || (s.back() != q && s.back() != '\\')) && !has_other_control(s);
  if (!raw) {
    replace_all(s, "\\", "\\\\");
    if (!s.empty() && s.back() == q) s.insert(s.size() - 1, "\\");
    const std::string esc = std::string("\\") + q;
    replace_all(s, triple, esc + esc + esc);
    s = escape_controls(s, false);
  }
  const bool continuation = !raw && s.find('\n') != std::string::npos;
  return (raw ? parts.prefix : without_raw_prefix(parts.prefix)) + parts.quote +
         (continuation ? "\\\n" : "") + s + parts.quote;
}

std::string render_single(const LiteralParts& parts, std::string_view value) {
  const char q = parts.quote[0];
  const bool raw = has_raw_prefix(parts.prefix) &&
                   value.find_first_of(std::string("\n\r") + q) == std::string_view::npos &&
                   (value.empty() || value.back() != '\\') && !has_other_control(value);
  std::string s(value);
  if (!raw) {
    replace_all(s, "\\", "\\\\");
    replace_all(s, std::string(1, q), std::string("\\") + q);
    s = escape_controls(s, true);
  }
  return (raw ? parts.prefix : without_raw_prefix(parts.prefix)) + parts.quote + s + parts.quote;
}

std::size_t offset_of(const lang::ParsedFile& file, int line, int col) {
  std::string_view text = file.source_line(line);
  return static_cast<std::size_t>(text.data() - file.source().data()) +
         static_cast<std::size_t>(col);
}

std::string_view callee_name(const lang::Call* call) {
  if (auto* a = call->func->as<lang::Attribute>()) return a->attr.view();
  if (auto* n = call->func->as<lang::Name>()) return n->var.name.view();
  return {};
}

const lang::Constant* as_str_constant(const lang::Expr* e) {
  auto* c = e ? e->as<lang::Constant>() : nullptr;
  return c && c->value_kind == lang::ConstantKind::Str ? c : nullptr;
}

// The expected-text argument: keyword `expect`, else the second positional.
const lang::Constant* expect_argument(const lang::Call* call) {
  for (const lang::Keyword& k : call->keywords)
    if (k.arg.view() == "expect") return as_str_constant(k.value);
  if (call->args.size >= 2) return as_str_constant(call->args[1]);
  return nullptr;
}

void collect_calls_on_line(lang::Span<lang::Stmt*> body, int line,
                           std::vector<const lang::Call*>& out) {
  std::function<void(lang::Expr*)> on_expr;
  std::function<void(lang::Stmt*)> on_stmt;
  on_expr = [&](lang::Expr* e) {
    if (e->loc.line > line || e->loc.end_line < line) return;
    if (auto* c = e->as<lang::Call>(); c && c->loc.line == line) out.push_back(c);
    lang::visit_children(e, on_expr, on_stmt);
  };
  on_stmt = [&](lang::Stmt* s) {
    if (s->loc.line > line || s->loc.end_line < line) return;
    lang::visit_children(s, on_expr, on_stmt);
  };
  for (lang::Stmt* s : body) on_stmt(s);
}

} // namespace

std::string render_literal(std::string_view old_literal, std::string_view value) {
  const LiteralParts parts = split_literal(old_literal);
  return parts.quote.size() == 3 ? render_triple(parts, value) : render_single(parts, value);
}

std::optional<LiteralEdit> locate_expect_literal(const std::string& path, const std::string& source,
                                                 int call_line, std::string* why) {
  auto fail = [&](std::string reason) -> std::optional<LiteralEdit> {
    if (why) *why = path + ":" + std::to_string(call_line) + ": " + std::move(reason);
    return std::nullopt;
  };
  if (source.find('\r') != std::string::npos)
    return fail("the file has carriage returns; not rewriting it");
  lang::ParseResult parsed = lang::try_parse_file(path, source);
  if (!parsed.file) return fail("the file no longer parses");
  std::vector<const lang::Call*> calls;
  collect_calls_on_line(parsed.file->body, call_line, calls);
  const lang::Constant* literal = nullptr;
  for (const lang::Call* c : calls) // the assertExpectedInline call itself first
    if (callee_name(c).ends_with("ExpectedInline") && (literal = expect_argument(c))) break;
  for (std::size_t i = 0; !literal && i < calls.size(); ++i) { // a helper called with skip
    literal = expect_argument(calls[i]);
    for (std::size_t a = calls[i]->args.size; !literal && a > 0; --a)
      literal = as_str_constant(calls[i]->args[a - 1]); // its last literal argument
  }
  if (!literal) return fail("no call with a string literal as expected text starts on this line");
  LiteralEdit edit;
  edit.begin = offset_of(*parsed.file, literal->loc.line, literal->loc.col);
  edit.end = offset_of(*parsed.file, literal->loc.end_line, literal->loc.end_col);
  if (edit.end <= edit.begin || edit.end > source.size())
    return fail("the literal's position is out of range");
  return edit;
}

std::string apply_literal_edits(std::string source, std::vector<LiteralEdit> edits) {
  std::sort(edits.begin(), edits.end(),
            [](const LiteralEdit& a, const LiteralEdit& b) { return a.begin > b.begin; });
  for (std::size_t i = 0; i < edits.size(); ++i) {
    const LiteralEdit& e = edits[i];
    if (e.end > source.size() || e.begin > e.end)
      throw std::invalid_argument("literal edit out of range");
    if (i > 0 && e.end > edits[i - 1].begin)
      throw std::invalid_argument("overlapping literal edits");
    const std::string old = source.substr(e.begin, e.end - e.begin);
    source.replace(e.begin, e.end - e.begin, render_literal(old, e.value));
  }
  return source;
}

} // namespace bwhop::unittest
