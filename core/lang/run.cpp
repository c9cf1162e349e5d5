#include "core/lang/run.h"

#include <optional>

#include "core/common/artifacts.h"

#include <pthread.h>

#include <csignal>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unordered_set>

#include "core/lang/eval.h"
#include "core/lang/interp.h"
#include "core/lang/modules.h"
#include "core/lang/parser.h"

namespace bwhop::lang {

Interp& interp() {
  static Interp* in = [] {
    auto* i = new Interp();
    i->out = &std::cout;
    i->err = &std::cerr;
    return i;
  }();
  return *in;
}

namespace {

bool g_session_active = false;

void on_sigint(int) {
  g_interrupted = true;
}

// Sets up a fresh interpreter state for one run.
void begin_run(const RunOptions& o) {
  init_runtime();
  register_builtin_modules();
  Interp& in = interp();
  in.out = o.out ? o.out : &std::cout;
  in.err = o.err ? o.err : &std::cerr;
  set_container_tracking(true);
  in.modules = new_dict();
  in.builtins = new_dict();
  install_builtins(in.builtins.get());
  in.argv.clear();
  in.argv.push_back(o.path);
  for (auto& a : o.args) in.argv.push_back(a);
  in.search_paths.clear();
  std::filesystem::path dir = std::filesystem::path(o.path).parent_path();
  in.search_paths.push_back(dir.empty() ? "." : dir.string());
  in.depth = 0;
  in.max_depth = 1000;
  in.top = nullptr;
  in.handling.clear();
  g_interrupted = false;
}

// Frees everything the run created (breaking reference cycles).
void end_run() {
  Interp& in = interp();
  in.handling.clear();
  in.modules = nullptr;
  in.builtins = nullptr;
  clear_tracked_objects();
  set_container_tracking(false);
  in.files.clear();
  in.extras.clear();
  in.out->flush();
  in.err->flush();
}

std::string strip(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\f')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return std::string(s.substr(b, e - b));
}

void print_one(std::ostream& err, const Value& exc) {
  auto* e = dynamic_cast<ExceptionObj*>(exc.obj());
  if (e && !e->tb.empty()) {
    err << "Traceback (most recent call last):\n";
    for (size_t i = e->tb.size(); i-- > 0;) {
      const TracebackEntry& t = e->tb[i];
      err << "  File \"" << (t.file ? t.file->path() : std::string("<unknown>")) << "\", line "
          << t.line << ", in " << t.func << "\n";
      if (t.file) {
        std::string src = strip(t.file->source_line(t.line));
        if (!src.empty()) err << "    " << src << "\n";
      }
    }
  }
  if (isinstance(exc, types::SyntaxError)) {
    Value report = getattr_opt(exc, intern_str("report"));
    if (!report.is_null()) {
      err << to_str(report);
      return;
    }
  }
  err << exception_line(exc) << "\n";
}

void print_chain(std::ostream& err, const Value& exc, std::unordered_set<Object*>& seen) {
  seen.insert(exc.obj());
  auto* e = dynamic_cast<ExceptionObj*>(exc.obj());
  if (e) {
    if (e->cause.is_obj() && !seen.count(e->cause.obj())) {
      print_chain(err, e->cause, seen);
      err << "\nThe above exception was the direct cause of the following exception:\n\n";
    } else if (!e->suppress_context && e->context.is_obj() && !seen.count(e->context.obj())) {
      print_chain(err, e->context, seen);
      err << "\nDuring handling of the above exception, another exception occurred:\n\n";
    }
  }
  print_one(err, exc);
}

void print_exception_to(std::ostream& err, const Value& exc) {
  std::unordered_set<Object*> seen;
  try {
    print_chain(err, exc, seen);
  } catch (PyError&) {
    err << type_display_name(type_of(exc)) << ": <exception str() failed>\n";
  }
}

// Converts an exception escaping the main module into an exit status.
int exit_status_for(const Value& exc) {
  Interp& in = interp();
  if (isinstance(exc, types::SystemExit)) {
    auto* e = static_cast<ExceptionObj*>(exc.obj());
    if (e->args->items.empty()) return 0;
    const Value& code = e->args->items[0];
    if (code.is_none()) return 0;
    if (code.is_intlike()) return static_cast<int>(code.as_int() & 0xff);
    *in.err << to_str(code) << "\n";
    return 1;
  }
  print_exception_to(*in.err, exc);
  if (isinstance(exc, types::KeyboardInterrupt)) return 130;
  return 1;
}

// `display_path` names the file in tracebacks (CPython shows the main
// script's absolute path); options.path stays sys.argv[0].
int run_main(const RunOptions& options, const std::string& source,
             const std::string& display_path) {
  begin_run(options);
  struct sigaction sa {
  }, old{};
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, &old);
  int status = 0;
  Interp& in = interp();
  try {
    std::shared_ptr<ParsedFile> file;
    try {
      file = parse_file(display_path, source);
    } catch (const SyntaxError& e) {
      *in.err << format_syntax_error(e);
      status = 1;
    }
    if (file) {
      Value m = new_module("__main__");
      auto* mod = static_cast<Module*>(m.obj());
      mod->globals->d.set(Value(intern_str("__file__")), new_str(display_path));
      mod->globals->d.set(Value(intern_str("__builtins__")), import_module("builtins"));
      in.modules->d.set(new_str("__main__"), m);
      try {
        exec_module(file, mod->globals);
      } catch (PyError& e) {
        status = exit_status_for(e.exc);
      }
    }
  } catch (PyError& e) {
    status = exit_status_for(e.exc);
  }
  sigaction(SIGINT, &old, nullptr);
  end_run();
  return status;
}

bool read_file(const std::string& path, std::string& out) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return false;
  std::stringstream ss;
  ss << f.rdbuf();
  out = ss.str();
  return true;
}

} // namespace

