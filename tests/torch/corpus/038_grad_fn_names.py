import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = torch.tensor([3.0, 4.0], requires_grad=True)
for r in [x + y, x - y, x * y, x / y, x + 1, x * 2, 1 - x, -x, x ** 2, x.sin(), x.cos(), x.exp(), x.log(), x.relu(), x.sigmoid(), x.tanh(), x.abs(), x.sqrt(), x.sum(), x.mean(), x.clone(), x.view(2, 1), x.unsqueeze(0), x.expand(2, 2), x.sum(0)]:
    print(r.grad_fn.name())
z = x * y + x
print(z.grad_fn.name(), [(n.name() if n is not None else None, i) for n, i in z.grad_fn.next_functions])
m = z.grad_fn.next_functions[0][0]
print([(n.name(), i) for n, i in m.next_functions])
print(x.grad_fn is None, (x * 2).detach().grad_fn)
