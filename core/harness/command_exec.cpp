#include <iostream>

#include "core/harness/commands.h"
#include "core/lang/run.h"

namespace bwhop::harness {

int exec_command(const std::string& path, const std::vector<std::string>& args) {
  lang::RunOptions options;
  options.path = path;
  options.args = args;
  options.out = &std::cout;
  options.err = &std::cerr;
  const int status = lang::run_file(options);
  std::cout.flush();
  std::cerr.flush();
  return status;
}

} // namespace bwhop::harness
