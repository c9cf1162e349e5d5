// Makes torch.compile, torch._dynamo (reset, exc) and
// torch._functorch.aot_autograd.AOT_COUNTER available to scripts. Call after
// bwhop::torchmod::install(): it extends the modules core/torch registered.
#pragma once

namespace bwhop::dynamo {

void install();

} // namespace bwhop::dynamo
