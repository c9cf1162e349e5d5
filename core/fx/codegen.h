// Python source generation for a graph (Graph.python_code / CodeGen), the text
// behind GraphModule.code and print_readable. One pass over the nodes writes
// straight into the output buffer; last uses come from one backward pass.
#pragma once

#include <string>
#include <string_view>

namespace bwhop::fx {

class Graph;

struct CodegenOptions {
  bool verbose = false;        // print_readable: value annotations and stack-trace comments
  bool include_stride = false; // `f32[4][1]`
  bool include_device = false; // `f32[4]cpu`
};

// `graph.python_code(root_module="self").src`: "\n\n\ndef forward(self, ...):\n    ...".
std::string python_code(const Graph& graph, const CodegenOptions& options = {});

// Appends the `def forward(...)` block with every line prefixed by `indent` and
// body lines by `indent` plus four spaces, ending (as FX's text does) with a
// newline followed by the body indentation.
void append_forward(std::string& out, const Graph& graph, const CodegenOptions& options,
                    std::string_view indent);

} // namespace bwhop::fx
