/** The end of the course: what was done, the quiz scores, and where to go next. */
import type { ScreenProps } from './screen-props';
import React from 'react';
import { Box, Text } from 'ink';
import { chapterScore, missedQuestions, overallProgress, quizScore } from '../progress-ops';
import { Frame } from '../components/frame';
import { ellipsisFor, spread } from '../text';
import { LAYER, useKeys } from '../input';
import { matchCommand } from '../keymap';

export type CourseCompleteProps = ScreenProps;

export function CourseComplete({ course, progress, layout, theme, help, active, dispatch }: CourseCompleteProps): React.ReactElement {
  const overall = overallProgress(course, progress);
  const missed = missedQuestions(course, progress).length;
  // Deep links (--lesson) can bring a learner here without the lessons before: claim
  // the course is done only when it is.
  const finished = overall.total > 0 && overall.done >= overall.total;
  useKeys(
    (input, key) => {
      const command = matchCommand(['lesson', 'map'], input, key);
      if (command === 'prev') dispatch({ type: 'prev' });
      else if (command === 'review' && missed > 0) dispatch({ type: 'startReview' });
      else if (command === 'select' || command === 'next') dispatch({ type: 'showMap' });
      else return false;
      return true;
    },
    active,
    LAYER.screen,
  );
  const accent = theme.color ? theme.colors.accent : undefined;
  const muted = theme.color ? theme.colors.muted : undefined;
  const extra = [{ label: 'Enter', description: 'course map' }, { label: '←', description: 'back' }, ...(missed > 0 ? [{ label: 'r', description: 'review missed' }] : [])];
  return (
    <Frame
      layout={layout}
      theme={theme}
      title={finished ? 'Course complete' : 'End of the course'}
      status={`${overall.done}/${overall.total} lessons done`}
      progress={overall.total > 0 ? overall.done / overall.total : 1}
      contexts={[]}
      extraFooter={extra}
      help={help}
    >
      {finished ? (
        <>
          <Text bold color={accent}>
            {theme.glyphs.done} You finished every lesson of the course.
          </Text>
          <Text> </Text>
          <Text>You can now draw each design and explain every part of it out loud.</Text>
        </>
      ) : (
        <>
          <Text bold color={accent}>
            You reached the last page, but {overall.total - overall.done} of {overall.total} lessons are not finished yet.
          </Text>
          <Text> </Text>
          <Text>The course map shows which: open them, then come back for the review.</Text>
        </>
      )}
      <Text> </Text>
      <Box flexDirection="column">
        {course.chapters.map((chapter, i) => {
          const score = chapterScore(course, chapter.id, progress);
          const right = score.answered > 0 ? quizScore(score) : score.total > 0 ? `quiz 0/${score.total} answered` : '';
          return (
            <Text key={chapter.id} wrap="truncate">
              {spread(`${i + 1}  ${chapter.title}`, right, layout.bodyWidth, ellipsisFor(theme))}
            </Text>
          );
        })}
      </Box>
      <Text> </Text>
      <Text color={muted}>
        {missed > 0 ? `Press r to replay the ${missed} question(s) you missed, or Enter for the course map.` : 'Press Enter for the course map.'}
      </Text>
    </Frame>
  );
}
