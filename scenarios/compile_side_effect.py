"""torch.compile replays attribute mutations of a pre-existing object after the graph runs."""
import torch


class MyObj:
    def __init__(self):
        self.counter = 0
        self.last = None


obj = MyObj()


def fn(x, y):
    obj.counter = obj.counter + 1
    obj.last = x * y
    z = obj.last + y
    return z


x = torch.tensor([0.5, 1.5])
y = torch.tensor([2.0, 4.0])
out = torch.compile(fn, backend="eager", fullgraph=True)(x, y)
print("out:", out.tolist())
print("obj.counter:", obj.counter)
print("obj.last:", obj.last.tolist())
assert obj.counter == 1
assert obj.last.tolist() == (x * y).tolist()
