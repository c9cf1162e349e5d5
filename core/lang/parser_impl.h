// Internal: the recursive-descent parser shared by parser*.cpp. Not a public
// header; use parser.h.
#pragma once

#include <string>
#include <vector>

#include "core/lang/ast.h"
#include "core/lang/lexer.h"
#include "core/lang/syntax_error.h"

namespace bwhop::lang::detail {

// Errors CPython reports only after the whole file parsed (symbol table and
// compiler checks such as "'return' outside function").
struct DeferredErrors {
  std::vector<SyntaxError> symtable;
  std::vector<SyntaxError> compiler;
};

class Parser {
public:
  Parser(ParsedFile& file, Lexer lexer, DeferredErrors& deferred);

  // file: statements ENDMARKER
  Span<Stmt*> parse_module();
  // An f-string replacement field's expression (the whole lexer input).
  Expr* parse_fstring_expression(const Token& string_token);

  // Re-lexes the rest of the input after a parser error, so that a later
  // tokenizer error (or an unclosed bracket opened before the error line)
  // replaces it, as CPython does.
  SyntaxError prefer_tokenizer_error(SyntaxError error);
  bool lexer_failed() const { return lexer_failed_; }

  int function_depth = 0; // > 0 inside a def/lambda body
  int loop_depth = 0;     // > 0 inside a loop body of the current function
  int fstring_nesting = 0;
  int recursion = 0;

private:
  // ---- tokens
  const Token& tok() { return at(0); }
  const Token& at(std::size_t ahead) {
    while (pos_ + ahead >= toks_.size()) fetch();
    return toks_[pos_ + ahead];
  }
  void fetch();
  Token advance();
  bool check(TokenKind kind) { return tok().kind == kind; }
  bool accept(TokenKind kind);
  Token expect(TokenKind kind);
  bool is_name(const Token& t, std::string_view text) const {
    return t.kind == TokenKind::Name && t.name.view() == text;
  }

  // ---- locations and nodes
  Loc loc_from(const Token& start) const {
    return {start.line, start.col, prev_end_line_, prev_end_col_};
  }
  Loc loc_from(const Loc& start) const {
    return {start.line, start.col, prev_end_line_, prev_end_col_};
  }
  template <typename T> T* make(const Loc& loc) {
    T* n = arena_.make<T>();
    n->loc = loc;
    return n;
  }
  template <typename T> Span<T> copy(const std::vector<T>& items) { return arena_.copy(items); }

  // ---- errors
  // An error at token `t`: one caret at its start, or (`whole_token`) carets
  // under all of it, as CPython's generic "invalid syntax" does.
  SyntaxError error_at(const Token& t, std::string message,
                       SyntaxErrorKind kind = SyntaxErrorKind::SyntaxError,
                       bool whole_token = false);
  // An error reported just past the end of string token `t` (f-string errors).
  SyntaxError error_after(const Token& t, std::string message);
  SyntaxError error_range(const Loc& loc, std::string message,
                          SyntaxErrorKind kind = SyntaxErrorKind::SyntaxError);
  [[noreturn]] void invalid_syntax();
  [[noreturn]] void unsupported(const Token& t, const std::string& what);
  void check_not_unsupported();
  void defer_compiler(const Loc& loc, std::string message);
  void defer_symtable(const Loc& loc, std::string message);

  // ---- statements (parser.cpp)
  void parse_statement(std::vector<Stmt*>& out);
  void parse_simple_statements(std::vector<Stmt*>& out);
  Stmt* parse_simple_statement();
  Span<Stmt*> parse_block(const std::string& what, int32_t line);
  Stmt* parse_decorated();
  Stmt* parse_function_def(std::vector<Expr*> decorators);
  Stmt* parse_class_def(std::vector<Expr*> decorators);
  Stmt* parse_if(bool is_elif);
  Stmt* parse_while();
  Stmt* parse_for();
  Stmt* parse_try();
  Stmt* parse_with();
  bool try_parenthesized_with_items(std::vector<WithItem>& items);
  Stmt* parse_expression_statement();
  Stmt* parse_import();
  Stmt* parse_import_from();
  Stmt* parse_global_or_nonlocal(bool global);
  Stmt* parse_raise();
  Stmt* parse_return();
  Stmt* parse_del();
  Stmt* parse_assert();
  Symbol parse_dotted_name();
  Arguments* parse_parameters(bool annotations, TokenKind closer);
  void check_depth(Stmt* s);

