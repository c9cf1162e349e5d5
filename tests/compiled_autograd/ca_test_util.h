// Helpers for compiled-autograd tests: an AOT-compiled `x <op> y` (as the
// aot_eager backend would produce it), a GraphRoot over an output, and a
// tensor hook carrying a payload the way the script binding attaches one.
#pragma once

#include <any>
#include <memory>
#include <string>
#include <vector>

#include "core/aot/aot_autograd.h"
#include "core/autograd/autograd_kernel.h"
#include "core/autograd/graph_root.h"
#include "core/autograd/variable.h"
#include "tests/aot/aot_test_util.h"

namespace bwhop::compiled_autograd::testing {

using aot::testing::leaf;
using aot::testing::T;
using tensor::Tensor;

// aot_module_simplified over dynamo's `x <op> y` graph, with the given AOT id.
inline std::shared_ptr<aot::AotCompiledFunction>
aot_binary(const std::string& python_name, const std::string& aten, int64_t aot_id) {
  autograd::install();
  auto gm = aot::testing::binary_dynamo_graph(python_name, aten, 2);
  Tensor ex = leaf({0.5, 0.5}), ey = leaf({0.5, 0.5});
  return aot::aot_module_simplified(*gm, {ex, ey}, aot_id);
}

// The GraphRoot compiled autograd receives for `out.backward(grad)`.
inline std::shared_ptr<autograd::Node> graph_root(const std::vector<Tensor>& outs,
                                                  const std::vector<Tensor>& grads) {
  std::vector<autograd::Edge> edges;
  for (const Tensor& o : outs) edges.push_back(autograd::gradient_edge(o));
  return std::make_shared<autograd::GraphRoot>(edges, grads);
}

// A hook whose payload stands for the script callable.
inline void hook_with_payload(const Tensor& t, std::any payload) {
  autograd::RemovableHandle h =
      autograd::register_hook(t, [](const Tensor&) -> std::optional<Tensor> { return {}; });
  autograd::tensor_hooks(t)->set_payload(h.id(), std::move(payload));
}

// The generated code with FX's `;  a = b = None` deletions dropped, one
// statement per line (the names and order are what dynamo re-traces).
inline std::string statements(const std::string& code) {
  std::string out;
  std::size_t pos = 0;
  while (pos < code.size()) {
    std::size_t end = code.find('\n', pos);
    if (end == std::string::npos) end = code.size();
    std::string line = code.substr(pos, end - pos);
    if (auto semi = line.find(";  "); semi != std::string::npos) line.resize(semi);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    if (!line.empty()) out += line + "\n";
    pos = end + 1;
  }
  return out;
}

} // namespace bwhop::compiled_autograd::testing
