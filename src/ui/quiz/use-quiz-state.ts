/**
 * A question's session state in React: the pure reducer from quiz/session.ts, plus
 * reporting each submit to the app (which saves it; the first report per question
 * fixes the first-try result).
 *
 * The reducer runs inside `dispatch` against a ref of the latest state, not in a
 * React reducer: the answer is reported synchronously with the key that gave it
 * (no effect that could be skipped if the step unmounts at once), and two keys
 * arriving in one render frame each see the state the other left.
 */
import { useCallback, useRef, useState } from 'react';
import type { QuizRecord } from '../../progress/types';
import { initQuizSession, quizReducer, type QuizAction, type QuizSessionState } from '../../quiz/session';
import type { Question } from '../../quiz/types';

export function useQuizState(
  question: Question,
  previous: QuizRecord | undefined,
  onAnswer: (questionId: string, correct: boolean) => void,
  learner?: string,
): [QuizSessionState, (action: QuizAction) => void, () => QuizSessionState] {
  const [state, setState] = useState(() => initQuizSession(question, { previous, learner }));
  const latest = useRef(state);
  const report = useRef(onAnswer);
  report.current = onAnswer;
  const dispatch = useCallback((action: QuizAction) => {
    const prev = latest.current;
    const next = quizReducer(prev, action);
    if (next === prev) return;
    latest.current = next;
    setState(next);
    // attempts grows exactly when a submit is graded (or the answer is shown unanswered).
    if (next.attempts > prev.attempts && next.grade) report.current(next.question.id, next.grade.correct);
  }, []);
  const getState = useCallback(() => latest.current, []);
  return [state, dispatch, getState];
}
