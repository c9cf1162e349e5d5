import torch
x = torch.tensor([1.0, 2.0])
x += 1
print(x)
w = torch.tensor([1.0], requires_grad=True)
try:
    w += 1
except RuntimeError as e:
    print("RuntimeError:", e)
y = w * 2
print(y)
y.sum().backward()
print(w.grad)
