// Which locals the rest of a function body reads: after a graph break only
// those are handed from the graph to the statement that runs eagerly and to
// the resumed capture (a syntactic over-approximation of PyTorch's livevars).
#include "core/dynamo/tracer.h"
#include "core/lang/ast_visit.h"

namespace bwhop::dynamo {

namespace {

void mark_names(lang::Expr* e, std::vector<bool>& used);

void mark_stmt(lang::Stmt* s, std::vector<bool>& used) {
  lang::visit_children(
      s, [&](lang::Expr* child) { mark_names(child, used); },
      [&](lang::Stmt* child) { mark_stmt(child, used); });
}

void mark_names(lang::Expr* e, std::vector<bool>& used) {
  if (auto* n = e->as<lang::Name>()) {
    if (n->var.scope == lang::NameScope::Local && n->var.slot >= 0 &&
        static_cast<size_t>(n->var.slot) < used.size())
      used[static_cast<size_t>(n->var.slot)] = true;
    return;
  }
  lang::visit_children(
      e, [&](lang::Expr* child) { mark_names(child, used); },
      [&](lang::Stmt* child) { mark_stmt(child, used); });
}

} // namespace

std::vector<bool> locals_used_from(const lang::Function& fn, size_t first_stmt) {
  std::vector<bool> used(static_cast<size_t>(fn.scope->num_locals), false);
  if (fn.def == nullptr) return used;
  lang::Span<lang::Stmt*> body = fn.def->body;
  for (size_t i = first_stmt; i < body.size; ++i) mark_stmt(body[i], used);
  return used;
}

} // namespace bwhop::dynamo
