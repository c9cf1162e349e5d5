#include "core/fx/graph.h"

#include <algorithm>
#include <new>
#include <stdexcept>
#include <string>

#include "core/fx/py_format.h"
#include "core/fx/target.h"

namespace bwhop::fx {

namespace {
constexpr std::size_t kNodesPerChunk = 256;

// Graph._target_to_str for string targets: `__getitem__` -> `getitem`, then snake case.
std::string string_target_candidate(std::string_view target) {
  if (target.size() >= 4 && target.substr(0, 2) == "__" && target.substr(target.size() - 2) == "__")
    target = target.substr(2, target.size() - 4);
  return snake_case(target);
}
} // namespace

struct Graph::Chunk {
  alignas(Node) unsigned char bytes[sizeof(Node) * kNodesPerChunk];
  Node* at(std::size_t i) { return reinterpret_cast<Node*>(bytes + i * sizeof(Node)); }
};

Graph::Graph() {
  root_ = new Node(this, UINT32_MAX, OpKind::Root);
  anchor_ = root_;
  insert_before_ = true;
}

Graph::~Graph() {
  for (std::size_t c = 0; c < chunks_.size(); ++c) {
    std::size_t used = c + 1 == chunks_.size() ? chunk_used_ : kNodesPerChunk;
    for (std::size_t i = 0; i < used; ++i) chunks_[c]->at(i)->~Node();
  }
  delete root_;
}

Node* Graph::allocate(OpKind op) {
  if (chunks_.empty() || chunk_used_ == kNodesPerChunk) {
    // Default-initialized: the node bytes are constructed one at a time, so
    // zeroing the whole chunk first would only touch the memory twice.
    chunks_.push_back(std::unique_ptr<Chunk>(new Chunk));
    chunk_used_ = 0;
  }
  Node* n = new (chunks_.back()->at(chunk_used_)) Node(this, next_id_, op);
  ++chunk_used_;
  ++next_id_;
  return n;
}

Use* Graph::allocate_uses(std::size_t count) {
  constexpr std::size_t kUsesPerChunk = 4096;
  if (count > use_chunk_left_) {
    std::size_t size = std::max(kUsesPerChunk, count);
    use_chunks_.push_back(std::make_unique<Use[]>(size));
    use_cursor_ = use_chunks_.back().get();
    use_chunk_left_ = size;
  }
  Use* uses = use_cursor_;
  use_cursor_ += count;
  use_chunk_left_ -= count;
  return uses;
}

void Graph::insert(Node* n) {
  Node* before = insert_before_ ? anchor_ : anchor_->next_;
  Node* p = before->prev_;
  p->next_ = n;
  n->prev_ = p;
  n->next_ = before;
  before->prev_ = n;
  ++size_;
}

Node* Graph::create_node(OpKind op, const Target* fn, std::string_view target_name, Args args,
                         Kwargs kwargs, std::optional<std::string_view> name,
                         const TypeExpr* type) {
  if (op == OpKind::CallFunction && fn == nullptr)
    throw std::invalid_argument("call_function node needs a target");
  if (op == OpKind::Root) throw std::invalid_argument("cannot create a root node");
  Node* n = allocate(op);
  n->function_ = op == OpKind::CallFunction ? fn : nullptr;
  if (op != OpKind::CallFunction) n->target_name_ = strings_.store(target_name);
  n->type_ = type;
  if (name) {
    n->name_ = names_.create_name(*name);
  } else if (op == OpKind::CallFunction) {
    n->name_ = names_.create_name(fn->default_node_name());
  } else {
    n->name_ = names_.create_name(string_target_candidate(target_name));
  }
  n->args_ = std::move(args);
  n->kwargs_ = std::move(kwargs);
  n->link_inputs();
  insert(n);
  return n;
}

Node* Graph::placeholder(std::string_view target, const TypeExpr* type) {
  return create_node(OpKind::Placeholder, nullptr, target, {}, {}, std::nullopt, type);
}

Node* Graph::placeholder_with_default(std::string_view target, Argument default_value,
                                      const TypeExpr* type) {
  Args args;
  args.push_back(std::move(default_value));
  return create_node(OpKind::Placeholder, nullptr, target, std::move(args), {}, std::nullopt, type);
}

Node* Graph::get_attr(std::string_view qualified_name, const TypeExpr* type) {
  return create_node(OpKind::GetAttr, nullptr, qualified_name, {}, {}, std::nullopt, type);
}

Node* Graph::call_function(const Target* fn, Args args, Kwargs kwargs,
                           std::optional<std::string_view> name, const TypeExpr* type) {
  return create_node(OpKind::CallFunction, fn, {}, std::move(args), std::move(kwargs), name, type);
}

Node* Graph::call_method(std::string_view method, Args args, Kwargs kwargs, const TypeExpr* type) {
  return create_node(OpKind::CallMethod, nullptr, method, std::move(args), std::move(kwargs),
                     std::nullopt, type);
}

Node* Graph::call_module(std::string_view module, Args args, Kwargs kwargs, const TypeExpr* type) {
  return create_node(OpKind::CallModule, nullptr, module, std::move(args), std::move(kwargs),
                     std::nullopt, type);
}

Node* Graph::output(Argument result, const TypeExpr* type) {
  Args args;
  args.push_back(std::move(result));
  return create_node(OpKind::Output, nullptr, "output", std::move(args), {}, std::nullopt, type);
}

void Graph::erase_node(Node* n) {
  if (n->graph_ != this) throw std::invalid_argument("erase_node: node belongs to another graph");
  if (n->num_users_ > 0)
    throw std::runtime_error("Tried to erase Node " + std::string(n->name()) +
                             " but it still had " + std::to_string(n->num_users_) +
                             " users in the graph");
  if (n->erased_) return;
  if (anchor_ == n) { // keep the insertion point valid
    anchor_ = insert_before_ ? n->next_ : n->prev_;
  }
  n->prev_->next_ = n->next_;
  n->next_->prev_ = n->prev_;
  n->erased_ = true;
  --size_;
  // FX replaces the erased node's argument nodes by None so users counts drop.
  auto to_none = [](Node*) { return static_cast<Node*>(nullptr); };
  Args args;
  for (const Argument& a : n->args_) args.push_back(map_nodes(a, to_none));
  Kwargs kwargs;
  for (const Kwarg& k : n->kwargs_) kwargs.push_back(Kwarg{k.key, map_nodes(k.value, to_none)});
  n->unlink_inputs();
  n->args_ = std::move(args);
  n->kwargs_ = std::move(kwargs);
}

Graph::InsertPoint::InsertPoint(Graph* graph, Node* anchor, bool before)
    : graph_(graph), saved_anchor_(graph->anchor_), saved_before_(graph->insert_before_) {
  graph->anchor_ = anchor;
  graph->insert_before_ = before;
}

Graph::InsertPoint::InsertPoint(InsertPoint&& other) noexcept
    : graph_(other.graph_), saved_anchor_(other.saved_anchor_), saved_before_(other.saved_before_) {
  other.graph_ = nullptr;
}

Graph::InsertPoint::~InsertPoint() {
  if (graph_ == nullptr) return;
  graph_->anchor_ = saved_anchor_;
  graph_->insert_before_ = saved_before_;
}

Graph::InsertPoint Graph::inserting_before(Node* node) {
  if (node == nullptr) return InsertPoint(this, root_, false);
  if (node->graph_ != this) throw std::invalid_argument("inserting_before: node not in graph");
  return InsertPoint(this, node, true);
}

Graph::InsertPoint Graph::inserting_after(Node* node) {
  if (node == nullptr) return InsertPoint(this, root_, true);
  if (node->graph_ != this) throw std::invalid_argument("inserting_after: node not in graph");
  return InsertPoint(this, node, false);
}

Graph::Range Graph::nodes() const {
  return {Iterator(root_->next_, false), Iterator(root_, false)};
}

Graph::Range Graph::reversed_nodes() const {
  return {Iterator(root_->prev_, true), Iterator(root_, true)};
}

Node* Graph::first_node() const {
  return root_->next_ == root_ ? nullptr : root_->next_;
}
Node* Graph::last_node() const {
  return root_->prev_ == root_ ? nullptr : root_->prev_;
}

Node* Graph::output_node() const {
  Node* last = last_node();
  return last != nullptr && last->op() == OpKind::Output ? last : nullptr;
}

Node* Graph::find_node(std::string_view name) const {
  for (Node* n : nodes())
    if (n->name() == name) return n;
  return nullptr;
}

std::string_view Graph::store_stack_trace(std::string_view trace) {
  if (trace.empty()) return {};
  auto it = stack_traces_.find(trace);
  if (it != stack_traces_.end()) return *it;
  std::string_view stored = strings_.store(trace);
  stack_traces_.insert(stored);
  return stored;
}

std::size_t Graph::bytes_reserved() const {
  return chunks_.size() * sizeof(Chunk) + strings_.bytes_reserved() +
         use_chunks_.size() * 4096 * sizeof(Use);
}

} // namespace bwhop::fx
