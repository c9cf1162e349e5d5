import torch
x = torch.tensor([[1.5, 2.5], [3.5, 4.5]])
print(torch.ones_like(x))
print(torch.zeros_like(x))
print(torch.full_like(x, 9))
print(torch.empty_like(x).shape)
i = torch.tensor([1, 2, 3])
print(torch.ones_like(i))
print(torch.zeros_like(i, dtype=torch.float64))
