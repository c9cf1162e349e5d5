// Expressions, from lowest to highest precedence (Python 3.11's grammar).
#include <unordered_set>

#include "core/lang/parser_impl.h"

namespace bwhop::lang::detail {

namespace {

bool starts_expression(TokenKind k) {
  switch (k) {
  case TokenKind::Name:
  case TokenKind::Number:
  case TokenKind::String:
  case TokenKind::LPar:
  case TokenKind::LSqb:
  case TokenKind::LBrace:
  case TokenKind::Minus:
  case TokenKind::Plus:
  case TokenKind::Tilde:
  case TokenKind::KwNot:
  case TokenKind::KwLambda:
  case TokenKind::KwNone:
  case TokenKind::KwTrue:
  case TokenKind::KwFalse:
  case TokenKind::Ellipsis:
    return true;
  default:
    return false;
  }
}

} // namespace

Expr* Parser::make_name(const Token& t, ExprContext ctx) {
  auto* n = arena_.make<Name>();
  n->loc = {t.line, t.col, t.end_line, t.end_col};
  n->var.name = t.name;
  n->ctx = ctx;
  return n;
}

// After an element inside brackets: the closer, a comma, or CPython's
// "Perhaps you forgot a comma?" when another expression follows directly.
void Parser::expect_closer(TokenKind closer, const Expr* last) {
  if (check(closer)) return;
  if (last && bracket_depth_ > 0 && starts_expression(tok().kind)) {
    std::size_t saved = pos_;
    Expr* next = nullptr;
    try {
      next = parse_expression();
    } catch (const SyntaxError&) {
      if (lexer_failed()) throw;
      next = nullptr;
    }
    if (next) {
      throw error_range({last->loc.line, last->loc.col, next->loc.end_line, next->loc.end_col},
                        "invalid syntax. Perhaps you forgot a comma?");
    }
    pos_ = saved;
  }
  invalid_syntax();
}

Expr* Parser::parse_star_expressions() {
  const Token start = tok();
  Expr* first = parse_star_expression();
  if (!check(TokenKind::Comma)) return first;
  std::vector<Expr*> items{first};
  while (accept(TokenKind::Comma)) {
    if (!starts_expression(tok().kind) && !check(TokenKind::Star)) break;
    items.push_back(parse_star_expression());
  }
  auto* t = make<Tuple>(loc_from(start));
  t->elts = copy(items);
  return t;
}

Expr* Parser::parse_star_expression() {
  if (check(TokenKind::Star)) {
    const Token star = advance();
    auto* s = make<Starred>(loc_from(star));
    s->value = parse_bitwise_or();
    s->loc = loc_from(star);
    return s;
  }
  return parse_expression();
}

Expr* Parser::parse_star_named_expression() {
  if (check(TokenKind::Star)) {
    const Token star = advance();
    auto* s = make<Starred>(loc_from(star));
    s->value = parse_bitwise_or();
    s->loc = loc_from(star);
    return s;
  }
  return parse_named_expression();
}

Expr* Parser::parse_named_expression() {
  if (check(TokenKind::Name) && at(1).kind == TokenKind::ColonEqual) {
    const Token name = advance();
    advance();
    auto* n = make<NamedExpr>(loc_from(name));
    n->target = make_name(name, ExprContext::Store);
    n->value = parse_expression();
    n->loc = loc_from(name);
    return n;
  }
  Expr* e = parse_expression();
  if (check(TokenKind::ColonEqual)) {
    throw error_range(e->loc,
                      std::string("cannot use assignment expressions with ") + expr_description(e));
  }
  return e;
}

Expr* Parser::parse_expression() {
  RecursionGuard guard(*this);
  check_not_unsupported();
  if (check(TokenKind::KwLambda)) return parse_lambda();
  const Token start = tok();
  Expr* body = parse_disjunction();
  if (!check(TokenKind::KwIf)) return body;
  advance();
  Expr* test = parse_disjunction();
  if (!check(TokenKind::KwElse)) {
    if (check(TokenKind::ErrorToken) && lexer_.unclosed_at_eof()) invalid_syntax();
    throw error_range(loc_from(start), "expected 'else' after 'if' expression");
  }
  advance();
  auto* n = make<IfExp>(loc_from(start));
  n->test = test;
  n->body = body;
  n->orelse = parse_expression();
  n->loc = loc_from(start);
  return n;
}

Expr* Parser::parse_lambda() {
  const Token start = advance();
  auto* n = make<Lambda>(loc_from(start));
  n->args = parse_parameters(false, TokenKind::Colon);
  expect(TokenKind::Colon);
  int saved_loop = loop_depth;
  loop_depth = 0;
  ++function_depth;
  n->body = parse_expression();
  --function_depth;
  loop_depth = saved_loop;
  n->loc = loc_from(start);
  return n;
}

Expr* Parser::parse_disjunction() {
  const Token start = tok();
  Expr* first = parse_conjunction();
  if (!check(TokenKind::KwOr)) return first;
  std::vector<Expr*> values{first};
  while (accept(TokenKind::KwOr)) values.push_back(parse_conjunction());
  auto* n = make<BoolOp>(loc_from(start));
  n->op = BoolOpKind::Or;
  n->values = copy(values);
  return n;
}

Expr* Parser::parse_conjunction() {
  const Token start = tok();
  Expr* first = parse_inversion();
  if (!check(TokenKind::KwAnd)) return first;
  std::vector<Expr*> values{first};
  while (accept(TokenKind::KwAnd)) values.push_back(parse_inversion());
  auto* n = make<BoolOp>(loc_from(start));
  n->op = BoolOpKind::And;
  n->values = copy(values);
  return n;
}

Expr* Parser::parse_inversion() {
  if (!check(TokenKind::KwNot)) return parse_comparison();
  RecursionGuard guard(*this);
  const Token start = advance();
  auto* n = make<UnaryOp>(loc_from(start));
  n->op = UnaryOpKind::Not;
  n->operand = parse_inversion();
  n->loc = loc_from(start);
  return n;
}

Expr* Parser::parse_comparison() {
  const Token start = tok();
  Expr* left = parse_bitwise_or();
  std::vector<CmpOpKind> ops;
  std::vector<Expr*> comparators;
  for (;;) {
    CmpOpKind op;
    switch (tok().kind) {
    case TokenKind::EqEqual:
      op = CmpOpKind::Eq;
      break;
    case TokenKind::NotEqual:
      op = CmpOpKind::NotEq;
      break;
    case TokenKind::Less:
      op = CmpOpKind::Lt;
      break;
    case TokenKind::LessEqual:
      op = CmpOpKind::LtE;
      break;
    case TokenKind::Greater:
      op = CmpOpKind::Gt;
      break;
    case TokenKind::GreaterEqual:
      op = CmpOpKind::GtE;
      break;
    case TokenKind::KwIn:
      op = CmpOpKind::In;
      break;
    case TokenKind::KwIs:
      op = at(1).kind == TokenKind::KwNot ? CmpOpKind::IsNot : CmpOpKind::Is;
      break;
    case TokenKind::KwNot:
      if (at(1).kind != TokenKind::KwIn) goto done;
      op = CmpOpKind::NotIn;
      break;
    default:
      goto done;
    }
    advance();
    if (op == CmpOpKind::IsNot || op == CmpOpKind::NotIn) advance();
    ops.push_back(op);
    comparators.push_back(parse_bitwise_or());
  }
done:
  if (ops.empty()) return left;
  auto* n = make<Compare>(loc_from(start));
  n->left = left;
  n->ops = copy(ops);
  n->comparators = copy(comparators);
  return n;
}

// One left-associative binary precedence level.
#define BWHOP_BINARY_LEVEL(NAME, NEXT, MATCH)                                                      \
  Expr* Parser::NAME() {                                                                           \
    const Token start = tok();                                                                     \
    Expr* left = NEXT();                                                                           \
    for (;;) {                                                                                     \
      BinOpKind op;                                                                                \
      switch (tok().kind) {                                                                        \
        MATCH                                                                                      \
      default:                                                                                     \
        return left;                                                                               \
      }                                                                                            \
      advance();                                                                                   \
      Expr* right = NEXT();                                                                        \
      auto* n = make<BinOp>(loc_from(start));                                                      \
      n->left = left;                                                                              \
      n->op = op;                                                                                  \
      n->right = right;                                                                            \
      left = n;                                                                                    \
    }                                                                                              \
  }

BWHOP_BINARY_LEVEL(parse_bitwise_or, parse_bitwise_xor, case TokenKind::VBar
                   : op = BinOpKind::BitOr;
                   break;)
BWHOP_BINARY_LEVEL(parse_bitwise_xor, parse_bitwise_and, case TokenKind::Circumflex
                   : op = BinOpKind::BitXor;
                   break;)
BWHOP_BINARY_LEVEL(parse_bitwise_and, parse_shift, case TokenKind::Amper
                   : op = BinOpKind::BitAnd;
                   break;)
BWHOP_BINARY_LEVEL(parse_shift, parse_sum, case TokenKind::LeftShift
                   : op = BinOpKind::LShift;
                   break; case TokenKind::RightShift
                   : op = BinOpKind::RShift;
                   break;)
BWHOP_BINARY_LEVEL(parse_sum, parse_term, case TokenKind::Plus
                   : op = BinOpKind::Add;
                   break; case TokenKind::Minus
                   : op = BinOpKind::Sub;
                   break;)
BWHOP_BINARY_LEVEL(parse_term, parse_factor, case TokenKind::Star
                   : op = BinOpKind::Mult;
                   break; case TokenKind::Slash
                   : op = BinOpKind::Div;
                   break; case TokenKind::DoubleSlash
                   : op = BinOpKind::FloorDiv;
                   break; case TokenKind::Percent
                   : op = BinOpKind::Mod;
                   break; case TokenKind::At
                   : op = BinOpKind::MatMult;
                   break;)

#undef BWHOP_BINARY_LEVEL

Expr* Parser::parse_factor() {
  UnaryOpKind op;
  switch (tok().kind) {
  case TokenKind::Plus:
    op = UnaryOpKind::UAdd;
    break;
  case TokenKind::Minus:
    op = UnaryOpKind::USub;
    break;
  case TokenKind::Tilde:
    op = UnaryOpKind::Invert;
    break;
  default:
    return parse_power();
  }
  RecursionGuard guard(*this);
  const Token start = advance();
  // `-9223372036854775808` is the one literal whose magnitude only fits
  // negated; fold it so that it is representable.
  if (op == UnaryOpKind::USub && check(TokenKind::Number) && at(1).kind != TokenKind::DoubleStar &&
      at(1).kind != TokenKind::Dot && at(1).kind != TokenKind::LPar &&
      at(1).kind != TokenKind::LSqb) {
    const Token number = tok();
    if (Expr* folded = parse_number(number, true)) {
      advance();
      folded->loc = loc_from(start);
      return folded;
    }
  }
  auto* n = make<UnaryOp>(loc_from(start));
  n->op = op;
  n->operand = parse_factor();
  n->loc = loc_from(start);
  return n;
}

Expr* Parser::parse_power() {
  const Token start = tok();
  if (check(TokenKind::KwAwait)) unsupported(tok(), "'await'");
  Expr* base = parse_primary();
  if (!check(TokenKind::DoubleStar)) return base;
  advance();
  auto* n = make<BinOp>(loc_from(start));
  n->left = base;
  n->op = BinOpKind::Pow;
  n->right = parse_factor(); // right-associative, binds tighter than a unary on its left
  n->loc = loc_from(start);
  return n;
}

Expr* Parser::parse_primary() {
  const Token start = tok();
  Expr* e = parse_atom();
  for (;;) {
    if (check(TokenKind::Dot)) {
      advance();
      Token name = tok();
      if (name.kind != TokenKind::Name) invalid_syntax();
      advance();
      auto* a = make<Attribute>(loc_from(start));
      a->value = e;
      a->attr = name.name;
      e = a;
    } else if (check(TokenKind::LPar)) {
      Call* call = parse_call(e)->as<Call>();
      call->loc = loc_from(start);
      e = call;
    } else if (check(TokenKind::LSqb)) {
      e = parse_subscript(e);
      e->loc = loc_from(start);
    } else {
      return e;
    }
  }
}

Expr* Parser::parse_call(Expr* func) {
  const Token open = advance(); // (
  ++bracket_depth_;
  std::vector<Expr*> args;
  std::vector<Keyword> keywords;
  bool saw_keyword = false, saw_double_star = false;
  std::unordered_set<Symbol> keyword_names;
  Expr* last = nullptr;
  while (!check(TokenKind::RPar)) {
    const Token start = tok();
    if (accept(TokenKind::Star)) {
      auto* s = make<Starred>(loc_from(start));
      s->value = parse_expression();
      s->loc = loc_from(start);
      if (check(TokenKind::KwFor)) {
        throw error_range(s->loc, "iterable unpacking cannot be used in comprehension");
      }
      if (saw_double_star) {
        throw error_at(start, "iterable argument unpacking follows keyword argument unpacking");
      }
      args.push_back(s);
      last = s;
    } else if (accept(TokenKind::DoubleStar)) {
      Keyword k;
      k.value = parse_expression();
      k.loc = loc_from(start);
      keywords.push_back(k);
      saw_double_star = true;
      last = k.value;
    } else if (check(TokenKind::Name) && at(1).kind == TokenKind::Equal) {
      const Token name = advance();
      advance();
      Keyword k;
      k.arg = name.name;
      k.value = parse_expression();
      k.loc = loc_from(start);
      if (!keyword_names.insert(name.name).second) {
        defer_compiler(k.loc, "keyword argument repeated: " + name.name.str());
      }
      keywords.push_back(k);
      saw_keyword = true;
      last = k.value;
    } else {
      Expr* e = parse_named_expression();
      if (check(TokenKind::Equal)) {
        advance();
        throw error_range(loc_from(start),
                          "expression cannot contain assignment, perhaps you meant \"==\"?");
      }
      if (check(TokenKind::KwFor)) {
        auto* g = make<GeneratorExp>(loc_from(start));
        g->elt = e;
        g->generators = parse_comprehension_clauses();
        g->loc = loc_from(start);
        bool alone = args.empty() && keywords.empty() && check(TokenKind::RPar);
        if (!alone && (check(TokenKind::RPar) || check(TokenKind::Comma))) {
          throw error_range(g->loc, "Generator expression must be parenthesized");
        }
        e = g;
      }
      // CPython points just past the offending argument.
      Loc after{e->loc.end_line, e->loc.end_col, e->loc.end_line, -1};
      if (saw_double_star) {
        throw error_range(after, "positional argument follows keyword argument unpacking");
      }
      if (saw_keyword) throw error_range(after, "positional argument follows keyword argument");
      args.push_back(e);
      last = e;
    }
    if (!accept(TokenKind::Comma)) break;
    last = nullptr;
  }
  expect_closer(TokenKind::RPar, last);
  --bracket_depth_;
  advance();
  // A generator expression that is the sole argument owns the parentheses.
  if (args.size() == 1 && keywords.empty() && args[0]->is<GeneratorExp>()) {
    args[0]->loc = loc_from(open);
  }
  auto* call = make<Call>(loc_from(open));
  call->func = func;
  call->args = copy(args);
  call->keywords = copy(keywords);
  if (func) call->loc = {func->loc.line, func->loc.col, prev_end_line_, prev_end_col_};
  return call;
}

Expr* Parser::parse_slice() {
  const Token start = tok();
  Expr* lower = nullptr;
  if (!check(TokenKind::Colon)) {
    if (check(TokenKind::Star)) return parse_star_named_expression();
    lower = parse_named_expression();
    if (!check(TokenKind::Colon)) return lower;
  }
  advance(); // :
  auto* s = make<Slice>(loc_from(start));
  s->lower = lower;
  auto ends_part = [&] {
    return check(TokenKind::Colon) || check(TokenKind::Comma) || check(TokenKind::RSqb);
  };
  if (!ends_part()) s->upper = parse_expression();
  if (accept(TokenKind::Colon)) {
    if (!check(TokenKind::Comma) && !check(TokenKind::RSqb)) s->step = parse_expression();
  }
  s->loc = loc_from(start);
  return s;
}

Expr* Parser::parse_subscript(Expr* value) {
  advance(); // [
  ++bracket_depth_;
  const Token start = tok();
  if (check(TokenKind::RSqb)) invalid_syntax();
  Expr* first = parse_slice();
  Expr* index = first;
  Expr* last = first;
  if (check(TokenKind::Comma) || first->is<Starred>()) { // `a[*b]` indexes with a tuple
    std::vector<Expr*> items{first};
    while (accept(TokenKind::Comma)) {
      last = nullptr;
      if (check(TokenKind::RSqb)) break;
      items.push_back(parse_slice());
      last = items.back();
    }
    auto* t = make<Tuple>(loc_from(start));
    t->elts = copy(items);
    index = t;
  }
  expect_closer(TokenKind::RSqb, last);
  --bracket_depth_;
  advance();
  auto* s = make<Subscript>(loc_from(start));
  s->value = value;
  s->slice = index;
  return s;
}

Span<Comprehension> Parser::parse_comprehension_clauses() {
  std::vector<Comprehension> clauses;
  while (check(TokenKind::KwFor) || check(TokenKind::KwAsync)) {
    if (check(TokenKind::KwAsync)) unsupported(tok(), "'async'");
    const Token start = advance();
    Comprehension c;
    c.target = parse_target_list();
    expect(TokenKind::KwIn);
    c.iter = parse_disjunction();
    std::vector<Expr*> ifs;
    while (accept(TokenKind::KwIf)) ifs.push_back(parse_disjunction());
    c.ifs = copy(ifs);
    c.loc = loc_from(start);
    clauses.push_back(c);
  }
  return copy(clauses);
}

Expr* Parser::parse_atom() {
  RecursionGuard guard(*this);
  const Token t = tok();
  switch (t.kind) {
  case TokenKind::Name:
    advance();
    return make_name(t, ExprContext::Load);
  case TokenKind::KwNone:
  case TokenKind::KwTrue:
  case TokenKind::KwFalse:
  case TokenKind::Ellipsis: {
    advance();
    auto* c = make<Constant>(loc_from(t));
    c->value_kind = t.kind == TokenKind::KwNone    ? ConstantKind::None
                    : t.kind == TokenKind::KwTrue  ? ConstantKind::True
                    : t.kind == TokenKind::KwFalse ? ConstantKind::False
                                                   : ConstantKind::Ellipsis;
    return c;
  }
  case TokenKind::Number: {
    Expr* e = parse_number(t, false);
    advance();
    e->loc = loc_from(t);
    return e;
  }
  case TokenKind::String:
    return parse_strings();
  case TokenKind::LPar:
    return parse_paren_atom();
  case TokenKind::LSqb:
    return parse_list_atom();
  case TokenKind::LBrace:
    return parse_brace_atom();
  default:
    invalid_syntax();
  }
}

Expr* Parser::parse_paren_atom() {
  const Token open = advance();
  ++bracket_depth_;
  if (check(TokenKind::RPar)) {
    --bracket_depth_;
    advance();
    return make<Tuple>(loc_from(open));
  }
  Expr* first = parse_star_named_expression();
  if (check(TokenKind::KwFor)) {
    if (first->is<Starred>()) {
      throw error_range(first->loc, "iterable unpacking cannot be used in comprehension");
    }
    auto* g = make<GeneratorExp>(loc_from(open));
    g->elt = first;
    g->generators = parse_comprehension_clauses();
    expect_closer(TokenKind::RPar, nullptr);
    --bracket_depth_;
    advance();
    g->loc = loc_from(open);
    return g;
  }
  if (!check(TokenKind::Comma)) {
    expect_closer(TokenKind::RPar, first);
    --bracket_depth_;
    advance();
    if (first->is<Starred>()) throw error_range(first->loc, "cannot use starred expression here");
    return first; // a parenthesized expression keeps its own location
  }
  std::vector<Expr*> items{first};
  Expr* last = nullptr;
  while (accept(TokenKind::Comma)) {
    last = nullptr;
    if (check(TokenKind::RPar)) break;
    items.push_back(parse_star_named_expression());
    last = items.back();
  }
  expect_closer(TokenKind::RPar, last);
  --bracket_depth_;
  advance();
  auto* t = make<Tuple>(loc_from(open));
  t->elts = copy(items);
  return t;
}

Expr* Parser::parse_list_atom() {
  const Token open = advance();
  ++bracket_depth_;
  std::vector<Expr*> items;
  Expr* last = nullptr;
  if (!check(TokenKind::RSqb)) {
    Expr* first = parse_star_named_expression();
    if (check(TokenKind::KwFor)) {
      if (first->is<Starred>()) {
        throw error_range(first->loc, "iterable unpacking cannot be used in comprehension");
      }
      auto* c = make<ListComp>(loc_from(open));
      c->elt = first;
      c->generators = parse_comprehension_clauses();
      expect_closer(TokenKind::RSqb, nullptr);
      --bracket_depth_;
      advance();
      c->loc = loc_from(open);
      return c;
    }
    items.push_back(first);
    last = first;
    while (accept(TokenKind::Comma)) {
      last = nullptr;
      if (check(TokenKind::RSqb)) break;
      items.push_back(parse_star_named_expression());
      last = items.back();
    }
  }
  expect_closer(TokenKind::RSqb, last);
  --bracket_depth_;
  advance();
  auto* l = make<List>(loc_from(open));
  l->elts = copy(items);
  return l;
}

Expr* Parser::parse_brace_atom() {
  const Token open = advance();
  ++bracket_depth_;
  if (check(TokenKind::RBrace)) {
    --bracket_depth_;
    advance();
    return make<Dict>(loc_from(open));
  }
  // The first item decides between a dict and a set.
  bool is_dict;
  Expr* first_key = nullptr;
  Expr* first_value = nullptr;
  if (accept(TokenKind::DoubleStar)) {
    is_dict = true;
    first_value = parse_bitwise_or();
  } else {
    first_key = parse_star_named_expression();
    is_dict = check(TokenKind::Colon) && !first_key->is<Starred>();
    if (is_dict) {
      advance();
      first_value = parse_expression();
    }
  }
  if (check(TokenKind::KwFor)) {
    Expr* result;
    if (is_dict) {
      if (!first_key) invalid_syntax();
      auto* c = make<DictComp>(loc_from(open));
      c->key = first_key;
      c->value = first_value;
      c->generators = parse_comprehension_clauses();
      result = c;
    } else {
      if (first_key->is<Starred>()) {
        throw error_range(first_key->loc, "iterable unpacking cannot be used in comprehension");
      }
      auto* c = make<SetComp>(loc_from(open));
      c->elt = first_key;
      c->generators = parse_comprehension_clauses();
      result = c;
    }
    expect_closer(TokenKind::RBrace, nullptr);
    --bracket_depth_;
    advance();
    result->loc = loc_from(open);
    return result;
  }
  std::vector<Expr*> keys, values;
  Expr* last = is_dict ? first_value : first_key;
  if (is_dict) {
    keys.push_back(first_key);
    values.push_back(first_value);
  } else {
    values.push_back(first_key);
  }
  while (accept(TokenKind::Comma)) {
    last = nullptr;
    if (check(TokenKind::RBrace)) break;
    if (is_dict) {
      if (accept(TokenKind::DoubleStar)) {
        keys.push_back(nullptr);
        values.push_back(parse_bitwise_or());
      } else {
        Expr* key = parse_expression();
        if (!check(TokenKind::Colon)) {
          if (check(TokenKind::Comma) || check(TokenKind::RBrace)) {
            throw error_range({key->loc.line, key->loc.col, key->loc.line, -1},
                              "':' expected after dictionary key");
          }
          expect_closer(TokenKind::Colon, key);
        }
        advance();
        keys.push_back(key);
        values.push_back(parse_expression());
      }
    } else {
      values.push_back(parse_star_named_expression());
    }
    last = values.back();
  }
  expect_closer(TokenKind::RBrace, last);
  --bracket_depth_;
  advance();
  if (is_dict) {
    auto* d = make<Dict>(loc_from(open));
    d->keys = copy(keys);
    d->values = copy(values);
    return d;
  }
  auto* s = make<Set>(loc_from(open));
  s->elts = copy(values);
  return s;
}

} // namespace bwhop::lang::detail
