#include "core/fx/graph_format.h"

#include "core/fx/graph.h"
#include "core/fx/node.h"
#include "core/fx/py_format.h"
#include "core/fx/target.h"
#include "core/fx/type_expr.h"

namespace bwhop::fx {

namespace {

// Python repr() of a value with nodes as their names (str() of a container).
void append_python_repr(std::string& out, const Argument& arg);

void append_python_items(std::string& out, const std::vector<Argument>& items) {
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    append_python_repr(out, items[i]);
  }
}

void append_python_repr(std::string& out, const Argument& arg) {
  const Argument::Value& v = arg.value();
  if (const auto* n = std::get_if<Node*>(&v)) {
    out += (*n)->name();
  } else if (std::holds_alternative<NoneArg>(v)) {
    out += "None";
  } else if (const bool* b = std::get_if<bool>(&v)) {
    out += *b ? "True" : "False";
  } else if (const int64_t* i = std::get_if<int64_t>(&v)) {
    append_int(out, *i);
  } else if (const double* d = std::get_if<double>(&v)) {
    append_py_float(out, *d);
  } else if (const std::string* s = std::get_if<std::string>(&v)) {
    append_py_str_repr(out, *s);
  } else if (const auto* dt = std::get_if<tensor::ScalarType>(&v)) {
    out += dtype_repr(*dt);
  } else if (const Device* dev = std::get_if<Device>(&v)) {
    out += device_repr(*dev);
  } else if (const ArgList* list = std::get_if<ArgList>(&v)) {
    out += '[';
    append_python_items(out, list->items);
    out += ']';
  } else if (const ArgTuple* tuple = std::get_if<ArgTuple>(&v)) {
    out += '(';
    append_python_items(out, tuple->items);
    if (tuple->items.size() == 1) out += ',';
    out += ')';
  } else if (const ArgSlice* slice = std::get_if<ArgSlice>(&v)) {
    out += "slice(";
    append_python_items(out, slice->parts);
    out += ')';
  } else if (const ArgDict* dict = std::get_if<ArgDict>(&v)) {
    out += '{';
    for (std::size_t k = 0; k < dict->size(); ++k) {
      if (k) out += ", ";
      append_py_str_repr(out, dict->key(k));
      out += ": ";
      append_python_repr(out, dict->value(k));
    }
    out += '}';
  } else if (const OpaquePtr* op = std::get_if<OpaquePtr>(&v)) {
    out += (*op)->repr();
  } else if (const auto* t = std::get_if<const Target*>(&v)) {
    out += (*t)->qualified_name();
  }
}

// str() of a value: strings and devices print bare, the rest as repr().
void append_python_str(std::string& out, const Argument& arg) {
  if (const std::string* s = arg.get_if<std::string>()) {
    out += *s;
  } else if (const Device* dev = arg.get_if<Device>()) {
    out += device_str(*dev);
  } else if (const OpaquePtr* op = arg.get_if<OpaquePtr>()) {
    out += (*op)->str();
  } else {
    append_python_repr(out, arg);
  }
}

// torch.fx.node._format_arg: containers recursively, nodes as %name, other
// values through str().
void append_format_arg(std::string& out, const Argument& arg) {
  const Argument::Value& v = arg.value();
  auto items = [&](const std::vector<Argument>& xs) {
    for (std::size_t i = 0; i < xs.size(); ++i) {
      if (i) out += ", ";
      append_format_arg(out, xs[i]);
    }
  };
  if (const auto* n = std::get_if<Node*>(&v)) {
    out += '%';
    out += (*n)->name();
  } else if (const ArgList* list = std::get_if<ArgList>(&v)) {
    out += '[';
    items(list->items);
    out += ']';
  } else if (const ArgTuple* tuple = std::get_if<ArgTuple>(&v)) {
    out += '(';
    items(tuple->items);
    if (tuple->items.size() == 1) out += ',';
    out += ')';
  } else if (const ArgDict* dict = std::get_if<ArgDict>(&v)) {
    out += '{';
    for (std::size_t k = 0; k < dict->size(); ++k) {
      if (k) out += ", ";
      out += dict->key(k);
      out += ": ";
      append_format_arg(out, dict->value(k));
    }
    out += '}';
  } else {
    append_python_str(out, arg);
  }
}

void append_args_kwargs(std::string& out, const Node& node) {
  out += "(args = (";
  const Args& args = node.args();
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (i) out += ", ";
    append_format_arg(out, args[i]);
  }
  if (args.size() == 1) out += ',';
  out += "), kwargs = {";
  bool first = true;
  for (const Kwarg& k : node.kwargs()) {
    if (!first) out += ", ";
    first = false;
    out += k.key;
    out += ": ";
    append_format_arg(out, k.value);
  }
  out += "})";
}

} // namespace

std::string format_node(const Node& node) {
  std::string out;
  auto head = [&] {
    out += '%';
    out += node.name();
    out += " : ";
    if (node.type() != nullptr) {
      out += plain_type_repr(*node.type());
      out += ' ';
    }
    out += "[num_users=";
    append_int(out, static_cast<int64_t>(node.num_users()));
    out += "] = ";
    out += op_name(node.op());
    out += "[target=";
  };
  switch (node.op()) {
  case OpKind::Placeholder:
    head();
    out += node.target_name();
    out += ']';
    if (!node.args().empty()) {
      out += "(default=";
      append_python_str(out, node.args()[0]);
      out += ')';
    }
    break;
  case OpKind::GetAttr:
    head();
    out += node.target_name();
    out += ']';
    break;
  case OpKind::Output:
    out += "return ";
    append_python_str(out, node.args().at(0));
    break;
  case OpKind::CallFunction:
    head();
    out += node.function()->pretty_name();
    out += ']';
    append_args_kwargs(out, node);
    break;
  case OpKind::CallMethod:
  case OpKind::CallModule:
    head();
    out += node.target_name();
    out += ']';
    append_args_kwargs(out, node);
    break;
  case OpKind::Root:
    break;
  }
  return out;
}

std::string format_graph(const Graph& graph) {
  // FX passes an empty placeholder list, so placeholders print as nodes and the
  // signature stays `graph()`.
  std::string out = "graph():";
  for (const Node* n : graph.nodes()) {
    out += "\n    ";
    out += format_node(*n);
  }
  return out;
}

} // namespace bwhop::fx
