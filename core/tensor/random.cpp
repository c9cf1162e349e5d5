#include "core/tensor/random.h"

namespace bwhop::tensor {

namespace {
// PyTorch's default_rng_seed_val, so an unseeded run is still reproducible.
constexpr uint64_t kDefaultSeed = 67280421310721ULL;
std::mt19937_64 g_generator{kDefaultSeed};
} // namespace

std::mt19937_64& default_generator() {
  return g_generator;
}
void seed_default_generator(uint64_t seed) {
  g_generator.seed(seed);
}

} // namespace bwhop::tensor
