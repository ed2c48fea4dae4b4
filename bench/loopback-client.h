/* What the two C yardstick clients (bench/ceiling-client.c, bench/open-floor-client.c) share: the request they send and
 * how they open a keep-alive connection to the server under test on 127.0.0.1. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <sys/epoll.h>
#include <sys/socket.h>

/* The one request both clients send, encoded once into REQUEST; returns its length. */
static int encode_request(char *request, size_t size, int port) {
  return snprintf(request, size, "GET / HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n", port);
}

/* A connected TCP_NODELAY socket to 127.0.0.1:PORT, non-blocking, registered with LOOP for EPOLLIN as TOKEN; -1 (and a
 * message) when it cannot connect. The connect blocks: the clients connect before they start their clocks. */
static int connect_loopback(int port, int loop, unsigned long token) {
  struct sockaddr_in server = { .sin_family = AF_INET, .sin_port = htons(port) };
  server.sin_addr.s_addr = inet_addr("127.0.0.1");
  int s = socket(AF_INET, SOCK_STREAM, 0), one = 1;
  if (s < 0 || connect(s, (struct sockaddr *)&server, sizeof server) != 0) { perror("connect"); return -1; }
  setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  fcntl(s, F_SETFL, O_NONBLOCK);
  struct epoll_event interest = { .events = EPOLLIN, .data.u64 = token };
  epoll_ctl(loop, EPOLL_CTL_ADD, s, &interest);
  return s;
}

/* Reads what SOCKET holds and returns how many whole responses it completed, counted by length only (RESPONSE_BYTES each,
 * the bytes of an unfinished one kept in *PENDING); -1 when the server closed the connection or it failed. */
static int receive_responses(int socket, int *pending, int response_bytes) {
  static char buffer[65536];
  ssize_t received = recv(socket, buffer, sizeof buffer, 0);
  if (received == 0 || (received < 0 && errno != EAGAIN && errno != EINTR)) return -1;
  if (received < 0) return 0;
  int completed = 0;
  for (*pending += (int)received; *pending >= response_bytes; *pending -= response_bytes) completed++;
  return completed;
}
