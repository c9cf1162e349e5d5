// Lexer unit tests: token streams for indentation, joining, literals, errors.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/lang/lexer.h"

using namespace bwhop::lang;

namespace {

// Space-separated token kinds (names for NAME tokens, text for numbers/strings).
std::string kinds(const std::string& source) {
  Lexer lexer(source, "x.py");
  std::string out;
  for (;;) {
    Token t = lexer.next();
    if (!out.empty()) out += ' ';
    if (t.kind == TokenKind::Name) {
      out += t.name.str();
    } else if (t.kind == TokenKind::Number || t.kind == TokenKind::String) {
      out += source.substr(t.start, t.end - t.start);
    } else {
      out += to_string(t.kind);
    }
    if (t.kind == TokenKind::EndMarker || t.kind == TokenKind::ErrorToken) break;
  }
  return out;
}

SyntaxError lex_error(const std::string& source) {
  Lexer lexer(source, "x.py");
  try {
    while (lexer.next().kind != TokenKind::EndMarker) {
    }
  } catch (const SyntaxError& e) {
    return e;
  }
  FAIL("expected a lexer error");
  return SyntaxError(SyntaxErrorKind::SyntaxError, "", "", 0, 0, 0, 0, "");
}

} // namespace

TEST_CASE("simple statement ends with NEWLINE and ENDMARKER") {
  CHECK(kinds("x = 1\n") == "x = 1 NEWLINE ENDMARKER");
  CHECK(kinds("x = 1") == "x = 1 NEWLINE ENDMARKER"); // implicit final newline
  CHECK(kinds("") == "ENDMARKER");
  CHECK(kinds("\n\n# only a comment\n") == "ENDMARKER");
}

TEST_CASE("indentation produces INDENT and DEDENT, blank and comment lines do not") {
  CHECK(kinds("if a:\n    b\n\n  # c\n    c\nd\n") ==
        "if a : NEWLINE INDENT b NEWLINE c NEWLINE DEDENT d NEWLINE ENDMARKER");
  CHECK(kinds("if a:\n  if b:\n    c\n") ==
        "if a : NEWLINE INDENT if b : NEWLINE INDENT c NEWLINE DEDENT DEDENT ENDMARKER");
  // Tabs count to the next multiple of 8 and must agree with spaces-as-1.
  CHECK(kinds("if a:\n\tb\n\tc\n") == "if a : NEWLINE INDENT b NEWLINE c NEWLINE DEDENT ENDMARKER");
}

TEST_CASE("brackets join lines; backslash continues them") {
  CHECK(kinds("x = (1,\n  2)\n") == "x = ( 1 , 2 ) NEWLINE ENDMARKER");
  CHECK(kinds("x = [\n\n  1]\n") == "x = [ 1 ] NEWLINE ENDMARKER");
  CHECK(kinds("x = 1 + \\\n  2\n") == "x = 1 + 2 NEWLINE ENDMARKER");
  CHECK(kinds("f(a,  # comment\n  b)\n") == "f ( a , b ) NEWLINE ENDMARKER");
}

TEST_CASE("operators take the longest match") {
  CHECK(kinds("a **= b // c //= d -> e ... f := g != h <= i >> j <<= k @= l\n") ==
        "a **= b // c //= d -> e ... f := g != h <= i >> j <<= k @= l NEWLINE ENDMARKER");
  CHECK(kinds("a.b\n") == "a . b NEWLINE ENDMARKER");
}

TEST_CASE("keywords get their own kinds, soft keywords stay names") {
  Lexer lexer("def match not in\n", "x.py");
  CHECK(lexer.next().kind == TokenKind::KwDef);
  Token m = lexer.next();
  CHECK(m.kind == TokenKind::Name);
  CHECK(m.name == intern("match"));
  CHECK(lexer.next().kind == TokenKind::KwNot);
  CHECK(lexer.next().kind == TokenKind::KwIn);
}

TEST_CASE("numbers in every spelling are single tokens") {
  CHECK(kinds("1 1_000 0x_fF 0o17 0b1_0 1. .5 1e3 1_000.5 1E-3 0 00 0.0\n") ==
        "1 1_000 0x_fF 0o17 0b1_0 1. .5 1e3 1_000.5 1E-3 0 00 0.0 NEWLINE ENDMARKER");
  CHECK(kinds("1if x else 2\n") == "1 if x else 2 NEWLINE ENDMARKER");
}

TEST_CASE("strings in every form are single tokens") {
  CHECK(kinds("'a' \"b\" '''c\nd''' r'\\'' f'{x}' Rb'z' u'q'\n") ==
        "'a' \"b\" '''c\nd''' r'\\'' f'{x}' Rb'z' u'q' NEWLINE ENDMARKER");
  CHECK(kinds("'a\\\nb'\n") == "'a\\\nb' NEWLINE ENDMARKER");
}

