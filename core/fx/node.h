// A node of an FX graph (torch.fx.Node). Nodes are allocated and owned by their
// Graph, linked in a doubly linked list, and track their users through
// intrusive use records, so adding, removing and counting uses is O(1).
#pragma once

#include <any>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/fx/argument.h"
#include "core/fx/meta.h"

namespace bwhop::fx {

class Graph;
class Target;
struct TypeExpr;

enum class OpKind : unsigned char {
  Placeholder,
  GetAttr,
  CallFunction,
  CallMethod,
  CallModule,
  Output,
  Root, // the graph's sentinel; never visible
};

std::string_view op_name(OpKind op); // "placeholder", "call_function", ...

// One (user, input) edge. Each distinct input node of a user has exactly one.
struct Use {
  Node* input = nullptr;
  Node* user = nullptr;
  Use* prev = nullptr; // neighbours in input->users list
  Use* next = nullptr;
};

class Node {
public:
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  Graph& graph() const { return *graph_; }
  OpKind op() const { return op_; }
  std::string_view name() const { return name_; }
  uint32_t id() const { return id_; } // dense per graph, creation order
  bool erased() const { return erased_; }
  Node* next() const { return next_; }
  Node* prev() const { return prev_; }

  // call_function target; null for other kinds.
  const Target* function() const { return function_; }
  // String target of placeholder / get_attr / call_method / call_module nodes.
  std::string_view target_name() const { return target_name_; }

  const Args& args() const { return args_; }
  const Kwargs& kwargs() const { return kwargs_; }
  void set_args(Args args) { set_args_kwargs(std::move(args), std::move(kwargs_)); }
  void set_kwargs(Kwargs kwargs) { set_args_kwargs(std::move(args_), std::move(kwargs)); }
  void set_args_kwargs(Args args, Kwargs kwargs);
  void update_arg(std::size_t index, Argument value);

  // Distinct input nodes in first-occurrence order (args, then kwargs).
  std::size_t num_inputs() const { return num_inputs_; }
  Node* input(std::size_t i) const { return inputs_[i].input; }

  // Users in the order they started using this node.
  std::size_t num_users() const { return num_users_; }
  template <class F> void for_each_user(F&& f) const {
    for (Use* u = users_head_; u != nullptr;) {
      Use* next = u->next;
      f(u->user);
      u = next;
    }
  }
  std::vector<Node*> users() const;

  // Replaces every use of this node with `replacement` in the users for which
  // `should_replace(user)` holds (all by default); returns the users changed.
  std::vector<Node*> replace_all_uses_with(Node* replacement);
  template <class Pred>
  std::vector<Node*> replace_all_uses_with(Node* replacement, Pred should_replace);
  void replace_input_with(Node* old_input, Node* new_input);

  // Node._rename: a fresh name from the graph's name space; the old name stays
  // reserved. Used for Dynamo's store-to-local renames.
  void rename(std::string_view candidate);
  // `node.name = ...` as Python code does it: no name-space bookkeeping at all.
  void assign_name_unchecked(std::string_view name);

  // `node.type` (plain annotation); may be null.
  const TypeExpr* type() const { return type_; }
  void set_type(const TypeExpr* type) { type_ = type; }

  // The value annotation (`val` / `example_value`).
  const MetaValue& meta_value() const { return meta_value_; }
  void set_meta_value(MetaValue value) { meta_value_ = std::move(value); }
  void set_tensor_meta(TensorMetaPtr meta) { meta_value_ = std::move(meta); }
  void set_sym_meta(SymExprPtr expr) { meta_value_ = std::move(expr); }

  // `meta["stack_trace"]`: a Python traceback text, innermost frame last.
  std::string_view stack_trace() const { return stack_trace_; }
  void set_stack_trace(std::string_view trace);

  // Other metadata for higher layers, by key (copied with the node).
  const std::any* find_meta(std::string_view key) const;
  void set_meta(std::string key, std::any value);

  // Node.is_impure: placeholders, outputs and side-effectful targets.
  bool is_impure() const;

  // `new.meta = copy.copy(old.meta)`: value, stack trace and extra metadata.
  void copy_meta_from(const Node& other);

private:
  friend class Graph;
  Node(Graph* graph, uint32_t id, OpKind op);
  ~Node();
  void link_inputs();
  void unlink_inputs();

  Graph* graph_;
  Node* prev_ = this;
  Node* next_ = this;
  std::string_view name_;
  std::string_view target_name_;
  const Target* function_ = nullptr;
  const TypeExpr* type_ = nullptr;
  Args args_;
  Kwargs kwargs_;
  Use* inputs_ = nullptr; // num_inputs_ records in the graph's use arena
  uint32_t num_inputs_ = 0;
  Use* users_head_ = nullptr;
  Use* users_tail_ = nullptr;
  uint32_t num_users_ = 0;
  uint32_t id_;
  uint64_t mark_ = 0; // scratch epoch used while collecting inputs
  OpKind op_;
  bool erased_ = false;
  MetaValue meta_value_;
  std::string_view stack_trace_;
  std::unique_ptr<std::unordered_map<std::string, std::any>> extra_meta_;
};

template <class Pred>
std::vector<Node*> Node::replace_all_uses_with(Node* replacement, Pred should_replace) {
  std::vector<Node*> changed;
  for (Node* user : users()) {
    if (!should_replace(user)) continue;
    user->replace_input_with(this, replacement);
    changed.push_back(user);
  }
  return changed;
}

} // namespace bwhop::fx
