"""Driver of bench/compiled_autograd_bench.sh (one size, one shape, one mode per run).

Usage: bwhop exec compiled_autograd_bench.py SHAPE MODE NODES
  SHAPE  chain:  x = x * y, x = x + 1.0 alternating, built eagerly (MulBackward0 and
                 AddBackward0 nodes in one line, then AccumulateGrad for x);
         fanout: leaves x_i, each with a tensor hook, summed by a line of adds
                 (one AccumulateGrad and one tensor pre-hook per leaf).
  MODE   ca:     compiled autograd alone, compiler_fn returns the graph module
                 (collection, graph build, the graph's code run by the interpreter);
         dynamo: compiler_fn re-traces the graph with torch.compile(backend="eager",
                 fullgraph=True, dynamic=True).
  NODES  how many autograd nodes the backward graph has (GraphRoot not counted).

Each backward runs on a fresh, identical forward (fresh leaves without .grad), so the
second one under compiled autograd is a cache hit. Gradients of every backward are
compared with the eager engine's; a mismatch exits 1. Prints
  result SHAPE-MODE NODES eager_cpu first_cpu second_cpu first_wall second_wall compiles
in seconds (cpu = time.process_time(), wall = time.perf_counter()); compiles counts the
compiler_fn calls of the two measured backwards.
"""
import sys
import time

import torch
import torch._dynamo
from torch._dynamo import compiled_autograd


def double(grad):
    return grad * 2.0


def build_chain(nodes):
    """nodes - 1 ops after the leaf: nodes - 1 Mul/AddBackward0 and one AccumulateGrad."""
    x = torch.tensor([0.5, 0.25], requires_grad=True)
    # Close to 1 in size, so the gradient (a product of these) neither under- nor overflows.
    y = torch.tensor([1.00002, -0.99998])
    out = x
    for i in range(nodes - 1):
        out = out * y if i % 2 == 0 else out + 1.0
    return [x], out


def build_fanout(nodes):
    """(nodes + 1) // 2 hooked leaves and one AddBackward0 fewer than leaves."""
    leaves = []
    for i in range((nodes + 1) // 2):
        leaf = torch.tensor([0.5 + i % 3, -1.0], requires_grad=True)
        leaf.register_hook(double)
        leaves.append(leaf)
    out = leaves[0]
    for leaf in leaves[1:]:
        out = out + leaf
    return leaves, out


def node_count(shape, nodes):
    return nodes if shape == "chain" else 2 * ((nodes + 1) // 2) - 1


def close(a, b):
    return all(abs(p - q) <= 1e-4 * max(abs(p), abs(q)) + 1e-30 for p, q in zip(a, b))


def check(what, leaves, expected):
    for i, leaf in enumerate(leaves):
        got = leaf.grad.tolist() if leaf.grad is not None else None
        if got is None or not close(got, expected[i]):
            print("mismatch:", what, "leaf", i, got, "expected", expected[i])
            sys.exit(1)


def timed_backward(build, nodes, grad_out):
    """Builds a fresh forward (not timed), runs its backward; returns leaves, cpu s, wall s."""
    leaves, out = build(nodes)
    cpu0 = time.process_time()
    wall0 = time.perf_counter()
    out.backward(grad_out)
    wall = time.perf_counter() - wall0
    return leaves, time.process_time() - cpu0, wall


def main():
    shape, mode, nodes = sys.argv[1], sys.argv[2], int(sys.argv[3])
    build = build_chain if shape == "chain" else build_fanout
    compiles = []

    def compiler_fn(gm):
        compiles.append(gm)
        if mode == "ca":
            return gm
        return torch.compile(gm, backend="eager", fullgraph=True, dynamic=True)

    grad_out = torch.tensor([1.0, 1.0])
    leaves, eager_cpu, _ = timed_backward(build, nodes, grad_out)
    expected = [leaf.grad.tolist() for leaf in leaves]

    torch._dynamo.reset()
    with compiled_autograd._enable(compiler_fn):
        # A small backward of the same shape first, so one-time costs (loading the
        # runtime helpers, binding the ops) are not charged to the measured size.
        warm_leaves, _, _ = timed_backward(build, 4, grad_out)
        compiles.clear()
        first_leaves, first_cpu, first_wall = timed_backward(build, nodes, grad_out)
        second_leaves, second_cpu, second_wall = timed_backward(build, nodes, grad_out)
    check("first backward", first_leaves, expected)
    check("second backward", second_leaves, expected)
    # compiles: how often compiler_fn ran for the two measured backwards (1 when the
    # second was a cache hit, as it must be for "first - second" to mean compile time).
    print("result", shape + "-" + mode, node_count(shape, nodes), eager_cpu, first_cpu, second_cpu,
          first_wall, second_wall, len(compiles))


main()
