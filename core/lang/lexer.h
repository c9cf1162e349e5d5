// Turns source text into tokens on demand, with Python's rules for
// indentation, implicit line joining, comments, strings and numbers.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/lang/syntax_error.h"
#include "core/lang/token.h"

namespace bwhop::lang {

class Lexer {
public:
  // Lexes a whole file. `source` must use '\n' line endings (parse_file
  // normalizes them) and must outlive the lexer.
  Lexer(std::string_view source, std::string_view file);

  // Lexes source[begin, end) as the expression of an f-string replacement
  // field: as if inside parentheses (newlines ignored, no indentation).
  // Positions are those of the enclosing source; `line`/`line_start` give the
  // line number and the byte offset of the line holding `begin`.
  static Lexer for_expression(std::string_view source, std::string_view file, uint32_t begin,
                              uint32_t end, int32_t line, uint32_t line_start);

  // The next token. Throws SyntaxError for malformed input (bad indentation,
  // unterminated strings, invalid numbers, mismatched brackets, ...). At the
  // end of input with brackets still open it returns an ErrorToken and
  // unclosed_at_eof() becomes true.
  Token next();

  bool unclosed_at_eof() const { return unclosed_at_eof_; }
  // "'(' was never closed", located at the innermost open bracket.
  SyntaxError unclosed_error() const;
  // The line of the innermost bracket still open (0 if none).
  int32_t innermost_open_line() const { return parens_.empty() ? 0 : parens_.back().line; }

  // An error located at 0-based byte columns of this lexer's source.
  SyntaxError error(SyntaxErrorKind kind, std::string message, int32_t line, int32_t col,
                    int32_t end_line = -1, int32_t end_col = -1) const;

  static constexpr int kMaxParenDepth = 200;  // CPython's MAXLEVEL
  static constexpr int kMaxIndentDepth = 100; // CPython's MAXINDENT

private:
  struct Paren {
    char open;
    int32_t line;
    int32_t col;
  };

  Token make(TokenKind kind, uint32_t start, int32_t line, int32_t col) const;
  bool at_end() const { return pos_ >= end_; }
  char peek(uint32_t ahead = 0) const { return pos_ + ahead < end_ ? src_[pos_ + ahead] : '\0'; }
  int32_t col_of(uint32_t offset) const { return static_cast<int32_t>(offset - line_start_); }
  void new_line_at(uint32_t next_line_start) {
    ++line_;
    line_start_ = next_line_start;
  }

  // Returns true when a blank/comment-only line was skipped.
  bool handle_line_start();
  Token lex_name_or_string();
  Token lex_string(uint32_t start, int32_t line, int32_t col, uint32_t quote_pos);
  Token lex_number();
  Token lex_operator();
  [[noreturn]] void fail_number(const char* message, uint32_t at) const;
  int32_t last_line() const;

  std::string_view src_;
  std::string_view file_;
  uint32_t pos_ = 0;
  uint32_t end_ = 0;
  int32_t line_ = 1;
  uint32_t line_start_ = 0;
  bool expression_mode_ = false;
  bool at_bol_ = true;
  bool line_has_tokens_ = false; // a token was emitted since the last NEWLINE
  bool unclosed_at_eof_ = false;
  bool eof_done_ = false;
  int pending_ = 0; // > 0: INDENTs to emit, < 0: DEDENTs to emit
  std::vector<int> indents_{0};
  std::vector<int> alt_indents_{0};
  std::vector<Paren> parens_;
};

} // namespace bwhop::lang
