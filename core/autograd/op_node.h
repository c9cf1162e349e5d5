// The grad_fn of a registered op: its backward formula comes from the OpDef.
#pragma once

#include "core/autograd/node.h"
#include "core/tensor/op_def.h"

namespace bwhop::autograd {

// A tensor kept for backward, with the version it had when saved.
struct SavedTensor {
  Tensor data;
  uint64_t version = 0;
  bool is_output = false;
  std::string output_of; // grad_fn name of the saved tensor at save time (for errors)
  uint32_t output_nr = 0;
  // Saved while a dispatch mode was active: PyTorch's tensor_data() of a traced (Python
  // subclass) output dispatches `detach` on save and again on every unpack.
  bool detach_on_unpack = false;
};

class OpNode : public Node {
public:
  OpNode(const tensor::OpDef& op, const tensor::Args& args);

  const std::string& name() const override { return op_.backward_name; }
  variable_list apply(variable_list&& grads) override;
  void release_variables() override;
  bool saved_variables_freed() const override {
    return released_ && (!saved_tensors_.empty() || has_saved_result_);
  }
  std::vector<Tensor> saved_tensors() const override;
  // Replaces the saved tensors, in saved_tensors() order (compiled autograd swaps in
  // proxies while tracing apply, then restores).
  void set_saved_tensors(const std::vector<Tensor>& tensors);

  const tensor::OpDef& op() const { return op_; }
  // Saves the forward result (ops with save_result), detached to avoid a cycle.
  void save_result(const Tensor& result);
  // The saved arguments; tensors outside the op's save set are None.
  const tensor::Args& saved_args() const { return saved_args_; }

private:
  const tensor::OpDef& op_;
  tensor::Args saved_args_;
  std::vector<tensor::TensorMeta> arg_meta_;
  std::vector<std::pair<std::size_t, SavedTensor>> saved_tensors_; // arg index → saved
  SavedTensor saved_result_;
  bool has_saved_result_ = false;
  bool released_ = false;
};

} // namespace bwhop::autograd
