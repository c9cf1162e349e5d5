# Eager forwards of several built-in ops (broadcasting, views, matmul, a
# detached input, fan-in), each backward under compiled autograd, so every
# node runs as a functional backward op in the compiled graph.
import torch
from torch._dynamo import compiled_autograd


def cases():
    def c1(x, y):
        return (x * y.detach()).sum()

    def c2(x, y):
        return (x + y.view(3, 2)).sum()

    def c3(x, y):
        return (x.relu() * y.view(3, 2).tanh()).mean()

    def c4(x, y):
        return ((x - 1.0) / (y.view(3, 2) + 2.0)).exp().sum()

    def c5(x, y):
        return (y.view(3, 2) @ x).sum() + (y.view(2, 3).t() * 2).sum()

    def c6(x, y):
        return (x.unsqueeze(0) * x.unsqueeze(1)).sum() + y.sum() * 2

    return [c1, c2, c3, c4, c5, c6]


for i, f in enumerate(cases()):
    x = torch.tensor([0.5, -1.5], requires_grad=True)
    y = torch.tensor([[1.0, 2.0], [3.0, -4.0], [0.5, 0.25]], requires_grad=True)
    x.register_hook(lambda g: g * 2)
    with compiled_autograd._enable(lambda gm: gm):
        f(x, y).backward()
    print(i + 1, x.grad, y.grad)
