// The golden folder: one file <name>.txt per scenario holding its expected
// dump byte for byte. Writes are atomic (temp file in the same folder, then
// rename), so a crash or a full disk never leaves a half-written golden.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bwhop::harness {

class GoldenStore {
public:
  explicit GoldenStore(std::filesystem::path dir) : dir_(std::move(dir)) {}

  const std::filesystem::path& dir() const { return dir_; }
  std::filesystem::path path_of(std::string_view scenario) const;

  // The golden's bytes, or nullopt when there is none.
  std::optional<std::string> read(std::string_view scenario) const;

  // Names of all goldens (file stems of *.txt, hidden files skipped), sorted.
  std::vector<std::string> names() const;

  enum class WriteOutcome { created, updated, unchanged };
  // Stores `content` unless the golden already holds exactly that. Throws
  // std::runtime_error (leaving any old golden intact) when writing fails.
  WriteOutcome write(std::string_view scenario, std::string_view content) const;

private:
  std::filesystem::path dir_;
};

// Writes `content` to `path` through a temp file in the same folder, flushed
// to disk and renamed over `path`. Throws std::runtime_error on failure, after
// removing the temp file; `path` is then untouched.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

// The whole file, or nullopt when it cannot be opened.
std::optional<std::string> read_file(const std::filesystem::path& path);

} // namespace bwhop::harness
