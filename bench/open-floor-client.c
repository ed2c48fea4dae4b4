/* The least an open-model load generator can do, as a yardstick for bench/fixed-rate.sh: one thread sends one pre-encoded
 * request at each arrival of a fixed-rate schedule (start + k / RATE), on a free keep-alive connection of CONNECTIONS to
 * 127.0.0.1:PORT. Between arrivals it sleeps in epoll_pwait2 to the next arrival's moment (1 ns timer slack, as Pacer's
 * event loop does) and wakes early only for a response, which it counts by length without parsing or timing it. Nothing
 * is recorded. What this costs per request is what sleeping to each arrival costs on this machine: the floor under any
 * generator that sends on time without spinning a core.
 * With a sixth argument "arrivals-only" it wakes only for arrivals (clock_nanosleep to each, then collects whatever answers
 * have come, without waiting): the cost of a generator that would time answers by the kernel's receive timestamps
 * instead of waking for each one.
 * Usage: open-floor-client PORT CONNECTIONS RATE SECONDS RESPONSE_BYTES [arrivals-only]
 *   -> prints "<requests answered per second> <CPU microseconds per answered request> <arrivals sent late by over 0.1 ms>" */
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include "loopback-client.h"

static long long now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static double cpu_seconds(void) {
  struct rusage u;
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

int main(int argc, char **argv) {
  if (argc != 6 && argc != 7) { fprintf(stderr, "usage: %s PORT CONNECTIONS RATE SECONDS RESPONSE_BYTES [arrivals-only]\n", argv[0]); return 2; }
  int arrivals_only = argc == 7;
  int port = atoi(argv[1]), connections = atoi(argv[2]), response_bytes = atoi(argv[5]);
  double rate = atof(argv[3]), seconds = atof(argv[4]);
  prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);
  char request[128];
  int request_bytes = encode_request(request, sizeof request, port);
  int *sockets = calloc(connections, sizeof *sockets);
  int *pending = calloc(connections, sizeof *pending); /* bytes of the current response received so far */
  int *idle = calloc(connections, sizeof *idle), idle_count = 0; /* a stack of free connections */
  int loop = epoll_create1(0);
  for (int i = 0; i < connections; i++) {
    if ((sockets[i] = connect_loopback(port, loop, (unsigned long)i)) < 0) return 1;
    idle[idle_count++] = i;
  }
  struct epoll_event ready[256];
  long long interval = (long long)(1e9 / rate), start = now_ns() + 1000000, end = start + (long long)(seconds * 1e9);
  long long next = start;
  long sent = 0, answered = 0, late = 0, dropped = 0;
  double cpu_before = cpu_seconds();
  while (next < end) {
    long long t = now_ns();
    while (next <= t && next < end) {
      if (t - next > 100000) late++;
      if (idle_count == 0) { dropped++; next += interval; continue; }
      int i = idle[--idle_count];
      if (send(sockets[i], request, request_bytes, 0) != request_bytes) { perror("send"); return 1; }
      sent++;
      next += interval;
    }
    long long wait = next - now_ns();
    struct timespec timeout = { .tv_sec = wait > 0 ? wait / 1000000000LL : 0, .tv_nsec = wait > 0 ? wait % 1000000000LL : 0 };
    int count;
    if (arrivals_only) {
      struct timespec zero = { 0, 0 }, at = { .tv_sec = next / 1000000000LL, .tv_nsec = next % 1000000000LL };
      if (wait > 0) clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &at, NULL);
      count = epoll_pwait2(loop, ready, 256, &zero, NULL);
    } else {
      count = epoll_pwait2(loop, ready, 256, &timeout, NULL);
    }
    for (int j = 0; j < count; j++) {
      int i = (int)ready[j].data.u64, responses = receive_responses(sockets[i], &pending[i], response_bytes);
      if (responses < 0) { fprintf(stderr, "connection %d closed\n", i); return 1; }
      if (responses > 0) {
        answered += responses;
        idle[idle_count++] = i;
      }
    }
  }
  double cpu = cpu_seconds() - cpu_before;
  if (dropped > 0) fprintf(stderr, "%ld arrivals found no free connection\n", dropped);
  printf("%.0f %.2f %ld\n", answered / seconds, cpu * 1e6 / (answered > 0 ? answered : 1), late);
  return 0;
}
