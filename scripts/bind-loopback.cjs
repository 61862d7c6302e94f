// `node --require scripts/bind-loopback.cjs …`: every TCP listen() without a host, or on a wildcard host,
// binds to 127.0.0.1 instead. The Agents Playground has no host option and would listen on every
// interface; nothing of this project may be reachable from outside the machine.
'use strict';
const net = require('node:net');

const LOOPBACK = '127.0.0.1';
const WILDCARDS = new Set([undefined, null, '', '0.0.0.0', '::', '::0']);
const originalListen = net.Server.prototype.listen;

net.Server.prototype.listen = function listen(...args) {
  const [first] = args;
  if (first !== null && typeof first === 'object' && !Array.isArray(first)) {
    // listen(options[, cb]): only TCP options (a port, no unix path or handle) are rewritten.
    if (first.path === undefined && first.handle === undefined && first.fd === undefined && WILDCARDS.has(first.host)) {
      args[0] = { ...first, host: LOOPBACK };
    }
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    // listen(port[, host][, backlog][, cb])
    if (typeof args[1] === 'string' && !WILDCARDS.has(args[1])) return originalListen.apply(this, args);
    if (typeof args[1] === 'string') args[1] = LOOPBACK;
    else args.splice(1, 0, LOOPBACK);
  } else if (first === undefined || typeof first === 'function') {
    // listen() / listen(cb): a random port on every interface → on loopback.
    args.unshift(0, LOOPBACK);
  }
  return originalListen.apply(this, args);
};
