/**
 * The root of the course app. It owns the one input provider (mounted for the
 * app's whole life), the router state, the terminal size, saving progress, and the
 * only call to exit().
 *
 *   <InputProvider>            one useInput for the whole app
 *     <ErrorBoundary>          a render error becomes one line and exit code 1
 *       screen (map | lesson | review | complete), hidden while too small
 *       too-small message
 */
import React, { Suspense, lazy, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Box, Text, useApp } from 'ink';
import type { Course } from '../course/types';
import type { Progress, ProgressStore } from '../progress/types';
import { InputProvider } from './input';
import { matchCommand } from './keymap';
import { layout as computeLayout } from './layout';
import type { Theme } from './theme';
import { useTerminalSize, type TerminalSize } from './use-terminal-size';
import { initialAppState, useAppState, type AppAction, type AppState } from './use-app-state';
import { CourseMap } from './screens/course-map';
import { LessonScreen } from './screens/lesson-screen';
import { CourseComplete } from './screens/course-complete';
import { TooSmall } from './screens/too-small';
import { findLesson } from './progress-ops';
import { FrameWarning } from './components/frame';
import { loadMarkdownRenderer } from './markdown';
import { prefetchStepViews } from './steps/registry';

// The glossary reads lessons/glossary.yaml (YAML, zod) when it opens: loaded on first
// use, like the step views, so the course map draws without either.
const loadGlossaryScreen = () => import('./screens/glossary');
const GlossaryScreen = lazy(() => loadGlossaryScreen().then((m) => ({ default: m.GlossaryScreen })));

/** How long after the first frame the Markdown renderer starts loading. */
const PREFETCH_DELAY_MS = 150;

export interface AppProps {
  course: Course;
  store: ProgressStore;
  /** Progress as loaded by the caller (the store is only written from here on). */
  initialProgress: Progress;
  theme: Theme;
  notices?: string[];
  startLesson?: string;
  /** Whether stdin is a terminal whose keys we can read. */
  interactive: boolean;
  /** Fixed terminal size (tests); otherwise the real terminal's, following resizes. */
  size?: TerminalSize;
  /** Called with the exit code just before the app unmounts. */
  onExit?(code: number): void;
  /** Called when a screen throws while rendering. */
  onError?(error: Error): void;
}

