// Registers torch._dynamo.compiled_autograd (native: _enable, _disable, reset,
// ops) and torch._dynamo.external_utils (scenario-language source). Called by
// dynamo::install, after or before torchmod::install (the modules import torch
// lazily); calling again is harmless.
#pragma once

namespace bwhop::compiled_autograd {

void install();

} // namespace bwhop::compiled_autograd
