// Name resolution: decides for every variable reference whether it is a fast
// local, a cell, a free variable, a global or a class-namespace name, and
// numbers the slots (Python's scoping rules; comprehensions are inlined into
// their enclosing scope with private slots, as in Python 3.12).
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "core/lang/ast_visit.h"
#include "core/lang/eval.h"
#include "core/lang/interp.h"

namespace bwhop::lang {

namespace {

enum class Kind { Module, Function, Class };

struct Var {
  Symbol name;
  bool cell = false;
  int32_t param_slot = -1; // local slot of the parameter it is bound from
  int32_t slot = -1;       // final local or cell slot
};

struct Scope;

struct FreeRef {
  Scope* owner;
  int32_t var;
};

enum class FixKind { Var, Free, Global, Implicit, ClassBody };

struct Fixup {
  VarRef* ref;
  FixKind kind;
  int32_t id;
};

using Overlay = std::unordered_map<Symbol, int32_t>;

struct Scope {
  Kind kind;
  Scope* parent;
  ScopeInfo* info;
  std::unordered_map<Symbol, int32_t> bound; // function scopes: name -> var
  std::unordered_set<Symbol> class_bound;    // class scopes
  std::unordered_set<Symbol> globals, nonlocals;
  std::vector<Var> vars;
  std::vector<Overlay> overlays;        // active comprehension scopes
  std::vector<Overlay> parent_overlays; // parent's overlays where this scope was defined
  std::vector<FreeRef> frees;
  std::map<std::pair<Scope*, int32_t>, int32_t> free_index;
  std::vector<Fixup> fixups;
  int32_t nparams = 0;
  ScopeExtra* extra = nullptr;

  int32_t new_var(Symbol n) {
    vars.push_back(Var{n});
    return static_cast<int32_t>(vars.size() - 1);
  }
  int32_t free_for(Scope* owner, int32_t var) {
    auto key = std::make_pair(owner, var);
    auto it = free_index.find(key);
    if (it != free_index.end()) return it->second;
    frees.push_back(FreeRef{owner, var});
    int32_t k = static_cast<int32_t>(frees.size() - 1);
    free_index[key] = k;
    return k;
  }
};

struct Resolution {
  FixKind kind;
  int32_t id;
};

class Resolver {
public:
  explicit Resolver(Interp& in) : interp_(in) {}

  void run(ParsedFile& file) {
    Scope* m = make_scope(Kind::Module, nullptr, &file.scope);
    for (Stmt* s : file.body) collect_stmt(m, s);
    for (Stmt* s : file.body) resolve_stmt(m, s);
    for (auto& sc : scopes_) finalize(sc.get());
  }

private:
  Scope* make_scope(Kind k, Scope* parent, ScopeInfo* info) {
    scopes_.push_back(std::make_unique<Scope>());
    Scope* s = scopes_.back().get();
    s->kind = k;
    s->parent = parent;
    s->info = info;
    if (parent) s->parent_overlays = parent->overlays;
    interp_.extras.push_back(std::make_unique<ScopeExtra>());
    s->extra = interp_.extras.back().get();
    return s;
  }

  // ---------------------------------------------------------- phase 1: bindings

  void bind(Scope* s, Symbol n) {
    if (s->kind == Kind::Module) return;
    if (s->kind == Kind::Class) {
      s->class_bound.insert(n);
      return;
    }
    if (!s->bound.count(n)) s->bound[n] = s->new_var(n);
  }

  void collect_target(Scope* s, Expr* e, bool in_comp) { collect_expr(s, e, in_comp); }

