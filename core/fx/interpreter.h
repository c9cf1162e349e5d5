// A graph interpreter skeleton (torch.fx.Interpreter): walks the nodes in
// order, binds placeholders to the inputs, asks a caller-supplied evaluator
// for every other node's value and drops each value right after its last use.
// `Value` is any default-constructible, movable type (a tensor handle, an
// IValue-like variant, ...).
#pragma once

#include <functional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/fx/graph.h"

namespace bwhop::fx {

template <class Value> class ValueEnv {
public:
  explicit ValueEnv(std::size_t size) : values_(size), live_(size, false) {}

  const Value& get(const Node* n) const {
    if (!live_[n->id()])
      throw std::logic_error("value of node '" + std::string(n->name()) + "' is not available");
    return values_[n->id()];
  }
  bool has(const Node* n) const { return live_[n->id()]; }
  std::size_t live_count() const { return live_count_; }

  void set(const Node* n, Value v) {
    if (!live_[n->id()]) ++live_count_;
    values_[n->id()] = std::move(v);
    live_[n->id()] = true;
  }
  void release(const Node* n) {
    if (!live_[n->id()]) return;
    values_[n->id()] = Value();
    live_[n->id()] = false;
    --live_count_;
  }

private:
  std::vector<Value> values_;
  std::vector<bool> live_;
  std::size_t live_count_ = 0;
};

template <class Value> class Interpreter {
public:
  // Called for every get_attr / call_* node and for the output node; the
  // output's result is what run() returns.
  using Evaluator = std::function<Value(const Node& node, const ValueEnv<Value>& env)>;

  explicit Interpreter(const Graph& graph) : graph_(graph) {}

  Value run(std::span<const Value> inputs, const Evaluator& evaluate) {
    std::vector<std::vector<const Node*>> last_uses = compute_last_uses();
    ValueEnv<Value> env(graph_.id_bound());
    std::size_t next_input = 0;
    peak_live_ = 0;
    for (const Node* n : graph_.nodes()) {
      if (n->op() == OpKind::Placeholder) {
        if (next_input >= inputs.size())
          throw std::invalid_argument("graph expects more inputs than the " +
                                      std::to_string(inputs.size()) + " given");
        env.set(n, inputs[next_input++]);
      } else if (n->op() == OpKind::Output) {
        return evaluate(*n, env);
      } else {
        env.set(n, evaluate(*n, env));
      }
      if (env.live_count() > peak_live_) peak_live_ = env.live_count();
      for (const Node* dead : last_uses[n->id()]) env.release(dead);
      if (n->num_users() == 0 && n->op() != OpKind::Placeholder) env.release(n);
    }
    return Value();
  }

  // Largest number of values alive at once during the last run.
  std::size_t peak_live_values() const { return peak_live_; }

private:
  std::vector<std::vector<const Node*>> compute_last_uses() const {
    std::vector<std::vector<const Node*>> by_user(graph_.id_bound());
    std::vector<bool> seen(graph_.id_bound(), false);
    for (const Node* n : graph_.reversed_nodes())
      for (std::size_t i = 0; i < n->num_inputs(); ++i) {
        const Node* in = n->input(i);
        if (seen[in->id()]) continue;
        seen[in->id()] = true;
        by_user[n->id()].push_back(in);
      }
    return by_user;
  }

  const Graph& graph_;
  std::size_t peak_live_ = 0;
};

} // namespace bwhop::fx
