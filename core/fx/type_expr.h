// `node.type`: the Python type FX prints as a plain annotation (` : list`,
// `L_x_ : torch.Tensor`). Interned like targets: one object per type.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/fx/global_ref.h"

namespace bwhop::fx {

struct TypeExpr {
  GlobalRef ref;                     // `__module__` / `__name__` of the class
  std::vector<const TypeExpr*> args; // generic arguments: list[int] -> {int}
};

// A builtin class: list, int, tuple, ...
const TypeExpr* builtin_type(std::string_view name);
// A class from a module: ("torch", "Tensor") for torch.Tensor.
const TypeExpr* class_type(std::string_view module, std::string_view name);
// `origin[args]`.
const TypeExpr* generic_type(const TypeExpr* origin, std::vector<const TypeExpr*> args);

// torch.fx.node._type_repr as used by `print(graph)`: builtins print their name,
// others `module.name`.
std::string plain_type_repr(const TypeExpr& type);

} // namespace bwhop::fx
