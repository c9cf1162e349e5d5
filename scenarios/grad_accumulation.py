"""Gradients accumulate into .grad across backward calls; retain_graph, retain_grad and resetting to None."""
import torch

w = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
b = torch.tensor([0.5, -0.5], requires_grad=True)
x = torch.tensor([1.0, -1.0])
h = w.matmul(x) + b
h.retain_grad()
loss = (h * h).mean()
loss.backward(retain_graph=True)
print("w.grad:", w.grad)
print("b.grad:", b.grad)
print("h.grad:", h.grad)
loss.backward()
print("w.grad after second backward:", w.grad)
try:
    loss.backward()
except RuntimeError as e:
    print("third backward:", str(e).split(".")[0])
w.grad = None
(w.sum() * 2).backward()
print("w.grad after reset:", w.grad)
with torch.no_grad():
    print("under no_grad:", (w * 2).requires_grad)
print("leaf:", w.is_leaf, "non-leaf:", h.is_leaf)
