import torch
x = torch.tensor([0.0, 1.0, -1.0])
print(torch.log(x))
print(torch.sqrt(x))
print(x / 0.0)
print(torch.tensor([1.0, 2.0]) / torch.tensor([0.0, 4.0]))
