// The tree-walking evaluator: executes resolved ASTs.
#include "core/lang/eval.h"

#include <csignal>

#include "core/lang/interp.h"
#include "core/lang/modules.h"

namespace bwhop::lang {

std::atomic<bool> g_interrupted{false};

void raise_keyboard_interrupt() {
  g_interrupted = false;
  throw PyError{make_exception(types::KeyboardInterrupt, {})};
}

namespace {

enum class Flow { Normal, Return, Break, Continue };

// Execution state of one frame.
struct Env {
  Frame frame;
  DictObj* globals = nullptr;
  DictObj* class_ns = nullptr;
  const std::string* qualprefix = nullptr;
  // In a function body: its qualname; nested definitions get "<qualname>.<locals>."
  // (built only when needed, not on every call).
  const std::string* function_qualname = nullptr;
  Value retval;
};

// Small inline vector for call arguments.
template <class T, size_t N> struct SmallVec {
  T inline_[N];
  std::vector<T> heap;
  size_t n = 0;
  T* data() { return heap.empty() ? inline_ : heap.data(); }
  size_t size() const { return n; }
  void push_back(T v) {
    if (heap.empty() && n < N) {
      inline_[n++] = std::move(v);
      return;
    }
    if (heap.empty()) {
      heap.reserve(N * 2);
      for (size_t i = 0; i < n; ++i) heap.push_back(std::move(inline_[i]));
    }
    heap.push_back(std::move(v));
    ++n;
  }
};

Value eval(Env& env, Expr* e);
Flow exec_block(Env& env, Span<Stmt*> body);

// ---------------------------------------------------------------- tracebacks

void add_tb(const Value& exc, Env& env) {
  auto* e = dynamic_cast<ExceptionObj*>(exc.obj());
  if (!e || e->tb_last_frame == &env.frame) return;
  e->tb.push_back(TracebackEntry{env.frame.file, env.frame.line, env.frame.func});
  e->tb_last_frame = &env.frame;
}

// ---------------------------------------------------------------- names

Str* global_key(const VarRef& v) {
  return sym_str(v.name);
}

[[noreturn]] void unbound_local(Str* name) {
  raise(types::UnboundLocalError,
        "cannot access local variable '" + name->s + "' where it is not associated with a value");
}

[[noreturn]] void name_error(Str* name) {
  raise(types::NameError, "name '" + name->s + "' is not defined");
}

Value load_global(Env& env, Str* key) {
  if (Value* v = env.globals->d.find_str(key)) return *v;
  if (Value* v = interp().builtins->d.find_str(key)) return *v;
  name_error(key);
}

Value load_name(Env& env, const VarRef& v) {
  switch (v.scope) {
  case NameScope::Local: {
    const Value& x = env.frame.locals[v.slot];
    if (x.is_null()) unbound_local(sym_str(v.name));
    return x;
  }
  case NameScope::Cell:
  case NameScope::Free: {
    const Value& x = env.frame.cells[v.slot]->v;
    if (x.is_null()) {
      if (v.scope == NameScope::Cell) unbound_local(sym_str(v.name));
      raise(types::NameError, "cannot access free variable '" + v.name.str() +
                                  "' where it is not associated with a value in enclosing scope");
    }
    return x;
  }
  case NameScope::ClassBody: {
    Str* key = global_key(v);
    if (Value* x = env.class_ns->d.find_str(key)) return *x;
    return load_global(env, key);
  }
  default:
    return load_global(env, global_key(v));
  }
}

void store_name(Env& env, const VarRef& v, Value x) {
  switch (v.scope) {
  case NameScope::Local:
    env.frame.locals[v.slot] = std::move(x);
    return;
  case NameScope::Cell:
  case NameScope::Free:
    env.frame.cells[v.slot]->v = std::move(x);
    return;
  case NameScope::ClassBody:
    env.class_ns->d.set(Value(global_key(v)), std::move(x));
    return;
  default:
    env.globals->d.set(Value(global_key(v)), std::move(x));
    return;
  }
}

void delete_name(Env& env, const VarRef& v) {
  switch (v.scope) {
  case NameScope::Local:
    if (env.frame.locals[v.slot].is_null()) unbound_local(sym_str(v.name));
    env.frame.locals[v.slot] = Value();
    return;
  case NameScope::Cell:
  case NameScope::Free:
    if (env.frame.cells[v.slot]->v.is_null()) unbound_local(sym_str(v.name));
    env.frame.cells[v.slot]->v = Value();
    return;
  case NameScope::ClassBody:
    if (!env.class_ns->d.erase(Value(global_key(v)))) name_error(global_key(v));
    return;
  default:
    if (!env.globals->d.erase(Value(global_key(v)))) name_error(global_key(v));
    return;
  }
}

// Unbinds a name if bound (the end of an `except ... as name` handler).
void clear_name(Env& env, const VarRef& v) {
  switch (v.scope) {
  case NameScope::Local:
    env.frame.locals[v.slot] = Value();
    return;
  case NameScope::Cell:
  case NameScope::Free:
    env.frame.cells[v.slot]->v = Value();
    return;
  case NameScope::ClassBody:
    env.class_ns->d.erase(Value(global_key(v)));
    return;
  default:
    env.globals->d.erase(Value(global_key(v)));
    return;
  }
}

// ---------------------------------------------------------------- assignment

void assign(Env& env, Expr* target, const Value& v);

void unpack(Env& env, Span<Expr*> elts, const Value& v) {
  std::vector<Value> items;
  const std::vector<Value>* src;
  Type* t = type_of(v);
  if (t == types::tuple)
    src = &static_cast<TupleObj*>(v.obj())->items;
  else if (t == types::list)
    src = &static_cast<ListObj*>(v.obj())->items;
  else {
    if (!v.is_obj() ||
        (t->lookup(intern_str("__iter__")).is_null() && t != types::iterator &&
         t->layout != Layout::Str && t->layout != Layout::Dict && t->layout != Layout::Set &&
         t != types::range && t->lookup(intern_str("__getitem__")).is_null()))
      raise(types::TypeError, "cannot unpack non-iterable " + t->name + " object");
    items = to_vector(v);
    src = &items;
  }
  size_t n = src->size();
  int star = -1;
  for (size_t i = 0; i < elts.size; ++i)
    if (elts[i]->is<Starred>()) star = static_cast<int>(i);
  if (star < 0) {
    if (n > elts.size)
      raise(types::ValueError,
            "too many values to unpack (expected " + std::to_string(elts.size) + ")");
    if (n < elts.size)
      raise(types::ValueError, "not enough values to unpack (expected " +
                                   std::to_string(elts.size) + ", got " + std::to_string(n) + ")");
    std::vector<Value> copy(*src);
    for (size_t i = 0; i < elts.size; ++i) assign(env, elts[i], copy[i]);
    return;
  }
  size_t before = static_cast<size_t>(star), after = elts.size - before - 1;
  if (n < before + after)
    raise(types::ValueError, "not enough values to unpack (expected at least " +
                                 std::to_string(before + after) + ", got " + std::to_string(n) +
                                 ")");
  std::vector<Value> copy(*src);
  for (size_t i = 0; i < before; ++i) assign(env, elts[i], copy[i]);
  std::vector<Value> mid(copy.begin() + before, copy.end() - after);
  assign(env, static_cast<Starred*>(elts[star])->value, Value(new_list(std::move(mid))));
  for (size_t i = 0; i < after; ++i) assign(env, elts[before + 1 + i], copy[n - after + i]);
}

void assign(Env& env, Expr* target, const Value& v) {
  switch (target->kind) {
  case ExprKind::Name:
    store_name(env, static_cast<Name*>(target)->var, v);
    return;
  case ExprKind::Attribute: {
    auto* a = static_cast<Attribute*>(target);
    Value obj = eval(env, a->value);
    setattr(obj, sym_str(a->attr), v);
    return;
  }
  case ExprKind::Subscript: {
    auto* s = static_cast<Subscript*>(target);
    Value obj = eval(env, s->value);
    Value key = eval(env, s->slice);
    setitem(obj, key, v);
    return;
  }
  case ExprKind::Tuple:
    unpack(env, static_cast<Tuple*>(target)->elts, v);
    return;
  case ExprKind::List:
    unpack(env, static_cast<List*>(target)->elts, v);
    return;
  case ExprKind::Starred:
    raise(types::SyntaxError, "starred assignment target must be in a list or tuple");
  default:
    raise(types::SyntaxError, "cannot assign to expression");
  }
}

void delete_target(Env& env, Expr* target) {
  switch (target->kind) {
  case ExprKind::Name:
    delete_name(env, static_cast<Name*>(target)->var);
    return;
  case ExprKind::Attribute: {
    auto* a = static_cast<Attribute*>(target);
    delattr(eval(env, a->value), sym_str(a->attr));
    return;
  }
  case ExprKind::Subscript: {
    auto* s = static_cast<Subscript*>(target);
    Value obj = eval(env, s->value);
    delitem(obj, eval(env, s->slice));
    return;
  }
  case ExprKind::Tuple:
    for (Expr* e : static_cast<Tuple*>(target)->elts) delete_target(env, e);
    return;
  case ExprKind::List:
    for (Expr* e : static_cast<List*>(target)->elts) delete_target(env, e);
    return;
  default:
    raise(types::SyntaxError, "cannot delete expression");
  }
}

// ---------------------------------------------------------------- functions

} // namespace

Value docstring_of(Span<Stmt*> body) {
  if (!body.empty())
    if (auto* es = body[0]->as<ExprStmt>())
      if (auto* c = es->value->as<Constant>())
        if (c->value_kind == ConstantKind::Str) return new_str(std::string(c->str_value));
  return Value::none();
}

namespace {

std::string qualname_for(Env& env, const std::string& name) {
  if (env.qualprefix) return *env.qualprefix + name;
  if (env.function_qualname) return *env.function_qualname + ".<locals>." + name;
  return name;
}

Value make_function(Env& env, const Arguments* params, const ScopeInfo& scope,
                    const std::string& name, const FunctionDef* def, const Lambda* lambda) {
  auto* f = new Function(types::function);
  Value fv(f);
  f->def = def;
  f->lambda = lambda;
  f->params = params;
  f->scope = static_cast<const ScopeExtra*>(scope.extra);
  for (auto& pf : interp().files)
    if (pf.get() == env.frame.file) f->file = pf;
  f->globals = Ref<DictObj>(env.globals);
  for (Expr* d : params->defaults) f->defaults.push_back(eval(env, d));
  for (Expr* d : params->kw_defaults) f->kwdefaults.push_back(d ? eval(env, d) : Value());
  for (int32_t src : f->scope->free_source) f->closure.push_back(env.frame.cells[src]);
  f->name = name;
  f->qualname = qualname_for(env, name);
  static Str* name_key = intern_str("__name__");
  if (Value* m = env.globals->d.find_str(name_key)) f->module = to_str(*m);
  return fv;
}

[[noreturn]] void missing_args(Function* f, const std::vector<std::string>& names,
                               const char* kind) {
  std::string list;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) list += names.size() == 2 ? " and " : (i + 1 == names.size() ? ", and " : ", ");
    list += "'" + names[i] + "'";
  }
  raise(types::TypeError, f->qualname + "() missing " + std::to_string(names.size()) +
                              " required " + kind + " argument" + (names.size() == 1 ? "" : "s") +
                              ": " + list);
}

