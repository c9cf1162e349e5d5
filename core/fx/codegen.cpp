#include "core/fx/codegen.h"

#include <stdexcept>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/fx/graph.h"
#include "core/fx/name_space.h"
#include "core/fx/node.h"
#include "core/fx/py_format.h"
#include "core/fx/stack_trace.h"
#include "core/fx/target.h"
#include "core/fx/type_expr.h"

namespace bwhop::fx {

namespace {

const std::string kNoStackTrace = "# No stacktrace found for following nodes";

// Identity of FX's custom builtins in the print name space.
const char kCustomBuiltinObjects[7] = {};

class ForwardWriter {
public:
  ForwardWriter(std::string& out, const Graph& graph, const CodegenOptions& options,
                std::string_view indent)
      : out_(out), graph_(graph), options_(options), indent_(indent),
        body_indent_(std::string(indent) + "    "), printed_(graph.id_bound()),
        last_user_(graph.id_bound(), nullptr) {
    names_.reserve(graph.size() + 16);
    std::size_t count = 0;
    const std::string_view* builtins = custom_builtin_names(&count);
    for (std::size_t i = 0; i < count; ++i)
      names_.create_name(builtins[i], &kCustomBuiltinObjects[i], true);
  }

  void write() {
    compute_last_uses();
    out_.reserve(out_.size() + graph_.size() * 96); // typical statement length
    std::size_t body_start = out_.size();
    for (const Node* n : graph_.nodes()) {
      if (options_.verbose) emit_stack_trace_summary(n);
      emit_node(n);
      emit_deletions(n);
    }
    if (!has_content_) {
      put("pass");
      end_line();
    }
    begin_line(); // the empty last line still gets the body indentation
    std::string prologue(indent_);
    prologue += "def forward(";
    if (free_vars_.empty() || free_vars_.front() != "self") prologue += "self";
    for (std::size_t i = 0; i < free_vars_.size(); ++i) {
      if (i > 0 || free_vars_.front() != "self") prologue += ", ";
      prologue += free_vars_[i];
    }
    prologue += ')';
    prologue += return_annotation_;
    prologue += ":\n";
    out_.insert(body_start, prologue);
  }

private:
  // ---- lines -------------------------------------------------------------
  void begin_line() {
    if (at_line_start_) {
      out_ += body_indent_;
      at_line_start_ = false;
    }
  }
  void put(std::string_view text) {
    begin_line();
    out_ += text;
    has_content_ = true;
  }
  void put(char c) {
    begin_line();
    out_ += c;
    has_content_ = true;
  }
  // Ends the current line. Leading empty lines vanish (FX strips leading "\n").
  void end_line() {
    if (!has_content_) return;
    begin_line();
    out_ += '\n';
    at_line_start_ = true;
  }

  // ---- names -------------------------------------------------------------
  std::string_view node_name(const Node* n) {
    std::string_view& slot = printed_[n->id()];
    if (slot.data() == nullptr) slot = names_.create_name_stable(n->name());
    return slot;
  }

  // add_global: torch objects print dotted, everything else gets a name-space name.
  std::string_view add_global(const GlobalRef& ref, std::string_view qualified, bool dotted,
                              const void* obj) {
    if (ref.module == "torch" && ref.name == "device") return "device";
    if (dotted) return qualified;
    return names_.create_name(qualified, obj, ref.is_builtin);
  }
  std::string_view target_global(const Target* t) {
    std::string_view name = add_global(t->ref(), t->qualified_name(), t->prints_qualified(), t);
    if (options_.globals && !t->prints_qualified() && reported_.insert(t).second)
      options_.globals->push_back(CodeGlobalName{std::string(name), t});
    return name;
  }
  void append_type_repr(std::string& dst, const TypeExpr* type) {
    std::string qualified = type->ref.qualified_name();
    dst += add_global(type->ref, qualified, type->ref.prints_qualified(), type);
    if (!type->args.empty()) {
      dst += '[';
      for (std::size_t i = 0; i < type->args.size(); ++i) {
        if (i) dst += ',';
        append_type_repr(dst, type->args[i]);
      }
      dst += ']';
    }
  }

