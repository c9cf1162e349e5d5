// Parser unit tests written from Python semantics: precedence, node fields,
// resolver defaults, limits and the error API.
#include <cmath>
#include <cstdint>
#include <string>

#include "core/lang/ast_visit.h"
#include "tests/lang/test_parser_helpers.h"

using namespace bwhop::lang;
using bwhop::lang::testing::dump_of;
using bwhop::lang::testing::error_of;

namespace {

// The expression of a one-line `expression` module.
const Expr* expr_of(const std::shared_ptr<ParsedFile>& file) {
  REQUIRE(file->body.size == 1);
  const auto* stmt = file->body[0]->as<ExprStmt>();
  REQUIRE(stmt != nullptr);
  return stmt->value;
}

// A compact prefix form of an expression tree, written by hand in the tests.
std::string sexpr(const Expr* e) {
  switch (e->kind) {
  case ExprKind::Name:
    return e->as<Name>()->var.name.str();
  case ExprKind::Constant: {
    const auto* c = e->as<Constant>();
    if (c->value_kind == ConstantKind::Int) return std::to_string(c->int_value);
    return python_str_repr(c->str_value);
  }
  case ExprKind::BinOp: {
    const auto* b = e->as<BinOp>();
    return std::string("(") + to_string(b->op) + " " + sexpr(b->left) + " " + sexpr(b->right) + ")";
  }
  case ExprKind::UnaryOp: {
    const auto* u = e->as<UnaryOp>();
    return std::string("(") + to_string(u->op) + " " + sexpr(u->operand) + ")";
  }
  case ExprKind::BoolOp: {
    const auto* b = e->as<BoolOp>();
    std::string out = std::string("(") + to_string(b->op);
    for (const Expr* v : b->values) out += " " + sexpr(v);
    return out + ")";
  }
  case ExprKind::Compare: {
    const auto* c = e->as<Compare>();
    std::string out = "(cmp " + sexpr(c->left);
    for (uint32_t i = 0; i < c->ops.size; ++i) {
      out += std::string(" ") + to_string(c->ops[i]) + " " + sexpr(c->comparators[i]);
    }
    return out + ")";
  }
  case ExprKind::IfExp: {
    const auto* i = e->as<IfExp>();
    return "(if " + sexpr(i->test) + " " + sexpr(i->body) + " " + sexpr(i->orelse) + ")";
  }
  case ExprKind::Lambda:
    return "(lambda " + sexpr(e->as<Lambda>()->body) + ")";
  default:
    return to_string(e->kind);
  }
}

std::string sexpr_of(const std::string& source) {
  auto file = parse_file("x.py", source);
  return sexpr(expr_of(file));
}

} // namespace

TEST_CASE("power binds tighter than unary minus on its left and is right-associative") {
  CHECK(sexpr_of("-2**2") == "(- (** 2 2))");
  CHECK(sexpr_of("2**-1") == "(** 2 (- 1))");
  CHECK(sexpr_of("a**b**c") == "(** a (** b c))");
  CHECK(sexpr_of("-a**-b") == "(- (** a (- b)))");
}

TEST_CASE("arithmetic levels and left associativity") {
  CHECK(sexpr_of("a - b - c") == "(- (- a b) c)");
  CHECK(sexpr_of("a + b * c") == "(+ a (* b c))");
  CHECK(sexpr_of("a * b // c % d @ e") == "(@ (% (// (* a b) c) d) e)");
  CHECK(sexpr_of("a | b ^ c & d << e + f") == "(| a (^ b (& c (<< d (+ e f)))))");
  CHECK(sexpr_of("~a + -b") == "(+ (~ a) (- b))");
}

TEST_CASE("not is lower than comparisons; and binds tighter than or") {
  CHECK(sexpr_of("not a == b") == "(not (cmp a == b))");
  CHECK(sexpr_of("a or b and not c") == "(or a (and b (not c)))");
  CHECK(sexpr_of("a and b and c or d") == "(or (and a b c) d)");
}