void bind_arguments(Function* f, const Args& args, Value* locals) {
  const ScopeExtra* sc = f->scope;
  size_t nparams = static_cast<size_t>(sc->nposargs);
  size_t npos = args.npos;
  size_t ncopy = npos < nparams ? npos : nparams;
  for (size_t i = 0; i < ncopy; ++i) locals[i] = args.pos[i];
  if (npos > nparams) {
    if (sc->vararg_slot < 0) {
      size_t ndef = f->defaults.size();
      std::string takes =
          ndef ? "from " + std::to_string(nparams - ndef) + " to " + std::to_string(nparams)
               : std::to_string(nparams);
      raise(types::TypeError, f->qualname + "() takes " + takes + " positional argument" +
                                  (nparams == 1 && !ndef ? "" : "s") + " but " +
                                  std::to_string(npos) + (npos == 1 ? " was" : " were") + " given");
    }
    locals[sc->vararg_slot] =
        Value(new_tuple(std::vector<Value>(args.pos + nparams, args.pos + npos)));
  } else if (sc->vararg_slot >= 0) {
    locals[sc->vararg_slot] = Value(new_tuple());
  }
  Ref<DictObj> kwargs;
  if (sc->kwarg_slot >= 0) {
    kwargs = new_dict();
    locals[sc->kwarg_slot] = Value(kwargs);
  }
  size_t nnamed = sc->param_names.size();
  size_t nposonly = f->params->posonlyargs.size;
  for (size_t k = 0; k < args.nkw; ++k) {
    Str* name = args.kw[k].name;
    size_t i = nposonly;
    for (; i < nnamed; ++i)
      if (sc->param_names[i] == name) break;
    if (i == nnamed)
      for (i = nposonly; i < nnamed; ++i)
        if (sc->param_names[i]->s == name->s) break;
    if (i < nnamed) {
      if (!locals[i].is_null())
        raise(types::TypeError,
              f->qualname + "() got multiple values for argument '" + name->s + "'");
      locals[i] = args.kw[k].value;
    } else if (kwargs) {
      kwargs->d.set(Value(name), args.kw[k].value);
    } else {
      raise(types::TypeError,
            f->qualname + "() got an unexpected keyword argument '" + name->s + "'");
    }
  }
  if (npos < nparams) {
    size_t ndef = f->defaults.size();
    size_t first_default = nparams - ndef;
    std::vector<std::string> missing;
    for (size_t i = npos; i < nparams; ++i) {
      if (!locals[i].is_null()) continue;
      if (i >= first_default)
        locals[i] = f->defaults[i - first_default];
      else
        missing.push_back(sc->param_names[i]->s);
    }
    if (!missing.empty()) missing_args(f, missing, "positional");
  }
  if (sc->nkwonly) {
    std::vector<std::string> missing;
    for (int32_t j = 0; j < sc->nkwonly; ++j) {
      Value& slot = locals[nparams + j];
      if (!slot.is_null()) continue;
      if (!f->kwdefaults[j].is_null())
        slot = f->kwdefaults[j];
      else
        missing.push_back(sc->param_names[nparams + j]->s);
    }
    if (!missing.empty()) missing_args(f, missing, "keyword-only");
  }
}

