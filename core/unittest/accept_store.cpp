#include "core/unittest/accept_store.h"

#include <fstream>
#include <map>
#include <ostream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "core/unittest/inline_literal.h"
#include "core/unittest/services.h"

namespace bwhop::unittest {

void AcceptStore::record(PendingAccept pending) {
  pending_.push_back(std::move(pending));
}

namespace {

bool read_whole(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buf;
  buf << in.rdbuf();
  text = buf.str();
  return true;
}

// Rewrites one file's literals; false (with a message on out) on failure.
bool accept_in_file(const std::string& path, const std::vector<const PendingAccept*>& items,
                    std::ostream& out) {
  std::string source;
  if (!read_whole(path, source)) {
    out << "accept: cannot read " << path << '\n';
    return false;
  }
  std::vector<LiteralEdit> edits;
  std::set<int> seen_lines; // a call run several times (loop) is rewritten once
  bool ok = true;
  for (const PendingAccept* p : items) {
    if (!seen_lines.insert(p->call_line).second) continue;
    std::string why;
    std::optional<LiteralEdit> edit = locate_expect_literal(path, source, p->call_line, &why);
    if (!edit) {
      out << "accept: cannot rewrite the expected text of " << p->test_id << ": " << why << '\n';
      ok = false;
      continue;
    }
    edit->value = p->actual;
    out << "Accepting new output for " << p->test_id << " at " << path << ':' << p->call_line
        << '\n';
    edits.push_back(std::move(*edit));
  }
  if (edits.empty()) return ok;
  try {
    const std::string updated = apply_literal_edits(source, std::move(edits));
    if (updated != source) services().write_file(path, updated);
  } catch (const std::exception& e) {
    out << "accept: " << path << ": " << e.what() << '\n';
    return false;
  }
  return ok;
}

} // namespace

bool AcceptStore::flush(std::ostream& out) {
  std::map<std::string, std::vector<const PendingAccept*>> by_file;
  for (const PendingAccept& p : pending_) by_file[p.path].push_back(&p);
  bool ok = true;
  for (const auto& [path, items] : by_file) ok = accept_in_file(path, items, out) && ok;
  pending_.clear();
  return ok;
}

AcceptStore& accept_store() {
  static AcceptStore store;
  return store;
}

} // namespace bwhop::unittest
