// One operator entry ("ops are data"): everything every mode needs to know about an op.
#pragma once

#include <any>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/tensor/ivalue.h"
#include "core/tensor/schema.h"

namespace bwhop::tensor {

struct OpDef;

// Metadata of one tensor input, kept by an autograd node even when the tensor is not saved.
struct TensorMeta {
  bool defined = false;
  ScalarType dtype = ScalarType::Float;
  IntList sizes;
};

// What a backward formula sees: the op's arguments as saved at forward time (tensor
// arguments outside the op's save set are None), per-argument tensor metadata, the
// forward result when the op saves it, and the incoming gradient.
struct BackwardCtx {
  const OpDef& op;
  const Args& args;
  std::span<const TensorMeta> arg_meta; // indexed like args
  const Tensor& result;
  const Tensor& grad;
  std::span<const bool> needs_input_grad; // indexed by differentiable input

  const Tensor& tensor(std::size_t arg_index) const { return args[arg_index].to_tensor(); }
  const IValue& arg(std::size_t arg_index) const { return args[arg_index]; }
  const IntList& sizes(std::size_t arg_index) const { return arg_meta[arg_index].sizes; }
  ScalarType dtype(std::size_t arg_index) const { return arg_meta[arg_index].dtype; }
  bool needs_grad(std::size_t input) const { return needs_input_grad[input]; }
};

using KernelFn = IValue (*)(const Args& args);
using MetaFn = IValue (*)(const Args& args);
// Returns one gradient per differentiable input (undefined Tensor = no gradient).
using BackwardFn = std::vector<Tensor> (*)(const BackwardCtx& ctx);

// The declaration written by each op file; the registry turns it into an OpDef.
struct OpSpec {
  const char* schema = "";
  KernelFn kernel = nullptr;
  MetaFn meta = nullptr;
  // CompositeImplicitAutograd: the kernel is written with other ops through the
  // dispatcher, so it never reaches autograd or modes itself (matmul, reshape).
  bool composite = false;
  // Autograd: node name as PyTorch prints it, the formula, and what to save.
  const char* backward_name = "";
  BackwardFn backward = nullptr;
  uint32_t save_args = 0; // bit i: keep tensor argument i for backward
  bool save_result = false;
  bool nondifferentiable = false; // outputs never require grad (comparisons, detach)
  bool is_view = false;
};

struct OpDef {
  uint32_t index = 0;    // position in the registry
  std::string qualified; // `mul.Tensor`
  Schema schema;
  KernelFn kernel = nullptr;
  MetaFn meta = nullptr;
  bool composite = false;
  bool is_view = false;
  bool is_inplace = false; // first argument is mutated (`Tensor(a!) self`)
  bool nondifferentiable = false;
  std::string backward_name;
  BackwardFn backward = nullptr;
  uint32_t save_args = 0;
  bool save_result = false;
  // Schema indices of the Tensor-typed arguments, in order: the node's inputs.
  std::vector<uint32_t> tensor_args;
  // Reserved for the inductor lowering of elementwise ops (filled by that layer).
  std::any inductor_lowering;

  const std::string& name() const { return schema.name; }
};

} // namespace bwhop::tensor
