import torch
print(torch.tensor([]))
print(torch.zeros(0))
print(torch.tensor([]).shape)
print(torch.zeros(2, 0).shape)
print(torch.zeros(2, 0))
