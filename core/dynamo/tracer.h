// The symbolic evaluator behind capture_frame (private to core/dynamo): one
// Tracer per capture, one SymFrame per function being run (the root and every
// inlined call), the builder that turns real values into trackers with
// sources, and the graph it records into.
#pragma once

#include <map>
#include <memory>
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

class Tracer {
public:
  Tracer(const lang::Function& fn, const FrameLocals& locals);
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

  // ---- calls, attributes, operators (tracer_calls.cpp)
  VarPtr call(SymFrame& f, const VarPtr& fn, std::vector<VarPtr> args, std::vector<KwVar> kwargs);
  VarPtr inline_function(SymFrame& f, const VarPtr& fn, const std::vector<VarPtr>& args,
                         const std::vector<KwVar>& kwargs);
  VarPtr make_nested_function(SymFrame& f, const lang::Arguments* params,
                              const lang::ScopeInfo& scope, std::string name,
                              const lang::FunctionDef* def, const lang::Lambda* lambda);
  VarPtr get_attr(SymFrame& f, const VarPtr& obj, const std::string& name);
  void set_attr(SymFrame& f, const VarPtr& obj, const std::string& name, const VarPtr& value);
  VarPtr binary(SymFrame& f, lang::BinOpKind op, const VarPtr& a, const VarPtr& b, bool inplace);
  VarPtr call_builtin(SymFrame& f, const VarPtr& fn, const std::vector<VarPtr>& args,
                      const std::vector<KwVar>& kwargs);
  // Emits a tensor op node; `run` computes the example value from fake arguments.
  VarPtr emit_tensor_op(SymFrame& f, fx::OpKind kind, const fx::Target* target,
                        const std::string& method, tracing::CallablePtr callable,
                        const std::vector<VarPtr>& args, const std::vector<KwVar>& kwargs,
                        const Value& real_callable);

  // ---- the builder and graph inputs (tracer.cpp)
  VarPtr wrap(const Value& v, SourcePtr source);
  VarPtr realize_tensor(const Value& v, SourcePtr source);
  void store_hint(const VarPtr& v, const std::string& name);
  [[noreturn]] void unsupported(SymFrame& f, GraphBreakInfo info);
  const std::string& user_stack(SymFrame& f) const;
  Rebuild rebuild_of(SymFrame& f, const VarPtr& v);

  // State read by the other files.
  const lang::Function& root_fn_;
  const FrameLocals& frame_locals_;
  Value root_globals_;
  std::shared_ptr<fx::Graph> graph_;
  std::shared_ptr<tracing::FakeMode> fake_mode_;
  fx::Node* last_placeholder_ = nullptr;
  std::unordered_set<std::string> input_targets_;
  std::unordered_map<std::string, VarPtr> by_source_;
  struct Input {
    fx::Node* node;
    SourcePtr source;
    tensor::Tensor real;
  };
  std::vector<Input> inputs_;
  GuardSet guards_;
  std::map<std::pair<const lang::Object*, std::string>, size_t> mutation_index_;
  struct PendingEffect {
    SideEffect::Kind kind;
    VarPtr target, value;
    std::string attr;
  };
  std::vector<PendingEffect> hooks_, mutations_;
  std::vector<fx::Node*> outputs_;
  std::unordered_map<const fx::Node*, int> output_index_;
  Value trace_wrapped_fn_;
  int depth_ = 0;
};

} // namespace bwhop::dynamo