  void collect_expr(Scope* s, Expr* e, bool in_comp) {
    switch (e->kind) {
    case ExprKind::Name: {
      auto* n = static_cast<Name*>(e);
      if (n->ctx != ExprContext::Load && !in_comp) bind(s, n->var.name);
      return;
    }
    case ExprKind::NamedExpr: {
      auto* n = static_cast<NamedExpr*>(e);
      if (auto* nm = n->target->as<Name>()) bind(s, nm->var.name);
      collect_expr(s, n->value, in_comp);
      return;
    }
    case ExprKind::Lambda:
      return;
    case ExprKind::ListComp:
    case ExprKind::SetComp:
    case ExprKind::DictComp:
    case ExprKind::GeneratorExp:
      visit_children(
          e, [&](Expr* c) { collect_expr(s, c, true); }, [](Stmt*) {});
      return;
    default:
      visit_children(
          e, [&](Expr* c) { collect_expr(s, c, in_comp); }, [](Stmt*) {});
    }
  }

  void collect_stmt(Scope* s, Stmt* st) {
    switch (st->kind) {
    case StmtKind::FunctionDef:
      bind(s, static_cast<FunctionDef*>(st)->name.name);
      return;
    case StmtKind::ClassDef:
      bind(s, static_cast<ClassDef*>(st)->name.name);
      return;
    case StmtKind::Import:
      for (Alias& a : static_cast<Import*>(st)->names)
        if (a.bound.name) bind(s, a.bound.name);
      return;
    case StmtKind::ImportFrom:
      for (Alias& a : static_cast<ImportFrom*>(st)->names)
        if (a.bound.name && a.name.view() != "*") bind(s, a.bound.name);
      return;
    case StmtKind::Global:
      for (VarRef& v : static_cast<Global*>(st)->names) s->globals.insert(v.name);
      return;
    case StmtKind::Nonlocal:
      for (VarRef& v : static_cast<Nonlocal*>(st)->names) s->nonlocals.insert(v.name);
      return;
    case StmtKind::Try:
      for (ExceptHandler& h : static_cast<Try*>(st)->handlers)
        if (h.name.name) bind(s, h.name.name);
      break;
    case StmtKind::AnnAssign: {
      auto* a = static_cast<AnnAssign*>(st);
      collect_expr(s, a->target, false);
      if (a->value) collect_expr(s, a->value, false);
      return;
    }
    default:
      break;
    }
    visit_children(
        st, [&](Expr* e) { collect_expr(s, e, false); }, [&](Stmt* c) { collect_stmt(s, c); });
  }

  // Removes names declared global/nonlocal from the local bindings.
  void finish_bindings(Scope* s) {
    for (Symbol n : s->globals) {
      s->bound.erase(n);
      s->class_bound.erase(n);
    }
    for (Symbol n : s->nonlocals) {
      s->bound.erase(n);
      s->class_bound.erase(n);
    }
  }

  // ---------------------------------------------------------- phase 2: uses

  // Finds `n` in the scopes enclosing `s`; marks it as a cell there and
  // threads a free variable through every scope in between.
  bool find_enclosing(Scope* s, Symbol n, Resolution& out) {
    const std::vector<Overlay>* ovs = &s->parent_overlays;
    std::vector<Scope*> path{s};
    for (Scope* p = s->parent; p; p = p->parent) {
      int32_t found = -1;
      for (auto it = ovs->rbegin(); it != ovs->rend() && found < 0; ++it) {
        auto f = it->find(n);
        if (f != it->end()) found = f->second;
      }
      if (found < 0 && p->kind == Kind::Function) {
        if (p->globals.count(n)) return false;
        auto f = p->bound.find(n);
        if (f != p->bound.end())
          found = f->second;
        else if (p->nonlocals.count(n)) {
          // Declared nonlocal in p: keep searching outward.
        }
      }
      if (found >= 0) {
        p->vars[found].cell = true;
        int32_t idx = -1;
        for (auto it = path.rbegin(); it != path.rend(); ++it) idx = (*it)->free_for(p, found);
        out = Resolution{FixKind::Free, idx};
        return true;
      }
      if (p->kind == Kind::Module) return false;
      path.push_back(p);
      ovs = &p->parent_overlays;
    }
    return false;
  }

