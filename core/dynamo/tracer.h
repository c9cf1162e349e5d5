// The symbolic evaluator behind capture_frame (private to core/dynamo): one
// Tracer per capture, one SymFrame per function being run (the root and every
// inlined call), the builder that turns real values into trackers with
// sources, and the graph it records into.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/dynamo/capture.h"
#include "core/dynamo/unsupported.h"
#include "core/dynamo/variables.h"
#include "core/fx/target.h"
#include "core/lang/ast.h"
#include "core/tracing/callable_target.h"
#include "core/tracing/fake_mode.h"
#include "core/tracing/shape_env.h"

namespace bwhop::dynamo {

struct SymFrame {
  const lang::Function* fn = nullptr; // the real function whose file and globals this code uses
  const lang::ScopeExtra* scope = nullptr;
  std::string name; // the code's name (fn's, or a nested def's / "<lambda>")
  VarPtr fn_var;    // the tracker of the function (for closure sources)
  std::vector<VarPtr> locals;
  std::vector<Value> pending;                 // root frame: arguments not yet realised
  std::vector<std::shared_ptr<VarPtr>> cells; // owned cells, then free variables
  std::vector<Value> pending_cells;           // free variables not yet realised
  SymFrame* parent = nullptr;
  int line = 0;
  VarPtr retval;
  // The user stack of the callers (fixed while this frame runs) and this
  // frame's full stack for `stack_line`, so each node costs O(1) to annotate.
  std::string caller_stack;
  int stack_line = -1;
  std::string stack;
};

struct KwVar {
  std::string name;
  VarPtr value;
};

// `operator.<name>` of a binary operator (torch.fx's magic methods): add, mul, truediv, ...
const char* binary_operator_name(lang::BinOpKind op);

// Local slots of `fn` that its body reads or writes from statement `first_stmt` on.
std::vector<bool> locals_used_from(const lang::Function& fn, size_t first_stmt);

class Tracer {
public:
  Tracer(const lang::Function& fn, const FrameLocals& locals, const CaptureOptions& options);
  CapturedFrame run();

  // ---- statements and expressions (tracer_eval.cpp)
  enum class Flow { Normal, Return, Break, Continue };
  Flow exec_block(SymFrame& f, lang::Span<lang::Stmt*> body);
  Flow exec(SymFrame& f, const lang::Stmt* s);
  VarPtr eval(SymFrame& f, const lang::Expr* e);
  void assign(SymFrame& f, const lang::Expr* target, const VarPtr& value);
  void assign_name(SymFrame& f, const lang::VarRef& ref, const VarPtr& value);
  VarPtr load_name(SymFrame& f, const lang::Name* n);
  bool truth(SymFrame& f, const VarPtr& v);

  // ---- `with` and grad mode (tracer_eval.cpp)
  Flow exec_with(SymFrame& f, const lang::With* w);
  Flow exec_with_managers(SymFrame& f, const lang::With* w, VarPtr first);
  // torch.no_grad() / enable_grad() objects: the mode they set, else nullopt.
  std::optional<bool> grad_mode_of(const VarPtr& ctx) const;
  // Records a grad-mode change as a `torch._C._set_grad_enabled` node and
  // applies it to the example runs.
  void set_grad_enabled(SymFrame& f, bool enabled);

  // ---- calls and operators (tracer_calls.cpp)
  VarPtr call(SymFrame& f, const VarPtr& fn, std::vector<VarPtr> args, std::vector<KwVar> kwargs);
  VarPtr inline_function(SymFrame& f, const VarPtr& fn, const std::vector<VarPtr>& args,
                         const std::vector<KwVar>& kwargs);
  VarPtr make_nested_function(SymFrame& f, const lang::Arguments* params,
                              const lang::ScopeInfo& scope, std::string name,
                              const lang::FunctionDef* def, const lang::Lambda* lambda);
  VarPtr binary(SymFrame& f, lang::BinOpKind op, const VarPtr& a, const VarPtr& b, bool inplace);
  VarPtr call_builtin(SymFrame& f, const VarPtr& fn, const std::vector<VarPtr>& args,
                      const std::vector<KwVar>& kwargs);
  // A tracker as a node argument, and as the value an example run receives.
  fx::Argument graph_arg(SymFrame& f, const VarPtr& v);
  Value fake_arg(const VarPtr& v);
  // Emits a tensor op node; `run` computes the example value from fake arguments.
  VarPtr emit_tensor_op(SymFrame& f, fx::OpKind kind, const fx::Target* target,
                        const std::string& method, tracing::CallablePtr callable,
                        const std::vector<VarPtr>& args, const std::vector<KwVar>& kwargs,
                        const Value& real_callable);

  // ---- attributes and items (tracer_attrs.cpp)
  VarPtr get_attr(SymFrame& f, const VarPtr& obj, const std::string& name);
  void set_attr(SymFrame& f, const VarPtr& obj, const std::string& name, const VarPtr& value);
  // `container[key] = value`: updates the tracker; for a list or dict that
  // existed before the call, also a side effect replayed after the graph.
  void set_item(SymFrame& f, const VarPtr& container, const VarPtr& key, const VarPtr& value);
  VarPtr call_container_method(SymFrame& f, const VarPtr& m, const std::vector<VarPtr>& args,
                               const std::vector<KwVar>& kwargs);

