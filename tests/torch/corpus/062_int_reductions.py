import torch
b = torch.tensor([True, True, False])
print(b.sum(), b.sum().dtype)
i = torch.tensor([[1, 2], [3, 4]])
print(i.sum(1, keepdim=True))
try:
    i.mean()
except RuntimeError as e:
    print("RuntimeError:", e)
print(i.mean(dtype=torch.float32))
