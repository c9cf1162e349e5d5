#include <doctest/doctest.h>
#include <sys/stat.h>

#include "core/harness/golden_store.h"
#include "temp_dir.h"

using namespace bwhop::harness;
using bwhop::harness::testing::TempDir;

TEST_CASE("golden store: created, unchanged, updated; bytes kept exactly") {
  TempDir dir;
  const GoldenStore store(dir.path() / "golden");
  CHECK_FALSE(store.read("hello").has_value());
  CHECK(store.write("hello", "a\r\nb") == GoldenStore::WriteOutcome::created);
  CHECK(*store.read("hello") == "a\r\nb");
  CHECK(store.write("hello", "a\r\nb") == GoldenStore::WriteOutcome::unchanged);
  CHECK(store.write("hello", "a\nb\n") == GoldenStore::WriteOutcome::updated);
  CHECK(*store.read("hello") == "a\nb\n");
  CHECK(store.path_of("hello") == dir.path() / "golden" / "hello.txt");
}

TEST_CASE("golden store: names are the *.txt stems, temp and other files skipped") {
  TempDir dir;
  dir.write("g/b.txt", "");
  dir.write("g/a.txt", "");
  dir.write("g/.a.txt.tmp.123456", "");
  dir.write("g/readme.md", "");
  CHECK(GoldenStore(dir.path() / "g").names() == std::vector<std::string>{"a", "b"});
  CHECK(GoldenStore(dir.path() / "missing").names().empty());
}

TEST_CASE("an unchanged write does not touch the file") {
  TempDir dir;
  const GoldenStore store(dir.path());
  store.write("x", "same\n");
  struct stat before {};
  REQUIRE(::stat(store.path_of("x").c_str(), &before) == 0);
  CHECK(store.write("x", "same\n") == GoldenStore::WriteOutcome::unchanged);
  struct stat after {};
  REQUIRE(::stat(store.path_of("x").c_str(), &after) == 0);
  CHECK(before.st_ino == after.st_ino);
  CHECK(before.st_mtim.tv_nsec == after.st_mtim.tv_nsec);
}

TEST_CASE("a failed atomic write leaves the old file and no temp file behind") {
  if (::geteuid() == 0) {
    // root ignores folder permissions; make the rename fail instead: the
    // target is a non-empty folder, which rename() cannot replace with a file.
    TempDir dir;
    dir.write("target/inside", "keep me");
    CHECK_THROWS_WITH(write_file_atomically(dir.path() / "target", "new"),
                      doctest::Contains("cannot replace"));
    CHECK(std::filesystem::is_directory(dir.path() / "target"));
    std::size_t entries = 0;
    for (auto& e : std::filesystem::directory_iterator(dir.path())) (void)e, ++entries;
    CHECK(entries == 1);
  } else {
    TempDir dir;
    const auto file = dir.write("g/x.txt", "old\n");
    ::chmod((dir.path() / "g").c_str(), 0555);
    CHECK_THROWS(write_file_atomically(file, "new\n"));
    ::chmod((dir.path() / "g").c_str(), 0755);
    CHECK(*read_file(file) == "old\n");
  }
}
