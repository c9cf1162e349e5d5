#include "core/autograd/node.h"

#include <atomic>

namespace bwhop::autograd {

namespace {
std::atomic<uint64_t> g_sequence{0};
}

uint64_t next_sequence_nr() {
  return g_sequence.fetch_add(1, std::memory_order_relaxed);
}

namespace {
thread_local std::vector<std::shared_ptr<Node>> t_pending_release;
thread_local bool t_draining = false;
} // namespace

void release_node(std::shared_ptr<Node>&& node) {
  if (!node) return;
  if (node.use_count() > 1) {
    node.reset();
    return;
  }
  t_pending_release.push_back(std::move(node));
  if (t_draining) return;
  t_draining = true;
  while (!t_pending_release.empty()) {
    std::shared_ptr<Node> last = std::move(t_pending_release.back());
    t_pending_release.pop_back();
    last.reset(); // may queue more nodes; they are freed by this loop
  }
  t_draining = false;
}

Node::~Node() {
  for (Edge& e : next_edges_) release_node(std::move(e.function));
}

Node::Node() : sequence_nr_(next_sequence_nr()) {}
Node::Node(uint64_t sequence_nr) : sequence_nr_(sequence_nr) {}

uint32_t Node::add_input_metadata(const Tensor& t) {
  input_metadata_.emplace_back(t);
  return static_cast<uint32_t>(input_metadata_.size() - 1);
}

} // namespace bwhop::autograd
