import torch
x = torch.tensor([1.0, 2.0, 4.0])
print(1 + x)
print(3 - x)
print(2 * x)
print(1 / x)
print(x - 1, x / 4, x ** 2, -x)
i = torch.tensor([1, 2])
print(5 - i, 2 * i, 1 / i)
