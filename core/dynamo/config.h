// torch._dynamo.config and torch._functorch.config: modules of settings whose
// `patch(**changes)` (or `patch(name, value)`) works as a context manager and
// as a decorator, restoring the previous values on exit, as PyTorch's
// ConfigModule.patch does. Unknown names raise AttributeError.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/lang/native.h"

namespace bwhop::dynamo {

// Fills `module` with `defaults` and a `patch` function.
void build_config_module(const lang::Value& module,
                         const std::vector<std::pair<std::string, lang::Value>>& defaults);

} // namespace bwhop::dynamo
