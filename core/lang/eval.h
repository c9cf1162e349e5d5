// Internal interface between the object protocols and the evaluator.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/lang/function.h"
#include "core/lang/runtime.h"

namespace bwhop::lang {

// Calls a user function (binds arguments, runs the body in a new frame).
Value call_function(Function* f, const Args& args);

// Runs statements [begin, end) of a def's body in a new frame of `f` whose
// local slots start as `locals` (Null: unbound) and end as the frame left them.
// Dynamo's resume functions: the code after a graph break runs on the values
// the graph computed. Returns true (and the value) when the slice returned.
// `f` must own no cells (its locals all live in slots).
bool run_body_slice(Function* f, size_t begin, size_t end, std::vector<Value>& locals,
                    Value& result);

// A new function object for a def or lambda of `home`'s file (dynamo rebuilding
// a function whose creation it traced): `home`'s globals, the given defaults
// (kwdefaults: Null when required) and closure cells; qualname under `home`.
Value make_function_object(const Function& home, const FunctionDef* def, const Lambda* lambda,
                           const std::string& name, std::vector<Value> defaults,
                           std::vector<Value> kwdefaults, std::vector<Ref<Cell>> closure);

// Resolves names in a parsed file (fills ScopeInfo/VarRef resolver fields).
void resolve_file(ParsedFile& file);

// Runs a resolved module body with `globals` as its namespace.
void exec_module(const std::shared_ptr<ParsedFile>& file, const Ref<DictObj>& globals);

// The value of a literal (strings interned per literal text). Shared with dynamo's
// symbolic evaluator, which must see literals exactly as the evaluator does.
Value const_value(const Constant* c);

// Calls f with self prepended to args.
Value call_with_self(const Value& f, const Value& self, const Args& args);

// Set of built-in functions bound into the builtins namespace.
void install_builtins(DictObj* builtins);

// Records a built-in module builder (sys, math, functools, ...).
void install_builtin_modules();

// The `type(...)` of a class body result: makes a class object.
Value make_class(const std::string& name, std::vector<Value> bases, const Ref<DictObj>& ns,
                 const std::string& module);

// The docstring of a def/class body, or None.
Value docstring_of(Span<Stmt*> body);

// Binds `**kwargs`-style dicts and `*args` when building calls.
Str* as_str_key(const Value& v); // nullptr when v is not a str

} // namespace bwhop::lang
