/**
 * Host firewalls: which packets pass, the drop notices, and probes from the internet.
 */
import { UP, STATE_NAMES, PORT_HTTP, PORT_HTTPS, PORT_APP, PORT_DB, PORT_SSH } from './constants';
import type { World, NodeRt } from './world';

export function allowed(w: World, node: NodeRt, port: number, from: number): boolean {
  const fw = node.fw;
  if (!fw) return true;
  for (let i = 0; i < fw.length; i++) {
    const rule = fw[i]!;
    if ((rule.port === -1 || rule.port === port) && (rule.from === -1 || rule.from === from)) return true;
  }
  return false;
}

export function dropEvent(w: World, node: NodeRt, port: number, from: number): void {
  node.fwDrops++;
  node.lastDropAt = w.t;
  if (w.t - node.lastDropEvent < 5000) return;
  node.lastDropEvent = w.t;
  const src = from === -1 ? 'the internet' : from === -2 ? 'admin' : w.nodes[from]!.id;
  w.event('firewall_drop', node.id, `${node.id}'s firewall dropped a packet to port ${port} from ${src}: no rule allows it (it never reached the service)`, { port, from: src });
}

export function probe(w: World, node: NodeRt, port: number): void {
  if (!allowed(w, node, port, -1)) {
    w.fwDropped++;
    node.lastDropEvent = -Infinity;
    dropEvent(w, node, port, -1);
    return;
  }
  const listening =
    port === PORT_SSH ||
    (node.lb >= 0 && (port === PORT_HTTP || port === PORT_HTTPS)) ||
    (node.web >= 0 && port === PORT_HTTP) ||
    (node.app >= 0 && port === PORT_APP) ||
    (node.db >= 0 && port === PORT_DB);
  const up = node.state === UP;
  w.event(
    listening && up ? 'probe_open' : 'probe_closed',
    node.id,
    listening && up
      ? `probe from the internet reached ${node.id}:${port}: the port is open${node.fw ? ' (the firewall allows it)' : ' (no firewall)'}`
      : `probe from the internet to ${node.id}:${port}: ${up ? 'connection refused (nothing listens there)' : `no answer (${node.id} is ${STATE_NAMES[node.state]})`}`,
    { port },
  );
}
