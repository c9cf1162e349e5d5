// C++ source for lowered kernels and the text of the wrapper that calls them, in
// the layout of inductor's output code (kernels in `async_compile.cpp` blocks, then
// `def call(args)`). All text is deterministic: no paths, hashes or timestamps.
#pragma once

#include <string>

#include "core/inductor/loop_ir.h"

namespace bwhop::inductor {

// One kernel as an `extern "C"` function with typed pointer parameters, declared
// under the placeholder name `kernel` as inductor's output code shows it.
std::string kernel_source(const Kernel& kernel);
// Names kernels as inductor's cpp backend does: `cpp_` + fused name + a counter
// that only advances for a source not seen before in this graph (identical
// kernels share one name and one compiled function).
void assign_kernel_names(LoweredGraph& lowered);
// The symbol of the kernel's untyped entry point: `void entry(void* const* args)`,
// args being in_ptr0.., out_ptr0.. in order.
std::string entry_symbol(const Kernel& kernel);
// The translation unit compiled for a graph: includes, every kernel, entry points.
std::string module_source(const LoweredGraph& lowered);
// The `output_code` artifact: kernels plus the call(args) wrapper.
std::string output_code(const LoweredGraph& lowered);

} // namespace bwhop::inductor
