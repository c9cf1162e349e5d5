#include "core/dynamo/compile.h"

#include <filesystem>
#include <memory>
#include <unordered_set>
#include <vector>

#include "core/common/artifacts.h"
#include "core/dynamo/backends.h"
#include "core/dynamo/capture.h"
#include "core/dynamo/unsupported.h"
#include "core/fx/normalize.h"
#include "core/lang/eval.h"
#include "core/lang/interp.h"
#include "core/lang/runtime.h"
#include "core/torch/errors.h"
#include "core/torch/tensor_object.h"

namespace bwhop::dynamo {

namespace native = lang::native;

namespace {

// Bumped by reset(): entries of an older generation are dropped on their next call.
int64_t g_generation = 0;
int64_t g_next_frame_id = 0;

struct Segment;

struct Entry {
  CapturedFrame frame;
  CompiledFn run; // null when the frame did no tensor work
  // After a graph break: the code from the statement after the break on.
  std::shared_ptr<Segment> resume;
};

// A piece of a function's body compiled as one frame: the whole body, or the
// statements after a graph break (PyTorch's torch_dynamo_resume_in_* functions).
struct Segment {
  size_t first_stmt = 0;
  std::string name; // the frame's name in logs
  int line = 0;     // where it starts
  int64_t frame_id = -1;
  bool run_eagerly = false; // it broke where it cannot be split
  std::vector<std::shared_ptr<Entry>> entries;
};

struct OptimizedFunction {
  Value fn;
  Value backend;
  bool fullgraph = false;
  bool dynamic = false;
  int64_t generation = -1;
  std::shared_ptr<Segment> root;
};

void log_compiled(const Segment& seg, const CapturedFrame& frame, size_t compile_index) {
  // The texts cost as much as the capture itself: build them only for a reader.
  if (common::current_artifact_log() == nullptr) return;
  std::string id = std::to_string(seg.frame_id) + "/" + std::to_string(compile_index);
  std::string header = "===== " + seg.name + " (" +
                       std::filesystem::path(frame.file).filename().string() + ":" +
                       std::to_string(seg.line) + ") [" + id + "] =====\n";
  if (frame.module)
    common::record_artifact("graph_code",
                            header + fx::normalize_gm(frame.module->print_readable(false)));
  common::record_artifact("guards", header + frame.guards.describe_all());
  if (!frame.side_effects.empty()) {
    std::string text = header;
    for (const SideEffect& e : frame.side_effects) text += e.describe() + "\n";
    common::record_artifact("side_effects", text);
  }
}

// Runs the graph and replays its side effects; returns the graph's outputs.
std::vector<Value> run_graph_part(const Entry& e, const FrameLocals& locals, const Value& globals) {
  const CapturedFrame& frame = e.frame;
  std::vector<Value> outputs;
  if (e.run) {
    std::vector<Value> inputs;
    for (const SourcePtr& s : frame.input_sources) inputs.push_back(s->read(locals, globals));
    outputs = e.run(inputs);
  }
  // OutputGraph.codegen_suffix: hooks on the real inputs, then the mutations.
  for (const SideEffect& s : frame.side_effects) {
    Value target = rebuild_value(s.target, outputs, locals, globals);
    Value value = rebuild_value(s.value, outputs, locals, globals);
    if (s.kind == SideEffect::Kind::RegisterHook)
      native::call(native::get_attr(target, "register_hook"), {value});
    else if (s.kind == SideEffect::Kind::SetItem)
      native::call(native::get_attr(target, "__setitem__"), {s.key, value});
    else
      native::set_attr(target, s.attr, value);
  }
  return outputs;
}

[[noreturn]] void raise_unsupported(const Unsupported& u) {
  native::raise_error(unsupported_type(), unsupported_script_message(u));
}

// Frame numbers restart with every script run (each run has its own sys.modules).
void start_run_if_new() {
  static const void* current_run = nullptr;
  const void* run = lang::interp().modules.get();
  if (run != current_run) {
    current_run = run;
    reset();
  }
}

// What a compiled callable runs: a user function, or a module's `forward`
// (then `self` is the module, and its meta may name locals to steal).
struct FrameCode {
  const lang::Function* fn = nullptr;
  Value self;
  CaptureOptions options;
};

FrameCode frame_code(const OptimizedFunction& of) {
  FrameCode code;
  code.options.dynamic = of.dynamic;
  code.fn = native::as_function(of.fn);
  if (code.fn) return code;
  Value forward = native::get_attr_or_null(of.fn, "forward");
  Value func, self;
  if (!forward.is_null() && native::unbind_method(forward, func, self)) {
    code.fn = native::as_function(func);
    code.self = self;
  } else if (!forward.is_null() && native::as_function(forward)) {
    code.fn = native::as_function(forward); // a forward stored on the instance
    code.self = of.fn;
  }
  if (code.fn == nullptr)
    native::raise_error(lang::types::NotImplementedError,
                        "torch.compile of a " + lang::type_name(of.fn) +
                            " is not supported (only user functions and modules whose forward "
                            "is a script function)");
  for (const Value& name : native::list_items(locals_to_steal(of.fn)))
    code.options.locals_to_steal.push_back(native::as_str(name, "locals_to_steal"));
  return code;
}

Value call_segment(OptimizedFunction& of, const FrameCode& code, Segment& seg,
                   const FrameLocals& locals);

// The user stack with file names only (`File "x.py"`): logs must not depend on
// where the scripts live.
std::string stack_with_file_names(const std::string& stack) {
  std::string out;
  size_t at = 0;
  for (size_t file = stack.find("File \"", at); file != std::string::npos;
       file = stack.find("File \"", at)) {
    size_t start = file + 6, end = stack.find('"', start);
    if (end == std::string::npos) break;
    out += stack.substr(at, start - at);
    out += std::filesystem::path(stack.substr(start, end - start)).filename().string();
    at = end;
  }
  return out + stack.substr(at);
}

std::string graph_break_text(const lang::Function& fn, const Unsupported& u) {
  int line = u.root_line ? u.root_line : (fn.def ? fn.def->loc.line : 0);
  return "Graph break in user code at " +
         std::filesystem::path(fn.file->path()).filename().string() + ":" + std::to_string(line) +
         "\nGraph Break Reason: " + u.info().gb_type + "\nUser code traceback:\n" +
         stack_with_file_names(u.user_stack());
}

// The frame's locals as slots (Null: unbound), for running statements eagerly.
std::vector<Value> local_slots(const lang::Function& fn, const FrameLocals& locals) {
  std::vector<Value> slots(static_cast<size_t>(fn.scope->num_locals));
  for (size_t i = 0; i < fn.scope->local_names.size() && i < slots.size(); ++i)
    if (auto it = locals.find(fn.scope->local_names[i]->s); it != locals.end())
      slots[i] = it->second;
  return slots;
}

// After the graph: the breaking statement runs eagerly on the values the graph
// computed, then the rest of the body runs as its own compiled segment.
Value run_entry(OptimizedFunction& of, const FrameCode& code, const Entry& e,
                const FrameLocals& locals, const Value& globals) {
  std::vector<Value> outputs = run_graph_part(e, locals, globals);
  const CapturedFrame& frame = e.frame;
  if (!frame.break_stmt) return rebuild_value(frame.result, outputs, locals, globals);
  FrameLocals live;
  for (const auto& [name, r] : frame.live_locals)
    live[name] = rebuild_value(r, outputs, locals, globals);
  std::vector<Value> slots = local_slots(*code.fn, live);
  Value result;
  auto* fn = const_cast<lang::Function*>(code.fn);
  if (lang::run_body_slice(fn, *frame.break_stmt, *frame.break_stmt + 1, slots, result))
    return result;
  if (*frame.break_stmt + 1 >= fn->def->body.size) return Value::none();
  FrameLocals after;
  for (size_t i = 0; i < slots.size(); ++i)
    if (!slots[i].is_null()) after[fn->scope->local_names[i]->s] = slots[i];
  return call_segment(of, code, *e.resume, after);
}

bool automatic_dynamic_shapes() {
  Value config = native::import_module("torch._dynamo.config");
  Value flag = native::get_attr_or_null(config, "automatic_dynamic_shapes");
  return !flag.is_null() && lang::truthy(flag);
}

// Automatic dynamic shapes: the tensor sizes and ints the earlier compiles
// specialized on that now differ (PyTorch's frame state for the code object).
std::unordered_set<std::string>
changed_since_compiled(const Segment& seg, const FrameLocals& locals, const Value& globals) {
  std::unordered_set<std::string> changed;
  for (const auto& entry : seg.entries) {
    for (const Guard& g : entry->frame.guards.guards()) {
      Value now;
      try {
        now = g.source->read(locals, globals);
      } catch (const lang::PyError&) {
        continue;
      }
      if (g.kind == Guard::Kind::TensorMatch) {
        const tensor::Tensor* t = torchmod::as_tensor(now);
        if (t == nullptr || t->sizes().size() != g.sizes.size()) continue;
        for (size_t d = 0; d < g.sizes.size(); ++d)
          if (g.sizes[d] == kDynamicDim || g.sizes[d] != t->sizes()[d])
            changed.insert(Source::size(g.source, static_cast<int>(d))->name());
      } else if (g.kind == Guard::Kind::ConstantMatch && g.expected.is_int() && now.is_int() &&
                 !g.expected.is_bool() && now.as_int() != g.expected.as_int()) {
        changed.insert(g.source->name());
      }
    }
  }
  return changed;
}

Value run_segment_eagerly(const FrameCode& code, const Segment& seg, const FrameLocals& locals) {
  const lang::Function* fn = code.fn;
  if (seg.first_stmt == 0) { // the whole function, as a plain call
    std::vector<Value> args;
    std::vector<std::pair<std::string, Value>> kwargs;
    for (const auto& [name, v] : locals) kwargs.emplace_back(name, v);
    return native::call(Value(const_cast<lang::Function*>(fn)), std::move(args), std::move(kwargs));
  }
  std::vector<Value> slots = local_slots(*fn, locals);
  Value result;
  if (lang::run_body_slice(const_cast<lang::Function*>(fn), seg.first_stmt, fn->def->body.size,
                           slots, result))
    return result;
  return Value::none();
}

Value call_segment(OptimizedFunction& of, const FrameCode& code, Segment& seg,
                   const FrameLocals& locals) {
  const lang::Function* fn = code.fn;
  if (seg.run_eagerly) return run_segment_eagerly(code, seg, locals);
  Value globals(fn->globals);
  std::vector<std::string> failures;
  for (size_t i = 0; i < seg.entries.size(); ++i) {
    auto why = seg.entries[i]->frame.guards.check_all(locals, globals);
    if (!why) return run_entry(of, code, *seg.entries[i], locals, globals);
    failures.push_back("    - " + std::to_string(seg.frame_id) + "/" + std::to_string(i) + ": " +
                       *why);
  }
  if (seg.frame_id < 0) seg.frame_id = g_next_frame_id++;
  if (!failures.empty()) {
    std::string text = "Recompiling function " + seg.name + " in " +
                       std::filesystem::path(fn->file->path()).filename().string() + ":" +
                       std::to_string(seg.line) +
                       "\n    triggered by the following guard failure(s):\n";
    for (const std::string& f : failures) text += f + "\n";
    common::record_artifact("recompiles", text);
  }
  CaptureOptions options = code.options;
  options.first_stmt = seg.first_stmt;
  if (!seg.entries.empty() && automatic_dynamic_shapes())
    options.automatic_dynamic = changed_since_compiled(seg, locals, globals);
  auto entry = std::make_shared<Entry>();
  try {
    entry->frame = capture_frame(*fn, locals, options);
  } catch (const Unsupported& u) {
    if (of.fullgraph) raise_unsupported(u);
    common::record_artifact("graph_breaks", graph_break_text(*fn, u));
    // Split at the body statement that broke (PyTorch restarts the analysis
    // and stops there); code it cannot split runs eagerly as a whole.
    bool splittable = u.root_stmt >= static_cast<int>(seg.first_stmt) && fn->def &&
                      fn->scope->num_cells == 0 && code.self.is_null();
    if (splittable) {
      options.stop_stmt = static_cast<size_t>(u.root_stmt);
      try {
        entry->frame = capture_frame(*fn, locals, options);
      } catch (const Unsupported&) {
        splittable = false;
      }
    }
    if (!splittable) {
      seg.run_eagerly = true;
      return run_segment_eagerly(code, seg, locals);
    }
    auto resume = std::make_shared<Segment>();
    resume->first_stmt = static_cast<size_t>(u.root_stmt) + 1;
    resume->line = u.root_line;
    resume->name = "torch_dynamo_resume_in_" + fn->name + "_at_" + std::to_string(u.root_line);
    entry->resume = resume;
  }
  // Dynamo logs the graph and guards before the backend compiles it.
  log_compiled(seg, entry->frame, seg.entries.size());
  if (entry->frame.module)
    entry->run = compile_with_backend(of.backend, entry->frame.module, entry->frame.example_inputs);
  seg.entries.push_back(entry);
  return run_entry(of, code, *entry, locals, globals);
}

Value call_optimized(OptimizedFunction& of, const lang::Args& call_args) {
  start_run_if_new();
  FrameCode code = frame_code(of);
  const lang::Function* fn = code.fn;
  std::vector<Value> with_self;
  lang::Args args = call_args;
  if (!code.self.is_null()) {
    with_self.push_back(code.self);
    with_self.insert(with_self.end(), call_args.pos, call_args.pos + call_args.npos);
    args = lang::Args{with_self.data(), with_self.size(), call_args.kw, call_args.nkw};
  }
  if (of.generation != g_generation || !of.root) {
    of.generation = g_generation;
    of.root = std::make_shared<Segment>();
    of.root->name = fn->name;
    of.root->line = fn->def ? fn->def->loc.line : 0;
  }
  if (of.root->run_eagerly)
    return native::call(of.fn, std::vector<Value>(call_args.pos, call_args.pos + call_args.npos));
  return call_segment(of, code, *of.root, bind_frame_locals(*fn, args));
}

lang::Type* optimized_function_type() {
  static lang::Type* t = [] {
    lang::Type* ty = native::define_type("OptimizedModule", "torch._dynamo.eval_frame");
    native::def_method(ty, "__call__", [](const lang::Args& a) {
      auto* of = native::native_cast<std::shared_ptr<OptimizedFunction>>(a[0]);
      lang::Args rest{a.pos + 1, a.npos - 1, a.kw, a.nkw};
      return torchmod::translate_errors([&] { return call_optimized(**of, rest); });
    });
    return ty;
  }();
  return t;
}

Value make_optimized(Value fn, Value backend, bool fullgraph, bool dynamic) {
  auto of = std::make_shared<OptimizedFunction>();
  of->fn = std::move(fn);
  of->backend = std::move(backend);
  of->fullgraph = fullgraph;
  of->dynamic = dynamic;
  of->generation = g_generation;
  Value out = native::make_native(optimized_function_type(), of);
  // functools.wraps: the wrapper answers to the function's name.
  if (const lang::Function* f = native::as_function(of->fn)) {
    native::set_attr(out, "__name__", native::make_str(f->name));
    native::set_attr(out, "__wrapped__", of->fn);
  }
  return out;
}

} // namespace

lang::Type* dynamo_exception_type() {
  static lang::Type* t = native::define_exception("TorchDynamoException", "torch._dynamo.exc",
                                                  lang::types::RuntimeError);
  return t;
}

lang::Type* unsupported_type() {
  static lang::Type* t =
      native::define_exception("Unsupported", "torch._dynamo.exc", dynamo_exception_type());
  return t;
}

Value locals_to_steal(const Value& gm) {
  Value meta = native::get_attr_or_null(gm, "meta");
  Value steal = meta.is_null() || !native::is_dict(meta)
                    ? Value()
                    : native::dict_get(meta, native::make_str("locals_to_steal"));
  return steal.is_null() || !native::is_list(steal) ? native::make_list({}) : steal;
}

void reset() {
  ++g_generation;
  g_next_frame_id = 0;
}

Value torch_compile(const lang::Args& args) {
  auto p = native::bind_args(args, "compile",
                             {{"model", native::none()},
                              {"fullgraph", native::make_bool(false), true},
                              {"dynamic", native::none(), true},
                              {"backend", native::make_str("inductor"), true},
                              {"mode", native::none(), true},
                              {"options", native::none(), true},
                              {"disable", native::make_bool(false), true}});
  Value backend = p[3];
  bool fullgraph = lang::truthy(p[1]);
  if (!native::is_str(backend) && !native::is_callable(backend))
    native::raise_error(lang::types::TypeError,
                        "torch.compile: backend must be a str or a callable");
  bool dynamic = !p[2].is_none() && lang::truthy(p[2]);
  if (lang::truthy(p[6]))
    return p[0].is_none()
               ? lang::new_builtin(
                     "compile", [](const lang::Args& a) { return a.npos ? a[0] : native::none(); })
               : p[0];
  if (p[0].is_none())
    return lang::new_builtin("compile", [backend, fullgraph, dynamic](const lang::Args& a) {
      auto q = native::bind_args(a, "compile", {{"model"}});
      return make_optimized(q[0], backend, fullgraph, dynamic);
    });
  return make_optimized(p[0], backend, fullgraph, dynamic);
}

} // namespace bwhop::dynamo