  // ---- compiled autograd's allow-in-graph ops (tracer_graph_ops.cpp)
  // One node, its list result unpacked into one getitem per element right away.
  VarPtr call_graph_op(SymFrame& f, const VarPtr& op, const std::vector<VarPtr>& args,
                       const std::vector<KwVar>& kwargs);

  // ---- symbolic shapes (tracer_symbolic.cpp)
  // Sizes of a new graph input: symbols under dynamic=True or for marked dims.
  std::vector<tracing::SymLinear> input_dims(const Value& real, const tensor::Tensor& t,
                                             const SourcePtr& source);
  // A SymInt graph input for an int read from `source` (dynamic=True).
  VarPtr realize_symint(const Value& v, SourcePtr source);
  // The node's annotation from its example value and symbolic dims.
  void set_tensor_meta(fx::Node* node, const tensor::Tensor& fake,
                       const std::vector<tracing::SymLinear>& dims);
  // Output dims of an op from its inputs' symbolic dims (matched by hint, with
  // broadcasting from the right); empty when no input is symbolic.
  std::vector<tracing::SymLinear> infer_dims(const std::vector<VarPtr>& args,
                                             const tensor::Tensor& out);
  tracing::SymLinear sym_of(const VarPtr& v); // an int constant or SymInt as an expression
  VarPtr sym_binary(SymFrame& f, lang::BinOpKind op, const VarPtr& a, const VarPtr& b);
  VarPtr sym_var(SymFrame& f, fx::Node* node, const tracing::SymLinear& e);
  // tensor.size(dim) / tensor.size(): constants for static dims, `size` nodes otherwise.
  VarPtr tensor_size(SymFrame& f, const VarPtr& t, const std::vector<VarPtr>& args);
  // guard_int: a SymInt used where a concrete int is needed.
  VarPtr specialize(const VarPtr& v);

  // ---- the builder and graph inputs (tracer.cpp)
  VarPtr wrap(const Value& v, SourcePtr source);
  VarPtr realize_tensor(const Value& v, SourcePtr source);
  // A stolen local list: one `list` graph input whose items are getitem nodes.
  VarPtr realize_stolen_list(const Value& v, SourcePtr source);
  fx::Node* add_placeholder(const std::string& target, const fx::TypeExpr* type = nullptr);
  // A tensor tracker for `node` with the example value `fake` (and sizes of `real`).
  VarPtr tensor_var(fx::Node* node, const tensor::Tensor& fake, Value real, SourcePtr source);
  void store_hint(const VarPtr& v, const std::string& name);
  size_t registration_index(const VarPtr& v) const;
  [[noreturn]] void unsupported(SymFrame& f, GraphBreakInfo info);
  const std::string& user_stack(SymFrame& f) const;
  Rebuild rebuild_of(SymFrame& f, const VarPtr& v);

  // State read by the other files.
  const lang::Function& root_fn_;
  const FrameLocals& frame_locals_;
  const CaptureOptions& options_;
  Value root_globals_;
  std::shared_ptr<fx::Graph> graph_;
  std::shared_ptr<tracing::FakeMode> fake_mode_;
  fx::Node* last_placeholder_ = nullptr;
  std::unordered_set<std::string> input_targets_;
  std::unordered_map<std::string, VarPtr> by_source_;
  struct Input {
    fx::Node* node;
    SourcePtr source;
    Value real;
  };
  std::vector<Input> inputs_;
  GuardSet guards_;
  std::map<std::pair<const lang::Object*, std::string>, size_t> mutation_index_;
  // SideEffects' id_to_variable order: when each pre-existing object was first tracked.
  std::unordered_map<const lang::Object*, size_t> registration_;
  struct PendingEffect {
    SideEffect::Kind kind;
    VarPtr target, value;
    std::string attr;
    Value key;
  };
  std::vector<PendingEffect> hooks_, mutations_;
  std::vector<fx::Node*> outputs_;
  std::unordered_map<const fx::Node*, int> output_index_;
  Value trace_wrapped_fn_;
  std::shared_ptr<tracing::ShapeEnv> shape_env_;
  bool grad_enabled_ = true; // the grad mode the traced code runs under
  struct SymInput {
    fx::Node* node;
    int symbol;
  };
  std::vector<SymInput> sym_inputs_; // size-symbol placeholders (removed when replaced)
  std::unordered_map<int, SourcePtr> symbol_source_; // where each symbol is read from
  struct SizedInput {
    SourcePtr source;
    std::vector<tracing::SymLinear> dims; // tensors; an int input has one "dim": itself
    bool is_int = false;
  };
  std::vector<SizedInput> sized_inputs_;
  // Guards for what the symbolic inputs assumed: dynamic dims unchecked in the
  // tensor guards, specialized ones checked, equalities in one SHAPE_ENV guard.
  void finalize_shape_guards();
  SymFrame* current_frame_ = nullptr; // the frame whose statement is being traced
  int root_stmt_ = -1;                // the body statement of the root frame being traced
  int root_line_ = 0;
  int depth_ = 0;
};

} // namespace bwhop::dynamo
