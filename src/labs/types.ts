/**
 * What the lab judge needs to know about a check, defined here so that judging
 * depends on nothing but the simulator's report (the course's `LabCheck` has the
 * same shape plus the sentences shown to the learner).
 */

/** An event of a type, optionally on one node. */
export interface EventRef {
  event: string;
  node?: string;
}

export type CompareOp = '>' | '>=' | '<' | '<=' | '==' | '!=';

/**
 * - `event`: at least `min_count` (default 1) events of this type (on `node`).
 * - `metric`: a dotted path into the report (`requests.failed`, `availability`,
 *   `nodes.web-2.served`, `db.stale_reads`) compared with `value`.
 */
export type Condition = (EventRef & { min_count?: number }) | { metric: string; op: CompareOp; value: number };

/**
 * The span of the run a check is judged over. It opens at t = 0, or each time the
 * `after` event happens; it closes `for_s` virtual seconds later, or when the `until`
 * event happens. Over a window, counters (requests, served, failed, drops, …) count
 * what happened inside it, `availability` is the share of requests that succeeded
 * inside it, `latency_ms.mean` is the mean of the requests answered inside it, and
 * other values (utilisation, percentiles, lag) are read when it closes.
 */
export interface CheckWindow {
  after?: EventRef;
  for_s?: number;
  until?: EventRef;
}

/** A check as the judge sees it. */
export interface JudgedCheck {
  when: Condition;
  window?: CheckWindow;
}

/**
 * A check's state: `pass` is for good (latched); `fail` means its last window closed
 * without the condition (a later window may still pass); `pending` means not decided.
 */
export type Verdict = 'pass' | 'fail' | 'pending';

/** An event as the judge reads it: the simulator's, or one the lab screen adds for what the learner did outside it. */
export interface LabEvent {
  t_s: number;
  type: string;
  node?: string;
  message: string;
}
