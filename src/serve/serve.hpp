#pragma once
// pharmakon serve: a small local web application over one immutable knowledge base. The routes (pages, JSON API,
// CDS Hooks) are a pure function of a request (`handle`), tested without sockets; `run` puts them behind
// cpp-httplib with limits, a thread pool and a graceful stop on SIGTERM/SIGINT.

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include <pharmakon/graph/kb_handle.hpp>
#include <pharmakon/pharmakon.hpp>

namespace pharmakon::serve {

struct config {
  std::string host = "127.0.0.1";  ///< loopback unless told otherwise
  int port = 8765;
  int threads = 4;
  std::size_t max_body = 256 * 1024;  ///< bytes of a request body (CDS Hooks requests); larger: 413
  int read_timeout_s = 5;
  int write_timeout_s = 5;
  int keep_alive_max = 100;
  bool quiet = false;  ///< no request log on stderr
  bool approved_only = false;  ///< pages and the JSON API show approved statements only (`keep_approved`)
  /// Builds the next knowledge base on SIGHUP (e.g. reloads the --kb files); empty: SIGHUP is ignored.
  std::function<std::optional<knowledge_base>()> reload;
};

struct request {
  std::string method = "GET";
  std::string path;  ///< percent-decoded
  std::multimap<std::string, std::string> params;  ///< query parameters, decoded
  std::string body;
  std::string content_type;
  std::string base_url;  ///< scheme://host:port as the client reached us, for absolute links in CDS cards
};

struct response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::string body;
};

/// Answers one request from `kb` (its snapshot is taken once, so a request sees one version throughout).
response handle(kb_handle const& kb, config const& cfg, request const& req);

/// The JSON error body of a 4xx/5xx: {"error": ..., "expected": ..., "found": ...}.
std::string json_error(std::string const& message, std::string const& expected = "", std::string const& found = "");

/// Serves until SIGTERM or SIGINT; returns 0 after a graceful stop, 2 if the address cannot be bound.
int run(kb_handle& kb, config const& cfg);

}  // namespace pharmakon::serve
