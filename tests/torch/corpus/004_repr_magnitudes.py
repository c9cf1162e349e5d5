import torch
print(torch.tensor([1e-5, 1.0]))
print(torch.tensor([1e8, 1.0]))
print(torch.tensor([123456.789]))
print(torch.tensor([0.0001234, 0.5]))
print(torch.tensor([1000.0, 0.001]))
print(torch.tensor([1e10, 1e-10]))
print(torch.tensor([12.5, 100.25, 7.0]))