struct DepthGuard {
  Interp& in;
  explicit DepthGuard(Interp& i) : in(i) {
    if (++in.depth > in.max_depth) {
      --in.depth;
      raise(types::RecursionError, "maximum recursion depth exceeded");
    }
  }
  ~DepthGuard() { --in.depth; }
};

struct FramePush {
  Interp& in;
  Frame* saved;
  FramePush(Interp& i, Frame* f) : in(i), saved(i.top) {
    f->parent = saved;
    in.top = f;
  }
  ~FramePush() { in.top = saved; }
};

} // namespace

Value call_function(Function* f, const Args& args) {
  check_interrupt();
  Interp& in = interp();
  DepthGuard depth(in);
  const ScopeExtra* sc = f->scope;
  size_t nl = static_cast<size_t>(sc->num_locals);
  size_t nc = static_cast<size_t>(sc->num_cells + sc->num_frees);
  Value local_buf[16];
  std::vector<Value> local_heap;
  Value* locals = local_buf;
  if (nl > 16) {
    local_heap.resize(nl);
    locals = local_heap.data();
  }
  Ref<Cell> cell_buf[8];
  std::vector<Ref<Cell>> cell_heap;
  Ref<Cell>* cells = cell_buf;
  if (nc > 8) {
    cell_heap.resize(nc);
    cells = cell_heap.data();
  }
  Value fkeep(f);
  Env env;
  env.frame.file = f->file.get();
  env.frame.func = f->name.c_str();
  env.frame.function = f;
  env.frame.locals = locals;
  env.frame.cells = cells;
  env.frame.line = f->def ? f->def->loc.line : f->lambda->loc.line;
  env.globals = f->globals.get();
  env.frame.globals = env.globals;
  env.function_qualname = &f->qualname;
  // Argument errors belong to the caller's frame, as in CPython.
  bind_arguments(f, args, locals);
  FramePush push(in, &env.frame);
  try {
    for (int32_t c = 0; c < sc->num_cells; ++c) {
      cells[c] = Ref<Cell>(new Cell(types::cell));
      int32_t p = sc->cell_from_param[c];
      if (p >= 0) cells[c]->v = std::move(locals[p]);
    }
    for (int32_t j = 0; j < sc->num_frees; ++j) cells[sc->num_cells + j] = f->closure[j];
    if (f->lambda) return eval(env, f->lambda->body);
    if (exec_block(env, f->def->body) == Flow::Return) return std::move(env.retval);
    return Value::none();
  } catch (PyError& e) {
    add_tb(e.exc, env);
    throw;
  }
}

Value make_function_object(const Function& home, const FunctionDef* def, const Lambda* lambda,
                           const std::string& name, std::vector<Value> defaults,
                           std::vector<Value> kwdefaults, std::vector<Ref<Cell>> closure) {
  auto* f = new Function(types::function);
  Value fv(f);
  f->def = def;
  f->lambda = lambda;
  f->params = def ? def->args : lambda->args;
  f->scope = static_cast<const ScopeExtra*>(def ? def->scope.extra : lambda->scope.extra);
  f->file = home.file;
  f->globals = home.globals;
  f->defaults = std::move(defaults);
  f->kwdefaults = std::move(kwdefaults);
  f->closure = std::move(closure);
  f->name = name;
  f->qualname = home.qualname + ".<locals>." + name;
  f->module = home.module;
  return fv;
}

bool run_body_slice(Function* f, size_t begin, size_t end, std::vector<Value>& locals,
                    Value& result) {
  check_interrupt();
  Interp& in = interp();
  DepthGuard depth(in);
  const ScopeExtra* sc = f->scope;
  if (f->def == nullptr || sc->num_cells != 0)
    raise(types::NotImplementedError, "resuming a function with cells or a lambda");
  locals.resize(static_cast<size_t>(sc->num_locals));
  std::vector<Ref<Cell>> cells(static_cast<size_t>(sc->num_frees));
  for (int32_t j = 0; j < sc->num_frees; ++j) cells[static_cast<size_t>(j)] = f->closure[j];
  Value fkeep(f);
  Env env;
  env.frame.file = f->file.get();
  env.frame.func = f->name.c_str();
  env.frame.function = f;
  env.frame.locals = locals.data();
  env.frame.cells = cells.data();
  env.frame.line = f->def->loc.line;
  env.globals = f->globals.get();
  env.frame.globals = env.globals;
  env.function_qualname = &f->qualname;
  FramePush push(in, &env.frame);
  Span<Stmt*> body = f->def->body;
  end = std::min(end, static_cast<size_t>(body.size));
  Span<Stmt*> slice{body.data + std::min(begin, end),
                    static_cast<uint32_t>(end - std::min(begin, end))};
  try {
    if (exec_block(env, slice) == Flow::Return) {
      result = std::move(env.retval);
      return true;
    }
    return false;
  } catch (PyError& e) {
    add_tb(e.exc, env);
    throw;
  }
}

