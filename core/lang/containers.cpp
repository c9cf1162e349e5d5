// Methods and constructors of list, tuple, dict, set, range and slice.
#include <algorithm>

#include "core/lang/eval.h"
#include "core/lang/native.h"

namespace bwhop::lang {

namespace {

std::vector<Value>& L(const Value& v) {
  return static_cast<ListObj*>(v.obj())->items;
}
DictTable& D(const Value& v) {
  return static_cast<DictObj*>(v.obj())->d;
}
SetTable& S(const Value& v) {
  return static_cast<SetObj*>(v.obj())->d;
}

void check_self(const Args& a, Type* t, const char* method) {
  if (a.npos == 0 || !isinstance(a[0], t))
    raise(types::TypeError,
          std::string("descriptor '") + method + "' requires a '" + t->name + "' object");
}

// Sorts with Python semantics: stable, `<` comparisons, optional key and reverse.
void sort_values(std::vector<Value>& items, const Value& key, bool reverse) {
  std::vector<Value> keys;
  if (!key.is_null() && !key.is_none()) {
    keys.reserve(items.size());
    for (auto& v : items) keys.push_back(call(key, {v}));
  }
  std::vector<size_t> idx(items.size());
  for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  const std::vector<Value>& k = keys.empty() ? items : keys;
  auto less = [&](const Value& x, const Value& y) {
    if (x.is_intlike() && y.is_intlike()) return x.as_int() < y.as_int();
    return truthy(compare(CmpOpKind::Lt, x, y));
  };
  if (reverse)
    std::stable_sort(idx.begin(), idx.end(), [&](size_t i, size_t j) { return less(k[j], k[i]); });
  else
    std::stable_sort(idx.begin(), idx.end(), [&](size_t i, size_t j) { return less(k[i], k[j]); });
  std::vector<Value> out;
  out.reserve(items.size());
  for (size_t i : idx) out.push_back(items[i]);
  items.swap(out);
}

int64_t list_index(const std::vector<Value>& items, const Value& x) {
  for (size_t i = 0; i < items.size(); ++i)
    if (items[i].is(x) || values_equal(items[i], x)) return static_cast<int64_t>(i);
  return -1;
}

void dict_update(const Value& d, const Args& a, size_t first) {
  if (a.npos > first) {
    const Value& src = a[first];
    if (type_of(src)->layout == Layout::Dict) {
      for (auto& e : D(src).entries())
        if (!e.key.is_null()) D(d).set(e.key, e.value);
    } else if (!getattr_opt(src, intern_str("keys")).is_null()) {
      for (auto& k : to_vector(call_method(src, intern_str("keys"), {})))
        D(d).set(k, getitem(src, k));
    } else {
      size_t i = 0;
      for (auto& item : to_vector(src)) {
        auto kv = to_vector(item);
        if (kv.size() != 2)
          raise(types::ValueError, "dictionary update sequence element #" + std::to_string(i) +
                                       " has length " + std::to_string(kv.size()) +
                                       "; 2 is required");
        D(d).set(kv[0], kv[1]);
        ++i;
      }
    }
  }
  for (size_t i = 0; i < a.nkw; ++i) D(d).set(Value(a.kw[i].name), a.kw[i].value);
}

Value dict_view(const Value& d, int which) {
  std::vector<Value> out;
  for (auto& e : D(d).entries()) {
    if (e.key.is_null()) continue;
    if (which == 0)
      out.push_back(e.key);
    else if (which == 1)
      out.push_back(e.value);
    else
      out.push_back(new_tuple({e.key, e.value}));
  }
  return Value(new_list(std::move(out)));
}

} // namespace

void sort_list(std::vector<Value>& items, const Value& key, bool reverse) {
  sort_values(items, key, reverse);
}

void init_containers() {
  // ---- list
  Type* lt = types::list;
  add_method(lt, "__new__", [](const Args& a) {
    if (a.npos > 2)
      raise(types::TypeError,
            "list expected at most 1 argument, got " + std::to_string(a.npos - 1));
    if (a.npos == 1) return Value(new_list());
    return Value(new_list(to_vector(a[1])));
  });
  add_method(lt, "append", [](const Args& a) {
    check_self(a, types::list, "append");
    if (a.npos != 2)
      raise(types::TypeError,
            "list.append() takes exactly one argument (" + std::to_string(a.npos - 1) + " given)");
    L(a[0]).push_back(a[1]);
    return Value::none();
  });
  add_method(lt, "extend", [](const Args& a) {
    auto items = to_vector(a[1]);
    L(a[0]).insert(L(a[0]).end(), items.begin(), items.end());
    return Value::none();
  });
  add_method(lt, "insert", [](const Args& a) {
    auto& items = L(a[0]);
    int64_t n = static_cast<int64_t>(items.size());
    int64_t i = to_index(a[1]);
    if (i < 0) i = std::max<int64_t>(0, i + n);
    if (i > n) i = n;
    items.insert(items.begin() + i, a[2]);
    return Value::none();
  });
  add_method(lt, "pop", [](const Args& a) {
    auto& items = L(a[0]);
    if (items.empty()) raise(types::IndexError, "pop from empty list");
    int64_t n = static_cast<int64_t>(items.size());
    int64_t i = a.npos > 1 ? to_index(a[1]) : n - 1;
    if (i < 0) i += n;
    if (i < 0 || i >= n) raise(types::IndexError, "pop index out of range");
    Value v = items[i];
    items.erase(items.begin() + i);
    return v;
  });
  add_method(lt, "remove", [](const Args& a) {
    auto& items = L(a[0]);
    int64_t i = list_index(items, a[1]);
    if (i < 0) raise(types::ValueError, "list.remove(x): x not in list");
    items.erase(items.begin() + i);
    return Value::none();
  });
  add_method(lt, "index", [](const Args& a) {
    int64_t i = list_index(L(a[0]), a[1]);
    if (i < 0) raise(types::ValueError, repr(a[1]) + " is not in list");
    return Value::integer(i);
  });
  add_method(lt, "count", [](const Args& a) {
    int64_t n = 0;
    for (auto& v : L(a[0]))
      if (v.is(a[1]) || values_equal(v, a[1])) ++n;
    return Value::integer(n);
  });
  add_method(lt, "clear", [](const Args& a) {
    std::vector<Value> old;
    old.swap(L(a[0]));
    return Value::none();
  });
  add_method(lt, "copy", [](const Args& a) { return Value(new_list(L(a[0]))); });
  add_method(lt, "reverse", [](const Args& a) {
    std::reverse(L(a[0]).begin(), L(a[0]).end());
    return Value::none();
  });
  add_method(lt, "sort", [](const Args& a) {
    auto v = native::bind_args(
        a, "sort",
        {{"self"}, {"key", Value::none(), true}, {"reverse", Value::boolean(false), true}});
    std::vector<Value> items;
    items.swap(L(v[0]));
    try {
      sort_values(items, v[1], truthy(v[2]));
    } catch (...) {
      L(v[0]).swap(items);
      throw;
    }
    L(v[0]).swap(items);
    return Value::none();
  });
  add_method(lt, "__len__", [](const Args& a) { return Value::integer(length(a[0])); });
  add_method(lt, "__getitem__", [](const Args& a) { return getitem(a[0], a[1]); });
  add_method(lt, "__setitem__", [](const Args& a) {
    setitem(a[0], a[1], a[2]);
    return Value::none();
  });
  add_method(lt, "__contains__",
             [](const Args& a) { return Value::boolean(contains(a[0], a[1])); });
  add_method(lt, "__iter__", [](const Args& a) { return get_iter(a[0]); });

  // ---- tuple
  Type* tt = types::tuple;
  add_method(tt, "__new__", [](const Args& a) {
    if (a.npos == 1) return Value(new_tuple());
    if (type_of(a[1]) == types::tuple) return a[1];
    return Value(new_tuple(to_vector(a[1])));
  });
  add_method(tt, "index", [](const Args& a) {
    int64_t i = list_index(static_cast<TupleObj*>(a[0].obj())->items, a[1]);
    if (i < 0) raise(types::ValueError, "tuple.index(x): x not in tuple");
    return Value::integer(i);
  });
  add_method(tt, "count", [](const Args& a) {
    int64_t n = 0;
    for (auto& v : static_cast<TupleObj*>(a[0].obj())->items)
      if (v.is(a[1]) || values_equal(v, a[1])) ++n;
    return Value::integer(n);
  });
  add_method(tt, "__len__", [](const Args& a) { return Value::integer(length(a[0])); });
  add_method(tt, "__getitem__", [](const Args& a) { return getitem(a[0], a[1]); });

  // ---- dict
  Type* dt = types::dict;
  add_method(dt, "__new__", [](const Args& a) {
    Type* cls = static_cast<Type*>(a[0].obj());
    Value d = Value(new_dict());
    if (cls != types::dict) d.obj()->type = cls;
    return d;
  });
  add_method(dt, "__init__", [](const Args& a) {
    dict_update(a[0], a, 1);
    return Value::none();
  });
  add_method(dt, "keys", [](const Args& a) { return dict_view(a[0], 0); });
  add_method(dt, "values", [](const Args& a) { return dict_view(a[0], 1); });
  add_method(dt, "items", [](const Args& a) { return dict_view(a[0], 2); });
  add_method(dt, "get", [](const Args& a) {
    if (a.npos < 2) raise(types::TypeError, "get expected at least 1 argument, got 0");
    if (Value* v = D(a[0]).find(a[1])) return *v;
    return a.npos > 2 ? a[2] : Value::none();
  });
  add_method(dt, "setdefault", [](const Args& a) {
    if (Value* v = D(a[0]).find(a[1])) return *v;
    Value d = a.npos > 2 ? a[2] : Value::none();
    D(a[0]).set(a[1], d);
    return d;
  });
  add_method(dt, "pop", [](const Args& a) {
    if (Value* v = D(a[0]).find(a[1])) {
      Value r = *v;
      D(a[0]).erase(a[1]);
      return r;
    }
    if (a.npos > 2) return a[2];
    throw PyError{make_exception(types::KeyError, {a[1]})};
  });
  add_method(dt, "popitem", [](const Args& a) {
    auto& es = D(a[0]).entries();
    for (size_t i = es.size(); i-- > 0;)
      if (!es[i].key.is_null()) {
        Value k = es[i].key, v = es[i].value;
        D(a[0]).erase(k);
        return Value(new_tuple({k, v}));
      }
    raise(types::KeyError, "popitem(): dictionary is empty");
  });
  add_method(dt, "update", [](const Args& a) {
    dict_update(a[0], a, 1);
    return Value::none();
  });
  add_method(dt, "clear", [](const Args& a) {
    D(a[0]).clear();
    return Value::none();
  });
  add_method(dt, "copy", [](const Args& a) {
    auto d = new_dict();
    for (auto& e : D(a[0]).entries())
      if (!e.key.is_null()) d->d.set(e.key, e.value);
    return Value(d);
  });
  Value fromkeys = new_builtin("fromkeys", [](const Args& a) {
    auto d = new_dict();
    Value v = a.npos > 2 ? a[2] : Value::none();
    for (auto& k : to_vector(a[1])) d->d.set(k, v);
    return Value(d);
  });
  dt->dict_->d.set(Value(intern_str("fromkeys")), Value(new Wrapper(types::classmethod, fromkeys)));
  add_method(dt, "__len__", [](const Args& a) { return Value::integer(length(a[0])); });
  add_method(dt, "__getitem__", [](const Args& a) {
    if (Value* v = D(a[0]).find(a[1])) return *v;
    throw PyError{make_exception(types::KeyError, {a[1]})};
  });
  add_method(dt, "__setitem__", [](const Args& a) {
    D(a[0]).set(a[1], a[2]);
    return Value::none();
  });
  add_method(dt, "__contains__",
             [](const Args& a) { return Value::boolean(D(a[0]).find(a[1]) != nullptr); });
  add_method(dt, "__iter__", [](const Args& a) { return get_iter(dict_view(a[0], 0)); });

  // ---- set
  Type* st = types::set;
  add_method(st, "__new__", [](const Args& a) {
    auto s = new_set();
    if (a.npos > 1)
      for (auto& v : to_vector(a[1])) s->d.set(v, Value::none());
    return Value(s);
  });
  add_method(st, "add", [](const Args& a) {
    S(a[0]).set(a[1], Value::none());
    return Value::none();
  });
  add_method(st, "discard", [](const Args& a) {
    S(a[0]).erase(a[1]);
    return Value::none();
  });
  add_method(st, "remove", [](const Args& a) {
    if (!S(a[0]).erase(a[1])) throw PyError{make_exception(types::KeyError, {a[1]})};
    return Value::none();
  });
  add_method(st, "pop", [](const Args& a) {
    for (auto& e : S(a[0]).entries())
      if (!e.key.is_null()) {
        Value k = e.key;
        S(a[0]).erase(k);
        return k;
      }
    raise(types::KeyError, "pop from an empty set");
  });
  add_method(st, "clear", [](const Args& a) {
    S(a[0]).clear();
    return Value::none();
  });
  add_method(st, "copy", [](const Args& a) {
    auto s = new_set();
    for (auto& e : S(a[0]).entries())
      if (!e.key.is_null()) s->d.set(e.key, Value::none());
    return Value(s);
  });
  add_method(st, "update", [](const Args& a) {
    for (size_t i = 1; i < a.npos; ++i)
      for (auto& v : to_vector(a[i])) S(a[0]).set(v, Value::none());
    return Value::none();
  });
  auto setop = [st](const char* name, BinOpKind op) {
    add_method(st, name, [op](const Args& a) {
      Value acc = a[0];
      for (size_t i = 1; i < a.npos; ++i) {
        auto other = new_set();
        for (auto& v : to_vector(a[i])) other->d.set(v, Value::none());
        acc = binary_op(op, acc, Value(other));
      }
      if (a.npos == 1) return call_method(a[0], intern_str("copy"), {});
      return acc;
    });
  };
  setop("union", BinOpKind::BitOr);
  setop("intersection", BinOpKind::BitAnd);
  setop("difference", BinOpKind::Sub);
  setop("symmetric_difference", BinOpKind::BitXor);
  add_method(st, "issubset", [](const Args& a) {
    auto other = new_set();
    for (auto& v : to_vector(a[1])) other->d.set(v, Value::none());
    return compare(CmpOpKind::LtE, a[0], Value(other));
  });
  add_method(st, "issuperset", [](const Args& a) {
    auto other = new_set();
    for (auto& v : to_vector(a[1])) other->d.set(v, Value::none());
    return compare(CmpOpKind::GtE, a[0], Value(other));
  });
  add_method(st, "isdisjoint", [](const Args& a) {
    for (auto& v : to_vector(a[1]))
      if (S(a[0]).find(v)) return Value::boolean(false);
    return Value::boolean(true);
  });
  add_method(st, "__len__", [](const Args& a) { return Value::integer(length(a[0])); });
  add_method(st, "__contains__",
             [](const Args& a) { return Value::boolean(S(a[0]).find(a[1]) != nullptr); });

  // ---- range, slice
  add_method(types::range, "__new__", [](const Args& a) {
    int64_t start = 0, stop, step = 1;
    if (a.npos < 2 || a.npos > 4)
      raise(types::TypeError,
            "range expected at least 1 argument, got " + std::to_string(a.npos - 1));
    if (a.npos == 2)
      stop = to_index(a[1]);
    else {
      start = to_index(a[1]);
      stop = to_index(a[2]);
      if (a.npos == 4) step = to_index(a[3]);
    }
    if (step == 0) raise(types::ValueError, "range() arg 3 must not be zero");
    return Value(new Range(types::range, start, stop, step));
  });
  native::def_property(types::range, "start", [](const Value& s) {
    return Value::integer(static_cast<Range*>(s.obj())->start);
  });
  native::def_property(types::range, "stop", [](const Value& s) {
    return Value::integer(static_cast<Range*>(s.obj())->stop);
  });
  native::def_property(types::range, "step", [](const Value& s) {
    return Value::integer(static_cast<Range*>(s.obj())->step);
  });
  add_method(types::range, "index", [](const Args& a) {
    auto* r = static_cast<Range*>(a[0].obj());
    if (!contains(a[0], a[1])) raise(types::ValueError, repr(a[1]) + " is not in range");
    return Value::integer((a[1].as_int() - r->start) / r->step);
  });
  add_method(types::slice, "__new__", [](const Args& a) {
    auto* s = new SliceObj(types::slice);
    Value none = Value::none();
    if (a.npos == 2) {
      s->start = none;
      s->stop = a[1];
      s->step = none;
    } else {
      s->start = a.npos > 1 ? a[1] : none;
      s->stop = a.npos > 2 ? a[2] : none;
      s->step = a.npos > 3 ? a[3] : none;
    }
    return Value(s);
  });
  native::def_property(types::slice, "start",
                       [](const Value& s) { return static_cast<SliceObj*>(s.obj())->start; });
  native::def_property(types::slice, "stop",
                       [](const Value& s) { return static_cast<SliceObj*>(s.obj())->stop; });
  native::def_property(types::slice, "step",
                       [](const Value& s) { return static_cast<SliceObj*>(s.obj())->step; });
}

} // namespace bwhop::lang
