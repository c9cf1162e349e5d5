#include "core/harness/golden_store.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace bwhop::harness {

std::optional<std::string> read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return std::move(text).str();
}

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  const std::filesystem::path dir = path.parent_path().empty() ? "." : path.parent_path();
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  std::string temp =
      (dir / ("." + path.filename().string() + ".tmp.XXXXXX")).string(); // mkstemp template
  const int fd = mkstemp(temp.data());
  if (fd < 0)
    throw std::runtime_error("cannot create a temp file in " + dir.string() + ": " +
                             std::strerror(errno));
  auto fail = [&](const char* what) {
    const std::string reason = std::strerror(errno);
    ::close(fd);
    ::unlink(temp.c_str());
    throw std::runtime_error(std::string("cannot ") + what + " " + path.string() + ": " + reason);
  };
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) fail("write");
    written += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd, 0644) != 0) fail("set permissions of");
  if (::fsync(fd) != 0) fail("flush");
  if (::close(fd) != 0) {
    const std::string reason = std::strerror(errno);
    ::unlink(temp.c_str());
    throw std::runtime_error("cannot write " + path.string() + ": " + reason);
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    ::unlink(temp.c_str());
    throw std::runtime_error("cannot replace " + path.string() + ": " + reason);
  }
}

std::filesystem::path GoldenStore::path_of(std::string_view scenario) const {
  return dir_ / (std::string(scenario) + ".txt");
}

std::optional<std::string> GoldenStore::read(std::string_view scenario) const {
  return read_file(path_of(scenario));
}

std::vector<std::string> GoldenStore::names() const {
  std::vector<std::string> names;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir_, ec)) return names;
  for (const auto& entry : std::filesystem::directory_iterator(dir_, ec)) {
    const std::filesystem::path& p = entry.path();
    const std::string stem = p.stem().string();
    if (p.extension() == ".txt" && !stem.empty() && stem[0] != '.') names.push_back(stem);
  }
  std::sort(names.begin(), names.end());
  return names;
}

GoldenStore::WriteOutcome GoldenStore::write(std::string_view scenario,
                                             std::string_view content) const {
  const auto old = read(scenario);
  if (old && *old == content) return WriteOutcome::unchanged;
  write_file_atomically(path_of(scenario), content);
  return old ? WriteOutcome::updated : WriteOutcome::created;
}

} // namespace bwhop::harness
