// Sequence and mapping protocols: iteration, subscripts, len, `in`.
#include "core/lang/eval.h"
#include "core/lang/interp.h"
#include "core/lang/text.h"

namespace bwhop::lang {

namespace {

Str* dunder(const char* s) {
  return intern_str(s);
}

[[noreturn]] void not_iterable(const Value& v) {
  raise(types::TypeError, "'" + type_name(v) + "' object is not iterable");
}

} // namespace

Value get_iter(const Value& v) {
  if (!v.is_obj()) not_iterable(v);
  Object* o = v.obj();
  Type* t = o->type;
  switch (t->layout) {
  case Layout::List: {
    Ref<ListObj> l(static_cast<ListObj*>(o));
    size_t i = 0;
    return new_iter([l, i](Value& out) mutable {
      if (i >= l->items.size()) return false;
      out = l->items[i++];
      return true;
    });
  }
  case Layout::Tuple: {
    Ref<TupleObj> l(static_cast<TupleObj*>(o));
    size_t i = 0;
    return new_iter([l, i](Value& out) mutable {
      if (i >= l->items.size()) return false;
      out = l->items[i++];
      return true;
    });
  }
  case Layout::Str: {
    auto chars = std::make_shared<std::vector<std::string>>(split_chars(static_cast<Str*>(o)->s));
    size_t i = 0;
    return new_iter([chars, i](Value& out) mutable {
      if (i >= chars->size()) return false;
      out = new_str((*chars)[i++]);
      return true;
    });
  }
  case Layout::Dict: {
    Ref<DictObj> d(static_cast<DictObj*>(o));
    size_t i = 0, n = d->d.size();
    return new_iter([d, i, n](Value& out) mutable {
      if (d->d.size() != n) raise(types::RuntimeError, "dictionary changed size during iteration");
      auto& es = d->d.entries();
      while (i < es.size() && es[i].key.is_null()) ++i;
      if (i >= es.size()) return false;
      out = es[i++].key;
      return true;
    });
  }
  case Layout::Set: {
    Ref<SetObj> d(static_cast<SetObj*>(o));
    size_t i = 0, n = d->d.size();
    return new_iter([d, i, n](Value& out) mutable {
      if (d->d.size() != n) raise(types::RuntimeError, "Set changed size during iteration");
      auto& es = d->d.entries();
      while (i < es.size() && es[i].key.is_null()) ++i;
      if (i >= es.size()) return false;
      out = es[i++].key;
      return true;
    });
  }
  default:
    break;
  }
  if (t == types::iterator) return v;
  if (t == types::range) {
    auto* r = static_cast<Range*>(o);
    int64_t cur = r->start, stop = r->stop, step = r->step;
    return new_iter([cur, stop, step](Value& out) mutable {
      if (step > 0 ? cur >= stop : cur <= stop) return false;
      out = Value::integer(cur);
      cur += step;
      return true;
    });
  }
  static Str* iter_ = dunder("__iter__");
  static Str* getitem_ = dunder("__getitem__");
  Value f = t->lookup(iter_);
  if (!f.is_null()) {
    Value it = call_with_self(f, v, Args{});
    static Str* next_ = dunder("__next__");
    if (type_of(it) != types::iterator && type_of(it)->lookup(next_).is_null())
      raise(types::TypeError, "iter() returned non-iterator of type '" + type_name(it) + "'");
    return it;
  }
  f = t->lookup(getitem_);
  if (!f.is_null()) {
    int64_t i = 0;
    Value obj = v;
    return new_iter([obj, f, i](Value& out) mutable {
      Value idx = Value::integer(i++);
      try {
        out = call_with_self(f, obj, {&idx, 1, nullptr, 0});
      } catch (PyError& e) {
        if (isinstance(e.exc, types::IndexError) || isinstance(e.exc, types::StopIteration))
          return false;
        throw;
      }
      return true;
    });
  }
  not_iterable(v);
}

bool iter_next(const Value& it, Value& out) {
  if (it.is_obj() && it.obj()->type == types::iterator) {
    auto* ni = static_cast<NativeIter*>(it.obj());
    if (!ni->next) return false;
    return ni->next(out);
  }
  static Str* next_ = dunder("__next__");
  Value f = type_of(it)->lookup(next_);
  if (f.is_null()) raise(types::TypeError, "'" + type_name(it) + "' object is not an iterator");
  try {
    out = call_with_self(f, it, Args{});
  } catch (PyError& e) {
    if (isinstance(e.exc, types::StopIteration)) return false;
    throw;
  }
  return true;
}

std::vector<Value> to_vector(const Value& iterable) {
  if (iterable.is_obj()) {
    Type* t = iterable.obj()->type;
    if (t == types::list) return static_cast<ListObj*>(iterable.obj())->items;
    if (t == types::tuple) return static_cast<TupleObj*>(iterable.obj())->items;
  }
  std::vector<Value> out;
  Value it = get_iter(iterable);
  Value x;
  while (iter_next(it, x)) out.push_back(x);
  return out;
}

// ---------------------------------------------------------------- slices

namespace {

// Python's slice index adjustment; returns the number of items selected.
int64_t adjust_slice(const SliceObj* s, int64_t len, int64_t& start, int64_t& stop, int64_t& step) {
  step = s->step.is_null() || s->step.is_none() ? 1 : to_index(s->step);
  if (step == 0) raise(types::ValueError, "slice step cannot be zero");
  int64_t lo = step < 0 ? -1 : 0, hi = step < 0 ? len - 1 : len;
  auto fix = [&](const Value& v, int64_t dflt) {
    if (v.is_null() || v.is_none()) return dflt;
    int64_t i = to_index(v);
    if (i < 0) {
      i += len;
      if (i < lo) i = lo;
    } else if (i > hi) {
      i = hi;
    }
    return i;
  };
  start = fix(s->start, step < 0 ? len - 1 : 0);
  stop = fix(s->stop, step < 0 ? -1 : len);
  if (step < 0) return stop < start ? (start - stop - 1) / (-step) + 1 : 0;
  return start < stop ? (stop - start - 1) / step + 1 : 0;
}

template <class Vec> Vec slice_vector(const Vec& v, const SliceObj* s) {
  int64_t start, stop, step;
  int64_t n = adjust_slice(s, static_cast<int64_t>(v.size()), start, stop, step);
  Vec out;
  out.reserve(n);
  for (int64_t i = 0, k = start; i < n; ++i, k += step) out.push_back(v[k]);
  return out;
}

int64_t norm_index(int64_t i, size_t size, const char* what) {
  int64_t n = static_cast<int64_t>(size);
  if (i < 0) i += n;
  if (i < 0 || i >= n) raise(types::IndexError, std::string(what) + " index out of range");
  return i;
}

[[noreturn]] void bad_index(const char* what, const Value& key) {
  raise(types::TypeError,
        std::string(what) + " indices must be integers or slices, not " + type_name(key));
}

bool is_slice(const Value& v) {
  return v.is_obj() && v.obj()->type == types::slice;
}

} // namespace

Value getitem(const Value& obj, const Value& key) {
  if (obj.is_obj()) {
    Object* o = obj.obj();
    Type* t = o->type;
    switch (t->layout) {
    case Layout::List: {
      auto& items = static_cast<ListObj*>(o)->items;
      if (key.is_intlike()) return items[norm_index(key.as_int(), items.size(), "list")];
      if (is_slice(key))
        return Value(new_list(slice_vector(items, static_cast<SliceObj*>(key.obj()))));
      if (!t->heap) bad_index("list", key);
      break;
    }
    case Layout::Tuple: {
      auto& items = static_cast<TupleObj*>(o)->items;
      if (key.is_intlike()) return items[norm_index(key.as_int(), items.size(), "tuple")];
      if (is_slice(key))
        return Value(new_tuple(slice_vector(items, static_cast<SliceObj*>(key.obj()))));
      if (!t->heap) bad_index("tuple", key);
      break;
    }
    case Layout::Str: {
      const std::string& s = static_cast<Str*>(o)->s;
      if (is_ascii(s)) {
        if (key.is_intlike())
          return new_str(std::string(1, s[norm_index(key.as_int(), s.size(), "string")]));
        if (is_slice(key)) return new_str(slice_vector(s, static_cast<SliceObj*>(key.obj())));
      } else {
        auto chars = split_chars(s);
        if (key.is_intlike())
          return new_str(chars[norm_index(key.as_int(), chars.size(), "string")]);
        if (is_slice(key)) {
          std::string r;
          for (auto& c : slice_vector(chars, static_cast<SliceObj*>(key.obj()))) r += c;
          return new_str(std::move(r));
        }
      }
      bad_index("string", key);
    }
    case Layout::Dict: {
      if (Value* v = static_cast<DictObj*>(o)->d.find(key)) return *v;
      if (t->heap) {
        static Str* missing = dunder("__missing__");
        Value f = t->lookup(missing);
        if (!f.is_null()) return call_with_self(f, obj, {&key, 1, nullptr, 0});
      }
      throw PyError{make_exception(types::KeyError, {key})};
    }
    case Layout::Type: {
      static Str* cgi = dunder("__class_getitem__");
      Value f = getattr_opt(obj, cgi);
      if (!f.is_null()) return call(f, {key});
      return obj; // generic alias like list[int]: annotations only
    }
    default:
      break;
    }
    if (t == types::range) {
      auto* r = static_cast<Range*>(o);
      if (key.is_intlike()) {
        int64_t i = norm_index(key.as_int(), static_cast<size_t>(r->length()), "range object");
        return Value::integer(r->start + i * r->step);
      }
      if (is_slice(key)) {
        int64_t start, stop, step;
        adjust_slice(static_cast<SliceObj*>(key.obj()), r->length(), start, stop, step);
        return Value(new Range(types::range, r->start + start * r->step, r->start + stop * r->step,
                               r->step * step));
      }
    }
    static Str* getitem_ = dunder("__getitem__");
    Value f = t->lookup(getitem_);
    if (!f.is_null()) return call_with_self(f, obj, {&key, 1, nullptr, 0});
  }
  raise(types::TypeError, "'" + type_name(obj) + "' object is not subscriptable");
}

void setitem(const Value& obj, const Value& key, const Value& v) {
  if (obj.is_obj()) {
    Object* o = obj.obj();
    Type* t = o->type;
    if (t->layout == Layout::List && !t->heap) {
      auto& items = static_cast<ListObj*>(o)->items;
      if (key.is_intlike()) {
        items[norm_index(key.as_int(), items.size(), "list assignment")] = v;
        return;
      }
      if (is_slice(key)) {
        int64_t start, stop, step;
        auto* s = static_cast<SliceObj*>(key.obj());
        int64_t n = adjust_slice(s, static_cast<int64_t>(items.size()), start, stop, step);
        std::vector<Value> src = to_vector(v);
        if (step == 1) {
          if (stop < start) stop = start;
          items.erase(items.begin() + start, items.begin() + stop);
          items.insert(items.begin() + start, src.begin(), src.end());
          return;
        }
        if (static_cast<int64_t>(src.size()) != n)
          raise(types::ValueError, "attempt to assign sequence of size " +
                                       std::to_string(src.size()) + " to extended slice of size " +
                                       std::to_string(n));
        for (int64_t i = 0, k = start; i < n; ++i, k += step) items[k] = src[i];
        return;
      }
      bad_index("list", key);
    }
    if (t->layout == Layout::Dict && !t->heap) {
      static_cast<DictObj*>(o)->d.set(key, v);
      return;
    }
    static Str* setitem_ = dunder("__setitem__");
    Value f = t->lookup(setitem_);
    if (!f.is_null()) {
      Value args[2] = {key, v};
      call_with_self(f, obj, {args, 2, nullptr, 0});
      return;
    }
    if (t->layout == Layout::Dict) {
      static_cast<DictObj*>(o)->d.set(key, v);
      return;
    }
  }
  raise(types::TypeError, "'" + type_name(obj) + "' object does not support item assignment");
}

void delitem(const Value& obj, const Value& key) {
  if (obj.is_obj()) {
    Object* o = obj.obj();
    Type* t = o->type;
    if (t->layout == Layout::List) {
      auto& items = static_cast<ListObj*>(o)->items;
      if (key.is_intlike()) {
        items.erase(items.begin() + norm_index(key.as_int(), items.size(), "list assignment"));
        return;
      }
      if (is_slice(key)) {
        int64_t start, stop, step;
        int64_t n = adjust_slice(static_cast<SliceObj*>(key.obj()),
                                 static_cast<int64_t>(items.size()), start, stop, step);
        std::vector<bool> drop(items.size(), false);
        for (int64_t i = 0, k = start; i < n; ++i, k += step) drop[k] = true;
        std::vector<Value> kept;
        for (size_t i = 0; i < items.size(); ++i)
          if (!drop[i]) kept.push_back(items[i]);
        items.swap(kept);
        return;
      }
      bad_index("list", key);
    }
    if (t->layout == Layout::Dict) {
      if (!static_cast<DictObj*>(o)->d.erase(key))
        throw PyError{make_exception(types::KeyError, {key})};
      return;
    }
    static Str* delitem_ = dunder("__delitem__");
    Value f = t->lookup(delitem_);
    if (!f.is_null()) {
      call_with_self(f, obj, {&key, 1, nullptr, 0});
      return;
    }
  }
  raise(types::TypeError, "'" + type_name(obj) + "' object doesn't support item deletion");
}

int64_t length(const Value& v) {
  if (v.is_obj()) {
    Object* o = v.obj();
    switch (o->type->layout) {
    case Layout::Str:
      return static_cast<int64_t>(char_count(static_cast<Str*>(o)->s));
    case Layout::List:
      return static_cast<int64_t>(static_cast<ListObj*>(o)->items.size());
    case Layout::Tuple:
      return static_cast<int64_t>(static_cast<TupleObj*>(o)->items.size());
    case Layout::Dict:
      return static_cast<int64_t>(static_cast<DictObj*>(o)->d.size());
    case Layout::Set:
      return static_cast<int64_t>(static_cast<SetObj*>(o)->d.size());
    default:
      break;
    }
    if (o->type == types::range) return static_cast<Range*>(o)->length();
    static Str* len_ = dunder("__len__");
    Value f = o->type->lookup(len_);
    if (!f.is_null()) {
      Value r = call_with_self(f, v, Args{});
      if (!r.is_intlike())
        raise(types::TypeError,
              "'" + type_name(r) + "' object cannot be interpreted as an integer");
      if (r.as_int() < 0) raise(types::ValueError, "__len__() should return >= 0");
      return r.as_int();
    }
  }
  raise(types::TypeError, "object of type '" + type_name(v) + "' has no len()");
}

bool contains(const Value& c, const Value& item) {
  if (c.is_obj()) {
    Object* o = c.obj();
    Type* t = o->type;
    switch (t->layout) {
    case Layout::List:
      for (auto& x : static_cast<ListObj*>(o)->items)
        if (x.is(item) || values_equal(x, item)) return true;
      return false;
    case Layout::Tuple:
      for (auto& x : static_cast<TupleObj*>(o)->items)
        if (x.is(item) || values_equal(x, item)) return true;
      return false;
    case Layout::Str: {
      Str* s = as_str_key(item);
      if (!s)
        raise(types::TypeError,
              "'in <string>' requires string as left operand, not " + type_name(item));
      return static_cast<Str*>(o)->s.find(s->s) != std::string::npos;
    }
    case Layout::Dict:
      return static_cast<DictObj*>(o)->d.find(item) != nullptr;
    case Layout::Set:
      return static_cast<SetObj*>(o)->d.find(item) != nullptr;
    default:
      break;
    }
    if (t == types::range) {
      if (!item.is_intlike()) return false;
      auto* r = static_cast<Range*>(o);
      int64_t x = item.as_int();
      if (r->step > 0 ? (x < r->start || x >= r->stop) : (x > r->start || x <= r->stop))
        return false;
      return (x - r->start) % r->step == 0;
    }
    static Str* contains_ = dunder("__contains__");
    Value f = t->lookup(contains_);
    if (!f.is_null()) return truthy(call_with_self(f, c, {&item, 1, nullptr, 0}));
    static Str* iter_ = dunder("__iter__");
    static Str* getitem_ = dunder("__getitem__");
    if (t == types::iterator || !t->lookup(iter_).is_null() || !t->lookup(getitem_).is_null()) {
      Value it = get_iter(c);
      Value x;
      while (iter_next(it, x))
        if (x.is(item) || values_equal(x, item)) return true;
      return false;
    }
  }
  raise(types::TypeError, "argument of type '" + type_name(c) + "' is not iterable");
}

} // namespace bwhop::lang
