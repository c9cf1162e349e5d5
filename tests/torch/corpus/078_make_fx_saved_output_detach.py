import torch
from torch.fx.experimental.proxy_tensor import make_fx
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = torch.tensor([3.0, 4.0], requires_grad=True)
def exp_grad(a, b):
    return torch.autograd.grad(a.exp().sum(), [a])
def pow_grad(a, b):
    return torch.autograd.grad((a ** b).sum(), (a, b))
def reciprocal_grad(a, b):
    return torch.autograd.grad((a.reciprocal() * b).sum(), (a, b))
def pow_scalar_base_grad(a, b):
    return torch.autograd.grad(torch.pow(2.0, a).sum(), [a])
for fn in [exp_grad, pow_grad, reciprocal_grad, pow_scalar_base_grad]:
    print(fn.__name__)
    gm = make_fx(fn)(x, y)
    print(gm.code)
    print(gm(x, y))
