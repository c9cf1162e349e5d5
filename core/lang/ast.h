// The scenario language's syntax tree: plain data, no evaluation. The parser
// builds it; the evaluator (and later dynamo) walk it with a switch on `kind`.
//
// Positions: `line` is 1-based, `col` is a 0-based byte offset into the line
// (like CPython's ast.lineno / ast.col_offset); end_line/end_col point just
// past the node's last character (like ast.end_lineno / ast.end_col_offset).
//
// Ownership: every node, child list and decoded string lives in the Arena of
// the ParsedFile that produced it; node pointers stay valid exactly as long as
// that ParsedFile. Nodes are trivially destructible and never freed one by one.
//
// Resolver fields: fields marked "resolver" (VarRef::slot/scope, ScopeInfo)
// are left at their defaults by the parser and filled in by the evaluator's
// name resolver. The parser never reads them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/lang/ast_arena.h"
#include "core/lang/intern.h"

namespace bwhop::lang {

struct Loc {
  int32_t line = 0;     // 1-based
  int32_t col = 0;      // 0-based byte offset
  int32_t end_line = 0; // 1-based
  int32_t end_col = 0;  // 0-based byte offset, exclusive
};

// How a name reference is bound. Set by the resolver (parser leaves Unresolved).
enum class NameScope : uint8_t {
  Unresolved = 0,
  Local,     // fast local: frame slot `slot`
  Cell,      // local captured by an inner function: cell slot `slot`
  Free,      // captured from an enclosing function: free-variable slot `slot`
  Global,    // declared `global`, or module-level code: module dict
  Implicit,  // not bound in any function scope: module dict, then builtins
  ClassBody, // in a class body: class namespace, then globals/builtins
};

// A use or binding of a variable name, with the resolver's answer.
struct VarRef {
  Symbol name;
  int32_t slot = -1;                       // resolver
  NameScope scope = NameScope::Unresolved; // resolver
};

// What the resolver records about one scope (function, lambda, comprehension,
// class body, module). All counts and spans are resolver-filled.
struct ScopeInfo {
  bool resolved = false;
  int32_t num_locals = 0;      // size of the fast-local array
  int32_t num_cells = 0;       // locals that inner scopes capture
  int32_t num_frees = 0;       // variables captured from enclosing scopes
  Span<Symbol> local_names;    // by slot
  Span<Symbol> cell_names;     // by cell slot
  Span<Symbol> free_names;     // by free slot
  const void* extra = nullptr; // anything else the evaluator wants to hang here
};

enum class ExprContext : uint8_t { Load, Store, Del };

enum class BoolOpKind : uint8_t { And, Or };
enum class BinOpKind : uint8_t {
  Add,
  Sub,
  Mult,
  MatMult,
  Div,
  Mod,
  Pow,
  LShift,
  RShift,
  BitOr,
  BitXor,
  BitAnd,
  FloorDiv
};
enum class UnaryOpKind : uint8_t { Invert, Not, UAdd, USub };
enum class CmpOpKind : uint8_t { Eq, NotEq, Lt, LtE, Gt, GtE, Is, IsNot, In, NotIn };

// Python spellings: "+", "and", "not in", ... (for dumps and error messages).
const char* to_string(BoolOpKind op);
const char* to_string(BinOpKind op);
const char* to_string(UnaryOpKind op);
const char* to_string(CmpOpKind op);

// ---------------------------------------------------------------- expressions

enum class ExprKind : uint8_t {
  BoolOp,
  NamedExpr,
  BinOp,
  UnaryOp,
  Lambda,
  IfExp,
  Dict,
  Set,
  ListComp,
  SetComp,
  DictComp,
  GeneratorExp,
  Compare,
  Call,
  FormattedValue,
  JoinedStr,
  Constant,
  Attribute,
  Subscript,
  Starred,
  Name,
  List,
  Tuple,
  Slice
};
const char* to_string(ExprKind kind);

struct Expr {
  ExprKind kind;
  Loc loc;

