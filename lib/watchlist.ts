import type { WatchEntry } from './settings';
import type { Paper } from './types';

/** A compiled watchlist: build once per refresh, test many papers. */
export interface WatchMatcher {
  /** The entries a paper matches, in watchlist order (empty when none). */
  match(paper: Paper): WatchEntry[];
}

/**
 * Compiles a watchlist. Keywords match whole words, case-insensitively, in the title, the
 * abstract and the AI keywords ("LLM" matches "an LLM agent", not "LLMs"); authors and
 * organizations match whole words of a name ("Hinton" matches "Geoffrey Hinton").
 */
export function compileWatchlist(entries: WatchEntry[]): WatchMatcher {
  const compiled = entries.map((entry) => ({ entry, pattern: wholeWords(entry.value) }));
  return {
    match(paper) {
      const matched: WatchEntry[] = [];
      for (const { entry, pattern } of compiled) {
        if (pattern === null) continue;
        const fields =
          entry.kind === 'keyword'
            ? [paper.title, paper.abstract, ...paper.aiKeywords]
            : entry.kind === 'author'
              ? paper.authors
              : paper.organization === null
                ? []
                : [paper.organization];
        if (fields.some((field) => pattern.test(field))) matched.push(entry);
      }
      return matched;
    },
  };
}

/** "Matches your watchlist: diffusion, Yann LeCun": what matched, for people. */
export function describeMatches(matched: WatchEntry[]): string {
  return matched.map((entry) => entry.value).join(', ');
}

// Letters and digits of any script count as word characters, so "ViT" does not match inside
// "ViTs" and "é" is part of a word.
function wholeWords(value: string): RegExp | null {
  const words = value
    .trim()
    .split(/[\s\-]+/)
    .filter(Boolean)
    .map(escapeRegExp);
  if (words.length === 0) return null;
  return new RegExp(`(?<![\\p{L}\\p{N}])${words.join('[\\s\\-]+')}(?![\\p{L}\\p{N}])`, 'iu');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