  Resolution resolve_name(Scope* s, Symbol n, bool store) {
    for (auto it = s->overlays.rbegin(); it != s->overlays.rend(); ++it) {
      auto f = it->find(n);
      if (f != it->end()) return {FixKind::Var, f->second};
    }
    Resolution r{FixKind::Implicit, 0};
    if (s->kind == Kind::Module) return {store ? FixKind::Global : FixKind::Implicit, 0};
    if (s->globals.count(n)) return {FixKind::Global, 0};
    if (s->nonlocals.count(n)) {
      if (find_enclosing(s, n, r)) return r;
      return {FixKind::Implicit, 0};
    }
    if (s->kind == Kind::Class) {
      bool in_comp = !s->overlays.empty();
      if (!in_comp && (store || s->class_bound.count(n))) return {FixKind::ClassBody, 0};
      if (find_enclosing(s, n, r)) return r;
      return {in_comp ? FixKind::Implicit : FixKind::ClassBody, 0};
    }
    auto f = s->bound.find(n);
    if (f != s->bound.end()) return {FixKind::Var, f->second};
    if (find_enclosing(s, n, r)) return r;
    return {FixKind::Implicit, 0};
  }

  void use(Scope* s, VarRef& v, bool store) {
    if (!v.name) return;
    Resolution r = resolve_name(s, v.name, store);
    s->fixups.push_back(Fixup{&v, r.kind, r.id});
  }

  void resolve_params(Scope* child, Arguments* a) {
    int32_t slot = 0;
    auto add = [&](Arg& arg) {
      int32_t id = child->bound.at(arg.var.name);
      child->vars[id].param_slot = slot++;
      child->fixups.push_back(Fixup{&arg.var, FixKind::Var, id});
    };
    ScopeExtra* x = child->extra;
    for (Arg& arg : a->posonlyargs) add(arg);
    for (Arg& arg : a->args) add(arg);
    x->nposargs = slot;
    for (Arg& arg : a->kwonlyargs) add(arg);
    x->nkwonly = slot - x->nposargs;
    if (a->vararg) {
      x->vararg_slot = slot;
      add(*a->vararg);
    }
    if (a->kwarg) {
      x->kwarg_slot = slot;
      add(*a->kwarg);
    }
    child->nparams = slot;
    for (Arg& arg : a->posonlyargs) x->param_names.push_back(sym_str(arg.var.name));
    for (Arg& arg : a->args) x->param_names.push_back(sym_str(arg.var.name));
    for (Arg& arg : a->kwonlyargs) x->param_names.push_back(sym_str(arg.var.name));
  }

  void bind_params(Scope* child, Arguments* a) {
    auto b = [&](Arg& arg) { bind(child, arg.var.name); };
    for (Arg& arg : a->posonlyargs) b(arg);
    for (Arg& arg : a->args) b(arg);
    for (Arg& arg : a->kwonlyargs) b(arg);
    if (a->vararg) b(*a->vararg);
    if (a->kwarg) b(*a->kwarg);
  }

  void resolve_defaults(Scope* s, Arguments* a) {
    for (Expr* d : a->defaults) resolve_expr(s, d);
    for (Expr* d : a->kw_defaults)
      if (d) resolve_expr(s, d);
  }

  void resolve_function(Scope* s, FunctionDef* fd) {
    for (Expr* d : fd->decorator_list) resolve_expr(s, d);
    resolve_defaults(s, fd->args);
    Scope* c = make_scope(Kind::Function, s, &fd->scope);
    bind_params(c, fd->args);
    for (Stmt* st : fd->body) collect_stmt(c, st);
    finish_bindings(c);
    resolve_params(c, fd->args);
    for (Stmt* st : fd->body) resolve_stmt(c, st);
    use(s, fd->name, true);
  }