TEST_CASE("comparison chains keep every operator") {
  CHECK(sexpr_of("a < b <= c is not d not in e in f is g") ==
        "(cmp a < b <= c is not d not in e in f is g)");
}

TEST_CASE("conditional expressions and lambda are lowest") {
  CHECK(sexpr_of("a if b else c if d else e") == "(if b a (if d c e))");
  CHECK(sexpr_of("lambda: a if b else c") == "(lambda (if b a c))");
  CHECK(sexpr_of("a or b if c else d") == "(if c (or a b) d)");
}

TEST_CASE("implicit string concatenation decodes each piece") {
  CHECK(sexpr_of("'a' \"b\" '''c''' r'\\n' '\\n'") == "'abc\\\\n\\n'");
}

TEST_CASE("int literals are 64-bit; the most negative one folds") {
  auto file = parse_file("x.py", "-9223372036854775808\n");
  const auto* c = expr_of(file)->as<Constant>();
  REQUIRE(c != nullptr);
  CHECK(c->int_value == INT64_MIN);
  CHECK(sexpr_of("9223372036854775807") == "9223372036854775807");
  CHECK(error_of("x = 9223372036854775808\n") ==
        "  File \"x.py\", line 1\n    x = 9223372036854775808\n        ^\n"
        "SyntaxError: integer literal too large: bwhop ints are 64-bit\n");
  CHECK(dump_of("x = 0xFFFFFFFFFFFFFFFFF\n") ==
        "ERROR: integer literal too large: bwhop ints are 64-bit");
}

TEST_CASE("float literals parse to the nearest double") {
  auto file = parse_file("x.py", "x = (1., .5, 1e3, 1_000.5, 1E-3, 1e999)\n");
  const auto* t = file->body[0]->as<Assign>()->value->as<Tuple>();
  REQUIRE(t->elts.size == 6);
  CHECK(t->elts[0]->as<Constant>()->float_value == 1.0);
  CHECK(t->elts[1]->as<Constant>()->float_value == 0.5);
  CHECK(t->elts[2]->as<Constant>()->float_value == 1000.0);
  CHECK(t->elts[3]->as<Constant>()->float_value == 1000.5);
  CHECK(t->elts[4]->as<Constant>()->float_value == 0.001);
  CHECK(std::isinf(t->elts[5]->as<Constant>()->float_value));
}

TEST_CASE("float repr is Python's") {
  CHECK(python_float_repr(0.1) == "0.1");
  CHECK(python_float_repr(1.0) == "1.0");
  CHECK(python_float_repr(1e16) == "1e+16");
  CHECK(python_float_repr(123456789012345.0) == "123456789012345.0");
  CHECK(python_float_repr(1e-5) == "1e-05");
  CHECK(python_float_repr(0.0001) == "0.0001");
  CHECK(python_float_repr(-2.5) == "-2.5");
  CHECK(python_float_repr(1.0 / 3) == "0.3333333333333333");
  CHECK(python_float_repr(-0.0) == "-0.0");
}

TEST_CASE("names are interned symbols and resolver fields start empty") {
  auto file = parse_file("x.py", "def f(a):\n    return a + b\n");
  const auto* def = file->body[0]->as<FunctionDef>();
  REQUIRE(def != nullptr);
  CHECK(def->name.name == intern("f"));
  CHECK(def->name.slot == -1);
  CHECK(def->name.scope == NameScope::Unresolved);
  CHECK_FALSE(def->scope.resolved);
  CHECK(def->args->args[0].var.name == intern("a"));
  const auto* ret = def->body[0]->as<Return>();
  const auto* add = ret->value->as<BinOp>();
  const auto* a = add->left->as<Name>();
  CHECK(a->var.name == def->args->args[0].var.name); // same Symbol, pointer-equal
  CHECK(a->var.slot == -1);
  CHECK(a->var.scope == NameScope::Unresolved);
  CHECK(a->ctx == ExprContext::Load);
}

