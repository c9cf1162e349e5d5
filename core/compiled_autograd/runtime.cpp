#include "core/compiled_autograd/runtime.h"

#include <stdexcept>
#include <string>
#include <unordered_map>

#include "core/aot/compiled_function.h"
#include "core/autograd/engine.h"
#include "core/autograd/errors.h"
#include "core/autograd/graph_root.h"
#include "core/common/artifacts.h"
#include "core/compiled_autograd/build_graph.h"
#include "core/compiled_autograd/cache_key.h"
#include "core/compiled_autograd/collect.h"
#include "core/compiled_autograd/graph_module_object.h"
#include "core/compiled_autograd/ops.h"
#include "core/compiled_autograd/targets.h"
#include "core/fx/normalize.h"
#include "core/tensor/dispatcher.h"
#include "core/torch/tensor_object.h"

namespace bwhop::compiled_autograd {

namespace native = lang::native;
using lang::Value;
using tensor::Tensor;

struct CacheEntry {
  Value compiled;
  std::vector<int> used_sizes;
};

struct RuntimeState {
  std::vector<Value> compilers; // the _enable stack
  std::unordered_map<std::string, CacheEntry> cache;
  int64_t compiled_count = 0; // CompiledAutograd<n>
};

namespace {

lang::Type* state_type() {
  static lang::Type* t = native::define_type("_CompiledAutogradState", kCompiledAutogradModule);
  return t;
}

RuntimeState& state() {
  Value m = native::import_module(kCompiledAutogradModule);
  auto* s = native::native_cast<RuntimeState>(native::get_attr(m, "_state"));
  if (s == nullptr) throw std::logic_error("torch._dynamo.compiled_autograd._state is missing");
  return *s;
}

lang::Type* ctx_type() {
  static lang::Type* t = native::define_type("CompiledFunctionBackward",
                                             "torch._functorch._aot_autograd.runtime_wrappers");
  return t;
}

Value hook_value(const HookEntry& h) {
  if (h.aot_node) {
    Value ctx = native::make_native(ctx_type(), 0);
    const auto& n = static_cast<const aot::CompiledFunctionBackward&>(*h.aot_node);
    native::set_attr(ctx, "_aot_id", native::make_int(n.aot_id()));
    return ctx;
  }
  return std::any_cast<Value>(h.payload);
}

CacheEntry compile(RuntimeState& st, const Collection& c, const Value& compiler_fn) {
  CapturedGraph cg = build_graph(c);
  auto module = std::make_shared<fx::GraphModule>(
      cg.graph, "CompiledAutograd" + std::to_string(st.compiled_count++));
  if (common::current_artifact_log() != nullptr) // the text only for a reader
    common::record_artifact("compiled_autograd", fx::normalize_gm(module->print_readable(false)));
  // One call_aot_bwd_prologue object per AOT node of this graph.
  std::unordered_map<const aot::AotArtifacts*, std::shared_ptr<const aot::AotArtifacts>> owners;
  for (const CollectedNode& n : c.nodes) {
    if (n.kind != NodeKind::AotBackward) continue;
    const auto& aot_node = static_cast<const aot::CompiledFunctionBackward&>(*n.node);
    owners.emplace(&aot_node.artifacts(), aot_node.shared_artifacts());
  }
  TargetValues locals;
  for (const fx::Node* n : cg.graph->nodes()) {
    if (const aot::AotArtifacts* a = prologue_artifacts(n->function()))
      locals.emplace(n->function(), make_aot_prologue(owners.at(a)));
  }
  Value gm = make_graph_module_object(module, locals);
  // set_locals_to_steal(gm, ["inputs"]): dynamo takes the inputs list as one graph input.
  native::set_attr(gm, "meta",
                   native::make_dict({{native::make_str("locals_to_steal"),
                                       native::make_list({native::make_str("inputs")})}}));
  return CacheEntry{native::call(compiler_fn, {gm}), std::move(cg.used_sizes)};
}

// A used size: `torch.empty(0, v)` marked maybe-dynamic on dim 1 when positive
// (the only way to pass an int that dynamo treats as dynamic), else the int.
Value size_argument(int64_t v) {
  if (v <= 0) return native::make_int(v);
  Value t = torchmod::wrap_tensor(Tensor::empty({0, v}, tensor::ScalarType::Float));
  Value dynamo = native::import_module("torch._dynamo");
  Value mark = native::get_attr_or_null(dynamo, "maybe_mark_dynamic");
  if (!mark.is_null()) native::call(mark, {t, native::make_int(1)});
  return t;
}

void install_engine_entry() {
  autograd::set_compiled_autograd(run_compiled_backward);
}

} // namespace

Value make_runtime_state() {
  return native::make_native(state_type(), RuntimeState{});
}

void push_compiler(const Value& compiler_fn) {
  state().compilers.push_back(compiler_fn);
  install_engine_entry();
}

void pop_compiler() {
  RuntimeState& st = state();
  if (!st.compilers.empty()) st.compilers.pop_back();
  if (st.compilers.empty()) autograd::set_compiled_autograd({});
}

void reset_cache() {
  state().cache.clear();
}

bool suspend_engine_entry() {
  bool was = autograd::compiled_autograd_enabled();
  autograd::set_compiled_autograd({});
  return was;
}

void resume_engine_entry(bool was_installed) {
  if (was_installed && !state().compilers.empty()) install_engine_entry();
}

std::vector<Tensor> run_compiled_backward(const std::shared_ptr<autograd::Node>& graph_root,
                                          bool accumulate_grad,
                                          const std::vector<autograd::Edge>& output_edges,
                                          bool keep_graph) {
  RuntimeState& st = state();
  if (!accumulate_grad || !output_edges.empty() || st.compilers.empty()) {
    // torch.autograd.grad and backward(inputs=...) run on the eager engine, as
    // does a backward reaching a stale entry (a run that ended inside _enable).
    const auto& root = static_cast<const autograd::GraphRoot&>(*graph_root);
    return autograd::execute(root.next_edges(), root.outputs(), keep_graph,
                             tensor::grad_mode_enabled(), accumulate_grad, output_edges);
  }
  Value compiler_fn = st.compilers.back();
  Collection c = collect(graph_root);
  for (const CollectedNode& n : c.nodes)
    if (n.node->saved_variables_freed()) throw std::runtime_error(autograd::errors::kBackwardTwice);
  std::string key = cache_key(c);
  auto it = st.cache.find(key);
  if (it == st.cache.end()) it = st.cache.emplace(key, compile(st, c, compiler_fn)).first;
  const CacheEntry& entry = it->second;

  std::vector<Value> inputs, sizes, hooks;
  inputs.reserve(c.inputs.size());
  for (const Tensor& t : c.inputs) inputs.push_back(torchmod::wrap_tensor(t));
  for (int i : entry.used_sizes)
    sizes.push_back(size_argument(c.sizes.at(static_cast<std::size_t>(i))));
  for (const HookEntry& h : c.hooks) hooks.push_back(hook_value(h));
  Value compiled = entry.compiled; // the cache may change while the graph runs
  native::call(compiled,
               {native::make_list(std::move(inputs)), native::make_list(std::move(sizes)),
                native::make_list({}), native::make_list(std::move(hooks)), native::make_list({})});
  if (!keep_graph) // as the engine does after a backward without retain_graph
    for (const CollectedNode& n : c.nodes) n.node->release_variables();
  return {};
}

} // namespace bwhop::compiled_autograd
