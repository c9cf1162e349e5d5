// The TestServices given to install(), for the runner's own files.
#pragma once

#include "core/unittest/runner.h"

namespace bwhop::unittest {

const TestServices& services();

} // namespace bwhop::unittest
