"""Helpers shared by the compiled-autograd scenarios (the seed test's module-level functions)."""
import torch
from torch import _inductor as inductor
from torch._dynamo._trace_wrapped_higher_order_op import trace_wrapped


def _multiply(x):
    return x * x


def _multiply_invoke(grad):
    return trace_wrapped(grad, fn=_multiply)


def recording_compiler_fn(graphs):
    """compiler_fn for compiled_autograd._enable: dynamo re-traces the backward
    graph (fullgraph, dynamic) and the graph it captures is appended to `graphs`."""

    def compiler_fn(gm):
        def inner_compiler(gm_, example_inputs_):
            graphs.append(gm_)
            return inductor.compile(gm_, example_inputs_)

        return torch.compile(gm, backend=inner_compiler, fullgraph=True, dynamic=True)

    return compiler_fn
