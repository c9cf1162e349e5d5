// libFuzzer target: the lexer and parser must never crash, hang or leak on
// arbitrary input; every outcome is either a tree or a SyntaxError.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/lang/ast_dump.h"
#include "core/lang/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string source(reinterpret_cast<const char*>(data), size);
  bwhop::lang::ParseResult result = bwhop::lang::try_parse_file("fuzz.py", source);
  if (result.error) {
    // Formatting must cope with any location the parser reports.
    std::string text = bwhop::lang::format_syntax_error(*result.error);
    if (text.empty()) __builtin_trap();
  } else {
    // Walk the whole tree: every pointer the parser left must be valid.
    std::string text = bwhop::lang::dump(*result.file, true);
    if (text.empty()) __builtin_trap();
  }
  return 0;
}
