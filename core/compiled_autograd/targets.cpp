#include "core/compiled_autograd/targets.h"

#include <deque>
#include <string>

#include "core/compiled_autograd/ops.h"

namespace bwhop::compiled_autograd {

namespace {

// Tags the prologue targets' impl pointer owner.
const char kPrologueTag = 0;

struct PrologueImpl {
  const char* tag;
  const aot::AotArtifacts* artifacts;
};

} // namespace

const fx::Target* getitem_target() {
  return fx::operator_target("getitem");
}
const fx::Target* add_target() {
  return fx::global_function_target("torch", "add");
}
const fx::Target* unwrap_maybe_dynamic_int_target() {
  return fx::global_function_target(kExternalUtilsModule, "unwrap_maybe_dynamic_int");
}
const fx::Target* call_hook_target() {
  return fx::global_function_target(kExternalUtilsModule, "call_hook");
}
const fx::Target* call_accumulate_grad_target() {
  return fx::global_function_target(kExternalUtilsModule, "call_accumulate_grad");
}
const fx::Target* final_callbacks_stub_target() {
  // A staticmethod: printed through its qualified name.
  return fx::global_function_target(kExternalUtilsModule,
                                    "FakeCompiledAutogradEngine._exec_final_callbacks_stub");
}
const fx::Target* validate_outputs_target() {
  return fx::global_function_target(kOpsModule, "validate_outputs");
}
const fx::Target* functional_backward_target(std::string_view node_name) {
  return fx::global_function_target(kOpsModule, node_name);
}

const fx::Target* aot_prologue_target(const aot::AotArtifacts* artifacts) {
  // Kept for the process's lifetime, like the target that points at it (a
  // deque keeps each element's address while it grows).
  static std::deque<PrologueImpl> impls;
  impls.push_back(PrologueImpl{&kPrologueTag, artifacts});
  return fx::fresh_function_target(kCompiledAutogradModule, "call_aot_bwd_prologue", &impls.back());
}

const aot::AotArtifacts* prologue_artifacts(const fx::Target* target) {
  if (target == nullptr || target->python_name() != "call_aot_bwd_prologue" ||
      target->module() != kCompiledAutogradModule || target->impl() == nullptr)
    return nullptr;
  const auto* impl = static_cast<const PrologueImpl*>(target->impl());
  return impl->tag == &kPrologueTag ? impl->artifacts : nullptr;
}

} // namespace bwhop::compiled_autograd
