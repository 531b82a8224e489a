/**
 * A scenario's drawable topology, built once per scenario object. Adds what the
 * drawing shows that the generic topology may leave out (each load balancer's
 * algorithm), so static lesson diagrams say "HAProxy roundrobin" too.
 */
import { buildTopology } from '../../sim/topology';
import type { LoadBalancerSpec, Scenario, Topology } from '../../sim/types';

const cache = new WeakMap<Scenario, Topology>();

export function scenarioTopology(scenario: Scenario): Topology {
  let t = cache.get(scenario);
  if (t) return t;
  const base = buildTopology(scenario);
  const lbs = new Map(scenario.nodes.filter((n): n is LoadBalancerSpec => n.kind === 'load_balancer').map((n) => [n.id, n]));
  t = {
    ...base,
    nodes: base.nodes.map((n) => (n.kind === 'load_balancer' && !n.algorithm ? { ...n, algorithm: lbs.get(n.id)?.algorithm ?? 'roundrobin' } : n)),
  };
  cache.set(scenario, t);
  return t;
}
