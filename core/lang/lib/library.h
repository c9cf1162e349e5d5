// Library modules shipped with the interpreter (source text embedded in the
// binary, or native): unittest, unittest.mock, re.
#pragma once

namespace bwhop::lang {

// Registers unittest and unittest.mock (source modules).
void register_library_modules();
// Registers the native `re` module.
void register_re_module();

} // namespace bwhop::lang
