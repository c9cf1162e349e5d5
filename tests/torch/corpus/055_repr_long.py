import torch
print(torch.arange(30.0))
print(torch.arange(2000))
print(torch.arange(1500.0).view(30, 50))
print(torch.ones(3, 20) * 1.5)
