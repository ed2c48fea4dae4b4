/* The least a load generator can do, as a yardstick for bench/vs-wrk.sh: one thread, epoll, N keep-alive connections to
 * 127.0.0.1:PORT, one pre-encoded request written again as soon as a response is complete. Responses are not parsed, only
 * counted by their length (the script passes the byte length of the server's fixed response), and nothing is measured.
 * If this client cannot beat wrk by much, the server, not the client, is what a benchmark of clients is measuring.
 * Usage: ceiling-client PORT CONNECTIONS SECONDS RESPONSE_BYTES   -> prints "<requests per second>" */
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include "loopback-client.h"

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc != 5) { fprintf(stderr, "usage: %s PORT CONNECTIONS SECONDS RESPONSE_BYTES\n", argv[0]); return 2; }
  int port = atoi(argv[1]), connections = atoi(argv[2]), response_bytes = atoi(argv[4]);
  double seconds = atof(argv[3]);
  char request[128];
  int request_bytes = encode_request(request, sizeof request, port);
  int *sockets = calloc(connections, sizeof *sockets);
  int *pending = calloc(connections, sizeof *pending); /* bytes of the current response received so far */
  int loop = epoll_create1(0);
  for (int i = 0; i < connections; i++) {
    if ((sockets[i] = connect_loopback(port, loop, (unsigned long)i)) < 0) return 1;
    if (send(sockets[i], request, request_bytes, 0) != request_bytes) { perror("send"); return 1; }
  }
  struct epoll_event ready[256];
  long completed = 0;
  double start = now(), elapsed = 0;
  while ((elapsed = now() - start) < seconds) {
    int count = epoll_wait(loop, ready, 256, 100);
    for (int j = 0; j < count; j++) {
      int i = (int)ready[j].data.u64, responses = receive_responses(sockets[i], &pending[i], response_bytes);
      if (responses < 0) { fprintf(stderr, "connection %d closed\n", i); return 1; }
      for (; responses > 0; responses--) {
        completed++;
        if (send(sockets[i], request, request_bytes, 0) != request_bytes) { perror("send"); return 1; }
      }
    }
  }
  printf("%.0f\n", completed / elapsed);
  return 0;
}
