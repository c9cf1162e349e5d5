#include "core/fx/node.h"

#include <stdexcept>

#include "core/fx/graph.h"
#include "core/fx/target.h"

namespace bwhop::fx {

std::string_view op_name(OpKind op) {
  switch (op) {
  case OpKind::Placeholder:
    return "placeholder";
  case OpKind::GetAttr:
    return "get_attr";
  case OpKind::CallFunction:
    return "call_function";
  case OpKind::CallMethod:
    return "call_method";
  case OpKind::CallModule:
    return "call_module";
  case OpKind::Output:
    return "output";
  case OpKind::Root:
    return "root";
  }
  return "?";
}

Node::Node(Graph* graph, uint32_t id, OpKind op) : graph_(graph), id_(id), op_(op) {}

Node::~Node() = default;

void Node::link_inputs() {
  uint64_t epoch = graph_->next_epoch();
  std::vector<Node*>& found = graph_->scratch_inputs_;
  found.clear();
  auto collect = [&](Node* n) {
    if (n->graph_ != graph_)
      throw std::invalid_argument("node '" + std::string(n->name()) + "' used as an argument of '" +
                                  std::string(name_) + "' belongs to another graph");
    if (n->mark_ == epoch) return;
    n->mark_ = epoch;
    found.push_back(n);
  };
  for (const Argument& a : args_) for_each_node(a, collect);
  for (const Kwarg& k : kwargs_) for_each_node(k.value, collect);
  num_inputs_ = static_cast<uint32_t>(found.size());
  inputs_ = found.empty() ? nullptr : graph_->allocate_uses(found.size());
  for (uint32_t i = 0; i < num_inputs_; ++i) {
    Node* in = found[i];
    Use& u = inputs_[i];
    u = Use{in, this, in->users_tail_, nullptr};
    if (in->users_tail_ != nullptr)
      in->users_tail_->next = &u;
    else
      in->users_head_ = &u;
    in->users_tail_ = &u;
    ++in->num_users_;
  }
}

void Node::unlink_inputs() {
  for (uint32_t i = 0; i < num_inputs_; ++i) {
    Use& u = inputs_[i];
    Node* in = u.input;
    if (u.prev != nullptr)
      u.prev->next = u.next;
    else
      in->users_head_ = u.next;
    if (u.next != nullptr)
      u.next->prev = u.prev;
    else
      in->users_tail_ = u.prev;
    --in->num_users_;
  }
  inputs_ = nullptr; // the records stay in the arena until the graph goes
  num_inputs_ = 0;
}

void Node::set_args_kwargs(Args args, Kwargs kwargs) {
  unlink_inputs();
  args_ = std::move(args);
  kwargs_ = std::move(kwargs);
  link_inputs();
}

void Node::update_arg(std::size_t index, Argument value) {
  Args args = args_;
  if (index >= args.size()) throw std::out_of_range("update_arg: index out of range");
  args[index] = std::move(value);
  set_args(std::move(args));
}

std::vector<Node*> Node::users() const {
  std::vector<Node*> out;
  out.reserve(num_users_);
  for (Use* u = users_head_; u != nullptr; u = u->next) out.push_back(u->user);
  return out;
}

std::vector<Node*> Node::replace_all_uses_with(Node* replacement) {
  return replace_all_uses_with(replacement, [](Node*) { return true; });
}

void Node::replace_input_with(Node* old_input, Node* new_input) {
  auto swap = [&](Node* n) { return n == old_input ? new_input : n; };
  Args args;
  args.reserve(args_.size());
  for (const Argument& a : args_) args.push_back(map_nodes(a, swap));
  Kwargs kwargs;
  kwargs.reserve(kwargs_.size());
  for (const Kwarg& k : kwargs_) kwargs.push_back(Kwarg{k.key, map_nodes(k.value, swap)});
  set_args_kwargs(std::move(args), std::move(kwargs));
}

void Node::rename(std::string_view candidate) {
  if (candidate == name_) return;
  name_ = graph_->name_space().create_name(candidate);
}

void Node::assign_name_unchecked(std::string_view name) {
  name_ = graph_->store_string(name);
}

void Node::set_stack_trace(std::string_view trace) {
  stack_trace_ = graph_->store_stack_trace(trace);
}

const std::any* Node::find_meta(std::string_view key) const {
  if (!extra_meta_) return nullptr;
  auto it = extra_meta_->find(std::string(key));
  return it == extra_meta_->end() ? nullptr : &it->second;
}

void Node::set_meta(std::string key, std::any value) {
  if (!extra_meta_) extra_meta_ = std::make_unique<std::unordered_map<std::string, std::any>>();
  (*extra_meta_)[std::move(key)] = std::move(value);
}

void Node::copy_meta_from(const Node& other) {
  meta_value_ = other.meta_value_;
  if (!other.stack_trace_.empty()) set_stack_trace(other.stack_trace_);
  if (other.extra_meta_)
    extra_meta_ = std::make_unique<std::unordered_map<std::string, std::any>>(*other.extra_meta_);
}

bool Node::is_impure() const {
  if (op_ == OpKind::Placeholder || op_ == OpKind::Output) return true;
  if (op_ == OpKind::CallFunction) return function_->side_effectful();
  return false;
}

} // namespace bwhop::fx
