#include "core/compiled_autograd/external_utils_source.h"

namespace bwhop::compiled_autograd {

// Local names matter: dynamo names a traced tensor after the first local it is
// stored in, so the hook's result must be stored in `result`.
const char* const kExternalUtilsSource = R"PY(
"""Helpers that compiled-autograd graphs call at backward time."""
import torch


def call_hook(hook, *args, **kwargs):
    # A hook returning None keeps the gradient it was given.
    result = hook(*args)
    if result is not None:
        if kwargs.get("hook_type") == "post_acc_grad_hook":
            raise RuntimeError("Tensor post accumulate grad hooks should return None.")
        return result
    return args[0]


def call_accumulate_grad(variable, grad, has_post_hooks):
    ops = torch._dynamo.compiled_autograd.ops
    new_grads = ops.AccumulateGrad([grad], variable, variable.grad, has_post_hooks)
    variable.grad = new_grads[0]


def unwrap_maybe_dynamic_int(x):
    # Sizes arrive as empty [0, n] tensors so that n can be dynamic.
    if isinstance(x, torch.Tensor):
        return x.size(1)
    return x


class FakeCompiledAutogradEngine:
    @staticmethod
    def _exec_final_callbacks_stub():
        # Stands for the engine's final callbacks; compiled graphs queue none.
        pass
)PY";

} // namespace bwhop::compiled_autograd
