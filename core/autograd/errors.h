// PyTorch's autograd error texts, in one place.
#pragma once

namespace bwhop::autograd::errors {

inline constexpr const char* kBackwardTwice =
    "Trying to backward through the graph a second time (or directly access saved tensors "
    "after they have already been freed). Saved intermediate values of the graph are freed when "
    "you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward "
    "through the graph a second time or if you need to access saved tensors after calling "
    "backward.";
inline constexpr const char* kHookNoGrad =
    "cannot register a hook on a tensor that doesn't require gradient";
inline constexpr const char* kImplicitScalar =
    "grad can be implicitly created only for scalar outputs";
inline constexpr const char* kNonLeafRequiresGrad =
    "you can only change requires_grad flags of leaf variables. If you want to use a computed "
    "variable in a subgraph that doesn't require differentiation use var_no_grad = "
    "var.detach().";
inline constexpr const char* kFloatOnly =
    "only Tensors of floating point dtype can require gradients";
inline constexpr const char* kUnused =
    "One of the differentiated Tensors appears to not have been used in the graph. Set "
    "allow_unused=True if this is the desired behavior.";
inline constexpr const char* kLeafInplace =
    "a leaf Variable that requires grad is being used in an in-place operation.";
inline constexpr const char* kRetainGradNoGrad =
    "can't retain_grad on Tensor that has requires_grad=False";

} // namespace bwhop::autograd::errors
