import torch
print(torch.tensor([[1, 2], [3, 4]]))
print(torch.tensor([[1, -20, 300], [4000, 5, 6]]))
print(torch.tensor([[0, 0, 0]]))
print(torch.arange(12).view(3, 4))
