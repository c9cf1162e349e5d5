#include "core/inductor/config.h"

namespace bwhop::inductor {

InductorConfig& config() {
  static InductorConfig instance;
  return instance;
}

} // namespace bwhop::inductor