  void resolve_lambda(Scope* s, Lambda* l) {
    resolve_defaults(s, l->args);
    Scope* c = make_scope(Kind::Function, s, &l->scope);
    bind_params(c, l->args);
    collect_expr(c, l->body, false);
    finish_bindings(c);
    resolve_params(c, l->args);
    resolve_expr(c, l->body);
  }

  void resolve_class(Scope* s, ClassDef* cd) {
    for (Expr* d : cd->decorator_list) resolve_expr(s, d);
    for (Expr* b : cd->bases) resolve_expr(s, b);
    for (Keyword& k : cd->keywords) resolve_expr(s, k.value);
    Scope* c = make_scope(Kind::Class, s, &cd->scope);
    for (Stmt* st : cd->body) collect_stmt(c, st);
    finish_bindings(c);
    for (Stmt* st : cd->body) resolve_stmt(c, st);
    use(s, cd->name, true);
  }

  void overlay_targets(Scope* s, Expr* e, Overlay& ov) {
    if (auto* n = e->as<Name>()) {
      if (!ov.count(n->var.name)) ov[n->var.name] = s->new_var(n->var.name);
      return;
    }
    visit_children(
        e, [&](Expr* c) { overlay_targets(s, c, ov); }, [](Stmt*) {});
  }

  void resolve_comprehension(Scope* s, Span<Comprehension> gens, std::initializer_list<Expr*> elts,
                             ScopeInfo* info) {
    resolve_expr(s, gens[0].iter);
    Overlay ov;
    for (Comprehension& g : gens) overlay_targets(s, g.target, ov);
    s->overlays.push_back(std::move(ov));
    for (size_t i = 0; i < gens.size; ++i) {
      if (i > 0) resolve_expr(s, gens[i].iter);
      resolve_expr(s, gens[i].target);
      for (Expr* c : gens[i].ifs) resolve_expr(s, c);
    }
    for (Expr* e : elts) resolve_expr(s, e);
    s->overlays.pop_back();
    info->resolved = true;
  }

  void resolve_expr(Scope* s, Expr* e) {
    switch (e->kind) {
    case ExprKind::Name: {
      auto* n = static_cast<Name*>(e);
      use(s, n->var, n->ctx != ExprContext::Load);
      return;
    }
    case ExprKind::Lambda:
      resolve_lambda(s, static_cast<Lambda*>(e));
      return;
    case ExprKind::ListComp: {
      auto* c = static_cast<ListComp*>(e);
      resolve_comprehension(s, c->generators, {c->elt}, &c->scope);
      return;
    }
    case ExprKind::SetComp: {
      auto* c = static_cast<SetComp*>(e);
      resolve_comprehension(s, c->generators, {c->elt}, &c->scope);
      return;
    }
    case ExprKind::GeneratorExp: {
      auto* c = static_cast<GeneratorExp*>(e);
      resolve_comprehension(s, c->generators, {c->elt}, &c->scope);
      return;
    }
    case ExprKind::DictComp: {
      auto* c = static_cast<DictComp*>(e);
      resolve_comprehension(s, c->generators, {c->key, c->value}, &c->scope);
      return;
    }
    case ExprKind::NamedExpr: {
      auto* n = static_cast<NamedExpr*>(e);
      resolve_expr(s, n->value);
      if (auto* nm = n->target->as<Name>()) {
        // The walrus target binds in the enclosing non-comprehension scope.
        std::vector<Overlay> saved;
        saved.swap(s->overlays);
        use(s, nm->var, true);
        saved.swap(s->overlays);
      }
      return;
    }
    default:
      visit_children(
          e, [&](Expr* c) { resolve_expr(s, c); }, [](Stmt*) {});
    }
  }

