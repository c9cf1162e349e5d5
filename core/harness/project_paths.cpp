#include "core/harness/project_paths.h"

#include <stdexcept>

namespace bwhop::harness {

std::optional<std::filesystem::path> find_project_root(const std::filesystem::path& start) {
  std::error_code ec;
  std::filesystem::path dir = std::filesystem::absolute(start, ec);
  if (ec) return std::nullopt;
  while (true) {
    if (std::filesystem::is_directory(dir / "scenarios", ec) &&
        std::filesystem::is_directory(dir / "golden", ec))
      return dir;
    if (!dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
    dir = dir.parent_path();
  }
}

ProjectPaths resolve_project_paths(const std::string& scenarios_dir, const std::string& golden_dir,
                                   const std::string& bwhop_root,
                                   const std::filesystem::path& cwd) {
  ProjectPaths paths{scenarios_dir, golden_dir};
  if (!scenarios_dir.empty() && !golden_dir.empty()) return paths;
  std::filesystem::path root;
  if (!bwhop_root.empty()) {
    root = bwhop_root;
  } else if (auto found = find_project_root(cwd)) {
    root = *found;
  } else {
    throw std::runtime_error("no project root: no folder holding scenarios/ and golden/ at or "
                             "above " +
                             cwd.string() +
                             "; run bwhop inside the project, set BWHOP_ROOT, or pass "
                             "--scenarios DIR and --golden DIR");
  }
  // Relative to the current directory when possible, so messages say
  // "golden/hello.txt" rather than a long absolute path.
  auto near = [&](const std::filesystem::path& p) {
    std::error_code ec;
    std::filesystem::path rel = std::filesystem::proximate(p, cwd, ec);
    return ec || rel.empty() ? p : rel;
  };
  if (scenarios_dir.empty()) paths.scenarios = near(root / "scenarios");
  if (golden_dir.empty()) paths.golden = near(root / "golden");
  return paths;
}

} // namespace bwhop::harness
