// Variable trackers: what the capture knows about each value while it runs a
// function symbolically. Tensors are graph nodes with a fake example value;
// everything else mirrors a real Python value (or a container of trackers).
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/dynamo/source.h"
#include "core/fx/node.h"
#include "core/lang/function.h"
#include "core/tracing/sym_linear.h"

namespace bwhop::dynamo {

struct Var;
using VarPtr = std::shared_ptr<Var>;

struct Var {
  enum class Kind : unsigned char {
    Tensor,          // node + fake example value
    Constant,        // None, bool, int, float, str
    Tuple,           // items
    List,            // items
    Dict,            // str keys → items (keys)
    Function,        // a user function (value)
    Partial,         // functools.partial: func, items (args), keys/items (keywords)
    Object,          // an instance of a user class (value)
    Class,           // a class object (value)
    Module,          // a module (value)
    TorchFunction,   // a function of the torch module, traced into the graph (value, attr)
    Builtin,         // a built-in function (value)
    TensorMethod,    // `tensor.attr` bound to self
    Method,          // a user function bound to self
    TraceWrapped,    // torch._dynamo._trace_wrapped_higher_order_op.trace_wrapped
    NestedFunction,  // a def or lambda made while tracing (def/lambda, home, closure, defaults)
    SymInt,          // a symbolic int: node + expression (value: its hint as an int)
    GraphOp,         // an allow-in-graph callable (compiled autograd's ops), value
    ContainerMethod, // `d.get`, `d.keys`, ... of a tracked dict: self, attr
    AtenOp,          // torch.ops.aten.<op>.<overload> (value)
  };

  Kind kind;
  Value value;      // the real value (all kinds that mirror one)
  SourcePtr source; // where it came from; null for values made in the frame

  // Tensor
  fx::Node* node = nullptr;
  Value fake;            // a script tensor without storage
  bool name_set = false; // set_name_hint happened (placeholders: always)
  // Tensor sizes as expressions when the capture has symbolic shapes (empty: the
  // example value's sizes are all static); SymInt: the int's expression.
  std::vector<tracing::SymLinear> dims;
  tracing::SymLinear sym;

  // Containers, partial args, dict values, partial keywords.
  std::vector<VarPtr> items;
  std::vector<std::string> keys; // Dict / Partial keyword names, parallel to kw_items
  std::vector<VarPtr> kw_items;

  // Partial func, bound self.
  VarPtr func;
  VarPtr self;
  std::string attr; // TensorMethod / TorchFunction name

  // NestedFunction: its AST, the real function whose body defines it (file,
  // globals), its closure cells (shared with the defining frame) and defaults
  // (`defaults` aligned to the end of the positional parameters; `kw_defaults`
  // per keyword-only parameter, null when required).
  const lang::FunctionDef* def = nullptr;
  const lang::Lambda* lambda = nullptr;
  const lang::Function* home = nullptr;
  std::vector<std::shared_ptr<VarPtr>> closure;
  std::vector<VarPtr> defaults, kw_defaults;

  explicit Var(Kind k) : kind(k) {}
  bool is_tensor() const { return kind == Kind::Tensor; }
  bool is_constant() const { return kind == Kind::Constant; }
};

VarPtr make_var(Var::Kind kind, Value value = Value(), SourcePtr source = nullptr);
VarPtr constant_var(Value v);

// The VariableTracker class name PyTorch would use (for graph-break contexts).
std::string tracker_class_name(const Var& v);
// type(value).__name__ of the value the tracker stands for.
std::string python_type_name(const Var& v);

} // namespace bwhop::dynamo
