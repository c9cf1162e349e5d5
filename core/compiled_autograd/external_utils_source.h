// Source text of torch._dynamo.external_utils, written in the scenario
// language so dynamo inlines these helpers like any script function.
#pragma once

namespace bwhop::compiled_autograd {

extern const char* const kExternalUtilsSource;

} // namespace bwhop::compiled_autograd
