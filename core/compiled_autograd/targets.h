// The FX call targets of compiled-autograd graphs, each printed the way PyTorch
// prints the Python object it stands for (module + __name__, mangled by codegen).
#pragma once

#include <string_view>

#include "core/fx/target.h"

namespace bwhop::aot {
struct AotArtifacts;
}

namespace bwhop::compiled_autograd {

inline constexpr const char* kExternalUtilsModule = "torch._dynamo.external_utils";

const fx::Target* getitem_target();
const fx::Target* add_target(); // torch.add, for input-buffer accumulation
const fx::Target* unwrap_maybe_dynamic_int_target();
const fx::Target* call_hook_target();
const fx::Target* call_accumulate_grad_target();
const fx::Target* final_callbacks_stub_target();
const fx::Target* validate_outputs_target();
// ops.<NodeName> (one interned target per backward node name).
const fx::Target* functional_backward_target(std::string_view node_name);
// A fresh call_aot_bwd_prologue per AOT node; impl() points at its artifacts.
const fx::Target* aot_prologue_target(const aot::AotArtifacts* artifacts);
const aot::AotArtifacts* prologue_artifacts(const fx::Target* target); // null for other targets

} // namespace bwhop::compiled_autograd
