import torch
print(torch.tensor(2.5).item(), torch.tensor(7).item(), torch.tensor(True).item())
print(torch.tensor([3.0]).item())
print(torch.tensor([[1, 2], [3, 4]]).tolist())
print(torch.tensor([0.5, 1.5]).tolist())
print(torch.tensor([True, False]).tolist())
print(torch.tensor(4.0).tolist())
print(float(torch.tensor(1.5)), int(torch.tensor(3)), bool(torch.tensor(0.0)))
try:
    bool(torch.tensor([1.0, 2.0]))
except RuntimeError as e:
    print("RuntimeError:", e)
