// GraphModule.recompile in miniature: turns generated `def forward(self, ...)`
// source (GraphModule::code()) into a real script class, so the graph runs in
// the interpreter and dynamo can trace its forward like any script function.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/lang/native.h"

namespace bwhop::torchmod {

// A name the generated code uses and the object it must refer to.
using CodeGlobal = std::pair<std::string, lang::Value>;

// Builds class `class_name` whose body is `forward_code` (a top-level
// `def forward(self, ...)`) plus `__call__` forwarding to forward. The code's
// module namespace holds `globals` and `torch`; `filename` names it in
// tracebacks. Raises RuntimeError when the code does not parse.
lang::Value class_from_code(const std::string& class_name, const std::string& forward_code,
                            const std::vector<CodeGlobal>& globals, const std::string& filename);

} // namespace bwhop::torchmod