namespace {

// ---------------------------------------------------------------- calls

Value eval_call(Env& env, Call* c) {
  SmallVec<Value, 8> pos;
  SmallVec<KwArg, 4> kw;
  std::vector<Ref<Str>> kw_keep; // names from **mapping
  Value func, self;
  bool method = false;
  Str* mname = nullptr;
  pos.push_back(Value()); // reserved for self
  if (auto* a = c->func->as<Attribute>()) {
    self = eval(env, a->value);
    mname = sym_str(a->attr);
    Type* t = type_of(self);
    if (t->layout != Layout::Type && t != types::super && t != types::module) {
      Value f = t->lookup(mname);
      if (f.is_obj() &&
          (f.obj()->type == types::function || f.obj()->type == types::builtin_function)) {
        bool shadowed = false;
        if (t->layout == Layout::Instance || t->layout == Layout::Native ||
            t->layout == Layout::Exception) {
          auto* inst = static_cast<Instance*>(self.obj());
          shadowed = inst->attrs && inst->attrs->d.find_str(mname);
        }
        if (!shadowed) {
          func = std::move(f);
          method = true;
        }
      }
    }
    if (!method) func = getattr(self, mname);
  } else {
    func = eval(env, c->func);
  }
  for (Expr* arg : c->args) {
    if (auto* s = arg->as<Starred>()) {
      Value v = eval(env, s->value);
      if (!v.is_obj() ||
          (type_of(v)->lookup(intern_str("__iter__")).is_null() && type_of(v) != types::iterator &&
           type_of(v)->layout != Layout::List && type_of(v)->layout != Layout::Tuple &&
           type_of(v)->layout != Layout::Str && type_of(v)->layout != Layout::Dict &&
           type_of(v)->layout != Layout::Set && type_of(v) != types::range))
        raise(types::TypeError, "Value after * must be an iterable, not " + type_name(v));
      for (auto& x : to_vector(v)) pos.push_back(x);
    } else {
      pos.push_back(eval(env, arg));
    }
  }
  for (Keyword& k : c->keywords) {
    if (k.arg) {
      kw.push_back(KwArg{sym_str(k.arg), eval(env, k.value)});
    } else {
      Value m = eval(env, k.value);
      if (type_of(m)->layout != Layout::Dict) {
        Value keys = getattr_opt(m, intern_str("keys"));
        if (keys.is_null())
          raise(types::TypeError, "argument after ** must be a mapping, not " + type_name(m));
        for (auto& key : to_vector(call(keys, {}))) {
          Str* ks = as_str_key(key);
          if (!ks) raise(types::TypeError, "keywords must be strings");
          kw_keep.push_back(Ref<Str>(ks));
          kw.push_back(KwArg{ks, getitem(m, key)});
        }
        continue;
      }
      for (auto& e : static_cast<DictObj*>(m.obj())->d.entries()) {
        if (e.key.is_null()) continue;
        Str* ks = as_str_key(e.key);
        if (!ks) raise(types::TypeError, "keywords must be strings");
        for (size_t i = 0; i < kw.size(); ++i)
          if (kw.data()[i].name->s == ks->s)
            raise(types::TypeError, "got multiple values for keyword argument '" + ks->s + "'");
        kw_keep.push_back(Ref<Str>(ks));
        kw.push_back(KwArg{ks, e.value});
      }
    }
  }
  env.frame.line = c->loc.line;
  check_interrupt();
  Value* p = pos.data();
  if (method) {
    p[0] = std::move(self);
    return call(func, Args{p, pos.size(), kw.data(), kw.size()});
  }
  return call(func, Args{p + 1, pos.size() - 1, kw.data(), kw.size()});
}

// ---------------------------------------------------------------- comprehensions

void run_generators(Env& env, Span<Comprehension> gens, size_t level, const Value& first_iter,
                    const std::function<void()>& body) {
  Comprehension& g = gens[level];
  Value iterable = level == 0 ? first_iter : eval(env, g.iter);
  Value it = get_iter(iterable);
  Value x;
  while (iter_next(it, x)) {
    check_interrupt();
    assign(env, g.target, x);
    bool ok = true;
    for (Expr* cond : g.ifs)
      if (!truthy(eval(env, cond))) {
        ok = false;
        break;
      }
    if (!ok) continue;
    if (level + 1 < gens.size)
      run_generators(env, gens, level + 1, Value(), body);
    else
      body();
  }
}

Value eval_comprehension_body(Env& env, Expr* e, const Value& first);

Expr* first_iter(Expr* e) {
  switch (e->kind) {
  case ExprKind::ListComp:
    return static_cast<ListComp*>(e)->generators[0].iter;
  case ExprKind::SetComp:
    return static_cast<SetComp*>(e)->generators[0].iter;
  case ExprKind::DictComp:
    return static_cast<DictComp*>(e)->generators[0].iter;
  default:
    return static_cast<GeneratorExp*>(e)->generators[0].iter;
  }
}

// Comprehensions run inline but show up in tracebacks as their own frame
// (<listcomp>, ...), as CPython 3.11's do.
Value eval_comprehension(Env& outer, Expr* e) {
  Value first = eval(outer, first_iter(e));
  Env env;
  env.frame = outer.frame;
  env.frame.function = outer.frame.function;
  env.frame.func = e->kind == ExprKind::ListComp   ? "<listcomp>"
                   : e->kind == ExprKind::SetComp  ? "<setcomp>"
                   : e->kind == ExprKind::DictComp ? "<dictcomp>"
                                                   : "<genexpr>";
  env.frame.line = e->loc.line;
  env.globals = outer.globals;
  env.class_ns = outer.class_ns;
  env.qualprefix = outer.qualprefix;
  env.function_qualname = outer.function_qualname;
  Interp& in = interp();
  DepthGuard depth(in);
  FramePush push(in, &env.frame);
  try {
    return eval_comprehension_body(env, e, first);
  } catch (PyError& err) {
    add_tb(err.exc, env);
    throw;
  }
}

Value eval_comprehension_body(Env& env, Expr* e, const Value& first) {
  switch (e->kind) {
  case ExprKind::ListComp: {
    auto* c = static_cast<ListComp*>(e);
    auto out = new_list();
    run_generators(env, c->generators, 0, first, [&] { out->items.push_back(eval(env, c->elt)); });
    return Value(out);
  }
  case ExprKind::GeneratorExp: {
    auto* c = static_cast<GeneratorExp*>(e);
    auto out = new_list();
    run_generators(env, c->generators, 0, first, [&] { out->items.push_back(eval(env, c->elt)); });
    return get_iter(Value(out));
  }
  case ExprKind::SetComp: {
    auto* c = static_cast<SetComp*>(e);
    auto out = new_set();
    run_generators(env, c->generators, 0, first,
                   [&] { out->d.set(eval(env, c->elt), Value::none()); });
    return Value(out);
  }
  default: {
    auto* c = static_cast<DictComp*>(e);
    auto out = new_dict();
    run_generators(env, c->generators, 0, first, [&] {
      Value k = eval(env, c->key);
      out->d.set(k, eval(env, c->value));
    });
    return Value(out);
  }
  }
}

// ---------------------------------------------------------------- expressions

} // namespace