  // ---- values ------------------------------------------------------------
  void append_repr(std::string& dst, const Argument& arg) {
    const Argument::Value& v = arg.value();
    if (const auto* n = std::get_if<Node*>(&v)) {
      dst += node_name(*n);
    } else if (std::holds_alternative<NoneArg>(v)) {
      dst += "None";
    } else if (const bool* b = std::get_if<bool>(&v)) {
      dst += *b ? "True" : "False";
    } else if (const int64_t* i = std::get_if<int64_t>(&v)) {
      append_int(dst, *i);
    } else if (const double* d = std::get_if<double>(&v)) {
      append_py_float(dst, *d);
    } else if (const std::string* s = std::get_if<std::string>(&v)) {
      append_py_str_repr(dst, *s);
    } else if (const auto* dt = std::get_if<tensor::ScalarType>(&v)) {
      dst += dtype_repr(*dt);
    } else if (const Device* dev = std::get_if<Device>(&v)) {
      dst += device_repr(*dev);
    } else if (const ArgList* list = std::get_if<ArgList>(&v)) {
      dst += '[';
      append_joined(dst, list->items, 0);
      dst += ']';
    } else if (const ArgTuple* tuple = std::get_if<ArgTuple>(&v)) {
      dst += '(';
      append_joined(dst, tuple->items, 0);
      if (tuple->items.size() == 1) dst += ',';
      dst += ')';
    } else if (const ArgSlice* slice = std::get_if<ArgSlice>(&v)) {
      dst += "slice(";
      append_joined(dst, slice->parts, 0);
      dst += ')';
    } else if (const ArgDict* dict = std::get_if<ArgDict>(&v)) {
      dst += '{';
      for (std::size_t k = 0; k < dict->size(); ++k) {
        if (k) dst += ", ";
        append_py_str_repr(dst, dict->key(k));
        dst += ": ";
        append_repr(dst, dict->value(k));
      }
      dst += '}';
    } else if (const OpaquePtr* op = std::get_if<OpaquePtr>(&v)) {
      dst += (*op)->repr();
    } else if (const auto* t = std::get_if<const Target*>(&v)) {
      dst += target_global(*t);
    }
  }
  void append_joined(std::string& dst, const std::vector<Argument>& items, std::size_t from) {
    for (std::size_t i = from; i < items.size(); ++i) {
      if (i > from) dst += ", ";
      append_repr(dst, items[i]);
    }
  }
  // _format_args: positional reprs, then `key = value`.
  void append_call_args(std::string& dst, const Args& args, std::size_t from,
                        const Kwargs& kwargs) {
    append_joined(dst, args, from);
    bool first = from >= args.size();
    for (const Kwarg& k : kwargs) {
      if (!first) dst += ", ";
      first = false;
      dst += k.key;
      dst += " = ";
      append_repr(dst, k.value);
    }
  }
  // _format_target: `base.a.b`, with getattr(base, "x") for non-identifier parts.
  void append_attr_path(std::string& dst, std::string_view base, std::string_view path) {
    std::string result(base);
    std::size_t start = 0;
    while (true) {
      std::size_t dot = path.find('.', start);
      std::string_view part = path.substr(start, dot == std::string_view::npos ? dot : dot - start);
      if (is_py_identifier(part)) {
        result += '.';
        result += part;
      } else {
        result = "getattr(" + result + ", \"" + std::string(part) + "\")";
      }
      if (dot == std::string_view::npos) break;
      start = dot + 1;
    }
    dst += result;
  }
  // str.format of an operator template with positional argument reprs.
  void append_template(std::string& dst, std::string_view tmpl, const Args& args) {
    std::size_t next = 0;
    for (std::size_t i = 0; i < tmpl.size(); ++i) {
      if (tmpl[i] == '{' && i + 1 < tmpl.size() && tmpl[i + 1] == '}') {
        if (next >= args.size())
          throw std::invalid_argument("operator node has too few arguments for its template");
        append_repr(dst, args[next++]);
        ++i;
      } else {
        dst += tmpl[i];
      }
    }
  }

