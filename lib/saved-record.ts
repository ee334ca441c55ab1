import type { SavedPaper } from './types';

/**
 * When a saved record's tags or note last changed (0: never). Records kept from before the
 * field existed stand in with their last change when they have any.
 */
export function annotatedAtOf(saved: Pick<SavedPaper, 'annotatedAt' | 'tags' | 'note' | 'updatedAt'>): number {
  return saved.annotatedAt ?? (saved.tags.length > 0 || saved.note !== '' ? saved.updatedAt : 0);
}
