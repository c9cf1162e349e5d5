import torch
x = torch.zeros(2, 3, 4)
print(x.shape)
print(x.size())
print(x.size(1), x.size(-1))
print(x.dim(), x.ndim, x.numel())
print(x.shape == (2, 3, 4), x.shape[0], len(x))
print(torch.Size([2, 3]))
print(torch.tensor(5.0).shape, torch.tensor(5.0).dim())
print(list(x.shape), tuple(x.shape))
try:
    x.size(3)
except IndexError as e:
    print("IndexError:", e)
