#include "core/dynamo/compile.h"

#include <filesystem>
#include <memory>
#include <vector>

#include "core/common/artifacts.h"
#include "core/dynamo/backends.h"
#include "core/dynamo/capture.h"
#include "core/dynamo/unsupported.h"
#include "core/fx/normalize.h"
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

struct Entry {
  CapturedFrame frame;
  CompiledFn run; // null when the frame did no tensor work
};

struct OptimizedFunction {
  Value fn;
  Value backend;
  bool fullgraph = false;
  int64_t generation = -1;
  int64_t frame_id = -1;
  bool run_eagerly = false; // a graph break happened without fullgraph
  std::vector<std::shared_ptr<Entry>> entries;
};

std::string location(const CapturedFrame& f) {
  return std::filesystem::path(f.file).filename().string() + ":" + std::to_string(f.line);
}

std::string where(const lang::Function& fn) {
  int line = fn.def ? fn.def->loc.line : 0;
  return std::filesystem::path(fn.file->path()).filename().string() + ":" + std::to_string(line);
}

void log_compiled(const OptimizedFunction& of, const CapturedFrame& frame, size_t compile_index) {
  std::string id = std::to_string(of.frame_id) + "/" + std::to_string(compile_index);
  std::string header =
      "===== " + frame.function_name + " (" + location(frame) + ") [" + id + "] =====\n";
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

Value run_entry(const Entry& e, const FrameLocals& locals, const Value& globals) {
  const CapturedFrame& frame = e.frame;
  std::vector<Value> outputs;
  if (e.run) {
    std::vector<tensor::Tensor> inputs;
    for (const SourcePtr& s : frame.input_sources)
      inputs.push_back(torchmod::expect_tensor(s->read(locals, globals), "graph input"));
    outputs = e.run(inputs);
  }
  // OutputGraph.codegen_suffix: hooks on the real inputs, then the mutations.
  for (const SideEffect& s : frame.side_effects) {
    Value target = rebuild_value(s.target, outputs, locals, globals);
    Value value = rebuild_value(s.value, outputs, locals, globals);
    if (s.kind == SideEffect::Kind::RegisterHook)
      native::call(native::get_attr(target, "register_hook"), {value});
    else
      native::set_attr(target, s.attr, value);
  }
  return rebuild_value(frame.result, outputs, locals, globals);
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

Value call_optimized(OptimizedFunction& of, const lang::Args& args) {
  start_run_if_new();
  const lang::Function* fn = native::as_function(of.fn);
  if (fn == nullptr)
    native::raise_error(lang::types::NotImplementedError,
                        "torch.compile of a " + lang::type_name(of.fn) +
                            " is not supported yet (only user functions)");
  if (of.generation != g_generation) {
    of.generation = g_generation;
    of.entries.clear();
    of.run_eagerly = false;
    of.frame_id = -1;
  }
  if (of.run_eagerly)
    return native::call(of.fn, std::vector<Value>(args.pos, args.pos + args.npos));
  FrameLocals locals = bind_frame_locals(*fn, args);
  Value globals(fn->globals);
  std::vector<std::string> failures;
  for (size_t i = 0; i < of.entries.size(); ++i) {
    auto why = of.entries[i]->frame.guards.check_all(locals, globals);
    if (!why) return run_entry(*of.entries[i], locals, globals);
    failures.push_back("    - " + std::to_string(of.frame_id) + "/" + std::to_string(i) + ": " +
                       *why);
  }
  if (of.frame_id < 0) of.frame_id = g_next_frame_id++;
  if (!failures.empty()) {
    std::string text = "Recompiling function " + fn->name + " in " + where(*fn) +
                       "\n    triggered by the following guard failure(s):\n";
    for (const std::string& f : failures) text += f + "\n";
    common::record_artifact("recompiles", text);
  }
  auto entry = std::make_shared<Entry>();
  try {
    entry->frame = capture_frame(*fn, locals);
  } catch (const Unsupported& u) {
    if (of.fullgraph) raise_unsupported(u);
    common::record_artifact("graph_breaks", "Graph break in user code at " + where(*fn) +
                                                "\nGraph Break Reason: " + u.info().gb_type +
                                                "\nUser code traceback:\n" + u.user_stack());
    of.run_eagerly = true;
    return native::call(of.fn, std::vector<Value>(args.pos, args.pos + args.npos));
  }
  // Dynamo logs the graph and guards before the backend compiles it.
  log_compiled(of, entry->frame, of.entries.size());
  if (entry->frame.module)
    entry->run = compile_with_backend(of.backend, entry->frame.module, entry->frame.example_inputs);
  of.entries.push_back(entry);
  return run_entry(*entry, locals, globals);
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

Value make_optimized(Value fn, Value backend, bool fullgraph) {
  auto of = std::make_shared<OptimizedFunction>();
  of->fn = std::move(fn);
  of->backend = std::move(backend);
  of->fullgraph = fullgraph;
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
  if (!p[2].is_none() && lang::truthy(p[2]))
    native::raise_error(lang::types::NotImplementedError,
                        "torch.compile(dynamic=True) needs symbolic shapes, which bwhop's dynamo "
                        "does not have yet");
  if (lang::truthy(p[6]))
    return p[0].is_none()
               ? lang::new_builtin(
                     "compile", [](const lang::Args& a) { return a.npos ? a[0] : native::none(); })
               : p[0];
  if (p[0].is_none())
    return lang::new_builtin("compile", [backend, fullgraph](const lang::Args& a) {
      auto q = native::bind_args(a, "compile", {{"model"}});
      return make_optimized(q[0], backend, fullgraph);
    });
  return make_optimized(p[0], backend, fullgraph);
}

} // namespace bwhop::dynamo