TEST_CASE("statement and expression locations") {
  auto file = parse_file("x.py", "@dec\ndef f(x):\n    return (x +\n            1)\n");
  const auto* def = file->body[0]->as<FunctionDef>();
  CHECK(def->loc.line == 2); // the `def` line, as CPython 3.8+
  CHECK(def->loc.col == 0);
  CHECK(def->loc.end_line == 4);
  const auto* ret = def->body[0]->as<Return>();
  CHECK(ret->loc.line == 3);
  CHECK(ret->loc.col == 4);
  const auto* add = ret->value->as<BinOp>();
  CHECK(add->loc.line == 3);
  CHECK(add->loc.col == 12);
  CHECK(add->loc.end_line == 4);
  CHECK(add->loc.end_col == 13);
  CHECK(file->source_line(3) == "    return (x +");
  CHECK(file->source_line(5) == "");
}

TEST_CASE("ParsedFile owns path and source; CRLF is normalized") {
  auto file = parse_file("dir/x.py", "a = 1\r\nb = 2\r\n");
  CHECK(file->path() == "dir/x.py");
  CHECK(file->source() == "a = 1\nb = 2\n");
  CHECK(file->body.size == 2);
  CHECK(file->body[1]->loc.line == 2);
}

TEST_CASE("import aliases record the bound name") {
  auto file = parse_file("x.py", "import a.b.c\nimport a.b as d\nfrom m import x as y, z\n");
  const auto* i1 = file->body[0]->as<Import>();
  CHECK(i1->names[0].name.str() == "a.b.c");
  CHECK(i1->names[0].bound.name.str() == "a");
  const auto* i2 = file->body[1]->as<Import>();
  CHECK(i2->names[0].bound.name.str() == "d");
  const auto* f = file->body[2]->as<ImportFrom>();
  CHECK(f->module.str() == "m");
  CHECK(f->names[0].bound.name.str() == "y");
  CHECK(f->names[1].bound.name.str() == "z");
}

TEST_CASE("visit_children reaches every child once") {
  auto file = parse_file("x.py", "for a, b in f(x, *y, k=z):\n    g(a)[b:c] = {1: [d]}\n");
  int exprs = 0, stmts = 0;
  struct Counter {
    int& exprs;
    int& stmts;
    void expr(Expr* e) {
      ++exprs;
      visit_children(
          e, [this](Expr* c) { expr(c); }, [this](Stmt* c) { stmt(c); });
    }
    void stmt(Stmt* s) {
      ++stmts;
      visit_children(
          s, [this](Expr* c) { expr(c); }, [this](Stmt* c) { stmt(c); });
    }
  } counter{exprs, stmts};
  counter.stmt(file->body[0]);
  CHECK(stmts == 2);
  // for: Tuple(a, b), Call(f, x, Starred(y), k=z)   -> 3 + 6 = 9
  // body: Subscript(Call(g, a), Slice(b, c)), Dict(1, List(d)) -> 7 + 4 = 11
  CHECK(exprs == 20);
}

TEST_CASE("constructs outside the subset are clear syntax errors") {
  CHECK(dump_of("async def f(): pass\n") == "ERROR: 'async' is not supported by bwhop");
  CHECK(dump_of("def f():\n    yield 1\n") == "ERROR: 'yield' is not supported by bwhop");
  CHECK(dump_of("x = await y\n") == "ERROR: 'await' is not supported by bwhop");
  CHECK(dump_of("match x:\n    case 1: pass\n") ==
        "ERROR: the 'match' statement is not supported by bwhop");
  CHECK(dump_of("try:\n    pass\nexcept* E:\n    pass\n") ==
        "ERROR: 'except*' is not supported by bwhop");
  CHECK(dump_of("x = b'abc'\n") == "ERROR: bytes literals are not supported by bwhop");
  CHECK(dump_of("x = '\\N{DASH}'\n") == "ERROR: \\N{...} escapes are not supported by bwhop");
  // `match` is still an ordinary name.
  CHECK(dump_of("match = 1\n") ==
        "Module(body=[Assign(targets=[Name(id='match', ctx=Store())], value=Constant(value=1))], "
        "type_ignores=[])");
}

