import torch
x = torch.arange(24.0).view(2, 3, 4)
print(x.sum((0, 2)))
print(x.sum(dim=(1, 2), keepdim=True).shape)
print(x.mean(-1))
print(torch.sum(x, [0, 1]))
x = torch.ones(2, 3, requires_grad=True)
x.sum(1).sum().backward()
print(x.grad)
