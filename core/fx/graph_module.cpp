#include "core/fx/graph_module.h"

#include <cstdio>
#include <stdexcept>

namespace bwhop::fx {

GraphModule::GraphModule(std::shared_ptr<Graph> graph, std::string class_name)
    : graph_(std::move(graph)), class_name_(std::move(class_name)) {
  if (!graph_) throw std::invalid_argument("GraphModule needs a graph");
}

void GraphModule::add_child(std::string attribute, std::shared_ptr<GraphModule> child) {
  children_.emplace_back(std::move(attribute), std::move(child));
}

const GraphModule* GraphModule::find_child(std::string_view attribute) const {
  for (const auto& [name, child] : children_)
    if (name == attribute) return child.get();
  return nullptr;
}

std::string GraphModule::code() const {
  return python_code(*graph_);
}

void GraphModule::append_readable(std::string& out, const ReadableOptions& options,
                                  std::string_view indent, std::string_view name) const {
  out += indent;
  out += "class ";
  out += name;
  out += "(torch.nn.Module):\n";
  std::string inner(indent);
  inner += "    ";
  CodegenOptions codegen{true, options.include_stride, options.include_device};
  append_forward(out, *graph_, codegen, inner);
  // "\n".join(["", child...]) indented by four more spaces.
  for (const auto& [attribute, child] : children_) {
    out += '\n';
    child->append_readable(out, options, inner, attribute);
  }
}

std::string GraphModule::print_readable(bool print_output, const ReadableOptions& options) const {
  std::string out;
  append_readable(out, options, "", class_name_);
  if (print_output) {
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fputc('\n', stdout);
  }
  return out;
}

} // namespace bwhop::fx
