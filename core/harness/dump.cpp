#include "core/harness/dump.h"

#include <algorithm>
#include <map>

namespace bwhop::harness {

namespace {

void append_section(std::string& dump, std::string_view header, std::string_view body) {
  dump += "=== ";
  dump += header;
  dump += " ===\n";
  dump += body;
  if (!body.empty() && body.back() != '\n') {
    dump += '\n';
    dump += kNoNewlineMarker;
    dump += '\n';
  }
}

// The kind named by a header line, or empty when the line is not a header.
std::string header_kind(std::string_view line) {
  if (line.size() < 8 || line.substr(0, 4) != "=== " || line.substr(line.size() - 4) != " ===")
    return {};
  std::string_view title = line.substr(4, line.size() - 8);
  if (title == kStdoutSection) return std::string(title);
  const std::size_t space = title.find(' ');
  std::string_view number = title.substr(space + 1);
  if (number.size() < 2 || number[0] != '#' ||
      !std::all_of(number.begin() + 1, number.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return {};
  return std::string(title.substr(0, space));
}

} // namespace

std::string render_dump(std::string_view out, const std::vector<common::Artifact>& artifacts) {
  std::string dump;
  std::size_t size = out.size() + 64;
  for (const auto& a : artifacts) size += a.text.size() + a.name.size() + 32;
  dump.reserve(size);
  append_section(dump, kStdoutSection, out);
  std::map<std::string, int, std::less<>> counts;
  for (const common::Artifact& artifact : artifacts) {
    const int n = ++counts[artifact.name];
    append_section(dump, artifact.name + " #" + std::to_string(n), artifact.text);
  }
  return dump;
}

std::vector<DumpSection> parse_dump(std::string_view dump) {
  std::vector<DumpSection> sections;
  std::size_t start = 0;
  while (start < dump.size()) {
    std::size_t end = dump.find('\n', start);
    end = end == std::string_view::npos ? dump.size() : end + 1;
    const std::string_view line = dump.substr(start, end - start);
    std::string_view bare = line;
    if (!bare.empty() && bare.back() == '\n') bare.remove_suffix(1);
    std::string kind = header_kind(bare);
    if (!kind.empty()) {
      sections.push_back({std::move(kind), std::string(bare), {}});
    } else {
      if (sections.empty()) sections.push_back({});
      sections.back().body.append(line);
    }
    start = end;
  }
  return sections;
}

std::string select_sections(std::string_view dump, const std::vector<std::string>& kinds) {
  std::string out;
  for (const DumpSection& section : parse_dump(dump)) {
    if (std::find(kinds.begin(), kinds.end(), section.kind) == kinds.end()) continue;
    out += section.header;
    out += '\n';
    out += section.body;
  }
  return out;
}

} // namespace bwhop::harness
