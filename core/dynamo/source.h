// Sources: where a value the capture reads came from, relative to the frame
// (`L['x']`, `G['obj'].counter`, `L['hooks'][1].keywords['fn']`). A source
// names graph inputs and guards, and is re-evaluated on every call to read
// the current value again.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include "core/lang/native.h"

namespace bwhop::dynamo {

using lang::Value;

class Source;
using SourcePtr = std::shared_ptr<const Source>;

class Source {
public:
  enum class Kind : unsigned char { Local, Global, Attr, Item, ClosureCell, Size };

  static SourcePtr local(std::string name);
  static SourcePtr global(std::string name);
  static SourcePtr attr(SourcePtr base, std::string name);
  static SourcePtr item(SourcePtr base, const Value& key); // int or str key
  static SourcePtr closure_cell(SourcePtr base, int index);
  // One size of a tensor: `L['x'].size()[0]` (TensorPropertySource SIZE).
  static SourcePtr size(SourcePtr base, int dim);

  Kind kind() const { return kind_; }
  const SourcePtr& base() const { return base_; }
  const std::string& member() const { return member_; }
  // The printed form, e.g. `L['hooks'][1].keywords['fn']`.
  const std::string& name() const { return name_; }
  // The graph input name derived from it: runs of non-alphanumerics become `_`.
  std::string input_name() const;

  // Reads the value again from a frame's arguments and globals.
  Value read(const std::unordered_map<std::string, Value>& locals, const Value& globals) const;

private:
  Source(Kind kind, SourcePtr base, std::string member);
  Kind kind_;
  SourcePtr base_;
  std::string member_; // local/global/attr name
  Value key_;          // item key
  int index_ = 0;      // closure cell index
  std::string name_;
};

// re.sub(r"[^a-zA-Z0-9]+", "_", text)
std::string sanitize_source_name(const std::string& text);

} // namespace bwhop::dynamo
