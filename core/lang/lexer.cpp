#include "core/lang/lexer.h"

#include <string>
#include <unordered_map>

namespace bwhop::lang {

namespace {

bool is_name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool is_name_char(char c) {
  return is_name_start(c) || (c >= '0' && c <= '9');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_hex_digit(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

TokenKind keyword_or_name(std::string_view text) {
  static const std::unordered_map<std::string_view, TokenKind> keywords = {
      {"False", TokenKind::KwFalse},
      {"None", TokenKind::KwNone},
      {"True", TokenKind::KwTrue},
      {"and", TokenKind::KwAnd},
      {"as", TokenKind::KwAs},
      {"assert", TokenKind::KwAssert},
      {"async", TokenKind::KwAsync},
      {"await", TokenKind::KwAwait},
      {"break", TokenKind::KwBreak},
      {"class", TokenKind::KwClass},
      {"continue", TokenKind::KwContinue},
      {"def", TokenKind::KwDef},
      {"del", TokenKind::KwDel},
      {"elif", TokenKind::KwElif},
      {"else", TokenKind::KwElse},
      {"except", TokenKind::KwExcept},
      {"finally", TokenKind::KwFinally},
      {"for", TokenKind::KwFor},
      {"from", TokenKind::KwFrom},
      {"global", TokenKind::KwGlobal},
      {"if", TokenKind::KwIf},
      {"import", TokenKind::KwImport},
      {"in", TokenKind::KwIn},
      {"is", TokenKind::KwIs},
      {"lambda", TokenKind::KwLambda},
      {"nonlocal", TokenKind::KwNonlocal},
      {"not", TokenKind::KwNot},
      {"or", TokenKind::KwOr},
      {"pass", TokenKind::KwPass},
      {"raise", TokenKind::KwRaise},
      {"return", TokenKind::KwReturn},
      {"try", TokenKind::KwTry},
      {"while", TokenKind::KwWhile},
      {"with", TokenKind::KwWith},
      {"yield", TokenKind::KwYield},
  };
  auto it = keywords.find(text);
  return it == keywords.end() ? TokenKind::Name : it->second;
}

// A string prefix (any case): r, u, f, b, rb, br, fr, rf.
bool is_string_prefix(std::string_view p) {
  if (p.size() > 2) return false;
  bool r = false, u = false, f = false, b = false;
  for (char c : p) {
    switch (c) {
    case 'r':
    case 'R':
      if (r) return false;
      r = true;
      break;
    case 'u':
    case 'U':
      if (u) return false;
      u = true;
      break;
    case 'f':
    case 'F':
      if (f) return false;
      f = true;
      break;
    case 'b':
    case 'B':
      if (b) return false;
      b = true;
      break;
    default:
      return false;
    }
  }
  if (u && p.size() > 1) return false;
  if (f && b) return false;
  return true;
}

} // namespace

Lexer::Lexer(std::string_view source, std::string_view file)
    : src_(source), file_(file), end_(static_cast<uint32_t>(source.size())) {
  // A UTF-8 byte order mark is not part of the program.
  if (src_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = line_start_ = 3;
}

Lexer Lexer::for_expression(std::string_view source, std::string_view file, uint32_t begin,
                            uint32_t end, int32_t line, uint32_t line_start) {
  Lexer lexer(source, file);
  lexer.pos_ = begin;
  lexer.end_ = end;
  lexer.line_ = line;
  lexer.line_start_ = line_start;
  lexer.expression_mode_ = true;
  lexer.at_bol_ = false;
  return lexer;
}

SyntaxError Lexer::error(SyntaxErrorKind kind, std::string message, int32_t line, int32_t col,
                         int32_t end_line, int32_t end_col) const {
  return make_syntax_error(kind, std::move(message), file_, src_, line, col,
                           end_line < 0 ? line : end_line, end_col);
}

SyntaxError Lexer::unclosed_error() const {
  const Paren& p = parens_.back();
  return error(SyntaxErrorKind::SyntaxError, std::string("'") + p.open + "' was never closed",
               p.line, p.col);
}

Token Lexer::make(TokenKind kind, uint32_t start, int32_t line, int32_t col) const {
  Token t;
  t.kind = kind;
  t.start = start;
  t.end = pos_;
  t.line = line;
  t.col = col;
  t.end_line = line_;
  t.end_col = col_of(pos_);
  return t;
}

int32_t Lexer::last_line() const {
  // The line holding the end of input; a final '\n' does not start a new line.
  if (end_ > 0 && pos_ >= end_ && src_[end_ - 1] == '\n' && line_start_ == end_) {
    return line_ - 1;
  }
  return line_;
}

bool Lexer::handle_line_start() {
  // Measure indentation as CPython does: `col` with tabs to multiples of 8,
  // `alt` with tabs as one column; the two must agree on every comparison.
  int col = 0, alt = 0;
  uint32_t p = pos_;
  for (; p < end_; ++p) {
    char c = src_[p];
    if (c == ' ') {
      ++col, ++alt;
    } else if (c == '\t') {
      col = (col / 8 + 1) * 8;
      ++alt;
    } else if (c == '\f') {
      col = alt = 0;
    } else {
      break;
    }
  }
  pos_ = p;
  char c = peek();
  if (at_end() || c == '#' || c == '\n' || (c == '\\' && peek(1) == '\n' && false)) {
    // Blank or comment-only line: no tokens, no indentation change.
    while (!at_end() && peek() != '\n') ++pos_;
    if (at_end()) return false; // end of input: handled by next()
    ++pos_;
    new_line_at(pos_);
    return true;
  }
  at_bol_ = false;
  auto tab_error = [&] {
    return error(SyntaxErrorKind::TabError, "inconsistent use of tabs and spaces in indentation",
                 line_, -1);
  };
  if (col == indents_.back()) {
    if (alt != alt_indents_.back()) throw tab_error();
  } else if (col > indents_.back()) {
    if (static_cast<int>(indents_.size()) >= kMaxIndentDepth) {
      throw error(SyntaxErrorKind::IndentationError, "too many levels of indentation", line_, 0);
    }
    if (alt <= alt_indents_.back()) throw tab_error();
    indents_.push_back(col);
    alt_indents_.push_back(alt);
    pending_ = 1;
  } else {
    while (indents_.size() > 1 && col < indents_.back()) {
      indents_.pop_back();
      alt_indents_.pop_back();
      --pending_;
    }
    if (col != indents_.back()) {
      uint32_t eol = pos_;
      while (eol < end_ && src_[eol] != '\n') ++eol;
      throw error(SyntaxErrorKind::IndentationError,
                  "unindent does not match any outer indentation level", line_, col_of(eol));
    }
    if (alt != alt_indents_.back()) throw tab_error();
  }
  return false;
}

Token Lexer::next() {
  for (;;) {
    if (pending_ > 0) {
      --pending_;
      return make(TokenKind::Indent, pos_, line_, 0);
    }
    if (pending_ < 0) {
      ++pending_;
      if (eof_done_) {
        Token t = make(TokenKind::Dedent, pos_, last_line(), -1);
        t.end_line = t.line;
        t.end_col = -1;
        return t;
      }
      return make(TokenKind::Dedent, pos_, line_, col_of(pos_));
    }
    if (eof_done_) {
      Token t = make(TokenKind::EndMarker, pos_, last_line(), -1);
      t.end_line = t.line;
      t.end_col = -1;
      return t;
    }
    if (at_bol_ && parens_.empty() && !expression_mode_) {
      if (handle_line_start()) continue;
      if (pending_ != 0) continue;
    }
    // Skip spaces, comments and escaped newlines.
    while (!at_end()) {
      char c = peek();
      if (c == ' ' || c == '\t' || c == '\f') {
        ++pos_;
      } else if (c == '#') {
        while (!at_end() && peek() != '\n') ++pos_;
      } else if (c == '\\') {
        if (peek(1) == '\n') {
          if (pos_ + 2 >= end_) {
            throw error(SyntaxErrorKind::SyntaxError, "unexpected EOF while parsing", line_,
                        col_of(pos_) + 1);
          }
          pos_ += 2;
          new_line_at(pos_);
        } else if (pos_ + 1 >= end_) {
          throw error(SyntaxErrorKind::SyntaxError, "unexpected EOF while parsing", line_,
                      col_of(pos_) + 1);
        } else {
          throw error(SyntaxErrorKind::SyntaxError,
                      "unexpected character after line continuation character", line_,
                      col_of(pos_) + 1);
        }
      } else if (c == '\n' && (!parens_.empty() || expression_mode_)) {
        ++pos_;
        new_line_at(pos_);
      } else {
        break;
      }
    }
    if (at_end()) {
      if (expression_mode_) {
        eof_done_ = true;
        continue;
      }
      if (!parens_.empty()) {
        unclosed_at_eof_ = true;
        return make(TokenKind::ErrorToken, pos_, line_, col_of(pos_));
      }
      eof_done_ = true;
      pending_ = -static_cast<int>(indents_.size() - 1);
      indents_.resize(1);
      alt_indents_.resize(1);
      if (line_has_tokens_) {
        // A last line without '\n' still ends with a NEWLINE token.
        line_has_tokens_ = false;
        Token t = make(TokenKind::Newline, pos_, line_, col_of(pos_));
        t.end_col = t.col + 1;
        return t;
      }
      continue;
    }
    char c = peek();
    if (c == '\n') {
      Token t = make(TokenKind::Newline, pos_, line_, col_of(pos_));
      ++pos_;
      t.end = pos_;
      t.end_col = t.col + 1;
      new_line_at(pos_);
      at_bol_ = true;
      line_has_tokens_ = false;
      return t;
    }
    line_has_tokens_ = true;
    if (c == '\0') {
      throw error(SyntaxErrorKind::SyntaxError, "source code cannot contain null bytes", line_,
                  col_of(pos_));
    }
    if (is_name_start(c)) return lex_name_or_string();
    if (is_digit(c) || (c == '.' && is_digit(peek(1)))) return lex_number();
    if (c == '"' || c == '\'') return lex_string(pos_, line_, col_of(pos_), pos_);
    return lex_operator();
  }
}

Token Lexer::lex_name_or_string() {
  uint32_t start = pos_;
  int32_t col = col_of(pos_);
  while (!at_end() && is_name_char(peek())) ++pos_;
  std::string_view text = src_.substr(start, pos_ - start);
  if (!at_end() && (peek() == '"' || peek() == '\'') && is_string_prefix(text)) {
    return lex_string(start, line_, col, pos_);
  }
  Token t = make(keyword_or_name(text), start, line_, col);
  if (t.kind == TokenKind::Name) t.name = intern(text);
  return t;
}

Token Lexer::lex_string(uint32_t start, int32_t line, int32_t col, uint32_t quote_pos) {
  char quote = src_[quote_pos];
  pos_ = quote_pos;
  bool triple = peek(1) == quote && peek(2) == quote;
  pos_ += triple ? 3 : 1;
  for (;;) {
    if (at_end()) {
      if (triple) {
        throw error(SyntaxErrorKind::SyntaxError,
                    "unterminated triple-quoted string literal (detected at line " +
                        std::to_string(last_line()) + ")",
                    line, col);
      }
      throw error(SyntaxErrorKind::SyntaxError,
                  "unterminated string literal (detected at line " + std::to_string(last_line()) +
                      ")",
                  line, col);
    }
    char c = peek();
    if (c == quote) {
      if (!triple) {
        ++pos_;
        break;
      }
      if (peek(1) == quote && peek(2) == quote) {
        pos_ += 3;
        break;
      }
      ++pos_;
    } else if (c == '\\') {
      // The escaped character never ends the string (in raw strings too).
      ++pos_;
      if (!at_end()) {
        if (peek() == '\n') {
          ++pos_;
          new_line_at(pos_);
        } else {
          ++pos_;
        }
      }
    } else if (c == '\n') {
      if (!triple) {
        throw error(SyntaxErrorKind::SyntaxError,
                    "unterminated string literal (detected at line " + std::to_string(line_) + ")",
                    line, col);
      }
      ++pos_;
      new_line_at(pos_);
    } else if (c == '\0') {
      throw error(SyntaxErrorKind::SyntaxError, "source code cannot contain null bytes", line_,
                  col_of(pos_));
    } else {
      ++pos_;
    }
  }
  return make(TokenKind::String, start, line, col);
}

void Lexer::fail_number(const char* message, uint32_t at) const {
  throw error(SyntaxErrorKind::SyntaxError, message, line_, col_of(at));
}

Token Lexer::lex_number() {
  uint32_t start = pos_;
  int32_t col = col_of(pos_);
  // Digits with single underscores between them; returns false when an
  // underscore is not followed by a digit.
  auto digits = [&](auto accept) {
    for (;;) {
      while (!at_end() && accept(peek())) ++pos_;
      if (peek() != '_') return true;
      ++pos_;
      if (!accept(peek())) return false;
    }
  };
  auto check_end = [&](const char* message) {
    // A name character right after a number is an error, except for the
    // keywords CPython still accepts there (`1if x else y`).
    if (!at_end() && is_name_char(peek())) {
      std::string_view rest = src_.substr(pos_, end_ - pos_);
      for (std::string_view kw : {"and", "else", "for", "if", "in", "is", "not", "or"}) {
        if (rest.substr(0, kw.size()) == kw) return;
      }
      fail_number(message, pos_);
    }
  };
  auto exponent_and_suffix = [&]() {
    if (peek() == 'e' || peek() == 'E') {
      uint32_t e = pos_;
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (!is_digit(peek())) {
        pos_ = e;
        fail_number("invalid decimal literal", start);
      }
      if (!digits(is_digit)) fail_number("invalid decimal literal", pos_ - 1);
    }
    if (peek() == 'j' || peek() == 'J') {
      ++pos_;
      throw error(SyntaxErrorKind::SyntaxError, "imaginary literals are not supported by bwhop",
                  line_, col, line_, col_of(pos_));
    }
    check_end("invalid decimal literal");
  };

  if (peek() == '0' && (peek(1) == 'x' || peek(1) == 'X' || peek(1) == 'o' || peek(1) == 'O' ||
                        peek(1) == 'b' || peek(1) == 'B')) {
    char base = static_cast<char>(peek(1) | 0x20);
    pos_ += 2;
    const char* name = base == 'x' ? "hexadecimal" : base == 'o' ? "octal" : "binary";
    std::string invalid = std::string("invalid ") + name + " literal";
    auto accept = [base](char ch) {
      return base == 'x'   ? is_hex_digit(ch)
             : base == 'o' ? (ch >= '0' && ch <= '7')
                           : (ch == '0' || ch == '1');
    };
    if (peek() == '_') ++pos_;
    if (!accept(peek())) {
      if (is_digit(peek())) {
        throw error(SyntaxErrorKind::SyntaxError,
                    std::string("invalid digit '") + peek() + "' in " + name + " literal", line_,
                    col_of(pos_));
      }
      fail_number(invalid.c_str(), pos_ - 1);
    }
    if (!digits(accept)) fail_number(invalid.c_str(), pos_ - 1);
    if (is_digit(peek())) {
      throw error(SyntaxErrorKind::SyntaxError,
                  std::string("invalid digit '") + peek() + "' in " + name + " literal", line_,
                  col_of(pos_));
    }
    check_end(invalid.c_str());
    return make(TokenKind::Number, start, line_, col);
  }

  bool is_float = false;
  if (peek() != '.') {
    if (!digits(is_digit)) fail_number("invalid decimal literal", pos_ - 1);
  }
  if (peek() == '.') {
    is_float = true;
    ++pos_;
    if (is_digit(peek()) && !digits(is_digit)) fail_number("invalid decimal literal", pos_ - 1);
  }
  if (peek() == 'e' || peek() == 'E' || peek() == 'j' || peek() == 'J') is_float = true;
  if (!is_float) {
    // "0", "00", "0_0" are fine; other leading zeros are not.
    std::string_view text = src_.substr(start, pos_ - start);
    if (text.size() > 1 && text[0] == '0' &&
        text.find_first_not_of("0_") != std::string_view::npos) {
      throw error(SyntaxErrorKind::SyntaxError,
                  "leading zeros in decimal integer literals are not permitted; use an 0o "
                  "prefix for octal integers",
                  line_, col);
    }
  }
  exponent_and_suffix();
  return make(TokenKind::Number, start, line_, col);
}

Token Lexer::lex_operator() {
  uint32_t start = pos_;
  int32_t col = col_of(pos_);
  char c = peek(), c1 = peek(1), c2 = peek(2);
  TokenKind kind = TokenKind::ErrorToken;
  int len = 1;
  auto with_eq = [&](TokenKind plain, TokenKind eq) {
    if (c1 == '=') {
      kind = eq;
      len = 2;
    } else {
      kind = plain;
    }
  };
  switch (c) {
  case '(':
    kind = TokenKind::LPar;
    break;
  case ')':
    kind = TokenKind::RPar;
    break;
  case '[':
    kind = TokenKind::LSqb;
    break;
  case ']':
    kind = TokenKind::RSqb;
    break;
  case '{':
    kind = TokenKind::LBrace;
    break;
  case '}':
    kind = TokenKind::RBrace;
    break;
  case ',':
    kind = TokenKind::Comma;
    break;
  case ';':
    kind = TokenKind::Semi;
    break;
  case '~':
    kind = TokenKind::Tilde;
    break;
  case ':':
    with_eq(TokenKind::Colon, TokenKind::ColonEqual);
    break;
  case '+':
    with_eq(TokenKind::Plus, TokenKind::PlusEqual);
    break;
  case '%':
    with_eq(TokenKind::Percent, TokenKind::PercentEqual);
    break;
  case '&':
    with_eq(TokenKind::Amper, TokenKind::AmperEqual);
    break;
  case '|':
    with_eq(TokenKind::VBar, TokenKind::VBarEqual);
    break;
  case '^':
    with_eq(TokenKind::Circumflex, TokenKind::CircumflexEqual);
    break;
  case '@':
    with_eq(TokenKind::At, TokenKind::AtEqual);
    break;
  case '=':
    with_eq(TokenKind::Equal, TokenKind::EqEqual);
    break;
  case '!':
    if (c1 == '=') {
      kind = TokenKind::NotEqual;
      len = 2;
    }
    break;
  case '-':
    if (c1 == '>') {
      kind = TokenKind::RArrow;
      len = 2;
    } else {
      with_eq(TokenKind::Minus, TokenKind::MinEqual);
    }
    break;
  case '.':
    if (c1 == '.' && c2 == '.') {
      kind = TokenKind::Ellipsis;
      len = 3;
    } else {
      kind = TokenKind::Dot;
    }
    break;
  case '*':
    if (c1 == '*') {
      kind = c2 == '=' ? TokenKind::DoubleStarEqual : TokenKind::DoubleStar;
      len = c2 == '=' ? 3 : 2;
    } else {
      with_eq(TokenKind::Star, TokenKind::StarEqual);
    }
    break;
  case '/':
    if (c1 == '/') {
      kind = c2 == '=' ? TokenKind::DoubleSlashEqual : TokenKind::DoubleSlash;
      len = c2 == '=' ? 3 : 2;
    } else {
      with_eq(TokenKind::Slash, TokenKind::SlashEqual);
    }
    break;
  case '<':
    if (c1 == '<') {
      kind = c2 == '=' ? TokenKind::LeftShiftEqual : TokenKind::LeftShift;
      len = c2 == '=' ? 3 : 2;
    } else if (c1 == '>') {
      kind = TokenKind::ErrorToken; // `<>` is not Python 3
      len = 2;
    } else {
      with_eq(TokenKind::Less, TokenKind::LessEqual);
    }
    break;
  case '>':
    if (c1 == '>') {
      kind = c2 == '=' ? TokenKind::RightShiftEqual : TokenKind::RightShift;
      len = c2 == '=' ? 3 : 2;
    } else {
      with_eq(TokenKind::Greater, TokenKind::GreaterEqual);
    }
    break;
  default:
    break;
  }
  pos_ += len;
  Token t = make(kind, start, line_, col);
  if (kind == TokenKind::LPar || kind == TokenKind::LSqb || kind == TokenKind::LBrace) {
    if (static_cast<int>(parens_.size()) >= kMaxParenDepth) {
      throw error(SyntaxErrorKind::SyntaxError, "too many nested parentheses", line_, col);
    }
    parens_.push_back({c, line_, col});
  } else if (kind == TokenKind::RPar || kind == TokenKind::RSqb || kind == TokenKind::RBrace) {
    if (parens_.empty()) {
      if (!expression_mode_) {
        throw error(SyntaxErrorKind::SyntaxError, std::string("unmatched '") + c + "'", line_, col);
      }
    } else {
      Paren open = parens_.back();
      char expected = open.open == '(' ? ')' : open.open == '[' ? ']' : '}';
      if (c != expected) {
        std::string message = std::string("closing parenthesis '") + c +
                              "' does not match opening parenthesis '" + open.open + "'";
        if (open.line != line_) message += " on line " + std::to_string(open.line);
        throw error(SyntaxErrorKind::SyntaxError, message, line_, col);
      }
      parens_.pop_back();
    }
  }
  return t;
}

} // namespace bwhop::lang
