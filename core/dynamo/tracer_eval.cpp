// Statements and expressions of the symbolic evaluator.
#include "core/dynamo/tracer.h"

#include "core/dynamo/graph_exec.h"
#include "core/lang/eval.h"
#include "core/lang/interp.h"
#include "core/lang/runtime.h"
#include "core/tensor/dispatcher.h"
#include "core/tracing/callable_target.h"

namespace bwhop::dynamo {

namespace native = lang::native;
using namespace lang; // AST node types

namespace {

GraphBreakInfo unsupported_syntax(const std::string& what) {
  return GraphBreakInfo{"Unsupported syntax",
                        what,
                        "bwhop's dynamo does not trace " + what + " yet.",
                        {"Move this code out of the compiled function."},
                        ""};
}

} // namespace

Tracer::Flow Tracer::exec_block(SymFrame& f, Span<Stmt*> body) {
  for (const Stmt* s : body) {
    Flow flow = exec(f, s);
    if (flow != Flow::Normal) return flow;
  }
  return Flow::Normal;
}

Tracer::Flow Tracer::exec(SymFrame& f, const Stmt* s) {
  f.line = s->loc.line;
  current_frame_ = &f;
  switch (s->kind) {
  case StmtKind::ExprStmt:
    eval(f, s->as<ExprStmt>()->value);
    return Flow::Normal;
  case StmtKind::Return: {
    const auto* r = s->as<Return>();
    f.retval = r->value ? eval(f, r->value) : constant_var(Value::none());
    return Flow::Return;
  }
  case StmtKind::Assign: {
    const auto* a = s->as<Assign>();
    VarPtr v = eval(f, a->value);
    for (const Expr* t : a->targets) assign(f, t, v);
    return Flow::Normal;
  }
  case StmtKind::AugAssign: {
    const auto* a = s->as<AugAssign>();
    if (!a->target->is<Name>())
      unsupported(f, unsupported_syntax("augmented assignment to " +
                                        std::string(to_string(a->target->kind))));
    VarPtr cur = load_name(f, a->target->as<Name>());
    VarPtr v = binary(f, a->op, cur, eval(f, a->value), true);
    assign(f, a->target, v);
    return Flow::Normal;
  }
  case StmtKind::If: {
    const auto* i = s->as<If>();
    return truth(f, eval(f, i->test)) ? exec_block(f, i->body) : exec_block(f, i->orelse);
  }
  case StmtKind::For: {
    const auto* loop = s->as<For>();
    VarPtr it = eval(f, loop->iter);
    if (it->kind != Var::Kind::Tuple && it->kind != Var::Kind::List)
      unsupported(f, unsupported_syntax("a for loop over " + python_type_name(*it)));
    std::vector<VarPtr> items = it->items;
    for (const VarPtr& item : items) {
      assign(f, loop->target, item);
      Flow flow = exec_block(f, loop->body);
      if (flow == Flow::Return) return flow;
      if (flow == Flow::Break) return Flow::Normal;
    }
    return exec_block(f, loop->orelse);
  }
  case StmtKind::Pass:
    return Flow::Normal;
  case StmtKind::FunctionDef: {
    const auto* def = s->as<FunctionDef>();
    if (def->decorator_list.size != 0)
      unsupported(f, unsupported_syntax("a decorated nested function"));
    VarPtr fn = make_nested_function(f, def->args, def->scope, def->name.name.str(), def, nullptr);
    assign_name(f, def->name, fn);
    return Flow::Normal;
  }
  case StmtKind::With:
    return exec_with(f, s->as<With>());
  case StmtKind::Break:
    return Flow::Break;
  case StmtKind::Continue:
    return Flow::Continue;
  default:
    unsupported(f, unsupported_syntax(std::string("the statement `") + to_string(s->kind) + "`"));
  }
}

std::optional<bool> Tracer::grad_mode_of(const VarPtr& ctx) const {
  if (ctx->kind != Var::Kind::Object || ctx->value.is_null()) return std::nullopt;
  Value torch = native::import_module("torch");
  Value type(lang::type_of(ctx->value));
  if (type.is(native::get_attr(torch, "no_grad"))) return false;
  if (type.is(native::get_attr(torch, "enable_grad"))) return true;
  return std::nullopt;
}

void Tracer::set_grad_enabled(SymFrame& f, bool enabled) {
  if (enabled == grad_enabled_) return;
  grad_enabled_ = enabled;
  const fx::Target* target = fx::global_function_target("torch._C", "_set_grad_enabled");
  target->set_side_effectful(true); // as in FX's _side_effectful_functions
  fx::Node* node = graph_->call_function(target, {fx::Argument(enabled)}, {});
  node->set_stack_trace(user_stack(f));
  Value fn = lang::new_builtin("_set_grad_enabled", [](const lang::Args& a) {
    tensor::set_grad_mode(lang::truthy(a[0]));
    return Value::none();
  });
  tracing::attach_callable(*node, script_function_callable(fn));
  tensor::set_grad_mode(enabled);
}

Tracer::Flow Tracer::exec_with(SymFrame& f, const With* w) {
  // Grad-mode blocks become _set_grad_enabled nodes (only when the mode
  // changes); a user-defined context manager is inlined: __enter__, the body,
  // __exit__.
  if (w->items.size == 1) {
    VarPtr ctx = eval(f, w->items[0].context_expr);
    if (auto mode = grad_mode_of(ctx)) {
      bool before = grad_enabled_;
      set_grad_enabled(f, *mode);
      Flow flow = exec_block(f, w->body);
      set_grad_enabled(f, before);
      return flow;
    }
    return exec_with_managers(f, w, ctx);
  }
  return exec_with_managers(f, w, nullptr);
}

Tracer::Flow Tracer::exec_with_managers(SymFrame& f, const With* w, VarPtr first) {
  std::vector<VarPtr> managers;
  for (const WithItem& item : w->items) {
    VarPtr ctx = first ? first : eval(f, item.context_expr);
    first = nullptr;
    if (ctx->kind != Var::Kind::Object)
      unsupported(f, GraphBreakInfo{"Unsupported context manager",
                                    tracker_class_name(*ctx),
                                    "bwhop's dynamo inlines `with` only for objects of user "
                                    "classes with __enter__ and __exit__.",
                                    {"Move the with statement out of the compiled function."},
                                    ""});
    VarPtr entered = call(f, get_attr(f, ctx, "__enter__"), {}, {});
    if (item.optional_vars) assign(f, item.optional_vars, entered);
    managers.push_back(ctx);
  }
  Flow flow = exec_block(f, w->body);
  VarPtr none = constant_var(Value::none());
  for (auto it = managers.rbegin(); it != managers.rend(); ++it)
    call(f, get_attr(f, *it, "__exit__"), {none, none, none}, {});
  return flow;
}

bool Tracer::truth(SymFrame& f, const VarPtr& v) {
  switch (v->kind) {
  case Var::Kind::Constant:
    return lang::truthy(v->value);
  case Var::Kind::SymInt:
    return lang::truthy(specialize(v)->value);
  case Var::Kind::Tensor:
    unsupported(
        f, GraphBreakInfo{"Data-dependent branching",
                          "attempted to jump with " + tracker_class_name(*v),
                          "Detected data-dependent branching (e.g. `if my_tensor.sum() > 0:`). "
                          "Dynamo does not support tracing dynamic control flow.",
                          {"Use `torch.cond` to express dynamic control flow."},
                          ""});
  case Var::Kind::Tuple:
  case Var::Kind::List:
  case Var::Kind::Dict:
    return !v->items.empty() || !v->kw_items.empty();
  default:
    return true;
  }
}

VarPtr Tracer::load_name(SymFrame& f, const Name* n) {
  const VarRef& ref = n->var;
  const std::string& name = ref.name.str();
  switch (ref.scope) {
  case NameScope::Local: {
    size_t slot = static_cast<size_t>(ref.slot);
    if (!f.locals[slot] && slot < f.pending.size() && !f.pending[slot].is_null()) {
      f.locals[slot] = wrap(f.pending[slot], Source::local(name));
      f.pending[slot] = Value();
    }
    if (!f.locals[slot])
      native::raise_error(types::UnboundLocalError,
                          "local variable '" + name + "' referenced before assignment");
    return f.locals[slot];
  }
  case NameScope::Cell:
  case NameScope::Free: {
    size_t slot = static_cast<size_t>(ref.slot);
    if (ref.scope == NameScope::Free) slot += static_cast<size_t>(f.scope->num_cells);
    std::shared_ptr<VarPtr>& box = f.cells[slot];
    if (!*box && slot < f.pending_cells.size() && !f.pending_cells[slot].is_null()) {
      SourcePtr src;
      if (f.fn_var && f.fn_var->source)
        src = Source::closure_cell(f.fn_var->source, static_cast<int>(slot) - f.scope->num_cells);
      *box = wrap(f.pending_cells[slot], src);
    }
    if (!*box) native::raise_error(types::NameError, "free variable '" + name + "' is not bound");
    return *box;
  }
  default: {
    Value key = native::make_str(name);
    Value globals(f.fn->globals);
    Value v = native::dict_get(globals, key);
    if (!v.is_null()) return wrap(v, globals.is(root_globals_) ? Source::global(name) : nullptr);
    v = native::dict_get(Value(lang::interp().builtins), key);
    if (v.is_null()) native::raise_error(types::NameError, "name '" + name + "' is not defined");
    return wrap(v, nullptr);
  }
  }
}

void Tracer::assign_name(SymFrame& f, const VarRef& ref, const VarPtr& value) {
  switch (ref.scope) {
  case NameScope::Local:
    store_hint(value, ref.name.str());
    f.locals[static_cast<size_t>(ref.slot)] = value;
    if (static_cast<size_t>(ref.slot) < f.pending.size())
      f.pending[static_cast<size_t>(ref.slot)] = Value();
    return;
  case NameScope::Cell: // STORE_DEREF names the node after the cell's variable too
    store_hint(value, ref.name.str());
    *f.cells[static_cast<size_t>(ref.slot)] = value;
    return;
  default:
    unsupported(
        f, unsupported_syntax("a store to the global or free variable `" + ref.name.str() + "`"));
  }
}

void Tracer::assign(SymFrame& f, const Expr* target, const VarPtr& value) {
  switch (target->kind) {
  case ExprKind::Name:
    assign_name(f, target->as<Name>()->var, value);
    return;
  case ExprKind::Attribute: {
    const auto* a = target->as<Attribute>();
    set_attr(f, eval(f, a->value), a->attr.str(), value);
    return;
  }
  case ExprKind::Subscript: {
    const auto* s = target->as<Subscript>();
    VarPtr container = eval(f, s->value);
    set_item(f, container, eval(f, s->slice), value);
    return;
  }
  case ExprKind::Tuple:
  case ExprKind::List: {
    Span<Expr*> elts = target->is<Tuple>() ? target->as<Tuple>()->elts : target->as<List>()->elts;
    if ((value->kind != Var::Kind::Tuple && value->kind != Var::Kind::List) ||
        value->items.size() != elts.size)
      unsupported(f, unsupported_syntax("unpacking a " + python_type_name(*value)));
    for (size_t i = 0; i < elts.size; ++i) assign(f, elts[i], value->items[i]);
    return;
  }
  default:
    unsupported(f, unsupported_syntax(std::string("a store to ") + to_string(target->kind)));
  }
}

VarPtr Tracer::eval(SymFrame& f, const Expr* e) {
  switch (e->kind) {
  case ExprKind::Constant:
    return constant_var(const_value(e->as<Constant>()));
  case ExprKind::Name:
    return load_name(f, e->as<Name>());
  case ExprKind::Attribute: {
    const auto* a = e->as<Attribute>();
    return get_attr(f, eval(f, a->value), a->attr.str());
  }
  case ExprKind::BinOp: {
    const auto* b = e->as<BinOp>();
    VarPtr l = eval(f, b->left);
    VarPtr r = eval(f, b->right);
    return binary(f, b->op, l, r, false);
  }
  case ExprKind::UnaryOp: {
    const auto* u = e->as<UnaryOp>();
    VarPtr v = eval(f, u->operand);
    if (v->is_constant()) return constant_var(lang::unary_op(u->op, v->value));
    if (u->op == UnaryOpKind::Not) return constant_var(Value::boolean(!truth(f, v)));
    if (v->is_tensor() && u->op == UnaryOpKind::USub) {
      return emit_tensor_op(f, fx::OpKind::CallFunction, fx::operator_target("neg"), "", nullptr,
                            {v}, {}, neg_builtin());
    }
    unsupported(f, unsupported_syntax(std::string("the operator ") + to_string(u->op)));
  }
  case ExprKind::BoolOp: {
    const auto* b = e->as<BoolOp>();
    VarPtr v;
    for (const Expr* item : b->values) {
      v = eval(f, item);
      bool t = truth(f, v);
      if ((b->op == BoolOpKind::And) != t) return v;
    }
    return v;
  }
  case ExprKind::Compare: {
    const auto* c = e->as<Compare>();
    VarPtr left = eval(f, c->left);
    VarPtr result = constant_var(Value::boolean(true));
    for (size_t i = 0; i < c->ops.size; ++i) {
      VarPtr right = eval(f, c->comparators[i]);
      bool identity = c->ops[i] == CmpOpKind::Is || c->ops[i] == CmpOpKind::IsNot;
      if (!identity) {
        // A comparison needs concrete ints: guard the symbols to their values.
        left = specialize(left);
        right = specialize(right);
      }
      if (left->is_constant() && right->is_constant()) {
        result = constant_var(lang::compare(c->ops[i], left->value, right->value));
      } else if (identity && !left->is_tensor() && !right->is_tensor() && !left->value.is_null() &&
                 !right->value.is_null()) {
        result = constant_var(lang::compare(c->ops[i], left->value, right->value));
      } else if (identity) {
        bool same = left == right;
        result = constant_var(Value::boolean(c->ops[i] == CmpOpKind::Is ? same : !same));
      } else {
        unsupported(f, unsupported_syntax(std::string("the comparison ") + to_string(c->ops[i]) +
                                          " on " + python_type_name(*left)));
      }
      if (!lang::truthy(result->value)) return result;
      left = right;
    }
    return result;
  }
  case ExprKind::Lambda: {
    const auto* l = e->as<Lambda>();
    return make_nested_function(f, l->args, l->scope, "<lambda>", nullptr, l);
  }
  case ExprKind::IfExp: {
    const auto* i = e->as<IfExp>();
    return truth(f, eval(f, i->test)) ? eval(f, i->body) : eval(f, i->orelse);
  }
  case ExprKind::Tuple:
  case ExprKind::List: {
    bool tuple = e->is<Tuple>();
    Span<Expr*> elts = tuple ? e->as<Tuple>()->elts : e->as<List>()->elts;
    auto v = make_var(tuple ? Var::Kind::Tuple : Var::Kind::List);
    for (const Expr* item : elts) {
      if (item->is<Starred>()) unsupported(f, unsupported_syntax("starred items"));
      v->items.push_back(eval(f, item));
    }
    return v;
  }
  case ExprKind::Subscript: {
    const auto* s = e->as<Subscript>();
    VarPtr base = eval(f, s->value);
    VarPtr index = eval(f, s->slice);
    if ((base->kind == Var::Kind::Tuple || base->kind == Var::Kind::List) && index->is_constant() &&
        index->value.is_int()) {
      int64_t i = index->value.as_int();
      int64_t n = static_cast<int64_t>(base->items.size());
      if (i < 0) i += n;
      if (i < 0 || i >= n) native::raise_error(types::IndexError, "index out of range");
      return base->items[static_cast<size_t>(i)];
    }
    if (base->kind == Var::Kind::Dict && index->is_constant() && native::is_str(index->value)) {
      const std::string& key = native::as_str(index->value);
      for (size_t i = 0; i < base->keys.size(); ++i)
        if (base->keys[i] == key) return base->kw_items[i];
      native::raise_error(types::KeyError, lang::repr(index->value));
    }
    if (base->is_tensor()) {
      return emit_tensor_op(f, fx::OpKind::CallFunction, fx::operator_target("getitem"), "",
                            nullptr, {base, index}, {}, getitem_builtin());
    }
    unsupported(f, unsupported_syntax("subscripting a " + python_type_name(*base)));
  }
  case ExprKind::Call: {
    const auto* c = e->as<Call>();
    VarPtr fn = eval(f, c->func);
    std::vector<VarPtr> args;
    for (const Expr* a : c->args) {
      if (!a->is<Starred>()) {
        args.push_back(eval(f, a));
        continue;
      }
      VarPtr seq = eval(f, a->as<Starred>()->value);
      if (seq->kind != Var::Kind::Tuple && seq->kind != Var::Kind::List)
        unsupported(f, unsupported_syntax("*-unpacking a " + python_type_name(*seq)));
      args.insert(args.end(), seq->items.begin(), seq->items.end());
    }
    std::vector<KwVar> kwargs;
    for (const Keyword& k : c->keywords) {
      if (!k.arg.empty()) {
        kwargs.push_back(KwVar{k.arg.str(), eval(f, k.value)});
        continue;
      }
      VarPtr d = eval(f, k.value);
      if (d->kind != Var::Kind::Dict)
        unsupported(f, unsupported_syntax("**-unpacking a " + python_type_name(*d)));
      for (size_t i = 0; i < d->keys.size(); ++i)
        kwargs.push_back(KwVar{d->keys[i], d->kw_items[i]});
    }
    return call(f, fn, std::move(args), std::move(kwargs));
  }
  default:
    unsupported(f, unsupported_syntax(std::string("the expression `") + to_string(e->kind) + "`"));
  }
}

} // namespace bwhop::dynamo
