// Capture: runs a user function symbolically over its AST (as dynamo runs
// bytecode) and returns the FX graph of its tensor work, the sources of the
// graph inputs, the guards it relied on, the side effects to replay after the
// graph, and how to rebuild the function's result from the graph's outputs.
// Code it cannot trace raises Unsupported (unsupported.h).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/dynamo/guards.h"
#include "core/dynamo/source.h"
#include "core/fx/graph_module.h"
#include "core/lang/function.h"

namespace bwhop::dynamo {

// How to rebuild a value after the graph ran.
struct Rebuild {
  enum class Kind : unsigned char {
    GraphOutput,
    FromSource,
    Constant,
    Tuple,
    List,
    Partial,
    Function // a def or lambda made in the frame: rebuilt with its closure
  };
  Kind kind = Kind::Constant;
  int output_index = -1;               // GraphOutput
  SourcePtr source;                    // FromSource
  Value constant;                      // Constant (any real value)
  std::vector<Rebuild> items;          // Tuple / List items; Partial: func then args
  std::vector<std::string> keys;       // Partial keyword names
  std::vector<Rebuild> keyword_values; // Partial keyword values; Function: kw defaults
  // Function: `constant` is the function whose body defines it; `items` the
  // defaults, `keyword_values` the keyword defaults (`keys` marks required ones
  // with ""), `closure` the cell contents (Constant Null: empty cell).
  const lang::FunctionDef* def = nullptr;
  const lang::Lambda* lambda = nullptr;
  std::string name;
  std::vector<Rebuild> closure;
  std::string describe() const; // for the side_effects artifact
};

struct SideEffect {
  enum class Kind : unsigned char { RegisterHook, SetAttr, SetItem };
  Kind kind;
  Rebuild target; // the tensor / object / list / dict
  Rebuild value;  // the hook / new attribute or item value
  std::string attr;
  Value key; // SetItem: the index or key
  std::string describe() const;
};

struct CapturedFrame {
  std::string function_name;
  std::string file;
  int line = 0;
  std::shared_ptr<fx::GraphModule> module; // null when the function did no tensor work
  std::vector<SourcePtr> input_sources;    // one per placeholder, in order
  std::vector<Value> example_inputs;       // tensors, lists (stolen locals), ints (SymInts)
  Rebuild result;
  std::vector<SideEffect> side_effects; // hooks first, then mutations (PyTorch's order)
  GuardSet guards;
  // Set when the capture stopped before the statement that breaks the graph:
  // the locals that statement and the code after it use, rebuilt after the graph.
  std::optional<size_t> break_stmt;
  std::vector<std::pair<std::string, Rebuild>> live_locals;
};

// The frame's arguments by parameter name (defaults applied).
using FrameLocals = std::unordered_map<std::string, Value>;

// Binds a call's arguments to `fn`'s parameters; raises TypeError like a call would.
FrameLocals bind_frame_locals(const lang::Function& fn, const lang::Args& args);

struct CaptureOptions {
  bool dynamic = false; // torch.compile(dynamic=True): sizes and ints become symbols
  // Locals passed as one list input whose items are read inside the graph
  // (compiled autograd's `inputs`): `self.meta["locals_to_steal"]` of a module.
  std::vector<std::string> locals_to_steal;
  // The body statements to run: from `first_stmt` (a resume after a graph
  // break; `locals` then holds every local bound so far) up to `stop_stmt`
  // (exclusive; the statement that breaks the graph).
  size_t first_stmt = 0;
  std::optional<size_t> stop_stmt;
  // Automatic dynamic shapes: sizes (`L['x'].size()[0]`) and ints (`L['n']`)
  // that changed between calls of an earlier compile become symbols.
  std::unordered_set<std::string> automatic_dynamic;
};

// Runs `fn` symbolically on `locals`. Throws Unsupported on a graph break.
CapturedFrame capture_frame(const lang::Function& fn, const FrameLocals& locals,
                            const CaptureOptions& options = {});

// Rebuilds a value from the graph outputs and the frame.
Value rebuild_value(const Rebuild& r, const std::vector<Value>& outputs, const FrameLocals& locals,
                    const Value& globals);

} // namespace bwhop::dynamo
