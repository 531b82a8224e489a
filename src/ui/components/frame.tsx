/**
 * The frame every screen draws in: header (title + thin progress line), body,
 * footer (the keys that work here). Heights come from layout(); each part is a
 * fixed-height box so the frame is exactly `frameHeight` lines, never more.
 *
 * The help overlay is drawn here too, in place of the body. The body stays mounted
 * (hidden with display="none") so a quiz half answered or a running lab keeps its
 * state while the learner reads the keys.
 */
import React, { createContext, useContext } from 'react';
import { Box, Text } from 'ink';
import type { Layout } from '../layout';
import { FOOTER_GAP, fitFooter } from '../layout';
import type { Theme } from '../theme';
import { footerItems, globalKeysApply, type Context } from '../keymap';
import { ProgressBar } from './progress-bar';
import { ellipsisFor, spread } from '../text';
import { HELP_FOOTER, HelpOverlay } from './help-overlay';

/**
 * A warning every screen shows in its header, in place of the progress line (e.g.
 * "progress could not be saved"): it concerns the whole app, whatever screen is up.
 */
export const FrameWarning = createContext<string | undefined>(undefined);

export interface FooterItem {
  label: string;
  description: string;
}

export interface FrameProps {
  layout: Layout;
  theme: Theme;
  /** Left side of the header line, e.g. "Simple web stack › The LAMP stack". */
  title: string;
  /** Right side of the header line, e.g. "step 2/7". */
  status?: string;
  /** 0–1, drawn as the thin line under the title. */
  progress: number;
  /** Keymap contexts that apply (most specific first); 'global' is added. */
  contexts: readonly Context[];
  /** Footer items shown before the generated ones (screen-specific actions). */
  extraFooter?: FooterItem[];
  /** Help overlay open. */
  help: boolean;
  children: React.ReactNode;
}

/**
 * The footer for these contexts: screen extras first, then the keymap's footer keys,
 * then the global ones. Where the global keys do not work (typing in a field), they
 * are left out and the context's own quit key goes last instead.
 */
export function frameFooter(contexts: readonly Context[], extra: FooterItem[] = []): FooterItem[] {
  const own = footerItems(contexts);
  const global = globalKeysApply(contexts) ? footerItems(['global']) : own.filter((i) => i.command === 'quit');
  const seen = new Set([...extra, ...global].map((e) => e.label));
  const strip = ({ label, description }: FooterItem): FooterItem => ({ label, description });
  return [...extra, ...own.filter((i) => !seen.has(i.label)), ...global].map(strip);
}

/** How many footer keys at the end are kept however narrow the frame is (help and quit, or just quit). */
function pinnedCount(contexts: readonly Context[]): number {
  return globalKeysApply(contexts) ? footerItems(['global']).length : footerItems(contexts).filter((i) => i.command === 'quit').length;
}

export function Frame({ layout, theme, title, status = '', progress, contexts, extraFooter, help, children }: FrameProps): React.ReactElement {
  const inner = layout.bodyWidth;
  const accent = theme.color ? theme.colors.accent : undefined;
  const footer = help ? HELP_FOOTER : frameFooter(contexts, extraFooter);
  const warning = useContext(FrameWarning);
  return (
    <Box flexDirection="column" width={layout.width} height={layout.frameHeight}>
      <Box flexDirection="column" height={layout.headerHeight} paddingX={layout.paddingX} flexShrink={0}>
        <Text bold color={accent} wrap="truncate">
          {spread(title, status, inner, ellipsisFor(theme))}
        </Text>
        {warning ? (
          <Text color={theme.color ? theme.colors.warn : undefined} bold={!theme.color} wrap="truncate">
            {`${theme.ascii ? '!' : '⚠'} ${warning}`}
          </Text>
        ) : (
          <ProgressBar fraction={progress} width={inner} theme={theme} />
        )}
      </Box>
      <Box flexDirection="column" height={layout.bodyHeight} paddingX={layout.paddingX} overflow="hidden" flexShrink={0}>
        {help ? <HelpOverlay contexts={contexts} width={inner} height={layout.bodyHeight} theme={theme} active={true} /> : null}
        <Box flexDirection="column" display={help ? 'none' : 'flex'} height={layout.bodyHeight}>
          {children}
        </Box>
      </Box>
      <Box height={layout.footerHeight} paddingX={layout.paddingX} alignItems="flex-end" flexShrink={0}>
        <FooterLine items={footer} width={inner} theme={theme} pinned={help ? footerItems(['global']).length : pinnedCount(contexts)} />
      </Box>
    </Box>
  );
}

function FooterLine({ items, width, theme, pinned }: { items: FooterItem[]; width: number; theme: Theme; pinned: number }): React.ReactElement {
  const fitted = fitFooter(items, width, pinned);
  return (
    <Text wrap="truncate">
      {fitted.map((item, i) => (
        <Text key={item.label}>
          {i > 0 ? FOOTER_GAP : ''}
          <Text bold color={theme.color ? theme.colors.accent : undefined}>
            {item.label}
          </Text>
          <Text color={theme.color ? theme.colors.muted : undefined}> {item.description}</Text>
        </Text>
      ))}
    </Text>
  );
}