  template <typename T> T* as() { return kind == T::kKind ? static_cast<T*>(this) : nullptr; }
  template <typename T> const T* as() const {
    return kind == T::kKind ? static_cast<const T*>(this) : nullptr;
  }
  template <typename T> bool is() const { return kind == T::kKind; }

protected:
  explicit Expr(ExprKind k) : kind(k) {}
};

template <ExprKind K> struct ExprNode : Expr {
  static constexpr ExprKind kKind = K;
  ExprNode() : Expr(K) {}
};

struct Stmt;
struct Arguments;

// `a and b and c`: values has 2 or more entries.
struct BoolOp : ExprNode<ExprKind::BoolOp> {
  BoolOpKind op{};
  Span<Expr*> values;
};

// `(target := value)`; target is a Name in Store context.
struct NamedExpr : ExprNode<ExprKind::NamedExpr> {
  Expr* target = nullptr;
  Expr* value = nullptr;
};

struct BinOp : ExprNode<ExprKind::BinOp> {
  Expr* left = nullptr;
  BinOpKind op{};
  Expr* right = nullptr;
};

struct UnaryOp : ExprNode<ExprKind::UnaryOp> {
  UnaryOpKind op{};
  Expr* operand = nullptr;
};

struct Lambda : ExprNode<ExprKind::Lambda> {
  Arguments* args = nullptr;
  Expr* body = nullptr;
  ScopeInfo scope; // resolver
};

// `body if test else orelse`
struct IfExp : ExprNode<ExprKind::IfExp> {
  Expr* test = nullptr;
  Expr* body = nullptr;
  Expr* orelse = nullptr;
};

// `{k: v, **m}`: keys[i] is nullptr where values[i] is a `**` unpacking.
struct Dict : ExprNode<ExprKind::Dict> {
  Span<Expr*> keys;
  Span<Expr*> values;
};

// `{a, *b}` (never empty: `{}` is a Dict).
struct Set : ExprNode<ExprKind::Set> {
  Span<Expr*> elts;
};

// One `for target in iter if cond if cond` clause of a comprehension.
struct Comprehension {
  Expr* target = nullptr; // Store context
  Expr* iter = nullptr;
  Span<Expr*> ifs;
  Loc loc; // from `for` to the end of the last condition
};

// The first clause's `iter` is evaluated in the enclosing scope (as in
// Python); everything else runs in the comprehension's own scope.
struct ListComp : ExprNode<ExprKind::ListComp> {
  Expr* elt = nullptr;
  Span<Comprehension> generators;
  ScopeInfo scope; // resolver
};

struct SetComp : ExprNode<ExprKind::SetComp> {
  Expr* elt = nullptr;
  Span<Comprehension> generators;
  ScopeInfo scope; // resolver
};

struct DictComp : ExprNode<ExprKind::DictComp> {
  Expr* key = nullptr;
  Expr* value = nullptr;
  Span<Comprehension> generators;
  ScopeInfo scope; // resolver
};

struct GeneratorExp : ExprNode<ExprKind::GeneratorExp> {
  Expr* elt = nullptr;
  Span<Comprehension> generators;
  ScopeInfo scope; // resolver
};

// `left ops[0] comparators[0] ops[1] comparators[1] ...`
struct Compare : ExprNode<ExprKind::Compare> {
  Expr* left = nullptr;
  Span<CmpOpKind> ops;
  Span<Expr*> comparators;
};

// `name=value`, or `**value` when `arg` is empty.
struct Keyword {
  Symbol arg;
  Expr* value = nullptr;
  Loc loc;
};

// Positional arguments may be Starred (`*xs`); keywords in source order.
struct Call : ExprNode<ExprKind::Call> {
  Expr* func = nullptr;
  Span<Expr*> args;
  Span<Keyword> keywords;
};

// One `{value!conv:spec}` field of an f-string.
struct FormattedValue : ExprNode<ExprKind::FormattedValue> {
  Expr* value = nullptr;
  // -1 none, 's' for !s, 'r' for !r, 'a' for !a.
  int32_t conversion = -1;
  // A JoinedStr, or nullptr when there is no `:spec`.
  Expr* format_spec = nullptr;
};

// An f-string (after implicit concatenation): values are Constant(str) and
// FormattedValue nodes in order.
struct JoinedStr : ExprNode<ExprKind::JoinedStr> {
  Span<Expr*> values;
};

enum class ConstantKind : uint8_t { None, True, False, Int, Float, Str, Ellipsis };

struct Constant : ExprNode<ExprKind::Constant> {
  ConstantKind value_kind = ConstantKind::None;
  int64_t int_value = 0;
  double float_value = 0;
  std::string_view str_value; // decoded UTF-8 text (in the arena)
};

struct Attribute : ExprNode<ExprKind::Attribute> {
  Expr* value = nullptr;
  Symbol attr;
  ExprContext ctx = ExprContext::Load;
};

// `value[slice]`; slice is a Slice node, a Tuple (possibly containing Slices)
// for `a[1:2, 3]`, or any other expression.
struct Subscript : ExprNode<ExprKind::Subscript> {
  Expr* value = nullptr;
  Expr* slice = nullptr;
  ExprContext ctx = ExprContext::Load;
};

// `*value` in a call, display or assignment target.
struct Starred : ExprNode<ExprKind::Starred> {
  Expr* value = nullptr;
  ExprContext ctx = ExprContext::Load;
};

struct Name : ExprNode<ExprKind::Name> {
  VarRef var; // var.name is the identifier; slot/scope are resolver fields
  ExprContext ctx = ExprContext::Load;
};

struct List : ExprNode<ExprKind::List> {
  Span<Expr*> elts;
  ExprContext ctx = ExprContext::Load;
};

struct Tuple : ExprNode<ExprKind::Tuple> {
  Span<Expr*> elts;
  ExprContext ctx = ExprContext::Load;
};

// `lower:upper:step` inside a subscript; absent parts are nullptr.
struct Slice : ExprNode<ExprKind::Slice> {
  Expr* lower = nullptr;
  Expr* upper = nullptr;
  Expr* step = nullptr;
};

// ---------------------------------------------------------------- parameters

// One parameter. `var` is the parameter's binding in the function's scope.
struct Arg {
  VarRef var;
  Expr* annotation = nullptr; // parsed, not evaluated by bwhop
  Loc loc;
};

// `def f(a, /, b, c=1, *args, d, e=2, **kw)`:
//   posonlyargs=[a], args=[b, c], defaults=[1] (aligned to the END of
//   posonlyargs+args), vararg=args, kwonlyargs=[d, e], kw_defaults=[nullptr, 2],
//   kwarg=kw.
struct Arguments {
  Span<Arg> posonlyargs;
  Span<Arg> args;
  Arg* vararg = nullptr;
  Span<Arg> kwonlyargs;
  Span<Expr*> kw_defaults; // same length as kwonlyargs; nullptr = required
  Arg* kwarg = nullptr;
  Span<Expr*> defaults;
};

// ---------------------------------------------------------------- statements

enum class StmtKind : uint8_t {
  FunctionDef,
  ClassDef,
  Return,
  Delete,
  Assign,
  AugAssign,
  AnnAssign,
  For,
  While,
  If,
  With,
  Raise,
  Try,
  Assert,
  Import,
  ImportFrom,
  Global,
  Nonlocal,
  ExprStmt,
  Pass,
  Break,
  Continue
};
const char* to_string(StmtKind kind);

// Statement positions: loc.line is the line of the statement's first token
// (for a decorated def/class: the `def`/`class` line, as in Python 3.8+).
struct Stmt {
  StmtKind kind;
  Loc loc;

