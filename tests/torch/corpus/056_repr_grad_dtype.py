import torch
x = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
print(x)
print(x * 2)
print((x * 2).sum())
y = torch.tensor([[1.0, -2.5], [3.0, 4.0]], requires_grad=True)
print(y.t())
print(y.mean(1))
