import torch
x = torch.arange(8.0).view(2, 2, 2)
print(x)
print(torch.zeros(2, 1, 3))
print(torch.ones(1, 1, 1))
