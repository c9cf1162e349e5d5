#include <iostream>

#include "core/lang/run.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: bwhop exec FILE.py\n";
    return 2;
  }
  bwhop::lang::RunOptions o{argv[2], {}, &std::cout, &std::cerr};
  return bwhop::lang::run_file(o);
}
