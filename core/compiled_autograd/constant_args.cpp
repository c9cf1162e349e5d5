#include "core/compiled_autograd/constant_args.h"

#include <stdexcept>
#include <string>

#include "core/tracing/dispatch_args.h"

namespace bwhop::compiled_autograd {

SavedArgs saved_args(const autograd::OpNode& node, const CollectedNode& collected,
                     const std::vector<fx::Node*>& inputs) {
  const tensor::OpDef& op = node.op();
  const tensor::Args& raw = node.saved_args();
  SavedArgs out;
  out.meta.resize(raw.size());
  // Saved tensors come in argument order (the op's save set), then the result.
  std::vector<std::size_t> saved_positions;
  for (std::size_t i = 0; i < raw.size() && i < 32; ++i) {
    const auto& type = op.schema.args[i].type;
    // A number passed for a Tensor parameter stays a constant (not saved).
    if ((op.save_args & (1u << i)) && type.base == tensor::BaseType::Tensor && !type.is_list &&
        raw[i].tag() == tensor::IValue::Tag::None)
      saved_positions.push_back(i);
  }
  std::vector<tensor::Tensor> saved = node.saved_tensors();
  if (saved.size() != saved_positions.size() + (op.save_result ? 1 : 0))
    throw std::runtime_error("compiled autograd: " + node.name() +
                             " saved an unexpected number of tensors");
  for (const tensor::IValue& v : raw) {
    out.args.push_back(v.is_tensor() ? fx::Argument() : tracing::constant_argument(v));
  }
  auto lifted = [&](std::size_t k) -> fx::Argument {
    int idx = collected.tensors.at(k);
    return idx < 0 ? fx::Argument() : fx::Argument(inputs[static_cast<std::size_t>(idx)]);
  };
  for (std::size_t k = 0; k < saved_positions.size(); ++k) {
    std::size_t arg = saved_positions[k];
    out.args[arg] = lifted(k);
    if (saved[k].defined())
      out.meta[arg] =
          fx::Argument::tuple({int64_t(saved[k].dtype()),
                               tracing::constant_argument(tensor::IValue(saved[k].sizes()))});
  }
  if (op.save_result) out.result = lifted(saved_positions.size());
  return out;
}

} // namespace bwhop::compiled_autograd
