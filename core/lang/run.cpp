#include "core/lang/run.h"

#include <ostream>

namespace bwhop::lang {

// Placeholder until the evaluator lands (issue 2): reports that nothing ran.
int run_file(const RunOptions& options) {
  if (options.err) *options.err << "bwhop: the scenario language is not built yet\n";
  return 2;
}

}  // namespace bwhop::lang
