#include "core/harness/scenario.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

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

// Skips blank lines, whitespace and comments; returns the offset of the first
// token of the module.
std::size_t skip_to_first_token(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
      ++i;
    } else if (c == '#') {
      while (i < s.size() && s[i] != '\n') ++i;
    } else {
      break;
    }
  }
  return i;
}

// Decodes the escapes a docstring's first line may use; a raw string keeps them.
std::string decode_escapes(std::string_view body, bool raw) {
  if (raw) return std::string(body);
  std::string out;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '\\' || i + 1 == body.size()) {
      out += body[i];
      continue;
    }
    const char e = body[++i];
    switch (e) {
    case 'n':
      out += '\n';
      break;
    case 't':
      out += '\t';
      break;
    case '\\':
      out += '\\';
      break;
    case '\'':
      out += '\'';
      break;
    case '"':
      out += '"';
      break;
    case '\n':
      break; // backslash-newline joins lines
    default:
      out += '\\';
      out += e;
    }
  }
  return out;
}

std::string_view trim(std::string_view s) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

} // namespace

std::string docstring_summary(std::string_view source) {
  if (source.substr(0, 3) == "\xEF\xBB\xBF") source.remove_prefix(3); // UTF-8 BOM
  std::size_t i = skip_to_first_token(source);
  bool raw = false;
  // String prefixes that still make a docstring: r, u (any case). f and b do not.
  while (i < source.size() &&
         (source[i] == 'r' || source[i] == 'R' || source[i] == 'u' || source[i] == 'U')) {
    raw = raw || source[i] == 'r' || source[i] == 'R';
    ++i;
  }
  if (i >= source.size() || (source[i] != '"' && source[i] != '\'')) return {};
  const char quote = source[i];
  const bool triple = source.substr(i, 3) == std::string(3, quote);
  const std::string_view closing = triple ? source.substr(i, 3) : source.substr(i, 1);
  const std::size_t start = i + closing.size();
  std::size_t end = start;
  while (end < source.size()) {
    if (source[end] == '\\') {
      end += 2;
    } else if (source.compare(end, closing.size(), closing) == 0) {
      break;
    } else if (!triple && source[end] == '\n') {
      return {}; // unterminated single-quoted string: not a docstring
    } else {
      ++end;
    }
  }
  if (end >= source.size()) return {};
  const std::string body = decode_escapes(source.substr(start, end - start), raw);
  std::string_view rest = body;
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
