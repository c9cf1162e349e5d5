// Python source generation for a graph (Graph.python_code / CodeGen), the text
// behind GraphModule.code and print_readable. One pass over the nodes writes
// straight into the output buffer; last uses come from one backward pass.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bwhop::fx {

class Graph;

class Target;

// A name the generated code uses for a call target that is not spelled dotted
// (`torch__dynamo_external_utils_call_hook`): what the code's globals must bind.
struct CodeGlobalName {
  std::string name;
  const Target* target;
};

struct CodegenOptions {
  bool verbose = false;        // print_readable: value annotations and stack-trace comments
  bool include_stride = false; // `f32[4][1]`
  bool include_device = false; // `f32[4]cpu`
  // When set, receives each call target's global name, in first-use order.
  std::vector<CodeGlobalName>* globals = nullptr;
};

// `graph.python_code(root_module="self").src`: "\n\n\ndef forward(self, ...):\n    ...".
std::string python_code(const Graph& graph, const CodegenOptions& options = {});

// Appends the `def forward(...)` block with every line prefixed by `indent` and
// body lines by `indent` plus four spaces, ending (as FX's text does) with a
// newline followed by the body indentation.
void append_forward(std::string& out, const Graph& graph, const CodegenOptions& options,
                    std::string_view indent);

} // namespace bwhop::fx
