/**
 * One input owner. The root mounts <InputProvider>, which is the only caller of
 * Ink's useInput; screens and components register handlers with useKeys(). The
 * most recently registered active handler gets a key first; if it returns false
 * the key falls through to the next one, and finally to `onUnhandled` (the root,
 * which handles quit/help/map).
 *
 * Why: swapping two screens that each call useInput in one update can leave stdin
 * in raw mode in Ink 6, and unmounting the last useInput lets the process exit.
 */
import React, { createContext, useContext, useEffect, useMemo, useRef } from 'react';
import { useInput, type Key } from 'ink';

/** Return true if the key was handled (stops propagation). */
export type KeyHandler = (input: string, key: Key) => boolean | void;

interface Entry {
  current: KeyHandler;
  layer: number;
  seq: number;
}

interface Registry {
  register(handler: Entry): () => void;
  /** Hold keys (queue them) until the returned release is called; see {@link useHoldKeys}. */
  hold(): () => void;
}

/** Keys kept while held: more than a learner types in the time a view takes to load. */
const HELD_MAX = 32;

const InputContext = createContext<Registry | null>(null);

export interface InputProviderProps {
  /** Whether stdin is an interactive terminal (raw mode supported). */
  active: boolean;
  onUnhandled?: KeyHandler;
  children: React.ReactNode;
}

export function InputProvider({ active, onUnhandled, children }: InputProviderProps): React.ReactElement {
  const handlers = useRef<Entry[]>([]);
  const unhandled = useRef(onUnhandled);
  unhandled.current = onUnhandled;

  const holds = useRef(0);
  const held = useRef<{ input: string; key: Key }[]>([]);
  const dispatch = (one: string, k: Key): void => {
    const stack = handlers.current;
    for (let i = stack.length - 1; i >= 0; i--) {
      if (stack[i]!.current(one, k) === true) return;
    }
    unhandled.current?.(one, k);
  };
  const dispatchRef = useRef(dispatch);
  dispatchRef.current = dispatch;

  const registry = useMemo<Registry>(
    () => ({
      hold() {
        holds.current++;
        let released = false;
        return () => {
          if (released) return;
          released = true;
          holds.current--;
          if (holds.current > 0 || held.current.length === 0) return;
          // Replayed once the view that replaced the placeholder has registered its
          // keys: React runs the new view's effects in the same flush as this release.
          setTimeout(() => {
            const keys = held.current;
            held.current = [];
            for (const { input, key } of keys) {
              if (holds.current > 0) held.current.push({ input, key });
              else dispatchRef.current(input, key);
            }
          }, 0);
        };
      },
      register(handler) {
        // Highest layer first; within a layer, the most recently registered first.
        handlers.current = [...handlers.current, handler].sort((a, b) => a.layer - b.layer || a.seq - b.seq);
        return () => {
          handlers.current = handlers.current.filter((h) => h !== handler);
        };
      },
    }),
    [],
  );

  useInput(
    (input, key) => {
      // Ink 6 hands over every character that arrived in one read as one input: two
      // quick presses of n ("nn"), or "x" right after Tab on a slow machine, would
      // match no key at all. Plain printable characters are handed out one by one
      // (a text field still gets all of them, in order).
      for (const one of splitKeys(input, key)) {
        const k = one === input ? key : { ...key, shift: /^[A-Z]$/.test(one) };
        // While a view loads, its keys wait for it (Ctrl+C never waits).
        if (holds.current > 0 && !(k.ctrl && one === 'c')) {
          if (held.current.length < HELD_MAX) held.current.push({ input: one, key: k });
        } else dispatch(one, k);
      }
    },
    { isActive: active },
  );

  return <InputContext.Provider value={registry}>{children}</InputContext.Provider>;
}

let nextSeq = 0;

/**
 * Hold the keys typed while this component is mounted, and hand them out, in order,
 * once it unmounts: for a placeholder drawn while a view's code loads (the keys a
 * learner types in those ~150 ms belong to the view, not to nobody).
 */
export function useHoldKeys(): void {
  const registry = useContext(InputContext);
  useEffect(() => registry?.hold(), [registry]);
}

/** Conventional layers: a screen, a step inside it, an overlay above everything. */
export const LAYER = { screen: 0, step: 1, overlay: 10 } as const;

/**
 * Receive keys while `active`. Handlers on a higher `layer` see keys first (React
 * runs a child's effects before its parent's, so mount order alone would put the
 * screen above the step it contains); within a layer, the latest registered first.
 * Return true from the handler to consume a key.
 */
export function useKeys(handler: KeyHandler, active = true, layer: number = LAYER.screen): void {
  const registry = useContext(InputContext);
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!registry || !active) return;
    const entry: Entry = { current: (input: string, key: Key) => ref.current(input, key), layer, seq: nextSeq++ };
    return registry.register(entry);
  }, [registry, active, layer]);
}

/**
 * The keys in one input from Ink: itself, unless it is several plain printable
 * characters with no modifier or special key, which are split into characters
 * (text with characters beyond the Basic Multilingual Plane, such as emoji, is
 * left whole).
 */
export function splitKeys(input: string, key: Key): string[] {
  if (input.length < 2 || key.ctrl || key.meta || key.escape || key.return || key.tab || key.backspace || key.delete) return [input];
  if (!/^[\x20-\x7e\u00a0-\uffff]+$/u.test(input)) return [input];
  const chars = Array.from(input);
  return chars.length < 2 ? [input] : chars;
}
