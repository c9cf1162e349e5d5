import torch
x = torch.tensor([1.0], requires_grad=True)
y = x * 2
print(y.grad_fn is y.grad_fn)
acc = y.grad_fn.next_functions[0][0]
print(acc.name(), acc is y.grad_fn.next_functions[0][0])
print(acc.variable is x)
x.grad = None
print(x.grad is None)
(y * 1).backward()
print(x.grad is x.grad)
