import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = (x * x * x).sum()
(g,) = torch.autograd.grad(y, [x], create_graph=True)
print(g)
(g2,) = torch.autograd.grad(g.sum(), [x])
print(g2)
