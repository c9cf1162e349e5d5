import torch
from torch.fx.experimental.proxy_tensor import make_fx
def f(x):
    a = x[0]
    b = x[1:]
    c = x[:, 0]
    d = x[:, 1:3:2]
    e = x[-1, -2]
    return a.sum() + b.sum() * 2 + (c * c).sum() + d.sum() + e
def g(x):
    return torch.autograd.grad(f(x), [x])
x = torch.arange(6.0).view(2, 3).requires_grad_()
print(make_fx(f)(x).code)
gm = make_fx(g)(x)
print(gm.code)
print(gm(x))
