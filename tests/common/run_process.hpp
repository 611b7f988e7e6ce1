// Runs a program (usually the real gptme-sessions binary) and captures what it printed.
#pragma once

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <vector>

extern char** environ;

namespace gptme_sessions::testing {

struct ProcessResult {
  int exit_code = -1; // 128 + signal when killed
  std::string out;
  std::string err;
};

struct ProcessOptions {
  // Environment changes on top of the current environment; nullopt unsets the variable.
  std::map<std::string, std::optional<std::string>> env;
  std::optional<std::string> cwd;
  std::string stdin_data;
  // Called on its own thread once the child runs (to signal it, say); joined before returning.
  std::function<void(pid_t)> on_started;
};

inline std::string read_all_fd(int fd) {
  std::string data;
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n > 0)
      data.append(buf, static_cast<std::size_t>(n));
    else if (n == 0 || errno != EINTR)
      break;
  }
  return data;
}

inline ProcessResult run_process(const std::vector<std::string>& argv,
                                 const ProcessOptions& options = {}) {
  int out_pipe[2], err_pipe[2], in_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0 ||
      ::pipe2(in_pipe, O_CLOEXEC) != 0)
    throw std::runtime_error("pipe failed");
  std::map<std::string, std::string> env;
  for (char** e = environ; *e; ++e) {
    std::string kv = *e;
    auto eq = kv.find('=');
    if (eq != std::string::npos)
      env[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  for (const auto& [k, v] : options.env) {
    if (v)
      env[k] = *v;
    else
      env.erase(k);
  }
  std::vector<std::string> env_strings;
  for (const auto& [k, v] : env)
    env_strings.push_back(k + "=" + v);
  std::vector<char*> envp, args;
  for (auto& s : env_strings)
    envp.push_back(s.data());
  envp.push_back(nullptr);
  std::vector<std::string> argv_copy = argv;
  for (auto& s : argv_copy)
    args.push_back(s.data());
  args.push_back(nullptr);

  pid_t pid = ::fork();
  if (pid < 0)
    throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::dup2(in_pipe[0], 0);
    ::dup2(out_pipe[1], 1);
    ::dup2(err_pipe[1], 2);
    if (options.cwd && ::chdir(options.cwd->c_str()) != 0)
      ::_exit(126);
    ::execve(args[0], args.data(), envp.data());
    ::_exit(127);
  }
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  ::close(in_pipe[0]);
  std::thread writer([&] {
    const char* p = options.stdin_data.data();
    std::size_t left = options.stdin_data.size();
    while (left > 0) {
      ssize_t n = ::write(in_pipe[1], p, left);
      if (n <= 0)
        break;
      p += n;
      left -= static_cast<std::size_t>(n);
    }
    ::close(in_pipe[1]);
  });
  std::thread watcher;
  if (options.on_started)
    watcher = std::thread([&] { options.on_started(pid); });
  ProcessResult result;
  std::thread err_reader([&] { result.err = read_all_fd(err_pipe[0]); });
  result.out = read_all_fd(out_pipe[0]);
  err_reader.join();
  writer.join();
  if (watcher.joinable())
    watcher.join();
  ::close(out_pipe[0]);
  ::close(err_pipe[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status))
    result.exit_code = WEXITSTATUS(status);
  else if (WIFSIGNALED(status))
    result.exit_code = 128 + WTERMSIG(status);
  return result;
}

} // namespace gptme_sessions::testing
