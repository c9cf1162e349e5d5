// The Autograd dispatch key: records grad_fn nodes for ops whose inputs require grad.
#pragma once

namespace bwhop::autograd {

// Registers the autograd kernel with the dispatcher. Idempotent; every autograd entry
// point calls it, and the binding layer should call it at start-up.
void install();

} // namespace bwhop::autograd
