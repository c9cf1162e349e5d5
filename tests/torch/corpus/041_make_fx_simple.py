import torch
from torch.fx.experimental.proxy_tensor import make_fx
def f(x, y):
    return x * y + 1
gm = make_fx(f)(torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0]))
print(gm.code)
print(gm(torch.tensor([1.0, 1.0]), torch.tensor([2.0, 2.0])))