  // ---- annotations -------------------------------------------------------
  static void append_dims(std::string& dst, const std::vector<Dim>& dims) {
    dst += '[';
    for (std::size_t i = 0; i < dims.size(); ++i) {
      if (i) dst += ", ";
      if (const int64_t* v = std::get_if<int64_t>(&dims[i]))
        append_int(dst, *v);
      else
        dst += dim_str(dims[i]);
    }
    dst += ']';
  }
  // maybe_type_annotation of emit_node, into ann_.
  void compute_annotation(const Node* n) {
    ann_.clear();
    if (n->type() != nullptr) {
      ann_ += " : ";
      append_type_repr(ann_, n->type());
    }
    if (!options_.verbose) return;
    const MetaValue& meta = n->meta_value();
    if (const TensorMetaPtr* tm = std::get_if<TensorMetaPtr>(&meta); tm && *tm) {
      const TensorMeta& t = **tm;
      ann_.clear();
      ann_ += ": \"";
      if (!t.subclass.empty()) {
        ann_ += t.subclass;
        ann_ += '(';
      }
      ann_ += tensor::scalar_type_abbr(t.dtype);
      append_dims(ann_, t.shape);
      if (options_.include_stride) append_dims(ann_, t.stride);
      if (options_.include_device) ann_ += t.device;
      if (!t.subclass.empty()) ann_ += ')';
      ann_ += '"';
    } else if (const SymExprPtr* sym = std::get_if<SymExprPtr>(&meta); sym && *sym) {
      ann_.clear();
      ann_ += ": \"Sym(";
      ann_ += (*sym)->str();
      ann_ += ")\"";
    }
  }

  // ---- per node ----------------------------------------------------------
  void compute_last_uses() {
    for (const Node* n : graph_.reversed_nodes())
      for (std::size_t i = 0; i < n->num_inputs(); ++i) {
        const Node*& slot = last_user_[n->input(i)->id()];
        if (slot == nullptr) slot = n;
      }
  }

  const std::string* summary_of(const Node* n) {
    std::string_view trace = n->stack_trace();
    if (trace.empty()) return &kNoStackTrace;
    auto it = summaries_.find(trace.data());
    if (it == summaries_.end()) {
      std::optional<std::string> s = stack_trace_summary(trace);
      it = summaries_.emplace(trace.data(), s ? "# " + *s : kNoStackTrace).first;
    }
    return &it->second;
  }

  void emit_stack_trace_summary(const Node* n) {
    if (n->op() == OpKind::Placeholder || n->op() == OpKind::Output) return;
    const std::string* summary = summary_of(n);
    if (prev_summary_ != nullptr && (summary == prev_summary_ || *summary == *prev_summary_))
      return;
    prev_summary_ = summary;
    end_line();
    put(*summary);
    end_line();
  }

  void emit_assignment_head(const Node* n) {
    put(node_name(n));
    out_ += ann_;
    out_ += " = ";
  }

