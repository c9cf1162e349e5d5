import torch
from torch.fx.experimental.proxy_tensor import make_fx
def f(x):
    y = x * 2
    y.add_(x, alpha=3)
    z = y * y
    return torch.autograd.grad(z.sum(), [x])
x = torch.tensor([1.0, 2.0], requires_grad=True)
gm = make_fx(f)(x)
print(gm.code)
print(gm(x))
