#include "core/harness/diff.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>

namespace bwhop::harness {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    end = end == std::string_view::npos ? text.size() : end + 1;
    lines.push_back(text.substr(start, end - start));
    start = end;
  }
  return lines;
}

namespace {

// Myers' linear-space divide and conquer over interned line ids. Marks the
// removed old lines and inserted new lines; everything else is kept.
class MyersDiff {
public:
  MyersDiff(const std::vector<int>& a, const std::vector<int>& b)
      : a_(a), b_(b), removed_(a.size(), false), inserted_(b.size(), false) {}

  void run() { compare(0, a_.size(), 0, b_.size()); }
  const std::vector<bool>& removed() const { return removed_; }
  const std::vector<bool>& inserted() const { return inserted_; }

private:
  void compare(std::size_t a0, std::size_t a1, std::size_t b0, std::size_t b1) {
    while (a0 < a1 && b0 < b1 && a_[a0] == b_[b0]) ++a0, ++b0;
    while (a0 < a1 && b0 < b1 && a_[a1 - 1] == b_[b1 - 1]) --a1, --b1;
    if (a0 == a1 || b0 == b1) {
      mark_all(a0, a1, b0, b1);
      return;
    }
    std::size_t x = 0, y = 0;
    if (!middle_snake(a0, a1, b0, b1, x, y) || (x == 0 && y == 0) ||
        (x == a1 - a0 && y == b1 - b0)) {
      mark_all(a0, a1, b0, b1); // nothing in common (or no progress possible)
      return;
    }
    compare(a0, a0 + x, b0, b0 + y);
    compare(a0 + x, a1, b0 + y, b1);
  }

  void mark_all(std::size_t a0, std::size_t a1, std::size_t b0, std::size_t b1) {
    for (std::size_t i = a0; i < a1; ++i) removed_[i] = true;
    for (std::size_t j = b0; j < b1; ++j) inserted_[j] = true;
  }

