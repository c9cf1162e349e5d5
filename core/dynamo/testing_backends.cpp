#include "core/dynamo/testing_backends.h"

namespace bwhop::dynamo {

// Our own implementation of the behaviour PyTorch's tests rely on: a backend
// counting frames and the graph's call nodes, one that also compiles with a
// named backend, and one that keeps every graph it is given.
const char* const kTestingBackendsSource = R"PY(
from torch._dynamo.backends.registry import lookup_backend


def _count_calls(gm):
    return len([node for node in gm.graph.nodes if "call" in node.op])


class CompileCounter:
    def __init__(self):
        self.frame_count = 0
        self.op_count = 0

    def __call__(self, gm, example_inputs):
        self.frame_count += 1
        self.op_count += _count_calls(gm)
        return gm.forward

    def clear(self):
        self.frame_count = 0
        self.op_count = 0


class CompileCounterWithBackend:
    def __init__(self, backend):
        self.frame_count = 0
        self.op_count = 0
        self.backend = backend
        self.graphs = []

    def __call__(self, gm, example_inputs):
        self.frame_count += 1
        self.op_count += _count_calls(gm)
        self.graphs.append(gm)
        return lookup_backend(self.backend)(gm, example_inputs)


class EagerAndRecordGraphs:
    def __init__(self):
        self.graphs = []

    def __call__(self, gm, example_inputs):
        self.graphs.append(gm)
        return gm.forward
)PY";

} // namespace bwhop::dynamo
