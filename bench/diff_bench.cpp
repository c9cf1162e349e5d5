// Benchmark (not a test): the harness's line diff on large dumps. Prints the
// time of unified_diff for dumps of growing size with a handful of changed
// lines (target: 1 MB in under 50 ms), and for many changes, to show scaling.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "core/harness/diff.h"

namespace {

// Graph-dump-like text of about `bytes` bytes.
std::string make_dump(std::size_t bytes) {
  std::string text;
  text.reserve(bytes + 128);
  for (std::size_t i = 0; text.size() < bytes; ++i)
    text += "    mul_" + std::to_string(i) + ": \"f32[s0, 4]\" = torch.ops.aten.mul.Tensor(x_" +
            std::to_string(i) + ", y);\n";
  return text;
}

// `text` with `changes` lines, spread evenly, rewritten.
std::string change_lines(const std::string& text, std::size_t changes) {
  const auto lines = bwhop::harness::split_lines(text);
  const std::size_t step = lines.size() / (changes + 1);
  std::string out;
  out.reserve(text.size() + changes * 16);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (changes && i % step == step / 2 && i / step < changes)
      out += "    changed_" + std::to_string(i) + " = torch.ops.aten.add.Tensor(a, b);\n";
    else
      out.append(lines[i]);
  }
  return out;
}

// Median wall time of `runs` diffs, in milliseconds.
double time_diff_ms(const std::string& a, const std::string& b, int runs, std::size_t& size) {
  std::vector<double> times;
  for (int r = 0; r < runs; ++r) {
    const auto start = std::chrono::steady_clock::now();
    const std::string diff = bwhop::harness::unified_diff(a, b);
    times.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
    size = diff.size();
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

} // namespace

int main() {
  std::printf("diff_bench: unified_diff of two dumps (median of 5 runs)\n");
  for (std::size_t mb : {1, 2, 4}) {
    const std::string a = make_dump(mb << 20);
    const std::string b = change_lines(a, 5);
    std::size_t size = 0;
    const double ms = time_diff_ms(a, b, 5, size);
    std::printf("  %zu MB, 5 changed lines:      %8.2f ms  (diff %zu bytes)%s\n", mb, ms, size,
                mb == 1 ? "  target < 50 ms" : "");
  }
  const std::string a = make_dump(1 << 20);
  for (std::size_t changes : {50, 500}) {
    const std::string b = change_lines(a, changes);
    std::size_t size = 0;
    const double ms = time_diff_ms(a, b, 5, size);
    std::printf("  1 MB, %3zu changed lines:    %8.2f ms  (diff %zu bytes)\n", changes, ms, size);
  }
  std::size_t size = 0;
  std::string other = a;
  std::replace(other.begin(), other.end(), 'x', 'z'); // every line changes
  std::printf("  1 MB, no line in common:     %8.2f ms\n", time_diff_ms(a, other, 5, size));
  std::printf("  1 MB, identical:             %8.2f ms\n", time_diff_ms(a, a, 5, size));
  return 0;
}
