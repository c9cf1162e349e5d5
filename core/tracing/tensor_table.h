// Tensor id → fx node, the proxy mode's side table. Tensor ids come from one
// global counter, so the tensors a trace creates have nearly consecutive ids:
// those go to a vector indexed by (id - first id), which stays in cache and costs
// 8 bytes per tensor; older tensors (inputs, constants) go to a hash map.
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace bwhop::fx {
class Node;
}

namespace bwhop::tracing {

class TensorTable {
public:
  TensorTable();

  void set(uint64_t id, fx::Node* node);
  fx::Node* get(uint64_t id) const; // null when absent

private:
  uint64_t base_;
  std::vector<fx::Node*> dense_;
  std::unordered_map<uint64_t, fx::Node*> sparse_;
};

} // namespace bwhop::tracing
