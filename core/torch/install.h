// Makes `import torch` (and the torch submodules the scenarios use) available
// to every script run in this process. Call once before running scripts;
// calling again is harmless.
#pragma once

namespace bwhop::torchmod {

void install();

} // namespace bwhop::torchmod
