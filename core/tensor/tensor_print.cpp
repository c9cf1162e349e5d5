#include "core/tensor/tensor_print.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

namespace bwhop::tensor {

PrintOptions& print_options() {
  static PrintOptions opts;
  return opts;
}

std::string size_repr(std::span<const int64_t> sizes) {
  return "torch.Size(" + sizes_str(sizes) + ")";
}

std::string dtype_repr(ScalarType t) {
  return "torch." + std::string(scalar_type_name(t));
}

namespace {

std::string fmt_fixed(double v, int digits) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[512];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

std::string fmt_sci(double v, int digits) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*e", digits, v);
  return buf;
}

// t[i] as a view (no copy).
Tensor select0(const Tensor& t, int64_t i) {
  IntList sz(t.sizes().begin() + 1, t.sizes().end());
  IntList st(t.strides().begin() + 1, t.strides().end());
  return Tensor::make_view(t, sz, st, t.storage_offset() + i * t.strides()[0]);
}

// The elements the printer will show (get_summarized_data), appended in order.
struct Element {
  double d;
  int64_t i;
};
Element element(const Tensor& t, int64_t flat) {
  if (is_floating(t.dtype())) return {t.double_at(flat), 0};
  return {0, t.int_at(flat)};
}

void summarized_values(const Tensor& t, bool summarize, std::vector<Element>& out) {
  const PrintOptions& o = print_options();
  if (t.dim() == 0) {
    out.push_back(element(t, 0));
    return;
  }
  int64_t n = t.sizes()[0];
  auto visit = [&](int64_t i) {
    if (t.dim() == 1)
      out.push_back(element(t, i));
    else
      summarized_values(select0(t, i), summarize, out);
  };
  if (summarize && n > 2 * o.edgeitems) {
    for (int64_t i = 0; i < o.edgeitems; ++i) visit(i);
    for (int64_t i = n - o.edgeitems; i < n; ++i) visit(i);
  } else {
    for (int64_t i = 0; i < n; ++i) visit(i);
  }
}

class Formatter {
public:
  Formatter(const Tensor& t, bool summarize) : dtype_(t.dtype()) {
    std::vector<Element> elems;
    summarized_values(t, summarize, elems);
    floating_ = is_floating(dtype_);
    const PrintOptions& o = print_options();
    if (!floating_) {
      for (const Element& e : elems) max_width_ = std::max(max_width_, format_plain(e.i).size());
      return;
    }
    std::vector<double> nz;
    for (const Element& e : elems)
      if (std::isfinite(e.d) && e.d != 0) nz.push_back(e.d);
    if (nz.empty()) return;
    double mn = std::fabs(nz[0]), mx = mn;
    for (double v : nz) {
      mn = std::min(mn, std::fabs(v));
      mx = std::max(mx, std::fabs(v));
      if (v != std::ceil(v)) int_mode_ = false;
    }
    if (int_mode_) {
      if (mx / mn > 1000. || mx > 1.e8) {
        sci_mode_ = true;
        for (double v : nz) max_width_ = std::max(max_width_, fmt_sci(v, o.precision).size());
      } else {
        for (double v : nz) max_width_ = std::max(max_width_, fmt_fixed(v, 0).size() + 1);
      }
    } else {
      if (mx / mn > 1000. || mx > 1.e8 || mn < 1.e-4) {
        sci_mode_ = true;
        for (double v : nz) max_width_ = std::max(max_width_, fmt_sci(v, o.precision).size());
      } else {
        for (double v : nz) max_width_ = std::max(max_width_, fmt_fixed(v, o.precision).size());
      }
    }
    if (o.sci_mode) sci_mode_ = *o.sci_mode;
  }

  std::size_t width() const { return max_width_; }

  std::string format(Element e) const {
    std::string r;
    double v = e.d;
    const PrintOptions& o = print_options();
    if (floating_) {
      if (sci_mode_)
        r = fmt_sci(v, o.precision);
      else if (int_mode_) {
        r = fmt_fixed(v, 0);
        if (std::isfinite(v)) r += '.';
      } else {
        r = fmt_fixed(v, o.precision);
      }
    } else {
      r = format_plain(e.i);
    }
    if (r.size() < max_width_) r.insert(0, max_width_ - r.size(), ' ');
    return r;
  }

private:
  std::string format_plain(int64_t v) const {
    if (dtype_ == ScalarType::Bool) return v != 0 ? "True" : "False";
    return std::to_string(v);
  }

