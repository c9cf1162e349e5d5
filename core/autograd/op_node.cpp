#include "core/autograd/op_node.h"

#include <stdexcept>

#include "core/autograd/errors.h"
#include "core/autograd/variable.h"
#include "core/tensor/dispatcher.h"
#include "core/tensor/op_registry.h"
#include "core/tensor/tensor_print.h"

namespace bwhop::autograd {

namespace {

// The legacy type name PyTorch uses in the in-place modification error.
std::string legacy_type(const Tensor& t) {
  switch (t.dtype()) {
  case tensor::ScalarType::Float:
    return "torch.FloatTensor";
  case tensor::ScalarType::Double:
    return "torch.DoubleTensor";
  case tensor::ScalarType::Long:
    return "torch.LongTensor";
  case tensor::ScalarType::Int:
    return "torch.IntTensor";
  case tensor::ScalarType::Bool:
    return "torch.BoolTensor";
  }
  return "torch.Tensor";
}

Tensor dispatch_detach(const Tensor& t) {
  static const tensor::OpDef& detach = tensor::op("detach");
  return tensor::call_op_below_autograd(detach, {t}).to_tensor();
}

SavedTensor save(const Tensor& t, bool is_output) {
  SavedTensor s;
  s.version = t.version();
  s.is_output = is_output;
  if (is_output && tensor::mode_stack_depth() > 0) {
    // Traced outputs are saved through `detach`, so the mode tracks the saved alias.
    s.data = dispatch_detach(t);
    s.detach_on_unpack = true;
  } else if (is_output) {
    // A plain alias without autograd state: the node must not own its own output.
    s.data = Tensor::make_view(t, t.sizes(), t.strides(), t.storage_offset());
  } else {
    s.data = t;
    if (auto fn = grad_fn(t)) {
      s.output_of = fn->name();
      s.output_nr = output_nr(t);
    }
  }
  return s;
}

Tensor unpack(const SavedTensor& s, const std::string& owner) {
  if (s.data.version() != s.version) {
    std::string which = s.is_output ? "output 0 of " + owner
                        : s.output_of.empty()
                            ? ""
                            : "output " + std::to_string(s.output_nr) + " of " + s.output_of;
    throw std::runtime_error(
        "one of the variables needed for gradient computation has been modified by an inplace "
        "operation: [" +
        legacy_type(s.data) + " " + tensor::sizes_str(s.data.sizes()) + "]" +
        (which.empty() ? "" : ", which is " + which + ",") + " is at version " +
        std::to_string(s.data.version()) + "; expected version " + std::to_string(s.version) +
        " instead. Hint: enable anomaly detection to find the operation that failed to compute "
        "its gradient, with torch.autograd.set_detect_anomaly(True).");
  }
  if (s.detach_on_unpack) return dispatch_detach(s.data);
  return s.data;
}

} // namespace

OpNode::OpNode(const tensor::OpDef& op, const tensor::Args& args)
    : op_(op), saved_args_(args), arg_meta_(args.size()) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (!args[i].is_tensor()) continue;
    const Tensor& t = args[i].to_tensor();
    if (!t.defined()) continue;
    arg_meta_[i] = tensor::TensorMeta{true, t.dtype(), t.sizes()};
    if (i < 32 && (op.save_args & (1u << i))) {
      saved_tensors_.emplace_back(i, save(t, false));
    }
    saved_args_[i] = tensor::IValue(); // tensors live in saved_tensors_ only
  }
}

void OpNode::save_result(const Tensor& result) {
  saved_result_ = save(result, true);
  has_saved_result_ = true;
}

void OpNode::release_variables() {
  for (auto& [index, saved] : saved_tensors_) saved.data = Tensor();
  saved_result_.data = Tensor();
  released_ = true;
}

std::vector<Tensor> OpNode::saved_tensors() const {
  std::vector<Tensor> out;
  for (const auto& entry : saved_tensors_) out.push_back(entry.second.data);
  if (has_saved_result_) out.push_back(saved_result_.data);
  return out;
}

void OpNode::set_saved_tensors(const std::vector<Tensor>& tensors) {
  std::size_t expected = saved_tensors_.size() + (has_saved_result_ ? 1 : 0);
  if (tensors.size() != expected) throw std::invalid_argument("set_saved_tensors: wrong count");
  std::size_t k = 0;
  for (auto& entry : saved_tensors_) {
    entry.second.data = tensors[k++];
    entry.second.version = entry.second.data.version();
  }
  if (has_saved_result_) {
    saved_result_.data = tensors[k];
    saved_result_.version = saved_result_.data.version();
  }
}

variable_list OpNode::apply(variable_list&& grads) {
  if (released_ && (!saved_tensors_.empty() || has_saved_result_)) {
    throw std::runtime_error(errors::kBackwardTwice);
  }
  if (!op_.backward) {
    throw std::runtime_error("the derivative for '" + op_.qualified + "' is not implemented.");
  }
  std::size_t n = op_.tensor_args.size();
  if (grads.empty() || !grads[0].defined()) return variable_list(n);
  tensor::Args args = saved_args_;
  for (const auto& [index, saved] : saved_tensors_) args[index] = unpack(saved, name());
  Tensor result;
  if (has_saved_result_) result = unpack(saved_result_, name());
  std::unique_ptr<bool[]> needs(new bool[n]);
  for (std::size_t i = 0; i < n; ++i) needs[i] = next_edges_[i].is_valid();
  tensor::BackwardCtx ctx{op_,    args,     arg_meta_,
                          result, grads[0], std::span<const bool>(needs.get(), n)};
  variable_list out = op_.backward(ctx);
  out.resize(n);
  // Gradients for inputs that do not need them are dropped (PyTorch never computes them).
  for (std::size_t i = 0; i < n; ++i)
    if (!needs[i]) out[i] = Tensor();
  return out;
}

} // namespace bwhop::autograd
