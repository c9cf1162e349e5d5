#include "core/dynamo/tracer.h"

#include <algorithm>

#include "core/compiled_autograd/ops.h"
#include "core/dynamo/graph_exec.h"
#include "core/fx/type_expr.h"
#include "core/torch/aten_ops_namespace.h"

#include "core/lang/eval.h"
#include "core/lang/runtime.h"
#include "core/tensor/dispatcher.h"
#include "core/torch/tensor_object.h"
#include "core/tracing/proxy_mode.h"

namespace bwhop::dynamo {

namespace native = lang::native;
using lang::types::TypeError;

// ------------------------------------------------------------------ frame arguments

FrameLocals bind_frame_locals(const lang::Function& fn, const lang::Args& args) {
  const lang::ScopeExtra& sc = *fn.scope;
  if (sc.vararg_slot >= 0 || sc.kwarg_slot >= 0)
    native::raise_error(lang::types::NotImplementedError,
                        "torch.compile: functions with *args or **kwargs are not supported yet");
  size_t npos = static_cast<size_t>(sc.nposargs);
  if (args.npos > npos)
    native::raise_error(TypeError, fn.qualname + "() takes " + std::to_string(npos) +
                                       " positional arguments but " + std::to_string(args.npos) +
                                       " were given");
  FrameLocals out;
  for (size_t i = 0; i < args.npos; ++i) out[sc.param_names[i]->s] = args.pos[i];
  for (size_t k = 0; k < args.nkw; ++k) {
    const std::string& name = args.kw[k].name->s;
    bool known = false;
    for (const lang::Str* p : sc.param_names) known = known || p->s == name;
    if (!known || out.count(name))
      native::raise_error(TypeError,
                          fn.qualname + "() got an unexpected keyword argument '" + name + "'");
    out[name] = args.kw[k].value;
  }
  size_t first_default = npos - fn.defaults.size();
  for (size_t i = 0; i < sc.param_names.size(); ++i) {
    const std::string& name = sc.param_names[i]->s;
    if (out.count(name)) continue;
    if (i < npos && i >= first_default) {
      out[name] = fn.defaults[i - first_default];
    } else if (i >= npos && !fn.kwdefaults[i - npos].is_null()) {
      out[name] = fn.kwdefaults[i - npos];
    } else {
      native::raise_error(TypeError, fn.qualname + "() missing required argument: '" + name + "'");
    }
  }
  return out;
}

// ------------------------------------------------------------------ tracer

Tracer::Tracer(const lang::Function& fn, const FrameLocals& locals, const CaptureOptions& options)
    : root_fn_(fn), frame_locals_(locals), options_(options), root_globals_(Value(fn.globals)),
      graph_(std::make_shared<fx::Graph>()), fake_mode_(std::make_shared<tracing::FakeMode>()),
      shape_env_(tracing::ShapeEnv::create()), grad_enabled_(tensor::grad_mode_enabled()) {
  Value m = native::import_module("torch._dynamo._trace_wrapped_higher_order_op");
  trace_wrapped_fn_ = native::get_attr_or_null(m, "trace_wrapped");
}

const std::string& Tracer::user_stack(SymFrame& f) const {
  if (f.stack_line == f.line) return f.stack;
  f.stack_line = f.line;
  f.stack = f.caller_stack;
  f.stack += "  File \"" + f.fn->file->path() + "\", line " + std::to_string(f.line) + ", in " +
             f.name + "\n";
  std::string_view code = f.fn->file->source_line(f.line);
  while (!code.empty() && (code.front() == ' ' || code.front() == '\t')) code.remove_prefix(1);
  f.stack += "    " + std::string(code) + "\n";
  return f.stack;
}

void Tracer::unsupported(SymFrame& f, GraphBreakInfo info) {
  throw Unsupported(std::move(info), user_stack(f));
}

fx::Node* Tracer::add_placeholder(const std::string& input_name, const fx::TypeExpr* type) {
  std::string target = input_name;
  if (input_targets_.count(target)) {
    // SubgraphTracer.create_graph_input: <name>_0, <name>_1, ...
    for (int i = 0;; ++i) {
      std::string candidate = target + "_" + std::to_string(i);
      if (!input_targets_.count(candidate)) {
        target = candidate;
        break;
      }
    }
  }
  input_targets_.insert(target);
  fx::Node* node;
  {
    fx::Node* first = graph_->first_node();
    auto at = last_placeholder_ ? graph_->inserting_after(last_placeholder_)
                                : graph_->inserting_before(first);
    node = graph_->placeholder(target, type);
  }
  last_placeholder_ = node;
  return node;
}

VarPtr Tracer::tensor_var(fx::Node* node, const tensor::Tensor& fake, Value real,
                          SourcePtr source) {
  node->set_tensor_meta(tracing::tensor_meta_of(fake));
  auto var = make_var(Var::Kind::Tensor, std::move(real), std::move(source));
  var->node = node;
  var->fake = torchmod::wrap_tensor(fake);
  return var;
}

VarPtr Tracer::realize_tensor(const Value& v, SourcePtr source) {
  const tensor::Tensor& real = *torchmod::as_tensor(v);
  // New size symbols become graph inputs of their own, before the tensor.
  size_t known_symbols = shape_env_->symbols().size();
  std::vector<tracing::SymLinear> dims = input_dims(v, real, source);
  std::vector<int> symbols = shape_env_->symbols();
  for (size_t i = known_symbols; i < symbols.size(); ++i) {
    int id = symbols[i];
    fx::Node* sym = add_placeholder(tracing::symbol_name(id));
    sym->set_sym_meta(shape_env_->fx_expr(tracing::SymLinear::of_symbol(id)));
    inputs_.push_back(Input{sym, symbol_source_.at(id), Value::integer(shape_env_->hint(id))});
    sym_inputs_.push_back(SymInput{sym, id});
  }
  fx::Node* node = add_placeholder(source->input_name());
  auto var = tensor_var(node, fake_mode_->from_tensor(real), v, source);
  var->dims = std::move(dims);
  set_tensor_meta(node, *torchmod::as_tensor(var->fake), var->dims);
  var->name_set = true; // graph inputs are never renamed
  guards_.add(tensor_guard(source, real));
  inputs_.push_back(Input{node, source, v});
  return var;
}

VarPtr Tracer::realize_stolen_list(const Value& v, SourcePtr source) {
  // VariableBuilder.wrap_listlike for a local to steal: one graph input for the
  // whole list, its items unpacked right away (same instruction, same stack).
  fx::Node* list_node = add_placeholder(source->input_name(), fx::builtin_type("list"));
  inputs_.push_back(Input{list_node, source, v});
  guards_.add(type_guard(source, lang::type_of(v)));
  auto out = make_var(Var::Kind::List, v, source);
  out->node = list_node;
  const auto& items = native::list_items(v);
  for (size_t i = 0; i < items.size(); ++i) {
    SourcePtr item_src = Source::item(source, Value::integer(static_cast<int64_t>(i)));
    const tensor::Tensor* real = torchmod::as_tensor(items[i]);
    if (real == nullptr) {
      out->items.push_back(wrap(items[i], item_src));
      continue;
    }
    fx::Node* node = graph_->call_function(fx::operator_target("getitem"),
                                           {fx::Argument(list_node), fx::Argument(int64_t(i))}, {});
    if (current_frame_) node->set_stack_trace(user_stack(*current_frame_));
    tracing::attach_callable(*node, script_function_callable(getitem_builtin()));
    auto var = tensor_var(node, fake_mode_->from_tensor(*real), items[i], item_src);
    var->dims = input_dims(items[i], *real, item_src);
    set_tensor_meta(node, *torchmod::as_tensor(var->fake), var->dims);
    guards_.add(tensor_guard(item_src, *real));
    registration_.emplace(items[i].obj(), registration_.size());
    by_source_[item_src->name()] = var;
    out->items.push_back(var);
  }
  return out;
}

VarPtr Tracer::wrap(const Value& v, SourcePtr source) {
  if (source) {
    auto it = by_source_.find(source->name());
    if (it != by_source_.end()) return it->second;
  }
  VarPtr out;
  lang::Type* t = lang::type_of(v);
  if (source && !v.is_null() && v.is_obj() && !registration_.count(v.obj()))
    registration_.emplace(v.obj(), registration_.size());
  if (source && source->kind() == Source::Kind::Local && native::is_list(v) &&
      std::find(options_.locals_to_steal.begin(), options_.locals_to_steal.end(),
                source->member()) != options_.locals_to_steal.end()) {
    out = realize_stolen_list(v, source);
  } else if (torchmod::as_tensor(v)) {
    if (!source)
      throw Unsupported(GraphBreakInfo{"Tensor without a source",
                                       "wrap " + lang::type_name(v),
                                       "bwhop's dynamo only lifts tensors it can read again from "
                                       "the frame (arguments, globals and what they reach).",
                                       {},
                                       ""},
                        "");
    out = realize_tensor(v, source);
  } else if (v.is_int() && source &&
             (options_.dynamic || options_.automatic_dynamic.count(source->name()))) {
    out = realize_symint(v, source); // an unspecialized int
  } else if (v.is_none() || v.is_bool() || v.is_int() || v.is_float() || native::is_str(v)) {
    out = make_var(Var::Kind::Constant, v, source);
    if (source) guards_.add(constant_guard(source, v));
  } else if (torchmod::as_op_overload(v)) {
    out = make_var(Var::Kind::AtenOp, v, source);
  } else if (compiled_autograd::op_info(v)) {
    out = make_var(Var::Kind::GraphOp, v, source);
  } else if (!trace_wrapped_fn_.is_null() && v.is(trace_wrapped_fn_)) {
    out = make_var(Var::Kind::TraceWrapped, v, source);
  } else if (native::as_function(v)) {
    out = make_var(Var::Kind::Function, v, source);
    if (source) guards_.add(id_guard(source, v));
  } else if (const lang::Partial* p = native::as_partial(v)) {
    out = make_var(Var::Kind::Partial, v, source);
    if (source) guards_.add(type_guard(source, t));
    out->func = wrap(p->func, source ? Source::attr(source, "func") : nullptr);
    SourcePtr args_src = source ? Source::attr(source, "args") : nullptr;
    for (size_t i = 0; i < p->args->items.size(); ++i)
      out->items.push_back(wrap(
          p->args->items[i],
          args_src ? Source::item(args_src, Value::integer(static_cast<int64_t>(i))) : nullptr));
    SourcePtr kw_src = source ? Source::attr(source, "keywords") : nullptr;
    for (const auto& [k, val] : native::dict_items(Value(p->keywords))) {
      out->keys.push_back(native::as_str(k));
      out->kw_items.push_back(wrap(val, kw_src ? Source::item(kw_src, k) : nullptr));
    }
  } else if (native::is_tuple(v) || native::is_list(v)) {
    bool list = native::is_list(v);
    out = make_var(list ? Var::Kind::List : Var::Kind::Tuple, v, source);
    if (source) guards_.add(type_guard(source, t));
    const auto& items = list ? native::list_items(v) : native::tuple_items(v);
    for (size_t i = 0; i < items.size(); ++i)
      out->items.push_back(
          wrap(items[i],
               source ? Source::item(source, Value::integer(static_cast<int64_t>(i))) : nullptr));
  } else if (native::is_dict(v)) {
    out = make_var(Var::Kind::Dict, v, source);
    if (source) guards_.add(type_guard(source, t));
    for (const auto& [k, val] : native::dict_items(v)) {
      if (!native::is_str(k))
        throw Unsupported(GraphBreakInfo{"Unsupported dict",
                                         "dict key " + lang::type_name(k),
                                         "bwhop's dynamo only tracks dicts with str keys.",
                                         {},
                                         ""},
                          "");
      out->keys.push_back(native::as_str(k));
      out->kw_items.push_back(wrap(val, source ? Source::item(source, k) : nullptr));
    }
  } else if (t == lang::types::module) {
    out = make_var(Var::Kind::Module, v, source);
    if (source) guards_.add(id_guard(source, v));
  } else if (t->layout == lang::Layout::Type) {
    out = make_var(Var::Kind::Class, v, source);
    if (source) guards_.add(id_guard(source, v));
  } else if (t == lang::types::builtin_function) {
    out = make_var(Var::Kind::Builtin, v, source);
  } else {
    out = make_var(Var::Kind::Object, v, source);
    if (source) guards_.add(type_guard(source, t));
  }
  if (source) by_source_[source->name()] = out;
  return out;
}

void Tracer::store_hint(const VarPtr& v, const std::string& name) {
  // TensorVariable.set_name_hint: the first store to a local names the node.
  if (!v || !v->is_tensor() || v->name_set) return;
  v->node->rename(name);
  v->name_set = true;
}

Rebuild Tracer::rebuild_of(SymFrame& f, const VarPtr& v) {
  Rebuild r;
  switch (v->kind) {
  case Var::Kind::Tensor:
  case Var::Kind::SymInt:
    if (v->node->op() == fx::OpKind::Placeholder || v->source) {
      r.kind = Rebuild::Kind::FromSource;
      r.source = v->source;
      return r;
    }
    r.kind = Rebuild::Kind::GraphOutput;
    if (auto it = output_index_.find(v->node); it != output_index_.end()) {
      r.output_index = it->second;
    } else {
      r.output_index = static_cast<int>(outputs_.size());
      output_index_[v->node] = r.output_index;
      outputs_.push_back(v->node);
    }
    return r;
  case Var::Kind::Constant:
    r.kind = Rebuild::Kind::Constant;
    r.constant = v->value;
    return r;
  case Var::Kind::Tuple:
  case Var::Kind::List:
    if (v->source && v->kind == Var::Kind::List) break; // the same list object
    r.kind = v->kind == Var::Kind::Tuple ? Rebuild::Kind::Tuple : Rebuild::Kind::List;
    for (const VarPtr& item : v->items) r.items.push_back(rebuild_of(f, item));
    return r;
  case Var::Kind::NestedFunction: {
    r.kind = Rebuild::Kind::Function;
    r.constant = Value(const_cast<lang::Function*>(v->home));
    r.def = v->def;
    r.lambda = v->lambda;
    r.name = v->attr;
    for (const VarPtr& d : v->defaults) r.items.push_back(rebuild_of(f, d));
    for (const VarPtr& d : v->kw_defaults) {
      r.keys.push_back(d ? "set" : "");
      r.keyword_values.push_back(d ? rebuild_of(f, d) : Rebuild{});
    }
    for (const auto& cell : v->closure) {
      Rebuild c;
      if (*cell) c = rebuild_of(f, *cell); // an unbound cell stays a Null constant
      r.closure.push_back(std::move(c));
    }
    return r;
  }
  case Var::Kind::Partial:
    if (v->source) break;
    r.kind = Rebuild::Kind::Partial;
    r.items.push_back(rebuild_of(f, v->func));
    for (const VarPtr& item : v->items) r.items.push_back(rebuild_of(f, item));
    r.keys = v->keys;
    for (const VarPtr& item : v->kw_items) r.keyword_values.push_back(rebuild_of(f, item));
    return r;
  default:
    break;
  }
  if (v->source) {
    r.kind = Rebuild::Kind::FromSource;
    r.source = v->source;
    return r;
  }
  if (!v->value.is_null()) {
    r.kind = Rebuild::Kind::Constant;
    r.constant = v->value;
    return r;
  }
  unsupported(f, GraphBreakInfo{"Unsupported return value",
                                tracker_class_name(*v),
                                "Dynamo cannot rebuild a value of type " + python_type_name(*v) +
                                    " after the graph runs.",
                                {},
                                ""});
}

CapturedFrame Tracer::run() {
  SymFrame f;
  f.fn = &root_fn_;
  f.scope = root_fn_.scope;
  f.name = root_fn_.name;
  f.line = root_fn_.def ? root_fn_.def->loc.line : root_fn_.lambda->loc.line;
  const lang::ScopeExtra& sc = *root_fn_.scope;
  f.locals.resize(static_cast<size_t>(sc.num_locals));
  f.pending.resize(static_cast<size_t>(sc.num_locals));
  if (options_.first_stmt == 0)
    for (size_t i = 0; i < sc.param_names.size(); ++i)
      f.pending[i] = frame_locals_.at(sc.param_names[i]->s);
  else // a resume: the locals still used after the break
    for (size_t slot = 0; slot < sc.local_names.size(); ++slot)
      if (auto it = frame_locals_.find(sc.local_names[slot]->s); it != frame_locals_.end())
        f.pending[slot] = it->second;
  f.cells.resize(static_cast<size_t>(sc.num_cells + sc.num_frees));
  f.pending_cells.resize(f.cells.size());
  for (int32_t c = 0; c < sc.num_cells; ++c) {
    f.cells[static_cast<size_t>(c)] = std::make_shared<VarPtr>();
    int32_t p = sc.cell_from_param[static_cast<size_t>(c)];
    if (p >= 0)
      *f.cells[static_cast<size_t>(c)] =
          wrap(f.pending[static_cast<size_t>(p)],
               Source::local(sc.param_names[static_cast<size_t>(p)]->s));
  }
  for (int32_t j = 0; j < sc.num_frees; ++j) {
    size_t slot = static_cast<size_t>(sc.num_cells + j);
    f.cells[slot] = std::make_shared<VarPtr>();
    f.pending_cells[slot] = root_fn_.closure[static_cast<size_t>(j)]->v;
  }

  VarPtr result = constant_var(Value::none());
  CapturedFrame out;
  if (root_fn_.lambda) {
    result = eval(f, root_fn_.lambda->body);
  } else {
    lang::Span<lang::Stmt*> body = root_fn_.def->body;
    for (size_t i = options_.first_stmt; i < body.size; ++i) {
      if (options_.stop_stmt && i == *options_.stop_stmt) {
        out.break_stmt = i;
        break;
      }
      root_stmt_ = static_cast<int>(i);
      root_line_ = body[i]->loc.line;
      if (exec(f, body[i]) == Flow::Return) {
        result = f.retval;
        break;
      }
    }
  }
  if (out.break_stmt) {
    // The graph's values the rest of the function reads become its outputs.
    std::vector<bool> used = locals_used_from(root_fn_, *out.break_stmt);
    for (size_t slot = 0; slot < f.locals.size(); ++slot) {
      if (!used[slot]) continue;
      VarPtr v = f.locals[slot];
      if (!v && !f.pending[slot].is_null())
        v = wrap(f.pending[slot], Source::local(sc.local_names[slot]->s));
      if (v) out.live_locals.emplace_back(sc.local_names[slot]->s, rebuild_of(f, v));
    }
  }

  out.function_name = root_fn_.name;
  out.file = root_fn_.file->path();
  out.line = root_fn_.def ? root_fn_.def->loc.line : 0;
  out.result = rebuild_of(f, result);
  for (const PendingEffect& e : hooks_)
    out.side_effects.push_back(
        SideEffect{e.kind, rebuild_of(f, e.target), rebuild_of(f, e.value), e.attr, e.key});
  // Mutations replay per object in the order the objects were first tracked.
  std::stable_sort(mutations_.begin(), mutations_.end(),
                   [this](const PendingEffect& a, const PendingEffect& b) {
                     return registration_index(a.target) < registration_index(b.target);
                   });
  for (const PendingEffect& e : mutations_)
    out.side_effects.push_back(
        SideEffect{e.kind, rebuild_of(f, e.target), rebuild_of(f, e.value), e.attr, e.key});

  // The graph: outputs as a tuple; unused inputs pruned (their names stay taken).
  bool has_ops = false;
  for (const fx::Node* n : graph_->nodes()) has_ops = has_ops || n->op() != fx::OpKind::Placeholder;
  if (has_ops) {
    fx::ArgTuple results;
    for (fx::Node* n : outputs_) results.items.emplace_back(n);
    graph_->output(fx::Argument(std::move(results)));
    // Size-symbol inputs stay while they bind a symbol (remove_unused_graphargs).
    std::unordered_set<const fx::Node*> binding;
    // remove_unused_graphargs: kept while the input still binds a plain symbol
    // (`s69: "Sym(s21)"` after s69 -> s21); dropped once it is a constant.
    for (const SymInput& s : sym_inputs_)
      if (shape_env_->simplify(tracing::SymLinear::of_symbol(s.symbol)).as_symbol())
        binding.insert(s.node);
    std::vector<fx::Node*> unused;
    for (fx::Node* n : graph_->nodes())
      if (n->op() == fx::OpKind::Placeholder && n->num_users() == 0 && !binding.count(n))
        unused.push_back(n);
    for (fx::Node* n : unused) graph_->erase_node(n);
    for (const Input& in : inputs_) {
      if (in.node->erased()) continue;
      out.input_sources.push_back(in.source);
      out.example_inputs.push_back(in.real);
    }
    out.module = std::make_shared<fx::GraphModule>(graph_, "GraphModule");
  }
  finalize_shape_guards();
  out.guards = std::move(guards_);
  return out;
}

size_t Tracer::registration_index(const VarPtr& v) const {
  if (v->value.is_null() || !v->value.is_obj()) return registration_.size();
  auto it = registration_.find(v->value.obj());
  return it == registration_.end() ? registration_.size() : it->second;
}

CapturedFrame capture_frame(const lang::Function& fn, const FrameLocals& locals,
                            const CaptureOptions& options) {
  // Grad-mode blocks change the mode while tracing; the caller's mode comes back after.
  tensor::GradModeGuard grad_mode(tensor::grad_mode_enabled());
  Tracer tracer(fn, locals, options);
  try {
    return tracer.run();
  } catch (Unsupported& u) {
    u.root_stmt = tracer.root_stmt_;
    u.root_line = tracer.root_line_;
    throw;
  }
}

// ------------------------------------------------------------------ rebuilding

Value rebuild_value(const Rebuild& r, const std::vector<Value>& outputs, const FrameLocals& locals,
                    const Value& globals) {
  switch (r.kind) {
  case Rebuild::Kind::GraphOutput:
    return outputs.at(static_cast<size_t>(r.output_index));
  case Rebuild::Kind::FromSource:
    return r.source->read(locals, globals);
  case Rebuild::Kind::Constant:
    return r.constant;
  case Rebuild::Kind::Tuple:
  case Rebuild::Kind::List: {
    std::vector<Value> items;
    for (const Rebuild& item : r.items)
      items.push_back(rebuild_value(item, outputs, locals, globals));
    return r.kind == Rebuild::Kind::Tuple ? native::make_tuple(std::move(items))
                                          : native::make_list(std::move(items));
  }
  case Rebuild::Kind::Function: {
    std::vector<Value> defaults, kwdefaults;
    for (const Rebuild& d : r.items) defaults.push_back(rebuild_value(d, outputs, locals, globals));
    for (size_t i = 0; i < r.keyword_values.size(); ++i)
      kwdefaults.push_back(r.keys[i].empty()
                               ? Value()
                               : rebuild_value(r.keyword_values[i], outputs, locals, globals));
    std::vector<lang::Ref<lang::Cell>> cells;
    for (const Rebuild& c : r.closure) {
      lang::Ref<lang::Cell> cell(new lang::Cell(lang::types::cell));
      cell->v = rebuild_value(c, outputs, locals, globals);
      cells.push_back(std::move(cell));
    }
    return lang::make_function_object(*native::as_function(r.constant), r.def, r.lambda, r.name,
                                      std::move(defaults), std::move(kwdefaults), std::move(cells));
  }
  case Rebuild::Kind::Partial: {
    std::vector<Value> pos;
    pos.push_back(Value(lang::types::partial));
    for (const Rebuild& item : r.items)
      pos.push_back(rebuild_value(item, outputs, locals, globals));
    std::vector<std::pair<std::string, Value>> kw;
    for (size_t i = 0; i < r.keys.size(); ++i)
      kw.emplace_back(r.keys[i], rebuild_value(r.keyword_values[i], outputs, locals, globals));
    Value partial_type = pos.front();
    pos.erase(pos.begin());
    return native::call(partial_type, std::move(pos), std::move(kw));
  }
  }
  return Value::none();
}

std::string Rebuild::describe() const {
  switch (kind) {
  case Kind::GraphOutput:
    return "graph_out[" + std::to_string(output_index) + "]";
  case Kind::FromSource:
    return source->name();
  case Kind::Constant:
    return lang::repr(constant);
  case Kind::Tuple:
  case Kind::List: {
    std::string out = kind == Kind::Tuple ? "(" : "[";
    for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i].describe();
    if (kind == Kind::Tuple && items.size() == 1) out += ",";
    return out + (kind == Kind::Tuple ? ")" : "]");
  }
  case Kind::Function:
    return "<function " + name + ">";
  case Kind::Partial: {
    std::string out = "functools.partial(";
    for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i].describe();
    for (size_t i = 0; i < keys.size(); ++i)
      out += ", " + keys[i] + "=" + keyword_values[i].describe();
    return out + ")";
  }
  }
  return "";
}

std::string SideEffect::describe() const {
  if (kind == Kind::RegisterHook)
    return target.describe() + ".register_hook(" + value.describe() + ")";
  if (kind == Kind::SetItem)
    return target.describe() + "[" + lang::repr(key) + "] = " + value.describe();
  return target.describe() + "." + attr + " = " + value.describe();
}

} // namespace bwhop::dynamo
