// The loop-level IR a graph is lowered to: fused pointwise kernels (one loop nest
// over an output shape, a list of temporaries, stores) and extern steps (a graph
// node run through the dispatcher), in execution order.
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "core/fx/node.h"
#include "core/inductor/pointwise_lowering.h"
#include "core/tensor/ivalue.h"

namespace bwhop::inductor {

// What the lowering knows of every tensor value: its meta tensor's geometry.
struct ValueInfo {
  bool is_tensor = false;
  tensor::ScalarType dtype = tensor::ScalarType::Float;
  tensor::IntList sizes;
  tensor::IntList strides;
};

// A scalar constant operand (`2`, `0.5`, `True`).
struct ScalarConst {
  tensor::IValue value;
};

// tmpN = in_ptrK[index]: strides are aligned with the kernel's iteration space
// (0 on broadcast dimensions).
struct LoadTemp {
  uint32_t input = 0;
  tensor::IntList strides;
};
// tmpN = rule applied to operands (temp indices or constants), computed in `dtype`.
struct OpTemp {
  const PointwiseLowering* rule = nullptr;
  std::string op_name;
  std::vector<std::variant<uint32_t, ScalarConst>> operands; // schema order
  tensor::ScalarType dtype = tensor::ScalarType::Float;
};
struct Temp {
  std::variant<LoadTemp, OpTemp> value;
  tensor::ScalarType dtype = tensor::ScalarType::Float;
};

struct KernelStore {
  uint32_t temp = 0;
  uint32_t output = 0;
};

struct Kernel {
  std::string fused_name; // fused_add_mul: sorted distinct op names of the members
  std::string name;       // cpp_fused_add_mul_0, shared by kernels with identical source
  uint32_t same_as = 0;   // the first kernel with this source (itself when unique)
  tensor::IntList sizes;  // iteration space = every stored buffer's shape
  std::vector<const fx::Node*> inputs;          // in_ptr0, in_ptr1, ...
  std::vector<tensor::ScalarType> input_dtypes; // by input
  std::vector<const fx::Node*> outputs;         // out_ptr0, ...
  std::vector<Temp> temps;
  std::vector<KernelStore> stores;
  std::vector<const fx::Node*> members; // every fx node computed by the kernel
};

struct Step {
  enum class Kind { Kernel, Extern } kind = Kind::Extern;
  uint32_t kernel = 0;            // for Kernel
  const fx::Node* node = nullptr; // for Extern
};

struct LoweredGraph {
  std::vector<Kernel> kernels;
  std::vector<Step> steps;
  std::vector<const fx::Node*> placeholders;
  const fx::Node* output = nullptr;
  std::vector<ValueInfo> values;         // by node id
  std::vector<std::string> buffer_names; // by node id: arg names, buf0, ...
};

} // namespace bwhop::inductor