void run_on_big_stack(const std::function<void()>& fn) {
  struct Job {
    const std::function<void()>* fn;
    std::exception_ptr error;
    common::ArtifactLog* log; // the caller's artifact log, installed on the new thread too
  } job{&fn, nullptr, common::current_artifact_log()};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, size_t{1} << 29); // 512 MiB, touched lazily
  pthread_t th;
  auto entry = [](void* p) -> void* {
    auto* j = static_cast<Job*>(p);
    try {
      std::optional<common::ScopedArtifactLog> scope;
      if (j->log) scope.emplace(*j->log);
      (*j->fn)();
    } catch (...) {
      j->error = std::current_exception();
    }
    return nullptr;
  };
  if (pthread_create(&th, &attr, entry, &job) != 0) {
    pthread_attr_destroy(&attr);
    fn(); // no thread available: run here
    return;
  }
  pthread_attr_destroy(&attr);
  pthread_join(th, nullptr);
  if (job.error) std::rethrow_exception(job.error);
}

int run_source(const RunOptions& options, const std::string& source) {
  int status = 1;
  run_on_big_stack([&] { status = run_main(options, source, options.path); });
  return status;
}

int run_file(const RunOptions& options) {
  std::string source;
  if (!read_file(options.path, source)) {
    std::ostream& err = options.err ? *options.err : std::cerr;
    err << "bwhop: can't open file '" << options.path << "': [Errno 2] No such file or directory\n";
    return 2;
  }
  std::error_code ec;
  std::string shown = std::filesystem::absolute(options.path, ec).lexically_normal().string();
  if (ec) shown = options.path;
  int status = 1;
  run_on_big_stack([&] { status = run_main(options, source, shown); });
  return status;
}

Session::Session(const RunOptions& options) {
  if (g_session_active) throw std::logic_error("only one bwhop::lang::Session may exist at a time");
  g_session_active = true;
  begin_run(options);
  Value b = import_module("builtins");
  (void)b;
}

Session::~Session() {
  end_run();
  g_session_active = false;
}

Value Session::load_file_as_module(const std::string& path, const std::string& module_name) {
  std::string source;
  if (!read_file(path, source))
    raise(types::OSError, "[Errno 2] No such file or directory: '" + path + "'");
  return load_source_module(module_name, path, source);
}

void Session::print_exception(const Value& exc) {
  print_exception_to(*interp().err, exc);
}

} // namespace bwhop::lang
