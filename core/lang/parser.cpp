// The parser driver, error helpers, statements and assignment targets.
#include "core/lang/parser.h"

#include <algorithm>
#include <unordered_set>

#include "core/lang/ast_visit.h"
#include "core/lang/parser_impl.h"

namespace bwhop::lang {

namespace detail {

RecursionGuard::RecursionGuard(Parser& p) : parser(p) {
  if (++parser.recursion > kMaxParserRecursion) {
    --parser.recursion;
    throw SyntaxError(SyntaxErrorKind::RecursionError,
                      "maximum recursion depth exceeded during compilation", "", 0, 0, 0, 0, "");
  }
}

const char* expr_description(const Expr* e) {
  switch (e->kind) {
  case ExprKind::Attribute:
    return "attribute";
  case ExprKind::Subscript:
    return "subscript";
  case ExprKind::Starred:
    return "starred";
  case ExprKind::Name:
    return "name";
  case ExprKind::List:
    return "list";
  case ExprKind::Tuple:
    return "tuple";
  case ExprKind::Lambda:
    return "lambda";
  case ExprKind::Call:
    return "function call";
  case ExprKind::BoolOp:
  case ExprKind::BinOp:
  case ExprKind::UnaryOp:
    return "expression";
  case ExprKind::GeneratorExp:
    return "generator expression";
  case ExprKind::ListComp:
    return "list comprehension";
  case ExprKind::SetComp:
    return "set comprehension";
  case ExprKind::DictComp:
    return "dict comprehension";
  case ExprKind::Dict:
    return "dict literal";
  case ExprKind::Set:
    return "set display";
  case ExprKind::JoinedStr:
  case ExprKind::FormattedValue:
    return "f-string expression";
  case ExprKind::Constant:
    switch (static_cast<const Constant*>(e)->value_kind) {
    case ConstantKind::None:
      return "None";
    case ConstantKind::True:
      return "True";
    case ConstantKind::False:
      return "False";
    case ConstantKind::Ellipsis:
      return "ellipsis";
    default:
      return "literal";
    }
  case ExprKind::Compare:
    return "comparison";
  case ExprKind::IfExp:
    return "conditional expression";
  case ExprKind::NamedExpr:
    return "named expression";
  case ExprKind::Slice:
    return "slice";
  }
  return "expression";
}

Parser::Parser(ParsedFile& file, Lexer lexer, DeferredErrors& deferred)
    : file_(file), arena_(file.arena()), lexer_(std::move(lexer)), deferred_(deferred) {}

// ------------------------------------------------------------------ tokens

void Parser::fetch() {
  if (!toks_.empty() && toks_.back().kind == TokenKind::EndMarker) {
    toks_.push_back(toks_.back());
    return;
  }
  try {
    toks_.push_back(lexer_.next());
  } catch (const SyntaxError&) {
    lexer_failed_ = true;
    throw;
  }
}

Token Parser::advance() {
  Token t = tok();
  if (t.kind != TokenKind::EndMarker) {
    // Layout tokens are not part of any node's extent.
    if (t.kind != TokenKind::Newline && t.kind != TokenKind::Indent &&
        t.kind != TokenKind::Dedent) {
      prev_end_line_ = t.end_line;
      prev_end_col_ = t.end_col;
    }
    ++pos_;
  }
  return t;
}

bool Parser::accept(TokenKind kind) {
  if (tok().kind != kind) return false;
  advance();
  return true;
}

Token Parser::expect(TokenKind kind) {
  if (tok().kind != kind) {
    if (kind == TokenKind::Colon && tok().kind != TokenKind::ErrorToken) {
      throw error_range({prev_end_line_, prev_end_col_, prev_end_line_, -1}, "expected ':'");
    }
    invalid_syntax();
  }
  return advance();
}

// ------------------------------------------------------------------ errors

SyntaxError Parser::error_at(const Token& t, std::string message, SyntaxErrorKind kind,
                             bool whole_token) {
  int32_t end_col = whole_token ? t.end_col : -1;
  if (t.kind == TokenKind::Indent || t.kind == TokenKind::Dedent || t.col < 0) end_col = -1;
  return lexer_.error(kind, std::move(message), t.line, t.col, t.end_line, end_col);
}

SyntaxError Parser::error_after(const Token& t, std::string message) {
  return lexer_.error(SyntaxErrorKind::SyntaxError, std::move(message), t.end_line, t.end_col);
}

SyntaxError Parser::error_range(const Loc& loc, std::string message, SyntaxErrorKind kind) {
  return lexer_.error(kind, std::move(message), loc.line, loc.col, loc.end_line, loc.end_col);
}

void Parser::invalid_syntax() {
  const Token& t = tok();
  if (t.kind == TokenKind::ErrorToken && lexer_.unclosed_at_eof()) {
    lexer_failed_ = true;
    throw lexer_.unclosed_error();
  }
  check_not_unsupported();
  if (t.kind == TokenKind::Indent || t.kind == TokenKind::Dedent) {
    skip_tokenizer_check_ = true;
    throw error_at(t, t.kind == TokenKind::Indent ? "unexpected indent" : "unexpected unindent",
                   SyntaxErrorKind::IndentationError);
  }
  throw error_at(t, "invalid syntax", SyntaxErrorKind::SyntaxError, true);
}

void Parser::unsupported(const Token& t, const std::string& what) {
  throw error_at(t, what + " is not supported by bwhop");
}

// Constructs outside bwhop's subset get a clear message instead of
// "invalid syntax".
void Parser::check_not_unsupported() {
  const Token& t = tok();
  switch (t.kind) {
  case TokenKind::KwYield:
    unsupported(t, "'yield'");
  case TokenKind::KwAsync:
    unsupported(t, "'async'");
  case TokenKind::KwAwait:
    unsupported(t, "'await'");
  default:
    break;
  }
}

void Parser::defer_compiler(const Loc& loc, std::string message) {
  deferred_.compiler.push_back(error_range(loc, std::move(message)));
}

void Parser::defer_symtable(const Loc& loc, std::string message) {
  deferred_.symtable.push_back(error_range(loc, std::move(message)));
}

SyntaxError Parser::prefer_tokenizer_error(SyntaxError error) {
  if (lexer_failed_ || skip_tokenizer_check_) return error;
  // CPython compares with the line of the furthest token the parser looked at.
  int32_t furthest_line = toks_.empty() ? error.line : toks_.back().line;
  try {
    for (;;) {
      Token t = lexer_.next();
      if (t.kind == TokenKind::EndMarker) break;
      if (t.kind == TokenKind::ErrorToken && lexer_.unclosed_at_eof()) {
        if (lexer_.innermost_open_line() < furthest_line) return lexer_.unclosed_error();
        break;
      }
    }
  } catch (const SyntaxError& tokenizer_error) {
    return tokenizer_error;
  }
  return error;
}

// ------------------------------------------------------------------ module

Span<Stmt*> Parser::parse_module() {
  std::vector<Stmt*> body;
  while (!check(TokenKind::EndMarker)) {
    std::size_t first = body.size();
    parse_statement(body);
    for (std::size_t i = first; i < body.size(); ++i) check_depth(body[i]);
    // Finished statements are never re-read: drop their tokens.
    toks_.erase(toks_.begin(), toks_.begin() + static_cast<std::ptrdiff_t>(pos_));
    pos_ = 0;
  }
  return copy(body);
}

// Rejects statements whose syntax tree is deeper than kMaxAstDepth, so that
// tree walkers (evaluator, dynamo) can recurse safely. The walk stops at the
// limit, so its own recursion is bounded.
void Parser::check_depth(Stmt* s) {
  struct Walker {
    int depth = 0;
    bool too_deep = false;
    void expr(Expr* e) {
      if (too_deep) return;
      if (++depth > kMaxAstDepth) {
        too_deep = true;
      } else {
        visit_children(
            e, [this](Expr* c) { expr(c); }, [this](Stmt* c) { stmt(c); });
      }
      --depth;
    }
    void stmt(Stmt* s) {
      if (too_deep) return;
      if (++depth > kMaxAstDepth) {
        too_deep = true;
      } else {
        visit_children(
            s, [this](Expr* c) { expr(c); }, [this](Stmt* c) { stmt(c); });
      }
      --depth;
    }
  } walker;
  walker.stmt(s);
  if (walker.too_deep) {
    throw SyntaxError(SyntaxErrorKind::RecursionError,
                      "maximum recursion depth exceeded during compilation", file_.path(),
                      s->loc.line, 0, 0, 0, "");
  }
}

// ------------------------------------------------------------------ statements

void Parser::parse_statement(std::vector<Stmt*>& out) {
  const Token& t = tok();
  switch (t.kind) {
  case TokenKind::KwDef:
    out.push_back(parse_function_def({}));
    return;
  case TokenKind::At:
    out.push_back(parse_decorated());
    return;
  case TokenKind::KwClass:
    out.push_back(parse_class_def({}));
    return;
  case TokenKind::KwIf:
    out.push_back(parse_if(false));
    return;
  case TokenKind::KwWhile:
    out.push_back(parse_while());
    return;
  case TokenKind::KwFor:
    out.push_back(parse_for());
    return;
  case TokenKind::KwTry:
    out.push_back(parse_try());
    return;
  case TokenKind::KwWith:
    out.push_back(parse_with());
    return;
  case TokenKind::KwAsync:
    unsupported(t, "'async'");
  case TokenKind::Indent:
    invalid_syntax();
  default:
    break;
  }
  // `match subject:` (a soft keyword): reject clearly, but keep `match` usable
  // as an ordinary name.
  if (is_name(t, "match")) {
    std::size_t saved_pos = pos_;
    int32_t saved_line = prev_end_line_, saved_col = prev_end_col_;
    std::size_t saved_symtable = deferred_.symtable.size();
    std::size_t saved_compiler = deferred_.compiler.size();
    try {
      parse_simple_statements(out);
      return;
    } catch (const SyntaxError&) {
      if (lexer_failed_) throw;
      pos_ = saved_pos;
      prev_end_line_ = saved_line;
      prev_end_col_ = saved_col;
      deferred_.symtable.erase(deferred_.symtable.begin() +
                                   static_cast<std::ptrdiff_t>(saved_symtable),
                               deferred_.symtable.end());
      deferred_.compiler.erase(deferred_.compiler.begin() +
                                   static_cast<std::ptrdiff_t>(saved_compiler),
                               deferred_.compiler.end());
      unsupported(tok(), "the 'match' statement");
    }
  }
  parse_simple_statements(out);
}

void Parser::parse_simple_statements(std::vector<Stmt*>& out) {
  for (;;) {
    out.push_back(parse_simple_statement());
    if (accept(TokenKind::Semi)) {
      if (check(TokenKind::Newline)) break;
      continue;
    }
    break;
  }
  if (!check(TokenKind::Newline)) invalid_syntax();
  advance();
}

Stmt* Parser::parse_simple_statement() {
  const Token start = tok();
  switch (start.kind) {
  case TokenKind::KwPass:
    advance();
    return make<Pass>(loc_from(start));
  case TokenKind::KwBreak:
  case TokenKind::KwContinue: {
    advance();
    Loc loc = loc_from(start);
    if (loop_depth == 0) {
      defer_compiler(loc, start.kind == TokenKind::KwBreak ? "'break' outside loop"
                                                           : "'continue' not properly in loop");
    }
    if (start.kind == TokenKind::KwBreak) return make<Break>(loc);
    return make<Continue>(loc);
  }
  case TokenKind::KwReturn:
    return parse_return();
  case TokenKind::KwRaise:
    return parse_raise();
  case TokenKind::KwGlobal:
    return parse_global_or_nonlocal(true);
  case TokenKind::KwNonlocal:
    return parse_global_or_nonlocal(false);
  case TokenKind::KwDel:
    return parse_del();
  case TokenKind::KwAssert:
    return parse_assert();
  case TokenKind::KwImport:
    return parse_import();
  case TokenKind::KwFrom:
    return parse_import_from();
  default:
    return parse_expression_statement();
  }
}

Span<Stmt*> Parser::parse_block(const std::string& what, int32_t line) {
  expect(TokenKind::Colon);
  std::vector<Stmt*> body;
  if (!check(TokenKind::Newline)) {
    parse_simple_statements(body);
    return copy(body);
  }
  advance();
  if (!check(TokenKind::Indent)) {
    throw error_at(tok(),
                   "expected an indented block after " + what + " on line " + std::to_string(line),
                   SyntaxErrorKind::IndentationError);
  }
  advance();
  while (!check(TokenKind::Dedent) && !check(TokenKind::EndMarker)) parse_statement(body);
  advance();
  return copy(body);
}

Stmt* Parser::parse_decorated() {
  std::vector<Expr*> decorators;
  while (accept(TokenKind::At)) {
    decorators.push_back(parse_named_expression());
    expect(TokenKind::Newline);
  }
  if (check(TokenKind::KwDef)) return parse_function_def(std::move(decorators));
  if (check(TokenKind::KwClass)) return parse_class_def(std::move(decorators));
  invalid_syntax();
}

Stmt* Parser::parse_function_def(std::vector<Expr*> decorators) {
  const Token start = advance(); // def
  Token name = tok();
  if (name.kind != TokenKind::Name) invalid_syntax();
  advance();
  expect(TokenKind::LPar);
  ++bracket_depth_;
  Arguments* args = parse_parameters(true, TokenKind::RPar);
  --bracket_depth_;
  expect(TokenKind::RPar);
  Expr* returns = nullptr;
  if (accept(TokenKind::RArrow)) returns = parse_expression();
  auto* def = make<FunctionDef>(loc_from(start));
  def->name.name = name.name;
  def->args = args;
  def->returns = returns;
  def->decorator_list = copy(decorators);
  int saved_loop = loop_depth;
  bool saved_class = in_class_body_;
  loop_depth = 0;
  in_class_body_ = false;
  ++function_depth;
  def->body = parse_block("function definition", start.line);
  --function_depth;
  loop_depth = saved_loop;
  in_class_body_ = saved_class;
  def->loc = loc_from(start);
  return def;
}

Stmt* Parser::parse_class_def(std::vector<Expr*> decorators) {
  const Token start = advance(); // class
  Token name = tok();
  if (name.kind != TokenKind::Name) invalid_syntax();
  advance();
  auto* cls = make<ClassDef>(loc_from(start));
  cls->name.name = name.name;
  cls->decorator_list = copy(decorators);
  if (check(TokenKind::LPar)) {
    auto* call = parse_call(nullptr)->as<Call>();
    cls->bases = call->args;
    cls->keywords = call->keywords;
  }
  int saved_loop = loop_depth;
  int saved_function = function_depth;
  bool saved_class = in_class_body_;
  loop_depth = 0;
  function_depth = 0;
  in_class_body_ = true;
  cls->body = parse_block("class definition", start.line);
  loop_depth = saved_loop;
  function_depth = saved_function;
  in_class_body_ = saved_class;
  cls->loc = loc_from(start);
  return cls;
}

Stmt* Parser::parse_if(bool is_elif) {
  const Token start = advance(); // if / elif
  auto* node = make<If>(loc_from(start));
  node->test = parse_named_expression();
  node->body = parse_block(is_elif ? "'elif' statement" : "'if' statement", start.line);
  if (check(TokenKind::KwElif)) {
    Stmt* elif = parse_if(true);
    node->orelse = arena_.copy(std::vector<Stmt*>{elif});
  } else if (check(TokenKind::KwElse)) {
    Token else_tok = advance();
    node->orelse = parse_block("'else' statement", else_tok.line);
  }
  node->loc = loc_from(start);
  return node;
}

Stmt* Parser::parse_while() {
  const Token start = advance();
  auto* node = make<While>(loc_from(start));
  node->test = parse_named_expression();
  ++loop_depth;
  node->body = parse_block("'while' statement", start.line);
  --loop_depth;
  if (check(TokenKind::KwElse)) {
    Token else_tok = advance();
    node->orelse = parse_block("'else' statement", else_tok.line);
  }
  node->loc = loc_from(start);
  return node;
}

Stmt* Parser::parse_for() {
  const Token start = advance();
  auto* node = make<For>(loc_from(start));
  node->target = parse_target_list();
  expect(TokenKind::KwIn);
  node->iter = parse_star_expressions();
  ++loop_depth;
  node->body = parse_block("'for' statement", start.line);
  --loop_depth;
  if (check(TokenKind::KwElse)) {
    Token else_tok = advance();
    node->orelse = parse_block("'else' statement", else_tok.line);
  }
  node->loc = loc_from(start);
  return node;
}

Stmt* Parser::parse_try() {
  const Token start = advance();
  auto* node = make<Try>(loc_from(start));
  node->body = parse_block("'try' statement", start.line);
  std::vector<ExceptHandler> handlers;
  while (check(TokenKind::KwExcept)) {
    Token except_tok = advance();
    if (check(TokenKind::Star)) unsupported(tok(), "'except*'");
    ExceptHandler h;
    if (!check(TokenKind::Colon)) {
      h.type = parse_expression();
      if (check(TokenKind::Comma)) {
        // `except A, B:` is Python 2; CPython asks for parentheses.
        throw error_range(h.type->loc, "multiple exception types must be parenthesized");
      }
      if (accept(TokenKind::KwAs)) {
        Token name = tok();
        if (name.kind != TokenKind::Name) invalid_syntax();
        advance();
        h.name.name = name.name;
      }
    }
    h.body = parse_block("'except' statement", except_tok.line);
    h.loc = loc_from(except_tok);
    handlers.push_back(h);
  }
  node->handlers = copy(handlers);
  if (check(TokenKind::KwElse)) {
    if (handlers.empty()) invalid_syntax();
    Token else_tok = advance();
    node->orelse = parse_block("'else' statement", else_tok.line);
  }
  if (check(TokenKind::KwFinally)) {
    Token finally_tok = advance();
    node->finalbody = parse_block("'finally' statement", finally_tok.line);
  }
  if (handlers.empty() && node->finalbody.empty()) {
    throw error_at(tok(), "expected 'except' or 'finally' block");
  }
  node->loc = loc_from(start);
  return node;
}

bool Parser::try_parenthesized_with_items(std::vector<WithItem>& items) {
  // `with (a as b, c as d):` — only when the parenthesized list is followed
  // by ':'; otherwise the parenthesis belongs to an ordinary expression.
  std::size_t saved_pos = pos_;
  int32_t saved_line = prev_end_line_, saved_col = prev_end_col_;
  int saved_brackets = bracket_depth_;
  std::size_t saved_symtable = deferred_.symtable.size();
  std::size_t saved_compiler = deferred_.compiler.size();
  try {
    advance(); // (
    ++bracket_depth_;
    std::vector<WithItem> found;
    while (!check(TokenKind::RPar)) {
      WithItem item;
      item.context_expr = parse_expression();
      if (accept(TokenKind::KwAs)) {
        item.optional_vars = parse_bitwise_or(); // one target: `as (a, b)` needs parentheses
        require_target(item.optional_vars, ExprContext::Store);
      }
      found.push_back(item);
      if (!accept(TokenKind::Comma)) break;
    }
    expect(TokenKind::RPar);
    --bracket_depth_;
    if (!check(TokenKind::Colon) || found.empty()) throw 0;
    items = std::move(found);
    return true;
  } catch (const SyntaxError&) {
    if (lexer_failed_) throw;
  } catch (int) {
  }
  pos_ = saved_pos;
  prev_end_line_ = saved_line;
  prev_end_col_ = saved_col;
  bracket_depth_ = saved_brackets;
  deferred_.symtable.erase(deferred_.symtable.begin() + static_cast<std::ptrdiff_t>(saved_symtable),
                           deferred_.symtable.end());
  deferred_.compiler.erase(deferred_.compiler.begin() + static_cast<std::ptrdiff_t>(saved_compiler),
                           deferred_.compiler.end());
  return false;
}

Stmt* Parser::parse_with() {
  const Token start = advance();
  auto* node = make<With>(loc_from(start));
  std::vector<WithItem> items;
  if (!(check(TokenKind::LPar) && try_parenthesized_with_items(items))) {
    for (;;) {
      WithItem item;
      item.context_expr = parse_expression();
      if (accept(TokenKind::KwAs)) {
        item.optional_vars = parse_bitwise_or(); // one target: `as (a, b)` needs parentheses
        require_target(item.optional_vars, ExprContext::Store);
      }
      items.push_back(item);
      if (!accept(TokenKind::Comma)) break;
    }
  }
  node->items = copy(items);
  node->body = parse_block("'with' statement", start.line);
  node->loc = loc_from(start);
  return node;
}

Stmt* Parser::parse_return() {
  const Token start = advance();
  auto* node = make<Return>(loc_from(start));
  if (!check(TokenKind::Newline) && !check(TokenKind::Semi)) {
    node->value = parse_star_expressions();
    if (node->value->is<Starred>()) {
      defer_compiler(node->value->loc, "can't use starred expression here");
    }
  }
  node->loc = loc_from(start);
  if (function_depth == 0) defer_compiler(node->loc, "'return' outside function");
  return node;
}

Stmt* Parser::parse_raise() {
  const Token start = advance();
  auto* node = make<Raise>(loc_from(start));
  if (!check(TokenKind::Newline) && !check(TokenKind::Semi)) {
    node->exc = parse_expression();
    if (accept(TokenKind::KwFrom)) node->cause = parse_expression();
  }
  node->loc = loc_from(start);
  return node;
}

Stmt* Parser::parse_global_or_nonlocal(bool global) {
  const Token start = advance();
  std::vector<VarRef> names;
  for (;;) {
    Token name = tok();
    if (name.kind != TokenKind::Name) invalid_syntax();
    advance();
    VarRef ref;
    ref.name = name.name;
    names.push_back(ref);
    if (!accept(TokenKind::Comma)) break;
  }
  Loc loc = loc_from(start);
  if (global) {
    auto* node = make<Global>(loc);
    node->names = copy(names);
    return node;
  }
  if (function_depth == 0 && !in_class_body_) {
    defer_symtable(loc, "nonlocal declaration not allowed at module level");
  }
  auto* node = make<Nonlocal>(loc);
  node->names = copy(names);
  return node;
}

Stmt* Parser::parse_del() {
  const Token start = advance();
  std::vector<Expr*> targets;
  for (;;) {
    Expr* target = parse_bitwise_or();
    require_target(target, ExprContext::Del);
    targets.push_back(target);
    if (!accept(TokenKind::Comma)) break;
    if (check(TokenKind::Newline) || check(TokenKind::Semi)) break;
  }
  auto* node = make<Delete>(loc_from(start));
  node->targets = copy(targets);
  return node;
}

Stmt* Parser::parse_assert() {
  const Token start = advance();
  auto* node = make<Assert>(loc_from(start));
  node->test = parse_expression();
  if (accept(TokenKind::Comma)) node->msg = parse_expression();
  node->loc = loc_from(start);
  return node;
}

Symbol Parser::parse_dotted_name() {
  Token first = tok();
  if (first.kind != TokenKind::Name) invalid_syntax();
  advance();
  if (!check(TokenKind::Dot)) return first.name;
  std::string dotted(first.name.view());
  while (accept(TokenKind::Dot)) {
    Token part = tok();
    if (part.kind != TokenKind::Name) invalid_syntax();
    advance();
    dotted += '.';
    dotted += part.name.view();
  }
  return intern(dotted);
}

Stmt* Parser::parse_import() {
  const Token start = advance();
  std::vector<Alias> names;
  for (;;) {
    Token first = tok();
    Alias alias;
    alias.name = parse_dotted_name();
    if (accept(TokenKind::KwAs)) {
      Token as = tok();
      if (as.kind != TokenKind::Name) invalid_syntax();
      advance();
      alias.asname = as.name;
      alias.bound.name = as.name;
    } else {
      alias.bound.name = first.name; // `import a.b.c` binds `a`
    }
    alias.loc = loc_from(first);
    names.push_back(alias);
    if (!accept(TokenKind::Comma)) break;
  }
  auto* node = make<Import>(loc_from(start));
  node->names = copy(names);
  return node;
}

Stmt* Parser::parse_import_from() {
  const Token start = advance();
  int32_t level = 0;
  for (;;) {
    if (accept(TokenKind::Dot)) {
      ++level;
    } else if (accept(TokenKind::Ellipsis)) {
      level += 3;
    } else {
      break;
    }
  }
  Symbol module;
  if (check(TokenKind::Name)) {
    module = parse_dotted_name();
  } else if (level == 0) {
    invalid_syntax();
  }
  expect(TokenKind::KwImport);
  std::vector<Alias> names;
  if (check(TokenKind::Star)) {
    Token star = advance();
    Alias alias;
    alias.name = intern("*");
    alias.loc = loc_from(star);
    names.push_back(alias);
    if (function_depth > 0 || in_class_body_) {
      defer_symtable(alias.loc, "import * only allowed at module level");
    }
  } else {
    bool parens = accept(TokenKind::LPar);
    if (parens) ++bracket_depth_;
    for (;;) {
      Token name = tok();
      if (name.kind != TokenKind::Name) invalid_syntax();
      advance();
      Alias alias;
      alias.name = name.name;
      alias.bound.name = name.name;
      if (accept(TokenKind::KwAs)) {
        Token as = tok();
        if (as.kind != TokenKind::Name) invalid_syntax();
        advance();
        alias.asname = as.name;
        alias.bound.name = as.name;
      }
      alias.loc = loc_from(name);
      names.push_back(alias);
      if (!accept(TokenKind::Comma)) break;
      if (parens && check(TokenKind::RPar)) break;
    }
    if (parens) {
      --bracket_depth_;
      expect(TokenKind::RPar);
    }
  }
  auto* node = make<ImportFrom>(loc_from(start));
  node->module = module;
  node->level = level;
  node->names = copy(names);
  return node;
}

namespace {

bool is_augassign(TokenKind k, BinOpKind& op) {
  switch (k) {
  case TokenKind::PlusEqual:
    op = BinOpKind::Add;
    return true;
  case TokenKind::MinEqual:
    op = BinOpKind::Sub;
    return true;
  case TokenKind::StarEqual:
    op = BinOpKind::Mult;
    return true;
  case TokenKind::AtEqual:
    op = BinOpKind::MatMult;
    return true;
  case TokenKind::SlashEqual:
    op = BinOpKind::Div;
    return true;
  case TokenKind::PercentEqual:
    op = BinOpKind::Mod;
    return true;
  case TokenKind::AmperEqual:
    op = BinOpKind::BitAnd;
    return true;
  case TokenKind::VBarEqual:
    op = BinOpKind::BitOr;
    return true;
  case TokenKind::CircumflexEqual:
    op = BinOpKind::BitXor;
    return true;
  case TokenKind::LeftShiftEqual:
    op = BinOpKind::LShift;
    return true;
  case TokenKind::RightShiftEqual:
    op = BinOpKind::RShift;
    return true;
  case TokenKind::DoubleStarEqual:
    op = BinOpKind::Pow;
    return true;
  case TokenKind::DoubleSlashEqual:
    op = BinOpKind::FloorDiv;
    return true;
  default:
    return false;
  }
}

// Targets that an invalid `x = ...` reports with CPython's "Maybe you meant
// '=='" hint (its invalid_named_expression rule: a bitwise_or operand).
bool gets_equality_hint(const Expr* e) {
  switch (e->kind) {
  case ExprKind::BinOp:
  case ExprKind::Call:
  case ExprKind::Dict:
  case ExprKind::Set:
  case ExprKind::ListComp:
  case ExprKind::SetComp:
  case ExprKind::DictComp:
  case ExprKind::JoinedStr:
    return true;
  case ExprKind::UnaryOp:
    return static_cast<const UnaryOp*>(e)->op != UnaryOpKind::Not;
  case ExprKind::Constant: {
    auto k = static_cast<const Constant*>(e)->value_kind;
    return k != ConstantKind::None && k != ConstantKind::True && k != ConstantKind::False;
  }
  default:
    return false;
  }
}

} // namespace

Stmt* Parser::parse_expression_statement() {
  const Token start = tok();
  Expr* first = parse_star_expressions();
  BinOpKind op{};
  if (check(TokenKind::Colon)) {
    // Annotated assignment: `target: annotation [= value]`.
    if (first->is<Tuple>()) {
      throw error_range(first->loc, "only single target (not tuple) can be annotated");
    }
    if (first->is<List>()) {
      throw error_range(first->loc, "only single target (not list) can be annotated");
    }
    if (!first->is<Name>() && !first->is<Attribute>() && !first->is<Subscript>()) {
      throw error_range(first->loc, std::string("illegal target for annotation"));
    }
    set_context(first, ExprContext::Store);
    advance();
    auto* node = make<AnnAssign>(loc_from(start));
    node->target = first;
    node->annotation = parse_expression();
    node->simple = first->is<Name>() && start.kind != TokenKind::LPar;
    if (accept(TokenKind::Equal)) node->value = parse_star_expressions();
    node->loc = loc_from(start);
    return node;
  }
  if (is_augassign(tok().kind, op)) {
    if (!first->is<Name>() && !first->is<Attribute>() && !first->is<Subscript>()) {
      throw error_range(first->loc, std::string("'") + expr_description(first) +
                                        "' is an illegal expression for augmented assignment");
    }
    set_context(first, ExprContext::Store);
    advance();
    check_not_unsupported();
    auto* node = make<AugAssign>(loc_from(start));
    node->target = first;
    node->op = op;
    node->value = parse_star_expressions();
    node->loc = loc_from(start);
    return node;
  }
  if (check(TokenKind::Equal)) {
    std::vector<Expr*> targets{first};
    Expr* value = nullptr;
    while (accept(TokenKind::Equal)) {
      check_not_unsupported();
      value = parse_star_expressions();
      targets.push_back(value);
    }
    targets.pop_back();
    if (value->is<Starred>()) defer_compiler(value->loc, "can't use starred expression here");
    for (Expr* target : targets) {
      if (target->is<Starred>()) {
        defer_compiler(target->loc, "starred assignment target must be in a list or tuple");
      }
      if (Expr* bad = set_context(target, ExprContext::Store)) {
        std::string what = expr_description(bad);
        if (targets.size() == 1 && bad == target && gets_equality_hint(bad)) {
          throw error_range(bad->loc, "cannot assign to " + what +
                                          " here. Maybe you meant '==' instead of '='?");
        }
        throw error_range(bad->loc, "cannot assign to " + what);
      }
    }
    auto* node = make<Assign>(loc_from(start));
    node->targets = copy(targets);
    node->value = value;
    return node;
  }
  if (Starred* star = first->as<Starred>()) {
    throw error_range(star->loc, "can't use starred expression here");
  }
  // Python 2's `print x`: CPython names the missing parentheses.
  if (Name* name = first->as<Name>()) {
    std::string_view id = name->var.name.view();
    if ((id == "print" || id == "exec") && at(0).kind != TokenKind::Newline &&
        at(0).kind != TokenKind::Semi && at(0).kind != TokenKind::ErrorToken) {
      std::size_t saved = pos_;
      Expr* rest = nullptr;
      try {
        rest = parse_star_expressions();
      } catch (const SyntaxError&) {
        if (lexer_failed_) throw;
      }
      if (rest) {
        throw error_range({first->loc.line, first->loc.col, rest->loc.end_line, rest->loc.end_col},
                          "Missing parentheses in call to '" + std::string(id) +
                              "'. Did you mean " + std::string(id) + "(...)?");
      }
      pos_ = saved;
    }
  }
  auto* node = make<ExprStmt>(loc_from(start));
  node->value = first;
  return node;
}

// ------------------------------------------------------------------ parameters

Arguments* Parser::parse_parameters(bool annotations, TokenKind closer) {
  std::vector<Arg> posonly, args, kwonly;
  std::vector<Expr*> defaults, kw_defaults;
  Arg* vararg = nullptr;
  Arg* kwarg = nullptr;
  bool star_seen = false;
  bool slash_seen = false;
  std::unordered_set<Symbol> seen_names;
  auto parse_arg = [&]() {
    Token name = tok();
    if (name.kind != TokenKind::Name) invalid_syntax();
    advance();
    Arg arg;
    arg.var.name = name.name;
    if (annotations && accept(TokenKind::Colon)) arg.annotation = parse_expression();
    arg.loc = loc_from(name);
    if (!seen_names.insert(name.name).second) {
      defer_symtable(arg.loc,
                     "duplicate argument '" + name.name.str() + "' in function definition");
    }
    return arg;
  };
  while (!check(closer)) {
    if (check(TokenKind::Slash)) {
      Token slash = advance();
      if (slash_seen || star_seen || args.empty()) {
        throw error_at(slash, slash_seen  ? "/ may appear only once"
                              : star_seen ? "/ must be ahead of *"
                                          : "at least one argument must precede /");
      }
      slash_seen = true;
      posonly = std::move(args);
      args.clear();
    } else if (check(TokenKind::Star)) {
      Token star = advance();
      if (star_seen) throw error_at(star, "* argument may appear only once");
      star_seen = true;
      if (check(TokenKind::Name)) {
        vararg = arena_.make<Arg>(parse_arg());
        if (check(TokenKind::Equal)) {
          throw error_at(tok(), "var-positional argument cannot have default value");
        }
      } else if (check(closer) || (check(TokenKind::Comma) && at(1).kind == closer) ||
                 (check(TokenKind::Comma) && at(1).kind == TokenKind::DoubleStar)) {
        throw error_at(star, "named arguments must follow bare *");
      }
    } else if (check(TokenKind::DoubleStar)) {
      advance();
      kwarg = arena_.make<Arg>(parse_arg());
      if (check(TokenKind::Equal)) {
        throw error_at(tok(), "var-keyword argument cannot have default value");
      }
      accept(TokenKind::Comma);
      if (!check(closer)) throw error_at(tok(), "arguments cannot follow var-keyword argument");
      break;
    } else {
      Arg arg = parse_arg();
      Expr* default_value = nullptr;
      if (accept(TokenKind::Equal)) default_value = parse_expression();
      if (star_seen) {
        kwonly.push_back(arg);
        kw_defaults.push_back(default_value);
      } else {
        if (default_value) {
          defaults.push_back(default_value);
        } else if (!defaults.empty()) {
          throw error_range(arg.loc, "non-default argument follows default argument");
        }
        args.push_back(arg);
      }
    }
    if (!accept(TokenKind::Comma)) break;
  }
  if (!check(closer)) invalid_syntax();
  auto* a = arena_.make<Arguments>();
  a->posonlyargs = copy(posonly);
  a->args = copy(args);
  a->vararg = vararg;
  a->kwonlyargs = copy(kwonly);
  a->kw_defaults = copy(kw_defaults);
  a->kwarg = kwarg;
  a->defaults = copy(defaults);
  return a;
}

// ------------------------------------------------------------------ targets

Expr* Parser::set_context(Expr* e, ExprContext ctx) {
  switch (e->kind) {
  case ExprKind::Name:
    e->as<Name>()->ctx = ctx;
    return nullptr;
  case ExprKind::Attribute:
    e->as<Attribute>()->ctx = ctx;
    return nullptr;
  case ExprKind::Subscript:
    e->as<Subscript>()->ctx = ctx;
    return nullptr;
  case ExprKind::Starred: {
    auto* s = e->as<Starred>();
    if (ctx == ExprContext::Del) return e;
    s->ctx = ctx;
    return set_context(s->value, ctx);
  }
  case ExprKind::Tuple:
  case ExprKind::List: {
    Span<Expr*> elts = e->is<Tuple>() ? e->as<Tuple>()->elts : e->as<List>()->elts;
    if (e->is<Tuple>())
      e->as<Tuple>()->ctx = ctx;
    else
      e->as<List>()->ctx = ctx;
    int starred = 0;
    for (Expr* elt : elts) {
      if (Expr* bad = set_context(elt, ctx)) return bad;
      if (elt->is<Starred>()) ++starred;
    }
    if (starred > 1) defer_compiler(e->loc, "multiple starred expressions in assignment");
    return nullptr;
  }
  default:
    return e;
  }
}

void Parser::require_target(Expr* e, ExprContext ctx) {
  if (Expr* bad = set_context(e, ctx)) {
    std::string verb = ctx == ExprContext::Del ? "cannot delete " : "cannot assign to ";
    throw error_range(bad->loc, verb + expr_description(bad));
  }
  if (e->is<Starred>()) {
    defer_compiler(e->loc, "starred assignment target must be in a list or tuple");
  }
}

Expr* Parser::parse_target_list() {
  const Token start = tok();
  std::vector<Expr*> items;
  bool trailing_comma = false;
  for (;;) {
    if (check(TokenKind::Star)) {
      Token star = advance();
      auto* s = make<Starred>(loc_from(star));
      s->value = parse_bitwise_or();
      s->loc = loc_from(star);
      items.push_back(s);
    } else {
      items.push_back(parse_bitwise_or());
    }
    trailing_comma = false;
    if (!check(TokenKind::Comma)) break;
    advance();
    trailing_comma = true;
    if (check(TokenKind::KwIn) || check(TokenKind::Equal) || check(TokenKind::Colon)) break;
  }
  Expr* target = items[0];
  if (items.size() > 1 || trailing_comma) {
    auto* t = make<Tuple>(loc_from(start));
    t->elts = copy(items);
    target = t;
  }
  require_target(target, ExprContext::Store);
  return target;
}

// ------------------------------------------------------------------ f-string fields

Expr* Parser::parse_fstring_expression(const Token& string_token) {
  if (check(TokenKind::EndMarker)) {
    throw error_at(string_token, "f-string: empty expression not allowed");
  }
  Expr* e = parse_star_expressions();
  expect_closer(TokenKind::EndMarker, e);
  return e;
}

} // namespace detail

// ------------------------------------------------------------------ entry points

namespace {

std::string normalize_newlines(std::string source) {
  // std::find rather than string::find: GCC 12 -O2 reports a false maybe-uninitialized there.
  if (std::find(source.begin(), source.end(), '\r') == source.end()) return source;
  std::string out;
  out.reserve(source.size());
  for (std::size_t i = 0; i < source.size(); ++i) {
    if (source[i] == '\r') {
      out += '\n';
      if (i + 1 < source.size() && source[i + 1] == '\n') ++i;
    } else {
      out += source[i];
    }
  }
  return out;
}

} // namespace

std::shared_ptr<ParsedFile> parse_file(std::string path, std::string source) {
  auto file = std::make_shared<ParsedFile>(std::move(path), normalize_newlines(std::move(source)));
  detail::DeferredErrors deferred;
  detail::Parser parser(*file, Lexer(file->source(), file->path()), deferred);
  try {
    file->body = parser.parse_module();
  } catch (SyntaxError& error) {
    if (error.kind == SyntaxErrorKind::RecursionError) {
      error.file = file->path();
      throw;
    }
    throw parser.prefer_tokenizer_error(std::move(error));
  }
  auto first = [](const std::vector<SyntaxError>& errors) -> const SyntaxError* {
    const SyntaxError* best = nullptr;
    for (const SyntaxError& e : errors) {
      if (!best || e.line < best->line || (e.line == best->line && e.offset < best->offset)) {
        best = &e;
      }
    }
    return best;
  };
  if (const SyntaxError* e = first(deferred.symtable)) throw *e;
  if (const SyntaxError* e = first(deferred.compiler)) throw *e;
  return file;
}

ParseResult try_parse_file(std::string path, std::string source) {
  ParseResult result;
  try {
    result.file = parse_file(std::move(path), std::move(source));
  } catch (const SyntaxError& error) {
    result.error = error;
  }
  return result;
}

} // namespace bwhop::lang