  template <typename T> T* as() { return kind == T::kKind ? static_cast<T*>(this) : nullptr; }
  template <typename T> const T* as() const {
    return kind == T::kKind ? static_cast<const T*>(this) : nullptr;
  }
  template <typename T> bool is() const { return kind == T::kKind; }

protected:
  explicit Stmt(StmtKind k) : kind(k) {}
};

template <StmtKind K> struct StmtNode : Stmt {
  static constexpr StmtKind kKind = K;
  StmtNode() : Stmt(K) {}
};

struct FunctionDef : StmtNode<StmtKind::FunctionDef> {
  VarRef name; // the binding of the function's name in the enclosing scope
  Arguments* args = nullptr;
  Span<Stmt*> body;
  Span<Expr*> decorator_list; // outermost first, as written
  Expr* returns = nullptr;    // `-> X` annotation, parsed and not evaluated
  ScopeInfo scope;            // resolver
};

struct ClassDef : StmtNode<StmtKind::ClassDef> {
  VarRef name; // the binding of the class name in the enclosing scope
  Span<Expr*> bases;
  Span<Keyword> keywords; // e.g. metaclass=...
  Span<Stmt*> body;
  Span<Expr*> decorator_list;
  ScopeInfo scope; // resolver
};

struct Return : StmtNode<StmtKind::Return> {
  Expr* value = nullptr; // nullptr for bare `return`
};

struct Delete : StmtNode<StmtKind::Delete> {
  Span<Expr*> targets; // Del context
};

// `t1 = t2 = value`: targets in source order.
struct Assign : StmtNode<StmtKind::Assign> {
  Span<Expr*> targets;
  Expr* value = nullptr;
};

struct AugAssign : StmtNode<StmtKind::AugAssign> {
  Expr* target = nullptr; // Name, Attribute or Subscript (Store)
  BinOpKind op{};
  Expr* value = nullptr;
};

// `target: annotation [= value]`; simple is true for a bare unparenthesized name.
struct AnnAssign : StmtNode<StmtKind::AnnAssign> {
  Expr* target = nullptr;
  Expr* annotation = nullptr;
  Expr* value = nullptr; // may be nullptr
  bool simple = false;
};

struct For : StmtNode<StmtKind::For> {
  Expr* target = nullptr;
  Expr* iter = nullptr;
  Span<Stmt*> body;
  Span<Stmt*> orelse;
};

struct While : StmtNode<StmtKind::While> {
  Expr* test = nullptr;
  Span<Stmt*> body;
  Span<Stmt*> orelse;
};

// `elif` is an If nested alone in orelse, as in Python's ast.
struct If : StmtNode<StmtKind::If> {
  Expr* test = nullptr;
  Span<Stmt*> body;
  Span<Stmt*> orelse;
};

struct WithItem {
  Expr* context_expr = nullptr;
  Expr* optional_vars = nullptr; // the `as` target (Store), or nullptr
};

struct With : StmtNode<StmtKind::With> {
  Span<WithItem> items;
  Span<Stmt*> body;
};

struct Raise : StmtNode<StmtKind::Raise> {
  Expr* exc = nullptr;   // nullptr for bare `raise`
  Expr* cause = nullptr; // `from cause`
};

struct ExceptHandler {
  Expr* type = nullptr; // nullptr for bare `except:`
  VarRef name;          // `as name`; name.name empty when absent
  Span<Stmt*> body;
  Loc loc;
};

struct Try : StmtNode<StmtKind::Try> {
  Span<Stmt*> body;
  Span<ExceptHandler> handlers;
  Span<Stmt*> orelse;
  Span<Stmt*> finalbody;
};

struct Assert : StmtNode<StmtKind::Assert> {
  Expr* test = nullptr;
  Expr* msg = nullptr;
};

// `import a.b.c` binds `a` (bound.name == "a"); `import a.b as c` binds `c`.
// `from m import x as y` binds `y`. `bound` is the variable the statement
// assigns; `name` is the full dotted (or imported) name; asname may be empty.
struct Alias {
  Symbol name;   // "a.b.c" or the imported attribute name; "*" for star import
  Symbol asname; // empty when there is no `as`
  VarRef bound;  // the name actually bound in the current scope
  Loc loc;
};

struct Import : StmtNode<StmtKind::Import> {
  Span<Alias> names;
};

struct ImportFrom : StmtNode<StmtKind::ImportFrom> {
  Symbol module; // dotted name; empty for `from . import x`
  Span<Alias> names;
  int32_t level = 0; // number of leading dots
};

struct Global : StmtNode<StmtKind::Global> {
  Span<VarRef> names;
};

struct Nonlocal : StmtNode<StmtKind::Nonlocal> {
  Span<VarRef> names;
};

// An expression statement (Python's ast.Expr). Docstrings are ExprStmt of a
// Constant str, like any other.
struct ExprStmt : StmtNode<StmtKind::ExprStmt> {
  Expr* value = nullptr;
};

struct Pass : StmtNode<StmtKind::Pass> {};
struct Break : StmtNode<StmtKind::Break> {};
struct Continue : StmtNode<StmtKind::Continue> {};

// ---------------------------------------------------------------- files

// One parsed source file: owns its name, its text, and every node.
// Not copyable or movable (nodes point into it); hold it by shared_ptr.
class ParsedFile {
public:
  ParsedFile(std::string path, std::string source);
  ParsedFile(const ParsedFile&) = delete;
  ParsedFile& operator=(const ParsedFile&) = delete;

  const std::string& path() const { return path_; }
  const std::string& source() const { return source_; }
  // Line `line` (1-based) without its newline; "" when out of range.
  std::string_view source_line(int32_t line) const;
  int32_t line_count() const { return static_cast<int32_t>(line_starts_.size()); }

  Arena& arena() { return arena_; }

  Span<Stmt*> body; // the module's statements
  ScopeInfo scope;  // resolver: the module scope

private:
  std::string path_;
  std::string source_;
  std::vector<uint32_t> line_starts_; // byte offset of each line's first char
  Arena arena_;
};

} // namespace bwhop::lang