  // ---- targets
  // Marks `e` as an assignment/deletion target; returns the first node that
  // cannot be one (nullptr when all is well).
  Expr* set_context(Expr* e, ExprContext ctx);
  void require_target(Expr* e, ExprContext ctx);
  Expr* parse_target_list(); // for-loop / comprehension targets

  // ---- expressions (parser_expr.cpp)
public:
  Expr* parse_star_expressions(); // a, *b, c  (tuple without parens)
private:
  Expr* parse_star_expression();
  Expr* parse_named_expression();
  Expr* parse_expression();
  Expr* parse_lambda();
  Expr* parse_disjunction();
  Expr* parse_conjunction();
  Expr* parse_inversion();
  Expr* parse_comparison();
  Expr* parse_bitwise_or();
  Expr* parse_bitwise_xor();
  Expr* parse_bitwise_and();
  Expr* parse_shift();
  Expr* parse_sum();
  Expr* parse_term();
  Expr* parse_factor();
  Expr* parse_power();
  Expr* parse_primary();
  Expr* parse_atom();
  Expr* parse_paren_atom();
  Expr* parse_list_atom();
  Expr* parse_brace_atom();
  Expr* parse_call(Expr* func);
  Expr* parse_subscript(Expr* value);
  Expr* parse_slice();
  Span<Comprehension> parse_comprehension_clauses();
  Expr* parse_star_named_expression();
  void expect_closer(TokenKind closer, const Expr* last);
  Expr* make_name(const Token& t, ExprContext ctx);

  // ---- literals (parser_strings.cpp)
  Expr* parse_number(const Token& t, bool negated);
  Expr* parse_strings();
  // Parses f-string text source[begin, end) into `parts` (Constant and
  // FormattedValue nodes), accumulating literal text in `pending`. With
  // nesting > 0 (a format spec) it stops at the closing '}' and returns its
  // index; otherwise returns `end`.
  // `line`/`line_start` track the line holding the current position (the
  // text may span lines in a triple-quoted string).
  uint32_t parse_fstring_body(const Token& token, uint32_t begin, uint32_t end, bool raw,
                              int32_t& line, uint32_t& line_start, int nesting,
                              std::vector<Expr*>& parts, std::string& pending);
  uint32_t parse_fstring_field(const Token& token, uint32_t open, uint32_t end, bool raw,
                               int32_t& line, uint32_t& line_start, int nesting,
                               std::vector<Expr*>& parts, std::string& pending);
  void flush_literal(std::vector<Expr*>& parts, std::string& pending);
  void decode_escapes(const Token& token, std::string_view body, bool raw, std::string& out);

  ParsedFile& file_;
  Arena& arena_;
  Lexer lexer_;
  DeferredErrors& deferred_;
  std::vector<Token> toks_;
  std::size_t pos_ = 0;
  int32_t prev_end_line_ = 1;
  int32_t prev_end_col_ = 0;
  int bracket_depth_ = 0;
  bool lexer_failed_ = false;
  bool skip_tokenizer_check_ = false; // CPython reports unexpected indents as is
  bool in_class_body_ = false;

  friend struct RecursionGuard;
};

// Counts nested recursive calls; too deep a nesting is CPython's
// "RecursionError: maximum recursion depth exceeded during compilation".
struct RecursionGuard {
  explicit RecursionGuard(Parser& p);
  ~RecursionGuard() { --parser.recursion; }
  Parser& parser;
};

// CPython's name for an expression kind in "cannot assign to ..." messages.
const char* expr_description(const Expr* e);

} // namespace bwhop::lang::detail
