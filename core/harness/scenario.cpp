#include "core/harness/scenario.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/lang/parser.h"

namespace bwhop::harness {

std::vector<Scenario> discover_scenarios(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    throw std::runtime_error("scenarios folder " + dir.string() + " does not exist");
  std::vector<Scenario> scenarios;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    const std::filesystem::path& path = entry.path();
    const std::string stem = path.stem().string();
    if (path.extension() != ".py" || stem.empty() || stem[0] == '_' || stem[0] == '.') continue;
    if (!entry.is_regular_file(ec)) continue;
    scenarios.push_back({stem, path});
  }
  if (ec) throw std::runtime_error("cannot read " + dir.string() + ": " + ec.message());
  std::sort(scenarios.begin(), scenarios.end(),
            [](const Scenario& a, const Scenario& b) { return a.name < b.name; });
  return scenarios;
}

namespace {

std::string_view trim(std::string_view s) {
  const std::size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

} // namespace

// The module docstring is whatever the language's parser says it is: the first
// statement, when it is a plain string literal (every prefix, escape and quote
// form the parser knows). A file that does not parse has no description.
std::string docstring_summary(std::string_view source) {
  if (source.substr(0, 3) == "\xEF\xBB\xBF") source.remove_prefix(3); // UTF-8 BOM
  const lang::ParseResult parsed = lang::try_parse_file("<scenario>", std::string(source));
  if (!parsed.file || parsed.file->body.size == 0) return {};
  const auto* stmt = parsed.file->body[0]->as<lang::ExprStmt>();
  const auto* literal = stmt ? stmt->value->as<lang::Constant>() : nullptr;
  if (!literal || literal->value_kind != lang::ConstantKind::Str) return {};
  std::string_view rest = literal->str_value;
  while (!rest.empty()) {
    const std::size_t nl = rest.find('\n');
    const std::string_view line = trim(rest.substr(0, nl));
    if (!line.empty()) return std::string(line);
    if (nl == std::string_view::npos) break;
    rest.remove_prefix(nl + 1);
  }
  return {};
}

std::string scenario_description(const Scenario& scenario) {
  std::ifstream in(scenario.path, std::ios::binary);
  if (!in) return {};
  std::ostringstream text;
  text << in.rdbuf();
  return docstring_summary(text.str());
}

std::optional<Scenario> find_scenario(const std::vector<Scenario>& scenarios,
                                      std::string_view name) {
  for (const Scenario& s : scenarios)
    if (s.name == name) return s;
  return std::nullopt;
}

} // namespace bwhop::harness
