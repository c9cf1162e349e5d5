#include "core/hop/delayed_error.h"

#include <memory>
#include <stdexcept>

#include "core/autograd/node.h"
#include "core/autograd/variable.h"

namespace bwhop::hop {

namespace {

using tensor::Tensor;

// torch::autograd::Error: a backward node that only raises.
class ErrorNode : public autograd::Node {
public:
  explicit ErrorNode(std::string message) : message_(std::move(message)) {}
  const std::string& name() const override {
    static const std::string kName = "Error";
    return kName;
  }
  autograd::variable_list apply(autograd::variable_list&&) override {
    throw std::runtime_error(message_);
  }

private:
  std::string message_;
};

// tensor.detach() without going through the dispatcher: same data, no history.
Tensor shallow_copy(const Tensor& t) {
  return Tensor::make_view(t, t.sizes(), t.strides(), t.storage_offset());
}

} // namespace

Tensor delayed_error(const Tensor& t, const std::string& message) {
  if (!t.defined()) return t;
  Tensor input = t;
  if (tensor::is_floating(t.dtype())) {
    input = shallow_copy(t);
    autograd::set_requires_grad(input, true);
  }
  Tensor out = shallow_copy(input);
  if (!input.requires_grad()) return out;
  auto node = std::make_shared<ErrorNode>(message);
  node->add_next_edge(autograd::gradient_edge(input));
  autograd::set_history(out, node);
  return out;
}

} // namespace bwhop::hop
