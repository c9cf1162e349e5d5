// UsedNames stores names by base and suffix number; it must answer exactly as
// a plain set of strings would, whatever the mix of names.
#include <doctest/doctest.h>

#include <deque>
#include <string>
#include <unordered_set>

#include "core/fx/used_names.h"

using namespace bwhop::fx;

namespace {

// Inserts each name (if new) and checks every probe against a std::unordered_set.
void check_against_set(const std::deque<std::string>& inserted,
                       const std::deque<std::string>& probes) {
  UsedNames used;
  std::unordered_set<std::string> reference;
  for (const std::string& name : inserted) {
    CHECK(used.contains(name) == (reference.count(name) != 0));
    if (reference.insert(name).second) used.insert(name);
    for (const std::string& p : probes) {
      INFO("after inserting " << name << ", probing " << p);
      CHECK(used.contains(p) == (reference.count(p) != 0));
    }
  }
}

} // namespace

TEST_CASE("split_name_suffix follows FX's lazy suffix pattern") {
  int64_t num = -1;
  bool has_num = true;
  CHECK(split_name_suffix("add", &num, &has_num) == 3);
  CHECK_FALSE(has_num);
  CHECK(split_name_suffix("add_12", &num, &has_num) == 3);
  CHECK(has_num);
  CHECK(num == 12);
  CHECK(split_name_suffix("a_1_2", &num, &has_num) == 3);
  CHECK(num == 2);
  CHECK(split_name_suffix("_5", &num, &has_num) == 2); // the base keeps one character
  CHECK_FALSE(has_num);
  CHECK(split_name_suffix("x1", &num, &has_num) == 2);
  CHECK_FALSE(has_num);
  CHECK(split_name_suffix("a_99999999999999999999999", &num, &has_num) == 25);
  CHECK_FALSE(has_num);
}

TEST_CASE("used names answer as a set of strings") {
  // Bare bases, canonical and non-canonical suffixes, numbers far beyond a
  // base's numbering (kept aside first, then reached by the bitset), bases
  // that end in digits or underscores.
  std::deque<std::string> names = {"mul", "mul_1", "mul_01", "mul_0",   "mul_00",  "a_1_2",
                                   "a_1", "a_",    "_5",     "x1",      "x1_1",    "big_9000",
                                   "big", "big_1", "mul_2",  "mul_100", "getitem", "sum_1"};
  std::deque<std::string> probes = names;
  for (const char* p : {"mul_3", "big_8999", "big_9001", "mul_001", "a", "a_1_3", "x", "_"})
    probes.emplace_back(p);
  check_against_set(names, probes);
}

TEST_CASE("a far suffix stays found when the base's numbering grows past it") {
  std::deque<std::string> names;
  names.emplace_back("n_20000");
  for (int i = 1; i <= 20010; ++i) names.push_back("n_" + std::to_string(i));
  UsedNames used;
  std::unordered_set<std::string> reference;
  for (const std::string& name : names) {
    if (reference.insert(name).second) used.insert(name);
  }
  for (int i = 0; i <= 20020; ++i) {
    std::string p = "n_" + std::to_string(i);
    CHECK(used.contains(p) == (reference.count(p) != 0));
  }
  CHECK_FALSE(used.contains("n"));
}
