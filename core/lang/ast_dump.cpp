#include "core/lang/ast_dump.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string_view>

namespace bwhop::lang {

std::string python_float_repr(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  // Shortest round-trip digits and decimal exponent, then Python's layout:
  // fixed notation when -4 <= exponent < 16, scientific otherwise.
  char buf[64];
  auto result = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<std::size_t>(result.ptr - buf));
  bool negative = sci.front() == '-';
  if (negative) sci.remove_prefix(1);
  std::size_t e_pos = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e_pos)) {
    if (c != '.') digits += c;
  }
  int exponent = std::stoi(std::string(sci.substr(e_pos + 1)));
  std::string out = negative ? "-" : "";
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) {
      out += "0.";
      out.append(static_cast<std::size_t>(-exponent - 1), '0');
      out += digits;
    } else if (static_cast<std::size_t>(exponent) + 1 >= digits.size()) {
      out += digits;
      out.append(static_cast<std::size_t>(exponent) + 1 - digits.size(), '0');
      out += ".0";
    } else {
      out += digits.substr(0, static_cast<std::size_t>(exponent) + 1);
      out += '.';
      out += digits.substr(static_cast<std::size_t>(exponent) + 1);
    }
    return out;
  }
  out += digits.substr(0, 1);
  if (digits.size() > 1) {
    out += '.';
    out += digits.substr(1);
  }
  char exp_buf[16];
  std::snprintf(exp_buf, sizeof exp_buf, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
  out += exp_buf;
  return out;
}

