// Source text (scenario language) of the PyTorch test-support modules the
// runner provides: torch.testing._internal.common_utils, torch._dynamo.test_case
// and a minimal torch._functorch.config.
#pragma once

namespace bwhop::unittest {

extern const char* const kCommonUtilsSource;
extern const char* const kDynamoTestCaseSource;
extern const char* const kFunctorchConfigSource;

} // namespace bwhop::unittest