  void emit_node(const Node* n) {
    compute_annotation(n);
    switch (n->op()) {
    case OpKind::Placeholder: {
      std::string var(n->target_name());
      var += ann_;
      if (!n->args().empty()) {
        var += " = ";
        append_repr(var, n->args()[0]);
      }
      free_vars_.push_back(std::move(var));
      std::string raw;
      for (char c : n->target_name())
        if (c != '*') raw += c;
      std::string_view name = node_name(n);
      if (raw != name) {
        put(name);
        out_ += " = ";
        out_ += raw;
        end_line();
      }
      return;
    }
    case OpKind::CallMethod: {
      if (n->args().empty()) throw std::invalid_argument("call_method node without a receiver");
      emit_assignment_head(n);
      std::string receiver;
      append_repr(receiver, n->args()[0]);
      append_attr_path(out_, receiver, n->target_name());
      out_ += '(';
      append_call_args(out_, n->args(), 1, n->kwargs());
      out_ += ')';
      return;
    }
    case OpKind::CallFunction: {
      const Target* t = n->function();
      if (t->operator_form() == OperatorForm::Magic) {
        emit_assignment_head(n);
        append_template(out_, t->operator_template(), n->args());
        return;
      }
      if (t->operator_form() == OperatorForm::InPlace) {
        std::string stmt;
        append_template(stmt, t->operator_template(), n->args());
        put(stmt);
        out_ += ";  ";
        out_ += node_name(n);
        out_ += ann_;
        out_ += " = ";
        append_repr(out_, n->args().at(0));
        return;
      }
      std::string_view global = target_global(t);
      const Args& args = n->args();
      if (global == "getattr" && args.size() == 2) {
        const std::string* attr = args[1].get_if<std::string>();
        if (attr != nullptr && is_py_identifier(*attr)) {
          emit_assignment_head(n);
          std::string base;
          append_repr(base, args[0]);
          append_attr_path(out_, base, *attr);
          return;
        }
      }
      emit_assignment_head(n);
      out_ += global;
      out_ += '(';
      append_call_args(out_, args, 0, n->kwargs());
      out_ += ')';
      return;
    }
    case OpKind::CallModule:
      emit_assignment_head(n);
      append_attr_path(out_, "self", n->target_name());
      out_ += '(';
      append_call_args(out_, n->args(), 0, n->kwargs());
      out_ += ')';
      return;
    case OpKind::GetAttr:
      emit_assignment_head(n);
      append_attr_path(out_, "self", n->target_name());
      return;
    case OpKind::Output:
      if (n->type() != nullptr) {
        return_annotation_ = " -> ";
        append_type_repr(return_annotation_, n->type());
      }
      put("return ");
      append_repr(out_, n->args().at(0));
      return;
    case OpKind::Root:
      break;
    }
    throw std::logic_error("unexpected node kind in code generation");
  }

  // delete_unused_values: `;  a = b = None` for values whose last use is here.
  void emit_deletions(const Node* n) {
    if (n->op() == OpKind::Placeholder) return;
    if (n->op() == OpKind::Output) {
      end_line();
      return;
    }
    bool any = false;
    for (std::size_t i = 0; i < n->num_inputs(); ++i) {
      const Node* in = n->input(i);
      if (last_user_[in->id()] != n) continue;
      out_ += any ? " = " : ";  ";
      out_ += node_name(in);
      any = true;
    }
    if (n->num_users() == 0) {
      out_ += any ? " = " : ";  ";
      out_ += node_name(n);
      any = true;
    }
    if (any) out_ += " = None";
    end_line();
  }

  std::string& out_;
  const Graph& graph_;
  const CodegenOptions& options_;
  std::string_view indent_;
  std::string body_indent_;
  NameSpace names_;
  std::unordered_set<const Target*> reported_; // targets already in options_.globals
  std::vector<std::string_view> printed_;
  std::vector<const Node*> last_user_;
  std::unordered_map<const char*, std::string> summaries_;
  const std::string* prev_summary_ = nullptr;
  std::vector<std::string> free_vars_;
  std::string return_annotation_;
  std::string ann_;
  bool at_line_start_ = true;
  bool has_content_ = false;
};

} // namespace

void append_forward(std::string& out, const Graph& graph, const CodegenOptions& options,
                    std::string_view indent) {
  ForwardWriter(out, graph, options, indent).write();
}

std::string python_code(const Graph& graph, const CodegenOptions& options) {
  std::string out = "\n\n\n";
  append_forward(out, graph, options, "");
  return out;
}

} // namespace bwhop::fx