std::string python_str_repr(std::string_view s) {
  bool has_single = s.find('\'') != std::string_view::npos;
  bool has_double = s.find('"') != std::string_view::npos;
  char quote = has_single && !has_double ? '"' : '\'';
  std::string out(1, quote);
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (ch == quote || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (ch == '\n') {
      out += "\\n";
    } else if (ch == '\r') {
      out += "\\r";
    } else if (ch == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  out += quote;
  return out;
}

namespace {

const char* binop_name(BinOpKind op) {
  static const char* const names[] = {"Add",    "Sub",    "Mult",    "MatMult", "Div",
                                      "Mod",    "Pow",    "LShift",  "RShift",  "BitOr",
                                      "BitXor", "BitAnd", "FloorDiv"};
  return names[static_cast<int>(op)];
}
const char* unaryop_name(UnaryOpKind op) {
  static const char* const names[] = {"Invert", "Not", "UAdd", "USub"};
  return names[static_cast<int>(op)];
}
const char* cmpop_name(CmpOpKind op) {
  static const char* const names[] = {"Eq",  "NotEq", "Lt",    "LtE", "Gt",
                                      "GtE", "Is",    "IsNot", "In",  "NotIn"};
  return names[static_cast<int>(op)];
}
const char* ctx_name(ExprContext ctx) {
  return ctx == ExprContext::Load ? "Load()" : ctx == ExprContext::Store ? "Store()" : "Del()";
}

// Builds "Kind(field=value, ...)", skipping absent (None) fields as ast.dump does.
class Writer {
public:
  Writer(std::string& out, bool positions) : out_(out), positions_(positions) {}
  // Closes a node that has a location, printing it first when asked to.
  void close_at(const Loc& loc) {
    if (positions_) {
      raw("lineno", std::to_string(loc.line));
      raw("col_offset", std::to_string(loc.col));
      raw("end_lineno", std::to_string(loc.end_line));
      raw("end_col_offset", std::to_string(loc.end_col));
    }
    close();
  }
  void open(const char* kind) {
    out_ += kind;
    out_ += '(';
    first_.push_back(true);
  }
  void close() {
    out_ += ')';
    first_.pop_back();
  }
  void field(const char* name) {
    if (!first_.back()) out_ += ", ";
    first_.back() = false;
    out_ += name;
    out_ += '=';
  }
  void raw(const char* name, std::string_view text) {
    field(name);
    out_ += text;
  }
  void symbol(const char* name, Symbol s) {
    if (s.empty()) return;
    raw(name, python_str_repr(s.view()));
  }
  void expr(const char* name, const Expr* e) {
    if (!e) return;
    field(name);
    write(e);
  }
  void exprs(const char* name, Span<Expr*> es) {
    field(name);
    out_ += '[';
    for (uint32_t i = 0; i < es.size; ++i) {
      if (i) out_ += ", ";
      if (es[i]) {
        write(es[i]);
      } else {
        out_ += "None";
      }
    }
    out_ += ']';
  }
  void stmts(const char* name, Span<Stmt*> ss) {
    field(name);
    out_ += '[';
    for (uint32_t i = 0; i < ss.size; ++i) {
      if (i) out_ += ", ";
      write(ss[i]);
    }
    out_ += ']';
  }
  template <typename T, typename F> void list(const char* name, Span<T> items, F each) {
    field(name);
    out_ += '[';
    for (uint32_t i = 0; i < items.size; ++i) {
      if (i) out_ += ", ";
      each(items[i]);
    }
    out_ += ']';
  }
  void op(const char* name, const char* op_name) {
    field(name);
    out_ += op_name;
    out_ += "()";
  }

  void write(const Expr* e);
  void write(const Stmt* s);
  void write_arguments(const Arguments* a);
  void write_arg(const Arg& a);
  void write_keyword(const Keyword& k);
  void write_comprehension(const Comprehension& c);
  void write_constant(const Constant* c);

private:
  std::string& out_;
  bool positions_;
  std::vector<bool> first_;
};

void Writer::write_arg(const Arg& a) {
  open("arg");
  symbol("arg", a.var.name);
  expr("annotation", a.annotation);
  close_at(a.loc);
}

void Writer::write_arguments(const Arguments* a) {
  open("arguments");
  list("posonlyargs", a->posonlyargs, [this](const Arg& x) { write_arg(x); });
  list("args", a->args, [this](const Arg& x) { write_arg(x); });
  if (a->vararg) {
    field("vararg");
    write_arg(*a->vararg);
  }
  list("kwonlyargs", a->kwonlyargs, [this](const Arg& x) { write_arg(x); });
  exprs("kw_defaults", a->kw_defaults);
  if (a->kwarg) {
    field("kwarg");
    write_arg(*a->kwarg);
  }
  exprs("defaults", a->defaults);
  close();
}

void Writer::write_keyword(const Keyword& k) {
  open("keyword");
  symbol("arg", k.arg);
  expr("value", k.value);
  close_at(k.loc);
}

void Writer::write_comprehension(const Comprehension& c) {
  open("comprehension");
  expr("target", c.target);
  expr("iter", c.iter);
  exprs("ifs", c.ifs);
  raw("is_async", "0");
  close();
}

void Writer::write_constant(const Constant* c) {
  open("Constant");
  switch (c->value_kind) {
  case ConstantKind::None:
    raw("value", "None");
    break;
  case ConstantKind::True:
    raw("value", "True");
    break;
  case ConstantKind::False:
    raw("value", "False");
    break;
  case ConstantKind::Ellipsis:
    raw("value", "Ellipsis");
    break;
  case ConstantKind::Int:
    raw("value", std::to_string(c->int_value));
    break;
  case ConstantKind::Float:
    raw("value", python_float_repr(c->float_value));
    break;
  case ConstantKind::Str:
    raw("value", python_str_repr(c->str_value));
    break;
  }
  close_at(c->loc);
}

void Writer::write(const Expr* e) {
  switch (e->kind) {
  case ExprKind::BoolOp: {
    auto* n = e->as<BoolOp>();
    open("BoolOp");
    op("op", n->op == BoolOpKind::And ? "And" : "Or");
    exprs("values", n->values);
    break;
  }
  case ExprKind::NamedExpr: {
    auto* n = e->as<NamedExpr>();
    open("NamedExpr");
    expr("target", n->target);
    expr("value", n->value);
    break;
  }
  case ExprKind::BinOp: {
    auto* n = e->as<BinOp>();
    open("BinOp");
    expr("left", n->left);
    op("op", binop_name(n->op));
    expr("right", n->right);
    break;
  }
  case ExprKind::UnaryOp: {
    auto* n = e->as<UnaryOp>();
    open("UnaryOp");
    op("op", unaryop_name(n->op));
    expr("operand", n->operand);
    break;
  }
  case ExprKind::Lambda: {
    auto* n = e->as<Lambda>();
    open("Lambda");
    field("args");
    write_arguments(n->args);
    expr("body", n->body);
    break;
  }
  case ExprKind::IfExp: {
    auto* n = e->as<IfExp>();
    open("IfExp");
    expr("test", n->test);
    expr("body", n->body);
    expr("orelse", n->orelse);
    break;
  }
  case ExprKind::Dict: {
    auto* n = e->as<Dict>();
    open("Dict");
    exprs("keys", n->keys);
    exprs("values", n->values);
    break;
  }
  case ExprKind::Set: {
    open("Set");
    exprs("elts", e->as<Set>()->elts);
    break;
  }
  case ExprKind::ListComp:
  case ExprKind::SetComp:
  case ExprKind::GeneratorExp: {
    const Expr* elt;
    Span<Comprehension> gens;
    if (auto* n = e->as<ListComp>())
      elt = n->elt, gens = n->generators;
    else if (auto* s = e->as<SetComp>())
      elt = s->elt, gens = s->generators;
    else
      elt = e->as<GeneratorExp>()->elt, gens = e->as<GeneratorExp>()->generators;
    open(to_string(e->kind));
    expr("elt", elt);
    list("generators", gens, [this](const Comprehension& c) { write_comprehension(c); });
    break;
  }
  case ExprKind::DictComp: {
    auto* n = e->as<DictComp>();
    open("DictComp");
    expr("key", n->key);
    expr("value", n->value);
    list("generators", n->generators, [this](const Comprehension& c) { write_comprehension(c); });
    break;
  }
  case ExprKind::Compare: {
    auto* n = e->as<Compare>();
    open("Compare");
    expr("left", n->left);
    list("ops", n->ops, [this](CmpOpKind k) {
      out_ += cmpop_name(k);
      out_ += "()";
    });
    exprs("comparators", n->comparators);
    break;
  }
  case ExprKind::Call: {
    auto* n = e->as<Call>();
    open("Call");
    expr("func", n->func);
    exprs("args", n->args);
    list("keywords", n->keywords, [this](const Keyword& k) { write_keyword(k); });
    break;
  }
  case ExprKind::FormattedValue: {
    auto* n = e->as<FormattedValue>();
    open("FormattedValue");
    expr("value", n->value);
    raw("conversion", std::to_string(n->conversion));
    expr("format_spec", n->format_spec);
    break;
  }
  case ExprKind::JoinedStr: {
    open("JoinedStr");
    exprs("values", e->as<JoinedStr>()->values);
    break;
  }
  case ExprKind::Constant:
    write_constant(e->as<Constant>());
    return;
  case ExprKind::Attribute: {
    auto* n = e->as<Attribute>();
    open("Attribute");
    expr("value", n->value);
    symbol("attr", n->attr);
    raw("ctx", ctx_name(n->ctx));
    break;
  }
  case ExprKind::Subscript: {
    auto* n = e->as<Subscript>();
    open("Subscript");
    expr("value", n->value);
    expr("slice", n->slice);
    raw("ctx", ctx_name(n->ctx));
    break;
  }
  case ExprKind::Starred: {
    auto* n = e->as<Starred>();
    open("Starred");
    expr("value", n->value);
    raw("ctx", ctx_name(n->ctx));
    break;
  }
  case ExprKind::Name: {
    auto* n = e->as<Name>();
    open("Name");
    symbol("id", n->var.name);
    raw("ctx", ctx_name(n->ctx));
    break;
  }
  case ExprKind::List: {
    auto* n = e->as<List>();
    open("List");
    exprs("elts", n->elts);
    raw("ctx", ctx_name(n->ctx));
    break;
  }
  case ExprKind::Tuple: {
    auto* n = e->as<Tuple>();
    open("Tuple");
    exprs("elts", n->elts);
    raw("ctx", ctx_name(n->ctx));
    break;
  }
  case ExprKind::Slice: {
    auto* n = e->as<Slice>();
    open("Slice");
    expr("lower", n->lower);
    expr("upper", n->upper);
    expr("step", n->step);
    break;
  }
  }
  close_at(e->loc);
}

void Writer::write(const Stmt* s) {
  switch (s->kind) {
  case StmtKind::FunctionDef: {
    auto* n = s->as<FunctionDef>();
    open("FunctionDef");
    symbol("name", n->name.name);
    field("args");
    write_arguments(n->args);
    stmts("body", n->body);
    exprs("decorator_list", n->decorator_list);
    expr("returns", n->returns);
    break;
  }
  case StmtKind::ClassDef: {
    auto* n = s->as<ClassDef>();
    open("ClassDef");
    symbol("name", n->name.name);
    exprs("bases", n->bases);
    list("keywords", n->keywords, [this](const Keyword& k) { write_keyword(k); });
    stmts("body", n->body);
    exprs("decorator_list", n->decorator_list);
    break;
  }
  case StmtKind::Return:
    open("Return");
    expr("value", s->as<Return>()->value);
    break;
  case StmtKind::Delete:
    open("Delete");
    exprs("targets", s->as<Delete>()->targets);
    break;
  case StmtKind::Assign: {
    auto* n = s->as<Assign>();
    open("Assign");
    exprs("targets", n->targets);
    expr("value", n->value);
    break;
  }
  case StmtKind::AugAssign: {
    auto* n = s->as<AugAssign>();
    open("AugAssign");
    expr("target", n->target);
    op("op", binop_name(n->op));
    expr("value", n->value);
    break;
  }
  case StmtKind::AnnAssign: {
    auto* n = s->as<AnnAssign>();
    open("AnnAssign");
    expr("target", n->target);
    expr("annotation", n->annotation);
    expr("value", n->value);
    raw("simple", n->simple ? "1" : "0");
    break;
  }
  case StmtKind::For: {
    auto* n = s->as<For>();
    open("For");
    expr("target", n->target);
    expr("iter", n->iter);
    stmts("body", n->body);
    stmts("orelse", n->orelse);
    break;
  }
  case StmtKind::While: {
    auto* n = s->as<While>();
    open("While");
    expr("test", n->test);
    stmts("body", n->body);
    stmts("orelse", n->orelse);
    break;
  }
  case StmtKind::If: {
    auto* n = s->as<If>();
    open("If");
    expr("test", n->test);
    stmts("body", n->body);
    stmts("orelse", n->orelse);
    break;
  }
  case StmtKind::With: {
    auto* n = s->as<With>();
    open("With");
    list("items", n->items, [this](const WithItem& item) {
      open("withitem");
      expr("context_expr", item.context_expr);
      expr("optional_vars", item.optional_vars);
      close();
    });
    stmts("body", n->body);
    break;
  }
  case StmtKind::Raise: {
    auto* n = s->as<Raise>();
    open("Raise");
    expr("exc", n->exc);
    expr("cause", n->cause);
    break;
  }
  case StmtKind::Try: {
    auto* n = s->as<Try>();
    open("Try");
    stmts("body", n->body);
    list("handlers", n->handlers, [this](const ExceptHandler& h) {
      open("ExceptHandler");
      expr("type", h.type);
      symbol("name", h.name.name);
      stmts("body", h.body);
      close_at(h.loc);
    });
    stmts("orelse", n->orelse);
    stmts("finalbody", n->finalbody);
    break;
  }
  case StmtKind::Assert: {
    auto* n = s->as<Assert>();
    open("Assert");
    expr("test", n->test);
    expr("msg", n->msg);
    break;
  }
  case StmtKind::Import:
  case StmtKind::ImportFrom: {
    auto write_alias = [this](const Alias& a) {
      open("alias");
      symbol("name", a.name);
      symbol("asname", a.asname);
      close_at(a.loc);
    };
    if (auto* n = s->as<Import>()) {
      open("Import");
      list("names", n->names, write_alias);
    } else {
      auto* f = s->as<ImportFrom>();
      open("ImportFrom");
      symbol("module", f->module);
      list("names", f->names, write_alias);
      raw("level", std::to_string(f->level));
    }
    break;
  }
  case StmtKind::Global:
  case StmtKind::Nonlocal: {
    Span<VarRef> names = s->is<Global>() ? s->as<Global>()->names : s->as<Nonlocal>()->names;
    open(to_string(s->kind));
    list("names", names, [this](const VarRef& v) { out_ += python_str_repr(v.name.view()); });
    break;
  }
  case StmtKind::ExprStmt:
    open("Expr");
    expr("value", s->as<ExprStmt>()->value);
    break;
  case StmtKind::Pass:
    open("Pass");
    break;
  case StmtKind::Break:
    open("Break");
    break;
  case StmtKind::Continue:
    open("Continue");
    break;
  }
  close_at(s->loc);
}

} // namespace

std::string dump(const ParsedFile& file, bool positions) {
  std::string out;
  Writer w(out, positions);
  w.open("Module");
  w.stmts("body", file.body);
  w.raw("type_ignores", "[]");
  w.close();
  return out;
}

std::string dump(const Stmt* stmt, bool positions) {
  std::string out;
  Writer(out, positions).write(stmt);
  return out;
}

std::string dump(const Expr* expr, bool positions) {
  std::string out;
  Writer(out, positions).write(expr);
  return out;
}

} // namespace bwhop::lang
