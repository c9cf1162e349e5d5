import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = torch.tensor([3.0, 4.0], requires_grad=True)
out = x * y
def post(grad_inputs, grad_outputs):
    print("post", len(grad_inputs), len(grad_outputs), grad_outputs[0])
    return (grad_inputs[0] * 10, grad_inputs[1])
def pre(grad_outputs):
    print("pre", grad_outputs[0])
    return (grad_outputs[0] + 1,)
h1 = out.grad_fn.register_hook(post)
h2 = out.grad_fn.register_prehook(pre)
out.backward(torch.ones(2), retain_graph=True)
print(x.grad, y.grad)
h1.remove()
h2.remove()
out.backward(torch.ones(2))
print(x.grad, y.grad)
z = (x * 2).sum()
z.grad_fn.register_prehook(lambda g: None)
z.backward()
print(x.grad)
