// Backends of torch._dynamo.testing that count or record what dynamo hands
// them (CompileCounter, CompileCounterWithBackend, EagerAndRecordGraphs),
// written in the scenario language, as PyTorch writes them in Python.
#pragma once

namespace bwhop::dynamo {

// The module source registered as `torch._dynamo._testing_backends`; its
// classes are re-exported by torch._dynamo.testing.
extern const char* const kTestingBackendsSource;

} // namespace bwhop::dynamo
