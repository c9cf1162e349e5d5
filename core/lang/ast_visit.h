// Generic traversal helpers: call a function on every direct child of a node.
// Children are visited in source order. Useful for resolvers and checks that
// do not care about each field's meaning.
#pragma once

#include "core/lang/ast.h"

namespace bwhop::lang {

// on_expr(Expr*) is called for each child expression (never with nullptr),
// on_stmt(Stmt*) for each child statement. Parameter annotations, defaults and
// decorators count as children of the def/lambda that owns them.
template <typename OnExpr, typename OnStmt>
void visit_children(Expr* e, OnExpr&& on_expr, OnStmt&& on_stmt);
template <typename OnExpr, typename OnStmt>
void visit_children(Stmt* s, OnExpr&& on_expr, OnStmt&& on_stmt);

namespace detail {

template <typename OnExpr> void visit_opt(Expr* e, OnExpr& on_expr) {
  if (e) on_expr(e);
}
template <typename OnExpr> void visit_all(Span<Expr*> es, OnExpr& on_expr) {
  for (Expr* e : es) visit_opt(e, on_expr);
}
template <typename OnStmt> void visit_stmts(Span<Stmt*> ss, OnStmt& on_stmt) {
  for (Stmt* s : ss) on_stmt(s);
}
template <typename OnExpr> void visit_arguments(Arguments* a, OnExpr& on_expr) {
  if (!a) return;
  for (Arg& arg : a->posonlyargs) visit_opt(arg.annotation, on_expr);
  for (Arg& arg : a->args) visit_opt(arg.annotation, on_expr);
  if (a->vararg) visit_opt(a->vararg->annotation, on_expr);
  for (Arg& arg : a->kwonlyargs) visit_opt(arg.annotation, on_expr);
  if (a->kwarg) visit_opt(a->kwarg->annotation, on_expr);
  visit_all(a->defaults, on_expr);
  visit_all(a->kw_defaults, on_expr);
}
template <typename OnExpr> void visit_generators(Span<Comprehension> gens, OnExpr& on_expr) {
  for (Comprehension& g : gens) {
    on_expr(g.target);
    on_expr(g.iter);
    visit_all(g.ifs, on_expr);
  }
}

} // namespace detail

template <typename OnExpr, typename OnStmt>
void visit_children(Expr* e, OnExpr&& on_expr, OnStmt&& /*on_stmt*/) {
  using namespace detail;
  switch (e->kind) {
  case ExprKind::BoolOp:
    visit_all(static_cast<BoolOp*>(e)->values, on_expr);
    break;
  case ExprKind::NamedExpr: {
    auto* n = static_cast<NamedExpr*>(e);
    on_expr(n->target);
    on_expr(n->value);
    break;
  }
  case ExprKind::BinOp: {
    auto* n = static_cast<BinOp*>(e);
    on_expr(n->left);
    on_expr(n->right);
    break;
  }
  case ExprKind::UnaryOp:
    on_expr(static_cast<UnaryOp*>(e)->operand);
    break;
  case ExprKind::Lambda: {
    auto* n = static_cast<Lambda*>(e);
    visit_arguments(n->args, on_expr);
    on_expr(n->body);
    break;
  }
  case ExprKind::IfExp: {
    auto* n = static_cast<IfExp*>(e);
    on_expr(n->test);
    on_expr(n->body);
    on_expr(n->orelse);
    break;
  }
  case ExprKind::Dict: {
    auto* n = static_cast<Dict*>(e);
    for (uint32_t i = 0; i < n->values.size; ++i) {
      visit_opt(n->keys[i], on_expr);
      on_expr(n->values[i]);
    }
    break;
  }
  case ExprKind::Set:
    visit_all(static_cast<Set*>(e)->elts, on_expr);
    break;
  case ExprKind::ListComp: {
    auto* n = static_cast<ListComp*>(e);
    on_expr(n->elt);
    visit_generators(n->generators, on_expr);
    break;
  }
  case ExprKind::SetComp: {
    auto* n = static_cast<SetComp*>(e);
    on_expr(n->elt);
    visit_generators(n->generators, on_expr);
    break;
  }
  case ExprKind::GeneratorExp: {
    auto* n = static_cast<GeneratorExp*>(e);
    on_expr(n->elt);
    visit_generators(n->generators, on_expr);
    break;
  }
  case ExprKind::DictComp: {
    auto* n = static_cast<DictComp*>(e);
    on_expr(n->key);
    on_expr(n->value);
    visit_generators(n->generators, on_expr);
    break;
  }
  case ExprKind::Compare: {
    auto* n = static_cast<Compare*>(e);
    on_expr(n->left);
    visit_all(n->comparators, on_expr);
    break;
  }
  case ExprKind::Call: {
    auto* n = static_cast<Call*>(e);
    on_expr(n->func);
    visit_all(n->args, on_expr);
    for (Keyword& k : n->keywords) on_expr(k.value);
    break;
  }
  case ExprKind::FormattedValue: {
    auto* n = static_cast<FormattedValue*>(e);
    on_expr(n->value);
    visit_opt(n->format_spec, on_expr);
    break;
  }
  case ExprKind::JoinedStr:
    visit_all(static_cast<JoinedStr*>(e)->values, on_expr);
    break;
  case ExprKind::Constant:
    break;
  case ExprKind::Attribute:
    on_expr(static_cast<Attribute*>(e)->value);
    break;
  case ExprKind::Subscript: {
    auto* n = static_cast<Subscript*>(e);
    on_expr(n->value);
    on_expr(n->slice);
    break;
  }
  case ExprKind::Starred:
    on_expr(static_cast<Starred*>(e)->value);
    break;
  case ExprKind::Name:
    break;
  case ExprKind::List:
    visit_all(static_cast<List*>(e)->elts, on_expr);
    break;
  case ExprKind::Tuple:
    visit_all(static_cast<Tuple*>(e)->elts, on_expr);
    break;
  case ExprKind::Slice: {
    auto* n = static_cast<Slice*>(e);
    visit_opt(n->lower, on_expr);
    visit_opt(n->upper, on_expr);
    visit_opt(n->step, on_expr);
    break;
  }
  }
}

template <typename OnExpr, typename OnStmt>
void visit_children(Stmt* s, OnExpr&& on_expr, OnStmt&& on_stmt) {
  using namespace detail;
  switch (s->kind) {
  case StmtKind::FunctionDef: {
    auto* n = static_cast<FunctionDef*>(s);
    visit_all(n->decorator_list, on_expr);
    visit_arguments(n->args, on_expr);
    visit_opt(n->returns, on_expr);
    visit_stmts(n->body, on_stmt);
    break;
  }
  case StmtKind::ClassDef: {
    auto* n = static_cast<ClassDef*>(s);
    visit_all(n->decorator_list, on_expr);
    visit_all(n->bases, on_expr);
    for (Keyword& k : n->keywords) on_expr(k.value);
    visit_stmts(n->body, on_stmt);
    break;
  }
  case StmtKind::Return:
    visit_opt(static_cast<Return*>(s)->value, on_expr);
    break;
  case StmtKind::Delete:
    visit_all(static_cast<Delete*>(s)->targets, on_expr);
    break;
  case StmtKind::Assign: {
    auto* n = static_cast<Assign*>(s);
    visit_all(n->targets, on_expr);
    on_expr(n->value);
    break;
  }
  case StmtKind::AugAssign: {
    auto* n = static_cast<AugAssign*>(s);
    on_expr(n->target);
    on_expr(n->value);
    break;
  }
  case StmtKind::AnnAssign: {
    auto* n = static_cast<AnnAssign*>(s);
    on_expr(n->target);
    on_expr(n->annotation);
    visit_opt(n->value, on_expr);
    break;
  }
  case StmtKind::For: {
    auto* n = static_cast<For*>(s);
    on_expr(n->target);
    on_expr(n->iter);
    visit_stmts(n->body, on_stmt);
    visit_stmts(n->orelse, on_stmt);
    break;
  }
  case StmtKind::While: {
    auto* n = static_cast<While*>(s);
    on_expr(n->test);
    visit_stmts(n->body, on_stmt);
    visit_stmts(n->orelse, on_stmt);
    break;
  }
  case StmtKind::If: {
    auto* n = static_cast<If*>(s);
    on_expr(n->test);
    visit_stmts(n->body, on_stmt);
    visit_stmts(n->orelse, on_stmt);
    break;
  }
  case StmtKind::With: {
    auto* n = static_cast<With*>(s);
    for (WithItem& item : n->items) {
      on_expr(item.context_expr);
      visit_opt(item.optional_vars, on_expr);
    }
    visit_stmts(n->body, on_stmt);
    break;
  }
  case StmtKind::Raise: {
    auto* n = static_cast<Raise*>(s);
    visit_opt(n->exc, on_expr);
    visit_opt(n->cause, on_expr);
    break;
  }
  case StmtKind::Try: {
    auto* n = static_cast<Try*>(s);
    visit_stmts(n->body, on_stmt);
    for (ExceptHandler& h : n->handlers) {
      visit_opt(h.type, on_expr);
      visit_stmts(h.body, on_stmt);
    }
    visit_stmts(n->orelse, on_stmt);
    visit_stmts(n->finalbody, on_stmt);
    break;
  }
  case StmtKind::Assert: {
    auto* n = static_cast<Assert*>(s);
    on_expr(n->test);
    visit_opt(n->msg, on_expr);
    break;
  }
  case StmtKind::ExprStmt:
    on_expr(static_cast<ExprStmt*>(s)->value);
    break;
  case StmtKind::Import:
  case StmtKind::ImportFrom:
  case StmtKind::Global:
  case StmtKind::Nonlocal:
  case StmtKind::Pass:
  case StmtKind::Break:
  case StmtKind::Continue:
    break;
  }
}

} // namespace bwhop::lang