TEST_CASE("error values carry kind, location and the source line") {
  ParseResult r = try_parse_file("x.py", "a = 1\nif a:\n    b = (1 +\n");
  REQUIRE(r.error);
  CHECK(r.file == nullptr);
  CHECK(r.error->kind == SyntaxErrorKind::SyntaxError);
  CHECK(r.error->message == "'(' was never closed");
  CHECK(r.error->file == "x.py");
  CHECK(r.error->line == 3);
  CHECK(r.error->offset == 9);
  CHECK(r.error->text == "    b = (1 +");
  CHECK(format_syntax_error(*r.error) ==
        "  File \"x.py\", line 3\n    b = (1 +\n        ^\nSyntaxError: '(' was never closed\n");
}

TEST_CASE("deep nesting is a clean error, never a stack overflow") {
  CHECK(dump_of(std::string(100000, '(') + "\n") == "ERROR: too many nested parentheses");
  CHECK(dump_of(std::string(100000, '-') + "1\n") ==
        "ERROR: maximum recursion depth exceeded during compilation");
  std::string nots;
  for (int i = 0; i < 50000; ++i) nots += "not ";
  CHECK(dump_of(nots + "x\n") == "ERROR: maximum recursion depth exceeded during compilation");
  std::string chain = "x = 1";
  for (int i = 0; i < 100000; ++i) chain += "+1";
  CHECK(dump_of(chain + "\n") == "ERROR: maximum recursion depth exceeded during compilation");
  std::string lambdas;
  for (int i = 0; i < 20000; ++i) lambdas += "lambda: ";
  CHECK(dump_of(lambdas + "1\n") == "ERROR: maximum recursion depth exceeded during compilation");
  ParseResult r = try_parse_file("x.py", chain + "\n");
  REQUIRE(r.error);
  CHECK(format_syntax_error(*r.error) ==
        "RecursionError: maximum recursion depth exceeded during compilation\n");
  // Moderate depth still parses (CPython accepts these too).
  std::string ok = "x = 1";
  for (int i = 0; i < 1000; ++i) ok += "+1";
  CHECK(dump_of(ok + "\n").rfind("Module(", 0) == 0);
  CHECK(dump_of(std::string(150, '(') + "1" + std::string(150, ')') + "\n").rfind("Module(", 0) ==
        0);
}

TEST_CASE("parsing is linear: a large file parses quickly") {
  std::string big;
  for (int i = 0; i < 20000; ++i) {
    big += "def f" + std::to_string(i) +
           "(a, b=2, *c, **d):\n    return [x * a for x in c if x] + "
           "f'{a!r:>{b}}'\n";
  }
  auto file = parse_file("big.py", big);
  CHECK(file->body.size == 20000);
  // One long single-line f-string: each field is located without rescanning the line.
  std::string fields = "x = f'";
  for (int i = 0; i < 20000; ++i) fields += "{a}";
  auto fstring = parse_file("f.py", fields + "'\n");
  const auto* joined = fstring->body[0]->as<Assign>()->value->as<JoinedStr>();
  REQUIRE(joined != nullptr);
  CHECK(joined->values.size == 20000);
  CHECK(joined->values[19999]->as<FormattedValue>()->value->loc.col == 6 + 3 * 19999 + 1);
}

TEST_CASE("f-string fields keep their real source positions across lines") {
  auto file = parse_file("x.py", "s = f'''a\n{x}\n  {y +\n z}'''\n");
  const auto* joined = file->body[0]->as<Assign>()->value->as<JoinedStr>();
  REQUIRE(joined != nullptr);
  const Expr* x = joined->values[1]->as<FormattedValue>()->value;
  CHECK(x->loc.line == 2);
  CHECK(x->loc.col == 1);
  const Expr* sum = joined->values[3]->as<FormattedValue>()->value;
  CHECK(sum->loc.line == 3);
  CHECK(sum->loc.col == 3);
  CHECK(sum->loc.end_line == 4);
  CHECK(sum->loc.end_col == 2);
}