export function App(props: AppProps): React.ReactElement {
  const { course, store, theme, interactive } = props;
  const { exit } = useApp();
  const size = useTerminalSize(props.size);
  const lay = computeLayout(size.columns, size.rows);
  const [state, dispatch] = useAppState(course, () =>
    initialAppState(course, props.initialProgress, { startLesson: props.startLesson, notices: props.notices }),
  );
  const [saveError, setSaveError] = useState<string | undefined>();
  // The glossary overlay (w): over any screen, which keeps its state underneath. Read
  // through a ref in the key handler, so the handler stays the same function (a new one
  // would re-register the root's keys above the screen's).
  const [glossary, setGlossary] = useState(false);
  const glossaryOpen = useRef(false);
  glossaryOpen.current = glossary;
  // The diagram in words (D): over a lesson step that shows a diagram. Loaded on the
  // first D (it reads scenarios), so none of it is on the start-up path.
  const [described, setDescribed] = useState<DescribedStep | undefined>();

  // Save on every progress change, during the commit (not in a later passive
  // effect), so a quit right after a step change never loses it.
  const saved = useRef(props.initialProgress);
  const save = useCallback(
    (progress: Progress) => {
      if (progress === saved.current) return;
      // A full disk or a read-only home must not end the lesson: say so at once and keep going.
      try {
        store.save(progress);
        saved.current = progress;
        setSaveError(store.saveError);
      } catch (error) {
        setSaveError(`progress not saved: ${error instanceof Error ? error.message : String(error)}, ${store.path}`);
      }
    },
    [store],
  );
  useLayoutEffect(() => save(state.progress), [state.progress, save]);

  // Markdown rendering and the step views are kept off the start-up path; fetch them
  // just after the first frame so the first page opens without a "loading…" flash.
  useEffect(() => {
    const timer = setTimeout(() => {
      // A failure here is reported where it matters: when the page or step opens.
      void loadMarkdownRenderer().catch(() => undefined);
      void prefetchStepViews().catch(() => undefined);
      void loadGlossaryScreen().catch(() => undefined);
    }, PREFETCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, []);

  const latest = useRef(state);
  latest.current = state;
  const { onExit } = props;
  const quit = useCallback(() => {
    save(latest.current.progress);
    onExit?.(0);
    exit();
  }, [exit, save, onExit]);

  const onUnhandled = useCallback(
    (input: string, key: Parameters<typeof matchCommand>[2]) => {
      const command = matchCommand(['global'], input, key);
      switch (command) {
        case 'quit':
          quit();
          return true;
        case 'help':
          dispatch({ type: 'toggleHelp' });
          return true;
        case 'glossary':
          setGlossary((open) => !open);
          return true;
        case 'describe': {
          const screen = latest.current.screen;
          if (described) setDescribed(undefined);
          else if (screen.name === 'lesson')
            void import('./screens/describe-overlay').then((m) => setDescribed({ Overlay: m.DescribeOverlay, description: m.describeStep(course, screen.lesson, screen.step) }));
          return true;
        }
        case 'back':
          if (described) setDescribed(undefined);
          else if (glossaryOpen.current) setGlossary(false);
          else dispatch({ type: 'back' });
          return true;
        case 'map':
          setDescribed(undefined);
          dispatch({ type: 'showMap' });
          return true;
        default:
          return false;
      }
    },
    [quit, dispatch, described, course],
  );

  return (
    <InputProvider active={interactive} onUnhandled={onUnhandled}>
      <ErrorBoundary onError={props.onError}>
        <FrameWarning.Provider value={saveError}>
          <Box flexDirection="column" display={lay.tooSmall || glossary || described ? 'none' : 'flex'}>
            <CurrentScreen state={state} notices={state.notices} dispatch={dispatch} course={course} theme={theme} layout={lay} active={interactive && !lay.tooSmall && !glossary && !described} />
          </Box>
          {glossary && !described && !lay.tooSmall ? (
            <Suspense fallback={<Text>loading the glossary…</Text>}>
              <GlossaryScreen course={course} layout={lay} theme={theme} active={interactive} />
            </Suspense>
          ) : null}
          {described && !lay.tooSmall ? <described.Overlay description={described.description} layout={lay} theme={theme} active={interactive} /> : null}
        </FrameWarning.Provider>
        {lay.tooSmall ? <TooSmall columns={size.columns} rows={size.rows} theme={theme} /> : null}
      </ErrorBoundary>
    </InputProvider>
  );
}

/** The diagram-in-words overlay and what it says (see screens/describe-overlay.tsx). */
interface DescribedStep {
  Overlay: typeof import('./screens/describe-overlay').DescribeOverlay;
  description: ReturnType<typeof import('./screens/describe-overlay').describeStep>;
}

interface CurrentScreenProps {
  state: AppState;
  notices: string[];
  dispatch(action: AppAction): void;
  course: Course;
  theme: Theme;
  layout: ReturnType<typeof computeLayout>;
  active: boolean;
}

function CurrentScreen({ state, notices, dispatch, course, theme, layout, active }: CurrentScreenProps): React.ReactElement | null {
  const { screen, help, progress } = state;
  const common = { course, progress, layout, theme, help, dispatch, active: active && !help };
  switch (screen.name) {
    case 'map':
      return <CourseMap {...common} cursor={state.mapCursor} notices={notices} />;
    case 'lesson':
      return <LessonScreen {...common} lessonId={screen.lesson} step={screen.step} />;
    case 'review': {
      const item = screen.items[screen.index]!;
      const lesson = findLesson(course, item.lesson)?.lesson;
      const heading = {
        title: `Review what I missed ${theme.ascii ? '>' : '›'} ${lesson?.title ?? item.lesson}`,
        status: `question ${screen.index + 1}/${screen.items.length}`,
        progress: (screen.index + 1) / screen.items.length,
      };
      return <LessonScreen {...common} lessonId={item.lesson} step={item.step} heading={heading} />;
    }
    case 'complete':
      return <CourseComplete {...common} />;
  }
}

/**
 * Turns a render error into one calm line (not Ink's stack trace) and reports it,
 * so run.tsx can unmount, restore the terminal and exit 1.
 */
class ErrorBoundary extends React.Component<{ onError?(error: Error): void; children: React.ReactNode }, { error?: Error }> {
  override state: { error?: Error } = {};
  static getDerivedStateFromError(error: Error): { error: Error } {
    return { error };
  }
  private reported = false;
  override componentDidCatch(error: Error): void {
    // React may hand the same failure over more than once (it retries a failed render).
    if (this.reported) return;
    this.reported = true;
    this.props.onError?.(error);
  }
  override render(): React.ReactNode {
    if (this.state.error) return <Text>webinfra-learn stopped: {this.state.error.message.split('\n')[0]}</Text>;
    return this.props.children;
  }
}
