#include <doctest/doctest.h>

#include "core/harness/color.h"
#include "core/harness/project_paths.h"
#include "core/harness/suggest.h"
#include "temp_dir.h"

using namespace bwhop::harness;
using bwhop::harness::testing::TempDir;

TEST_CASE("edit distance") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("abc", "") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("hello", "helo") == 1);
  CHECK(edit_distance("flaw", "lawn") == 2);
}

TEST_CASE("closest names: nearest first, ties by name, at most the limit") {
  const std::vector<std::string> names = {"make_fx_hook", "hello", "help", "compiled_autograd"};
  CHECK(closest_names("helo", names) == std::vector<std::string>{"hello", "help", "make_fx_hook"});
  CHECK(closest_names("make_fx", names, 1) == std::vector<std::string>{"make_fx_hook"});
  CHECK(closest_names("x", {}).empty());
}

TEST_CASE("color mode: always, never, and auto on a terminal unless NO_COLOR is non-empty") {
  CHECK(parse_color_mode("auto") == ColorMode::automatic);
  CHECK_FALSE(parse_color_mode("sometimes").has_value());
  CHECK(use_color(ColorMode::always, false, "1"));
  CHECK_FALSE(use_color(ColorMode::never, true, nullptr));
  CHECK(use_color(ColorMode::automatic, true, nullptr));
  CHECK(use_color(ColorMode::automatic, true, ""));
  CHECK_FALSE(use_color(ColorMode::automatic, true, "1"));
  CHECK_FALSE(use_color(ColorMode::automatic, false, nullptr));
}

TEST_CASE("colorize_diff colors removed, added and hunk lines; off means unchanged") {
  const std::string diff = "--- a\n+++ b\n@@ -1 +1 @@\n-x\n+y\n--- z\n";
  CHECK(colorize_diff(diff, false) == diff);
  CHECK(colorize_diff(diff, true) == "\x1b[1m--- a\x1b[0m\n\x1b[1m+++ b\x1b[0m\n"
                                     "\x1b[36m@@ -1 +1 @@\x1b[0m\n\x1b[31m-x\x1b[0m\n"
                                     "\x1b[32m+y\x1b[0m\n\x1b[31m--- z\x1b[0m\n");
  CHECK(paint("PASS", Paint::green, false) == "PASS");
}

TEST_CASE("project paths: explicit folders, BWHOP_ROOT, or the nearest root upward") {
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "proj/scenarios");
  std::filesystem::create_directories(dir.path() / "proj/golden");
  std::filesystem::create_directories(dir.path() / "proj/deep/er");
  const auto root = dir.path() / "proj";

  CHECK(find_project_root(root / "deep/er") == root);
  CHECK_FALSE(find_project_root(dir.path()).has_value());

  auto p = resolve_project_paths("", "", "", root / "deep/er");
  CHECK(p.scenarios == std::filesystem::path("../../scenarios"));
  CHECK(p.golden == std::filesystem::path("../../golden"));

  p = resolve_project_paths("", "", root.string(), "/");
  CHECK(p.scenarios == root.relative_path() / "scenarios");

  p = resolve_project_paths("s", "", "", root);
  CHECK(p.scenarios == std::filesystem::path("s"));
  CHECK(p.golden == std::filesystem::path("golden"));

  p = resolve_project_paths("s", "g", "", dir.path()); // no root needed
  CHECK(p.golden == std::filesystem::path("g"));

  CHECK_THROWS_WITH(resolve_project_paths("", "", "", dir.path()), doctest::Contains("BWHOP_ROOT"));
}
