// Higher-order operators (torch._ops.HigherOrderOperator): operators that take
// functions, with one rule per dispatch stage instead of one kernel. A call goes
// Autograd rule (unless autograd is excluded) → the rule registered for the type
// of the innermost dispatch mode, with that mode popped while it runs (as
// py_impl(ModeType) rules run) → the eager rule (CompositeExplicitAutograd) when
// no mode is active. Each HOP is one long-lived descriptor object, so later
// layers (dynamo) can recognise a HOP by identity or by name().
#pragma once

#include <any>
#include <functional>
#include <string>
#include <typeindex>
#include <unordered_map>
#include <vector>

#include "core/tensor/dispatcher.h"
#include "core/tensor/ivalue.h"

namespace bwhop::hop {

using tensor::IValue;

// One call: positional operands plus the HOP's own keyword struct (e.g.
// TraceWrappedKwargs), which its rules any_cast.
struct HopCall {
  std::vector<IValue> args;
  std::any kwargs;
};

class HigherOrderOp {
public:
  using Rule = std::function<IValue(const HigherOrderOp& op, const HopCall& call)>;
  using ModeRule = std::function<IValue(tensor::DispatchMode& mode, const HigherOrderOp& op,
                                        const HopCall& call)>;

  explicit HigherOrderOp(std::string name) : name_(std::move(name)) {}
  HigherOrderOp(const HigherOrderOp&) = delete;
  HigherOrderOp& operator=(const HigherOrderOp&) = delete;

  // str(op): `trace_wrapped`.
  const std::string& name() const { return name_; }

  void set_eager_rule(Rule rule) { eager_ = std::move(rule); }
  void set_autograd_rule(Rule rule) { autograd_ = std::move(rule); }
  template <class Mode> void set_mode_rule(ModeRule rule) {
    mode_rules_[std::type_index(typeid(Mode))] = std::move(rule);
  }

  // op(*args, **kwargs): the full dispatch.
  IValue operator()(const HopCall& call) const;
  // The same with the Autograd stage skipped (torch._C._AutoDispatchBelowAutograd).
  IValue call_below_autograd(const HopCall& call) const;

private:
  std::string name_;
  Rule eager_;
  Rule autograd_;
  std::unordered_map<std::type_index, ModeRule> mode_rules_;
};

// autograd_not_implemented(op, deferred_error=true) as an Autograd rule: runs the
// op below autograd; if grad mode is on and a positional tensor requires grad,
// each floating output is detached, marked requires_grad and routed through a
// node whose backward raises "Autograd not implemented for <op>".
HigherOrderOp::Rule autograd_not_implemented_deferred();

} // namespace bwhop::hop
