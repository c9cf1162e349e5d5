#include "core/harness/worker_pool.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

namespace bwhop::harness {

namespace {

using Clock = std::chrono::steady_clock;

void put_u64(std::string& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}

void put_str(std::string& out, std::string_view s) {
  put_u64(out, s.size());
  out.append(s);
}

bool get_u64(std::string_view& in, std::uint64_t& v) {
  if (in.size() < 8) return false;
  v = 0;
  for (int i = 0; i < 8; ++i) v |= std::uint64_t(static_cast<unsigned char>(in[i])) << (8 * i);
  in.remove_prefix(8);
  return true;
}

bool get_str(std::string_view& in, std::string& s) {
  std::uint64_t n = 0;
  if (!get_u64(in, n) || in.size() < n) return false;
  s.assign(in.substr(0, n));
  in.remove_prefix(n);
  return true;
}

void write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return; // parent gone: nothing left to report to
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

// In the forked child: run, report, and leave without running the parent's
// exit handlers or flushing its buffered output a second time.
[[noreturn]] void worker_main(int report_fd, const ScenarioRunner& runner,
                              const std::filesystem::path& script) {
  // A crash must end the worker so the parent can report it, whatever
  // handlers the parent process installed.
  for (int sig : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTERM}) std::signal(sig, SIG_DFL);
  const int devnull = ::open("/dev/null", O_RDONLY);
  if (devnull >= 0) ::dup2(devnull, STDIN_FILENO);
  RunResult result = run_in_process(runner, script);
  write_all(report_fd, encode_result(result));
  ::close(report_fd);
  ::_exit(0);
}

struct Worker {
  std::size_t index;
  pid_t pid;
  int fd;
  Clock::time_point start;
  std::string bytes;
  bool timed_out = false;
};

std::string describe_wait_status(int status) {
  if (WIFSIGNALED(status))
    return "worker killed by signal " + std::to_string(WTERMSIG(status)) + " (" +
           strsignal(WTERMSIG(status)) + ")";
  if (WIFEXITED(status))
    return "worker exited with status " + std::to_string(WEXITSTATUS(status)) +
           " without reporting a result";
  return "worker ended without reporting a result";
}

RunResult finish(Worker& w, double timeout_seconds) {
  int status = 0;
  while (::waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
  }
  ::close(w.fd);
  RunResult result;
  if (w.timed_out) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "timed out after %gs", timeout_seconds);
    result.failure = buf;
  } else if (!decode_result(w.bytes, result)) {
    result = RunResult{};
    result.failure = describe_wait_status(status);
  }
  result.seconds = std::chrono::duration<double>(Clock::now() - w.start).count();
  return result;
}

} // namespace

std::string encode_result(const RunResult& result) {
  std::string out;
  out.reserve(64 + result.out.size() + result.err.size());
  put_u64(out, static_cast<std::uint64_t>(static_cast<std::int64_t>(result.exit_status)));
  put_str(out, result.failure);
  put_str(out, result.out);
  put_str(out, result.err);
  put_u64(out, result.artifacts.size());
  for (const auto& a : result.artifacts) {
    put_str(out, a.name);
    put_str(out, a.text);
  }
  return out;
}

bool decode_result(std::string_view in, RunResult& result) {
  std::uint64_t status = 0, count = 0;
  if (!get_u64(in, status)) return false;
  result.exit_status = static_cast<int>(static_cast<std::int64_t>(status));
  if (!get_str(in, result.failure) || !get_str(in, result.out) || !get_str(in, result.err) ||
      !get_u64(in, count))
    return false;
  result.artifacts.clear();
  for (std::uint64_t i = 0; i < count; ++i) {
    common::Artifact a;
    if (!get_str(in, a.name) || !get_str(in, a.text)) return false;
    result.artifacts.push_back(std::move(a));
  }
  return in.empty();
}

void run_isolated(const std::vector<std::filesystem::path>& scripts, const ScenarioRunner& runner,
                  const PoolOptions& options,
                  const std::function<void(std::size_t, RunResult)>& on_done) {
  const unsigned jobs =
      options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::optional<RunResult>> done(scripts.size());
  std::vector<Worker> active;
  std::size_t next = 0;     // next script to start
  std::size_t reported = 0; // results handed to on_done so far

  auto report_ready = [&] {
    while (reported < done.size() && done[reported]) {
      on_done(reported, std::move(*done[reported]));
      done[reported].reset();
      ++reported;
    }
  };

  // Whatever goes wrong in the parent, leave no worker behind.
  struct KillOnExit {
    std::vector<Worker>& workers;
    ~KillOnExit() {
      for (Worker& w : workers) {
        ::kill(w.pid, SIGKILL);
        ::waitpid(w.pid, nullptr, 0);
        ::close(w.fd);
      }
    }
  } guard{active};

  while (reported < scripts.size()) {
    while (active.size() < jobs && next < scripts.size()) {
      int fds[2];
      if (::pipe2(fds, O_CLOEXEC) != 0)
        throw std::runtime_error(std::string("cannot create a pipe: ") + std::strerror(errno));
      std::fflush(nullptr);
      const pid_t pid = ::fork();
      if (pid < 0) {
        ::close(fds[0]);
        ::close(fds[1]);
        throw std::runtime_error(std::string("cannot fork: ") + std::strerror(errno));
      }
      if (pid == 0) {
        ::close(fds[0]);
        worker_main(fds[1], runner, scripts[next]);
      }
      ::close(fds[1]);
      active.push_back(Worker{next, pid, fds[0], Clock::now(), {}});
      ++next;
    }

    // Wait until a worker reports or the earliest deadline passes.
    int wait_ms = -1;
    const auto now = Clock::now();
    if (options.timeout_seconds > 0) {
      for (const Worker& w : active) {
        const auto deadline = w.start + std::chrono::duration_cast<Clock::duration>(
                                            std::chrono::duration<double>(options.timeout_seconds));
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count() + 1;
        wait_ms = wait_ms < 0 ? static_cast<int>(std::max<long long>(0, left))
                              : std::min(wait_ms, static_cast<int>(std::max<long long>(0, left)));
      }
    }
    std::vector<pollfd> polls;
    polls.reserve(active.size());
    for (const Worker& w : active) polls.push_back(pollfd{w.fd, POLLIN, 0});
    const int ready = ::poll(polls.data(), polls.size(), wait_ms);
    if (ready < 0 && errno != EINTR)
      throw std::runtime_error(std::string("poll failed: ") + std::strerror(errno));

    std::vector<std::size_t> finished;
    for (std::size_t i = 0; i < active.size(); ++i) {
      Worker& w = active[i];
      if (ready > 0 && (polls[i].revents & (POLLIN | POLLHUP | POLLERR))) {
        char buf[65536];
        const ssize_t n = ::read(w.fd, buf, sizeof buf);
        if (n > 0) {
          w.bytes.append(buf, static_cast<std::size_t>(n));
          continue;
        }
        if (n < 0 && errno == EINTR) continue;
        finished.push_back(i); // EOF: the worker is done (or dead)
        continue;
      }
      if (options.timeout_seconds > 0 &&
          std::chrono::duration<double>(Clock::now() - w.start).count() >=
              options.timeout_seconds) {
        ::kill(w.pid, SIGKILL);
        w.timed_out = true;
        finished.push_back(i);
      }
    }
    for (auto it = finished.rbegin(); it != finished.rend(); ++it) {
      Worker& w = active[*it];
      done[w.index] = finish(w, options.timeout_seconds);
      active.erase(active.begin() + static_cast<std::ptrdiff_t>(*it));
    }
    report_ready();
  }
}

} // namespace bwhop::harness
