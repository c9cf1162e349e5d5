// Call targets of call_function nodes. A Target says how generated code prints
// it (operator template, in-place template, dotted torch name or mangled global),
// which name a node calling it gets by default, and carries an opaque pointer a
// higher layer uses to execute it. Targets live for the whole process; the
// factories intern them so one Python object is one Target, except
// `fresh_function_target`, which models a new closure object per call.
#pragma once

#include <string>
#include <string_view>

#include "core/fx/global_ref.h"

namespace bwhop::fx {

enum class OperatorForm : unsigned char {
  None,    // printed through its global name: `name(args)`
  Magic,   // `_operator` function with an infix/indexing template: `a * b`, `a[b]`
  InPlace, // `_operator` in-place function: `a += b;  iadd = a`
};

class Target {
public:
  explicit Target(GlobalRef ref, const void* impl = nullptr);

  const GlobalRef& ref() const { return ref_; }
  std::string_view module() const { return ref_.module; }
  std::string_view python_name() const { return ref_.name; }
  const std::string& qualified_name() const { return qualified_name_; }
  bool prints_qualified() const { return prints_qualified_; }
  const std::string& pretty_name() const { return pretty_name_; }

  OperatorForm operator_form() const { return form_; }
  // `{} * {}`-style template for Magic and InPlace forms.
  std::string_view operator_template() const { return template_; }

  // Graph._target_to_str: snake-cased `__name__` (`mul`, `accumulate_grad`,
  // `mul.tensor` for aten.mul.Tensor, which the name space then sanitizes).
  const std::string& default_node_name() const { return default_node_name_; }
  // For aten-style overloads, the packet name make_fx names nodes after (`mul`);
  // empty for other targets.
  const std::string& overload_packet() const { return overload_packet_; }

  const void* impl() const { return impl_; }
  void set_impl(const void* impl) const { impl_ = impl; }
  bool side_effectful() const { return side_effectful_; }
  void set_side_effectful(bool value) const { side_effectful_ = value; }

private:
  GlobalRef ref_;
  std::string qualified_name_;
  std::string pretty_name_;
  std::string default_node_name_;
  std::string overload_packet_;
  std::string_view template_;
  OperatorForm form_ = OperatorForm::None;
  bool prints_qualified_ = false;
  mutable const void* impl_;
  mutable bool side_effectful_ = false;
};

// `operator.<name>` (module `_operator`): mul, add, getitem, iadd, setitem, not_, ...
const Target* operator_target(std::string_view name, const void* impl = nullptr);
// `builtins.<name>` itself: getattr, len, ...
const Target* builtin_target(std::string_view name, const void* impl = nullptr);
// `torch.ops.<ns>.<name>.<overload>` (an OpOverload; module `torch._ops.<ns>`).
const Target* aten_target(std::string_view ns, std::string_view name, std::string_view overload,
                          const void* impl = nullptr);
// `torch.ops.higher_order.<name>` (a HigherOrderOperator).
const Target* higher_order_target(std::string_view name, const void* impl = nullptr);
// A module-level function, one object per (module, name).
const Target* global_function_target(std::string_view module, std::string_view name,
                                     const void* impl = nullptr);
// A method descriptor of torch.Tensor, printed `torch.Tensor.<name>`.
const Target* tensor_method_target(std::string_view name, const void* impl = nullptr);
// A new function object every call (a local closure such as trace_wrapped's
// `self_invoke`): same printed name, distinct identity in the print name space.
const Target* fresh_function_target(std::string_view module, std::string_view name,
                                    const void* impl = nullptr);

} // namespace bwhop::fx
