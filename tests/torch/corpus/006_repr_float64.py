import torch
print(torch.tensor([0.5, 1.5], dtype=torch.float64))
print(torch.tensor(2.0, dtype=torch.double))
print(torch.ones(2, dtype=torch.float64))
print(torch.tensor([1, 2], dtype=torch.float32))
print(torch.tensor([1.7, -2.2], dtype=torch.int64))
print(torch.tensor([0, 2], dtype=torch.bool))