  ScalarType dtype_;
  bool floating_ = false;
  bool int_mode_ = true;
  bool sci_mode_ = false;
  std::size_t max_width_ = 1;
};

void vector_str(const Tensor& t, int64_t indent, bool summarize, const Formatter& f,
                std::string& out) {
  const PrintOptions& o = print_options();
  auto element_length = static_cast<int64_t>(f.width()) + 2;
  int64_t per_line = std::max<int64_t>(1, (o.linewidth - indent) / element_length);
  std::vector<std::string> data;
  int64_t n = t.sizes()[0];
  if (summarize && n > 2 * o.edgeitems) {
    for (int64_t i = 0; i < o.edgeitems; ++i) data.push_back(f.format(element(t, i)));
    data.push_back(" ...");
    for (int64_t i = n - o.edgeitems; i < n; ++i) data.push_back(f.format(element(t, i)));
  } else {
    for (int64_t i = 0; i < n; ++i) data.push_back(f.format(element(t, i)));
  }
  out += '[';
  for (std::size_t i = 0; i < data.size(); ++i) {
    if (i) {
      if (i % static_cast<std::size_t>(per_line) == 0) {
        out += ",\n";
        out.append(static_cast<std::size_t>(indent + 1), ' ');
      } else {
        out += ", ";
      }
    }
    out += data[i];
  }
  out += ']';
}

void tensor_str(const Tensor& t, int64_t indent, bool summarize, const Formatter& f,
                std::string& out) {
  const PrintOptions& o = print_options();
  int64_t dim = t.dim();
  if (dim == 0) {
    out += f.format(element(t, 0));
    return;
  }
  if (dim == 1) {
    vector_str(t, indent, summarize, f, out);
    return;
  }
  std::string sep = "," + std::string(static_cast<std::size_t>(dim - 1), '\n') +
                    std::string(static_cast<std::size_t>(indent + 1), ' ');
  int64_t n = t.sizes()[0];
  out += '[';
  bool first = true;
  auto slice = [&](int64_t i) {
    if (!first) out += sep;
    first = false;
    tensor_str(select0(t, i), indent + 1, summarize, f, out);
  };
  if (summarize && n > 2 * o.edgeitems) {
    for (int64_t i = 0; i < o.edgeitems; ++i) slice(i);
    out += sep + "...";
    for (int64_t i = n - o.edgeitems; i < n; ++i) slice(i);
  } else {
    for (int64_t i = 0; i < n; ++i) slice(i);
  }
  out += ']';
}

std::string add_suffixes(std::string text, const std::vector<std::string>& suffixes,
                         int64_t indent) {
  const PrintOptions& o = print_options();
  auto nl = text.rfind('\n');
  int64_t last_line_len = static_cast<int64_t>(text.size()) -
                          (nl == std::string::npos ? -1 : static_cast<int64_t>(nl)) + 1;
  for (const std::string& s : suffixes) {
    auto len = static_cast<int64_t>(s.size());
    if (last_line_len + len + 2 > o.linewidth) {
      text += ",\n" + std::string(static_cast<std::size_t>(indent), ' ') + s;
      last_line_len = indent + len;
    } else {
      text += ", " + s;
      last_line_len += len + 2;
    }
  }
  return text + ")";
}

} // namespace

std::string tensor_repr(const Tensor& t) {
  const std::string prefix = "tensor(";
  const auto indent = static_cast<int64_t>(prefix.size());
  std::vector<std::string> suffixes;
  std::string body;
  ScalarType dt = t.dtype();
  bool default_dtype =
      dt == default_float_dtype() || dt == ScalarType::Long || dt == ScalarType::Bool;
  if (!t.has_storage()) {
    // Metadata-only tensors print like PyTorch's meta tensors.
    body = "...";
    suffixes.push_back("size=(" + [&] {
      std::string s;
      for (std::size_t i = 0; i < t.sizes().size(); ++i)
        s += (i ? ", " : "") + std::to_string(t.sizes()[i]);
      if (t.sizes().size() == 1) s += ",";
      return s;
    }() + ")");
    if (!default_dtype) suffixes.push_back("dtype=" + dtype_repr(dt));
  } else if (t.numel() == 0) {
    if (t.dim() != 1) {
      std::string s = "size=(";
      for (std::size_t i = 0; i < t.sizes().size(); ++i)
        s += (i ? ", " : "") + std::to_string(t.sizes()[i]);
      if (t.sizes().size() == 1) s += ",";
      suffixes.push_back(s + ")");
    }
    if (dt != default_float_dtype()) suffixes.push_back("dtype=" + dtype_repr(dt));
    body = "[]";
  } else {
    if (!default_dtype) suffixes.push_back("dtype=" + dtype_repr(dt));
    bool summarize = t.numel() > print_options().threshold;
    Formatter f(t, summarize);
    tensor_str(t, indent, summarize, f, body);
  }
  if (auto* meta = t.autograd_meta()) {
    std::string_view fn = meta->grad_fn_name();
    if (!fn.empty())
      suffixes.push_back("grad_fn=<" + std::string(fn) + ">");
    else if (meta->requires_grad())
      suffixes.push_back("requires_grad=True");
  }
  return add_suffixes(prefix + body, suffixes, indent);
}

} // namespace bwhop::tensor
