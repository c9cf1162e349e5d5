import torch
from torch.fx.experimental.proxy_tensor import make_fx
def f(x):
    c = torch.tensor([1.0, 2.0])
    d = torch.tensor(3)
    return x * c + d
gm = make_fx(f)(torch.ones(2))
print(gm.code)
print(gm(torch.ones(2)))
print(gm._tensor_constant0, gm._tensor_constant1)
def g(x):
    return torch.tensor([1.0, 2.0])
gm = make_fx(g)(torch.ones(2))
print(gm.code)
