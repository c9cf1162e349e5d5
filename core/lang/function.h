// User-defined functions (def and lambda) and the per-scope facts the
// resolver computes for the evaluator.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/lang/ast.h"
#include "core/lang/object.h"

namespace bwhop::lang {

// Resolver output for one function/lambda/class/module scope, hung on
// ScopeInfo::extra.
struct ScopeExtra {
  int32_t num_locals = 0;
  int32_t num_cells = 0; // cells owned by this scope
  int32_t num_frees = 0; // cells captured from the enclosing scope
  // For each owned cell: the parameter's local slot it is initialised from, or -1.
  std::vector<int32_t> cell_from_param;
  // For each free variable: its index in the enclosing frame's cell array
  // (owned cells first, then frees).
  std::vector<int32_t> free_source;
  // Parameters in order: posonly+args, kwonly; their local slots (-1 when the
  // parameter lives in a cell: then cell_from_param names it).
  int32_t nposargs = 0, nkwonly = 0;
  int32_t vararg_slot = -1, kwarg_slot = -1; // local slots; -1 when absent
  std::vector<Str*> param_names;             // posargs then kwonly
  std::vector<Str*> local_names;             // by slot, for UnboundLocalError
  std::vector<Str*> cell_names;              // owned cells then frees
  bool has_super_call = false;
};

// A function object made by `def` or `lambda`.
struct Function : Instance {
  const FunctionDef* def = nullptr; // nullptr for a lambda
  const Lambda* lambda = nullptr;   // nullptr for a def
  const Arguments* params = nullptr;
  const ScopeExtra* scope = nullptr;
  std::shared_ptr<ParsedFile> file;
  Ref<DictObj> globals;
  std::vector<Value> defaults;   // aligned to the end of the positional parameters
  std::vector<Value> kwdefaults; // per keyword-only parameter; Null when required
  std::vector<Ref<Cell>> closure;
  std::string name, qualname, module;
  Type* owner_class = nullptr; // the class whose body defined it (for super())
  explicit Function(Type* t) : Instance(t) {}
  void clear_refs() override {
    Instance::clear_refs();
    globals = nullptr;
    defaults.clear();
    kwdefaults.clear();
    closure.clear();
  }
};

} // namespace bwhop::lang
