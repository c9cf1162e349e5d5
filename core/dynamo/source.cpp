#include "core/dynamo/source.h"

#include <cctype>

#include "core/lang/function.h"
#include "core/lang/interp.h"
#include "core/lang/runtime.h"

namespace bwhop::dynamo {

namespace native = lang::native;

Source::Source(Kind kind, SourcePtr base, std::string member)
    : kind_(kind), base_(std::move(base)), member_(std::move(member)) {}

SourcePtr Source::local(std::string name) {
  auto s = std::shared_ptr<Source>(new Source(Kind::Local, nullptr, name));
  s->name_ = "L['" + name + "']";
  return s;
}

SourcePtr Source::global(std::string name) {
  auto s = std::shared_ptr<Source>(new Source(Kind::Global, nullptr, name));
  s->name_ = "G['" + name + "']";
  return s;
}

SourcePtr Source::attr(SourcePtr base, std::string name) {
  std::string printed = base->name() + "." + name;
  auto s = std::shared_ptr<Source>(new Source(Kind::Attr, std::move(base), std::move(name)));
  s->name_ = std::move(printed);
  return s;
}

SourcePtr Source::item(SourcePtr base, const Value& key) {
  std::string printed = base->name() + "[" + lang::repr(key) + "]";
  auto s = std::shared_ptr<Source>(new Source(Kind::Item, std::move(base), ""));
  s->key_ = key;
  s->name_ = std::move(printed);
  return s;
}

SourcePtr Source::closure_cell(SourcePtr base, int index) {
  std::string printed = base->name() + ".__closure__[" + std::to_string(index) + "].cell_contents";
  auto s = std::shared_ptr<Source>(new Source(Kind::ClosureCell, std::move(base), ""));
  s->index_ = index;
  s->name_ = std::move(printed);
  return s;
}

SourcePtr Source::size(SourcePtr base, int dim) {
  std::string printed = base->name() + ".size()[" + std::to_string(dim) + "]";
  auto s = std::shared_ptr<Source>(new Source(Kind::Size, std::move(base), ""));
  s->index_ = dim;
  s->name_ = std::move(printed);
  return s;
}

std::string sanitize_source_name(const std::string& text) {
  std::string out;
  bool in_run = false;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out += c;
      in_run = false;
    } else if (!in_run) {
      out += '_';
      in_run = true;
    }
  }
  return out;
}

std::string Source::input_name() const {
  return sanitize_source_name(name_);
}

Value Source::read(const std::unordered_map<std::string, Value>& locals,
                   const Value& globals) const {
  switch (kind_) {
  case Kind::Local: {
    auto it = locals.find(member_);
    if (it == locals.end()) native::raise_error(lang::types::KeyError, name_);
    return it->second;
  }
  case Kind::Global: {
    Value v = native::dict_get(globals, native::make_str(member_));
    if (v.is_null()) {
      Value builtins(lang::interp().builtins);
      v = native::dict_get(builtins, native::make_str(member_));
    }
    if (v.is_null()) native::raise_error(lang::types::NameError, name_);
    return v;
  }
  case Kind::Attr: {
    Value b = base_->read(locals, globals);
    if (const lang::Partial* p = native::as_partial(b)) {
      if (member_ == "keywords") return Value(p->keywords);
      if (member_ == "args") return Value(p->args);
      if (member_ == "func") return p->func;
    }
    return native::get_attr(b, member_);
  }
  case Kind::Item:
    return lang::getitem(base_->read(locals, globals), key_);
  case Kind::ClosureCell: {
    const lang::Function* f = native::as_function(base_->read(locals, globals));
    if (f == nullptr || index_ >= static_cast<int>(f->closure.size()))
      native::raise_error(lang::types::ValueError, name_ + " is not a closure cell");
    return f->closure[static_cast<size_t>(index_)]->v;
  }
  case Kind::Size:
    return native::call(native::get_attr(base_->read(locals, globals), "size"),
                        {Value::integer(index_)});
  }
  return Value();
}

} // namespace bwhop::dynamo
