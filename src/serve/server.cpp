// pharmakon serve: the routes of app.cpp behind cpp-httplib (Debian's libcpp-httplib-dev).
#include <atomic>
#include <csignal>
#include <cstdio>
#include <thread>

#include <pthread.h>
#include <time.h>

#include <fmt/format.h>
#include <httplib.h>

#include "serve.hpp"

namespace pharmakon::serve {

namespace {

std::string status_text(int status) {
  switch (status) {
    case 400: return "bad request";
    case 404: return "not found";
    case 405: return "method not allowed";
    case 408: return "request timeout";
    case 413: return "request body too large";
    case 414: return "request URI too long";
    case 415: return "unsupported media type";
    case 431: return "request header fields too large";
    default: return status >= 500 ? "internal error" : "error";
  }
}

std::string host_url(httplib::Request const& req, config const& cfg) {
  auto host = req.get_header_value("Host");
  bool ok = !host.empty() && host.size() < 256;
  for (char c : host)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == ':' || c == '-' || c == '[' || c == ']')) ok = false;
  return "http://" + (ok ? host : fmt::format("{}:{}", cfg.host, cfg.port));
}

}  // namespace

int run(kb_handle& kb, config const& cfg) {
  // SIGTERM/SIGINT/SIGHUP go to one thread that waits for them: blocked here, before any server thread exists, so
  // every thread the server starts inherits the mask.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);

  httplib::Server svr;
  int const threads = std::max(1, cfg.threads);
  svr.new_task_queue = [threads] { return new httplib::ThreadPool(std::size_t(threads)); };
  svr.set_payload_max_length(cfg.max_body);
  svr.set_read_timeout(cfg.read_timeout_s, 0);
  svr.set_write_timeout(cfg.write_timeout_s, 0);
  svr.set_keep_alive_max_count(std::size_t(cfg.keep_alive_max));
  svr.set_keep_alive_timeout(5);

  auto route = [&kb, &cfg](httplib::Request const& req, httplib::Response& res) {
    request r;
    r.method = req.method;
    r.path = req.path;
    r.params.insert(req.params.begin(), req.params.end());
    r.body = req.body;
    r.content_type = req.get_header_value("Content-Type");
    r.base_url = host_url(req, cfg);
    auto out = handle(kb, cfg, r);
    res.status = out.status;
    res.set_content(std::move(out.body), out.content_type.c_str());
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
    res.set_header("Referrer-Policy", "no-referrer");
    if (r.path.rfind("/cds-services", 0) == 0) {
      // EHRs call CDS services from the browser (SMART apps): allow any origin, no credentials
      res.set_header("Access-Control-Allow-Origin", "*");
    }
  };
  for (auto const* pattern : {R"(.*)"}) {
    svr.Get(pattern, route);
    svr.Post(pattern, route);
    svr.Put(pattern, route);
    svr.Delete(pattern, route);
    svr.Patch(pattern, route);
  }
  svr.Options(R"(.*)", [](httplib::Request const&, httplib::Response& res) {
    res.status = 204;
    res.set_header("Access-Control-Allow-Origin", "*");
    res.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    res.set_header("Access-Control-Allow-Headers", "Content-Type, Authorization");
  });
  // httplib's own refusals (413 body too large, 414, 400 unparsable request) get a JSON body saying what was expected
  svr.set_error_handler([&cfg](httplib::Request const&, httplib::Response& res) {
    if (!res.body.empty()) return;
    std::string expected;
    if (res.status == 413) expected = fmt::format("a body of at most {} bytes", cfg.max_body);
    if (res.status == 414) expected = "a request URI of at most 8192 bytes";
    res.set_content(json_error(status_text(res.status), expected), "application/json");
  });
  svr.set_exception_handler([](httplib::Request const&, httplib::Response& res, std::exception_ptr) {
    res.status = 500;
    res.set_content(json_error("internal error"), "application/json");
  });
  if (!cfg.quiet)
    svr.set_logger([](httplib::Request const& req, httplib::Response const& res) {
      fmt::print(stderr, "{} {} {}\n", req.method, req.path.substr(0, 200), res.status);
    });

  int port = cfg.port;
  if (port == 0) port = svr.bind_to_any_port(cfg.host.c_str());
  else if (!svr.bind_to_port(cfg.host.c_str(), port)) port = -1;
  if (port <= 0) {
    fmt::print(stderr, "error: expected a free address to listen on, found {}:{} in use or not available\n", cfg.host, cfg.port);
    pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
    return 2;
  }
  std::atomic<bool> done{false};
  std::thread signals([&] {
    timespec tick{0, 200'000'000};
    while (!done) {
      int sig = sigtimedwait(&set, nullptr, &tick);
      if (sig == SIGTERM || sig == SIGINT) {
        fmt::print(stderr, "pharmakon serve: stopping (signal {})\n", sig);
        svr.stop();
        return;
      }
      if (sig == SIGHUP && cfg.reload) {
        // build the next knowledge base on this thread; requests keep being answered from the current one
        if (auto next = cfg.reload()) {
          kb.store(std::move(*next));
          fmt::print(stderr, "pharmakon serve: reloaded the knowledge base\n");
        } else {
          fmt::print(stderr, "pharmakon serve: reload failed; still serving the previous knowledge base\n");
        }
      }
    }
  });
  auto snap = kb.load();
  fmt::print(stderr, "pharmakon serve: listening on http://{}:{} (knowledge base {} {}, {} threads)\n", cfg.host, port,
             snap->name(), snap->version(), threads);
  std::fflush(stderr);
  snap.reset();
  bool ok = svr.listen_after_bind();
  done = true;
  signals.join();
  pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
  fmt::print(stderr, "pharmakon serve: stopped\n");
  return ok ? 0 : 2;
}

}  // namespace pharmakon::serve
