// The peer client of bench/websocket.sh: a Node `ws` loop (the npm package, installed by the script into its work folder).
//   node ws-client.js load SOCKETS SECONDS URL...   opens SOCKETS sockets over the URLs in turn; once all are open, each
//       runs request/reply for SECONDS: sends {"id":"<socket>-<n>","cmd":"echo"}, parses the reply as JSON, checks its id is
//       the one sent, takes its round trip (process.hrtime) and sends the next. The same work a Pacer `ws: request` step does
//       (render, send, parse, correlate by $.id, time), without Pacer's histograms. Prints one JSON line: messages, seconds,
//       and the process's CPU over the load window only (process.cpuUsage), so start-up is left out.
//   node --expose-gc ws-client.js idle SMALL LARGE URL...   opens SMALL idle sockets, then LARGE; after a full collection
//       and a second to settle, prints RSS (anonymous pages, as WsBench reads them), the JS heap and the bytes per added socket.
'use strict';
const fs = require('fs');
const path = require('path');
const WebSocket = require(path.join(process.env.WS_MODULES || '', 'ws'));

const [mode, a, b, ...urls] = process.argv.slice(2);

function openAll(count, start, sockets) {
  // 64 handshakes at a time, as WsBench opens them.
  return new Promise((resolve, reject) => {
    let next = start, open = 0, pending = 0;
    const more = () => {
      while (pending < 64 && next < count) {
        const i = next++;
        pending++;
        const ws = new WebSocket(urls[i % urls.length], { perMessageDeflate: false });
        ws.on('open', () => { sockets[i] = ws; pending--; open++; if (open === count - start) resolve(); else more(); });
        ws.on('error', reject);
      }
    };
    more();
  });
}

function rssAnonBytes() {
  const line = fs.readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith('RssAnon:'));
  return parseInt(line.split(/\s+/)[1], 10) * 1024;
}

async function settle() {
  global.gc();
  await new Promise((r) => setTimeout(r, 1000));
  global.gc();
  return { rss: rssAnonBytes(), heap: process.memoryUsage().heapUsed + process.memoryUsage().external + process.memoryUsage().arrayBuffers };
}

async function idle(small, large) {
  const sockets = [];
  await openAll(small, 0, sockets);
  const s = await settle();
  await openAll(large, small, sockets);
  const l = await settle();
  const added = large - small;
  console.log(`client=node-ws small=${small} large=${large} rss_small_kb=${Math.round(s.rss / 1024)} rss_large_kb=${Math.round(l.rss / 1024)} ` +
    `heap_small_kb=${Math.round(s.heap / 1024)} heap_large_kb=${Math.round(l.heap / 1024)} ` +
    `rss_per_socket=${Math.round((l.rss - s.rss) / added)} heap_per_socket=${Math.round((l.heap - s.heap) / added)}`);
  process.exit(0);
}

async function load(count, seconds) {
  const sockets = [];
  await openAll(count, 0, sockets);
  let messages = 0, mismatched = 0, rttSum = 0n, running = true;
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  sockets.forEach((ws, i) => {
    let n = 0, expected = '', sent = 0n;
    const send = () => {
      expected = `${i}-${n++}`;
      sent = process.hrtime.bigint();
      ws.send(JSON.stringify({ id: expected, cmd: 'echo' }));
    };
    ws.on('message', (data) => {
      const reply = JSON.parse(data.toString());
      if (reply.id !== expected) { mismatched++; return; }
      rttSum += process.hrtime.bigint() - sent;
      messages++;
      if (running) send();
    });
    send();
  });
  await new Promise((r) => setTimeout(r, seconds * 1000));
  running = false;
  const cpu = process.cpuUsage(cpu0);
  const elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(JSON.stringify({ messages, mismatched, seconds: elapsed, cpu_seconds: (cpu.user + cpu.system) / 1e6,
    mean_rtt_ms: messages ? Number(rttSum / BigInt(messages)) / 1e6 : 0 }));
  sockets.forEach((ws) => ws.terminate());
  process.exit(0);
}

if (mode === 'idle' && urls.length) idle(+a, +b);
else if (mode === 'load' && urls.length) load(+a, +b);
else { console.error('usage: node ws-client.js load SOCKETS SECONDS URL... | node --expose-gc ws-client.js idle SMALL LARGE URL...'); process.exit(2); }
