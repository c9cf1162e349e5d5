import torch
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * x
(g,) = torch.autograd.grad(y, x, grad_outputs=torch.tensor([1.0, 0.5, 0.0]))
print(g)
(g,) = torch.autograd.grad([y.sum()], [x], retain_graph=True)
print(g)
print(x.grad)
