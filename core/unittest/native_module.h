// `_bwhop_unittest`: the runner's internal module that the test-support
// sources call (accepting inline expected text, text diffs, run_tests()).
#pragma once

#include "core/lang/value.h"

namespace bwhop::unittest {

void build_runner_module(const lang::Value& module);

} // namespace bwhop::unittest
