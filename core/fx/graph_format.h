// `print(graph)` (Graph.__str__ / Node.format_node): `graph():` then one
// `%name : [num_users=N] = op[target=...](args = (...), kwargs = {...})` line
// per node and `return ...` for the output.
#pragma once

#include <string>

namespace bwhop::fx {

class Graph;
class Node;

std::string format_graph(const Graph& graph);
// Node.format_node() for one node (placeholders included).
std::string format_node(const Node& node);

} // namespace bwhop::fx
