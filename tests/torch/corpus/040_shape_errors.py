import torch
try:
    torch.ones(2) + torch.ones(3)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.ones(6).view(4, 2)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.ones(2, 3).sum(2)
except IndexError as e:
    print("IndexError:", e)
try:
    torch.ones(2, 3).mm(torch.ones(2, 3))
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.ones(2, 3).unsqueeze(4)
except IndexError as e:
    print("IndexError:", e)
