import torch
from torch.fx.experimental.proxy_tensor import make_fx
def f(x):
    return (1 - x) / 2 + (x > 0.5) + x ** 2 - x.mean(0, keepdim=True)
gm = make_fx(f)(torch.tensor([1.0, 2.0]))
print(gm.code)