  // Searches forward from the start and backward from the end at once, one
  // edit distance d at a time, until the paths overlap; (x, y) is then a point
  // on a shortest edit path, relative to (a0, b0). O((N+M) D) time, O(N+M) space.
  bool middle_snake(std::size_t a0, std::size_t a1, std::size_t b0, std::size_t b1,
                    std::size_t& split_x, std::size_t& split_y) {
    const std::int64_t n = static_cast<std::int64_t>(a1 - a0);
    const std::int64_t m = static_cast<std::int64_t>(b1 - b0);
    const std::int64_t max_d = (n + m + 1) / 2;
    const std::int64_t offset = max_d;
    const std::int64_t length = 2 * max_d + 2;
    forward_.assign(length, -1);
    backward_.assign(length, -1);
    forward_[offset + 1] = 0;
    backward_[offset + 1] = 0;
    const std::int64_t delta = n - m;
    const bool front = (delta % 2) != 0; // odd delta: overlap shows on a forward step
    std::int64_t k1start = 0, k1end = 0, k2start = 0, k2end = 0;
    auto old_at = [&](std::int64_t i) { return a_[a0 + static_cast<std::size_t>(i)]; };
    auto new_at = [&](std::int64_t j) { return b_[b0 + static_cast<std::size_t>(j)]; };
    for (std::int64_t d = 0; d < max_d; ++d) {
      for (std::int64_t k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
        const std::int64_t i1 = offset + k1;
        std::int64_t x1 = (k1 == -d || (k1 != d && forward_[i1 - 1] < forward_[i1 + 1]))
                              ? forward_[i1 + 1]
                              : forward_[i1 - 1] + 1;
        std::int64_t y1 = x1 - k1;
        while (x1 < n && y1 < m && old_at(x1) == new_at(y1)) ++x1, ++y1;
        forward_[i1] = x1;
        if (x1 > n) {
          k1end += 2;
        } else if (y1 > m) {
          k1start += 2;
        } else if (front) {
          const std::int64_t i2 = offset + delta - k1;
          if (i2 >= 0 && i2 < length && backward_[i2] != -1 && x1 >= n - backward_[i2]) {
            split_x = static_cast<std::size_t>(x1);
            split_y = static_cast<std::size_t>(y1);
            return true;
          }
        }
      }
      for (std::int64_t k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
        const std::int64_t i2 = offset + k2;
        std::int64_t x2 = (k2 == -d || (k2 != d && backward_[i2 - 1] < backward_[i2 + 1]))
                              ? backward_[i2 + 1]
                              : backward_[i2 - 1] + 1;
        std::int64_t y2 = x2 - k2;
        while (x2 < n && y2 < m && old_at(n - x2 - 1) == new_at(m - y2 - 1)) ++x2, ++y2;
        backward_[i2] = x2;
        if (x2 > n) {
          k2end += 2;
        } else if (y2 > m) {
          k2start += 2;
        } else if (!front) {
          const std::int64_t i1 = offset + delta - k2;
          if (i1 >= 0 && i1 < length && forward_[i1] != -1) {
            const std::int64_t x1 = forward_[i1];
            const std::int64_t y1 = offset + x1 - i1;
            if (x1 >= n - x2) {
              split_x = static_cast<std::size_t>(x1);
              split_y = static_cast<std::size_t>(y1);
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  const std::vector<int>& a_;
  const std::vector<int>& b_;
  std::vector<bool> removed_;
  std::vector<bool> inserted_;
  std::vector<std::int64_t> forward_;  // furthest x reached on each diagonal k, from the start
  std::vector<std::int64_t> backward_; // the same, from the end
};

bool ends_without_newline(std::string_view line) {
  return line.empty() || line.back() != '\n';
}

// Appends one diff line: the marker, the text without its '\n', a visible ^M
// for a carriage return before it, and GNU's marker when the file ends there.
void append_line(std::string& out, char marker, std::string_view line) {
  out += marker;
  const bool no_newline = ends_without_newline(line);
  std::string_view text = no_newline ? line : line.substr(0, line.size() - 1);
  if (!text.empty() && text.back() == '\r') {
    out.append(text.substr(0, text.size() - 1));
    out += "^M";
  } else {
    out.append(text);
  }
  out += '\n';
  if (no_newline) out += "\\ No newline at end of file\n";
}

// "start,count" as diff -u prints it: count omitted when 1, and an empty
// range names the line before it.
std::string range_text(std::size_t first, std::size_t count) {
  if (count == 1) return std::to_string(first + 1);
  if (count == 0) return std::to_string(first) + ",0";
  return std::to_string(first + 1) + "," + std::to_string(count);
}

} // namespace

std::vector<Edit> diff_lines(const std::vector<std::string_view>& old_lines,
                             const std::vector<std::string_view>& new_lines) {
  // Intern lines so the search compares integers, not strings.
  std::unordered_map<std::string_view, int> ids;
  ids.reserve(old_lines.size() + new_lines.size());
  auto intern = [&](const std::vector<std::string_view>& lines) {
    std::vector<int> out;
    out.reserve(lines.size());
    for (std::string_view line : lines)
      out.push_back(ids.emplace(line, static_cast<int>(ids.size())).first->second);
    return out;
  };
  const std::vector<int> a = intern(old_lines);
  const std::vector<int> b = intern(new_lines);

  // A line that occurs in only one of the texts can never be kept: mark it
  // changed up front and let the search run on the rest. Removing it leaves
  // the longest common subsequence unchanged, and makes texts that share few
  // lines cost O(N) instead of O(N D).
  std::vector<std::uint8_t> where(ids.size(), 0); // bit 1: in old, bit 2: in new
  for (int id : a) where[id] |= 1;
  for (int id : b) where[id] |= 2;
  std::vector<int> a_kept, b_kept;
  std::vector<std::size_t> a_index, b_index; // position in a/b of each kept line
  for (std::size_t i = 0; i < a.size(); ++i)
    if (where[a[i]] == 3) a_kept.push_back(a[i]), a_index.push_back(i);
  for (std::size_t j = 0; j < b.size(); ++j)
    if (where[b[j]] == 3) b_kept.push_back(b[j]), b_index.push_back(j);
  MyersDiff myers(a_kept, b_kept);
  myers.run();
  std::vector<bool> removed(a.size(), true), inserted(b.size(), true);
  for (std::size_t k = 0; k < a_kept.size(); ++k) removed[a_index[k]] = myers.removed()[k];
  for (std::size_t k = 0; k < b_kept.size(); ++k) inserted[b_index[k]] = myers.inserted()[k];

  std::vector<Edit> edits;
  edits.reserve(std::max(a.size(), b.size()));
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && removed[i]) {
      edits.push_back({EditKind::remove, i++, j});
    } else if (j < b.size() && inserted[j]) {
      edits.push_back({EditKind::insert, i, j++});
    } else {
      edits.push_back({EditKind::keep, i++, j++});
    }
  }
  return edits;
}

std::string unified_diff(std::string_view old_text, std::string_view new_text,
                         const DiffOptions& options) {
  if (old_text == new_text) return {};
  const auto old_lines = split_lines(old_text);
  const auto new_lines = split_lines(new_text);
  const std::vector<Edit> edits = diff_lines(old_lines, new_lines);

  std::string out = "--- " + options.old_label + "\n+++ " + options.new_label + "\n";
  const std::size_t context = options.context;
  std::size_t e = 0;
  while (e < edits.size()) {
    while (e < edits.size() && edits[e].kind == EditKind::keep) ++e;
    if (e == edits.size()) break;
    // Grow the hunk while the next change is within 2 * context kept lines.
    const std::size_t begin = e >= context ? e - context : 0;
    std::size_t last_change = e;
    std::size_t scan = e + 1;
    while (scan < edits.size()) {
      if (edits[scan].kind != EditKind::keep) {
        last_change = scan++;
        continue;
      }
      std::size_t run_end = scan;
      while (run_end < edits.size() && edits[run_end].kind == EditKind::keep) ++run_end;
      if (run_end == edits.size() || run_end - scan > 2 * context) break;
      scan = run_end;
    }
    const std::size_t end = std::min(edits.size(), last_change + 1 + context);

    std::size_t old_count = 0, new_count = 0;
    for (std::size_t k = begin; k < end; ++k) {
      if (edits[k].kind != EditKind::insert) ++old_count;
      if (edits[k].kind != EditKind::remove) ++new_count;
    }
    out += "@@ -" + range_text(edits[begin].old_index, old_count) + " +" +
           range_text(edits[begin].new_index, new_count) + " @@\n";
    for (std::size_t k = begin; k < end; ++k) {
      const Edit& edit = edits[k];
      switch (edit.kind) {
      case EditKind::keep:
        append_line(out, ' ', old_lines[edit.old_index]);
        break;
      case EditKind::remove:
        append_line(out, '-', old_lines[edit.old_index]);
        break;
      case EditKind::insert:
        append_line(out, '+', new_lines[edit.new_index]);
        break;
      }
    }
    e = end;
  }
  return out;
}

} // namespace bwhop::harness
