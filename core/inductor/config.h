// Inductor's tunables, named after torch._inductor.config. Lowering reads them
// on every call, so a caller (a test, a binding) may change them between compiles.
#pragma once

#include <cstddef>

namespace bwhop::inductor {

struct InductorConfig {
  // torch._inductor.config.max_fusion_size: how many scheduler nodes (realized
  // buffers; inlined ops do not count) one fused kernel may hold. The scheduler
  // refuses a fusion whose two sides together exceed it.
  std::size_t max_fusion_size = 64;
  // torch._inductor.config.realize_opcount_threshold. GraphLowering.run_node
  // realizes a pointwise value whose inner function has more than
  // max(100, this) distinct ops (loads, constants and ops, after CSE), so that
  // inlining stops growing one expression without bound.
  std::size_t realize_opcount_threshold = 30;
  static constexpr std::size_t kRunNodeOpcountThreshold = 100;

  std::size_t large_inner_fn_threshold() const {
    return realize_opcount_threshold > kRunNodeOpcountThreshold ? realize_opcount_threshold
                                                                : kRunNodeOpcountThreshold;
  }
};

// The process-wide config (torch._inductor.config is a module global too).
InductorConfig& config();

// Restores the config on scope exit: for tests that patch a value.
class ScopedConfig {
public:
  ScopedConfig() : saved_(config()) {}
  ~ScopedConfig() { config() = saved_; }
  ScopedConfig(const ScopedConfig&) = delete;
  ScopedConfig& operator=(const ScopedConfig&) = delete;

private:
  InductorConfig saved_;
};

} // namespace bwhop::inductor
