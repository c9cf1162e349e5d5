import torch
x = torch.tensor([1.0, 2.0])
try:
    x * {}
except TypeError as e:
    print("TypeError:", e)
try:
    torch.mul(x, "a")
except TypeError as e:
    print("TypeError:", e)
try:
    torch.sin(3.0)
except TypeError as e:
    print("TypeError:", e)
try:
    x.unsqueeze(1.5)
except TypeError as e:
    print("TypeError:", e)
