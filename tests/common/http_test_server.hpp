// A real HTTP server on 127.0.0.1:<ephemeral port> for tests of HTTP clients: a FIFO of canned
// replies (each with its own status, headers, body and delay), a fallback reply once the FIFO
// is empty, and a log of every request it saw. Nothing leaves the machine.
//
// Link PkgConfig::CPP_HTTPLIB (cpp-httplib is a compiled library here; see
// tests/plugins_judge/CMakeLists.txt for the guarded pkg_check_modules call).
#pragma once

#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace gptme_sessions::testing {

struct CannedReply {
  CannedReply() = default;
  CannedReply(int status_,
              std::string body_,
              std::string content_type_ = "application/json",
              std::vector<std::pair<std::string, std::string>> headers_ = {},
              std::chrono::milliseconds delay_ = std::chrono::milliseconds(0))
      : status(status_), body(std::move(body_)), content_type(std::move(content_type_)),
        headers(std::move(headers_)), delay(delay_) {}

  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  // Waits this long before answering (cut short when the server stops).
  std::chrono::milliseconds delay{0};
};

struct RecordedRequest {
  std::string method;
  std::string path;
  std::map<std::string, std::string> headers; // names lower-cased; a repeated name keeps the last
  std::string body;

  std::optional<std::string> header(std::string name) const {
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) {
      return static_cast<char>(std::tolower(c));
    });
    auto it = headers.find(name);
    if (it == headers.end())
      return std::nullopt;
    return it->second;
  }
};

class HttpTestServer {
public:
  HttpTestServer() {
    auto handler = [this](const httplib::Request& request, httplib::Response& response) {
      handle(request, response);
    };
    m_server.Get(".*", handler);
    m_server.Post(".*", handler);
    m_server.Put(".*", handler);
    m_server.Delete(".*", handler);
    m_port = m_server.bind_to_any_port("127.0.0.1");
    if (m_port <= 0)
      throw std::runtime_error("HttpTestServer: cannot bind 127.0.0.1");
    m_thread = std::thread([this] {
      m_server.listen_after_bind();
      m_listen_returned = true;
    });
    // stop() is a no-op until the accept loop runs, so the destructor could hang without this.
    while (!m_server.is_running() && !m_listen_returned)
      std::this_thread::yield();
  }

  ~HttpTestServer() {
    {
      std::lock_guard lock(m_mutex);
      m_stopping = true;
    }
    m_wake.notify_all();
    m_server.stop();
    if (m_thread.joinable())
      m_thread.join();
  }

  HttpTestServer(const HttpTestServer&) = delete;
  HttpTestServer& operator=(const HttpTestServer&) = delete;

  int port() const { return m_port; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(m_port); }

  // Replies are used in the order they were queued.
  void enqueue(CannedReply reply) {
    std::lock_guard lock(m_mutex);
    m_replies.push_back(std::move(reply));
  }
  // Used when the FIFO is empty. Default: 599 with a body saying no reply was queued.
  void set_fallback(CannedReply reply) {
    std::lock_guard lock(m_mutex);
    m_fallback = std::move(reply);
  }

  std::vector<RecordedRequest> requests() const {
    std::lock_guard lock(m_mutex);
    return m_requests;
  }
  std::size_t request_count() const {
    std::lock_guard lock(m_mutex);
    return m_requests.size();
  }

private:
  void handle(const httplib::Request& request, httplib::Response& response) {
    CannedReply reply;
    {
      std::unique_lock lock(m_mutex);
      RecordedRequest recorded{request.method, request.path, {}, request.body};
      for (const auto& [name, value] : request.headers) {
        std::string lower = name;
        std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) {
          return static_cast<char>(std::tolower(c));
        });
        recorded.headers[lower] = value;
      }
      m_requests.push_back(std::move(recorded));
      if (!m_replies.empty()) {
        reply = std::move(m_replies.front());
        m_replies.pop_front();
      } else {
        reply = m_fallback;
      }
      if (reply.delay.count() > 0)
        m_wake.wait_for(lock, reply.delay, [this] { return m_stopping; });
    }
    response.status = reply.status;
    for (const auto& [name, value] : reply.headers)
      response.set_header(name, value);
    response.set_content(reply.body, reply.content_type.c_str());
  }

  httplib::Server m_server;
  std::thread m_thread;
  std::atomic<bool> m_listen_returned{false};
  int m_port = 0;
  mutable std::mutex m_mutex;
  std::condition_variable m_wake;
  bool m_stopping = false;
  std::deque<CannedReply> m_replies;
  CannedReply m_fallback{
      599, "{\"error\": \"no canned reply queued\"}", "application/json", {}, {}};
  std::vector<RecordedRequest> m_requests;
};

} // namespace gptme_sessions::testing
