# Seed test 6's shape: a functools.partial hook that bumps a counter on an
# object, registered outside the compiled function; one backward under compiled
# autograd, then two on the eager engine.
import functools

import torch
from torch._dynamo import compiled_autograd
from torch._dynamo._trace_wrapped_higher_order_op import trace_wrapped


def _multiply(x):
    return x * x


def _bump_then_square(x, obj):
    obj.counter = obj.counter + 1
    return _multiply(x)


def _invoke(grad, fn):
    return trace_wrapped(grad, fn=fn)


class Counter:
    def __init__(self):
        self.counter = 0


for backend in ["eager", "aot_eager", "inductor"]:
    torch._dynamo.reset()
    obj = Counter()
    hook = functools.partial(_invoke, fn=functools.partial(_bump_then_square, obj=obj))
    x = torch.tensor([0.5, 0.5], requires_grad=True)
    y = torch.tensor([0.5, 0.5], requires_grad=True)
    x.register_hook(hook)

    def fn(x, y):
        return x + y

    fn = torch.compile(fn, backend=backend, fullgraph=True)
    grad_out = torch.tensor([2.0, 2.0])
    with compiled_autograd._enable(lambda gm: gm):
        fn(x, y).backward(grad_out)
    print(backend, obj.counter, x.grad)
    for _ in range(2):
        fn(x, y).backward(grad_out)
        print(backend, obj.counter, x.grad)
