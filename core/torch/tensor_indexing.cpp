#include "core/torch/tensor_indexing.h"

#include <optional>
#include <stdexcept>
#include <vector>

#include "core/lang/object.h"
#include "core/lang/runtime.h"
#include "core/tensor/indexing.h"
#include "core/torch/errors.h"
#include "core/torch/tensor_object.h"

namespace bwhop::torchmod {

namespace native = lang::native;
using lang::Value;
using tensor::IndexItem;

namespace {

std::optional<int64_t> slice_bound(const Value& v) {
  if (v.is_none()) return std::nullopt;
  if (v.is_int()) return v.as_int();
  native::raise_error(lang::types::TypeError,
                      "slice indices must be integers or None, not " + lang::type_name(v));
}

IndexItem index_item(const Value& v) {
  if (v.is_none()) return IndexItem::none();
  if (v.is(lang::ellipsis())) return IndexItem::ellipsis();
  if (v.is_int()) return IndexItem::integer(v.as_int());
  if (lang::type_of(v) == lang::types::slice) {
    const auto* s = static_cast<const lang::SliceObj*>(v.obj());
    return IndexItem::slice(slice_bound(s->start), slice_bound(s->stop), slice_bound(s->step));
  }
  native::raise_error(lang::types::NotImplementedError,
                      "bwhop supports basic indexing only (ints, slices, None, ...), not " +
                          lang::type_name(v));
}

} // namespace

Value tensor_getitem(const lang::Args& args) {
  auto p = native::bind_args(args, "__getitem__", {{"self"}, {"key"}});
  const tensor::Tensor& self = expect_tensor(p[0], "__getitem__");
  std::vector<IndexItem> items;
  if (native::is_tuple(p[1]))
    for (const Value& v : native::tuple_items(p[1])) items.push_back(index_item(v));
  else
    items.push_back(index_item(p[1]));
  try {
    return wrap_tensor(tensor::apply_slicing(self, items));
  } catch (const std::out_of_range& e) {
    native::raise_error(lang::types::IndexError, e.what());
  } catch (const std::invalid_argument& e) {
    native::raise_error(lang::types::ValueError, e.what());
  } catch (...) {
    rethrow_as_python();
  }
}

} // namespace bwhop::torchmod
