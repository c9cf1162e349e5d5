// An FX graph (torch.fx.Graph): nodes in execution order, a name space that
// names them, and the insertion point new nodes go to. Nodes live in the
// graph's arena until the graph is destroyed, erased ones included.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "core/fx/argument.h"
#include "core/fx/name_space.h"
#include "core/fx/node.h"
#include "core/fx/string_arena.h"

namespace bwhop::fx {

class Target;
struct TypeExpr;

class Graph {
public:
  Graph();
  ~Graph();
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;

  // Node creation at the insertion point (the end of the graph by default).
  // Without an explicit name a node is named after its target: the snake-cased
  // `__name__` of a function, the snake-cased string target otherwise.
  Node* placeholder(std::string_view target, const TypeExpr* type = nullptr);
  Node* placeholder_with_default(std::string_view target, Argument default_value,
                                 const TypeExpr* type = nullptr);
  Node* get_attr(std::string_view qualified_name, const TypeExpr* type = nullptr);
  Node* call_function(const Target* fn, Args args = {}, Kwargs kwargs = {},
                      std::optional<std::string_view> name = std::nullopt,
                      const TypeExpr* type = nullptr);
  Node* call_method(std::string_view method, Args args, Kwargs kwargs = {},
                    const TypeExpr* type = nullptr);
  Node* call_module(std::string_view module, Args args, Kwargs kwargs = {},
                    const TypeExpr* type = nullptr);
  Node* output(Argument result, const TypeExpr* type = nullptr);
  // The general form; `fn` for call_function, `target_name` for the others.
  Node* create_node(OpKind op, const Target* fn, std::string_view target_name, Args args,
                    Kwargs kwargs, std::optional<std::string_view> name, const TypeExpr* type);

  // Removes a node without users from the list. Its name stays reserved.
  void erase_node(Node* node);

  // Where create_node inserts; restored when the guard goes out of scope.
  class InsertPoint {
  public:
    ~InsertPoint();
    InsertPoint(const InsertPoint&) = delete;
    InsertPoint& operator=(const InsertPoint&) = delete;
    InsertPoint(InsertPoint&& other) noexcept;

  private:
    friend class Graph;
    InsertPoint(Graph* graph, Node* anchor, bool before);
    Graph* graph_;
    Node* saved_anchor_;
    bool saved_before_;
  };
  // Graph.inserting_before(n) / inserting_after(n); null means the graph's start
  // (before) or its end (after) as in FX. Inserting after n repeatedly places
  // each new node directly after n, as FX does.
  [[nodiscard]] InsertPoint inserting_before(Node* node);
  [[nodiscard]] InsertPoint inserting_after(Node* node);

  class Iterator {
  public:
    Iterator(Node* n, bool reverse) : n_(n), reverse_(reverse) {}
    Node* operator*() const { return n_; }
    Iterator& operator++() {
      n_ = reverse_ ? n_->prev() : n_->next();
      return *this;
    }
    bool operator!=(const Iterator& o) const { return n_ != o.n_; }

  private:
    Node* n_;
    bool reverse_;
  };
  struct Range {
    Iterator b, e;
    Iterator begin() const { return b; }
    Iterator end() const { return e; }
  };
  Range nodes() const;
  Range reversed_nodes() const;
  Node* first_node() const; // null when empty
  Node* last_node() const;
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  // One past the largest node id: arrays indexed by Node::id() need this size.
  uint32_t id_bound() const { return next_id_; }
  Node* output_node() const;                    // the last node when it is an output, else null
  Node* find_node(std::string_view name) const; // linear; for tests and tools

  NameSpace& name_space() { return names_; }
  // Copies text into the graph's arena (shared by identical stack traces).
  std::string_view store_string(std::string_view text) { return strings_.store(text); }
  std::string_view store_stack_trace(std::string_view trace);
  uint64_t next_epoch() { return ++epoch_; }
  std::size_t bytes_reserved() const;

private:
  friend class Node;
  Node* allocate(OpKind op);
  void insert(Node* node);
  Use* allocate_uses(std::size_t count);

  struct Chunk;
  std::vector<std::unique_ptr<Chunk>> chunks_;
  std::size_t chunk_used_ = 0;
  Node* root_;
  Node* anchor_;       // insertion reference node
  bool insert_before_; // insert before anchor_ (true) or after it
  std::size_t size_ = 0;
  uint32_t next_id_ = 0;
  uint64_t epoch_ = 0;
  NameSpace names_;
  StringArena strings_;
  std::unordered_set<std::string_view> stack_traces_;
  std::vector<std::unique_ptr<Use[]>> use_chunks_;
  Use* use_cursor_ = nullptr;
  std::size_t use_chunk_left_ = 0;
  std::vector<Node*> scratch_inputs_; // link_inputs' distinct-input buffer
};

} // namespace bwhop::fx
