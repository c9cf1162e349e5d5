// Turns C++ exceptions from the tensor and autograd layers into the Python
// exceptions PyTorch raises: dimension errors are IndexError, the rest
// RuntimeError. Python exceptions pass through unchanged.
#pragma once

#include <utility>

#include "core/lang/native.h"

namespace bwhop::torchmod {

// Call inside a catch block: rethrows the current exception as a Python one.
[[noreturn]] void rethrow_as_python();

// Runs fn, translating C++ exceptions.
template <class F> decltype(auto) translate_errors(F&& fn) {
  try {
    return std::forward<F>(fn)();
  } catch (...) {
    rethrow_as_python();
  }
}

// A native function whose C++ exceptions become Python exceptions.
lang::NativeFn guarded(lang::NativeFn fn);

} // namespace bwhop::torchmod
