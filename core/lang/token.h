// Tokens of the scenario language, as the lexer hands them to the parser.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/lang/intern.h"

namespace bwhop::lang {

enum class TokenKind : uint8_t {
  EndMarker,
  Newline,
  Indent,
  Dedent,
  Name,
  Number,
  String,
  // A character no token can start with (`$`, `?`, a lone `!`): the parser
  // reports "invalid syntax" at it, as CPython does.
  ErrorToken,
  // Operators and delimiters.
  LPar,
  RPar,
  LSqb,
  RSqb,
  LBrace,
  RBrace,
  Colon,
  Comma,
  Semi,
  Plus,
  Minus,
  Star,
  Slash,
  VBar,
  Amper,
  Less,
  Greater,
  Equal,
  Dot,
  Percent,
  EqEqual,
  NotEqual,
  LessEqual,
  GreaterEqual,
  Tilde,
  Circumflex,
  LeftShift,
  RightShift,
  DoubleStar,
  PlusEqual,
  MinEqual,
  StarEqual,
  SlashEqual,
  PercentEqual,
  AmperEqual,
  VBarEqual,
  CircumflexEqual,
  LeftShiftEqual,
  RightShiftEqual,
  DoubleStarEqual,
  DoubleSlash,
  DoubleSlashEqual,
  At,
  AtEqual,
  RArrow,
  Ellipsis,
  ColonEqual,
  // Keywords (soft keywords such as `match` stay Name).
  KwFalse,
  KwNone,
  KwTrue,
  KwAnd,
  KwAs,
  KwAssert,
  KwAsync,
  KwAwait,
  KwBreak,
  KwClass,
  KwContinue,
  KwDef,
  KwDel,
  KwElif,
  KwElse,
  KwExcept,
  KwFinally,
  KwFor,
  KwFrom,
  KwGlobal,
  KwIf,
  KwImport,
  KwIn,
  KwIs,
  KwLambda,
  KwNonlocal,
  KwNot,
  KwOr,
  KwPass,
  KwRaise,
  KwReturn,
  KwTry,
  KwWhile,
  KwWith,
  KwYield,
};

// The token's spelling for operators/keywords ("(", "def"), else its kind name.
const char* to_string(TokenKind kind);

struct Token {
  TokenKind kind = TokenKind::EndMarker;
  uint32_t start = 0; // byte offsets into the source
  uint32_t end = 0;
  int32_t line = 0; // 1-based
  int32_t col = 0;  // 0-based byte column; -1 for the end marker (as CPython)
  int32_t end_line = 0;
  int32_t end_col = 0;
  Symbol name; // identifiers only

  bool is(TokenKind k) const { return kind == k; }
};

} // namespace bwhop::lang