Value const_value(const Constant* c) {
  switch (c->value_kind) {
  case ConstantKind::None:
    return Value::none();
  case ConstantKind::True:
    return Value::boolean(true);
  case ConstantKind::False:
    return Value::boolean(false);
  case ConstantKind::Int:
    return Value::integer(c->int_value);
  case ConstantKind::Float:
    return Value::floating(c->float_value);
  case ConstantKind::Ellipsis:
    return ellipsis();
  case ConstantKind::Str:
    break;
  }
  // Cache interned strings per literal text: literals are immutable.
  return Value(intern_str(c->str_value));
}

namespace {

Value eval_seq_items(Env& env, Span<Expr*> elts, std::vector<Value>& out) {
  out.reserve(elts.size);
  for (Expr* x : elts) {
    if (auto* s = x->as<Starred>()) {
      for (auto& v : to_vector(eval(env, s->value))) out.push_back(v);
    } else {
      out.push_back(eval(env, x));
    }
  }
  return Value();
}

Value eval(Env& env, Expr* e) {
  switch (e->kind) {
  case ExprKind::Name:
    return load_name(env, static_cast<Name*>(e)->var);
  case ExprKind::Constant:
    return const_value(static_cast<Constant*>(e));
  case ExprKind::Attribute: {
    auto* a = static_cast<Attribute*>(e);
    Value obj = eval(env, a->value);
    return getattr(obj, sym_str(a->attr));
  }
  case ExprKind::BinOp: {
    auto* b = static_cast<BinOp*>(e);
    Value l = eval(env, b->left);
    Value r = eval(env, b->right);
    if (l.is_int() && r.is_int()) {
      int64_t x = l.as_int(), y = r.as_int(), z;
      switch (b->op) {
      case BinOpKind::Add:
        if (!__builtin_add_overflow(x, y, &z)) return Value::integer(z);
        break;
      case BinOpKind::Sub:
        if (!__builtin_sub_overflow(x, y, &z)) return Value::integer(z);
        break;
      case BinOpKind::Mult:
        if (!__builtin_mul_overflow(x, y, &z)) return Value::integer(z);
        break;
      default:
        break;
      }
    }
    return binary_op(b->op, l, r);
  }
  case ExprKind::Call:
    return eval_call(env, static_cast<Call*>(e));
  case ExprKind::Compare: {
    auto* c = static_cast<Compare*>(e);
    Value left = eval(env, c->left);
    for (size_t i = 0; i < c->ops.size; ++i) {
      Value right = eval(env, c->comparators[i]);
      CmpOpKind op = c->ops[i];
      Value r;
      if (left.is_int() && right.is_int()) {
        int64_t x = left.as_int(), y = right.as_int();
        bool b;
        switch (op) {
        case CmpOpKind::Lt:
          b = x < y;
          break;
        case CmpOpKind::LtE:
          b = x <= y;
          break;
        case CmpOpKind::Gt:
          b = x > y;
          break;
        case CmpOpKind::GtE:
          b = x >= y;
          break;
        case CmpOpKind::Eq:
          b = x == y;
          break;
        case CmpOpKind::NotEq:
          b = x != y;
          break;
        default:
          b = truthy(compare(op, left, right));
        }
        r = Value::boolean(b);
      } else {
        r = compare(op, left, right);
      }
      if (i + 1 == c->ops.size) return r;
      if (!truthy(r)) return r;
      left = std::move(right);
    }
    return left;
  }
  case ExprKind::BoolOp: {
    auto* b = static_cast<BoolOp*>(e);
    Value v;
    for (size_t i = 0; i < b->values.size; ++i) {
      v = eval(env, b->values[i]);
      bool t = truthy(v);
      if (b->op == BoolOpKind::And ? !t : t) return v;
    }
    return v;
  }
  case ExprKind::UnaryOp: {
    auto* u = static_cast<UnaryOp*>(e);
    return unary_op(u->op, eval(env, u->operand));
  }
  case ExprKind::Subscript: {
    auto* s = static_cast<Subscript*>(e);
    Value obj = eval(env, s->value);
    Value key = eval(env, s->slice);
    if (key.is_int() && obj.is_obj() && obj.obj()->type == types::list) {
      auto& items = static_cast<ListObj*>(obj.obj())->items;
      int64_t i = key.as_int();
      if (i < 0) i += static_cast<int64_t>(items.size());
      if (i >= 0 && i < static_cast<int64_t>(items.size())) return items[i];
    }
    return getitem(obj, key);
  }
  case ExprKind::IfExp: {
    auto* i = static_cast<IfExp*>(e);
    return truthy(eval(env, i->test)) ? eval(env, i->body) : eval(env, i->orelse);
  }
  case ExprKind::List: {
    auto* l = static_cast<List*>(e);
    auto out = new_list();
    eval_seq_items(env, l->elts, out->items);
    return Value(out);
  }
  case ExprKind::Tuple: {
    auto* l = static_cast<Tuple*>(e);
    auto out = new_tuple();
    eval_seq_items(env, l->elts, out->items);
    return Value(out);
  }
  case ExprKind::Set: {
    auto* l = static_cast<Set*>(e);
    std::vector<Value> items;
    eval_seq_items(env, l->elts, items);
    auto out = new_set();
    for (auto& v : items) out->d.set(v, Value::none());
    return Value(out);
  }
  case ExprKind::Dict: {
    auto* d = static_cast<Dict*>(e);
    auto out = new_dict();
    for (size_t i = 0; i < d->keys.size; ++i) {
      if (!d->keys[i]) {
        Value m = eval(env, d->values[i]);
        if (type_of(m)->layout == Layout::Dict) {
          for (auto& en : static_cast<DictObj*>(m.obj())->d.entries())
            if (!en.key.is_null()) out->d.set(en.key, en.value);
        } else {
          for (auto& k : to_vector(call_method(m, intern_str("keys"), {})))
            out->d.set(k, getitem(m, k));
        }
        continue;
      }
      Value k = eval(env, d->keys[i]);
      Value v = eval(env, d->values[i]);
      out->d.set(k, std::move(v));
    }
    return Value(out);
  }
  case ExprKind::Slice: {
    auto* s = static_cast<Slice*>(e);
    auto* sl = new SliceObj(types::slice);
    Value keep(sl);
    sl->start = s->lower ? eval(env, s->lower) : Value::none();
    sl->stop = s->upper ? eval(env, s->upper) : Value::none();
    sl->step = s->step ? eval(env, s->step) : Value::none();
    return keep;
  }
  case ExprKind::Lambda: {
    auto* l = static_cast<Lambda*>(e);
    return make_function(env, l->args, l->scope, "<lambda>", nullptr, l);
  }
  case ExprKind::ListComp:
  case ExprKind::SetComp:
  case ExprKind::DictComp:
  case ExprKind::GeneratorExp:
    return eval_comprehension(env, e);
  case ExprKind::JoinedStr: {
    auto* j = static_cast<JoinedStr*>(e);
    std::string out;
    for (Expr* part : j->values) {
      if (auto* c = part->as<Constant>()) {
        out += c->str_value;
        continue;
      }
      Value v = eval(env, part);
      out += static_cast<Str*>(v.obj())->s;
    }
    return new_str(std::move(out));
  }
  case ExprKind::FormattedValue: {
    auto* f = static_cast<FormattedValue*>(e);
    Value v = eval(env, f->value);
    if (f->conversion == 'r' || f->conversion == 'a')
      v = new_str(repr(v));
    else if (f->conversion == 's')
      v = new_str(to_str(v));
    std::string spec;
    if (f->format_spec) spec = static_cast<Str*>(eval(env, f->format_spec).obj())->s;
    if (spec.empty() && as_str_key(v)) return v;
    return new_str(format_value(v, spec));
  }
  case ExprKind::NamedExpr: {
    auto* n = static_cast<NamedExpr*>(e);
    Value v = eval(env, n->value);
    assign(env, n->target, v);
    return v;
  }
  case ExprKind::Starred:
    raise(types::SyntaxError, "can't use starred expression here");
  }
  raise(types::SystemExit, "unreachable expression kind");
}

// ---------------------------------------------------------------- statements

Flow exec_stmt(Env& env, Stmt* s);

Flow exec_block(Env& env, Span<Stmt*> body) {
  for (Stmt* s : body) {
    Flow f = exec_stmt(env, s);
    if (f != Flow::Normal) return f;
  }
  return Flow::Normal;
}

Flow exec_loop_body(Env& env, Span<Stmt*> body, bool& broke) {
  Flow f = exec_block(env, body);
  if (f == Flow::Break) {
    broke = true;
    return Flow::Break;
  }
  if (f == Flow::Return) return f;
  return Flow::Normal;
}

Flow exec_for(Env& env, For* f) {
  Value iterable = eval(env, f->iter);
  bool broke = false;
  Type* t = type_of(iterable);
  if (t == types::range) {
    auto* r = static_cast<Range*>(iterable.obj());
    int64_t step = r->step, stop = r->stop;
    for (int64_t i = r->start; step > 0 ? i < stop : i > stop; i += step) {
      check_interrupt();
      assign(env, f->target, Value::integer(i));
      Flow fl = exec_loop_body(env, f->body, broke);
      if (fl == Flow::Return) return fl;
      if (broke) break;
    }
  } else if (t == types::list || t == types::tuple) {
    const std::vector<Value>& items = t == types::list
                                          ? static_cast<ListObj*>(iterable.obj())->items
                                          : static_cast<TupleObj*>(iterable.obj())->items;
    for (size_t i = 0; i < items.size(); ++i) {
      check_interrupt();
      assign(env, f->target, items[i]);
      Flow fl = exec_loop_body(env, f->body, broke);
      if (fl == Flow::Return) return fl;
      if (broke) break;
    }
  } else {
    Value it = get_iter(iterable);
    Value x;
    while (iter_next(it, x)) {
      check_interrupt();
      assign(env, f->target, x);
      Flow fl = exec_loop_body(env, f->body, broke);
      if (fl == Flow::Return) return fl;
      if (broke) break;
    }
  }
  if (!broke) return exec_block(env, f->orelse);
  return Flow::Normal;
}

bool exception_matches(const Value& exc, const Value& spec) {
  if (type_of(spec) == types::tuple) {
    for (auto& s : static_cast<TupleObj*>(spec.obj())->items)
      if (exception_matches(exc, s)) return true;
    return false;
  }
  if (!spec.is_obj() || spec.obj()->type->layout != Layout::Type ||
      !static_cast<Type*>(spec.obj())->is_exception)
    raise(types::TypeError,
          "catching classes that do not inherit from BaseException is not allowed");
  return isinstance(exc, static_cast<Type*>(spec.obj()));
}

// Runs `body` while `exc` is being handled: a new exception escaping it gets
// `exc` as its __context__.
template <class F> Flow with_handling(Env& env, const Value& exc, F&& body) {
  Interp& in = interp();
  in.handling.push_back(exc);
  try {
    Flow f = body();
    in.handling.pop_back();
    return f;
  } catch (PyError& e) {
    in.handling.pop_back();
    if (!e.exc.is(exc)) {
      auto* ne = dynamic_cast<ExceptionObj*>(e.exc.obj());
      if (ne && ne->context.is_null() && !e.exc.is(exc)) {
        // Avoid cycles: do not chain an exception to itself through contexts.
        bool cycle = false;
        for (Value c = exc; c.is_obj();) {
          if (c.is(e.exc)) cycle = true;
          auto* ce = dynamic_cast<ExceptionObj*>(c.obj());
          if (!ce) break;
          c = ce->context;
        }
        if (!cycle) ne->context = exc;
      }
    }
    add_tb(e.exc, env);
    throw;
  }
}

Flow exec_try(Env& env, Try* t) {
  Flow result = Flow::Normal;
  bool pending = false;
  PyError pending_error;
  try {
    bool caught = false;
    Value exc;
    try {
      result = exec_block(env, t->body);
    } catch (PyError& e) {
      if (t->handlers.empty()) throw;
      add_tb(e.exc, env);
      exc = e.exc;
      caught = true;
    }
    if (caught) {
      bool handled = false;
      for (ExceptHandler& h : t->handlers) {
        if (h.type) {
          Value spec = eval(env, h.type);
          if (!exception_matches(exc, spec)) continue;
        }
        handled = true;
        result = with_handling(env, exc, [&] {
          if (h.name.name) store_name(env, h.name, exc);
          Flow f = exec_block(env, h.body);
          if (h.name.name) {
            // Python deletes the `as` name at the end of the handler.
            clear_name(env, h.name);
          }
          return f;
        });
        break;
      }
      if (!handled) throw PyError{exc};
    } else if (result == Flow::Normal && !t->orelse.empty()) {
      result = exec_block(env, t->orelse);
    }
  } catch (PyError& e) {
    if (t->finalbody.empty()) throw;
    pending = true;
    pending_error = e;
  }
  if (!t->finalbody.empty()) {
    Flow f;
    if (pending) {
      f = with_handling(env, pending_error.exc, [&] { return exec_block(env, t->finalbody); });
    } else {
      f = exec_block(env, t->finalbody);
    }
    if (f != Flow::Normal) return f; // return/break in finally discards the exception
    if (pending) throw pending_error;
  }
  return result;
}

Flow exec_with(Env& env, With* w, size_t item) {
  if (item == w->items.size) return exec_block(env, w->body);
  WithItem& wi = w->items[item];
  Value mgr = eval(env, wi.context_expr);
  static Str* enter_ = intern_str("__enter__");
  static Str* exit_ = intern_str("__exit__");
  Type* t = type_of(mgr);
  Value enter = t->lookup(enter_);
  Value exit = t->lookup(exit_);
  if (enter.is_null() || exit.is_null())
    raise(types::TypeError,
          "'" + t->name + "' object does not support the context manager protocol");
  Value v = call_with_self(enter, mgr, Args{});
  Flow f;
  try {
    if (wi.optional_vars) assign(env, wi.optional_vars, v);
    f = exec_with(env, w, item + 1);
  } catch (PyError& e) {
    add_tb(e.exc, env);
    Value exc = e.exc;
    Value args[3] = {Value(type_of(exc)), exc, Value::none()};
    Value r;
    with_handling(env, exc, [&] {
      r = call_with_self(exit, mgr, Args{args, 3, nullptr, 0});
      return Flow::Normal;
    });
    if (truthy(r)) return Flow::Normal;
    throw;
  }
  Value none3[3] = {Value::none(), Value::none(), Value::none()};
  call_with_self(exit, mgr, Args{none3, 3, nullptr, 0});
  return f;
}

Flow exec_raise(Env& env, Raise* r) {
  Interp& in = interp();
  if (!r->exc) {
    if (in.handling.empty()) raise(types::RuntimeError, "No active exception to reraise");
    throw PyError{in.handling.back()};
  }
  Value v = eval(env, r->exc);
  Value exc;
  if (v.is_obj() && v.obj()->type->layout == Layout::Type) {
    auto* t = static_cast<Type*>(v.obj());
    if (!t->is_exception) raise(types::TypeError, "exceptions must derive from BaseException");
    exc = call(v, {});
  } else if (isinstance(v, types::BaseException)) {
    exc = v;
  } else {
    raise(types::TypeError, "exceptions must derive from BaseException");
  }
  auto* eo = static_cast<ExceptionObj*>(exc.obj());
  if (r->cause) {
    Value c = eval(env, r->cause);
    if (c.is_obj() && c.obj()->type->layout == Layout::Type) c = call(c, {});
    if (!c.is_none() && !isinstance(c, types::BaseException))
      raise(types::TypeError, "exception causes must derive from BaseException");
    eo->cause = c.is_none() ? Value() : c;
    eo->suppress_context = true;
  }
  eo->tb_last_frame = nullptr;
  throw PyError{exc};
}

Value import_from_module(const Value& mod, const std::string& modname, Str* name) {
  Value v = getattr_opt(mod, name);
  if (!v.is_null()) return v;
  try {
    return import_module(modname + "." + name->s);
  } catch (PyError& e) {
    if (!isinstance(e.exc, types::ImportError)) throw;
  }
  raise(types::ImportError,
        "cannot import name '" + name->s + "' from '" + modname + "' (unknown location)");
}

std::string resolve_relative(Env& env, const std::string& module, int level) {
  if (level == 0) return module;
  static Str* name_key = intern_str("__name__");
  static Str* pkg_key = intern_str("__package__");
  std::string base;
  if (Value* p = env.globals->d.find_str(pkg_key); p && as_str_key(*p))
    base = to_str(*p);
  else if (Value* n = env.globals->d.find_str(name_key)) {
    base = to_str(*n);
    size_t dot = base.rfind('.');
    base = dot == std::string::npos ? "" : base.substr(0, dot);
  }
  for (int i = 1; i < level; ++i) {
    size_t dot = base.rfind('.');
    if (dot == std::string::npos)
      raise(types::ImportError, "attempted relative import beyond top-level package");
    base = base.substr(0, dot);
  }
  if (base.empty())
    raise(types::ImportError, "attempted relative import with no known parent package");
  return module.empty() ? base : base + "." + module;
}

Flow exec_stmt(Env& env, Stmt* s) {
  env.frame.line = s->loc.line;
  switch (s->kind) {
  case StmtKind::ExprStmt:
    eval(env, static_cast<ExprStmt*>(s)->value);
    return Flow::Normal;
  case StmtKind::Assign: {
    auto* a = static_cast<Assign*>(s);
    Value v = eval(env, a->value);
    for (Expr* t : a->targets) {
      if (auto* n = t->as<Name>()) {
        if (n->var.scope == NameScope::Local) {
          env.frame.locals[n->var.slot] = v;
          continue;
        }
      }
      assign(env, t, v);
    }
    return Flow::Normal;
  }
  case StmtKind::AugAssign: {
    auto* a = static_cast<AugAssign*>(s);
    switch (a->target->kind) {
    case ExprKind::Name: {
      auto* n = static_cast<Name*>(a->target);
      Value cur = load_name(env, n->var);
      Value rhs = eval(env, a->value);
      if (cur.is_int() && rhs.is_int()) {
        int64_t z;
        if (a->op == BinOpKind::Add && !__builtin_add_overflow(cur.as_int(), rhs.as_int(), &z)) {
          store_name(env, n->var, Value::integer(z));
          return Flow::Normal;
        }
      }
      store_name(env, n->var, inplace_op(a->op, cur, rhs));
      return Flow::Normal;
    }
    case ExprKind::Attribute: {
      auto* at = static_cast<Attribute*>(a->target);
      Value obj = eval(env, at->value);
      Str* name = sym_str(at->attr);
      Value cur = getattr(obj, name);
      Value rhs = eval(env, a->value);
      setattr(obj, name, inplace_op(a->op, cur, rhs));
      return Flow::Normal;
    }
    case ExprKind::Subscript: {
      auto* sub = static_cast<Subscript*>(a->target);
      Value obj = eval(env, sub->value);
      Value key = eval(env, sub->slice);
      Value cur = getitem(obj, key);
      Value rhs = eval(env, a->value);
      setitem(obj, key, inplace_op(a->op, cur, rhs));
      return Flow::Normal;
    }
    default:
      raise(types::SyntaxError, "illegal expression for augmented assignment");
    }
  }
  case StmtKind::AnnAssign: {
    auto* a = static_cast<AnnAssign*>(s);
    if (a->value) assign(env, a->target, eval(env, a->value));
    return Flow::Normal;
  }
  case StmtKind::If: {
    auto* i = static_cast<If*>(s);
    if (truthy(eval(env, i->test))) return exec_block(env, i->body);
    return exec_block(env, i->orelse);
  }
  case StmtKind::For:
    return exec_for(env, static_cast<For*>(s));
  case StmtKind::While: {
    auto* w = static_cast<While*>(s);
    bool broke = false;
    while (truthy(eval(env, w->test))) {
      check_interrupt();
      Flow f = exec_loop_body(env, w->body, broke);
      if (f == Flow::Return) return f;
      if (broke) break;
      env.frame.line = s->loc.line;
    }
    if (!broke) return exec_block(env, w->orelse);
    return Flow::Normal;
  }
  case StmtKind::Return: {
    auto* r = static_cast<Return*>(s);
    env.retval = r->value ? eval(env, r->value) : Value::none();
    return Flow::Return;
  }
  case StmtKind::Pass:
    return Flow::Normal;
  case StmtKind::Break:
    return Flow::Break;
  case StmtKind::Continue:
    return Flow::Continue;
  case StmtKind::FunctionDef: {
    auto* fd = static_cast<FunctionDef*>(s);
    std::vector<Value> decorators;
    for (Expr* d : fd->decorator_list) decorators.push_back(eval(env, d));
    Value f = make_function(env, fd->args, fd->scope, fd->name.name.str(), fd, nullptr);
    for (size_t i = decorators.size(); i-- > 0;) {
      env.frame.line = fd->decorator_list[i]->loc.line;
      f = call(decorators[i], {f});
    }
    store_name(env, fd->name, f);
    return Flow::Normal;
  }
  case StmtKind::ClassDef: {
    auto* cd = static_cast<ClassDef*>(s);
    std::vector<Value> decorators;
    for (Expr* d : cd->decorator_list) decorators.push_back(eval(env, d));
    std::vector<Value> bases;
    for (Expr* b : cd->bases) bases.push_back(eval(env, b));
    for (Keyword& k : cd->keywords)
      if (k.arg.view() != "metaclass") eval(env, k.value);
    auto ns = new_dict();
    std::string name = cd->name.name.str();
    std::string qual = qualname_for(env, name);
    static Str* name_key = intern_str("__name__");
    std::string module = "__main__";
    if (Value* m = env.globals->d.find_str(name_key)) module = to_str(*m);
    ns->d.set(Value(intern_str("__module__")), new_str(module));
    ns->d.set(Value(intern_str("__qualname__")), new_str(qual));
    ns->d.set(Value(intern_str("__doc__")), docstring_of(cd->body));
    const auto* sc = static_cast<const ScopeExtra*>(cd->scope.extra);
    std::vector<Value> locals(sc->num_locals);
    std::vector<Ref<Cell>> cells(sc->num_cells + sc->num_frees);
    for (int32_t c = 0; c < sc->num_cells; ++c) cells[c] = Ref<Cell>(new Cell(types::cell));
    for (int32_t j = 0; j < sc->num_frees; ++j)
      cells[sc->num_cells + j] = env.frame.cells[sc->free_source[j]];
    Env cenv;
    cenv.frame.file = env.frame.file;
    cenv.frame.func = cd->name.name.c_str();
    cenv.frame.locals = locals.data();
    cenv.frame.cells = cells.data();
    cenv.frame.line = s->loc.line;
    cenv.globals = env.globals;
    cenv.class_ns = ns.get();
    cenv.frame.globals = env.globals;
    cenv.frame.namespace_ = ns.get();
    std::string prefix = qual + ".";
    cenv.qualprefix = &prefix;
    {
      Interp& in = interp();
      DepthGuard depth(in);
      FramePush push(in, &cenv.frame);
      try {
        exec_block(cenv, cd->body);
      } catch (PyError& e) {
        add_tb(e.exc, cenv);
        throw;
      }
    }
    Value cls = make_class(name, std::move(bases), ns, module);
    for (size_t i = decorators.size(); i-- > 0;) cls = call(decorators[i], {cls});
    store_name(env, cd->name, cls);
    return Flow::Normal;
  }
  case StmtKind::Delete:
    for (Expr* t : static_cast<Delete*>(s)->targets) delete_target(env, t);
    return Flow::Normal;
  case StmtKind::Assert: {
    auto* a = static_cast<Assert*>(s);
    if (!truthy(eval(env, a->test))) {
      if (a->msg) throw PyError{make_exception(types::AssertionError, {eval(env, a->msg)})};
      throw PyError{make_exception(types::AssertionError, {})};
    }
    return Flow::Normal;
  }
  case StmtKind::Raise:
    return exec_raise(env, static_cast<Raise*>(s));
  case StmtKind::Try:
    return exec_try(env, static_cast<Try*>(s));
  case StmtKind::With:
    return exec_with(env, static_cast<With*>(s), 0);
  case StmtKind::Import: {
    for (Alias& a : static_cast<Import*>(s)->names) {
      std::string full = a.name.str();
      Value m = import_module(full);
      if (a.asname) {
        store_name(env, a.bound, m);
      } else {
        std::string top = full.substr(0, full.find('.'));
        store_name(env, a.bound, import_module(top));
      }
    }
    return Flow::Normal;
  }
  case StmtKind::ImportFrom: {
    auto* f = static_cast<ImportFrom*>(s);
    std::string modname = resolve_relative(env, f->module.str(), f->level);
    Value m = import_module(modname);
    for (Alias& a : f->names) {
      if (a.name.view() == "*") {
        DictObj* g = static_cast<Module*>(m.obj())->globals.get();
        Value all = getattr_opt(m, intern_str("__all__"));
        if (!all.is_null()) {
          for (auto& n : to_vector(all)) {
            Str* key = intern_str(to_str(n));
            env.globals->d.set(Value(key), getattr(m, key));
          }
        } else {
          for (auto& e : g->d.entries())
            if (!e.key.is_null() && !to_str(e.key).starts_with("_"))
              env.globals->d.set(e.key, e.value);
        }
        continue;
      }
      store_name(env, a.bound, import_from_module(m, modname, sym_str(a.name)));
    }
    return Flow::Normal;
  }
  case StmtKind::Global:
  case StmtKind::Nonlocal:
    return Flow::Normal;
  }
  return Flow::Normal;
}

} // namespace

void exec_module(const std::shared_ptr<ParsedFile>& file, const Ref<DictObj>& globals) {
  Interp& in = interp();
  in.files.push_back(file);
  resolve_file(*file);
  const auto* sc = static_cast<const ScopeExtra*>(file->scope.extra);
  std::vector<Value> locals(sc ? sc->num_locals : 0);
  std::vector<Ref<Cell>> cells(sc ? sc->num_cells : 0);
  for (auto& c : cells) c = Ref<Cell>(new Cell(types::cell));
  Env env;
  env.frame.file = file.get();
  env.frame.func = "<module>";
  env.frame.locals = locals.data();
  env.frame.cells = cells.data();
  env.globals = globals.get();
  env.frame.globals = globals.get();
  env.frame.namespace_ = globals.get();
  DepthGuard depth(in);
  FramePush push(in, &env.frame);
  try {
    exec_block(env, file->body);
  } catch (PyError& e) {
    add_tb(e.exc, env);
    throw;
  }
}

} // namespace bwhop::lang