  void resolve_stmt(Scope* s, Stmt* st) {
    switch (st->kind) {
    case StmtKind::FunctionDef:
      resolve_function(s, static_cast<FunctionDef*>(st));
      return;
    case StmtKind::ClassDef:
      resolve_class(s, static_cast<ClassDef*>(st));
      return;
    case StmtKind::Import:
      for (Alias& a : static_cast<Import*>(st)->names) use(s, a.bound, true);
      return;
    case StmtKind::ImportFrom:
      for (Alias& a : static_cast<ImportFrom*>(st)->names)
        if (a.name.view() != "*") use(s, a.bound, true);
      return;
    case StmtKind::Global:
    case StmtKind::Nonlocal:
      return;
    case StmtKind::AnnAssign: {
      auto* a = static_cast<AnnAssign*>(st);
      resolve_expr(s, a->target);
      if (a->value) resolve_expr(s, a->value);
      return;
    }
    case StmtKind::Try: {
      auto* t = static_cast<Try*>(st);
      for (Stmt* c : t->body) resolve_stmt(s, c);
      for (ExceptHandler& h : t->handlers) {
        if (h.type) resolve_expr(s, h.type);
        use(s, h.name, true);
        for (Stmt* c : h.body) resolve_stmt(s, c);
      }
      for (Stmt* c : t->orelse) resolve_stmt(s, c);
      for (Stmt* c : t->finalbody) resolve_stmt(s, c);
      return;
    }
    default:
      break;
    }
    visit_children(
        st, [&](Expr* e) { resolve_expr(s, e); }, [&](Stmt* c) { resolve_stmt(s, c); });
  }

  // ---------------------------------------------------------- phase 3: slots

  void finalize(Scope* s) {
    ScopeExtra* x = s->extra;
    int32_t nlocals = s->nparams, ncells = 0;
    x->local_names.resize(nlocals, nullptr);
    for (auto& v : s->vars) {
      if (v.param_slot >= 0) x->local_names[v.param_slot] = sym_str(v.name);
    }
    for (auto& v : s->vars) {
      if (v.cell) {
        v.slot = ncells++;
        x->cell_from_param.push_back(v.param_slot);
        x->cell_names.push_back(sym_str(v.name));
      } else if (v.param_slot >= 0) {
        v.slot = v.param_slot;
      } else {
        v.slot = nlocals++;
        x->local_names.push_back(sym_str(v.name));
      }
    }
    x->num_locals = nlocals;
    x->num_cells = ncells;
    x->num_frees = static_cast<int32_t>(s->frees.size());
    for (auto& f : s->frees) x->cell_names.push_back(sym_str(f.owner->vars[f.var].name));
    for (auto& fx : s->fixups) {
      VarRef* r = fx.ref;
      switch (fx.kind) {
      case FixKind::Var: {
        const Var& v = s->vars[fx.id];
        r->scope = v.cell ? NameScope::Cell : NameScope::Local;
        r->slot = v.slot;
        break;
      }
      case FixKind::Free:
        r->scope = NameScope::Free;
        r->slot = ncells + fx.id; // index into the frame's cell array
        break;
      case FixKind::Global:
        r->scope = NameScope::Global;
        break;
      case FixKind::Implicit:
        r->scope = NameScope::Implicit;
        break;
      case FixKind::ClassBody:
        r->scope = NameScope::ClassBody;
        break;
      }
    }
    // Where each free variable comes from in the parent's cell array.
    if (s->parent) {
      Scope* p = s->parent;
      for (auto& f : s->frees) {
        if (f.owner == p) {
          x->free_source.push_back(p->vars[f.var].slot);
        } else {
          int32_t pcells = 0;
          for (auto& v : p->vars)
            if (v.cell) ++pcells;
          x->free_source.push_back(pcells + p->free_index.at({f.owner, f.var}));
        }
      }
    }
    ScopeInfo* info = s->info;
    info->resolved = true;
    info->num_locals = x->num_locals;
    info->num_cells = x->num_cells;
    info->num_frees = x->num_frees;
    info->extra = x;
  }

  Interp& interp_;
  std::vector<std::unique_ptr<Scope>> scopes_;
};

} // namespace

void resolve_file(ParsedFile& file) {
  Resolver r(interp());
  r.run(file);
}

} // namespace bwhop::lang
