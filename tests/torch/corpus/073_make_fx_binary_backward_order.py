import torch
from torch.fx.experimental.proxy_tensor import make_fx
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = torch.tensor([3.0, 4.0], requires_grad=True)
def grads_of(fn):
    def f(a, b):
        return torch.autograd.grad(fn(a, b).sum(), (a, b))
    return f
def mul(a, b):
    return a * b
def sub(a, b):
    return a - b
def div(a, b):
    return a / b
def add_alpha(a, b):
    return torch.add(a, b, alpha=2)
def sub_alpha(a, b):
    return torch.sub(a, b, alpha=2)
def div_then_sub(a, b):
    return a / b - b
for fn in [mul, sub, div, add_alpha, sub_alpha, div_then_sub]:
    print(fn.__name__)
    gm = make_fx(grads_of(fn))(x, y)
    print(gm.code)
    print(gm(x, y))