TEST_CASE("token positions: 1-based lines, 0-based byte columns") {
  Lexer lexer("x = (1,\n     22)\n", "x.py");
  Token x = lexer.next();
  CHECK(x.line == 1);
  CHECK(x.col == 0);
  lexer.next(); // =
  lexer.next(); // (
  lexer.next(); // 1
  lexer.next(); // ,
  Token n = lexer.next();
  CHECK(n.line == 2);
  CHECK(n.col == 5);
  CHECK(n.end_col == 7);
  Token triple = Lexer("s = '''a\nbc'''\n", "x.py").next();
  CHECK(triple.kind == TokenKind::Name);
}

TEST_CASE("multi-line string token spans lines") {
  Lexer lexer("'''a\nbc'''\n", "x.py");
  Token s = lexer.next();
  CHECK(s.kind == TokenKind::String);
  CHECK(s.line == 1);
  CHECK(s.end_line == 2);
  CHECK(s.end_col == 5);
  CHECK(lexer.next().kind == TokenKind::Newline);
}

TEST_CASE("unclosed bracket at end of input is reported by the lexer") {
  Lexer lexer("x = (1 +\n", "x.py");
  TokenKind k;
  do {
    k = lexer.next().kind;
  } while (k != TokenKind::ErrorToken && k != TokenKind::EndMarker);
  CHECK(k == TokenKind::ErrorToken);
  CHECK(lexer.unclosed_at_eof());
  SyntaxError e = lexer.unclosed_error();
  CHECK(e.message == "'(' was never closed");
  CHECK(e.line == 1);
  CHECK(e.offset == 5);
}

TEST_CASE("lexer errors carry kind, message and location") {
  SyntaxError dedent = lex_error("if x:\n    a\n  b\n");
  CHECK(dedent.kind == SyntaxErrorKind::IndentationError);
  CHECK(dedent.message == "unindent does not match any outer indentation level");
  CHECK(dedent.line == 3);

  SyntaxError tab = lex_error("if x:\n\tif y:\n        pass\n");
  CHECK(tab.kind == SyntaxErrorKind::TabError);
  CHECK(tab.line == 3);

  SyntaxError str = lex_error("x = 'abc\n");
  CHECK(str.message == "unterminated string literal (detected at line 1)");
  CHECK(str.offset == 5);

  SyntaxError triple = lex_error("x = '''abc\n\ny = 1\n");
  CHECK(triple.message == "unterminated triple-quoted string literal (detected at line 3)");
  CHECK(triple.line == 1);

  CHECK(lex_error("x = 0x\n").message == "invalid hexadecimal literal");
  CHECK(lex_error("x = 0b2\n").message == "invalid digit '2' in binary literal");
  CHECK(lex_error("x = 0o8\n").message == "invalid digit '8' in octal literal");
  CHECK(lex_error("x = 1__0\n").message == "invalid decimal literal");
  CHECK(lex_error("x = 1abc\n").message == "invalid decimal literal");
  CHECK(lex_error("x = 09\n").message ==
        "leading zeros in decimal integer literals are not permitted; use an 0o prefix for "
        "octal integers");
  CHECK(lex_error("x = 3j\n").message == "imaginary literals are not supported by bwhop");
  CHECK(lex_error("x = (]\n").message ==
        "closing parenthesis ']' does not match opening parenthesis '('");
  CHECK(lex_error("x = (\n]\n").message ==
        "closing parenthesis ']' does not match opening parenthesis '(' on line 1");
  CHECK(lex_error("x = )\n").message == "unmatched ')'");
  CHECK(lex_error("x = 1 \\ 2\n").message ==
        "unexpected character after line continuation character");
  CHECK(lex_error(std::string("x = 1\0\n", 7)).message == "source code cannot contain null bytes");
}

TEST_CASE("nesting limits match CPython") {
  SyntaxError parens = lex_error(std::string(300, '(') + "\n");
  CHECK(parens.message == "too many nested parentheses");
  CHECK(parens.offset == 201);

  std::string deep;
  for (int i = 0; i < 120; ++i) deep += std::string(static_cast<std::size_t>(i), ' ') + "if x:\n";
  SyntaxError indent = lex_error(deep);
  CHECK(indent.kind == SyntaxErrorKind::IndentationError);
  CHECK(indent.message == "too many levels of indentation");
  CHECK(indent.line == 101);
}

TEST_CASE("a byte order mark and CRLF line endings are accepted") {
  CHECK(kinds("\xEF\xBB\xBFx = 1\n") == "x = 1 NEWLINE ENDMARKER");
}
