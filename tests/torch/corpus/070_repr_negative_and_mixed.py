import torch
print(torch.tensor([-0.5, 1.25, -100.0]))
print(torch.tensor([[-1.0, 2.0], [3.5, -4.25]]))
print(torch.tensor([-5, 10, -15]))
print(torch.tensor([0.001, 0.01, 0.1]))
print(torch.tensor([1.0, 10.0, 100.0, 1000.0]))
print(torch.tensor([1e-4, 1e4]))
print(torch.tensor(-0.0))
