#include "core/lang/ast.h"

namespace bwhop::lang {

const char* to_string(BoolOpKind op) {
  return op == BoolOpKind::And ? "and" : "or";
}

const char* to_string(BinOpKind op) {
  switch (op) {
  case BinOpKind::Add:
    return "+";
  case BinOpKind::Sub:
    return "-";
  case BinOpKind::Mult:
    return "*";
  case BinOpKind::MatMult:
    return "@";
  case BinOpKind::Div:
    return "/";
  case BinOpKind::Mod:
    return "%";
  case BinOpKind::Pow:
    return "**";
  case BinOpKind::LShift:
    return "<<";
  case BinOpKind::RShift:
    return ">>";
  case BinOpKind::BitOr:
    return "|";
  case BinOpKind::BitXor:
    return "^";
  case BinOpKind::BitAnd:
    return "&";
  case BinOpKind::FloorDiv:
    return "//";
  }
  return "?";
}

const char* to_string(UnaryOpKind op) {
  switch (op) {
  case UnaryOpKind::Invert:
    return "~";
  case UnaryOpKind::Not:
    return "not";
  case UnaryOpKind::UAdd:
    return "+";
  case UnaryOpKind::USub:
    return "-";
  }
  return "?";
}

const char* to_string(CmpOpKind op) {
  switch (op) {
  case CmpOpKind::Eq:
    return "==";
  case CmpOpKind::NotEq:
    return "!=";
  case CmpOpKind::Lt:
    return "<";
  case CmpOpKind::LtE:
    return "<=";
  case CmpOpKind::Gt:
    return ">";
  case CmpOpKind::GtE:
    return ">=";
  case CmpOpKind::Is:
    return "is";
  case CmpOpKind::IsNot:
    return "is not";
  case CmpOpKind::In:
    return "in";
  case CmpOpKind::NotIn:
    return "not in";
  }
  return "?";
}

const char* to_string(ExprKind kind) {
  static const char* const names[] = {
      "BoolOp",    "NamedExpr", "BinOp",          "UnaryOp",   "Lambda",   "IfExp",
      "Dict",      "Set",       "ListComp",       "SetComp",   "DictComp", "GeneratorExp",
      "Compare",   "Call",      "FormattedValue", "JoinedStr", "Constant", "Attribute",
      "Subscript", "Starred",   "Name",           "List",      "Tuple",    "Slice"};
  return names[static_cast<int>(kind)];
}

const char* to_string(StmtKind kind) {
  static const char* const names[] = {"FunctionDef", "ClassDef",  "Return",   "Delete", "Assign",
                                      "AugAssign",   "AnnAssign", "For",      "While",  "If",
                                      "With",        "Raise",     "Try",      "Assert", "Import",
                                      "ImportFrom",  "Global",    "Nonlocal", "Expr",   "Pass",
                                      "Break",       "Continue"};
  return names[static_cast<int>(kind)];
}

ParsedFile::ParsedFile(std::string path, std::string source)
    : path_(std::move(path)), source_(std::move(source)) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < source_.size(); ++i) {
    if (source_[i] == '\n') {
      if (i + 1 < source_.size()) line_starts_.push_back(static_cast<uint32_t>(i + 1));
    }
  }
}

std::string_view ParsedFile::source_line(int32_t line) const {
  if (line < 1 || line > line_count()) return {};
  std::size_t start = line_starts_[line - 1];
  std::size_t end = source_.find('\n', start);
  if (end == std::string::npos) end = source_.size();
  std::string_view text(source_.data() + start, end - start);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

} // namespace bwhop::lang
