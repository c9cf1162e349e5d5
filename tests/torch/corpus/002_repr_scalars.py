import torch
print(torch.tensor(2.5))
print(torch.tensor(3))
print(torch.tensor(True))
print(torch.tensor(-7.0))
print(torch.tensor(0.0))
print(torch.tensor(1e-3))
print(torch.tensor(12345.0))
