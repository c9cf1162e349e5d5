import torch
print(torch.tensor([True, False, True]))
print(torch.tensor([[True], [False]]))
x = torch.tensor([1.0, 2.0, 3.0])
print(x > 1.5)
print(x == 2.0)
