#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "core/harness/diff.h"

using namespace bwhop::harness;

namespace {

// Length of a longest common subsequence, by the textbook table: the oracle
// for the minimality of Myers' edit scripts.
std::size_t lcs_length(const std::vector<std::string_view>& a,
                       const std::vector<std::string_view>& b) {
  std::vector<std::vector<std::size_t>> t(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j)
      t[i][j] = a[i - 1] == b[j - 1] ? t[i - 1][j - 1] + 1 : std::max(t[i - 1][j], t[i][j - 1]);
  return t[a.size()][b.size()];
}

std::string lines_text(std::initializer_list<const char*> lines) {
  std::string s;
  for (const char* l : lines) s += std::string(l) + "\n";
  return s;
}

} // namespace

TEST_CASE("split_lines keeps terminators and a final unterminated line") {
  const auto lines = split_lines("a\nb\r\nc");
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "a\n");
  CHECK(lines[1] == "b\r\n");
  CHECK(lines[2] == "c");
  CHECK(split_lines("").empty());
}

TEST_CASE("equal texts have an empty diff") {
  CHECK(unified_diff("a\nb\n", "a\nb\n").empty());
  CHECK(unified_diff("", "").empty());
}

TEST_CASE("one changed line in the middle: a hunk with 3 lines of context") {
  const std::string old_text = lines_text({"1", "2", "3", "4", "5", "6", "7", "8", "9"});
  const std::string new_text = lines_text({"1", "2", "3", "4", "five", "6", "7", "8", "9"});
  CHECK(unified_diff(old_text, new_text, {"old", "new", 3}) ==
        "--- old\n+++ new\n"
        "@@ -2,7 +2,7 @@\n"
        " 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
}

TEST_CASE("changes further apart than twice the context make separate hunks") {
  std::vector<const char*> base = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"};
  std::string old_text, new_text;
  for (const char* l : base) old_text += std::string(l) + "\n";
  for (const char* l : base) {
    std::string s = l;
    if (s == "b" || s == "k") s = s + "!"; // 8 unchanged lines between the two changes
    new_text += s + "\n";
  }
  CHECK(unified_diff(old_text, new_text, {"o", "n", 3}) ==
        "--- o\n+++ n\n"
        "@@ -1,5 +1,5 @@\n a\n-b\n+b!\n c\n d\n e\n"
        "@@ -8,5 +8,5 @@\n h\n i\n j\n-k\n+k!\n l\n");
}

TEST_CASE("changes at most twice the context apart share one hunk") {
  const std::string old_text = lines_text({"a", "b", "c", "d", "e", "f", "g", "h", "i"});
  const std::string new_text = lines_text({"a", "B", "c", "d", "e", "f", "g", "H", "i"});
  CHECK(unified_diff(old_text, new_text, {"o", "n", 3}) ==
        "--- o\n+++ n\n"
        "@@ -1,9 +1,9 @@\n a\n-b\n+B\n c\n d\n e\n f\n g\n-h\n+H\n i\n");
}

TEST_CASE("insertion into and deletion to an empty file use the 0,0 range") {
  CHECK(unified_diff("", "x\ny\n", {"o", "n", 3}) == "--- o\n+++ n\n@@ -0,0 +1,2 @@\n+x\n+y\n");
  CHECK(unified_diff("x\n", "", {"o", "n", 3}) == "--- o\n+++ n\n@@ -1 +0,0 @@\n-x\n");
}

TEST_CASE("pure insertion names the line before it") {
  const std::string old_text = lines_text({"a", "b"});
  const std::string new_text = lines_text({"a", "b", "c"});
  CHECK(unified_diff(old_text, new_text, {"o", "n", 0}) == "--- o\n+++ n\n@@ -2,0 +3 @@\n+c\n");
}

TEST_CASE("a missing trailing newline is reported, never equal") {
  const std::string diff = unified_diff("a\nb\n", "a\nb", {"golden", "dump", 3});
  CHECK(diff == "--- golden\n+++ dump\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n"
                "\\ No newline at end of file\n");
  const std::string reverse = unified_diff("a\nb", "a\nb\n", {"golden", "dump", 3});
  CHECK(reverse == "--- golden\n+++ dump\n@@ -1,2 +1,2 @@\n a\n-b\n"
                   "\\ No newline at end of file\n+b\n");
}

TEST_CASE("CRLF lines differ from LF lines and show their carriage return") {
  const std::string diff = unified_diff("a\r\nb\r\n", "a\nb\n", {"golden", "dump", 3});
  CHECK(diff == "--- golden\n+++ dump\n@@ -1,2 +1,2 @@\n-a^M\n-b^M\n+a\n+b\n");
}

TEST_CASE("texts with no line in common: every old line removed, then every new one added") {
  CHECK(unified_diff("a\nb\n", "c\nd\ne\n", {"o", "n", 3}) ==
        "--- o\n+++ n\n@@ -1,2 +1,3 @@\n-a\n-b\n+c\n+d\n+e\n");
}

TEST_CASE("lines found in one text only do not disturb the alignment of the rest") {
  const std::string old_text = lines_text({"a", "u1", "b", "u2", "c"});
  const std::string new_text = lines_text({"a", "b", "v1", "c", "v2"});
  CHECK(unified_diff(old_text, new_text, {"o", "n", 3}) ==
        "--- o\n+++ n\n@@ -1,5 +1,5 @@\n a\n-u1\n b\n-u2\n+v1\n c\n+v2\n");
}

TEST_CASE("edit scripts are minimal and rebuild the new text (random inputs)") {
  std::mt19937 rng(12345);
  const std::vector<std::string> alphabet = {"a\n", "b\n", "c\n", "d\n"};
  for (int round = 0; round < 300; ++round) {
    std::vector<std::string> a_store, b_store;
    const int n = static_cast<int>(rng() % 25), m = static_cast<int>(rng() % 25);
    for (int i = 0; i < n; ++i) a_store.push_back(alphabet[rng() % alphabet.size()]);
    for (int i = 0; i < m; ++i) b_store.push_back(alphabet[rng() % alphabet.size()]);
    std::vector<std::string_view> a(a_store.begin(), a_store.end());
    std::vector<std::string_view> b(b_store.begin(), b_store.end());
    const auto edits = diff_lines(a, b);
    std::vector<std::string_view> rebuilt;
    std::size_t changes = 0;
    for (const Edit& e : edits) {
      if (e.kind == EditKind::keep) {
        REQUIRE(a[e.old_index] == b[e.new_index]);
        rebuilt.push_back(a[e.old_index]);
      } else if (e.kind == EditKind::insert) {
        rebuilt.push_back(b[e.new_index]);
        ++changes;
      } else {
        ++changes;
      }
    }
    CHECK(rebuilt == b);
    CHECK(changes == a.size() + b.size() - 2 * lcs_length(a, b));
  }
}

TEST_CASE("large inputs with few changes diff quickly and exactly") {
  std::string old_text, new_text;
  for (int i = 0; i < 20000; ++i) {
    const std::string line = "line " + std::to_string(i) + "\n";
    old_text += line;
    new_text += (i % 5000 == 2500) ? "changed " + std::to_string(i) + "\n" : line;
  }
  const std::string diff = unified_diff(old_text, new_text, {"o", "n", 3});
  std::size_t hunks = 0, removed = 0, added = 0;
  for (auto line : split_lines(diff)) {
    if (line.starts_with("@@"))
      ++hunks;
    else if (line.starts_with("-") && !line.starts_with("---"))
      ++removed;
    else if (line.starts_with("+") && !line.starts_with("+++"))
      ++added;
  }
  CHECK(hunks == 4);
  CHECK(removed == 4);
  CHECK(added == 4);
}
