import torch
x = torch.ones(2)
print(x.device, repr(x.device), x.device == torch.device("cpu"))
print(torch.device("cpu"), torch.device("cpu").type)
print(torch.zeros(2, device="cpu"))
print(torch.tensor([1.0], device=torch.device("cpu")))
