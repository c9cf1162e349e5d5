// GraphModule: a graph plus the class name it prints under and the sub-modules
// (higher-order-op bodies) printed after it.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/fx/codegen.h"
#include "core/fx/graph.h"

namespace bwhop::fx {

struct ReadableOptions {
  bool include_stride = false;
  bool include_device = false;
};

class GraphModule {
public:
  explicit GraphModule(std::shared_ptr<Graph> graph, std::string class_name = "GraphModule");

  Graph& graph() { return *graph_; }
  const Graph& graph() const { return *graph_; }
  const std::shared_ptr<Graph>& shared_graph() const { return graph_; }
  const std::string& class_name() const { return class_name_; }

  // Children in insertion order (named_children that have a graph).
  void add_child(std::string attribute, std::shared_ptr<GraphModule> child);
  const std::vector<std::pair<std::string, std::shared_ptr<GraphModule>>>& children() const {
    return children_;
  }
  const GraphModule* find_child(std::string_view attribute) const;

  // GraphModule.code: non-verbose source, starting with three newlines.
  std::string code() const;
  // GraphModule.print_readable(print_output): verbose source in a class wrapper,
  // sub-modules after it; also written to stdout when print_output is set.
  std::string print_readable(bool print_output = true, const ReadableOptions& options = {}) const;
  // Appends this module's readable text at the given indentation (the class
  // line at `indent`), as _print_readable nests sub-modules.
  void append_readable(std::string& out, const ReadableOptions& options, std::string_view indent,
                       std::string_view name) const;

private:
  std::shared_ptr<Graph> graph_;
  std::string class_name_;
  std::vector<std::pair<std::string, std::shared_ptr<GraphModule>>> children_;
};

} // namespace bwhop::fx
