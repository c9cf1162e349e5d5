import torch
print(torch.tensor([0.5, 0.5]))
print(torch.tensor([1.0, 2.0, 3.0]))
print(torch.tensor([1.5, 2.25, -3.0]))
print(torch.tensor([0.1, 0.2, 0.3]))
print(repr(torch.tensor([100.0, 2.5])))
print(str(torch.tensor([-1.0, 0.0, 1.0])))
