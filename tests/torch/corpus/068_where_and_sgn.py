import torch
x = torch.tensor([-2.0, 0.0, 3.0])
y = torch.tensor([10.0, 20.0, 30.0])
print(torch.where(x > 0, x, y))
print(torch.sgn(x), x.sgn())
print(torch.reciprocal(torch.tensor([2.0, 4.0])))
