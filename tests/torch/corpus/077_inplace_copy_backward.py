import torch
from torch.fx.experimental.proxy_tensor import make_fx
x = torch.tensor([1.0, 2.0], requires_grad=True)
z = torch.tensor([3.0, 4.0], requires_grad=True)
y = x * 2
y.copy_(z * 3)
print(y)
y.sum().backward()
print(x.grad, z.grad)
def f(x, z):
    y = x * 2
    y.copy_(z * 3)
    return torch.autograd.grad((y * y).sum(), [x, z], allow_unused=True)
gm = make_fx(f)(x, z)
print(gm.code)
print(gm(x, z))
