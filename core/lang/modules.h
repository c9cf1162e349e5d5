// The module registry: native modules (C++ builders), source modules (text in
// the scenario language) and the import machinery.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "core/lang/runtime.h"

namespace bwhop::lang {

struct ModuleRegistry {
  std::map<std::string, std::function<void(const Value&)>> natives;
  std::map<std::string, std::string> sources;
};

ModuleRegistry& module_registry();

// Imports `dotted` (loading parents first) and returns the module itself.
Value import_module(const std::string& dotted);
// Creates a module object with a fresh namespace (not registered in sys.modules).
Value new_module(const std::string& name);
// Runs a file's text as module `name`, registered in sys.modules before running.
Value load_source_module(const std::string& name, const std::string& path,
                         const std::string& source);

// Registers the built-in modules (sys, math, functools, itertools, os, ...).
void register_builtin_modules();

} // namespace bwhop::lang
