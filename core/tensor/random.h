// The default CPU generator behind rand/randn: deterministic after manual_seed
// (values differ from PyTorch's Philox/MT streams, by design of this project).
#pragma once

#include <cstdint>
#include <random>

namespace bwhop::tensor {

std::mt19937_64& default_generator();
void seed_default_generator(uint64_t seed);

} // namespace bwhop::tensor
