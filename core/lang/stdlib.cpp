// Built-in modules implemented natively: sys, math, functools, itertools, os, time.
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <numeric>
#include <ostream>

#include "core/lang/eval.h"
#include "core/lang/interp.h"
#include "core/lang/lib/library.h"
#include "core/lang/modules.h"
#include "core/lang/native.h"

extern char** environ;

namespace bwhop::lang {

Value to_int_value(const Value& v);

namespace {

using native::module_def;
using native::module_set;

// sys.stdout / sys.stderr: write() goes to the run's streams.
struct TextStream {
  bool is_err;
};

Type* text_stream_type() {
  static Type* t = [] {
    Type* t = native::define_type("TextIOWrapper", "_io");
    native::def_method(t, "write", [](const Args& a) {
      auto* s = native::native_cast<TextStream>(a[0]);
      const std::string& text = native::as_str(a[1], "write() argument");
      (s->is_err ? *interp().err : *interp().out) << text;
      return Value::integer(static_cast<int64_t>(text.size()));
    });
    native::def_method(t, "flush", [](const Args& a) {
      auto* s = native::native_cast<TextStream>(a[0]);
      (s->is_err ? *interp().err : *interp().out).flush();
      return Value::none();
    });
    native::def_method(t, "isatty", [](const Args&) { return Value::boolean(false); });
    return t;
  }();
  return t;
}

void build_sys(const Value& m) {
  Interp& in = interp();
  std::vector<Value> argv;
  for (auto& s : in.argv) argv.push_back(new_str(s));
  module_set(m, "argv", native::make_list(argv));
  module_set(m, "stdout", native::make_native(text_stream_type(), TextStream{false}));
  module_set(m, "stderr", native::make_native(text_stream_type(), TextStream{true}));
  module_set(m, "__stdout__", native::get_attr(m, "stdout"));
  module_set(m, "__stderr__", native::get_attr(m, "stderr"));
  module_set(m, "modules", Value(in.modules));
  std::vector<Value> path;
  for (auto& p : in.search_paths) path.push_back(new_str(p));
  module_set(m, "path", native::make_list(path));
  module_set(m, "maxsize", Value::integer(INT64_MAX));
  module_set(m, "platform", new_str("linux"));
  module_set(m, "version_info",
             native::make_tuple({Value::integer(3), Value::integer(11), Value::integer(0)}));
  module_set(m, "version", new_str("3.11.0 (bwhop)"));
  module_set(m, "executable", new_str("bwhop"));
  module_def(m, "exit", [](const Args& a) -> Value {
    throw PyError{make_exception(types::SystemExit,
                                 a.npos ? std::vector<Value>{a[0]} : std::vector<Value>{})};
  });
  module_def(m, "getrecursionlimit",
             [](const Args&) { return Value::integer(interp().max_depth); });
  module_def(m, "setrecursionlimit", [](const Args& a) {
    int64_t n = native::as_int(a[0]);
    if (n < 1) raise(types::ValueError, "recursion limit must be greater or equal than 1");
    interp().max_depth = static_cast<int>(std::min<int64_t>(n, 20000));
    return Value::none();
  });
  module_def(m, "exc_info", [](const Args&) {
    auto& h = interp().handling;
    if (h.empty()) return native::make_tuple({Value::none(), Value::none(), Value::none()});
    return native::make_tuple({Value(type_of(h.back())), h.back(), Value::none()});
  });
}

Value math_fn1(const char* name, double (*f)(double)) {
  std::string n = name;
  return new_builtin(n, [f, n](const Args& a) {
    if (a.npos != 1)
      raise(types::TypeError,
            "math." + n + "() takes exactly one argument (" + std::to_string(a.npos) + " given)");
    double x = to_double(a[0]);
    double r = f(x);
    if (std::isnan(r) && !std::isnan(x)) raise(types::ValueError, "math domain error");
    if (std::isinf(r) && std::isfinite(x)) raise(types::OverflowError, "math range error");
    return Value::floating(r);
  });
}

void build_math(const Value& m) {
  module_set(m, "pi", Value::floating(M_PI));
  module_set(m, "e", Value::floating(M_E));
  module_set(m, "tau", Value::floating(2 * M_PI));
  module_set(m, "inf", Value::floating(INFINITY));
  module_set(m, "nan", Value::floating(NAN));
  struct F1 {
    const char* name;
    double (*f)(double);
  };
  for (F1 f : {F1{"sqrt", [](double x) { return x < 0 ? NAN : std::sqrt(x); }},
               F1{"exp", [](double x) { return std::exp(x); }},
               F1{"sin", [](double x) { return std::sin(x); }},
               F1{"cos", [](double x) { return std::cos(x); }},
               F1{"tan", [](double x) { return std::tan(x); }},
               F1{"asin", [](double x) { return std::asin(x); }},
               F1{"acos", [](double x) { return std::acos(x); }},
               F1{"atan", [](double x) { return std::atan(x); }},
               F1{"sinh", [](double x) { return std::sinh(x); }},
               F1{"cosh", [](double x) { return std::cosh(x); }},
               F1{"tanh", [](double x) { return std::tanh(x); }},
               F1{"fabs", [](double x) { return std::fabs(x); }},
               F1{"log2", [](double x) { return x <= 0 ? NAN : std::log2(x); }},
               F1{"log10", [](double x) { return x <= 0 ? NAN : std::log10(x); }},
               F1{"erf", [](double x) { return std::erf(x); }},
               F1{"expm1", [](double x) { return std::expm1(x); }},
               F1{"log1p", [](double x) { return x <= -1 ? NAN : std::log1p(x); }}})
    module_set(m, f.name, math_fn1(f.name, f.f));
  module_def(m, "log", [](const Args& a) {
    double x = to_double(a[0]);
    if (x <= 0) raise(types::ValueError, "math domain error");
    double r = std::log(x);
    if (a.npos > 1) {
      double b = to_double(a[1]);
      if (b <= 0) raise(types::ValueError, "math domain error");
      if (b == 1) raise(types::ZeroDivisionError, "float division by zero");
      r /= std::log(b);
    }
    return Value::floating(r);
  });
  module_def(m, "pow", [](const Args& a) {
    double x = to_double(a[0]), y = to_double(a[1]);
    double r = std::pow(x, y);
    if (std::isnan(r) && !std::isnan(x) && !std::isnan(y))
      raise(types::ValueError, "math domain error");
    return Value::floating(r);
  });
  module_def(m, "atan2", [](const Args& a) {
    return Value::floating(std::atan2(to_double(a[0]), to_double(a[1])));
  });
  module_def(m, "hypot", [](const Args& a) {
    double s = 0;
    for (size_t i = 0; i < a.npos; ++i) s += to_double(a[i]) * to_double(a[i]);
    return Value::floating(std::sqrt(s));
  });
  module_def(m, "floor", [](const Args& a) {
    if (a[0].is_intlike()) return Value::integer(a[0].as_int());
    return to_int_value(Value::floating(std::floor(to_double(a[0]))));
  });
  module_def(m, "ceil", [](const Args& a) {
    if (a[0].is_intlike()) return Value::integer(a[0].as_int());
    return to_int_value(Value::floating(std::ceil(to_double(a[0]))));
  });
  module_def(m, "trunc", [](const Args& a) { return to_int_value(a[0]); });
  module_def(m, "isnan", [](const Args& a) { return Value::boolean(std::isnan(to_double(a[0]))); });
  module_def(m, "isinf", [](const Args& a) { return Value::boolean(std::isinf(to_double(a[0]))); });
  module_def(m, "isfinite",
             [](const Args& a) { return Value::boolean(std::isfinite(to_double(a[0]))); });
  module_def(m, "copysign", [](const Args& a) {
    return Value::floating(std::copysign(to_double(a[0]), to_double(a[1])));
  });
  module_def(m, "fmod", [](const Args& a) {
    return Value::floating(std::fmod(to_double(a[0]), to_double(a[1])));
  });
  module_def(m, "gcd", [](const Args& a) {
    int64_t g = 0;
    for (size_t i = 0; i < a.npos; ++i) g = std::gcd(g, native::as_int(a[i]));
    return Value::integer(g);
  });
  module_def(m, "factorial", [](const Args& a) {
    int64_t n = native::as_int(a[0]);
    if (n < 0) raise(types::ValueError, "factorial() not defined for negative values");
    int64_t r = 1;
    for (int64_t i = 2; i <= n; ++i) r = checked_mul(r, i);
    return Value::integer(r);
  });
  module_def(m, "isclose", [](const Args& a) {
    auto v = native::bind_args(a, "isclose",
                               {{"a"},
                                {"b"},
                                {"rel_tol", Value::floating(1e-9), true},
                                {"abs_tol", Value::floating(0.0), true}});
    double x = to_double(v[0]), y = to_double(v[1]);
    if (x == y) return Value::boolean(true);
    if (std::isinf(x) || std::isinf(y)) return Value::boolean(false);
    double d = std::fabs(x - y);
    return Value::boolean(d <= std::fabs(to_double(v[2]) * y) ||
                          d <= std::fabs(to_double(v[2]) * x) || d <= to_double(v[3]));
  });
  module_def(m, "prod", [](const Args& a) {
    Value acc = Value::integer(1);
    for (auto& x : to_vector(a[0])) acc = binary_op(BinOpKind::Mult, acc, x);
    return acc;
  });
  module_def(m, "fsum", [](const Args& a) {
    long double s = 0;
    for (auto& x : to_vector(a[0])) s += to_double(x);
    return Value::floating(static_cast<double>(s));
  });
  module_def(m, "degrees",
             [](const Args& a) { return Value::floating(to_double(a[0]) * 180.0 / M_PI); });
  module_def(m, "radians",
             [](const Args& a) { return Value::floating(to_double(a[0]) * M_PI / 180.0); });
}

void build_functools(const Value& m) {
  module_set(m, "partial", Value(types::partial));
  module_def(m, "reduce", [](const Args& a) {
    if (a.npos < 2)
      raise(types::TypeError,
            "reduce expected at least 2 arguments, got " + std::to_string(a.npos));
    Value it = get_iter(a[1]);
    Value acc;
    if (a.npos > 2)
      acc = a[2];
    else if (!iter_next(it, acc))
      raise(types::TypeError, "reduce() of empty iterable with no initial value");
    Value x;
    while (iter_next(it, x)) acc = call(a[0], {acc, x});
    return acc;
  });
  module_def(m, "wraps", [](const Args& a) {
    Value wrapped = a[0];
    return new_builtin("wraps_decorator", [wrapped](const Args& b) {
      Value wrapper = b[0];
      for (const char* n : {"__module__", "__name__", "__qualname__", "__doc__"}) {
        Value v = getattr_opt(wrapped, intern_str(n));
        if (!v.is_null()) {
          try {
            setattr(wrapper, intern_str(n), v);
          } catch (PyError&) {
          }
        }
      }
      Value d = getattr_opt(wrapped, intern_str("__dict__"));
      Value wd = getattr_opt(wrapper, intern_str("__dict__"));
      if (!d.is_null() && !wd.is_null() && native::is_dict(d) && native::is_dict(wd))
        for (auto& [k, v] : native::dict_items(d)) native::dict_set(wd, k, v);
      try {
        setattr(wrapper, intern_str("__wrapped__"), wrapped);
      } catch (PyError&) {
      }
      return wrapper;
    });
  });
  auto identity_decorator = [](const Args& a) -> Value {
    if (a.npos == 1 && native::is_callable(a[0])) return a[0];
    return new_builtin("decorator", [](const Args& b) { return b[0]; });
  };
  module_def(m, "lru_cache", identity_decorator);
  module_def(m, "cache", identity_decorator);
  module_def(m, "cmp_to_key", [](const Args& a) {
    Value cmp = a[0];
    static Type* key_type = [] {
      Type* t = native::define_type("KeyWrapper", "functools");
      native::def_method(t, "__lt__", [](const Args& b) {
        Value cmp = native::get_attr(b[0], "_cmp");
        Value r = call(cmp, {native::get_attr(b[0], "obj"), native::get_attr(b[1], "obj")});
        return Value::boolean(truthy(compare(CmpOpKind::Lt, r, Value::integer(0))));
      });
      return t;
    }();
    return new_builtin("K", [cmp](const Args& b) {
      Value k = native::make_native(key_type, 0);
      native::set_attr(k, "obj", b[0]);
      native::set_attr(k, "_cmp", cmp);
      return k;
    });
  });
  add_method(types::partial, "__new__", [](const Args& a) {
    if (a.npos < 2) raise(types::TypeError, "type 'partial' takes at least one argument");
    if (!native::is_callable(a[1])) raise(types::TypeError, "the first argument must be callable");
    auto* p = new Partial(types::partial);
    Value pv(p);
    std::vector<Value> args(a.pos + 2, a.pos + a.npos);
    p->keywords = new_dict();
    if (auto* inner = const_cast<Partial*>(native::as_partial(a[1]))) {
      p->func = inner->func;
      std::vector<Value> merged = inner->args->items;
      merged.insert(merged.end(), args.begin(), args.end());
      args.swap(merged);
      for (auto& e : inner->keywords->d.entries())
        if (!e.key.is_null()) p->keywords->d.set(e.key, e.value);
    } else {
      p->func = a[1];
    }
    p->args = new_tuple(std::move(args));
    for (size_t i = 0; i < a.nkw; ++i) p->keywords->d.set(Value(a.kw[i].name), a.kw[i].value);
    return pv;
  });
}

void build_itertools(const Value& m) {
  module_def(m, "count", [](const Args& a) {
    auto v =
        native::bind_args(a, "count", {{"start", Value::integer(0)}, {"step", Value::integer(1)}});
    Value cur = v[0], step = v[1];
    return new_iter([cur, step](Value& out) mutable {
      out = cur;
      cur = binary_op(BinOpKind::Add, cur, step);
      return true;
    });
  });
  module_def(m, "repeat", [](const Args& a) {
    auto v = native::bind_args(a, "repeat", {{"object"}, {"times", Value::none()}});
    Value x = v[0];
    int64_t n = v[1].is_none() ? -1 : native::as_int(v[1]);
    return new_iter([x, n](Value& out) mutable {
      if (n == 0) return false;
      if (n > 0) --n;
      out = x;
      return true;
    });
  });
  auto chain_of = [](std::vector<Value> iterables) {
    auto its = std::make_shared<std::vector<Value>>(std::move(iterables));
    size_t i = 0;
    Value cur;
    return new_iter([its, i, cur](Value& out) mutable {
      while (i < its->size()) {
        if (cur.is_null()) cur = get_iter((*its)[i]);
        if (iter_next(cur, out)) return true;
        cur = Value();
        ++i;
      }
      return false;
    });
  };
  static Type* chain_type = native::define_type("chain", "itertools");
  add_method(chain_type, "__new__", [chain_of](const Args& a) {
    return chain_of(std::vector<Value>(a.pos + 1, a.pos + a.npos));
  });
  native::def_staticmethod(chain_type, "from_iterable",
                           [chain_of](const Args& a) { return chain_of(to_vector(a[0])); });
  module_set(m, "chain", Value(chain_type));
  module_def(m, "product", [](const Args& a) {
    int64_t repeat = 1;
    for (size_t i = 0; i < a.nkw; ++i)
      if (a.kw[i].name->s == "repeat") repeat = native::as_int(a.kw[i].value);
    std::vector<std::vector<Value>> pools;
    for (int64_t r = 0; r < repeat; ++r)
      for (size_t i = 0; i < a.npos; ++i) pools.push_back(to_vector(a[i]));
    std::vector<Value> rows;
    std::vector<size_t> idx(pools.size(), 0);
    bool empty = false;
    for (auto& p : pools)
      if (p.empty()) empty = true;
    while (!empty) {
      std::vector<Value> row;
      for (size_t k = 0; k < pools.size(); ++k) row.push_back(pools[k][idx[k]]);
      rows.push_back(Value(new_tuple(std::move(row))));
      size_t k = pools.size();
      while (k > 0) {
        --k;
        if (++idx[k] < pools[k].size()) break;
        idx[k] = 0;
        if (k == 0) empty = true;
      }
      if (pools.empty()) break;
    }
    return get_iter(Value(new_list(std::move(rows))));
  });
  module_def(m, "islice", [](const Args& a) {
    Value it = get_iter(a[0]);
    int64_t start = 0, stop = -1, step = 1;
    if (a.npos == 2)
      stop = a[1].is_none() ? -1 : native::as_int(a[1]);
    else if (a.npos >= 3) {
      start = a[1].is_none() ? 0 : native::as_int(a[1]);
      stop = a[2].is_none() ? -1 : native::as_int(a[2]);
      if (a.npos > 3 && !a[3].is_none()) step = native::as_int(a[3]);
    }
    int64_t pos = 0, next = start;
    return new_iter([it, pos, next, stop, step](Value& out) mutable {
      Value x;
      while (stop < 0 || pos < stop) {
        if (!iter_next(it, x)) return false;
        int64_t here = pos++;
        if (here == next) {
          next += step;
          out = x;
          return true;
        }
      }
      return false;
    });
  });
  module_def(m, "accumulate", [](const Args& a) {
    std::vector<Value> out;
    Value acc;
    for (auto& x : to_vector(a[0])) {
      acc = acc.is_null() ? x
                          : (a.npos > 1 ? call(a[1], {acc, x}) : binary_op(BinOpKind::Add, acc, x));
      out.push_back(acc);
    }
    return get_iter(Value(new_list(std::move(out))));
  });
}

void build_os(const Value& m) {
  auto env = new_dict();
  for (char** e = environ; e && *e; ++e) {
    std::string kv = *e;
    size_t eq = kv.find('=');
    if (eq == std::string::npos) continue;
    env->d.set(new_str(kv.substr(0, eq)), new_str(kv.substr(eq + 1)));
  }
  module_set(m, "environ", Value(env));
  module_set(m, "sep", new_str("/"));
  module_def(m, "getenv", [](const Args& a) {
    const char* v = std::getenv(native::as_str(a[0]).c_str());
    if (!v) return a.npos > 1 ? a[1] : Value::none();
    return new_str(v);
  });
}

void build_time(const Value& m) {
  auto now = [](const Args&) {
    auto t = std::chrono::system_clock::now().time_since_epoch();
    return Value::floating(std::chrono::duration<double>(t).count());
  };
  auto mono = [](const Args&) {
    auto t = std::chrono::steady_clock::now().time_since_epoch();
    return Value::floating(std::chrono::duration<double>(t).count());
  };
  // CPU time of the process (user + system), as CPython's process_time.
  auto cpu = [](const Args&) {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return Value::floating(static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9);
  };
  module_def(m, "time", now);
  module_def(m, "perf_counter", mono);
  module_def(m, "process_time", cpu);
  module_def(m, "monotonic", mono);
}

} // namespace

void register_builtin_modules() {
  static bool done = false;
  if (done) return;
  done = true;
  auto& r = module_registry();
  r.natives["sys"] = build_sys;
  r.natives["math"] = build_math;
  r.natives["functools"] = build_functools;
  r.natives["itertools"] = build_itertools;
  r.natives["os"] = build_os;
  r.natives["time"] = build_time;
  register_library_modules();
  register_re_module();
  r.natives["builtins"] = [](const Value& m) {
    for (auto& e : interp().builtins->d.entries())
      if (!e.key.is_null()) static_cast<Module*>(m.obj())->globals->d.set(e.key, e.value);
  };
}

} // namespace bwhop::lang
